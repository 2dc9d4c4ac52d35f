"""Article metadata read off the lines around the text: date, byline, outlet, dateline.

Each function looks at one line (or the start of one paragraph) and answers only when the line's
shape says so; anything else is unknown (``None``), never guessed.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.text.boilerplate import has_arabic, is_terminal, lexicon, line_cache, word_count, words
from pipeline.text.dates import DateMention, find_dates
from pipeline.text.normalize import match_key

# Words that accompany a date on a date line: "نشر في", "آخر تحديث", "بتوقيت مكة", times.
_DATE_LINE_WORDS = frozenset(
    match_key(w)
    for w in (
        "نشر نشرت في بتاريخ تاريخ النشر آخر اخر تحديث تم التحديث محدث الساعة بتوقيت غرينتش "
        "مكة المكرمة القدس بيروت القاهرة صباحا مساء ص م am pm gmt utc updated published on at "
        "posted last يوم منذ توقيت العدد رقم السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة "
        # Hijri calendar, printed next to the Gregorian date
        "هـ ه محرم صفر ربيع الأول الآخر الثاني جمادى الأولى الآخرة رجب شعبان رمضان شوال ذو القعدة الحجة"
    ).split()
)
# Clock times, ISO "T09:41" and UTC offsets "+03:00" that follow a date.
_TIME = re.compile(r"(?<!\d)T?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:Z|[+-]\d{2}:?\d{2})?(?!\d)")
# "بتوقيت أبوظبي", "(توقيت مكة المكرمة)": the clock's place, not content.
_TIMEZONE = re.compile(r"\(?\s*ب?توقيت\s+\S+(?:\s+\S+)?\s*\)?")
_UPDATE_CUE = re.compile(r"تحديث|محدث|عدل|updated", re.IGNORECASE)
_BYLINE_CUE = re.compile(
    r"^(?:كتب(?:ت|ه)?|بقلم|إعداد|اعداد|تحرير|تقرير|ترجمة|بواسطة|by|written by)\s*[:：\-–]?\s*(?P<name>.+?)\s*$",
    re.IGNORECASE,
)
_AUTHOR_WIDGET = re.compile(r"^Latest posts by\s+(?P<name>.+?)\s*(?:\(see all\))?\s*$", re.IGNORECASE)
# "الأمة| أكدت ..." — a masthead fused to the first paragraph.
_OUTLET_PREFIX = re.compile(r"^(?P<outlet>[^|\n]{2,30}?)\s*\|\s*")
_NAME_WORD = "[\u0621-\u064a\u064b-\u065f\u0670]+"
# "الرباط - ", "بيروت (رويترز) - ", "بيروت - (رويترز) - ", "بورتسودان- ".
_DATELINE_PREFIX = re.compile(
    rf"^(?P<place>{_NAME_WORD}(?:\s*/\s*{_NAME_WORD})*(?:\s+{_NAME_WORD}){{0,2}})"
    r"\s*(?:\((?P<outlet>[^()]{2,25})\))?\s*[-–—]\s+(?:\((?P<outlet2>[^()]{2,25})\)\s*[-–—]\s+)?"
)
_PLACE = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})?"
# "رام الله 18-11-2024 وفا- ": a place, a numeric date and the agency, as some national agencies write it.
_DATED_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})\s+(?P<date>\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}})\s*"
    rf"(?:\(?(?P<outlet>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\)?\s*)?[-–—]+\s+"
)
# "الدوحة في 12 مارس /قنا/": a Gulf agency's dispatch opening, the agency between slashes.
_SLASHED_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})\s+في\s+(?P<date>\d{{1,2}}\s+\S+(?:\s+\d{{4}})?)\s*/\s*(?P<outlet>[^/\n]{{2,20}}?)\s*/\s*"
)
# "دبي/واشنطن-الشرقرويترز", "واشنطن - أ ف ب"
_AGENCY_LINE = re.compile(rf"^(?P<place>{_PLACE}(?:\s*/\s*{_PLACE})*)\s*[-–—:]\s*(?P<source>.+?)\s*$")
# "بي بي سي نيوز عربي - القاهرة": outlet first, then the place.
_OUTLET_PLACE_LINE = re.compile(rf"^(?P<source>[^\-–—]+?)\s+[-–—]\s+(?P<place>{_PLACE})\s*$")
_OUTLET_NAME_LINE = re.compile(r"^(?P<source>[^\-–—]+?)\s*[-–—]\s*(?P<name>[^\-–—]+?)\s*$")
# Wire credits: "(تغطية صحفية فلان - إعداد فلان للنشرة العربية - تحرير فلان)".
_CREDITS = re.compile(r"^\(?\s*(?:تغطية صحفية|تغطية|كتابة|إعداد|اعداد|تحرير)\s.*\)?$")
_REPORTER = re.compile(r"(?:تغطية صحفية|تغطية|كتابة)\s+(?P<name>[^\-–—()]+?)\s*(?:[-–—)]|$)")
# A reporter's role under the byline: "مراسل الجزيرة نت", "محررة الشؤون الاقتصادية".
_ROLE_LINE = re.compile(r"^(?:مراسل|مراسلة|محرر|محررة|كاتب|كاتبة|صحفي|صحفية|مدير مكتب|مديرة مكتب)(?:\s|$)")
# A breadcrumb's root can be the publication itself: "مجلة آفاق الطاقة > تحليلات".
_PUBLICATION = re.compile(r"^(?:مجلة|صحيفة|جريدة|موقع|وكالة|قناة|شبكة|راديو|إذاعة)\s+\S+")
# Between the outlets of a source: "رويترز، أ ف ب", "الجزيرة + وكالات", "رويترز وأ ف ب".
_SOURCE_SEPARATOR = re.compile(r"\s*[،,/+&]\s*|\s+و(?=\S)")
_SOURCE_LINE = re.compile(r"^(?:المصدر|المصادر|source)\s*[:：]\s*(?P<source>.+?)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)  # the same openings ("قال", "قال وزير") come back in line after line
def _outlet_key(text: str) -> str:
    return match_key(text).replace(" ", "").replace(".", "").strip("()")


@cache
def _outlet_keys() -> dict[str, str]:
    """Spacing-free match key -> outlet name as the lexicon first spells it."""
    keys: dict[str, str] = {}
    for outlet in lexicon("outlets.txt"):
        keys.setdefault(_outlet_key(outlet), outlet)
    return keys


# Generic sources name no outlet ("المصدر: الجزيرة + وكالات"); compared as outlet keys.
_GENERIC_SOURCES = frozenset({"وكالات", "مواقع", "وسايلاعلام", "مواقعالتواصل"})


@cache
def _outlet_lengths() -> list[int]:
    return sorted({len(k) for k in _outlet_keys()})


@cache
def _given_names() -> frozenset[str]:
    return frozenset(match_key(n) for n in lexicon("given_names.txt"))


def outlets_in(source: str) -> list[str] | None:
    """Outlet names that make up ``source`` ("الشرقرويترز", "رويترز، أ ف ب"), else None.

    A part that is one outlet is returned as written; glued outlets as the lexicon spells them.
    """
    keys = _outlet_keys()
    found: list[str] = []
    for part in _SOURCE_SEPARATOR.split(source):
        key = _outlet_key(part)
        if not key or key in _GENERIC_SOURCES:
            continue
        names = _split_known(key, keys)
        if names is None:
            return None
        found.extend([part.strip().strip("()").strip()] if len(names) == 1 else names)
    return found or None


@cache
def _outlet_chain() -> re.Pattern[str]:
    """Keys made only of outlet keys; rejects most strings before the splitting below."""
    alternatives = "|".join(re.escape(k) for k in sorted(_outlet_keys(), key=len, reverse=True))
    return re.compile(f"(?:{alternatives})+")


def _split_known(key: str, keys: dict[str, str]) -> list[str] | None:
    """Split a spacing-free key into known outlets, preferring the fewest pieces."""
    # It opens with a whole outlet key, so its first characters open one (a set look-up rejects most
    # keys before the regex does).
    if key[: _outlet_lengths()[0]] not in _outlet_key_prefixes() or not _outlet_chain().fullmatch(key):
        return None
    best: list[list[str] | None] = [[]] + [None] * len(key)
    lengths = _outlet_lengths()
    for end in range(1, len(key) + 1):
        for size in lengths:
            start = end - size
            if start < 0:
                break
            prev = best[start]
            name = keys.get(key[start:end])
            if prev is not None and name and (best[end] is None or len(prev) + 1 < len(best[end])):
                best[end] = prev + [name]
    return best[-1]


def is_update_line(text: str) -> bool:
    """A date line that dates a later update ("آخر تحديث: ..."), not the publication."""
    return _UPDATE_CUE.search(text) is not None


_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")  # the digits ``pipeline.text.dates`` reads
# Never complete a partial date with today's: day, month and year must all be written.
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}


def _latin_date(text: str) -> DateMention | None:
    """An English date ("Published: March 5, 2024"), read by dateparser (bundled data, no network)."""
    from dateparser.search import search_dates  # slow import, needed only for Latin date lines

    found = search_dates(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if not found:
        return None
    evidence, value = found[0]
    start = text.find(evidence)
    return DateMention(start, start + len(evidence), value.date(), "day", evidence)


@line_cache
def date_line(text: str) -> DateMention | None:
    """The date on a line that holds nothing but a date (with "نشر في", a time, a weekday...)."""
    latin_letters = _LATIN.search(text) is not None
    # Every date ``find_dates`` can resolve without a reference date has digits (a year, or a
    # numeric date): a line without digits is no date line, unless dateparser reads English words.
    if (not latin_letters and _DIGIT.search(text) is None) or word_count(text) > 12:
        return None
    latin = _latin_date(text) if latin_letters else None
    mentions = [latin] if latin else [
        d for d in find_dates(text) if d.value is not None and d.granularity != "range"
    ]
    if not mentions:
        return None
    rest = text
    for d in reversed(mentions):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = _TIMEZONE.sub(" ", _TIME.sub(" ", rest))
    if any(match_key(w) not in _DATE_LINE_WORDS for w in words(rest)):
        return None
    return mentions[0]


# "الرياض: عبد الله الشهري": a print-style dateline with the reporter's name.
_PLACE_NAME_LINE = re.compile(rf"^(?P<place>{_PLACE})\s*[:：]\s*(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*$")


@line_cache
def place_byline_line(text: str) -> tuple[str, str] | None:
    """(dateline, byline) of a line such as "الرياض: عبد الله الشهري": one or two words of place, a
    colon, then a person's name (two to four words opening with a known given name)."""
    m = _PLACE_NAME_LINE.match(text) if ":" in text or "：" in text else None
    if m is None or _ROLE_LINE.match(text) or _BYLINE_CUE.match(text) or _SOURCE_LINE.match(text):
        return None
    name = m.group("name")
    if match_key(name.split()[0]) not in _given_names() or not name_like(name):
        return None
    return m.group("place"), name


