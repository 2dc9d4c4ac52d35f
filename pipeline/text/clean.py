"""Clean text you can trust: pasted or HTML articles to clean text, audit trail and metadata.

Each document is cut into lines; every line is labelled from lexicon matches (UI phrases, photo
credits, section labels, outlets) and structure (length, terminal punctuation, repetition inside
the document and across the batch, position before the first or after the last body paragraph).
Kept lines form ``clean_text``; removed ones are recorded with raw offsets and a reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from pipeline.text import boilerplate as bp
from pipeline.text import metadata as md
from pipeline.text.cycles import cycle_collection_paused
from pipeline.text.html import extract_html
from pipeline.text.normalize import clean_into, clean_layer, match_key, needs_cleaning
from pipeline.text.offsets import OffsetMapBuilder, to_raw

# A line reads as running text if it ends a sentence and has a few words, or is simply long.
_BODY_MIN_WORDS_TERMINAL = 4
_BODY_MIN_WORDS = 14
# Longest line still taken for a title, caption or widget line.
_SHORT_MAX_WORDS = 30
# Above this many tokens a line is long whatever it holds; below, words are counted exactly.
_EXACT_COUNT_MAX = 40
# A short line seen in this many documents of the batch is site furniture.
_CROSS_DOC_MIN = 3
_CROSS_DOC_MAX_WORDS = 10
# Captions repeat within a few lines of each other.
_REPEAT_WINDOW = 4
# A line this short above a longer headline is a site name or section label, not the title.
_SECTION_LABEL_MAX_WORDS = 3
# Tags printed one per line without a label: runs of this many lines of at most this many words.
_TAG_RUN_MIN, _TAG_MAX_WORDS = 3, 3
# How far below such a line its headline may be (menu items, dates and widgets between them).
_HEADER_LOOKAHEAD = 16
_RELATED = {"related_links", "show_more"}
_BULLET = re.compile(r"^(?:[-–•*·»▪◦]|\d{1,2}[.)-])\s")
# Stripped from line ends: spaces and the invisible marks pasted text carries.
_STRIP = (
    " \t\r\f\v\u00a0\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c"
)
_PARAGRAPH_BREAK = "\n\n"
_CLOSERS, _FINAL_MARKS = bp._CLOSERS, bp._FINAL_MARKS
_word_count = bp.word_count
_raw_start = attrgetter("raw_start")


@dataclass(frozen=True, slots=True)
class RawDoc:
    doc_id: str
    text: str
    fmt: str  # "txt" or "html"


class RemovedSpan(NamedTuple):  # a tuple: a batch has hundreds of thousands
    raw_start: int
    raw_end: int
    text: str
    reason: str


@dataclass(frozen=True)
class CleanResult:
    doc_id: str
    source_text: str
    clean_text: str
    removed: list[RemovedSpan]
    offset_map: list[tuple[int, int, int]]
    title: str | None = None
    published_date: dt.date | None = None
    date_precision: str | None = None
    date_evidence: str | None = None
    byline: str | None = None
    outlet: str | None = None
    dateline: str | None = None


@dataclass(slots=True)
class _Line:
    raw_start: int
    raw_end: int
    text: str  # clean layer of the line
    offset_map: list[tuple[int, int, int]] | None  # None: ``text`` is raw[raw_start:raw_end] as is
    words_: int  # see n_words; -1 until a threshold needs the exact count
    terminal: bool
    body_like: bool
    short: bool
    cross_doc_candidate: bool  # may be site furniture if other documents hold it (short, not a sentence)
    # What the line says on its own (``_furniture``), before its position is looked at.
    ui: str | None
    related_end: int | None
    label: str | None  # None = kept as body / subheading
    reason: str
    name: str | None  # byline named by a credits or author-widget line
    key: str  # matching key of a short line (repetition checks), "" for the others
    # (start, end, reason) removals inside a kept line, in line-text coordinates
    cuts: tuple[tuple[int, int, str], ...] = ()

    @property
    def n_words(self) -> int:
        """Letter words (exact up to 40 whitespace tokens, the token count above)."""
        if self.words_ < 0:
            self.words_ = _word_count(self.text)
        return self.words_

    def raw(self, pos: int) -> int:
        return self.raw_start + (pos if self.offset_map is None else to_raw(self.offset_map, pos))


def _shape(text: str) -> tuple[int, bool, bool, bool, bool]:
    """(words_, terminal, body_like, short, cross_doc_candidate) of a line, as stored in ``_Line``."""
    n_words = text.count(" ") + 1
    tail = text.rstrip(_CLOSERS)
    terminal = bool(tail) and tail[-1] in _FINAL_MARKS  # bp.is_terminal, inlined
    # A short question reads as a headline (related stories, teasers), not as running text.
    ends = terminal and not text.rstrip("\"'”»’)] ").endswith(("؟", "?"))
    if n_words <= _EXACT_COUNT_MAX:  # letter words only, where a threshold can depend on it
        # A sentence whose first words are plain letter tokens is running text whatever its
        # exact count (each such token is one word): the count waits until something needs it.
        if ends and n_words > _BODY_MIN_WORDS_TERMINAL:
            first = text.split(None, _BODY_MIN_WORDS_TERMINAL)[:_BODY_MIN_WORDS_TERMINAL]
            if len(first) == _BODY_MIN_WORDS_TERMINAL and all(map(str.isalpha, first)):
                return -1, terminal, True, False, False
        n_words = _word_count(text)
    body_like = (ends and n_words >= _BODY_MIN_WORDS_TERMINAL) or n_words >= _BODY_MIN_WORDS
    short = not body_like and n_words <= _SHORT_MAX_WORDS
    return n_words, terminal, body_like, short, not terminal and n_words <= _CROSS_DOC_MAX_WORDS


_NOT_FURNITURE = (None, None, None, "", None)


def _furniture(text: str, body_like: bool, terminal: bool) -> tuple[str | None, int | None, str | None, str, str | None]:
    """(ui, related_end, label, reason, name) of a line that is site furniture or metadata whatever
    its position (``_NOT_FURNITURE`` otherwise); ``name`` is the byline a credits or author-widget
    line gives."""
    # One match of a leading UI phrase serves the three recognisers that need it; without one
    # they reduce to the "©" test. A line longer than any UI line is never one.
    lead = bp.leading_ui(text)
    ui = bp.ui_line(text, lead)
    related_end = bp.related_prefix(text, lead) if ui is None and lead is not None else None
    if ui:
        return ui, None, "boilerplate", f"ui_phrase:{ui}", None
    if related_end is not None:
        return ui, related_end, "boilerplate", "other_article_title", None
    if "©" in text or (lead is not None and bp.footer(text, lead)):
        return ui, None, "boilerplate", "footer", None
    if md.relative_time_line(text) or md.update_stamp_line(text):
        # "منذ 3 ساعات", "آخر تحديث: ...": they date no publication, wherever they stand.
        return ui, None, "metadata", "metadata:date", None
    if bp.hashtag_line(text):
        return ui, None, "boilerplate", "ui_phrase:tags", None
    if bp.print_label(text):
        return ui, None, "boilerplate", "print_label", None
    if bp.embed_attribution(text):
        return ui, None, "boilerplate", "embed_attribution", None
    if bp.cookie_notice(text):
        return ui, None, "boilerplate", "cookie_notice", None
    if lead is not None and bp.labelled_list(text, lead):
        return ui, None, "boilerplate", "ui_phrase:tags", None
    if not bp.has_arabic(text) and bp.latin_widget(text):
        return ui, None, "boilerplate", "latin_widget", None
    if md.may_be_credits(text) and (reporter := md.credits_line(text)) is not None:
        return ui, None, "metadata", "metadata:credits", reporter or None
    if not body_like:
        author = md.byline_line(text)
        if author and author[1] == "author_widget":
            return ui, None, "metadata", "metadata:author_widget", author[0]
        if md.role_line(text):
            return ui, None, "boilerplate", "author_widget", None
        if bp.caption_label(text) or (
            # "واشنطن - رويترز" ends like a credit but is a dateline line
            bp.caption_credit(text) and md.agency_line(text) is None
        ):
            return ui, None, "boilerplate", "caption_credit", None
    elif not terminal and text.count(" ") < _SHORT_MAX_WORDS and bp.caption_credit(text):
        # A caption may be a whole sentence, but it closes on its credit, not a full stop.
        return ui, None, "boilerplate", "caption_credit", None
    return _NOT_FURNITURE if ui is None else (ui, None, None, "", None)


def _line_facts(text: str) -> tuple:
    """Everything ``_Line`` holds that depends on the line's text alone (its fields in order): with the
    matching key of a short line, so that a line seen before is not folded again."""
    shape = _shape(text)
    return shape + _furniture(text, shape[2], shape[1]) + (match_key(text) if shape[3] else "",)


# Site furniture and headings are short and repeat across a site's documents: each distinct short
# line is examined once (long lines are running text, unique, and never reach the cache).
_short_line_facts = bp.line_cache(_line_facts)


@dataclass
class _Meta:
    title: str | None = None
    date: md.DateMention | None = None
    byline: str | None = None
    outlet: str | None = None
    dateline: str | None = None


def _lines(source: str) -> list[_Line]:
    out = []
    pos = 0
    # Most documents hold no character the clean layer changes: one scan of the document tells that
    # every line is its own clean layer. In the others, each line is checked on its own.
    plain = not needs_cleaning(source)
    short_max = bp.UI_MAX_CHARS
    for raw_line in source.split("\n"):
        start = pos
        pos += len(raw_line) + 1
        text = raw_line.strip(_STRIP)
        if not text:
            continue
        if text[0] != raw_line[0]:  # leading marks stripped
            start += len(raw_line) - len(raw_line.lstrip(_STRIP))
        end = start + len(text)
        offsets = None
        if not plain and needs_cleaning(text):
            text, offsets = clean_layer(text)
            if not text.strip():
                continue
        facts = _short_line_facts(text) if len(text) <= short_max else _line_facts(text)
        out.append(_Line(start, end, text, offsets, *facts))
    return out


def _is_title_candidate(line: _Line) -> bool:
    # A heading may end with "?" or "..", but a long line ending with a full stop is a paragraph.
    return line.n_words <= _SHORT_MAX_WORDS and not (line.text.endswith(".") and line.n_words >= 15
                                                     and not line.text.endswith(".."))


def _header_metadata(line: _Line, meta: _Meta) -> bool:
    """Label a header/tail line that carries metadata; fills ``meta``. True if labelled."""
    crumbs = bp.breadcrumb_parts(line.text)
    if crumbs is not None:
        line.label, line.reason = "boilerplate", "breadcrumb"
        meta.outlet = meta.outlet or md.breadcrumb_outlet(crumbs)
        return True
    if _date_metadata(line, meta):
        return True
    both = md.place_outlet_byline_line(line.text)
    if both is not None:
        line.label, line.reason = "metadata", "metadata:byline"
        meta.dateline, meta.outlet, meta.byline = meta.dateline or both[0], meta.outlet or both[1], meta.byline or both[2]
        return True
    # A byline with the outlet ("عربي21- سامي خليل") or the place ("الرياض: عبد الله الشهري") before it.
    for recognise, field in ((md.outlet_byline_line, "outlet"), (md.place_byline_line, "dateline")):
        found = recognise(line.text)
        if found is not None:
            line.label, line.reason = "metadata", "metadata:byline"
            setattr(meta, field, getattr(meta, field) or found[0])
            meta.byline = meta.byline or found[1]
            return True
    if _byline_metadata(line, meta):
        return True
    agency = md.agency_line(line.text)
    if agency is not None:
        place, outlet = agency
        line.label, line.reason = "metadata", "metadata:dateline" if place else "metadata:outlet"
        meta.dateline = meta.dateline or place
        meta.outlet = meta.outlet or outlet
        return True
    # Outside the article's text, a row of items between bars is a menu, tabs or tags, and a line
    # without a letter ("2 - 2", "00:00 / 02:15") a widget's figures.
    if bp.bar_row(line.text):
        line.label, line.reason = "boilerplate", "navigation"
        return True
    if not bp.has_letter(line.text):
        line.label, line.reason = "boilerplate", "widget"
        return True
    return False


def _date_metadata(line: _Line, meta: _Meta) -> bool:
    date = md.date_line(line.text)
    if date is None:
        return False
    line.label, line.reason = "metadata", "metadata:date"
    if not md.is_update_line(line.text):
        meta.date = meta.date or date
    return True


def _byline_metadata(line: _Line, meta: _Meta) -> bool:
    byline = md.byline_line(line.text)
    if byline is None:
        return False
    name, kind = byline
    line.label, line.reason = "metadata", f"metadata:{kind}"
    meta.byline = meta.byline or name
    return True


def _near_repeat(a: str, b: str) -> bool:
    """Same caption printed twice, or once with and once without its credit."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter.split()) >= 2 and longer.startswith(shorter)


