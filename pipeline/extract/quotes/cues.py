"""A speech cue and what follows it: its speaker, then a colon, a quote, an أن-clause or a noun phrase."""

from __future__ import annotations

from pipeline.extract.quotes.clauses import GLUE, add_clause, add_complement_quote, clause_start
from pipeline.extract.quotes.document import Doc
from pipeline.extract.quotes.drafts import Dangling, Draft, add_draft, covered
from pipeline.extract.quotes.lexicon import CueForm
from pipeline.extract.quotes.noun_phrases import preposition_of, read_np
from pipeline.extract.quotes.sources import speaker_like
from pipeline.extract.quotes.speaker import (
    Speaker,
    is_complementizer,
    is_role,
    is_time,
    make_speaker,
    subject_after,
    subject_before,
)
from pipeline.text.normalize import match_key

_MAX_CUE_REACH = 30  # tokens between a cue and its colon / quote / أن
# Words that make a following أن a subordinate clause of time or manner ("before", "without").
_NOT_REPORTING = frozenset(match_key(w) for w in "قبل بعد منذ دون بدون لحين ريثما".split())  # not إلى: "أشار إلى أن"
_MAX_TITLE_PLACE = 8  # words between a title and the name it introduces ("… في محافظة ذي قار")


def after_break(text: str, pos: int) -> bool:
    """A ḥāl participle chains a statement only after a comma or at a line start."""
    k = pos - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in "،,\n؛"


def read_cue(doc: Doc, i: int, form: CueForm, drafts: list[Draft], dangling: list[Dangling]) -> None:
    """Read the cue at token ``i``: a quote or clause it introduces becomes a draft; a cue that
    introduces nothing is kept as dangling (its speaker may own a quote after it or on the next line)."""
    toks, text = doc.toks, doc.text
    _, limit = doc.sentence(toks[i].start)
    marker, j = _find_marker(doc, i, limit)
    speaker, mode = _speaker_for(doc, i, form, j)
    cue = toks[i]
    if form.masdar and (marker is None or mode != "explicit"):
        return  # "هذا الإعلان جاء": a verbal noun reports only with its own speaker and clause
    base = 0.9 if mode == "explicit" else 0.8 if mode == "continue" else 0.6
    claimed_before = _read_interrupted(doc, i, form, speaker, mode, base, drafts)
    if marker is None:
        reads_np = form.np is not None or form.obj is not None
        if reads_np and (mode == "explicit" or form.hal) and read_np(doc, i, form, speaker, drafts):
            return
        dangling.append(Dangling(i, form, speaker, mode, used=claimed_before))
        return
    kind_at, j = marker
    k = j if kind_at == "quote" else j + 1
    if kind_at == "colon" and k < len(toks) and is_complementizer(toks[k]):
        k += 1
    q = doc.by_open.get(toks[k].start) if k < len(toks) else None
    if kind_at == "quote":
        lead = _object_before_quote(doc, i + 1, j, speaker if mode == "explicit" else None, form)
        if lead is not None:
            # "مؤكداً حرص الكويت على «…»", "واعتبر الوجود الأمريكي … “…”": the verb's object leads the quote
            keep = mode == "explicit" and speaker_like(doc, speaker)
            doc.claimed.add(q.open_at)
            add_draft(drafts, lead, doc.span_end(q), "mixed", cue, form, speaker if keep else None,
                      "explicit" if keep else "continue", base - 0.2)
            return
    if q is not None and add_complement_quote(doc, drafts, q, kind_at, cue, form, speaker, mode, base) is not None:
        return
    if kind_at == "colon":
        start = toks[k].start if k < len(toks) else len(text)
        para = doc.paras.at(start)
        if para is None or doc.words(start, para[1]) < 3:
            dangling.append(Dangling(i, form, speaker, mode))
            return
        end = para[1]
        while end > start and text[end - 1] in " \t":
            end -= 1
        add_draft(drafts, start, end, "direct", cue, form, speaker, mode, base - 0.15)
        return
    start = clause_start(doc, j)
    end = doc.clause_end(start)
    if doc.words(start, end) < 2:
        dangling.append(Dangling(i, form, speaker, mode))
        return
    add_clause(doc, drafts, start, end, cue, form, speaker, mode, base - 0.1)


