"""Words of a sentence with offsets and match keys, triggers as token ranges, and clauses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from pipeline.extract.events import cues
from pipeline.extract.events.lexicon import Entry, strippings
from pipeline.text.normalize import word_keys
from pipeline.text.tokenize import tokenize


class Tok(NamedTuple):  # a tuple: built for every word of every sentence, cheaper than a dataclass
    start: int
    end: int
    key: str
    punct: bool  # a one-character token that is not a letter or digit (read often: stored)


# Tok((start, end, key, punct)) without the Python-level __new__ of a NamedTuple.
_tok = partial(tuple.__new__, Tok)


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
    keys = word_keys([text[s:e] for s, e in spans])
    return [_tok((s, e, key, e - s == 1 and not key.isalnum())) for (s, e), key in zip(spans, keys) if key]


def is_boundary(tok: Tok) -> bool:
    return (tok.punct and tok.key in cues.PUNCT_BOUNDARY) or tok.key in cues.CLAUSE_WORDS


def clause(toks: list[Tok], first: int, last: int) -> tuple[int, int]:
    # is_boundary inlined: this walk runs several times for every trigger
    punct, words = cues.PUNCT_BOUNDARY, cues.CLAUSE_WORDS
    lo = first
    while lo > 0:
        t = toks[lo - 1]
        if (t.punct and t.key in punct) or t.key in words:
            break
        lo -= 1
    hi = last
    while hi + 1 < len(toks):
        t = toks[hi + 1]
        if (t.punct and t.key in punct) or t.key in words:
            break
        hi += 1
    return lo, hi


def stem(key: str) -> str:
    return strippings(key)[-1][0]
