"""Quoted spans: pair quote marks of every style Arabic news uses, tolerating typos.

A mark's direction comes from what touches it (space before and a letter after opens, a letter
before and space or punctuation after closes), so “…“ and ”…” pair as well as “…”. A same-style
opener inside an open quote is a stray mark unless a sentence ended in between, in which case the
earlier quote lost its closing mark there. A quote still open at the end of a paragraph continues
into the next paragraph when that one opens with a quote mark or starts with an orphan closer;
otherwise it ends with its paragraph (missing closing mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.quotes.tokens import paragraph_spans

_FAMILY = {"«": "angle", "»": "angle", "‹": "angle", "›": "angle", "“": "curly", "”": "curly",
           "„": "curly", '"': "straight", "‘": "single", "’": "single", "'": "single"}
_MARK = re.compile("[" + re.escape("".join(_FAMILY)) + "]")
_OPENS = frozenset("«‹“„‘")  # direction when context does not decide
_CLOSES = frozenset("»›”’")
# Characters after which a mark opens (it is glued to the next word): spaces, opening punctuation,
# tatweel (بـ"), and one-letter proclitics after a space (و"حرير").
_BEFORE_OPEN = set(" \t\n([{:،,؛-—–\u0640/")
_PROCLITICS = set("وفبلك")
_AFTER_CLOSE = set(" \t\n.,،؛:!?؟)]}…-—–/")
_SENTENCE_END = re.compile(r"[.!?؟…]+[\s\"'”»]")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Text between a pair of marks: ``text[start:end]``; ``open_at``/``close_at`` are the marks."""

    open_at: int
    close_at: int | None  # None: closing mark missing, the span ends with its paragraph
    start: int
    end: int


def _opens_after(ch: str) -> bool:
    return ch.isspace() or ch in _BEFORE_OPEN


def _direction(text: str, i: int) -> str | None:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    opens = _opens_after(before) or (
        before in _PROCLITICS and (i < 2 or _opens_after(text[i - 2]))
    )
    opens = opens and not after.isspace()
    closes = after.isspace() or after in _AFTER_CLOSE or after in _FAMILY
    closes = closes and not before.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    ch = text[i]
    if ch in _OPENS:
        return "open"
    if ch in _CLOSES:
        return "close"
    return None


def _marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    found = []
    for m in _MARK.finditer(text, start, end):
        role = _direction(text, m.start())
        if role:
            found.append((m.start(), role))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Outermost quoted spans in text order; marks nested inside a span stay part of its text."""
    paragraphs = paragraph_spans(text)
    marks = [_marks(text, s, e) for s, e in paragraphs]
    spans: list[QuotedSpan] = []
    stack: list[int] = []  # positions of open marks, outermost first

    def close_outer(close_at: int | None, end: int) -> None:
        s, e = _trim(text, stack[0] + 1, end)
        if e > s:
            spans.append(QuotedSpan(stack[0], close_at, s, e))
        stack.clear()

    carried = False  # the stack was carried over from the previous paragraph
    for p, (p_start, p_end) in enumerate(paragraphs):
        for k, (pos, role) in enumerate(marks[p]):
            if role == "close":
                if len(stack) == 1:
                    close_outer(pos, pos)
                elif stack:
                    stack.pop()
                continue
            family = _FAMILY[text[pos]]
            same = [o for o in stack if _FAMILY[text[o]] == family]
            if not same:
                stack.append(pos)
            elif carried and k == 0 and not text[p_start:pos].strip():
                pass  # the continued quote re-opens at the head of its next paragraph
            elif ends := [m.end() for m in _SENTENCE_END.finditer(text, same[-1] + 1, pos)]:
                close_outer(None, ends[-1] - 1)  # it lost its closing mark where the sentence ended
                stack.append(pos)
            # else: a stray doubled opener inside the quote stays part of its text
        carried = bool(stack) and _continues(text, marks, p + 1, paragraphs, stack[0])
        if stack and not carried:
            if _FAMILY[text[stack[0]]] == "single":
                stack.clear()  # a lone apostrophe is not a quote
            else:
                close_outer(None, p_end)
    return spans


def _continues(
    text: str,
    marks: list[list[tuple[int, str]]],
    p: int,
    paragraphs: list[tuple[int, int]],
    opener: int,
) -> bool:
    """Does paragraph ``p`` carry on a quote left open by the previous paragraph?"""
    if p >= len(paragraphs) or not marks[p]:
        return False
    first_pos, first_role = marks[p][0]
    if first_role == "open":
        at_head = not text[paragraphs[p][0] : first_pos].strip()
        return at_head and _FAMILY[text[first_pos]] == _FAMILY[text[opener]]
    return True  # an orphan closer ends the quote there
