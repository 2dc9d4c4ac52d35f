"""Confidence for ASSAULT and PROTEST events: logistic regression over contextual features.

A trigger word alone over-fires: news mentions attacks and protests in the background, in
investigations, or as metaphors. The model learns, from the development half of the Arabic
event GSR (``pipeline.evaluation.events.split_of(id) == "dev"``; the held-out half is never
read here), how much a verbal trigger, a casualty count, a time adverb, a location or a
definite noun in a prepositional phrase say about a concrete, reported event.
``train()`` rebuilds ``calibration.json`` deterministically (fixed data order, full-batch
gradient descent from zero weights).
"""

from __future__ import annotations

import csv
import json
import math
from functools import cache
from importlib import resources
from pathlib import Path

from pipeline.extract.events import cues
from pipeline.extract.events.lexicon import preposition_clitic, strippings

MODEL_FILE = "calibration.json"
CALIBRATED_TYPES = ("ASSAULT", "PROTEST")

_LEMMA_MODES = ("aerial", "drone", "explosives", "heavy_weapons", "firearms", "targeted_killing",
                "abduction", "torture", "demonstrate", "strike", "riot")

FEATURES = (
    "bias", "prior", "verbal", "passive", "definite_noun", "in_pp", "triggers", "magnitude",
    "casualties", "date", "recent", "location", "actor", "target", "mode", "year",
    "reported", "background", "long", "early", "participant", "other_type_before", "toll",
    "quoted", *(f"lemma_{m}" for m in _LEMMA_MODES),
)


def features(ev, trig, toks, date_found: bool, others: list) -> list[float]:
    """Feature vector of one event (``trig`` is its main trigger, ``toks`` its sentence,
    ``others`` the sentence's other events)."""
    first = toks[trig.first].key
    prefix = next((p for s, p in strippings(first) if p), "")
    prev = toks[trig.first - 1].key if trig.first else ""
    keys = {t.key for t in toks}
    stems = keys | {strippings(k)[-1][0] for k in keys}
    return [
        1.0,
        trig.entry.conf,
        float(trig.verbal),
        float(trig.entry.pos == "P"),
        float(not trig.verbal and ("ال" in prefix or first.startswith("ال"))),
        float(not trig.verbal and (prev in cues.ALL_PREPS or preposition_clitic(first) is not None)),
        min(3.0, 1.0 + len(ev.other_triggers)) / 3.0,
        float(ev.magnitude is not None),
        float(ev.magnitude_unit in ("killed", "wounded")),
        float(date_found),
        float(bool(stems & cues.RECENT_CUES)),
        float(bool(ev.locations)),
        float(bool(ev.actors)),
        float(bool(ev.targets)),
        float(ev.mode is not None),
        float(any(t.key.isdigit() and len(t.key) == 4 and t.key[:2] in ("19", "20") for t in toks)),
        float(bool(stems & cues.REPORTING_CUES)),
        float(bool(stems & cues.BACKGROUND_CUES)),
        min(1.0, len(toks) / 60.0),
        float(trig.first < 8),
        float(trig.entry.pos == "S"),
        float(any(o.event_type != ev.event_type and o.trigger_start < ev.trigger_start
                  and not o.hypothetical for o in others)),
        float(bool(stems & cues.TOLL_CUES)),
        float(any(t.key in ("«", '"', "“") and t.start < ev.trigger_start for t in toks)),
        *(float(trig.entry.mode == m) for m in _LEMMA_MODES),
    ]


@cache
def _model() -> dict:
    text = resources.files(__package__).joinpath(MODEL_FILE)
    return json.loads(text.read_text(encoding="utf-8")) if text.is_file() else {}


def probability(event_type: str, vector: list[float]) -> float | None:
    weights = _model().get("weights", {}).get(event_type)
    if weights is None:
        return None
    z = sum(w * x for w, x in zip(weights, vector))
    return 1.0 / (1.0 + math.exp(-z))


def threshold(event_type: str) -> float:
    return _model().get("thresholds", {}).get(event_type, 0.5)


def _fit(x: list[list[float]], y: list[float], l2: float = 0.1, steps: int = 3000,
         rate: float = 0.5) -> list[float]:
    import numpy as np

    xs, ys = np.array(x), np.array(y)
    w = np.zeros(xs.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-xs @ w))
        grad = xs.T @ (p - ys) / len(ys) + l2 * np.r_[0.0, w[1:]]
        w -= rate * grad
    return [round(float(v), 5) for v in w]


def train(gsr_dir: Path, out: Path | None = None) -> dict:
    """Fit one model per type on the development half of ``<type>_gsr_dev.csv``."""
    from pipeline.evaluation.events import split_of
    from pipeline.extract.events.extract import event_features

    model: dict = {"features": list(FEATURES), "weights": {}, "thresholds": {},
                   "trained_on": "development half of the Arabic event GSR dev files "
                                 "(split_of(id) == 'dev')", "rows": {}}
    for event_type in CALIBRATED_TYPES:
        path = gsr_dir / f"{event_type.lower()}_gsr_dev.csv"
        x: list[list[float]] = []
        y: list[float] = []
        sentence_of: list[int] = []
        labels: list[float] = []
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh)
                    if r["label"] != "ambiguous" and split_of(r["id"]) == "dev"]
        for n, row in enumerate(rows):
            label = float(row["label"] == "yes")
            labels.append(label)
            for vector in event_features(row["text"], event_type):
                x.append(vector)
                y.append(label)
                sentence_of.append(n)
        weights = _fit(x, y)
        model["weights"][event_type] = weights
        model["thresholds"][event_type] = _best_threshold(x, weights, sentence_of, labels)
        model["rows"][event_type] = len(rows)
    target = out or Path(str(resources.files(__package__).joinpath(MODEL_FILE)))
    target.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _model.cache_clear()
    return model


def _best_threshold(x, weights, sentence_of, labels) -> float:
    """Threshold with the best sentence-level F1 on the development half."""
    best_score = [0.0] * len(labels)
    for vector, n in zip(x, sentence_of):
        z = sum(w * v for w, v in zip(weights, vector))
        best_score[n] = max(best_score[n], 1.0 / (1.0 + math.exp(-z)))
    best = (0.0, 0.5)
    for step in range(10, 90):
        t = step / 100
        tp = sum(1 for s, l in zip(best_score, labels) if s >= t and l)
        fp = sum(1 for s, l in zip(best_score, labels) if s >= t and not l)
        fn = sum(1 for s, l in zip(best_score, labels) if s < t and l)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0]:
            best = (f1, t)
    return best[1]


if __name__ == "__main__":
    import os
    import sys

    root = Path(os.environ.get("KHABAR_SHARED", Path(__file__).resolve().parents[4] / "shared"))
    default = root / "data" / "events" / "arabic_event_gsr_dev"
    print(json.dumps(train(Path(sys.argv[1]) if len(sys.argv) > 1 else default)["thresholds"]))