# "القاهرة - ركنية - وائل الدسوقي": the place, the outlet and the reporter's name.
_PLACE_OUTLET_NAME_LINE = re.compile(
    rf"^(?P<place>{_PLACE})\s*[-–—]\s*(?P<source>[^\-–—]{{2,30}}?)\s*[-–—]\s*"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*$"
)


@line_cache
def place_outlet_byline_line(text: str) -> tuple[str, str, str] | None:
    """(dateline, outlet, byline) of a line such as "القاهرة - ركنية - وائل الدسوقي": the name opens with
    a known given name; the outlet is one to three words."""
    m = _PLACE_OUTLET_NAME_LINE.match(text) if _has_dash(text) else None
    if m is None or word_count(m.group("source")) > 3:
        return None
    name = m.group("name")
    if match_key(name.split()[0]) not in _given_names() or not name_like(name):
        return None
    return m.group("place"), m.group("source").strip(), name


# A publication's full name with its short one: "وكالة الأنباء والمعلومات الفلسطينية - وفا".
_MASTHEAD = re.compile(r"\s[-–—|]\s*\S+(?:\s\S+)?$")


def masthead_line(text: str) -> bool:
    """A publication's name standing alone (it opens with "وكالة", "صحيفة"... and closes on a dash
    and a short name)."""
    return _PUBLICATION.match(text) is not None and _MASTHEAD.search(text) is not None and not is_terminal(text)


