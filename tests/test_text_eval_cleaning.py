"""The cleaning scorer on a small gold set written in the test."""

from __future__ import annotations

import json

from pipeline.evaluation.cleaning import main

BODY = "أعلنت وزارة الطاقة، صباح الأحد، عن خطة لزيادة إنتاج الكهرباء من المحطات الشمسية بنسبة كبيرة."
ARTICLE = ["خطة لمضاعفة إنتاج الطاقة الشمسية", "شارك", BODY, "مقالات ذات صلة"]


def write_gold(tmp_path, labels, metadata):
    article = tmp_path / "article.txt"
    article.write_text("\n".join(ARTICLE), encoding="utf-8")
    lines = [
        {"line_no": i + 1, "text": text, "label": label, "reason": "x"}
        for i, (text, label) in enumerate(zip(ARTICLE, labels))
    ]
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "article.json").write_text(
        json.dumps({"file": str(article), "lines": lines, "metadata": metadata}, ensure_ascii=False),
        encoding="utf-8",
    )
    return gold


META = {"title": ARTICLE[0], "published_date": None, "date_precision": None, "date_evidence": None,
        "byline": None, "outlet": None, "dateline": None}


def test_scorer_reports_perfect_agreement(tmp_path, capsys):
    gold = write_gold(tmp_path, ["title", "boilerplate", "body", "boilerplate"], META)
    assert main(["--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "[other] removal precision=1.000 recall=1.000 (tp=2 fp=0 fn=0)" in out
    assert "title=1/1" in out and "byline=1/1" in out
    assert out.strip().splitlines()[-1].startswith("boilerplate_precision=")


def test_scorer_counts_lost_body_lines_and_wrong_fields(tmp_path, capsys):
    # Gold that (wrongly) calls the share widget body and names a byline the text never states.
    gold = write_gold(tmp_path, ["title", "body", "body", "boilerplate"], {**META, "byline": "سامر"})
    main(["--gold", str(gold), "-v"])
    out = capsys.readouterr().out
    assert "(tp=1 fp=1 fn=0)" in out
    assert "body=1" in out
    assert "byline=0/1" in out


def test_scorer_without_gold(tmp_path):
    assert main(["--gold", str(tmp_path)]) == 2
