"""The ASSAULT / PROTEST sentence classifier: shipped model, features, training discipline."""

import csv
import json

import pytest

from pipeline.evaluation.events import annotator_agreement, score_gsr, score_spans, split_of
from pipeline.extract.events import classifier, detect
from pipeline.extract.events.train import Row, _folds, development_rows, fit
from pipeline.text.normalize import match_key


def test_shipped_model_has_both_types_and_a_card():
    model = json.loads(classifier.MODEL_FILE.read_text(encoding="utf-8"))
    for event_type in ("ASSAULT", "PROTEST"):
        entry = model["types"][event_type]
        assert 0.0 < entry["threshold"] < 1.0
        assert entry["weights"] and entry["rows"] > entry["positives"] > 0
    card = (classifier.MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "Open Event Data Alliance" in card and "MIT" in card


def test_text_features_skip_punctuation_and_scale_per_block():
    feats = classifier.text_features(["قتل", "،", "جنديان"])
    assert "w:قتل" in feats and "w:،" not in feats
    lexical = [v for f, v in feats.items() if f[:2] in ("w:", "s:")]
    assert sum(v * v for v in lexical) == pytest.approx(1.0)
    chars = [v for f, v in feats.items() if f.startswith("c:")]
    assert sum(v * v for v in chars) == pytest.approx(1.0)


def test_word_groups_match_words_and_their_clitic_stripped_stems():
    keys = [match_key(w) for w in "وتظاهر آلاف الطلاب أمام مبنى والشرطة".split()]
    feats = classifier.group_features(keys)
    assert {"g:crowd", "g:street", "g:security"} <= set(feats)
    assert "g:unconventional" not in feats
    assert set(feats.values()) == {classifier.GROUP_WEIGHT}
    assert feats.items() <= classifier.features(keys, [], set()).items()


def test_probability_ignores_unknown_features():
    p = classifier.probability("ASSAULT", {"w:لاوجودلهذهالكلمة": 1.0})
    assert p is not None and 0.0 < p < 1.0
    assert classifier.probability("CONSULT", {}) is None


def test_reported_attack_scores_above_threshold():
    sentence = "قتل ثلاثة جنود وأصيب خمسة آخرون أمس في هجوم انتحاري بسيارة مفخخة استهدف نقطة تفتيش في المدينة."
    found = [e for e in detect(sentence) if e.event_type == "ASSAULT"]
    assert found and max(e.confidence for e in found) >= classifier.threshold("ASSAULT")


def test_reported_protest_scores_above_threshold():
    sentence = "تظاهر آلاف الطلاب أمس أمام مبنى الوزارة في العاصمة احتجاجا على رفع الرسوم الجامعية."
    found = [e for e in detect(sentence) if e.event_type == "PROTEST"]
    assert found and max(e.confidence for e in found) >= classifier.threshold("PROTEST")


def test_events_of_one_type_in_a_sentence_share_the_sentence_probability():
    sentence = "هاجم مسلحون نقطة تفتيش وقتلوا جنديين في هجوم ليلي."
    confidences = {e.confidence for e in detect(sentence) if e.event_type == "ASSAULT"}
    assert len(confidences) == 1


def _gsr(tmp_path, rows):
    path = tmp_path / "assault_gsr_dev.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["accept", "event_type", "id", "label", "reject", "text", "total"])
        writer.writeheader()
        for rid, label, text in rows:
            writer.writerow({"accept": 0, "event_type": "ASSAULT", "id": rid, "label": label,
                             "reject": 3, "text": text, "total": 3})
    return path


def test_training_reads_only_the_development_half(tmp_path):
    ids = [str(n) for n in range(40)]
    dev = [i for i in ids if split_of(i) == "dev"]
    held = [i for i in ids if split_of(i) == "heldout"]
    assert dev and held
    rows = [(i, "yes" if n % 2 else "easy no", f"هاجم مسلحون القرية رقم {i}") for n, i in enumerate(ids)]
    amb_id = next(f"amb{n}" for n in range(100) if split_of(f"amb{n}") == "dev")
    rows.append((amb_id, "ambiguous", "جملة غامضة"))
    # A development row repeating a held-out row's text is left out as well.
    copy_id = next(f"dup{n}" for n in range(100) if split_of(f"dup{n}") == "dev")
    rows.append((copy_id, "yes", f"هاجم مسلحون القرية رقم {held[0]}"))
    got = development_rows(_gsr(tmp_path, rows), "ASSAULT")
    assert {r.id for r in got} == set(dev)
    assert all(r.label != "ambiguous" for r in got)


def test_fit_and_folds_are_deterministic():
    rows = [Row(str(n), "yes" if n % 3 == 0 else "easy no", int(n % 3 == 0),
                {"w:a": 1.0, f"w:{n % 5}": 0.5, "r_n": 0.3 * (n % 3 == 0)}) for n in range(60)]
    assert fit(rows) == fit(rows)
    folds = _folds(rows, 0)
    assert folds == _folds(rows, 0) and folds != _folds(rows, 1)
    positives = [f for r, f in zip(rows, folds) if r.y]
    assert sorted(set(positives)) == [0, 1, 2, 3, 4]


def test_annotator_agreement_counts_dissenting_accepts_as_false_positives():
    rows = [{"label": "yes", "accept": "3", "total": "3"},
            {"label": "yes", "accept": "4", "total": "4"},
            {"label": "difficult no", "accept": "1", "total": "3"},
            {"label": "difficult no", "accept": "2", "total": "4"},
            {"label": "easy no", "accept": "0", "total": "3"}]
    p, r, f = annotator_agreement(rows)
    assert p == pytest.approx(2 / (2 + 1 / 3 + 1 / 2))
    assert r == 1.0 and f == pytest.approx(2 * p / (1 + p))
    assert annotator_agreement([{"label": "easy no", "accept": "0", "total": "3"}]) == (0.0, 0.0, 0.0)


def test_gsr_scorer_prints_detector_and_annotator_figures_with_f1_last(tmp_path, capsys):
    ids = [f"s{n}" for n in range(20)]
    rows = [(i, "yes" if n % 2 else "easy no",
             "هاجم مسلحون نقطة تفتيش وقتلوا جنديين." if n % 2 else "ارتفعت أسعار النفط اليوم.")
            for n, i in enumerate(ids)]
    f1 = score_gsr(_gsr(tmp_path, rows), "all")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == f"f1={f1:.4f}" and f1 > 0.9
    assert lines[-3].startswith("annotator_precision=1.0000 annotator_f1=1.0000")


def test_span_scorer_counts_an_argument_that_shares_a_word_with_the_coders_one(tmp_path, capsys):
    rows = [{"source": "r1", "event_type": "PROTEST", "text": "وتجمع آلاف المحتجين أمام البرلمان في العاصمة.",
             "source_gold": "المحتجين", "target_gold": ""},
            {"source": "r2", "event_type": "ASSAULT", "text": "هاجم مسلحون نقطة تفتيش للشرطة وقتلوا جنديين.",
             "source_gold": "مسلحون", "target_gold": "الجيش"},
            {"source": "r3", "event_type": "ASSAULT", "text": "ارتفعت أسعار النفط اليوم.",
             "source_gold": "النفط", "target_gold": ""}]
    path = tmp_path / "spans.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    actor, target = score_spans(path, "all")
    out = capsys.readouterr().out.strip().splitlines()
    # r3 has no event, so it is not scored; r2's target shares no word with the coders' one
    assert (actor, target) == (1.0, 0.0)
    assert out[-1] == "actor_accuracy=1.0000 target_accuracy=0.0000"
