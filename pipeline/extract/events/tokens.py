"""Words of a sentence with offsets and match keys, triggers as token ranges, and clauses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from pipeline.extract.events import cues
from pipeline.extract.events.lexicon import Entry, strippings
from pipeline.text.normalize import match_keys
from pipeline.text.tokenize import tokenize


class Tok(NamedTuple):  # a tuple: built for every word of every sentence, cheaper than a dataclass
    start: int
    end: int
    key: str

    @property
    def punct(self) -> bool:
        return self.end - self.start == 1 and not self.key.isalnum()


@dataclass(frozen=True, slots=True)
class Trigger:
    first: int
    last: int
    entry: Entry

    @property
    def verbal(self) -> bool:
        return self.entry.pos in "VP" or (self.entry.pos == "M" and "/" in self.entry.lemma)


def tokens(text: str, start: int, end: int) -> list[Tok]:
    spans = tokenize(text, start, end)
    keys = match_keys([text[s:e] for s, e in spans])  # one folding pass over the sentence's words
    return [Tok(s, e, key) for (s, e), key in zip(spans, keys) if key]


def is_boundary(tok: Tok) -> bool:
    return (tok.punct and tok.key in cues.PUNCT_BOUNDARY) or tok.key in cues.CLAUSE_WORDS


def clause(toks: list[Tok], first: int, last: int) -> tuple[int, int]:
    lo = first
    while lo > 0 and not is_boundary(toks[lo - 1]):
        lo -= 1
    hi = last
    while hi + 1 < len(toks) and not is_boundary(toks[hi + 1]):
        hi += 1
    return lo, hi


def stem(key: str) -> str:
    return strippings(key)[-1][0]
