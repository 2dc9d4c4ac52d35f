"""Paragraphs and sentences of clean text, as character spans.

A paragraph is a block between newlines. A sentence ends at . ! ? ؟ ؛ … (plus any closing quotes
or brackets) followed by whitespace, except after abbreviations ("د." "م." "U.S."), inside a
quotation that closes later in the paragraph, or when nothing but a list marker precedes it ("1.").
Decimal numbers (3.5) never match because a boundary needs whitespace after the mark.

``sentence_spans`` states the rules; ``sentence_bounds`` applies them to many texts at once in a
compiled loop (``segment_kernels``), with the same spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from pipeline.text.kernels import compiled


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph_index: int


_TRIMMED_PARAGRAPH = re.compile(r"[^\s](?:[^\n]*[^\s])?")  # a non-blank paragraph, stripped
# "..": a pause in Arabic headlines and speech, not a sentence end; "..." and "…" are.
# Written mark-first (one character class, then which mark it was) so the regex engine scans for the
# marks with its fast path; it matches exactly ``(?:\.{3,}|…|(?<!\.)\.(?!\.)|[!?؟؛]+)`` + closers.
_CLOSERS = "\"'”»’)]"  # what may follow a mark, closing a quotation or bracket
_BOUNDARY = re.compile(
    r"[.…!?؟؛](?:(?<=…)|(?<=[!?؟؛])[!?؟؛]*|(?<=\.)(?:\.\.+|(?<!\.\.)(?!\.)))" + f"[{re.escape(_CLOSERS)}]*" + r"(?=\s|$)"
)
_DOTTED = re.compile(r"(?:\w\.)+\w")  # U.S, أ.د
_LETTER = re.compile(r"[^\W\d_]")
_ABBREVIATIONS = frozenset(
    "د م أ ا ص ج ش ت ق ه هـ أ.د ق.م Dr Mr Mrs Ms Prof St No vs Jr Sr Inc Ltd Co Gen Col Lt".split()
)
_ERA_MARKERS = frozenset({"م", "هـ", "ه"})  # "عام 2020 م." ends a sentence
_OPENING, _CLOSING = "“«", "”»"
# Bits of char_flags(), which the compiled loop reads.
SPACE, LETTER, ALPHA, DIGIT, WORD, QUOTE, OPENING, CLOSING, CLOSER = 1, 2, 4, 8, 16, 32, 64, 128, 256
_QUOTE = re.compile('[“«”»"]')


def split_sentences(clean_text: str) -> list[Sentence]:
    return [Sentence(*span) for span in sentence_spans(clean_text)]


def sentence_spans(clean_text: str) -> list[tuple[int, int, int]]:
    """``split_sentences`` as (start, end, paragraph_index) tuples: the sentences table has hundreds of
    thousands of them and needs no objects."""
    sentences: list[tuple[int, int, int]] = []
    # One scan of the whole text finds the marks (a match never crosses a newline, so they are the
    # paragraphs' own): most paragraphs have none before their closing mark and are one sentence,
    # the paragraph itself without its surrounding spaces.
    marks = _BOUNDARY.finditer(clean_text)
    mark = next(marks, None)
    # Paragraph indices count only paragraphs that hold a sentence: the non-blank ones.
    for index, paragraph in enumerate(_TRIMMED_PARAGRAPH.finditer(clean_text)):
        start, end = paragraph.span()
        while mark is not None and mark.start() < start:
            mark = next(marks, None)
        if mark is None or mark.end() >= end:
            sentences.append((start, end, index))
            continue
        base = clean_text.rfind("\n", 0, start) + 1
        stop = clean_text.find("\n", end)
        spans = _split_paragraph(clean_text[base : len(clean_text) if stop < 0 else stop])
        sentences.extend([(base + a, base + b, index) for a, b in spans])
    return sentences


def _split_paragraph(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    first_quote = _QUOTE.search(text)
    inside = None  # quotation spans, found when a boundary first needs them
    tail = len(text.rstrip())
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end >= tail:  # the paragraph's closing mark: split there or not, the spans are the same
            break
        # Only a mark with quote marks on both sides can be inside a quotation.
        if first_quote is not None and first_quote.start() < m.start() and _QUOTE.search(text, end):
            if inside is None:
                inside = _quoted_regions(text)
            if _inside(m, inside):
                continue
        if not _ends_sentence(text, start, m):
            continue
        piece = text[start:end]  # as _add_trimmed, inlined
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
        start = end
    _add_trimmed(out, text, start, len(text))
    return out


def _add_trimmed(out: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    piece = text[a:b]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append((a + lead, a + lead + len(stripped)))


def _ends_sentence(text: str, start: int, m: re.Match[str]) -> bool:
    mark = m.start()
    if not _LETTER.search(text, start, mark):
        return False  # list marker "1." or a stray mark
    if text[mark] != ".":
        return True
    space = text.rfind(" ", start, mark)
    word = text[space + 1 : mark].lstrip("(\"'“«[")
    if not word:
        return True
    if word in _ERA_MARKERS:
        previous = text[start : max(space, start)].split()
        return not previous or previous[-1].isdigit() or word not in _ABBREVIATIONS
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or _DOTTED.fullmatch(word))


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans of quotations that open and close within the paragraph."""
    regions = []
    stack: list[int] = []
    straight = []
    for m in _QUOTE.finditer(text):
        ch, i = m.group(), m.start()
        if ch in _OPENING:
            stack.append(i)
        elif ch in _CLOSING:
            if stack:
                regions.append((stack.pop(), i))
        else:
            straight.append(i)
    if len(straight) % 2 == 0:  # unbalanced straight quotes tell nothing reliable
        regions.extend(zip(straight[::2], straight[1::2]))
    return regions


