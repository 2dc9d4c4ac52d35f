"""Modality (negation, hypothetical reason), mode, magnitude and historical flag of a trigger."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pipeline.extract.events import cues
from pipeline.extract.events.lexicon import strippings
from pipeline.extract.events.tokens import Tok, Trigger, stem
from pipeline.text.normalize import match_key
from pipeline.text.numbers import Quantity


def read_modality(toks: list[Tok], trig: Trigger, lo: int,
              hi: int) -> tuple[bool, str | None, int | None]:
    """Negation, hypothetical reason, and the index of a governing verb (نفت، هددت، تعتزم)."""
    negated = False
    modality: str | None = None
    governor: int | None = None
    start = max(lo, trig.first - 7)
    for k in range(trig.first - 1, start - 1, -1):
        key = toks[k].key
        key_stem = stem(key)
        near = trig.first - k <= 3
        if near and (key in cues.NEGATION_NEAR or (key.startswith("و") and key[1:] in cues.NEGATION_NEAR)):
            negated = True
        if key in cues.NEGATION_VERBS or key_stem in cues.NEGATION_VERBS:
            negated = True
            governor = k if governor is None else governor
        if modality is None:
            if key in cues.THREAT_CUES or key_stem in cues.THREAT_CUES:
                modality, governor = "threatened", k
            elif key in cues.DEMAND_CUES or key_stem in cues.DEMAND_CUES:
                modality = "demanded"
            elif key in cues.PLAN_CUES or key_stem in cues.PLAN_CUES:
                modality = "planned"
                governor = k if governor is None else governor
            elif key in cues.CONDITION_CUES or key_stem in cues.CONDITION_CUES:
                modality = "conditional"
            elif key in cues.POSSIBLE_CUES or (key == "قد" and trig.verbal
                                                and toks[trig.first].key[:1] in "يتن"):
                modality = "possible"
    if modality is None and not trig.verbal and any(
            t.key in cues.FUTURE_AFTER for t in toks[trig.last + 1:min(hi + 1, trig.last + 4)]):
        modality = "planned"
    if trig.verbal and modality is None:
        key = toks[trig.first].key
        if any(prefix.endswith("س") for _, prefix in strippings(key)) and key[len("س"):][:1] in "يتن":
            modality = "planned"  # future prefix: "ستنسحب"
    if negated and modality == "planned":
        modality = None  # "نفت وجود خطط لسحب": the denial covers the plan
    if trig.entry.type in ("THREATEN", "REQUEST") and modality in ("threatened", "demanded"):
        modality = None  # the threat or demand itself did happen
    return negated, modality, governor


def read_mode(toks: list[Tok], trig: Trigger, lo: int, hi: int) -> str | None:
    """The trigger's own mode, unless its clause names a more specific means (a drone or
    aircraft for "قصف")."""
    table = {"ASSAULT": cues.ASSAULT_MODE_CUES, "CONSULT": cues.CONSULT_MODE_CUES}.get(trig.entry.type)
    context = None
    if table:
        words = {stem(t.key) for t in toks[lo:hi + 1]} | {t.key for t in toks[lo:hi + 1]}
        context = next((mode for mode, keys in table if words & keys), None)
    if context in ("drone", "aerial") and trig.entry.mode in (None, "heavy_weapons", "explosives"):
        return context
    return trig.entry.mode or context


def pick_magnitude(text: str, toks: list[Tok], quantities: list[Quantity], trig: Trigger,
               s_start: int, s_end: int, clause: tuple[int, int]) -> Quantity | None:
    """The nearest count of a kind the event type cares about: casualties anywhere in the
    sentence, other counts only in the trigger's clause."""
    wanted = cues.MAGNITUDE_UNITS.get(trig.entry.type)
    if not wanted:
        return None
    anchor = toks[trig.first].start
    best: tuple[int, Quantity] | None = None
    for q in quantities:
        if not (s_start <= q.start and q.end <= s_end):
            continue
        unit = _count_kind(text, q, s_start)
        if unit not in wanted or (unit not in ("killed", "wounded")
                                  and not clause[0] <= q.start < clause[1]):
            continue
        score = abs(q.start - anchor) - (10_000 if unit == "killed" else 0)
        if best is None or score < best[0]:
            best = (score, replace(q, unit=unit))
    return best[1] if best else None


def _count_kind(text: str, q: Quantity, s_start: int) -> str | None:
    """What a count counts: killed / wounded when a casualty word governs it, else its noun."""
    if q.unit in ("killed", "wounded", "attacks", "strikes", "missiles", "drones", "explosions"):
        return q.unit
    before = [match_key(w) for w in text[max(s_start, q.start - 25):q.start].split()][-2:]
    after = [match_key(w) for w in text[q.end:q.end + 25].split()][:2]
    for words in (before, after):
        stems = {stem(w) for w in words} | set(words)
        if stems & cues.KILLED_CUES:
            return "killed"
        if stems & cues.WOUNDED_CUES:
            return "wounded"
    return q.unit


def is_historical(date: dt.date | None, granularity: str | None, published: dt.date | None) -> bool:
    """Dated more than a year before publication (a year: an earlier year). A range runs up to
    publication, so only one that began over a year earlier ("منذ العام 2014") counts."""
    if date is None or published is None:
        return False
    if granularity == "year":
        return date.year < published.year
    return (published - date).days > 365
