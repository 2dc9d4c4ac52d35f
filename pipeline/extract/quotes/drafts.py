"""Quotes under construction, before continuation cues are resolved to speakers."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.quotes.lexicon import CueForm
from pipeline.extract.quotes.speaker import Speaker
from pipeline.extract.quotes.tokens import Token


@dataclass(slots=True)
class Draft:
    start: int
    end: int
    kind: str
    cue: Token | None
    lemma: str | None
    speaker: Speaker | None
    mode: str  # "explicit" | "continue" | "none"
    confidence: float
    anchor: int  # where the attribution was written (orders continuation)


@dataclass(slots=True)
class Dangling:
    """A cue with a speaker but no statement after it ("…"، قال ميلر / قال البيان⏎«…»)."""

    tok: int
    form: CueForm
    speaker: Speaker | None
    mode: str
    used: bool = False


def add_draft(drafts: list[Draft], start: int, end: int, kind: str, cue: Token | None,
              form: CueForm | None, speaker: Speaker | None, mode: str, confidence: float) -> int:
    """Record a quote; ``mode`` says how its speaker is known (named, continued, or none)."""
    anchor = cue.start if cue is not None else start
    drafts.append(Draft(start, end, kind, cue, form.lemma if form else attribution_lemma(cue),
                         speaker, mode, round(min(max(confidence, 0.05), 1.0), 2), anchor))
    return len(drafts) - 1


def attribution_lemma(cue: Token | None) -> str | None:
    if cue is None or not cue.word:
        return None
    key = cue.key.removeprefix("و").removeprefix("ب")
    return {"وفقا": "وفق", "طبقا": "طبق", "نقلا": "نقل"}.get(key, key)


def covered(drafts: list[Draft], pos: int) -> bool:
    return any(d.start <= pos < d.end for d in drafts)