def _label(line: _Line, label: str, reason: str) -> None:
    line.label, line.reason = label, reason


def _mark_furniture(lines: list[_Line], meta: _Meta) -> None:
    """Lines that are site furniture or metadata whatever their position (labelled by ``_lines``)."""
    meta.byline = meta.byline or next((line.name for line in lines if line.name), None)
    # An "about the author" label is followed by the author's bio, however long.
    for i in [i for i, line in enumerate(lines[:-1]) if line.ui == "author_widget"]:
        if lines[i + 1].label is None:
            _label(lines[i + 1], "boilerplate", "author_widget")


def _mark_header(lines: list[_Line], meta: _Meta) -> int | None:
    """Label metadata lines above the title, the title itself; return the title's index."""
    for i, line in enumerate(lines):
        if line.label is not None or _header_metadata(line, meta):
            continue
        if not _is_title_candidate(line):
            return None
        headline = _headline_below(lines, i, meta) if not _headline_like(line) else None
        if headline is not None:
            # Lines of a few words above a headline are the site's name, section labels and menu
            # items ("الشارع المصري", "شؤون عربية", "English"), whatever furniture or metadata lies
            # between them.
            for above in lines[i:headline]:
                if above.label is None:
                    _label(above, "boilerplate", "section_label")
            line, i = lines[headline], headline
        _label(line, "title", "title")
        meta.title = line.text
        return i
    return None


