"""Statements reported as a noun phrase: "نفت الوزارة وجود خطط…", "دعا الوزير الحكومة إلى…"."""

from __future__ import annotations

from pipeline.extract.quotes.clauses import GLUE, add_clause
from pipeline.extract.quotes.document import Doc
from pipeline.extract.quotes.drafts import Draft
from pipeline.extract.quotes.lexicon import CueForm
from pipeline.extract.quotes.speaker import Speaker, is_complementizer, is_time, make_speaker
from pipeline.extract.quotes.tokens import Token

# Words after which a bare verb opens a clause.
_VERB_OPENERS = frozenset({"قد", "لقد", "وقد", "فقد", "كما", "وكما", "فيما", "بينما", "حيث", "الذي", "التي", "الذين",
                           "كان", "وكان", "كانت", "وكانت", "ان", "وان", "لكنه", "لكنها", "ولكن", "لكن", "ثم", "اذ",
                           "جانبه", "جانبها", "جهته", "جهتها", "بدوره", "بدورها"})


def read_np(doc: Doc, i: int, form: CueForm, speaker: Speaker | None, drafts: list[Draft]) -> bool:
    """'نفت الوزارة، الاثنين، وجود خطط…', 'دعا الوزير الحكومة إلى…': a statement as a noun phrase."""
    toks = doc.toks
    _, limit = doc.sentence(toks[i].start)
    if form.hal:
        b, mode = i + 1, "continue"
    else:
        if speaker is None or not _verb_position(doc, i):
            return False
        speaker, bounded = _bound_subject(doc, speaker)
        if form.obj is not None and not bounded:
            speaker = _cut_at_preposition(doc, speaker, form.obj)  # "طالب نواب عراقيون بمراجعتها"
        b, mode = doc.tok_index(speaker.end), "explicit"
        if speaker.start < toks[i].start:
            b = i + 1  # subject written before the verb
        elif form.np == "" and form.obj is None and not bounded:
            return False  # without a comma or an entity, subject and object cannot be told apart
    b = skip_setting(doc, b, limit)
    if b >= len(toks) or toks[b].start >= limit:
        return False
    start = _np_start(doc, b, form, limit)
    if start is None:
        return False
    end = doc.clause_end(start)
    if doc.words(start, end) < (1 if form.obj else 3):
        return False
    add_clause(doc, drafts, start, end, toks[i], form, speaker, mode, 0.55)
    return True


def _cut_at_preposition(doc: Doc, speaker: Speaker, prep: str) -> Speaker:
    a, b = doc.tok_index(speaker.start), doc.tok_index(speaker.end)
    for k in range(a + 1, b):
        if preposition_of(doc.toks[k], prep):
            return make_speaker(doc.text, doc.toks, a, k, doc.mentions, doc.lex)
    return speaker


def _np_start(doc: Doc, b: int, form: CueForm, limit: int) -> int | None:
    """Where the reported noun phrase starts at token ``b`` (None: it is not one)."""
    toks = doc.toks
    c = toks[b]
    if not c.word or is_complementizer(c) or doc.lex.cue(c.text) is not None or is_time(c, doc.lex):
        return None
    if form.obj is not None:
        # "دعا … الحكومة إلى …": the object is part of the statement; "طالب نواب عن البصرة بإعلان …"
        for k in range(b, min(b + 8, len(toks))):
            t = toks[k]
            if t.start >= limit or t.text in "،,":
                break
            if preposition_of(t, form.obj):
                return _after_preposition(doc, k) if k == b or toks[b].plain in GLUE else c.start
        return None
    if form.np == "ب" or (form.np == "" and c.plain == "عن"):
        return _after_preposition(doc, b) if preposition_of(c, form.np or "عن") else None
    if form.np:
        return _after_preposition(doc, b) if c.plain == form.np else None
    return None if c.plain in GLUE else c.start


def preposition_of(t: Token, prep: str) -> bool:
    if prep == "ب":
        return t.plain.startswith("ب") and len(t.plain) > 2 and not t.plain.startswith("بين")
    return t.plain == prep.replace("إ", "ا")


