"""Date mentions in Arabic news text, with their granularity and the exact evidence string.

Explicit dates (digits, month names of the Egyptian/Gulf, Levantine and Maghrebi calendars,
double names such as "يناير كانون الثاني", ordinal days, weekday + date) are always found.
Relative expressions ("أمس", "الاثنين", "الأسبوع الماضي", "أكتوبر الماضي", "خلال الأسبوعين
الماضيين") are found only when a ``reference`` date is given, and are resolved against it. Nothing
is guessed: a day-month without a year and no reference keeps ``value=None``. A part of a year or
month ("مطلع 2020", "أواخر يناير") has the granularity of the year or month it names.

``find_ranges`` adds periods that run up to the reference ("منذ أكتوبر 2023"), and
``find_offsets`` the distances that date one event from another ("بعد يومين من").

dateparser's Arabic support covers the standard month names but misses the double names, ordinal
days and the Maghrebi forms that dominate this corpus, so a regex + lexicon does the matching
(linear time, no downloads).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from pipeline.text.normalize import fuzzy_trie_pattern
from pipeline.text.numbers import number_value

Granularity = Literal["day", "week", "month", "year", "range"]
Unit = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: dt.date | None
    granularity: Granularity
    evidence: str


@dataclass(frozen=True, slots=True)
class DateOffset:
    """"بعد يومين من": the date of what follows the phrase is the date of what precedes it
    shifted by ``amount`` units (here -2 days)."""

    start: int
    end: int
    amount: int
    unit: Unit
    evidence: str


_HARAKAT = "[\u064b-\u065f\u0670\u0640]*"
_ALEF = "[اأإآ]"


_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "جانفييه", "ينایر"),
    2: ("فبراير", "شباط", "فيفري", "فبرایر"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل", "ابريل"),
    5: ("مايو", "أيار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    8: ("أغسطس", "آب", "أوت", "غشت", "اغسطس"),
    9: ("سبتمبر", "أيلول", "شتنبر"),
    10: ("أكتوبر", "تشرين الأول", "اكتوبر"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "دجنبر"),
}

_WEEKDAYS = {  # Python weekday(): Monday=0
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3,
    "الجمعة": 4, "السبت": 5, "الأحد": 6,
}
_ORDINAL_UNITS = {
    "الأول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
    "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10, "العشرين": 20, "الثلاثين": 30,
}
_ORDINAL_TENS = {"عشر": 10, "والعشرين": 20, "العشرين": 20, "والثلاثين": 30, "الثلاثين": 30}


def _alternation(words) -> str:
    return fuzzy_trie_pattern(sorted(set(words)))


def _key(word: str) -> str:
    """Spelling-insensitive key for lexicon lookups of matched words."""
    word = re.sub(_HARAKAT, "", word)
    word = re.sub(_ALEF, "ا", word).replace("ى", "ي").replace("ة", "ه")
    return " ".join(word.split())


_MONTH_BY_KEY = {_key(name): num for num, names in _MONTHS.items() for name in names}
_WEEKDAY_BY_KEY = {_key(name): num for name, num in _WEEKDAYS.items()}
_UNIT_BY_KEY = {_key(k): v for k, v in _ORDINAL_UNITS.items()}
_TENS_BY_KEY = {_key(k): v for k, v in _ORDINAL_TENS.items()}

_B = r"(?<!\w)"  # word start (\w covers Arabic letters; the Arabic comma is not one)
_E = r"(?!\w)"  # word end
_BP = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))"  # word start, allowing a one-letter clitic (و، ف، ب، ل)
_DIG = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_MONTH_ANY = _alternation(n for names in _MONTHS.values() for n in names)
# A month, optionally followed by its name in a second calendar: "يناير كانون الثاني",
# "يونيو/ حزيران", "يناير (كانون الثاني)".
_MONTH = rf"(?P<month>{_BP}(?:{_MONTH_ANY}){_E}(?:\s*[/(\-–]?\s*(?:{_MONTH_ANY}){_E}\)?)?)"
_WEEKDAY = rf"(?:{_B}(?:يوم|نهار)\s+)?(?P<weekday>{_BP}(?:{_alternation(_WEEKDAYS)}){_E})"
_ORDINAL = (
    rf"(?P<ordinal>{_BP}(?:{_alternation(_ORDINAL_UNITS)})"
    rf"(?:\s+(?:{_alternation(_ORDINAL_TENS)}))?{_E})\s+(?:من\s+(?:شهر\s+)?)?"
)
_DAY = rf"(?:(?P<day>(?<!{_DIG}){_DIG}{{1,2}}){_E}\s*(?:من\s+(?:شهر\s+)?)?|{_ORDINAL})"
_YEAR = rf"(?P<year>{_DIG}{{4}})(?!{_DIG})(?:\s*م{_E})?"
_YEAR_PREFIX = r"(?:(?:لل|ال)?(?:عام|سنة)\s+)?"
# Parts of a year or month ("مطلع 2020", "أواخر يناير"): dated at the precision of the whole.
_PERIOD_WORDS = ("مطلع", "أوائل", "بداية", "بدايات", "مستهل", "منتصف", "أواسط", "أواخر", "نهاية",
                 "نهايات")
_PERIOD = rf"(?P<period>{_BP}(?:{_alternation(_PERIOD_WORDS)}){_E})\s+"
_RELATIVE_WORD = {  # with the feminine forms ("السنة الماضية", "الجمعة الماضية")
    **dict.fromkeys(("الماضي", "المنصرم", "السابق", "الفائت",
                     "الماضية", "المنصرمة", "السابقة", "الفائتة"), -1),
    **dict.fromkeys(("الحالي", "الجاري", "الحالية", "الجارية"), 0),
    **dict.fromkeys(("المقبل", "القادم", "المقبلة", "القادمة"), 1),
}
_REL = rf"(?P<rel>{_B}(?:{_alternation(_RELATIVE_WORD)}){_E})"
_REL_ANY = rf"{_B}(?:{_alternation(_RELATIVE_WORD)}){_E}"
_REL_BY_KEY = {_key(k): v for k, v in _RELATIVE_WORD.items()}
# Units of a stated duration as (unit, count): singular (also the accusative after a number),
# dual, plural (None: the count comes from a number word or digits).
_DURATION_WORDS: dict[str, tuple[Unit, int | None]] = {
    **dict.fromkeys(("يوم", "يوما"), ("day", 1)), **dict.fromkeys(("يومين", "يومان"), ("day", 2)),
    "أيام": ("day", None),
    **dict.fromkeys(("أسبوع", "أسبوعا"), ("week", 1)),
    **dict.fromkeys(("أسبوعين", "أسبوعان"), ("week", 2)), "أسابيع": ("week", None),
    **dict.fromkeys(("شهر", "شهرا"), ("month", 1)), **dict.fromkeys(("شهرين", "شهران"), ("month", 2)),
    **dict.fromkeys(("أشهر", "شهور"), ("month", None)),
    **dict.fromkeys(("عام", "عاما", "سنة"), ("year", 1)),
    **dict.fromkeys(("عامين", "عامان", "سنتين", "سنتان"), ("year", 2)),
    **dict.fromkeys(("أعوام", "سنوات", "سنين"), ("year", None)),
}
_DURATION_BY_KEY = {_key(k): v for k, v in _DURATION_WORDS.items()}
_DURATION_WORD = _alternation(_DURATION_WORDS)
# Without a number, only a dual counts: "الأسبوعين الماضيين" (but "السنة الماضية" is last year).
_SPAN_WORD = _alternation(k for k, (_, n) in _DURATION_WORDS.items() if n != 1)
_COUNT = rf"(?P<count>{_DIG}+|[^\W\d_]+)"
_PAST = _alternation(("الماضيين", "الماضيتين", "الأخيرين", "الأخيرتين", "المنصرمين", "الفائتين",
                      "الماضية", "الأخيرة", "المنصرمة", "الفائتة"))

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "الخميس 11 يناير 2024", "الخامس من يناير كانون الثاني 2020", "10 يناير"
    (
        "dmy",
        re.compile(
            rf"(?:{_WEEKDAY}(?:\s+{_REL})?\s*[،,]?\s*)?{_DAY}\s*{_MONTH}"
            rf"(?:\s*[،,]?\s*{_YEAR_PREFIX}{_YEAR}|\s+{_REL_ANY})?"
        ),
    ),
    ("numeric_dmy", re.compile(
        rf"(?<!{_DIG})(?P<d>{_DIG}{{1,2}})([/.\-])(?P<m>{_DIG}{{1,2}})\2(?P<y>{_DIG}{{4}})(?!{_DIG})")),
    ("numeric_ymd", re.compile(
        rf"(?<!{_DIG})(?P<y>{_DIG}{{4}})([/.\-])(?P<m>{_DIG}{{1,2}})\2(?P<d>{_DIG}{{1,2}})(?!{_DIG})")),
    # "أواخر يناير كانون الثاني", "مطلع العام 2020", "أواخر العام الحالي"
    ("period_month", re.compile(rf"{_PERIOD}(?:شهر\s+)?{_MONTH}(?:\s*[،,]?\s*{_YEAR_PREFIX}{_YEAR})?")),
    ("period_year", re.compile(rf"{_PERIOD}(?:{_YEAR_PREFIX}{_YEAR}|(?:ال)?(?:عام|سنة)\s+{_REL})")),
    # "أكتوبر 2023", "أكتوبر الماضي", "شهر مارس المقبل"
    ("month_year", re.compile(rf"(?:شهر\s+)?{_MONTH}\s*[،,]?\s*{_YEAR_PREFIX}{_YEAR}")),
    ("month_rel", re.compile(rf"(?:شهر\s+)?{_MONTH}\s+{_REL}")),
    ("year", re.compile(rf"{_BP}(?:(?:في|منذ|عام|العام|سنة|للعام|لعام)\s+)?(?<!{_DIG}){_YEAR}")),
    # Relative expressions, resolved only against a reference date.
    # "خلال الأسبوعين الماضيين", "في الأيام الثلاثة الأخيرة", "خلال الـ10 أيام الماضية"
    ("past_span", re.compile(
        rf"(?:{_B}(?:خلال|طوال|طيلة|في|على\s+مدى)\s+)?{_B}(?:ال(?P<span>{_SPAN_WORD})(?:\s+ال{_COUNT})?"
        rf"|(?:الـ?\s*)?(?P<digits>{_DIG}+)\s+(?P<span2>{_DURATION_WORD})){_E}\s+(?:{_PAST}){_E}")),
    ("unit_rel", re.compile(rf"{_B}(?P<unit>الأسبوع|الشهر|العام|السنة|الأسابيع){_E}\s+{_REL}")),
    ("this_unit", re.compile(rf"{_B}(?:هذا\s+(?P<unit>الأسبوع|الشهر|العام)|(?P<unit2>هذه\s+السنة)){_E}")),
    ("day_word", re.compile(
        rf"{_BP}(?P<word>أول\s+أمس|أمس\s+الأول|أمس|البارحة|اليوم|غدا|غدًا|غداً|الليلة\s+الماضية)"
        rf"{_E}(?:\s*[،,]?\s*{_WEEKDAY})?(?:\s+{_REL})?")),
    ("weekday", re.compile(rf"{_WEEKDAY}(?:\s+{_REL})?")),
]
# Bare weekday names that are also ordinary words ("الاثنين" = "both") need a date-like context.
_AMBIGUOUS_WEEKDAYS = {_key("الاثنين"), _key("الأحد")}
_WEEKDAY_CONTEXT_BEFORE = re.compile(r"(?:[،,(]|يوم|نهار|اليوم|سابق|مساء|صباح|ليل[ةه]?|فجر|ظهر)\s*$")
_WEEKDAY_CONTEXT_AFTER = re.compile(r"^\s*[،,.)]")
_PRIORITY = {name: i for i, (name, _) in enumerate(_PATTERNS)}
# Cheap cues: parts of every match of the patterns that need them (a pattern runs only where
# all of its cues are found; the rarer cue first).
_CUES = {
    "day": re.compile(rf"{_DIG}|{_alternation(_ORDINAL_UNITS)}"),
    "year": re.compile(rf"{_DIG}{{4}}"),
    "month": re.compile(rf"(?:{_MONTH_ANY}){_E}"),
    "period": re.compile(_alternation(_PERIOD_WORDS)),
    "weekday": re.compile(_alternation(_WEEKDAYS)),
    "rel": re.compile(_alternation(_RELATIVE_WORD)),
    "unit": re.compile("الأسبوع|الشهر|العام|السنة|الأسابيع"),
    "past": re.compile(_PAST),
    "this": re.compile("هذا|هذه"),
    "day_word": re.compile("أمس|امس|اليوم|غد|البارحة|الليلة"),
}
_NEEDS = {
    "dmy": ("month", "day"),
    "numeric_dmy": ("year",),
    "numeric_ymd": ("year",),
    "period_month": ("period", "month"),
    "period_year": ("period",),
    "month_year": ("month", "year"),
    "month_rel": ("month", "rel"),
    "year": ("year",),
    "past_span": ("past",),
    "unit_rel": ("unit", "rel"),
    "this_unit": ("this",),
    "day_word": ("day_word",),
    "weekday": ("weekday",),
}
_RELATIVE_KINDS = {"past_span", "unit_rel", "this_unit", "day_word", "weekday", "month_rel"}
# Characters that no match of these patterns can contain, nor test with a lookahead wider than
# one character (tests/test_text_dates.py checks the compiled patterns): a match lies within a
# stretch between two of them, so a pattern runs only over the stretches that hold all of its
# cues (the cues are parts of every match) rather than over the whole text. The numeric
# patterns use "." and run over the whole text.
_BARRIER = re.compile(r'[.!?؟؛;:«»"“”]')
_WHOLE_TEXT = {"numeric_dmy", "numeric_ymd"}


def _int(s: str) -> int:
    return int(s.translate(_DIGITS))


_DIGITS = str.maketrans({**{chr(0x660 + i): str(i) for i in range(10)},
                         **{chr(0x6F0 + i): str(i) for i in range(10)}})


def _month_num(month_text: str) -> int | None:
    first = re.match(rf"(?:{_MONTH_ANY})", month_text)
    return _MONTH_BY_KEY.get(_key(first.group(0))) if first else None


def _ordinal_day(text: str) -> int | None:
    parts = _key(text).split()
    day = _UNIT_BY_KEY.get(parts[0], 0)
    if len(parts) > 1:
        day += _TENS_BY_KEY.get(parts[1], 0)
    return day or None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, reference: dt.date | None) -> int | None:
    """Year of a day-month without year: the latest one not after the reference (news look back)."""
    if reference is None:
        return None
    candidate = _safe_date(reference.year, month, day)
    if candidate is not None and candidate > reference + dt.timedelta(days=31):
        return reference.year - 1
    return reference.year


def _last_weekday(reference: dt.date, weekday: int, rel: int | None) -> dt.date:
    back = (reference.weekday() - weekday) % 7
    if rel == -1 and back == 0:
        back = 7
    if rel == 1:
        return reference + dt.timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    return reference - dt.timedelta(days=back)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _shift(value: dt.date, amount: int, unit: Unit) -> dt.date:
    """``value`` moved by ``amount`` days, weeks, months or years (the day clamped to the month)."""
    if unit in ("day", "week"):
        return value + dt.timedelta(days=amount * (7 if unit == "week" else 1))
    year, month = _shift_month(value.year, value.month, amount * (12 if unit == "year" else 1))
    day = min(value.day, (dt.date(*_shift_month(year, month, 1), 1) - dt.timedelta(days=1)).day)
    return dt.date(year, month, day)


def _duration(word: str, count: str | None) -> tuple[int, Unit] | None:
    """(number, unit) of "يومين", "أسبوع", "ثلاثة أيام" / "الأيام الثلاثة", "10 أيام"."""
    unit, number = _DURATION_BY_KEY[_key(word)]
    if count is not None:
        number = number_value(count)
    return (number, unit) if number else None


def _resolve(kind: str, m: re.Match[str], reference: dt.date | None) -> tuple[dt.date | None, Granularity] | None:
    g = m.groupdict()
    rel = _REL_BY_KEY.get(_key(g["rel"])) if g.get("rel") else None
    if kind == "dmy":
        month = _month_num(g["month"])
        day = _int(g["day"]) if g.get("day") else _ordinal_day(g["ordinal"])
        if month is None or day is None or not 1 <= day <= 31:
            return None
        year = _int(g["year"]) if g.get("year") else _year_for(month, day, reference)
        value = _safe_date(year, month, day) if year else None
        return value, "day"
    if kind in ("numeric_dmy", "numeric_ymd"):
        value = _safe_date(_int(g["y"]), _int(g["m"]), _int(g["d"]))
        return (value, "day") if value and 1900 <= value.year <= 2100 else None
    if kind == "period_month":
        month = _month_num(g["month"])
        year = _int(g["year"]) if g.get("year") else (
            _year_for(month, 1, reference) if month else None)
        return (_safe_date(year, month, 1) if year and month else None), "month"
    if kind == "period_year":
        if g.get("year"):
            year = _int(g["year"])
        elif reference is not None and rel is not None:
            year = reference.year + rel
        else:
            return None
        return (dt.date(year, 1, 1), "year") if 1900 <= year <= 2100 else None
    if kind == "month_year":
        year, month = _int(g["year"]), _month_num(g["month"])
        return (_safe_date(year, month, 1) if month and 1900 <= year <= 2100 else None), "month"
    if kind == "month_rel":
        month = _month_num(g["month"])
        if reference is None or month is None:
            return None
        year = reference.year
        if rel == -1 and month >= reference.month:
            year -= 1
        elif rel == 1 and month <= reference.month:
            year += 1
        return dt.date(year, month, 1), "month"
    if kind == "year":
        year = _int(g["year"])
        return (dt.date(year, 1, 1), "year") if 1900 <= year <= 2100 else None
    if reference is None:
        return None
    if kind == "past_span":
        duration = _duration(g.get("span") or g["span2"], g.get("count") or g.get("digits"))
        return (_shift(reference, -duration[0], duration[1]), "range") if duration else None
    if kind == "unit_rel" or kind == "this_unit":
        unit = _key(g.get("unit") or g.get("unit2") or "")
        delta = rel if kind == "unit_rel" else 0
        if delta is None:
            return None
        if unit in ("الاسبوع", "الاسابيع"):
            if unit == "الاسابيع":
                return None
            monday = reference - dt.timedelta(days=reference.weekday())
            return monday + dt.timedelta(weeks=delta), "week"
        if unit == "الشهر":
            y, mo = _shift_month(reference.year, reference.month, delta)
            return dt.date(y, mo, 1), "month"
        return dt.date(reference.year + delta, 1, 1), "year"
    if kind == "day_word":
        word = _key(g["word"])
        offsets = {"اول امس": -2, "امس الاول": -2, "امس": -1, "البارحه": -1, "اليوم": 0,
                   "الليله الماضيه": -1}
        offset = offsets.get(word, 1)
        return reference + dt.timedelta(days=offset), "day"
    if kind == "weekday":
        weekday = _WEEKDAY_BY_KEY[_key(g["weekday"])]
        return _last_weekday(reference, weekday, rel), "day"
    return None


def _acceptable(kind: str, m: re.Match[str], text: str) -> bool:
    g = m.groupdict()
    if kind == "weekday" and not g.get("rel") and _key(g["weekday"]) in _AMBIGUOUS_WEEKDAYS:
        before = text[max(0, m.start() - 12):m.start()]
        after = text[m.end():m.end() + 3]
        explicit_day = m.group(0) != g["weekday"]  # "يوم الاثنين"
        return explicit_day or bool(_WEEKDAY_CONTEXT_BEFORE.search(before) or _WEEKDAY_CONTEXT_AFTER.match(after))
    if kind == "year" and m.group(0) == g["year"]:
        # A bare four-digit number: a year only if not followed by a counted noun's digit group.
        return not re.match(r"\s*[.,٫]\d", text[m.end():m.end() + 3])
    return True


def _stretches(text: str) -> list[int]:
    """Offsets of the barrier characters, with -1 and len(text) around them: stretch k runs
    from stretches[k] + 1 to stretches[k + 1]."""
    return [-1, *(m.start() for m in _BARRIER.finditer(text)), len(text)]


def _where(kind: str, text: str, stretches: list[int], found: dict[str, set[int]]) -> set[int]:
    """The stretches that hold all of a pattern's cues. ``found`` keeps each cue's stretches
    for the other patterns; a cue is looked for only while some stretch is left."""
    where: set[int] | None = None
    for name in _NEEDS[kind]:
        if name not in found:
            found[name] = {bisect_left(stretches, m.start()) - 1 for m in _CUES[name].finditer(text)}
        where = found[name] if where is None else where & found[name]
        if not where:
            break
    return where


def _finditer(pattern: re.Pattern[str], text: str, stretches: list[int], wanted: set[int]):
    """``pattern.finditer(text)`` restricted to the ``wanted`` stretches (the same matches:
    none crosses a barrier, and the barrier after a stretch stays visible to lookaheads)."""
    for k in sorted(wanted):
        yield from pattern.finditer(text, stretches[k] + 1, stretches[k + 1] + 1)


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """All date mentions in ``text``, longest match first, non-overlapping, in text order."""
    candidates: list[tuple[int, int, int, DateMention]] = []
    stretches = _stretches(text)
    cues: dict[str, set[int]] = {}
    for kind, pattern in _PATTERNS:
        if kind in _RELATIVE_KINDS and reference is None:
            continue
        where = _where(kind, text, stretches, cues)
        if not where:
            continue
        if kind in _WHOLE_TEXT:
            matches = pattern.finditer(text)
        else:
            matches = _finditer(pattern, text, stretches, where)
        for m in matches:
            if not _acceptable(kind, m, text):
                continue
            resolved = _resolve(kind, m, reference)
            if resolved is None:
                continue
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in " \t،,":
                end -= 1
            value, granularity = resolved
            mention = DateMention(start, end, value, granularity, text[start:end])
            candidates.append((start, end, _PRIORITY[kind], mention))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[DateMention] = []
    for start, end, _, mention in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append(mention)
    return sorted(chosen, key=lambda d: d.start)


_SINCE = rf"{_BP}منذ\s+"
# "منذ" and the anchor a date qualifies: "منذ إغلاق المعبر، في مارس 2023"; the
# anchor ends with "في" and has no sentence punctuation.
_SINCE_HEAD = re.compile(rf"{_SINCE}(?:(?P<anchor>[^.؛;:!?،,\n]+?)\s*[،,]?\s*في\s+)?$")
_MAX_ANCHOR_WORDS = 10
# Words that open a clause: an anchor holding one is a sentence, not a noun phrase ("منذ قليل إن
# الهجوم وقع في 5 مارس").
_CLAUSE_OPENERS = frozenset(
    _key(w) for w in "إن أن أنه أنها الذي التي الذين حيث عندما بينما فيما لكن".split())


def _word_key(text: str) -> str:
    return _key(re.sub(r"[^\w\s]", " ", text))


def find_ranges(text: str, dates: list[DateMention], reference: dt.date | None) -> list[DateMention]:
    """Periods that run from a date up to the reference, with granularity "range": "منذ العام
    2012", "منذ إغلاق المعبر، في مارس 2023" (from ``dates``), and a later bare "منذ إغلاق
    المعبر" that repeats an anchor dated elsewhere in the text. Each range covers its start
    date's mention. Without a reference the end is unknown: none."""
    if reference is None:
        return []
    ranges: list[DateMention] = []
    anchors: dict[str, dt.date] = {}
    for d in dates:
        if d.value is None or d.granularity == "range":
            continue
        lead = re.match(r"(?:منذ|في)\s+", d.evidence)  # the year pattern keeps its preposition
        core = d.start + (lead.end() if lead else 0)
        m = _SINCE_HEAD.search(text, max(0, core - 150), core)
        anchor = m.group("anchor") if m else None
        if m is None or (anchor and (len(anchor.split()) > _MAX_ANCHOR_WORDS
                                     or _CLAUSE_OPENERS & set(_word_key(anchor).split()[1:]))):
            continue
        ranges.append(DateMention(m.start(), d.end, d.value, "range", text[m.start():d.end]))
        if anchor:
            anchors[_word_key(anchor)] = d.value
    for m in re.finditer(_SINCE, text) if anchors else ():
        if any(r.start <= m.start() < r.end for r in ranges):
            continue
        for key, value in anchors.items():
            end = _phrase_end(text, m.end(), key)
            if end is not None:
                ranges.append(DateMention(m.start(), end, value, "range", text[m.start():end]))
                break
    return sorted(ranges, key=lambda r: r.start)