def _headline_like(line: _Line) -> bool:
    """Arabic words enough for a headline, and not a masthead ("وكالة الأنباء ... - وفا") nor a row of
    items between bars (a menu, a ticker, "عاجل | ...", "الموقع | شعاره"): headlines have no bars."""
    return (line.n_words > _SECTION_LABEL_MAX_WORDS and bp.has_arabic(line.text) and "|" not in line.text
            and not md.masthead_line(line.text))


def _headline_below(lines: list[_Line], start: int, meta: _Meta) -> int | None:
    """Index of the headline under the line at ``start``, which is not headline-like: the first line
    of the next few that is neither furniture, metadata nor another line that is not headline-like,
    if it is a short one (a headline, not running text)."""
    for j in range(start + 1, min(len(lines), start + _HEADER_LOOKAHEAD)):
        line = lines[j]
        if line.label is not None or _header_metadata(line, meta):
            continue
        if not _headline_like(line) and _is_title_candidate(line):
            continue
        return j if line.short and _headline_like(line) else None
    return None


def _mark_bylines_by_position(lines: list[_Line], start: int, end: int, meta: _Meta) -> None:
    """A bare name between the title and the text, next to other metadata, is the byline."""
    for i in range(start, end):
        line = lines[i]
        neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if line.label is None and md.name_like(line.text) and any(n.label == "metadata" for n in neighbours):
            _label(line, "metadata", "metadata:byline")
            meta.byline = meta.byline or line.text


