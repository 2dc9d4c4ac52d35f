"""Statements attributed without a speech verb: "حسب وكالة X، فإن …", "مصدر في الوزارة: …"."""

from __future__ import annotations

from dataclasses import replace

from pipeline.extract.quotes.clauses import clause_kind, clause_start
from pipeline.extract.quotes.document import TRAILING, Doc
from pipeline.extract.quotes.drafts import Draft, add_draft, covered
from pipeline.extract.quotes.noun_phrases import skip_setting
from pipeline.extract.quotes.speaker import Speaker, is_complementizer, is_role, make_speaker, subject_after

_MAX_COLON_SPEAKER = 10
_MAX_SOURCE_TAIL = 12  # tokens between an attributed source and its "فإن"  # tokens of a verbless speaker phrase before its colon


def read_attribution(doc: Doc, i: int, drafts: list[Draft]) -> None:
    """'حسب تقرير X، فإن …' and '…، بحسب وكالة X.' — a statement attributed to a source."""
    toks, text = doc.toks, doc.text
    a = doc.next_word(i + 1)
    if a is None:
        return
    if toks[i].key.endswith("وفقا") or toks[i].key.endswith("طبقا"):
        if not toks[a].key.startswith("ل"):
            return
        if toks[a].key == "ل":
            a = doc.next_word(a + 1)
    elif toks[i].key.endswith("نقلا"):
        if toks[a].key != "عن":
            return
        a = doc.next_word(a + 1)
    if a is None:
        return
    s_start, s_end = doc.sentence(toks[i].start)
    if toks[a].key == "ما" and a + 2 < len(toks) and toks[a + 1].word:
        a += 2  # "وفق ما أعلنته هيئة القناة": the source is the reporting verb's subject
    sub = subject_after(toks, a, doc.tok_index(s_end), doc.lex, doc.entity_starts)
    if sub is None:
        return
    b = sub[1]
    if b + 1 < len(toks) and toks[b].plain == "عن":  # "بحسب ما نقلت قناة X عن مسؤول": the original source
        relayed = subject_after(toks, b + 1, doc.tok_index(s_end), doc.lex, doc.entity_starts)
        sub = relayed or sub
    speaker = make_speaker(text, toks, sub[0], sub[1], doc.mentions, doc.lex)
    head = toks[sub[0]]
    if head.key.startswith("ل") and len(head.key) > 2 and doc.lex.cue(head.text) is None:
        skip = 1 + (text[head.start + 1 : head.start + 2] == "\u0640")  # "وفقاً لتقرير": drop the ل
        speaker = replace(speaker, start=speaker.start + skip, text=speaker.text[skip:])
    if not is_source(doc, speaker):
        return
    before = text[s_start : toks[i].start].strip()
    cue = toks[i]
    if before in ("", "و"):
        b = skip_setting(doc, sub[1], s_end)
        that = next((k for k in range(b, min(b + _MAX_SOURCE_TAIL, len(toks)))
                     if toks[k].start < s_end and is_complementizer(toks[k])), None)
        if that is not None and toks[that].key[:1] in "فو":  # "…، فإن …" after more of the source
            b = that
        if b < len(toks) and is_complementizer(toks[b]):
            start = clause_start(doc, b)
        elif b < len(toks):
            start = toks[b].start
        else:
            return
        end = doc.clause_end(start)
        if doc.words(start, end) >= 3:
            add_draft(drafts, start, end, clause_kind(doc, start, end), cue, None, speaker, "explicit", 0.65)
        return
    after = text[toks[sub[1] - 1].end : s_end].strip(TRAILING)
    if before.endswith(("،", ",")) and not after:
        start = s_start
        while start < toks[i].start and text[start] in " \t":
            start += 1
        end = toks[i].start
        while end > start and text[end - 1] in TRAILING:
            end -= 1
        owner = next((d for d in drafts if d.start < end and start < d.end), None)
        if owner is not None:
            return  # the statement already has its speaker; the source is where it was reported
        if doc.words(start, end) >= 4:
            add_draft(drafts, start, end, clause_kind(doc, start, end), cue, None, speaker, "explicit", 0.55)


def read_colon_speakers(doc: Doc, drafts: list[Draft]) -> None:
    """'مصدر في مؤسسة كهرباء لبنان: …': a paragraph opened by a speaker phrase and a colon, no verb."""
    toks = doc.toks
    for n, (p_start, p_end) in enumerate(doc.paras.spans):
        if n == 0 and doc.text[p_start:p_end].rstrip()[-1:] not in ".!؟?\"”»":
            continue  # a headline ("الوزير: …") summarises the article; it is not a statement
        a = doc.tok_index(p_start)
        k = next((k for k in range(a + 1, min(a + _MAX_COLON_SPEAKER, len(toks)))
                  if toks[k].start < p_end and toks[k].text == ":"), None)
        if k is None or covered(drafts, toks[k].start) or k + 1 >= len(toks):
            continue
        if any(t.word and doc.lex.cue(t.text) is not None for t in toks[a:k]):
            continue
        sub = subject_after(toks, a, k, doc.lex, doc.entity_starts)
        last_word = max((n for n in range(a, k) if toks[n].word), default=None)
        if sub is None or sub[0] != a or last_word is None or sub[1] != last_word + 1:
            continue  # the whole run before the colon must be the speaker phrase
        speaker = make_speaker(doc.text, toks, sub[0], sub[1], doc.mentions, doc.lex)
        if not _names_speaker(doc, speaker):
            continue
        q = doc.by_open.get(toks[k + 1].start)
        if q is not None:
            doc.claimed.add(q.open_at)
            start, end = q.start, q.end
        else:
            start, end = toks[k + 1].start, p_end
            while end > start and doc.text[end - 1] in " \t":
                end -= 1
        if doc.words(start, end) >= 3:
            add_draft(drafts, start, end, "direct", toks[k], None, speaker, "explicit", 0.6)


def _names_speaker(doc: Doc, speaker: Speaker) -> bool:
    """A role, a source or a person / organisation entity: enough to speak without a verb."""
    if speaker.mention_index is not None and doc.mentions[speaker.mention_index].label in ("PERSON", "ORG"):
        return True
    span = doc.span_tokens(speaker.start, speaker.end)
    return any(t.word and is_role(t, doc.lex) for t in span) or is_source(doc, speaker)


def speaker_like(doc: Doc, speaker: Speaker | None) -> bool:
    """Could this phrase speak? Only checked when entity mentions are available to say so."""
    if speaker is None or not doc.mentions or speaker.mention_index is not None:
        return True
    return any(t.word and is_role(t, doc.lex) for t in doc.span_tokens(speaker.start, speaker.end)) \
        or is_source(doc, speaker)


def is_source(doc: Doc, speaker: Speaker) -> bool:
    heads = doc.lex.source_heads
    for t in doc.span_tokens(speaker.start, speaker.end):
        if t.word and (t.key in heads or t.key.removeprefix("ال") in heads or t.key.removeprefix("ل") in heads):
            return True
    return speaker.mention_index is not None and doc.mentions[speaker.mention_index].label in ("ORG", "PERSON")
