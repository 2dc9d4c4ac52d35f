"""The hand-made gold under eval/gold/ stays consistent with the articles it annotates."""

import importlib.util
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parents[1] / "eval" / "gold" / "quotes" / "validate_gold.py"


def test_every_gold_string_is_in_its_article(capsys):
    spec = importlib.util.spec_from_file_location("validate_gold", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main() == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    # every entity folder was read
    assert "u01_tower22_drone" in out and "d01_gaza_talks_cairo" in out and "000_c65eac5b34e78930" in out
    assert out.count("d06_jordan_tower_border") == 3  # its entity, event and quote gold
    assert out.count("u05_hochstein_beirut") == 3


def test_cleaning_gold_matches_its_raw_articles(capsys):
    """Every line of the cleaning gold (in-sample and out-of-sample folders) quotes its raw article,
    every non-blank line is labelled once, and each metadata value is found in the raw text."""
    gold = Path(__file__).resolve().parents[1] / "eval" / "gold"
    spec = importlib.util.spec_from_file_location("validate_cleaning", gold / "cleaning" / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folders = [str(gold / "cleaning"), str(gold / "cleaning_dev"), str(gold / "cleaning_unseen")]
    assert module.main(folders) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "levantine_budget.json" in out and "000_c65eac5b34e78930.json" in out
    assert all(len(list((gold / f"cleaning_{kind}").glob("*.json"))) >= 5 for kind in ("dev", "unseen"))