def _classify(lines: list[_Line], cross_doc: Counter[str] | None) -> _Meta:
    meta = _Meta()
    _mark_furniture(lines, meta)
    title_index = _mark_header(lines, meta)
    body = [i for i, line in enumerate(lines) if line.label is None and line.body_like]
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else len(lines)
    start = 0 if title_index is None else title_index + 1
    # A date stated between the title and the text is the article's; one above the title may be the
    # site's date of today in its top bar.
    above, meta.date = meta.date, None
    for line in lines[start:first_body]:
        if line.label is None and not line.body_like:
            _header_metadata(line, meta)
    if body:
        _cut_first_paragraph(lines[first_body], meta)
    # The byline and date may follow a standfirst: their lines right after the first paragraph.
    for line in lines[first_body + 1 :]:
        if line.label is None and (line.body_like or not (_date_metadata(line, meta) or _byline_metadata(line, meta))):
            break
    meta.date = meta.date or above
    _mark_bylines_by_position(lines, start, first_body, meta)
    _mark_repeats(lines, meta.title)
    _mark_widget_runs(lines)
    _mark_tail(lines, last_body, meta)
    if cross_doc:
        _mark_cross_doc(lines, cross_doc, title_index)
    for i in body:
        _cut_glued_related(lines[i])
    return meta


