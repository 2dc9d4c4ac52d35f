"""Event records: what ``extract_events`` returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Span = tuple[int, int, str]  # (start, end, text) into the document's clean text

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")


@dataclass(frozen=True, slots=True)
class Event:
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    event_type: str
    mode: str | None = None
    actors: tuple[Span, ...] = ()
    targets: tuple[Span, ...] = ()
    locations: tuple[Span, ...] = ()
    date: dt.date | None = None
    date_granularity: str | None = None
    date_evidence: str | None = None
    date_start: int | None = None
    date_end: int | None = None
    magnitude: float | None = None
    magnitude_unit: str | None = None
    magnitude_evidence: str | None = None
    negated: bool = False
    hypothetical: bool = False
    # Why the event is hypothetical: threatened, planned, demanded, conditional or possible.
    modality: str | None = None
    historical: bool = False
    confidence: float = 0.5
    # Other words in the sentence that name the same event ("قتل ... في هجوم").
    other_triggers: tuple[Span, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class NoEvent:
    """A sentence that was examined and produced no event (POLECAT's audit of misses)."""

    sentence_start: int
    sentence_end: int
    reason: str


@dataclass(frozen=True, slots=True)
class EventResult:
    events: list[Event]
    examined: list[NoEvent]
