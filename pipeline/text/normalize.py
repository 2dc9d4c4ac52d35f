"""Two text layers: faithful clean text, and a matching key used only for lookups.

The published ``clean_text`` keeps the article's own spelling; ``match_key`` folds the
variation Arabic news spelling allows (diacritics, tatweel, hamza seats on alef, alef
maqsura, ta marbuta, Arabic-Indic digits, أميركا/أمريكا) so that lookups and entity
resolution see one form.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.text.offsets import OffsetMapBuilder

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_KEY_TABLE = str.maketrans(
    {
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
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
# Spelling variants of loanwords: "ير" before "كا" (أميركا/أمريكا, الأميركية/الأمريكية).
_VARIANTS = ((re.compile("يرك"), "ريك"),)


def match_key(text: str) -> str:
    """Fold orthographic variation for lookups; never use the result as published text."""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.translate(_KEY_TABLE)
    for pattern, repl in _VARIANTS:
        text = pattern.sub(repl, text)
    return " ".join(text.split()).lower()


# Clean layer: characters that carry no content in published text.
_INVISIBLE = (
    "\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"
_CLEAN_FIX = re.compile(
    rf"(?P<space>[^\S\n]{{2,}}|[^\S\n ])|(?P<drop>[{_INVISIBLE}]+)|(?P<form>[{_PRESENTATION}])"
)


def clean_into(builder: OffsetMapBuilder, text: str, raw_start: int) -> None:
    """Append the clean layer of ``text`` (found in raw at ``raw_start``) to ``builder``.

    Only whitespace (runs and exotic spaces become one space), invisible control / bidi
    characters and Arabic presentation forms (NFKC) change; letters, hamza and diacritics are kept.
    """
    pos = 0
    for m in _CLEAN_FIX.finditer(text):
        builder.copy(text[pos : m.start()], raw_start + pos)
        if m.lastgroup == "space":
            builder.replace(" ", raw_start + m.start())
        elif m.lastgroup == "form":
            builder.replace(unicodedata.normalize("NFKC", m.group()), raw_start + m.start())
        pos = m.end()
    builder.copy(text[pos:], raw_start + pos)


def clean_layer(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Clean layer of one string with its offset map (see ``pipeline.text.offsets``)."""
    builder = OffsetMapBuilder()
    clean_into(builder, text, 0)
    return builder.build()
