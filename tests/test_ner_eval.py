"""The entity-level scorer must count spans the way conlleval does."""

from pipeline.evaluation.ner import chunks, main, score_sentences
from pipeline.extract.ner.corpus import normalize_tag, read_conll


def test_chunks_follow_conlleval():
    assert chunks(["B-PERS", "I-PERS", "O", "B-LOC"]) == {(0, 2, "PERS"), (3, 4, "LOC")}
    # an I- tag with no B- opens a chunk; a type change closes one
    assert chunks(["I-ORG", "I-ORG", "I-LOC"]) == {(0, 2, "ORG"), (2, 3, "LOC")}
    assert chunks(["B-PERS", "B-PERS"]) == {(0, 1, "PERS"), (1, 2, "PERS")}
    assert chunks(["O", "O"]) == set()


def test_scores_on_a_tiny_synthetic_file(tmp_path):
    gold_file = tmp_path / "gold.txt"
    gold_file.write_text(
        "زار B-PER\nكوفي I-PER\nأنان O\nبغداد B-LOC\n\nقالت O\nالأمم B-ORG\nالمتحدة I-ORG\n",
        encoding="utf-8",
    )
    gold = [[t for _, t in s] for s in read_conll(gold_file)]
    assert gold[0][:2] == ["B-PERS", "I-PERS"]
    # prediction: person span too short (wrong), LOC right, ORG right, one spurious MISC
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-MISC", "B-ORG", "I-ORG"]]
    scores = score_sentences(gold, pred)
    micro = scores["micro"]
    assert (micro["correct"], micro["gold"], micro["pred"]) == (2, 3, 4)
    assert abs(micro["precision"] - 0.5) < 1e-9 and abs(micro["recall"] - 2 / 3) < 1e-9
    assert abs(micro["f1"] - 2 * 0.5 * (2 / 3) / (0.5 + 2 / 3)) < 1e-9
    assert scores["per_type"]["PERS"]["f1"] == 0.0
    assert scores["per_type"]["LOC"]["f1"] == 1.0


def test_tag_aliases():
    assert (
        normalize_tag("B-PER") == "B-PERS"
        and normalize_tag("I-MIS") == "I-MISC"
        and normalize_tag("O") == "O"
    )


def test_cli_prints_micro_f1_last(tmp_path, capsys):
    path = tmp_path / "tiny.txt"
    path.write_text(
        "قال O\nالرئيس O\nجورج B-PERS\nبوش I-PERS\nفي O\nواشنطن B-LOC\n",
        encoding="utf-8",
    )
    assert main(["--conll", str(path)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("micro_f1=") and 0.0 <= float(last.split("=")[1]) <= 1.0