# "منذ 3 ساعات": a page's relative time stamp, on the matching key. It dates nothing on its own.
_STAMP_MAX_CHARS = 40  # "آخر تحديث: منذ 3 ساعات" is about the longest
_RELATIVE_TIME = re.compile(
    r"^(?:(?:نشر|اخر تحديث|تحديث)\s*:?\s*)?منذ\s+(?:\d+\s+)?"
    r"(?:ثانيه|ثوان|ثواني|دقيقه|دقايق|دقيقتين|ساعه|ساعات|ساعتين|يوم|ايام|يومين|اسبوع|اسابيع|اسبوعين|شهر|اشهر|شهرين)$"
)


# "آخر تحديث: 7 أبريل 2025 - 3:05 م": when the page was last changed, not published.
_UPDATE_STAMP = re.compile(r"^(?:آخر|اخر|تاريخ آخر|تاريخ اخر)\s+تحديث|^تم التحديث|^(?:last )?updated\b|^mis à jour",
                           re.IGNORECASE)
_UPDATE_STAMP_MAX_CHARS = 80
_UPDATE_STAMP_OPENINGS = frozenset("آاتLlUuMm")  # first letters of the openings above: a set look-up first


def update_stamp_line(text: str) -> bool:
    """A line that only says when the page was last updated (dated, relative or with a time)."""
    return (len(text) <= _UPDATE_STAMP_MAX_CHARS and text[:1] in _UPDATE_STAMP_OPENINGS
            and _UPDATE_STAMP.match(text) is not None and not is_terminal(text))