def _after_preposition(doc: Doc, k: int) -> int | None:
    """Start of what a preposition governs: the next word, or the rest of a glued بـ/ب word."""
    t = doc.toks[k]
    if t.plain.startswith("ب") and len(t.plain) > 2:
        skip = 1 + (t.text[1:2] == "\u0640")
        if t.end - t.start > skip:
            return t.start + skip
        nxt = k + 1
        return doc.toks[nxt].start if nxt < len(doc.toks) else None
    nxt = doc.next_word(k + 1)
    q_at = doc.toks[k + 1].start if k + 1 < len(doc.toks) else None
    if q_at is not None and q_at in doc.by_open:
        return q_at
    return doc.toks[nxt].start if nxt is not None else None


def _verb_position(doc: Doc, i: int) -> bool:
    """A finite verb opens a clause ("…، أعلنت"، "الذي أعلنت"، "وكان … قد دعا"), not a name ("مشتاق طالب")."""
    t = doc.toks[i]
    if doc.lex.forms.get(t.key) is None or i == 0:
        return True  # و/ف glued to the verb
    prev = doc.toks[i - 1]
    return not prev.word or prev.key in _VERB_OPENERS or prev.start < doc.sentence(t.start)[0]


def _bound_subject(doc: Doc, speaker: Speaker) -> tuple[Speaker, bool]:
    """Shorten a subject to the entity that opens it ("أعلن العراق انتهاء…"); is its end certain?"""
    toks = doc.toks
    ends = [m.end for m in doc.mentions if m.start == speaker.start and m.end < speaker.end and not m.adjectival]
    if ends:
        end = max(ends)
        for m in sorted(doc.mentions, key=lambda m: m.start):  # "وزارة الدفاع" + "الأميركية"
            if m.adjectival and 0 <= m.start - end <= 1:
                end = m.end
        a, b = doc.tok_index(speaker.start), doc.tok_index(end)
        return make_speaker(doc.text, toks, a, b, doc.mentions, doc.lex), True
    people = [m.end for m in doc.mentions if m.label == "PERSON" and speaker.start < m.start and m.end < speaker.end]
    if people:  # "دعا رئيس الجمعيات … حسن الشويلي الحكومة إلى": title, name, then the object
        a, b = doc.tok_index(speaker.start), doc.tok_index(people[0])
        return make_speaker(doc.text, toks, a, b, doc.mentions, doc.lex), True
    b = doc.tok_index(speaker.end)
    return speaker, b < len(toks) and toks[b].text in "،,"


def skip_setting(doc: Doc, b: int, limit: int) -> int:
    """Skip commas and comma-delimited time or setting phrases ("، الأسبوع الماضي،")."""
    toks = doc.toks
    while b < len(toks) and toks[b].start < limit:
        t = toks[b]
        if t.text in "،,":
            b += 1
        elif (close := _appositive_end(toks, b, limit)) is not None:
            b = close  # a name in quotes or brackets after the subject: 'نفت الوزارة "البنتاغون"، الاثنين،'
        elif t.word and (is_time(t, doc.lex) or t.key in doc.lex.circumstance_preps or t.key in doc.lex.outlet_preps):
            while b < len(toks) and toks[b].text not in "،," and toks[b].start < limit:
                b += 1
        else:
            break
    return b


_APPOSITIVE_MARKS = {'"': '"', "«": "»", "“": "”", "(": ")"}


def _appositive_end(toks, b: int, limit: int, words: int = 3) -> int | None:
    """Position after a short name in quotes or brackets followed by a comma, else None."""
    close = _APPOSITIVE_MARKS.get(toks[b].text)
    if close is None:
        return None
    for k in range(b + 1, min(b + words + 2, len(toks))):
        if toks[k].start >= limit:
            return None
        if toks[k].text == close:
            after = k + 1
            return after if k > b + 1 and after < len(toks) and toks[after].text in "،," else None
        if not toks[k].word:
            return None
    return None
