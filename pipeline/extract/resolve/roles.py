"""Role descriptions: "رئيس الوزراء العراقي", "المتحدث باسم وزارة الخارجية الأميركية".

A role phrase starts at a role noun from the gazetteer and runs over the genitive and adjective
words that complete it. An indefinite head ("رئيس", "وزير") is a construct, so article words
after it belong to the phrase; after a definite head ("الرئيس", "الشيخ") a plain article word
is already the name ("الرئيس بايدن") unless it is a nationality or another title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract import gazetteer
from pipeline.text.normalize import match_key

_ARTICLE = "ال"
_MAX_TOKENS = 10
# Words that attach a complement to a role: "المتحدث باسم"، "لشؤون"، "في بغداد"، "لدى العراق".
_CONNECTORS = frozenset(match_key(w) for w in ("باسم", "لشؤون", "في", "لدى", "عن"))
# Nouns that make the following title someone else's: "مساعد وزير الدفاع" is not the minister.
_DEPUTIES = frozenset(match_key(w) for w in ("مساعد", "مساعدة", "وكيل", "وكيلة"))


@dataclass(frozen=True, slots=True)
class RolePhrase:
    """Token range ``[first, stop)`` of a role phrase; ``key`` is its match key without leading clitics."""

    first: int
    stop: int
    key: str


_variants = lru_cache(maxsize=1 << 16)(gazetteer.clitic_variants)


@lru_cache(maxsize=65536)
def _head_form(word_key: str) -> str | None:
    """The role noun a word is once clitics are removed ("ورئيس" -> "رئيس"), else None."""
    for form in _variants(word_key):
        if form in gazetteer.ROLE_NOUNS or (form.startswith(_ARTICLE) and form[2:] in gazetteer.ROLE_NOUNS):
            return form
    return None


@lru_cache(maxsize=1)
def _two_word_starts() -> frozenset[str]:
    return frozenset(noun.split(" ", 1)[0] for noun in gazetteer.ROLE_NOUNS if " " in noun)


@lru_cache(maxsize=65536)
def _head_parts(word_key: str) -> tuple[tuple[str, ...], str | None]:
    """The word's clitic variants that start a two-word title, and the role noun it is alone."""
    variants = _variants(word_key)
    starts = tuple(v for v in variants if v in _two_word_starts())
    return starts, next((form for form in map(_head_form, variants) if form), None)


def _head(keys: list[str], i: int) -> tuple[int, str] | None:
    """(token count, key) of a role noun starting at token ``i``: two-word titles first."""
    starts, form = _head_parts(keys[i])
    if starts and i + 1 < len(keys):
        for variant in starts:
            if f"{variant} {keys[i + 1]}" in gazetteer.ROLE_NOUNS:
                return 2, f"{variant} {keys[i + 1]}"
    return (1, form) if form else None


@lru_cache(maxsize=65536)
def _kind(key: str) -> str:
    """Classify a word for phrase extension: stop, nisba, org (head), title, connector, article, other."""
    if not key or not key[0].isalpha():
        return "stop"
    if gazetteer.nisba_country(key):
        return "nisba"
    if gazetteer.is_org_head(key):
        return "org"
    if _head_form(key):
        return "title"
    if key in _CONNECTORS or key.startswith(("بال", "لل")):
        return "connector"
    if key.startswith(_ARTICLE) and len(key) > 3:
        return "article"
    return "other"


def phrase_at(keys: list[str], i: int, stops: frozenset[int] = frozenset()) -> RolePhrase | None:
    """The role phrase starting at token ``i``, not running into token indices in ``stops``."""
    head = _head(keys, i)
    if head is None:
        return None
    size, head_key = head
    open_genitive = not (size == 1 and head_key.startswith(_ARTICLE))
    j = i + size
    last = j
    previous = "title"
    while j < len(keys) and j - i < _MAX_TOKENS and j not in stops:
        kind = _kind(keys[j])
        if kind == "connector":
            open_genitive = True
        elif kind == "article" and not open_genitive or kind in ("other", "stop"):
            break
        elif kind == "title" and previous != "title":  # "نائب رئيس" chains; "... العراقي الدكتور" does not
            break
        previous = kind
        j += 1
        if kind != "connector":
            last = j  # a phrase never ends on a dangling "في"
    return RolePhrase(i, last, " ".join([head_key, *keys[i + size : last]]))


def find_phrases(keys: list[str], stops: frozenset[int] = frozenset()) -> list[RolePhrase]:
    """All non-overlapping role phrases in a token key sequence, left to right."""
    out = []
    i = 0
    while i < len(keys):
        phrase = phrase_at(keys, i, stops)
        if phrase:
            deputy = next((v for v in _variants(keys[i - 1]) if v in _DEPUTIES), None) if i else None
            if deputy and i - 1 not in stops:
                phrase = RolePhrase(i - 1, phrase.stop, f"{deputy} {phrase.key}")
            out.append(phrase)
            i = phrase.stop
        else:
            i += 1
    return out