def _phrase_end(text: str, pos: int, key: str) -> int | None:
    """End offset of the words at ``pos`` whose key is ``key`` (punctuation ignored), or None."""
    words = list(re.finditer(r"\w+", text[pos:pos + 4 * len(key)]))
    n = len(key.split())
    if len(words) < n or _key(" ".join(w.group() for w in words[:n])) != key:
        return None
    return pos + words[n - 1].end()


_OFFSET = re.compile(
    rf"{_BP}(?P<dir>بعد|قبل)\s+(?:(?:{_COUNT})\s+)?(?P<span>{_DURATION_WORD}){_E}\s+(?:من|على){_E}")


def find_offsets(text: str) -> list[DateOffset]:
    """"بعد يومين من", "قبل ثلاثة أيام من", "بعد أسبوع من": the distance between what precedes
    the phrase and what follows it, as the shift from the first's date to the second's."""
    found = []
    if "بعد" not in text and "قبل" not in text:  # cheaper than scanning for the whole phrase
        return found
    for m in _OFFSET.finditer(text):
        duration = _duration(m.group("span"), m.group("count"))
        if duration is not None:
            sign = -1 if _key(m.group("dir")) == "بعد" else 1
            found.append(DateOffset(m.start(), m.end(), sign * duration[0], duration[1], m.group(0)))
    return found


_COARSENESS: tuple[Granularity, ...] = ("day", "week", "month", "year")


def apply_offset(value: dt.date, granularity: Granularity,
                 offset: DateOffset) -> tuple[dt.date, Granularity] | None:
    """The date ``offset`` away from a dated anchor, as precise as the coarser of the two."""
    if granularity not in _COARSENESS:
        return None
    return _shift(value, offset.amount, offset.unit), max(granularity, offset.unit, key=_COARSENESS.index)
