"""Capital metonymy: "واشنطن تنفي" is the US government, "في واشنطن" is the city.

A capital stands for its country when it is the subject or object of a political verb or the
possessor of an action noun ("دعم واشنطن", "تقوده واشنطن", "واشنطن ترفض"), one side of a
relation ("بين واشنطن وطهران", "مع واشنطن"), a headline speaker ("واشنطن: ..."), or coordinated
with a country or capital used that way. After a locative word, with a locative clitic
("بواشنطن") or in a dateline ("دبي/واشنطن") it is a place, and so is any use without one of those
cues: the city is the conservative default.
"""

from __future__ import annotations

from pipeline.extract import gazetteer
from pipeline.extract.resolve import lexicon
from pipeline.text.normalize import match_key

_BETWEEN = match_key("بين")
_FROM = match_key("من")
_DATELINE_MARKS = frozenset("/-–—(")  # not ":": "واشنطن: لن ننسحب" is the government speaking


def _word(keys: list[str], i: int) -> str | None:
    return keys[i] if 0 <= i < len(keys) and keys[i][:1].isalpha() else None


def governs(
    text: str,
    tokens: list[tuple[int, int]],
    keys: list[str],
    first: int,
    stop: int,
    clitic: str,
    partner_is_state: bool,
) -> bool:
    """Whether the capital at tokens ``[first, stop)`` acts for its country's government.

    ``clitic`` is the clitic removed from the mention; ``partner_is_state`` says that the mention is
    coordinated ("وطهران") with a preceding governing capital or a country in an actor context.
    """
    start, end = tokens[first][0], tokens[stop - 1][1]
    if any(c in clitic for c in "بلك"):
        return False
    line_start = start == 0 or text[start - 1] == "\n"
    after = text[end : end + 3].lstrip(" ")[:1]
    if "/" in (text[start - 1 : start], text[end : end + 1]) or (line_start and after in _DATELINE_MARKS):
        return False
    if line_start and after == ":":  # a headline that quotes the government
        return True
    prev = _word(keys, first - 1)
    if clitic.startswith("و") and partner_is_state:
        return True
    if actor_context(keys, first, stop):
        return True
    if prev is not None and lexicon.is_locative(prev):
        return False
    # Subject before its verb; skip coordinated capitals or countries ("واشنطن وطهران تتفقان").
    j = stop
    while (word := _word(keys, j)) is not None and word.startswith("و") and _names_place(word[1:]):
        j += 1
    nxt = _word(keys, j)
    return nxt is not None and lexicon.is_political_cue(nxt)


def actor_context(keys: list[str], first: int, stop: int) -> bool:
    """Whether the words around tokens ``[first, stop)`` make a state name an actor: "أعلنت", "دعم",
    "مع", an agent phrase such as "المدعومة من" / "بدعم من", or "بين" with another state after it
    ("بين واشنطن وطهران"; "بين بيروت وطرابلس" is a route)."""
    prev = _word(keys, first - 1)
    if prev is None:
        return False
    if lexicon.is_political_cue(prev) or lexicon.is_relation(prev):
        return True
    if prev == _BETWEEN:
        partner = _word(keys, stop)
        return partner is not None and partner.startswith("و") and _names_place(partner[1:])
    agent = _word(keys, first - 2)
    return prev == _FROM and agent is not None and lexicon.is_political_cue(agent)


def _names_place(key: str) -> bool:
    return key in lexicon.capitals() or gazetteer.country_for(key) is not None
