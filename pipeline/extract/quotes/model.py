"""The quote record returned by the extractor."""

from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True, slots=True)
class Quote:
    """One reported statement; all offsets index the document's clean text.

    ``text == clean_text[start:end]`` is the statement itself (without quote marks; for indirect
    speech the reported clause). Speaker fields are ``None`` for unattributed quotes; a quote that
    continues an earlier speaker ("وأضاف: ...") copies that speaker's span and records the earlier
    quote's index in ``continued_from``.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    cue_lemma: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    speaker_role: str | None
    speaker_mention_index: int | None
    continued_from: int | None
    confidence: float
