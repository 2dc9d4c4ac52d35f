"""Name comparison: short forms of a person's name and fuzzy spelling variants.

Transliterated names vary in vowel letters (دانيال/دانييل), in the letter chosen for a foreign
sound (البنتاغون/البنتاجون) and in word breaks (با تريك/باتريك). Matching is conservative:
the same number of words, each word equal or a close variant of at least five letters (short
Arabic names differ by one letter: أحمد/محمد/حامد), and a high overall score.
"""

from __future__ import annotations

from rapidfuzz import fuzz

# One letter for the sounds g/v/p that news spells with several Arabic letters.
_FOREIGN_SOUNDS = str.maketrans({"غ": "ج", "ق": "ج", "ڤ": "ف", "پ": "ب", "چ": "ج"})
_MIN_WORD = 5
WORD_SCORE = 80.0
# Minimum whole-name scores (rapidfuzz ratio, 0-100) by type family.
NAME_SCORE = {"PERSON": 90.0, "ORG": 92.0, "PLACE": 92.0, "FAC": 92.0}


def folded(key: str) -> str:
    """A name key with foreign-sound letters unified (for fuzzy comparison only)."""
    return key.translate(_FOREIGN_SOUNDS)


def compact(key: str) -> str:
    return folded(key).replace(" ", "")


def is_short_form(short: str, full: str) -> bool:
    """Whether the one-word name ``short`` is the last word (family name) of the longer ``full``."""
    words = full.split()
    return " " not in short and len(words) > 1 and words[-1] == short


def variant_score(a: str, b: str, family: str) -> float | None:
    """Similarity of two name keys when they are spelling variants of one name, else None."""
    if a == b:
        return None
    if compact(a) == compact(b):
        return 100.0
    wa, wb = folded(a).split(), folded(b).split()
    if len(wa) != len(wb) or (family == "PERSON" and len(wa) < 2):
        return None
    for x, y in zip(wa, wb):
        if x != y and (min(len(x), len(y)) < _MIN_WORD or fuzz.ratio(x, y) < WORD_SCORE):
            return None
    score = fuzz.ratio(compact(a), compact(b))
    return round(score, 1) if score >= NAME_SCORE.get(family, max(NAME_SCORE.values())) else None


def blocks(key: str) -> tuple[str, str]:
    """Blocking keys: a variant pair shares its first or its last three letters."""
    c = compact(key)
    return "^" + c[:3], c[-3:] + "$"
