"""Curated resolution lexicons (``aliases.json``): organisation aliases, capitals, cue words.

Everything is keyed by ``match_key`` so spelling variants (أميركية/أمريكية, hamza seats) meet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.extract import gazetteer
from pipeline.text.normalize import match_key

_PATH = Path(__file__).with_name("aliases.json")
# Inflections a cue word may carry next to a capital: subject/object suffixes and the
# conjunction/future/preposition prefixes ("وتقوده", "فرفضت", "ستدعم", "بدعم").
_CUE_PREFIXES = ("و", "ف", "س", "ل", "ب")
_CUE_SUFFIXES = ("هما", "ها", "هم", "ه", "تا", "ت", "وا", "ان", "ون", "ين", "ا", "ن")


@dataclass(frozen=True, slots=True)
class Alias:
    """An organisation or place the lexicons name: its dataset name and type."""

    canonical: str
    entity_type: str


@lru_cache(maxsize=1)
def _data() -> dict:
    with open(_PATH, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def named_entities() -> dict[str, Alias]:
    """Alias key -> the organisation (``aliases.json``) or natural place (``gazetteer.natural_places``:
    "الفرات" is "نهر الفرات") it names, canonical names included."""
    index = {key: Alias(canonical, "LOC") for key, canonical in gazetteer.natural_places().items()}
    for entry in _data()["organizations"]:
        alias = Alias(entry["canonical"], entry["type"])
        for name in (entry["canonical"], *entry["aliases"]):
            index[match_key(name)] = alias
    return index


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital key -> the country name it stands for when used as the government."""
    return {match_key(city): country for city, country in _data()["capitals"].items()}


@lru_cache(maxsize=1)
def _cues() -> frozenset[str]:
    words = (*_data()["political_verbs"], *_data()["political_nouns"])
    return frozenset(match_key(w) for w in words)


@lru_cache(maxsize=1)
def _locatives() -> frozenset[str]:
    return frozenset(match_key(w) for w in _data()["locative_words"])


def _stems(key: str) -> set[str]:
    """Candidate bare forms of an inflected word key (a small over-generation, checked against a closed list)."""
    forms = {key}
    for _ in range(2):
        forms |= {f[1:] for f in forms if len(f) > 3 and f[0] in _CUE_PREFIXES}
    forms |= {f[: -len(s)] for f in list(forms) for s in _CUE_SUFFIXES if f.endswith(s) and len(f) - len(s) >= 2}
    # Imperfect verbs agree in gender with a feminine capital: تقود -> يقود.
    forms |= {"ي" + f[1:] for f in list(forms) if f.startswith("ت") and len(f) > 2}
    return forms


def is_political_cue(word: str) -> bool:
    """Whether a word is a political verb or action noun that makes an adjacent capital an actor."""
    return not _stems(match_key(word)).isdisjoint(_cues())


@lru_cache(maxsize=1)
def _relations() -> frozenset[str]:
    return frozenset(match_key(w) for w in _data()["relation_words"])


def _in_lexicon(word: str, words: frozenset[str]) -> bool:
    """``word`` is in ``words``, also behind a conjunction ("ومع", "فإلى")."""
    key = match_key(word)
    return key in words or (len(key) > 2 and key[0] in "وف" and key[1:] in words)


def is_relation(word: str) -> bool:
    """Whether a word relates its object to another party ("مع واشنطن", "ضد طهران")."""
    return _in_lexicon(word, _relations())


@lru_cache(maxsize=1)
def place_heads() -> frozenset[str]:
    return frozenset(match_key(w) for w in _data()["place_heads"])


@lru_cache(maxsize=1 << 16)
def place_head(key: str) -> str | None:
    """The form of a word's match key, clitics dropped, that is a place head noun (محافظة، إقليم، قطاع),
    else None: "ومحافظه" -> "محافظه"."""
    return next((variant for variant in gazetteer.clitic_variants(key) if variant in place_heads()), None)


def is_locative(word: str) -> bool:
    """Whether a word makes the following capital a place ("في", "إلى", "زيارة")."""
    return _in_lexicon(word, _locatives())
