"""Counts in Arabic news text: digits and number words, with the noun they count.

``find_quantities("قتل ثلاثة جنود و2500 جندي")`` returns one ``Quantity`` per number
expression: its value, the counted noun (``unit_text``) and that noun's category
(``unit``: troops, attacks, killed, wounded, people, ...). Vague plurals such as
"عشرات" or "مئات" give their lower bound with ``approximate=True``.
Lookups use ``match_key`` so hamza, ta marbuta and tanween spellings all match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.text.normalize import match_key, word_keys

# A word (letters, digits, diacritics, tatweel) or a digit group with separators.
TOKEN_RE = re.compile(
    r"\d+(?:[.,\u066b\u066c]\d+)*|(?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # span of the number and, if found, its counted noun
    end: int
    value: float
    unit: str | None  # category of the counted noun
    unit_text: str | None  # the counted noun as written
    evidence: str  # text[start:end]
    approximate: bool = False


_UNITS_ = {"واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
           "اثنتين": 2, "اثنا": 2, "اثني": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4,
           "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8,
           "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10}
_TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
         "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
         "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}
_HUNDRED_STEMS = {"مئه": 100, "مائه": 100, "ماءه": 100, "مئتان": 200, "مئتين": 200,
                  "مائتان": 200, "مائتين": 200, "مئتا": 200, "مائتا": 200, "مئتي": 200,
                  "مائتي": 200}
# Multipliers: value applies to the preceding number ("ثلاثة آلاف", "60 ألفا").
_SCALES = {"الف": 1000, "الفا": 1000, "الاف": 1000, "الوف": 1000, "مليون": 1e6, "مليونا": 1e6,
           "ملايين": 1e6, "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9}
_DUAL_SCALES = {"الفان": 2000, "الفين": 2000, "الفي": 2000, "مليونان": 2e6, "مليونين": 2e6,
                "مليوني": 2e6}
# Vague plurals: their lower bound.
_VAGUE = {"عشرات": 10, "مئات": 100, "الاف": 1000, "الوف": 1000,
          "الالاف": 1000, "عشرات الالاف": 10000, "مئات الالاف": 100000, "ملايين": 1e6,
          "بضع": 3, "بضعه": 3}


def _hundreds() -> dict[str, int]:
    table = dict(_HUNDRED_STEMS)
    for unit_word, value in _UNITS_.items():
        if 3 <= value <= 9 and not unit_word.endswith("ه"):
            table[unit_word + "مئه"] = value * 100
            table[unit_word + "مائه"] = value * 100
    table["ثمانمئه"] = table["ثمانمائه"] = 800
    return table


def _keyed(table: dict) -> dict:
    return {match_key(k): v for k, v in table.items()}


_UNITS_, _TENS, _SCALES, _DUAL_SCALES, _VAGUE = map(
    _keyed, (_UNITS_, _TENS, _SCALES, _DUAL_SCALES, _VAGUE))
_HUNDREDS = _keyed(_hundreds())

# Counted nouns by category, as match keys (singular, dual, plural, tanween forms).
_UNIT_NOUNS: dict[str, tuple[str, ...]] = {
    "troops": ("جندي", "جنديا", "جنود", "جنديان", "جنديين", "عسكري", "عسكريا", "عسكريين",
               "عسكريون", "جنديه", "مجند", "مجندين", "قوات", "جندي امريكي"),
    "fighters": ("مقاتل", "مقاتلا", "مقاتلين", "مقاتلون", "مسلح", "مسلحا", "مسلحين", "مسلحون",
                 "متمرد", "متمردا", "متمردين", "عنصر", "عنصرا", "عناصر", "ناشط", "ناشطا"),
    "police": ("شرطي", "شرطيا", "شرطيين", "شرطيان", "رجل شرطه"),
    "attacks": ("هجوم", "هجوما", "هجمات", "هجومان", "هجومين", "عمليه", "عمليات", "اعتداء",
                "اعتداءات", "اعتداءا"),
    "strikes": ("ضربه", "ضربات", "غاره", "غارات", "ضربتين", "غارتين"),
    "missiles": ("صاروخ", "صاروخا", "صواريخ", "قذيفه", "قذائف", "قذيفتين"),
    "drones": ("مسيره", "مسيرات", "طائره مسيره", "طائرات مسيره", "طائرات مسيرة"),
    "explosions": ("انفجار", "انفجارات", "انفجارين", "تفجير", "تفجيرات", "تفجيرين", "عبوه",
                   "عبوات"),
    "killed": ("قتيل", "قتيلا", "قتلي", "قتيلان", "قتيلين"),
    "wounded": ("جريح", "جريحا", "جرحي", "مصاب", "مصابا", "مصابين", "جريحين"),
    "civilians": ("مدني", "مدنيا", "مدنيين", "مدنيون", "مدنيان"),
    "protesters": ("متظاهر", "متظاهرا", "متظاهرين", "متظاهرون", "محتج", "محتجا", "محتجين",
                   "محتجون", "معتصم", "معتصمين"),
    "people": ("شخص", "شخصا", "اشخاص", "شخصان", "شخصين", "فرد", "افراد", "مواطن", "مواطنا",
               "مواطنين", "رجل", "رجال", "امراه", "نساء", "طفل", "طفلا", "اطفال", "طفلان",
               "طفلين", "فلسطينيا", "فلسطينيين", "عراقيا", "عراقيين", "اسير", "اسري",
               "رهينه", "رهائن", "معتقل", "معتقلين", "ضحيه", "ضحايا"),
    "bases": ("قاعده", "قواعد", "موقع", "مواقع"),
    "vehicles": ("سياره", "سيارات", "اليه", "اليات", "اليتين"),
    "aircraft": ("طائره", "طائرات", "مروحيه", "مروحيات"),
    "days": ("يوم", "يوما", "ايام", "يومين"),
    "years": ("عام", "عاما", "اعوام", "سنه", "سنوات", "سنين"),
    "km": ("كم", "كلم", "كيلومتر", "كيلومترا", "كيلومترات"),
    "dollars": ("دولار", "دولارا", "دولارات"),
    "percent": ("بالمئه", "بالمائه", "في المئه", "في المائه"),
}
_UNIT_OF = {match_key(form): unit for unit, forms in _UNIT_NOUNS.items() for form in forms}
# Counted nouns that imply a count of 2 by themselves (dual).
_DUAL_NOUN_UNITS = {"جنديان": "troops", "جنديين": "troops", "شرطيان": "police",
                    "شرطيين": "police", "قتيلان": "killed", "قتيلين": "killed",
                    "جريحين": "wounded", "مدنيان": "civilians", "شخصان": "people",
                    "شخصين": "people", "طفلان": "people", "طفلين": "people",
                    "هجومان": "attacks", "هجومين": "attacks", "انفجارين": "explosions",
                    "تفجيرين": "explosions", "غارتين": "strikes", "ضربتين": "strikes"}
_DUAL_NOUN_UNITS = _keyed(_DUAL_NOUN_UNITS)
_APPROX = {"نحو", "قرابه", "حوالي", "زهاء", "يقارب", "اكثر", "اقل"}
_WORD_SCALES = {match_key(w): v for w, v in (("الف", 1000.0), ("مئه", 100.0), ("مائه", 100.0),
                                             ("مليون", 1e6))}
_PROCLITIC = re.compile("^(?:و|ف)?(?:ب|ل)?")
# The words a number expression can start with, besides digit groups (see _parse_number).
_STARTS = frozenset({k.split()[0] for k in _VAGUE}.union(_VAGUE, _DUAL_SCALES, _UNITS_, _TENS, _HUNDREDS,
                                                        _WORD_SCALES))


# Words that may start a number expression or be a dual counted noun, also after و (words
# starting with a digit aside): ``find_quantities`` looks closely only at these.
_CANDIDATES = frozenset(_STARTS | set(_DUAL_NOUN_UNITS)).union("و" + k for k in _STARTS)


class _Words(NamedTuple):
    """A text's words: match keys, and the regex matches that give their offsets (read only
    around numbers, so no per-word objects are built)."""

    keys: list[str]
    spans: list[re.Match[str]]

    def start(self, i: int) -> int:
        return self.spans[i].start()

    def end(self, i: int) -> int:
        return self.spans[i].end()


def _words(text: str) -> _Words:
    spans = list(TOKEN_RE.finditer(text))
    keys = word_keys([m.group() for m in spans])
    if "" in keys:  # a stray diacritic or tatweel has an empty key
        spans = [m for m, key in zip(spans, keys) if key]
        keys = [key for key in keys if key]
    return _Words(keys, spans)


def _digit_value(key: str) -> float | None:
    if not key[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(?:[,\u066c]\d{3})+", key):
        return float(re.sub(r"[,\u066c]", "", key))
    try:
        return float(key.replace("\u066b", ".").replace(",", "."))
    except ValueError:
        return None


def _strip_and(key: str) -> str:
    return key[1:] if key.startswith("و") and len(key) > 2 else key


def _word_value(key: str) -> int | None:
    for table in (_UNITS_, _TENS, _HUNDREDS):
        if key in table:
            return table[key]
    return None


def number_value(word: str) -> int | None:
    """The value of one number word or digit group, with or without the article
    ("الثلاثة" -> 3, "١٠" -> 10); None for anything else."""
    key = match_key(word)
    if key[:1].isdigit():
        digit = _digit_value(key)
        return int(digit) if digit is not None and digit.is_integer() else None
    return _word_value(key) or (_word_value(key[2:]) if key.startswith("ال") else None)


def _parse_number(words: _Words, i: int) -> tuple[float, int, bool] | None:
    """Parse a number starting at word i; return (value, index after it, approximate)."""
    keys = words.keys
    key = keys[i]
    if key not in _STARTS and not key[:1].isdigit():  # most words: nothing below can match
        return None
    if i + 1 < len(keys) and f"{key} {keys[i + 1]}" in _VAGUE:
        return float(_VAGUE[f"{key} {keys[i + 1]}"]), i + 2, True
    digit = _digit_value(key)
    if digit is not None:
        j = i + 1
        if j < len(keys) and keys[j] in _SCALES and words.start(j) - words.end(i) <= 1:
            return digit * _SCALES[keys[j]], j + 1, False
        return digit, j, False
    if key in _DUAL_SCALES:
        total, j = float(_DUAL_SCALES[key]), i + 1
    else:
        value = _word_value(key)
        if value is None:
            if key in _VAGUE:
                return float(_VAGUE[key]), i + 1, True
            if key in _WORD_SCALES:
                return _WORD_SCALES[key], i + 1, False
            return None
        total, j = float(value), i + 1
        # Teens: "ثلاثة عشر"; twelve "اثنا عشر".
        if value < 10 and j < len(keys) and keys[j] in ("عشر", "عشره"):
            total, j = value + 10.0, j + 1
        if j < len(keys) and keys[j] in _SCALES:
            total, j = total * _SCALES[keys[j]], j + 1
    # Conjoined parts: "ألفين وخمسمائة", "خمسة وعشرين".
    while j < len(keys) and keys[j].startswith("و"):
        value = _word_value(_strip_and(keys[j]))
        if value is None:
            break
        total, j = total + value, j + 1
        if j < len(keys) and keys[j] in _SCALES:
            total, j = total * _SCALES[keys[j]], j + 1  # "خمسة وعشرين ألفا"
    return total, j, False


def _unit_at(words: _Words, j: int) -> tuple[str, int, int] | None:
    """Counted noun at word j (optionally after "من" and the article): (unit, first, last)."""
    keys = words.keys
    if j < len(keys) and keys[j] in ("من", "بين"):
        j += 1
    if j >= len(keys):
        return None
    for width in (2, 1):
        if j + width <= len(keys):
            if words.start(j) - words.end(j - 1) > 3:
                return None
            phrase = " ".join(keys[j:j + width])
            for candidate in (phrase, phrase[2:] if phrase.startswith("ال") else None,
                              _PROCLITIC.sub("", phrase)):
                if candidate and candidate in _UNIT_OF:
                    return _UNIT_OF[candidate], j, j + width - 1
    return None


def _candidates(keys: list[str]) -> list[int]:
    """Indices of the words that may start a number expression or be a dual counted noun: the
    others are passed over (a superset of those; each is looked at closely)."""
    return [i for i, key in enumerate(keys)
            if key in _CANDIDATES or not key[:2].isalpha()]  # digits: "12", "و12"


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in ``text`` with its counted noun, in text order."""
    words = _words(text)
    keys = words.keys
    found: list[Quantity] = []
    resume = 0  # the words from here on are read one by one (the earlier ones were counted)
    for i in _candidates(keys):
        if i < resume:
            continue  # part of the last expression
        key = keys[i]
        if key in _DUAL_NOUN_UNITS:
            start, end = words.start(i), words.end(i)
            found.append(Quantity(start, end, 2.0, _DUAL_NOUN_UNITS[key],
                                  text[start:end], text[start:end]))
            resume = i + 1
            continue
        parsed = _parse_number(words, i)
        start = words.start(i)
        if parsed is None and key.startswith("و") and len(key) > 2:  # "وألف شخص"
            keys[i] = key[1:]
            parsed = _parse_number(words, i)
            start += 1
            while start < words.end(i) and not text[start].isalnum():  # marks on the و
                start += 1
        if parsed is None:
            resume = i + 1
            continue
        value, j, approximate = parsed
        approximate = approximate or (i > 0 and _read_key(keys, i - 1, resume) in _APPROX)
        unit = _unit_at(words, j)
        if unit is None:  # a bare number: a year, an age, or a count whose noun came earlier
            end = words.end(j - 1)
            found.append(Quantity(start, end, value, None, None, text[start:end], approximate))
        else:
            category, first, last = unit
            end = words.end(last)
            found.append(Quantity(start, end, value, category,
                                  text[words.start(first):words.end(last)], text[start:end],
                                  approximate))
            j = last + 1
        resume = j
    return found


def _read_key(keys: list[str], i: int, resume: int) -> str:
    """Word i's key as read word by word: a word read on its own (at or after ``resume``, not a
    candidate) that starts with و was also tried without it, and that is the key it kept."""
    key = keys[i]
    return key[1:] if i >= resume and key.startswith("و") and len(key) > 2 else key