def relative_time_line(text: str) -> bool:
    """A line that only says how long ago the page was published ("منذ 3 ساعات")."""
    return len(text) < _STAMP_MAX_CHARS and "منذ" in text and _RELATIVE_TIME.match(match_key(text)) is not None


@line_cache
def byline_line(text: str) -> tuple[str, str] | None:
    """(name, kind) for a byline line: "كتب: فلان", "Latest posts by فلان", or a bare name."""
    widget = _AUTHOR_WIDGET.match(text)
    cue = None if widget else _BYLINE_CUE.match(text)
    tokens = text.split()
    bare = 2 <= len(tokens) <= 4
    # Most lines have neither a cue nor the size of a bare name: no need to count their words.
    if not (widget or cue or bare) or is_terminal(text) or word_count(text) > 8:
        return None
    if widget:
        return widget.group("name"), "author_widget"
    if cue and 1 <= word_count(cue.group("name")) <= 5:
        return cue.group("name"), "byline"
    if bare and match_key(tokens[0]) in _given_names() and all(
        has_arabic(t) and not re.search(r"[\d:؛،.!؟?]", t) for t in tokens
    ):
        return text, "byline"
    return None


_FUNCTION_WORDS = frozenset(
    match_key(w)
    for w in "في من على إلى عن مع بعد قبل هل ما لا لم لن قد ثم أو أم بين عند حول ضد منذ هذا هذه كل".split()
)


def name_like(text: str) -> bool:
    """Two to four Arabic words with no digits, punctuation or function words: a person's name."""
    tokens = text.split()
    return 2 <= len(tokens) <= 4 and all(
        has_arabic(t) and not re.search(r"[\d:؛،,.!؟?()\-]", t) and match_key(t) not in _FUNCTION_WORDS
        for t in tokens
    )


@line_cache
def agency_line(text: str) -> tuple[str | None, str | None] | None:
    """(dateline, outlet) for a line such as "دبي/واشنطن-الشرقرويترز" or "المصدر: رويترز"."""
    if word_count(text) > 8 or is_terminal(text):
        return None
    alone = outlets_in(text.strip("()[] "))
    if alone:
        return None, "، ".join(alone)
    source = _SOURCE_LINE.match(text)
    if source:  # "المصدر: وكالات" is a source line even when it names no outlet
        return None, "، ".join(outlets_in(source.group("source")) or []) or None
    m = _AGENCY_LINE.match(text)
    if m:
        names = outlets_in(m.group("source"))
        if names:
            return _spaced_slashes(m.group("place")), "، ".join(names)
    m = _OUTLET_PLACE_LINE.match(text) if _has_dash(text) else None
    if m and _known_outlet_prefix(m.group("source")):
        return m.group("place").strip(), m.group("source").strip()
    return None


def _has_dash(text: str) -> bool:
    """Whether a pattern that needs a dash between its parts can match (a quicker test than its
    lazy scan of the whole line)."""
    return "-" in text or "–" in text or "—" in text


def _known_outlet_prefix(source: str) -> bool:
    """``source`` opens with a known outlet name ("بي بي سي نيوز عربي")."""
    tokens = source.split()
    if not tokens or len(tokens) > 5:
        return False
    # The key of the first n tokens starts with the first token's (folding works character by
    # character and a key drops spaces): unless that one is empty, it must begin some outlet's key.
    # This settles most sources with a single, cached word key.
    first = _outlet_key(tokens[0])
    if first and first not in _outlet_key_prefixes():
        return False
    keys = _outlet_keys()
    return any(_outlet_key(" ".join(tokens[:n])) in keys for n in range(1, len(tokens) + 1))


@cache
def _outlet_key_prefixes() -> frozenset[str]:
    return frozenset(key[:n] for key in _outlet_keys() for n in range(1, len(key) + 1))


