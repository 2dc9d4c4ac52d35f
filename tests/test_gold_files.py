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