def _mark_repeats(lines: list[_Line], title: str | None) -> None:
    """Short lines that repeat the title, and captions printed twice within a few lines (once with and
    once without their credit)."""
    title_key = match_key(title) if title else None
    # A repeat's key equals the other's or opens it with two words or more (three characters at
    # least): only lines whose keys open alike are compared.
    by_opening: dict[str, list[tuple[int, _Line]]] = {}
    for i, line in enumerate(lines):
        if line.short and line.label != "title":
            by_opening.setdefault(line.key[:3], []).append((i, line))
    for group in by_opening.values():
        for n, (i, line) in enumerate(group[:-1]):
            if title_key and line.key == title_key:
                continue  # a title repeat is labelled below, nothing after it is its repeat
            key = line.key
            for j, other in group[n + 1 :]:
                if j > i + _REPEAT_WINDOW:
                    break
                other_key = other.key
                if (key.startswith(other_key) or other_key.startswith(key)) and _near_repeat(key, other_key):
                    for dup in (line, other):
                        if dup.label is None or dup.reason == "caption_credit":
                            dup.label, dup.reason = "boilerplate", "caption_repeat"
    if title_key:
        for _, line in by_opening.get(title_key[:3], ()):
            if line.key == title_key:
                line.label, line.reason = "boilerplate", "title_repeat"


def _mark_widget_runs(lines: list[_Line]) -> None:
    """Lines between a related-article widget and the next paragraph: the widget's title and image
    captions; the last one before the paragraph is the article's own subheading."""
    for i in [i for i, line in enumerate(lines) if line.ui in _RELATED or line.related_end is not None]:
        standalone = lines[i].ui in _RELATED
        run = []
        j = i + 1
        while j < len(lines) and not lines[j].body_like and not lines[j].ui and lines[j].related_end is None:
            run.append(lines[j])
            j += 1
        reaches_body = j < len(lines) and lines[j].body_like
        # The last line before the paragraph is the article's subheading, unless it is the only
        # line under a bare widget header (that header always lists a title) or a bulleted link.
        keeps_last = reaches_body and run and run[-1].label is None
        if keeps_last and standalone and (len(run) == 1 or _BULLET.match(run[-1].text)):
            keeps_last = False
        if keeps_last:
            run = run[:-1]
        for k, member in enumerate(run):
            if member.label is not None and member.label != "boilerplate":
                continue
            if member.label is None:
                first_title = (standalone and (k == 0 or _BULLET.match(member.text))) or not reaches_body
                member.label = "boilerplate"
                member.reason = "other_article_title" if first_title else "caption_widget"


