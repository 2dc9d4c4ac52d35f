"""Sentence splitting's loop, compiled by numba: ``pipeline.text.segment`` defines what it computes
(``sentence_spans``, the rules in Python, which this reproduces exactly and which tests compare it
with). One pass over a slice's code points finds paragraphs and boundary marks; the rules for a mark
inside a paragraph (quotations, abbreviations, list markers) run only where there is one.

``chars`` holds the texts' code points one after another, text t in ``chars[bounds[t]:bounds[t + 1]]``;
``flags[c]`` tells what code point c (below ``flags.size``, the BMP) is, as Python's ``re`` and ``str``
methods see it (``segment.char_flags``). A text with a code point beyond the table is skipped and
marked in ``skipped``: the caller splits it in Python.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from pipeline.text.segment import ALPHA, CLOSER, CLOSING, DIGIT, LETTER, OPENING, QUOTE, SPACE, WORD

NEWLINE, DOT, ELLIPSIS = 10, 46, 0x2026
_STRAIGHT_QUOTE, _SPACE_CHAR = 34, 32
SIGNATURES = {
    "sentence_bounds": "Tuple((i8[::1], i8[::1], i8[::1], i8[::1], b1[::1]))(u4[::1], i8[::1], u2[::1], "
                       "u4[:, ::1], i8[::1], b1[::1])",
}


@njit(cache=True, inline="always")
def _is_run_mark(c):
    return c == 33 or c == 63 or c == 0x061F or c == 0x061B


@njit(cache=True)
def _boundary_end(chars, p, line, stop, flags):
    """End of the boundary mark that ``segment._BOUNDARY`` matches at ``p`` of the line
    ``chars[line:stop]``, or -1."""
    c = chars[p]
    q = p + 1
    if c == ELLIPSIS:
        pass
    elif _is_run_mark(c):
        while q < stop and _is_run_mark(chars[q]):
            q += 1
    elif c == DOT:
        k = q
        while k < stop and chars[k] == DOT:
            k += 1
        if k - q >= 2:  # "..." and longer
            q = k
        elif k > q or (p > line and chars[p - 1] == DOT):  # ".." is a pause, not an end
            return -1
    else:
        return -1
    while q < stop and flags[chars[q]] & CLOSER:
        q += 1
    if q < stop and not flags[chars[q]] & SPACE:
        return -1
    return q


@njit(cache=True)
def _next_boundary(chars, p, line, stop, flags):
    """(start, end) of the first boundary mark at or after ``p`` of the line ``chars[line:stop]``, or
    (-1, -1)."""
    while p < stop:
        c = chars[p]
        if c == DOT or c == ELLIPSIS or _is_run_mark(c):
            end = _boundary_end(chars, p, line, stop, flags)
            if end >= 0:
                return p, end
        p += 1
    return -1, -1


@njit(cache=True)
def _abbreviation(chars, a, b, abbreviations, lengths):
    """Index of the abbreviation ``chars[a:b]`` spells, or -1."""
    for k in range(lengths.size):
        if lengths[k] == b - a:
            j = 0
            while j < b - a and chars[a + j] == abbreviations[k, j]:
                j += 1
            if j == b - a:
                return k
    return -1


@njit(cache=True)
def _ends_sentence(chars, base, start, mark, flags, abbreviations, lengths, eras):
    """``segment._ends_sentence`` for the mark at ``mark`` of the line starting at ``base``, the
    sentence starting at ``start`` (absolute positions)."""
    letter = False
    for i in range(start, mark):
        if flags[chars[i]] & LETTER:
            letter = True
            break
    if not letter:
        return False
    if chars[mark] != DOT:
        return True
    space = -1
    for i in range(mark - 1, start - 1, -1):
        if chars[i] == _SPACE_CHAR:
            space = i
            break
    a = base if space < 0 else space + 1  # str.rfind gives -1: the word then runs from the line's start
    while a < mark and (chars[a] == 40 or chars[a] == 34 or chars[a] == 39 or chars[a] == 0x201C
                        or chars[a] == 0xAB or chars[a] == 91):  # ( " ' “ « [
        a += 1
    if a == mark:
        return True
    k = _abbreviation(chars, a, mark, abbreviations, lengths)
    if k >= 0 and eras[k]:
        # An era marker after a year ends the sentence: "عام 2020 م."; the last token before the word
        # must be all digits.
        b = max(space, start)
        j = b
        while j > start and flags[chars[j - 1]] & SPACE:
            j -= 1
        if j == start:
            return True
        k = j
        while k > start and not flags[chars[k - 1]] & SPACE:
            k -= 1
        for i in range(k, j):
            if not flags[chars[i]] & DIGIT:
                return False
        return True
    if k >= 0:
        return False
    if mark - a == 1 and flags[chars[a]] & ALPHA:
        return False
    # "U.S", "أ.د": word characters and single dots between them.
    if (mark - a) % 2 == 1 and mark - a >= 3:
        dotted = True
        for i in range(a, mark):
            if (i - a) % 2 == 0:
                if not flags[chars[i]] & WORD:
                    dotted = False
                    break
            elif chars[i] != DOT:
                dotted = False
                break
        if dotted:
            return False
    return True


@njit(cache=True)
def _inside_quotation(chars, base, stop, m_start, m_end, flags):
    """``segment._inside`` over ``segment._quoted_regions`` of the line ``chars[base:stop]``."""
    stack = np.empty(stop - base, np.int64)
    depth = 0
    straight = 0
    for i in range(base, stop):
        f = flags[chars[i]]
        if not f & QUOTE:
            continue
        if f & OPENING:
            stack[depth] = i
            depth += 1
        elif f & CLOSING:
            if depth:
                depth -= 1
                if stack[depth] < m_start and m_end <= i:
                    return True
        else:
            straight += 1
    if straight % 2:  # unbalanced straight quotes tell nothing reliable
        return False
    opened = -1
    for i in range(base, stop):
        if chars[i] == _STRAIGHT_QUOTE:
            if opened < 0:
                opened = i
            else:
                if opened < m_start and m_end <= i:
                    return True
                opened = -1
    return False


@njit(cache=True)
def _trimmed(chars, a, b, flags):
    while a < b and flags[chars[a]] & SPACE:
        a += 1
    while b > a and flags[chars[b - 1]] & SPACE:
        b -= 1
    return a, b


@njit(cache=True)
def sentence_bounds(chars, bounds, flags, abbreviations, lengths, eras):
    """(starts, ends, paragraphs, texts, skipped): every sentence of every text, positions within its
    text; ``texts`` gives each sentence's text index. ``abbreviations`` holds ``segment._ABBREVIATIONS``'
    code points, row k padded after ``lengths[k]``; ``eras[k]`` marks the era markers among them."""
    n_texts = bounds.size - 1
    out = np.empty((1024, 4), np.int64)  # start, end, paragraph, text of each sentence
    skipped = np.zeros(n_texts, np.bool_)
    count = 0
    for t in range(n_texts):
        first, last = bounds[t], bounds[t + 1]
        for i in range(first, last):
            if chars[i] >= flags.size:
                skipped[t] = True
                break
        if skipped[t]:
            continue
        index = 0
        line = first
        while line < last:
            stop = line
            while stop < last and chars[stop] != NEWLINE:
                stop += 1
            a, b = _trimmed(chars, line, stop, flags)
            if a < b:
                # Sentences of the paragraph chars[a:b]: split at marks that end a sentence.
                start = line
                first_quote = -2  # not looked for yet
                p = a
                while True:
                    m_start, m_end = _next_boundary(chars, p, line, stop, flags)
                    if m_start < 0 or m_end >= b:
                        break
                    p = m_end
                    if first_quote == -2:
                        first_quote = -1
                        for i in range(line, stop):
                            if flags[chars[i]] & QUOTE:
                                first_quote = i
                                break
                    if first_quote >= 0 and first_quote < m_start:
                        later = False
                        for i in range(m_end, stop):
                            if flags[chars[i]] & QUOTE:
                                later = True
                                break
                        if later and _inside_quotation(chars, line, stop, m_start, m_end, flags):
                            continue
                    if not _ends_sentence(chars, line, start, m_start, flags, abbreviations, lengths, eras):
                        continue
                    out, count = _add(out, count, chars, start, m_end, flags, first, index, t)
                    start = m_end
                out, count = _add(out, count, chars, start, stop, flags, first, index, t)
                index += 1
            line = stop + 1
    return out[:count, 0].copy(), out[:count, 1].copy(), out[:count, 2].copy(), out[:count, 3].copy(), skipped


@njit(cache=True)
def _add(out, count, chars, a, b, flags, first, index, t):
    """``out`` (grown if full) and its row count with the sentence ``chars[a:b]``, stripped, unless
    nothing is left of it."""
    s, e = _trimmed(chars, a, b, flags)
    if s == e:
        return out, count
    if count == out.shape[0]:
        grown = np.empty((2 * count, 4), np.int64)
        grown[:count] = out
        out = grown
    out[count, 0], out[count, 1], out[count, 2], out[count, 3] = s - first, e - first, index, t
    return out, count + 1
