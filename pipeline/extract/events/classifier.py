"""Sentence classifier for ASSAULT and PROTEST: is an event of this type reported here?

The lexicon finds a trigger in nearly every sentence the GSR annotators accepted, but also in
many they rejected (background mentions, statistics, investigations, metaphors). A logistic
regression over the sentence's words, clitic-stripped stems and character 3–5-grams (all on
match keys), plus the rule detector's own evidence (the calibration features of
``calibrate.features``, max-pooled over the sentence's asserted events of the type, and which
PLOVER types the rules found), scores the sentence. Every ASSAULT / PROTEST event of a
sentence carries that probability as its confidence; ``threshold(type)`` is the cut chosen by
cross-validation on the development half of the GSR (see ``train.py`` and the model card in
``pipeline/extract/models/events/``).

Features are computed by this module alone, for training and at run time, so both see the
same vectors. Values are binary and scaled by 1/sqrt(number of active features of their block)
(independent of the vocabulary), so features the model does not know can simply be ignored.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from pipeline.extract.events.model import PLOVER_TYPES
from pipeline.extract.events.tokens import stem

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "events"
MODEL_FILE = MODEL_DIR / "sentence_classifier.json"
CLASSIFIED_TYPES = ("ASSAULT", "PROTEST")
N_RULE = 35  # length of ``calibrate.features`` vectors
RULE_WEIGHT = 0.3  # scale of the rule block against the text blocks
CHAR_NGRAMS = (3, 5)


def text_features(keys: list[str]) -> dict[str, float]:
    """Words (``w:``), stems (``s:``) and character n-grams of words padded with spaces (``c:``)."""
    words = [k for k in keys if any(c.isalnum() for c in k)]
    lexical: set[str] = set()
    chars: set[str] = set()
    lo, hi = CHAR_NGRAMS
    for w in words:
        lexical.add("w:" + w)
        lexical.add("s:" + stem(w))
        padded = f" {w} "
        for n in range(lo, hi + 1):
            for i in range(len(padded) - n + 1):
                chars.add("c:" + padded[i:i + n])
    out: dict[str, float] = {}
    if lexical:
        v = 1.0 / math.sqrt(len(lexical))
        out.update(dict.fromkeys(lexical, v))
    if chars:
        v = 1.0 / math.sqrt(len(chars))
        out.update(dict.fromkeys(chars, v))
    return out


def rule_features(vectors: list[list[float]], types: set[str] | frozenset[str]) -> dict[str, float]:
    """The rule detector's evidence: calibration features max-pooled over the asserted events
    of the type (``r0``…), how many there are (``r_n``), and the types found (``t:TYPE``)."""
    out: dict[str, float] = {}
    if vectors:
        for i in range(N_RULE):
            v = max(vec[i] for vec in vectors)
            if v:
                out[f"r{i}"] = RULE_WEIGHT * v
        out["r_n"] = RULE_WEIGHT * min(len(vectors), 3) / 3
    for t in PLOVER_TYPES:
        if t in types:
            out["t:" + t] = RULE_WEIGHT
    return out


def features(keys: list[str], vectors: list[list[float]], types) -> dict[str, float]:
    out = text_features(keys)
    out.update(rule_features(vectors, types))
    return out


@cache
def _model() -> dict:
    if not MODEL_FILE.is_file():
        return {}
    return json.loads(MODEL_FILE.read_text(encoding="utf-8"))


def probability(event_type: str, feats: dict[str, float]) -> float | None:
    """P(the sentence reports an event of this type), or None without a model for the type."""
    m = _model().get("types", {}).get(event_type)
    if m is None:
        return None
    weights = m["weights"]
    z = m["bias"] + sum(weights.get(f, 0.0) * v for f, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold(event_type: str) -> float:
    """The cut above which an event of this type counts as reported (0.5 without a model)."""
    return _model().get("types", {}).get(event_type, {}).get("threshold", 0.5)


def reload() -> None:
    _model.cache_clear()
