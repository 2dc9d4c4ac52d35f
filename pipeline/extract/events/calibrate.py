"""Contextual features of ASSAULT and PROTEST events, the rule evidence of the sentence classifier.

A trigger word alone over-fires: news mentions attacks and protests in the background, in
investigations, or as metaphors. These features say how much a verbal trigger, a casualty
count, a time adverb, a location or a definite noun in a prepositional phrase say about a
concrete, reported event. ``classifier`` max-pools them over a sentence's asserted events and
learns their weights together with the sentence's words (``train.py``, trained on the
development half of the Arabic event GSR only).
"""

from __future__ import annotations

from pipeline.extract.events import cues
from pipeline.extract.events.lexicon import preposition_clitic, strippings

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


def threshold(event_type: str) -> float:
    """The sentence classifier's cut for this type (kept here for existing callers)."""
    from pipeline.extract.events.classifier import threshold as cut

    return cut(event_type)