def _inside(m: re.Match[str], regions: list[tuple[int, int]]) -> bool:
    """The mark sits inside a quotation that goes on after it (a closing quote in the match ends it)."""
    return any(a < m.start() and m.end() <= b for a, b in regions)


def sentence_bounds(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(starts, ends, paragraph indices, text indices) of the sentences of all ``texts``, in order:
    ``sentence_spans`` of each text, computed in one compiled loop (a text with a code point beyond the
    BMP goes through ``sentence_spans``)."""
    joined = "".join(texts)
    chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    bounds = np.zeros(len(texts) + 1, np.int64)
    np.cumsum([len(text) for text in texts], out=bounds[1:])
    starts, ends, paragraphs, rows, skipped = compiled().sentence_bounds(chars, bounds, char_flags(), *_abbreviations())
    if not skipped.any():
        return starts, ends, paragraphs, rows
    found = [(start, end, paragraph, t) for t in np.flatnonzero(skipped).tolist()
             for start, end, paragraph in sentence_spans(texts[t])]
    starts, ends, paragraphs, rows = (np.concatenate([column, np.array(extra, np.int64)])
                                      for column, extra in zip((starts, ends, paragraphs, rows), zip(*found)))
    order = np.lexsort((starts, rows))  # a skipped text's sentences go to their place
    return starts[order], ends[order], paragraphs[order], rows[order]


@cache
def char_flags() -> np.ndarray:
    """What each BMP code point is to the rules above (``segment_kernels``' bits), read off the same
    regular expressions and str methods."""
    space, letter, word = re.compile(r"\s"), _LETTER, re.compile(r"\w")
    flags = np.zeros(0x10000, np.uint16)
    for c in range(0x10000):
        ch = chr(c)
        flags[c] = ((SPACE if space.match(ch) else 0) | (LETTER if letter.match(ch) else 0)
                    | (ALPHA if ch.isalpha() else 0) | (DIGIT if ch.isdigit() else 0)
                    | (WORD if word.match(ch) else 0) | (QUOTE if _QUOTE.match(ch) else 0)
                    | (OPENING if ch in _OPENING else 0) | (CLOSING if ch in _CLOSING else 0)
                    | (CLOSER if ch in _CLOSERS else 0))
    return flags


@cache
def _abbreviations() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(code points, lengths, is an era marker) of the abbreviations, for the compiled loop."""
    assert _ERA_MARKERS <= _ABBREVIATIONS  # the loop takes an era marker for an abbreviation too
    words = sorted(_ABBREVIATIONS)
    table = np.zeros((len(words), max(map(len, words))), np.uint32)
    for k, word in enumerate(words):
        table[k, : len(word)] = [ord(ch) for ch in word]
    return table, np.array([len(w) for w in words], np.int64), np.array([w in _ERA_MARKERS for w in words])
