"""Two text layers: faithful clean text, and a matching key used only for lookups.

The published ``clean_text`` keeps the article's own spelling; ``match_key`` folds the
variation Arabic news spelling allows (diacritics, tatweel, hamza seats on alef, alef
maqsura, ta marbuta, Arabic-Indic digits, أميركا/أمريكا) so that lookups and entity
resolution see one form.

``clean_layer`` / ``clean_into`` produce the clean layer with its offset map; ``fuzzy_pattern`` and
``fuzzy_trie_pattern`` build regexes that find lexicon phrases in published text whatever the
spelling, without folding the text itself.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.text.offsets import OffsetMapBuilder

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_LETTER_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "گ": "ك",
    "ک": "ك",
    "ی": "ي",
}
_DIGIT_FOLDS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}
_KEY_TABLE = str.maketrans({**_LETTER_FOLDS, **_DIGIT_FOLDS})
# Spelling variants of loanwords: "ير" before "كا" (أميركا/أمريكا, الأميركية/الأمريكية).
_VARIANTS = ((re.compile("يرك"), "ريك"),)

# The same folding, fast: str.translate looks every character up in a dict, while a few
# str.replace calls scan at memchr speed (no fold produces a character another fold changes,
# so the order does not matter). Digits are rare and keep the table.
_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_FOLD_ITEMS = tuple(_LETTER_FOLDS.items())
_DIGIT_TABLE = str.maketrans(_DIGIT_FOLDS)
_EXOTIC_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
VARIANT_LITERALS = (("يرك", "ريك"),)


def _fold(text: str) -> str:
    text = _DROP.sub("", unicodedata.normalize("NFKC", text))  # diacritics and tatweel
    for char, folded in _LETTER_FOLD_ITEMS:
        if char in text:
            text = text.replace(char, folded)
    if _EXOTIC_DIGIT.search(text):
        text = text.translate(_DIGIT_TABLE)
    for variant, folded in VARIANT_LITERALS:
        text = text.replace(variant, folded)
    return text


def _match_key(text: str) -> str:
    return " ".join(_fold(text).split()).lower()


# Words and short phrases come back again and again (the extractors key every token): remember them.
_short_match_key = lru_cache(maxsize=1 << 16)(_match_key)
_SHORT = 40


def match_key(text: str) -> str:
    """Fold orthographic variation for lookups; never use the result as published text."""
    return _short_match_key(text) if len(text) <= _SHORT else _match_key(text)


def fold(text: str) -> str:
    """``match_key``'s folding without its spacing: character by character, so texts folded together
    (joined by a separator) fold as they would apart."""
    return _fold(text).lower()


def match_keys(texts: list[str]) -> list[str]:
    """``[match_key(t) for t in texts]`` for one-line texts, folded in one pass over all of them.

    Every step of the folding works character by character (NFKC never composes across a newline,
    nor produces one), so folding the texts joined by newlines and cutting there is the same.
    """
    if not texts:
        return []
    parts = _fold("\n".join(texts)).lower().split("\n")
    if len(parts) != len(texts):  # a text held a newline: fold one by one
        return [match_key(text) for text in texts]
    return [" ".join(part.split()) for part in parts]


# Word -> match key for the extractors that key every word of every document (numbers, events): a
# dict look-up costs a fraction of a call through ``match_key``'s cache. Emptied when full.
_WORD_KEYS: dict[str, str] = {}
_WORD_KEYS_MAX = 1 << 17


def word_keys(words: list[str]) -> list[str]:
    """``[match_key(w) for w in words]``, each word's key remembered for the next documents."""
    keys = list(map(_WORD_KEYS.get, words))
    if None in keys:
        if len(_WORD_KEYS) >= _WORD_KEYS_MAX:
            _WORD_KEYS.clear()
        for i, key in enumerate(keys):
            if key is None:
                keys[i] = _WORD_KEYS[words[i]] = match_key(words[i])
    return keys


# Clean layer: characters that carry no content in published text.
_INVISIBLE = (
    "\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"
_CLEAN_FIX = re.compile(
    rf"(?P<space>[^\S\n]{{2,}}|[^\S\n ])|(?P<drop>[{_INVISIBLE}]+)|(?P<form>[{_PRESENTATION}])"
)


# One character class (scanned by the regex engine's fast path) finds lines that need no fixing.
_ODD_SPACE = "\t\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_ODD_CHAR = re.compile(rf"[{_INVISIBLE}{_PRESENTATION}{_ODD_SPACE}]")


def clean_into(builder: OffsetMapBuilder, text: str, raw_start: int) -> None:
    """Append the clean layer of ``text`` (found in raw at ``raw_start``) to ``builder``.

    Only whitespace (runs and exotic spaces become one space), invisible control / bidi
    characters and Arabic presentation forms (NFKC) change; letters, hamza and diacritics are kept.
    """
    if "  " not in text and not _ODD_CHAR.search(text):
        builder.copy(text, raw_start)
        return
    pos = 0
    for m in _CLEAN_FIX.finditer(text):
        builder.copy(text[pos : m.start()], raw_start + pos)
        if m.lastgroup == "space":
            builder.replace(" ", raw_start + m.start())
        elif m.lastgroup == "form":
            builder.replace(unicodedata.normalize("NFKC", m.group()), raw_start + m.start())
        pos = m.end()
    builder.copy(text[pos:], raw_start + pos)


def needs_cleaning(text: str) -> bool:
    """Whether the clean layer of ``text`` differs from it (some line of it has something to fix)."""
    return "  " in text or _ODD_CHAR.search(text) is not None


def clean_layer(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Clean layer of one string with its offset map (see ``pipeline.text.offsets``)."""
    if "  " not in text and not _ODD_CHAR.search(text):
        return text, [(0, 0, len(text))] if text else []
    builder = OffsetMapBuilder()
    clean_into(builder, text, 0)
    return builder.build()


_FUZZY_MARKS = "[\u064b-\u065f\u0670\u0640]*"
_FUZZY_CLASSES = {
    **dict.fromkeys("اأإآ", "[اأإآ]"),
    **dict.fromkeys("يى", "[يى]"),
    **dict.fromkeys("ةه", "[ةه]"),
}


def fuzzy_pattern(phrase: str, glued: bool = False) -> str:
    """Regex matching ``phrase`` in published text whatever its hamza seats, diacritics, tatweel,
    ى/ي and ة/ه spelling; with ``glued`` the spaces between words may be missing."""
    out = []
    for ch in phrase:
        if ch.isspace():
            out.append(r"\s*" if glued else r"\s+")
            continue
        out.append(_FUZZY_CLASSES.get(ch, re.escape(ch)))
        if "\u0600" <= ch <= "\u06ff":
            out.append(_FUZZY_MARKS)
    return "".join(out)


def _fuzzy_units(phrase: str, glued: bool) -> list[str]:
    units = []
    for ch in phrase:
        if ch.isspace():
            units.append(r"\s*" if glued else r"\s+")
        elif "\u0600" <= ch <= "\u06ff":
            units.append(_FUZZY_CLASSES.get(ch, re.escape(ch)) + _FUZZY_MARKS)
        else:
            units.append(re.escape(ch))
    return units


def fuzzy_trie_pattern(phrases: list[str], glued: bool = False) -> str:
    """One regex for many phrases (as ``fuzzy_pattern``), factored into a prefix trie so that the
    engine tests each position against a few branches instead of every phrase; longest wins."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for unit in _fuzzy_units(phrase, glued):
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [unit + emit(child) for unit, child in node.items() if unit]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)
