"""Word tokenizer for Arabic and Latin text that keeps character offsets.

Words keep their clitics (و، ب، ال ...) and diacritics; numbers keep their decimal and thousands
separators; every other non-space character (punctuation, quotes, brackets) is its own token.
"""

from __future__ import annotations

import re

# Arabic combining marks and tatweel are not \w but belong inside a word.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_TOKEN = re.compile(
    rf"(?:[^\W_]|[{_MARKS}])+"  # a word: letters, digits and Arabic marks,
    rf"(?:(?<=\d)[.,\u066b\u066c]\d+)*"  # with a number's separators: 1,250 / و3.5 / ٣٫٥
    rf"|\S"  # any other visible character on its own
)


def tokenize(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` spans of the tokens of ``text[start:end]``, as offsets into ``text``."""
    return [
        m.span()
        for m in _TOKEN.finditer(text, start, len(text) if end is None else end)
    ]