def may_be_credits(text: str) -> bool:
    """Cheap test that ``credits_line`` needs to run (its opening words are there)."""
    return _CREDITS.match(text) is not None


def credits_line(text: str) -> str | None:
    """Reporter named in a wire credits line, or "" for a credits line without one; None otherwise."""
    if not _CREDITS.match(text) or word_count(text) > 25:
        return None
    reporter = _REPORTER.search(text)
    return reporter.group("name").strip() if reporter else ""


@line_cache
def role_line(text: str) -> bool:
    """A reporter's job title printed under the byline ("مراسل الجزيرة نت")."""
    return _ROLE_LINE.match(text) is not None and word_count(text) <= 6 and not is_terminal(text)


def breadcrumb_outlet(parts: tuple[str, ...]) -> str | None:
    """The publication heading a breadcrumb ("مجلة آفاق الطاقة > تحليلات", "هسبريس - مجتمع")."""
    if len(parts) < 2:
        return None
    head = parts[0]
    return head if _PUBLICATION.match(head) or _outlet_key(head) in _outlet_keys() else None


@line_cache
def outlet_byline_line(text: str) -> tuple[str, str] | None:
    """(outlet, name) for a line such as "عربي21- سامي خليل": a known outlet, a dash, a person."""
    m = _OUTLET_NAME_LINE.match(text) if _has_dash(text) else None
    if not m or not _known_outlet_prefix(m.group("source")) or not name_like(m.group("name")):
        return None
    if match_key(m.group("name").split()[0]) not in _given_names():
        return None
    return m.group("source").strip(), m.group("name").strip()


def _spaced_slashes(place: str) -> str:
    return re.sub(r"\s*/\s*", "/", place.strip())


def outlet_prefix(paragraph: str) -> tuple[int, str] | None:
    """(end, outlet) of a masthead fused to the first paragraph: "الأمة| أكدت ..."."""
    m = _OUTLET_PREFIX.match(paragraph)
    if not m or word_count(m.group("outlet")) > 3 or not has_arabic(paragraph[m.end() :]):
        return None
    return m.end(), m.group("outlet").strip()


def dateline_prefix(paragraph: str) -> tuple[int, str, str | None, DateMention | None] | None:
    """(end, place, outlet, date) of a dateline opening the first paragraph: "بيروت (رويترز) - قال", or
    an agency's dated one, "رام الله 18-11-2024 وفا- توقعت" or "الدوحة في 12 مارس /قنا/ أعلنت" (its outlet
    must be a known one; a date without its year dates nothing)."""
    m = _DATED_DATELINE.match(paragraph)
    # A weekday or "نشر في" before the date makes it a date line's opening, not a place's.
    if m and match_key(m.group("place").split()[0]) not in _DATE_LINE_WORDS and (
            m.group("outlet") is None or outlets_in(m.group("outlet"))):
        date = _dateline_date(m)
        if date is not None:
            return m.end(), m.group("place"), m.group("outlet"), date
    m = _SLASHED_DATELINE.match(paragraph) if "/" in paragraph[:80] else None
    if m and outlets_in(m.group("outlet")):
        return m.end(), m.group("place"), m.group("outlet").strip(), _dateline_date(m)
    m = _DATELINE_PREFIX.match(paragraph)
    if not m:
        return None
    # The bracket right after the place, or between two dashes, names the agency.
    outlet = (m.group("outlet") or m.group("outlet2") or "").strip() or None
    if outlet is not None and word_count(outlet) > 3:
        return None
    return m.end(), _spaced_slashes(m.group("place")), outlet, None


def _dateline_date(m: re.Match[str]) -> DateMention | None:
    """The date a dateline's ``date`` group states, with its place in the paragraph (None when it
    gives no year: nothing is completed from today)."""
    date = next((d for d in find_dates(m.group("date")) if d.value is not None), None)
    return None if date is None else DateMention(m.start("date"), m.end("date"), date.value, date.granularity,
                                                 m.group("date"))


def stated_today(text: str) -> DateMention | None:
    """An explicit date the text calls today ("اليوم السبت 13 يناير 2024"): the writing date."""
    if "اليوم" not in text:
        return None
    for d in find_dates(text):
        if d.granularity == "day" and d.value is not None and re.search(r"اليوم\s*[،,]?\s*$", text[: d.start]):
            start = text.rindex("اليوم", 0, d.start)
            return DateMention(start, d.end, d.value, d.granularity, text[start : d.end])
    return None
