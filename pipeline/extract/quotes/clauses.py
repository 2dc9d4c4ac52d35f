"""Reported clauses: where they start and end, direct vs mixed, and a second complement ("وأن …")."""

from __future__ import annotations

from pipeline.extract.quotes.document import TRAILING, Doc
from pipeline.extract.quotes.drafts import Draft, add_draft
from pipeline.extract.quotes.lexicon import CueForm
from pipeline.extract.quotes.marks import QuotedSpan
from pipeline.extract.quotes.speaker import Speaker, is_complementizer
from pipeline.extract.quotes.tokens import Token

_BARE_COMPLEMENTIZERS = frozenset({"ان", "بان", "وان", "فان", "وبان"})
_MIN_APPENDED_WORDS = 6  # a quote appended to a reported clause is a statement of its own
# Words that tie a following quote into the reported clause ("وإلا "سوف…"", "إلى "…"").
GLUE = frozenset({"والا", "الا", "و", "او", "ب", "ل", "في", "على", "الى", "عن", "من", "مع", "لان", "كي",
                  "حتى", "ثم", "بل", "لكن", "ولكن", "وهو", "هو", "هي", "بين", "مثل", "ان", "بان", "وان"})


def add_complement_quote(doc: Doc, drafts: list[Draft], q: QuotedSpan, kind_at: str, cue: Token,
                         form: CueForm, speaker: Speaker | None, mode: str, base: float) -> int | None:
    """A quote right after the cue, its colon or its أن: direct, or mixed when the clause goes on."""
    close = doc.span_end(q)
    end = doc.clause_end(close) if q.close_at is not None and close < len(doc.text) else close
    tail = doc.text[close:end].strip(" ،,")
    rest = doc.words(close, end)
    if kind_at == "that" and rest > 3 and not tail.startswith("على حد"):
        # "حذر من أن "الاعتداءات …" ما زالت تكلف …": the quote is only part of the clause
        doc.claimed.add(q.open_at)
        kind = clause_kind(doc, q.open_at, end)
        return add_draft(drafts, q.open_at, end, kind, cue, form, speaker, mode, base - 0.1)
    if kind_at == "that" and doc.words(q.start, q.end) < 2 and not doc.quote_like(q):
        return None
    doc.claimed.add(q.open_at)
    first = add_draft(drafts, q.start, q.end, "direct", cue, form, speaker, mode, base)
    read_coordinated(doc, close, cue, form, speaker, mode, base, drafts)
    return first


def add_clause(doc: Doc, drafts: list[Draft], start: int, end: int, cue: Token | None, form: CueForm | None,
               speaker: Speaker | None, mode: str, confidence: float) -> None:
    """A reported clause; a full quoted sentence after its last plain word becomes a direct quote."""
    q = _appended_quote(doc, start, end)
    if q is None:
        add_draft(drafts, start, end, clause_kind(doc, start, end), cue, form, speaker, mode, confidence)
        if cue is not None and form is not None:
            read_coordinated(doc, end, cue, form, speaker, mode, confidence, drafts)
        return
    cut = q.open_at
    while cut > start and doc.text[cut - 1] in TRAILING:
        cut -= 1
    if doc.words(start, cut) >= 2:
        add_draft(drafts, start, cut, clause_kind(doc, start, cut), cue, form, speaker, mode, confidence)
    doc.claimed.add(q.open_at)
    add_draft(drafts, q.start, q.end, "direct", cue, form, speaker, mode, confidence)


def _appended_quote(doc: Doc, start: int, end: int) -> QuotedSpan | None:
    """'…وليست أمريكية “جددت الحكومة …”': a quoted statement that does not continue the clause's grammar."""
    for q in doc.qspans:
        if not (start < q.open_at < end) or doc.words(q.start, q.end) < _MIN_APPENDED_WORDS:
            continue
        if doc.words(start, q.open_at) < _MIN_APPENDED_WORDS:
            continue  # "إنه سيتفق “الطرفان …”": too short to be a statement on its own
        k = doc.tok_index(q.open_at) - 1
        prev = doc.toks[k] if k >= 0 else None
        if prev is None or (prev.word and (prev.plain in GLUE or is_complementizer(prev) or prev.text.endswith("ـ"))):
            continue
        if not prev.word and prev.text not in "،,:":
            continue
        if doc.text[q.start : q.start + 1] in "بل":
            continue  # "تسمح “بإعادة نشر…”": the quote is the verb's complement
        return q
    return None


def clause_start(doc: Doc, j: int) -> int:
    """Start of the reported clause after the complementizer at token ``j``."""
    t = doc.toks[j]
    if t.key in _BARE_COMPLEMENTIZERS:  # أن/إن/بأن: the clause follows
        k = doc.next_word(j + 1)
        nxt = doc.toks[j + 1] if j + 1 < len(doc.toks) else None
        if nxt is not None and nxt.start in doc.by_open:
            return nxt.start
        return doc.toks[k].start if k is not None else t.end
    return t.start  # أنه / إنها: the pronoun is the clause's subject


def clause_kind(doc: Doc, start: int, end: int) -> str:
    inner = [q for q in doc.qspans if start <= q.open_at < end]
    for q in inner:
        doc.claimed.add(q.open_at)
    for q in inner:
        n = doc.words(q.start, q.end)
        named = any(m.start <= q.start and q.end <= m.end for m in doc.mentions)
        if n >= 4 or (n >= 2 and not named):
            return "mixed"
    return "indirect"


def read_coordinated(doc: Doc, after: int, cue: Token, form: CueForm, speaker: Speaker | None, mode: str,
                     base: float, drafts: list[Draft]) -> None:
    """'"…" وأن "…"' / '…، وأن “…”': a second statement governed by the same cue."""
    k = doc.tok_index(after)
    while k < len(doc.toks) and doc.toks[k].text in "،,\"”»'":
        k += 1
    if k >= len(doc.toks) or not is_complementizer(doc.toks[k]) or doc.toks[k].key[:1] != "و":
        return
    if doc.toks[k].start - after > 4:
        return
    nxt = doc.toks[k + 1] if k + 1 < len(doc.toks) else None
    q = doc.by_open.get(nxt.start) if nxt is not None else None
    if q is not None:
        add_complement_quote(doc, drafts, q, "that", cue, form, speaker, mode, base - 0.1)
    else:
        start = clause_start(doc, k)
        end = doc.clause_end(start)
        if doc.words(start, end) < 2:
            return
        add_draft(drafts, start, end, clause_kind(doc, start, end), cue, form, speaker, mode, base - 0.15)