def _speaker_for(doc: Doc, i: int, form: CueForm, region_end: int) -> tuple[Speaker | None, str]:
    toks = doc.toks
    if form.passive:
        return None, "none"
    if form.hal:
        return None, "continue"  # a participle shares the clause's speaker
    s_start, _ = doc.sentence(toks[i].start)
    floor = doc.tok_index(s_start)
    bare = doc.lex.forms.get(toks[i].key) is not None  # no conjunction glued to the verb
    sub = None
    if bare and not form.masdar and i > floor and toks[i - 1].key in ("قد", "لقد"):
        sub = subject_before(toks, i, floor, doc.lex)  # "وكان المجلس قد دعا …": subject first
    first = doc.next_word(i + 1)
    if form.obj is not None and first is not None and preposition_of(toks[first], form.obj):
        region_end = first  # "وتطالب برفع العقوبات": no subject after the verb
    if sub is None:
        sub = subject_after(toks, i + 1, region_end, doc.lex, doc.entity_starts)
    if sub is None and form.masdar:
        sub = _source_before(doc, i, floor)  # "نقلت الوكالة عن مسؤول قوله إن"
    if sub is None and bare and not form.masdar:
        sub = subject_before(toks, i, floor, doc.lex)
    if sub is None and toks[i].key[:1] == "ف" and toks[floor].key in ("اما", "واما"):
        sub = subject_after(toks, floor + 1, i, doc.lex, doc.entity_starts)  # "أما رئيس النقابة، فقال …"
    if sub is None:
        return None, "continue"
    sub = _reach_name(doc, sub, region_end)
    return make_speaker(doc.text, toks, sub[0], sub[1], doc.mentions, doc.lex), "explicit"


def _reach_name(doc: Doc, sub: tuple[int, int], region_end: int) -> tuple[int, int]:
    """'رئيس الجمعيات الفلاحية في محافظة ذي قار حسن الشويلي': a title's place, then the name."""
    a, b = sub
    toks, lex = doc.toks, doc.lex
    if not is_role(toks[a], lex) or any(
        m.label == "PERSON" and toks[a].start <= m.start < toks[b - 1].end for m in doc.mentions
    ):
        return sub
    for k in range(b, min(region_end, b + _MAX_TITLE_PLACE)):
        t = toks[k]
        person = next((m for m in doc.mentions if m.label == "PERSON" and m.start == t.start), None)
        if person is not None:
            return a, doc.tok_index(person.end)
        if not t.word or t.key in lex.circumstances or _bare_key(t.key) in lex.circumstances \
                or is_time(t, lex) or is_complementizer(t) or t.plain in GLUE - {"في"} or doc.cue(k):
            return sub
    return sub


def _bare_key(key: str) -> str:
    return key[2:] if key.startswith("ال") else key


def _source_before(doc: Doc, i: int, floor: int) -> tuple[int, int] | None:
    for k in range(i - 1, max(floor, i - 12) - 1, -1):
        if doc.toks[k].plain == "عن":
            return subject_after(doc.toks, k + 1, i, doc.lex, doc.entity_starts)
    return None


def _find_marker(doc: Doc, i: int, limit: int) -> tuple[tuple[str, int] | None, int]:
    """The first colon, quote or complementizer after cue ``i`` (and where the search stopped)."""
    toks = doc.toks
    j = i + 1
    while j < len(toks) and toks[j].start < limit and j - i <= _MAX_CUE_REACH:
        u = toks[j]
        if u.text == ":":
            return ("colon", j), j
        q = doc.by_open.get(u.start)
        if q is not None:
            if doc.quote_like(q) or subject_after(toks, i + 1, j, doc.lex, doc.entity_starts) is None:
                return ("quote", j), j
            if q.close_at is None:
                break
            j = doc.tok_index(q.close_at) + 1  # a name or term in scare quotes inside the subject
            continue
        if is_complementizer(u):
            if toks[j - 1].key in _NOT_REPORTING:
                break  # "قبل أن يتراجع", "من دون أن يشارك": a time or manner clause, not what was said
            return ("that", j), j
        other = doc.cue(j)
        if other is not None and not other.masdar or u.text in ".!?؟":
            break
        j += 1
    return None, j


def _object_before_quote(doc: Doc, lo: int, hi: int, speaker: Speaker | None, form: CueForm) -> int | None:
    """Start of an object written between the cue (or its subject) and the quote, if any."""
    if form.hal:
        a = lo
    elif form.np == "" and speaker is not None and not speaker_like(doc, speaker):
        a = doc.tok_index(speaker.start)
    else:
        return None
    words = [t for t in doc.toks[a:hi] if t.word]
    while words and words[0].plain in GLUE:  # "مؤكداً على مواصلة …"
        words.pop(0)
    return words[0].start if words else None


def _read_interrupted(doc: Doc, i: int, form: CueForm, speaker: Speaker | None, mode: str, base: float,
                      drafts: list[Draft]) -> bool:
    """'"…"، يقول الوزير، "…"' / '"…"، قال ميلر': the quote just before the cue is the speaker's."""
    cue = doc.toks[i]
    k = i - 1
    while k >= 0 and doc.toks[k].text in "،,":
        k -= 1
    if k < 0 or doc.toks[k].word:
        return False
    q = next((q for q in doc.qspans if q.close_at == doc.toks[k].start), None)
    if q is None or q.open_at in doc.claimed or covered(drafts, q.start) or form.hal or form.masdar:
        return False
    words = doc.words(q.start, q.end)
    conjunction = doc.lex.forms.get(cue.key) is None
    if words < 2 or (conjunction and not doc.quote_like(q)):
        return False
    doc.claimed.add(q.open_at)
    add_draft(drafts, q.start, q.end, "direct", cue, form, speaker, mode, base - 0.05)
    return True
