"""Word tokens with offsets and matching keys, and the sentence/paragraph spans around a position."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from pipeline.text.normalize import match_keys
from pipeline.text.tokenize import tokenize

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_HAMZA_ALEF = str.maketrans("أإآ", "ااا")
_SENTENCE = re.compile(r"[^\n.!?؟]+(?:[.!?؟]+|$)", re.M)


class Token(NamedTuple):  # a tuple: built for every word of every document, cheaper than a dataclass
    start: int
    end: int
    text: str
    key: str  # match_key of the text
    plain: str  # without diacritics and hamza seats on alef, but ى kept (على ≠ علي)
    word: bool  # letters/digits, not punctuation


# Per written word: (text, key, plain, word). News vocabulary repeats heavily, so each word is folded
# once (per process); bounded so a long run cannot grow it without limit.
_WORDS: dict[str, tuple[str, str, str, bool]] = {}
_MAX_WORDS = 100_000
_new_token = tuple.__new__  # Token(*fields) without the keyword-handling __new__ wrapper


def tokens_of(text: str) -> list[Token]:
    spans = tokenize(text)
    while True:
        try:
            return _build(text, spans)
        except KeyError:  # words not seen before: fold them all in one pass, then build again
            if len(_WORDS) > _MAX_WORDS:
                _WORDS.clear()
            _learn(list({text[start:end] for start, end in spans} - _WORDS.keys()))


def _build(text: str, spans: list[tuple[int, int]]) -> list[Token]:
    words = _WORDS
    return [_new_token(Token, span + words[text[span[0] : span[1]]]) for span in spans]


def _learn(words: list[str]) -> None:
    # Both foldings work character by character and no word holds a newline: one pass over all.
    keys = match_keys(words)
    plains = _MARKS.sub("", "\n".join(words)).translate(_HAMZA_ALEF).split("\n")
    for word, key, plain in zip(words, keys, plains, strict=True):
        _WORDS[word] = (word, key, plain, word[0].isalnum())


def fallback_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans when the caller has none: lines cut after . ! ? ؟"""
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


class Spans:
    """Sorted, non-overlapping spans with lookup of the one containing a position."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]

    def at(self, pos: int) -> tuple[int, int] | None:
        k = self.index(pos)
        return None if k is None else self.spans[k]

    def index(self, pos: int) -> int | None:
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and self.spans[k][0] <= pos < self.spans[k][1]:
            return k
        return None


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
