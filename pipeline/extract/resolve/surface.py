"""A mention's name as a resolver sees it: edge punctuation and leading clitics removed.

Clitics (و ف ب ل ك, لل) are removed only when the result is a name we know: a lexicon or
gazetteer entry, a form the corpus uses more often on its own, or an article-initial word
("والسوداني" -> "السوداني"). Names that begin with a clitic letter ("واشنطن", "بغداد",
"لبنان") therefore stay whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract import gazetteer
from pipeline.extract.resolve import lexicon
from pipeline.text.normalize import match_key

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_MARK = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARTICLE = "ال"
_key = lru_cache(maxsize=1 << 18)(match_key)


@dataclass(frozen=True, slots=True)
class Surface:
    """``text`` is the published spelling without clitics, ``key`` its match key, ``clitic`` what was removed."""

    text: str
    key: str
    clitic: str = ""


def trim(text: str) -> str:
    """Remove quotes, brackets and punctuation around a name ("«داعش»" -> "داعش")."""
    return _EDGE.sub("", text)


@lru_cache(maxsize=65536)
def _exact_place(key: str) -> bool:
    """Whether ``key`` itself (not a clitic-stripped form of it) is a gazetteer place."""
    place = gazetteer.lookup_place(key)
    if place is None:
        return False
    first, _, rest = key.partition(" ")
    for shorter in gazetteer.clitic_variants(first)[1:]:
        if gazetteer.lookup_place(f"{shorter} {rest}" if rest else shorter) == place:
            return False
    return True


def is_known_name(key: str) -> bool:
    """A name key listed in the resolution lexicon or the gazetteer."""
    return key in lexicon.named_entities() or key in lexicon.capitals() or _exact_place(key)


def drop_letters(text: str, count: int) -> str:
    """``text`` without its first ``count`` letters (diacritics ride with their letter)."""
    i = 0
    while count and i < len(text):
        i += 1
        count -= 1
        while i < len(text) and _MARK.match(text[i]):
            i += 1
    return text[i:]


def split_clitic(text: str, corpus_count: Callable[[str], int] = lambda _k: 0) -> Surface:
    """The name a mention stands for once a leading clitic is removed, when that is safe."""
    text = trim(text)
    key = _key(text)
    first, _, rest = key.partition(" ")
    variants = gazetteer.clitic_variants(first)
    if len(variants) == 1 or is_known_name(key):
        return Surface(text, key)
    best = None
    for stem in variants[1:]:
        candidate = f"{stem} {rest}" if rest else stem
        article = stem.startswith(_ARTICLE) and not first.startswith(_ARTICLE) and len(stem) >= 4
        if article or is_known_name(candidate) or corpus_count(candidate) > corpus_count(key):
            best = stem  # later variants strip more; keep the deepest that qualifies
    if best is None:
        return Surface(text, key)
    removed = len(first) - len(best)
    if first[removed:] == best:
        clean = drop_letters(text, removed)
        clitic = first[:removed]
    else:  # ل + ال is written لل: "للعراق" -> "العراق"
        clean = _ARTICLE + drop_letters(text, removed + 2)
        clitic = first[: removed + 1]
    return Surface(clean, _key(clean), clitic)
