"""The quote scorer on a small gold folder written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluation import quotes as scorer

ARTICLE = (
    "الحكومة تعلن خطة جديدة للطاقة\n\n"
    "أعلنت الحكومة اليوم خطة جديدة لتطوير قطاع الطاقة في البلاد خلال السنوات المقبلة.\n\n"
    "وقال وزير الطاقة سمير داود إن الخطة ستوفر آلاف الوظائف للشباب في المحافظات كافة.\n\n"
    "وأضاف: «سنبدأ التنفيذ مطلع العام المقبل بالتعاون مع شركات محلية ودولية».\n\n"
    "ويعمل في القطاع حالياً نحو عشرة آلاف موظف في مختلف المحافظات.\n"
)


@pytest.fixture(autouse=True)
def _no_ner(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer's own logic is under test, not the tagger (it falls back to no mentions)."""
    monkeypatch.setattr(scorer, "_tagger", lambda: None)


def _gold(folder: Path, article: Path, rows: list[dict]) -> None:
    with open(folder / "x.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({"file": str(article), **row}, ensure_ascii=False) + "\n")


def _row(kind: str, text: str, speaker: str | None, aliases: list[str]) -> dict:
    return {"kind": kind, "text": text, "cue": None, "speaker": speaker, "speaker_text": None,
            "speaker_aliases": aliases, "speaker_role": None}


def test_scores_and_last_line(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    _gold(tmp_path, article, [
        _row("indirect", "الخطة ستوفر آلاف الوظائف للشباب في المحافظات كافة", "سمير داود", ["داود"]),
        _row("direct", "سنبدأ التنفيذ مطلع العام المقبل بالتعاون مع شركات محلية ودولية", "سمير داود", []),
        _row("direct", "ويعمل في القطاع حالياً نحو عشرة آلاف موظف", None, []),  # nothing predicts this
    ])
    assert scorer.main(["--gold", str(tmp_path)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    last = dict(part.split("=") for part in out[-1].split())
    assert list(last) == ["direct_precision", "direct_recall", "indirect_precision", "indirect_recall",
                          "speaker_accuracy"]
    assert float(last["direct_recall"]) == 0.5  # one of the two direct gold quotes
    assert float(last["indirect_recall"]) == 1.0
    assert float(last["speaker_accuracy"]) == 1.0


def test_wrong_speaker_counts_against_accuracy(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    _gold(tmp_path, article, [_row("indirect", "الخطة ستوفر آلاف الوظائف للشباب في المحافظات كافة",
                                   "رئيس الحكومة", ["الرئيس"])])
    scorer.main(["--gold", str(tmp_path)])
    assert capsys.readouterr().out.strip().endswith("speaker_accuracy=0.000")


def test_half_overlap_matches_one_to_one() -> None:
    gold = scorer.GoldQuote("f", "direct", "abcdefghij", None, ())
    article = scorer.Article(Path("f"), True, "xx abcdefghij yy", [], [])
    from pipeline.extract.quotes import Quote

    def q(start: int, end: int) -> Quote:
        return Quote(start, end, article.clean_text[start:end], "direct", None, None, None, None,
                     None, None, None, None, None, None, 0.5)

    article.quotes = [q(3, 8), q(3, 7)]  # 5 of 10 gold characters, then 4 of 10
    tally, errors = scorer.Tally.empty(), []
    scorer.score_article(article, [gold], tally, errors)
    assert tally.matched == 1 and tally.pred["direct"] == 2
    assert any("spurious" in e for e in errors)


def test_speaker_comparison_uses_aliases_and_nulls() -> None:
    gold = scorer.GoldQuote("f", "direct", "t", "محمد شياع السوداني", ("محمد شياع السوداني", "السوداني"))
    assert scorer.speaker_correct("رئيس الوزراء محمد شياع السوداني", gold)
    assert not scorer.speaker_correct("وزير الخارجية", gold)
    assert not scorer.speaker_correct(None, gold)
    assert scorer.speaker_correct(None, scorer.GoldQuote("f", "direct", "t", None, ()))