def _mark_tail(lines: list[_Line], last_body: int, meta: _Meta) -> None:
    """After the last paragraph: runs of tags; lines under a widget label belong to the widget (even
    dates: they date the related stories); otherwise metadata lines and prompts with a UI phrase."""
    _mark_tag_runs(lines[last_body + 1 :])
    widget = None
    for line in lines[last_body + 1 :]:
        if line.ui or line.related_end is not None:
            widget = line.ui or "related_links"
            continue
        if line.label is not None or not line.short:
            continue
        if widget is not None:
            _label(line, "boilerplate", "other_article_title" if widget in _RELATED else f"ui_widget:{widget}")
        elif not _header_metadata(line, meta) and (category := bp.tail_widget(line.text)):
            _label(line, "boilerplate", f"ui_widget:{category}")


def _mark_tag_runs(tail: list[_Line]) -> None:
    """Three or more lines in a row of at most a few words, without a sentence end or a bullet, after
    the last paragraph: the article's tags printed one per line without a label."""
    run: list[_Line] = []
    for line in [*tail, None]:
        if (line is not None and line.label is None and not line.terminal and line.n_words <= _TAG_MAX_WORDS
                and not _BULLET.match(line.text)):  # a list closing the article has its bullets
            run.append(line)
            continue
        if len(run) >= _TAG_RUN_MIN:
            for member in run:
                _label(member, "boilerplate", "ui_widget:tags")
        run = []


def _mark_cross_doc(lines: list[_Line], cross_doc: Counter[str], title_index: int | None) -> None:
    for i, line in enumerate(lines):
        if line.label is not None or i == title_index or not line.cross_doc_candidate:
            continue
        followed_by_body = i + 1 < len(lines) and lines[i + 1].body_like
        if cross_doc[line.key] >= _CROSS_DOC_MIN and not followed_by_body:
            line.label, line.reason = "boilerplate", "cross_doc_repeat"


def _cut_first_paragraph(line: _Line, meta: _Meta) -> None:
    """A masthead ("الأمة|") or dateline ("الرباط -") fused to the opening of the first paragraph."""
    pos = 0
    prefix = md.outlet_prefix(line.text)
    if prefix:
        pos, outlet = prefix
        line.cuts += ((0, pos, "metadata:outlet"),)
        meta.outlet = meta.outlet or outlet
    dateline = md.dateline_prefix(line.text[pos:])
    if dateline:
        end, place, outlet, date = dateline
        line.cuts += ((pos, pos + end, "metadata:dateline"),)
        meta.dateline = meta.dateline or place
        meta.outlet = meta.outlet or outlet
        meta.date = meta.date or date


def _cut_glued_related(line: _Line) -> None:
    start = bp.glued_related_tail(line.text)
    if start is not None:
        line.cuts += ((start, len(line.text), "other_article_title"),)


