"""One document prepared for quote extraction: tokens, sentences, paragraphs, quoted spans, clause ends."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from pipeline.extract.mention import Mention
from pipeline.extract.quotes.lexicon import CueForm, Lexicon, load_lexicon
from pipeline.extract.quotes.marks import QuotedSpan, find_quoted_spans
from pipeline.extract.quotes.speaker import AND_THAT_KEYS, RELATIVES
from pipeline.extract.quotes.tokens import Spans, Token, fallback_sentences, paragraph_spans, tokens_of

_CLAUSE_STOPS = re.compile(r"[،,]\s*(?:و?لكن\w*|إلا أن|غير أن|في حين|فيما|بينما|وهو ما|ما أدى)\s")
_CLOSING, _OPENING = "\"”»'’", "\"“«„'‘"
TRAILING = " \t\n.,،؛;:"


class Doc:
    def __init__(self, text: str, sentences: list[tuple[int, int]], mentions: list[Mention]):
        self.text = text
        self.mentions = mentions
        self.entity_starts = frozenset(m.start for m in mentions)
        self.lex: Lexicon = load_lexicon()
        self.toks = tokens_of(text)
        self.starts = [t.start for t in self.toks]
        self.cue_forms = self.lex.cues_of(self.toks)  # token index -> cue, read by ``cue`` and the main loop
        self.sents = Spans(sentences or fallback_sentences(text))
        self.paras = Spans(paragraph_spans(text))
        self.qspans = find_quoted_spans(text)
        self.by_open = {q.open_at: q for q in self.qspans}
        self.quoted = Spans([(q.open_at, self.span_end(q)) for q in self.qspans])
        self.claimed: set[int] = set()  # open_at of quoted spans already used
        self.bounds = self._clause_bounds()

    # -- positions ---------------------------------------------------------------------------
    def tok_index(self, pos: int) -> int:
        return bisect_left(self.starts, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        para = self.paras.at(pos) or (pos, len(self.text))
        sent = self.sents.at(pos) or para
        return max(sent[0], para[0]), min(sent[1], para[1])

    def tok_at(self, pos: int) -> int:
        """Index of the token containing ``pos`` (a word cut by it, as in بـ|مراجعتها), else the next."""
        k = bisect_right(self.starts, pos) - 1
        return k if k >= 0 and self.toks[k].end > pos else k + 1

    def span_tokens(self, start: int, end: int) -> list[Token]:
        return self.toks[self.tok_at(start) : self.tok_index(end)]

    def words(self, start: int, end: int) -> int:
        """Words overlapping [start, end)."""
        return sum(1 for t in self.span_tokens(start, end) if t.word)

    def quote_like(self, q: QuotedSpan) -> bool:
        """Long enough to be a statement rather than a name or term in scare quotes."""
        return self.words(q.start, q.end) >= 4 or bool(re.search(r"[.!?؟]\s", self.text[q.start : q.end]))

    def span_end(self, q: QuotedSpan) -> int:
        return q.close_at + 1 if q.close_at is not None else q.end

    def inside_quote(self, pos: int) -> bool:
        span = self.quoted.at(pos)
        return span is not None and span[0] < pos

    def _clause_bounds(self) -> list[int]:
        """Positions where a reported clause must end: a new cue after a comma or a quote."""
        text, toks, out = self.text, self.toks, []
        for i in self.cue_forms:
            t = toks[i]
            k = t.start - 1
            while k >= 0 and text[k] in " \t":
                k -= 1
            prev = toks[i - 1] if i else None
            if k >= 0 and text[k] in "،,":
                out.append(k)
            elif prev is not None and prev.key in RELATIVES:  # "من العراق الذي أعلنت حكومته"
                out.append(prev.start)
            elif k >= 0 and text[k] in "\"”»“'" and t.key[:1] in "وف":
                out.append(t.start)
        for t in toks:  # '…” وأن …' and '…، وأن “…”': a second complement
            if t.key in AND_THAT_KEYS and t.word:
                if _char_before(text, t.start, " \t،,") in _CLOSING or _char_after(text, t.end, " \t") in _OPENING:
                    out.append(t.start)
        out.extend(m.start() for m in _CLAUSE_STOPS.finditer(text))
        return sorted(out)

    def clause_end(self, start: int) -> int:
        s_start, end = self.sentence(start)
        k = bisect_left(self.bounds, start)
        if k < len(self.bounds):
            end = min(end, self.bounds[k])
        for q in self.qspans:  # a quote opened inside the clause keeps it open until it closes
            if start <= q.open_at < end < self.span_end(q):
                end = self.span_end(q)
        while end > start and self.text[end - 1] in TRAILING:
            end -= 1
        return end

    def cue(self, i: int) -> CueForm | None:
        """The cue at token ``i``; "عدم كشف هويته" is a noun phrase, not a statement."""
        form = self.cue_forms.get(i)
        if form is not None and i and self.toks[i - 1].key in ("عدم", "دون", "بعدم"):
            return None
        return form

    def next_word(self, i: int) -> int | None:
        return next((k for k in range(i, len(self.toks)) if self.toks[k].word), None)


def _char_before(text: str, pos: int, skip: str) -> str:
    """The last character before ``pos`` not in ``skip`` ("" if none): text[:pos].rstrip(skip)[-1:]
    without copying the text before ``pos``."""
    while pos > 0 and text[pos - 1] in skip:
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _char_after(text: str, pos: int, skip: str) -> str:
    """The first character from ``pos`` on not in ``skip`` ("" if none)."""
    n = len(text)
    while pos < n and text[pos] in skip:
        pos += 1
    return text[pos] if pos < n else ""
