"""Run every scorer and record the headline figures in eval/scores.json (shown in each release's card).

`khabar eval scores` prints the table; `--write` stores it. The file also records the sha256 of the
shipped model artefacts, so a test can tell when the recorded figures no longer describe the models.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import io
import json
import os
import re
import sys
from pathlib import Path

from pipeline.release.jsonfile import write_json

_ROOT = Path(__file__).resolve().parents[2]
SCORES_FILE = _ROOT / "eval" / "scores.json"
MODELS_DIR = _ROOT / "pipeline" / "extract" / "models"
# The benchmark data lives beside the repository (../shared/data) unless KHABAR_SHARED_DATA says where.
_SHARED = Path(os.environ.get("KHABAR_SHARED_DATA", _ROOT.parent / "shared" / "data"))
_KEY_VALUE = re.compile(r"\b([a-z][a-z0-9_]*)=([0-9]+(?:\.[0-9]+)?)\b")


def _on_shared(label: str, module: str, flag: str, data: str, last_lines: int, *argv: str) -> tuple:
    """A run over a file of the shared benchmark data (skipped when the file is missing)."""
    path = _SHARED / data
    return label, module, [flag, str(path), *argv], last_lines, path


_GSR = "events/arabic_event_gsr_dev/"
# (task label, scorer module, argv, how many trailing output lines hold the figures, data it needs)
RUNS = (
    ("cleaning (seeds gold)", "cleaning", [], 1, None),
    ("cleaning (unseen pages gold)", "cleaning", ["--gold", str(_ROOT / "eval/gold/cleaning_unseen")], 1, None),
    ("cleaning (development pages gold)", "cleaning", ["--gold", str(_ROOT / "eval/gold/cleaning_dev")], 1, None),
    _on_shared("NER (ANERcorp test)", "ner", "--conll", "ner/anercorp_camel/ANERCorp_CamelLab_test.txt", 1),
    ("entity resolution (seeds gold)", "entities", [], 1, None),
    ("entity resolution (unseen articles gold)", "entities",
     ["--gold", str(_ROOT / "eval/gold/entities/unseen"), "--seeds", str(_ROOT / "eval/articles/entities")], 1, None),
    ("entity resolution (development articles gold)", "entities",
     ["--gold", str(_ROOT / "eval/gold/entities/dev"), "--seeds", str(_ROOT / "eval/articles/entities_dev")], 1, None),
    ("quotes (seeds gold)", "quotes", [], 1, None),
    ("quotes (unseen articles gold)", "quotes", ["--gold", str(_ROOT / "eval/gold/quotes/unseen")], 1, None),
    ("quotes (development articles gold)", "quotes", ["--gold", str(_ROOT / "eval/gold/quotes/dev")], 1, None),
    ("events (seeds gold)", "events", ["--gold"], 2, None),
    ("events (unseen articles gold)", "events",
     ["--gold", str(_ROOT / "eval/gold/events/unseen"), "--articles", str(_ROOT / "eval/articles/entities")], 2, None),
    ("events (development articles gold)", "events",
     ["--gold", str(_ROOT / "eval/gold/events/dev"), "--articles", str(_ROOT / "eval/articles/entities_dev")], 2, None),
    _on_shared("events ASSAULT (PLOVER GSR held-out)", "events", "--gsr", _GSR + "assault_gsr_dev.csv", 3,
               "--split", "heldout"),
    _on_shared("events PROTEST (PLOVER GSR held-out)", "events", "--gsr", _GSR + "protest_gsr_dev.csv", 3,
               "--split", "heldout"),
    _on_shared("event arguments ASSAULT (PLOVER GSR spans held-out)", "events", "--spans",
               _GSR + "assault_spans_dev.json", 1, "--split", "heldout"),
    _on_shared("event arguments PROTEST (PLOVER GSR spans held-out)", "events", "--spans",
               _GSR + "protest_spans_dev.json", 1, "--split", "heldout"),
)


def figures(output: str, last_lines: int) -> dict[str, float]:
    """The key=value figures on the last lines a scorer printed."""
    tail = "\n".join(output.strip().splitlines()[-last_lines:])
    return {k: float(v) for k, v in _KEY_VALUE.findall(tail)}


def artefact_hashes() -> dict[str, str]:
    """sha256 of every shipped model file, keyed by its path under pipeline/extract/models."""
    return {
        str(p.relative_to(MODELS_DIR)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(MODELS_DIR.rglob("*")) if p.is_file() and p.suffix != ".md"
    }


def run_all() -> dict:
    scores: dict[str, dict] = {}
    for label, module, argv, last_lines, needs in RUNS:
        if needs is not None and not needs.exists():
            print(f"skipped {label}: {needs} not found", file=sys.stderr)
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            importlib.import_module(f"pipeline.evaluation.{module}").main(argv)
        command = " ".join(["khabar eval", module, *(a.replace(str(_SHARED), "../shared/data")
                                                     .replace(str(_ROOT) + "/", "") for a in argv)])
        scores[label] = {**figures(out.getvalue(), last_lines), "command": command}
    return scores


def load_scores(path: Path = SCORES_FILE) -> dict | None:
    """{task: {metric: value}} for the dataset card, or None when no scores were recorded."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["scores"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar eval scores", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"store the figures in {SCORES_FILE.relative_to(_ROOT)}")
    args = parser.parse_args(argv)
    scores = run_all()
    for label, values in scores.items():
        print(f"{label}: " + " ".join(f"{k}={v}" for k, v in values.items() if k != "command"))
    if args.write:
        record = {"scores": scores, "model_artefacts_sha256": artefact_hashes()}
        write_json(SCORES_FILE, record)
        print(f"wrote {SCORES_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
