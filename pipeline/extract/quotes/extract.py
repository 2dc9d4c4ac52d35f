"""Who said what: direct, indirect and mixed quotes with their speakers.

Order of work: pair quote marks (``marks``); read every speech cue with what follows it (``cues``:
speaker, then a colon, a quote, an أن-clause or a reported noun phrase), and attributions without a
verb (``sources``); attribute the quotes no cue claimed (a dangling cue before them, a paragraph that
continues the previous speaker); finally resolve continuation cues ("وأضاف", "مشدداً") to the
previous speaker.
"""

from __future__ import annotations

from pipeline.extract.mention import Mention
from pipeline.extract.quotes.cues import after_break, read_cue
from pipeline.extract.quotes.document import Doc
from pipeline.extract.quotes.drafts import Dangling, Draft, add_draft, covered
from pipeline.extract.quotes.marks import QuotedSpan
from pipeline.extract.quotes.model import Quote
from pipeline.extract.quotes.sources import read_attribution, read_colon_speakers
from pipeline.extract.quotes.speaker import Speaker

_CONTINUATION_REACH = 1500  # characters back to the speaker a continuation inherits
_MAX_DANGLING_TAIL = 6  # words after a cue that still lets it introduce the next paragraph's quote
_MIN_UNCUED_WORDS = 6  # an unattributed quote with no cue must be at least this long


def extract_quotes(text: str, sentences: list[tuple[int, int]], mentions: list[Mention]) -> list[Quote]:
    """Quotes of one document's clean text, in text order (see ``Quote``)."""
    doc = Doc(text, sentences, mentions)
    drafts: list[Draft] = []
    dangling: list[Dangling] = []
    for i in _speech_words(doc):
        t = doc.toks[i]
        form = doc.cue(i)
        if form is None and t.key not in doc.lex.attribution:
            continue
        if doc.inside_quote(t.start) or covered(drafts, t.start):
            continue
        if form is not None:
            if form.hal and not after_break(text, t.start):
                continue
            read_cue(doc, i, form, drafts, dangling)
        elif t.key in doc.lex.attribution:
            read_attribution(doc, i, drafts)
    read_colon_speakers(doc, drafts)
    _attribute_free_quotes(doc, drafts, dangling)
    return _resolve(doc, drafts, dangling)


def _speech_words(doc: Doc) -> list[int]:
    """Indices of the word tokens that are cues or attribution words, in text order."""
    attribution = doc.lex.attribution
    return sorted({i for i, t in enumerate(doc.toks) if t.key in attribution and t.word}.union(doc.cue_forms))


def _attribute_free_quotes(doc: Doc, drafts: list[Draft], dangling: list[Dangling]) -> None:
    """Quotes no cue claimed: speaker after them, a dangling cue before, or the previous speaker."""
    text = doc.text
    for q in doc.qspans:
        if q.open_at in doc.claimed or covered(drafts, q.open_at) or not doc.quote_like(q):
            continue
        before = _dangling_before(doc, q, drafts, dangling)
        if before is not None:
            before.used = True
            add_draft(drafts, q.start, q.end, "direct", doc.toks[before.tok], before.form, before.speaker,
                      before.mode, 0.75)
            continue
        para = doc.paras.at(q.open_at)
        if para is not None and not text[para[0] : q.open_at].strip():
            add_draft(drafts, q.start, q.end, "direct", None, None, None, "continue", 0.6)
        elif doc.words(q.start, q.end) >= _MIN_UNCUED_WORDS:
            add_draft(drafts, q.start, q.end, "direct", None, None, None, "none", 0.4)


def _dangling_before(doc: Doc, q: QuotedSpan, drafts: list[Draft], dangling: list[Dangling]) -> Dangling | None:
    """The last unused cue before ``q`` in its sentence or at the end of the previous paragraph."""
    cands = [d for d in dangling if not d.used and doc.toks[d.tok].start < q.open_at]
    if not cands:
        return None
    d = cands[-1]
    pos = doc.toks[d.tok].start
    if any(pos < x.start < q.open_at for x in drafts):
        return None
    if doc.sentence(pos) == doc.sentence(q.open_at):
        return d
    p_cue, p_q = doc.paras.index(pos), doc.paras.index(q.open_at)
    if p_cue is None or p_q is None or p_q - p_cue != 1:
        return None
    # "قال البيان⏎«…»": the cue ends its paragraph, with at most its speaker and setting after it
    return d if doc.words(doc.toks[d.tok].end, doc.paras.spans[p_cue][1]) <= _MAX_DANGLING_TAIL else None


def _resolve(doc: Doc, drafts: list[Draft], dangling: list[Dangling]) -> list[Quote]:
    order = sorted(range(len(drafts)), key=lambda k: (drafts[k].start, drafts[k].end))
    kept: list[int] = []
    for k in order:  # one quote per stretch of text: the first reading of it wins
        d = drafts[k]
        if kept and d.start < drafts[kept[-1]].end:
            continue
        kept.append(k)
    position = {k: n for n, k in enumerate(kept)}
    events = sorted(
        [(doc.toks[d.tok].start, 1, None, d.speaker) for d in dangling if d.mode == "explicit" and not d.used]
        + [(drafts[k].anchor, 0, k, None) for k in kept]
    )
    last: tuple[Speaker, int | None, int] | None = None  # speaker, its quote, where it was named
    resolved: dict[int, tuple[Speaker | None, int | None, str]] = {}
    for anchor, _, k, speaker in events:
        if k is None:
            last = (speaker, None, anchor)
            continue
        d = drafts[k]
        if d.mode == "explicit":
            resolved[k] = (d.speaker, None, "explicit")
            last = (d.speaker, position[k], anchor)
        elif d.mode == "continue" and last is not None and anchor - last[2] <= _CONTINUATION_REACH:
            resolved[k] = (last[0], last[1], "continue")
            last = (last[0], position[k], anchor)
        else:
            resolved[k] = (None, None, "none")
    quotes = []
    for k in kept:
        d = drafts[k]
        speaker, source, how = resolved[k]
        conf = d.confidence if speaker is not None or d.mode == "none" else round(d.confidence * 0.6, 2)
        quotes.append(Quote(
            start=d.start, end=d.end, text=doc.text[d.start : d.end], kind=d.kind,
            cue=d.cue.text if d.cue else None, cue_start=d.cue.start if d.cue else None,
            cue_end=d.cue.end if d.cue else None, cue_lemma=d.lemma,
            speaker_start=speaker.start if speaker else None, speaker_end=speaker.end if speaker else None,
            speaker_text=speaker.text if speaker else None, speaker_role=speaker.role if speaker else None,
            speaker_mention_index=speaker.mention_index if speaker else None,
            continued_from=source if how == "continue" else None, confidence=conf,
        ))
    return quotes