def _assemble(source: str, lines: list[_Line]) -> tuple[str, list[tuple[int, int, int]], list[RemovedSpan]]:
    builder = OffsetMapBuilder()
    removed: list[RemovedSpan] = []

    def remove(raw_start: int, raw_end: int, reason: str) -> None:
        removed.append(RemovedSpan(raw_start, raw_end, source[raw_start:raw_end], reason))

    for line in lines:
        if line.label in ("boilerplate", "metadata"):
            if line.related_end is not None and line.reason == "other_article_title":
                split = line.raw(line.related_end)
                remove(line.raw_start, split, "ui_phrase:related_links")
                remove(split, line.raw_end, "other_article_title")
            else:  # remove(), inlined: this is most removed lines
                start, end = line.raw_start, line.raw_end
                removed.append(RemovedSpan(start, end, source[start:end], line.reason))
            continue
        if not line.cuts:  # the common case: the whole line is kept as cleaned
            builder.extend(line.text, line.offset_map, line.raw_start, _PARAGRAPH_BREAK)
            continue
        kept_start, pieces = 0, []
        for start, end, reason in sorted(line.cuts):
            if start > kept_start:
                pieces.append((kept_start, start))
            remove(line.raw(start), line.raw(end) if end < len(line.text) else line.raw_end, reason)
            kept_start = max(kept_start, end)
        if kept_start < len(line.text):
            pieces.append((kept_start, len(line.text)))
        for n, (start, end) in enumerate(pieces):
            raw_a = line.raw(start)
            raw_b = line.raw(end) if end < len(line.text) else line.raw_end
            segment = source[raw_a:raw_b]
            lead = len(segment) - len(segment.lstrip(_STRIP))
            segment = segment.strip(_STRIP)
            if not segment:
                continue
            if builder.length:
                builder.insert(_PARAGRAPH_BREAK if n == 0 else " ")
            clean_into(builder, segment, raw_a + lead)
    text, offsets = builder.build()
    removed.sort(key=_raw_start)
    return text, offsets, removed


def _body_date(lines: list[_Line]) -> md.DateMention | None:
    for line in lines:
        if line.label is None:
            found = md.stated_today(line.text)
            if found:
                return found
    return None


def _clean_one(doc: RawDoc, lines: list[_Line], source: str, cross_doc: Counter[str] | None,
               html_meta=None) -> CleanResult:
    meta = _classify(lines, cross_doc)
    clean_text, offsets, removed = _assemble(source, lines)
    date = meta.date or _body_date(lines)
    published, precision, evidence = None, None, None
    if date is not None and date.value is not None:
        published, evidence = date.value, date.evidence
        precision = date.granularity if date.granularity in ("day", "month", "year") else None
    title, byline, outlet = meta.title, meta.byline, meta.outlet
    if html_meta is not None:
        title = html_meta.title or title
        if published is None and html_meta.published_date is not None:
            published, precision, evidence = html_meta.published_date, "day", html_meta.date_evidence
        byline = byline or html_meta.byline
        outlet = outlet or html_meta.outlet
    return CleanResult(
        doc_id=doc.doc_id,
        source_text=source,
        clean_text=clean_text,
        removed=removed,
        offset_map=offsets,
        title=title,
        published_date=published,
        date_precision=precision,
        date_evidence=evidence,
        byline=byline,
        outlet=outlet,
        dateline=meta.dateline,
    )


def clean_corpus(docs: list[RawDoc]) -> list[CleanResult]:
    """Clean a batch of documents (same order). Lines repeated across documents of the batch count
    as site furniture, so pass a site's documents together when possible."""
    with cycle_collection_paused():
        return _clean_batch(docs)


def _clean_batch(docs: list[RawDoc]) -> list[CleanResult]:
    prepared = []
    for doc in docs:
        html_meta = None
        source = doc.text
        if doc.fmt == "html":
            html_meta = extract_html(doc.text)
            source = html_meta.text
        prepared.append((doc, source, _lines(source), html_meta))
    cross_doc: Counter[str] = Counter()
    for _, _, lines, _ in prepared:
        cross_doc.update({line.key for line in lines if line.cross_doc_candidate})
    return [_clean_one(doc, lines, source, cross_doc, html_meta) for doc, source, lines, html_meta in prepared]


def clean_document(text: str, fmt: str = "txt", doc_id: str = "doc") -> CleanResult:
    """Clean a single document (no cross-document signal)."""
    return clean_corpus([RawDoc(doc_id, text, fmt)])[0]
