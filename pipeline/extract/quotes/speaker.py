"""Find the speaker noun phrase around a cue and split off its title or role.

The speaker is not taken from NER alone: a role phrase ("قيادي في الفصائل المسلحة") or a
document ("البيان المشترك") can speak. The phrase is cut where the setting of the statement
begins (في حديث، لـ"العربي الجديد"، اليوم الخميس، إلى أن ...); mentions only decide which
entity it names and where a person's name begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.mention import Mention
from pipeline.extract.quotes.lexicon import Lexicon
from pipeline.extract.quotes.tokens import Token

_COMPLEMENTIZER_KEYS = frozenset(
    p + a + s
    for p in ("", "ب", "و", "وب", "ف")
    for a in ("ان",)
    for s in ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "ك")
)
AND_THAT_KEYS = frozenset(k for k in _COMPLEMENTIZER_KEYS if k[:1] == "و")  # وأن، وبأنه …
# Prepositions that end a subject: what follows is the addressee or the complement.
_ENDING_PREPS = frozenset({"الى", "على", "عن", "مع"})
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})
_AUXILIARIES = frozenset({"قد", "وقد", "فقد", "لقد", "كان", "وكان", "كانت", "وكانت", "سبق"})
_FRONTED = frozenset({"في", "وفي", "من", "ومن", "على", "وعلى", "الى", "عن", "مع", "ومع", "بعد", "وبعد",
                      "قبل", "منذ", "خلال", "وخلال", "عقب", "وعقب", "اثر", "حسب", "بحسب", "لكن", "ولكن",
                      "فيما", "بينما", "كما", "وكما", "اذ", "حيث", "ما", "لا", "لم", "لن", "هل", "ان",
                      "هذا", "هذه", "ذلك", "تلك", "وهذا", "الامر"})
_QUOTE_MARKS = frozenset("\"'«»“”„‘’‹›")
# "بحسب ما أفاد به المتحدث": a preposition with a pronoun before the subject.
_PREP_PRONOUNS = frozenset({"به", "بها", "بهم", "له", "لها", "لهم", "عنه", "عنها", "عنهم", "فيه", "فيها"})
_BACK_STOPS = frozenset(".:!؟?\n") | _QUOTE_MARKS


@dataclass(frozen=True, slots=True)
class Speaker:
    start: int
    end: int
    text: str
    role: str | None
    mention_index: int | None


def is_complementizer(tok: Token) -> bool:
    return tok.word and tok.key in _COMPLEMENTIZER_KEYS


def _bare(key: str) -> str:
    """A key without its conjunction and article: والمتحدث -> متحدث."""
    for prefix in ("وال", "بال", "فال", "لل", "ال"):
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


def is_role(tok: Token, lex: Lexicon) -> bool:
    return _is_role_key(lex, tok.key)


@lru_cache(maxsize=1 << 16)  # asked for the same few thousand words again and again
def _is_role_key(lex: Lexicon, key: str) -> bool:
    return key in lex.roles or _bare(key) in lex.roles or ("ال" + _bare(key)) in lex.roles


def is_time(tok: Token, lex: Lexicon) -> bool:
    return tok.key in lex.times or tok.key[:1].isdigit()


def _unpossessed(key: str) -> str:
    for suffix in ("نا", "ها", "هم", "ه"):
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            return key[: -len(suffix)]
    return key


def _cuts(toks: list[Token], i: int, lex: Lexicon, first: int, entity_starts: frozenset[int] = frozenset()) -> bool:
    """Does the setting of the statement (not the speaker) begin at token ``i``?"""
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].word else None  # not across a quote mark
    if t.plain == "عن" and i > first and toks[i - 1].key.removeprefix("ال").startswith("صادر"):
        return False  # "تقرير صادر عن منظمة …" names the source
    if is_time(t, lex) or is_complementizer(t) or t.plain in _ENDING_PREPS or t.key in RELATIVES:
        return True
    other = lex.cue(t.text) if i > first else None
    if other is not None and not other.masdar:
        return True
    if t.key in lex.outlet_preps or t.key == "ل" or (t.key[:1] == "ل" and _unpossessed(t.key[1:]) in lex.outlets):
        return True  # لـ"العربي الجديد"، لوكالة رويترز، لموقعنا
    if (i == first and t.key.startswith("لل")) or (t.key[:1] == "ل" and t.start + 1 in entity_starts):
        return True  # "وقال للجزيرة نت"، "لبي بي سي": the addressee, not the speaker
    if t.key in ("طلب", "فضل", "رفض") and nxt is not None and nxt.key == "عدم":
        return True  # "مسؤول طلب عدم كشف هويته"
    if t.key == "من" and nxt is not None and nxt.key in ("خلال", "جهته", "جهتها", "جانبه", "جانبها"):
        return True
    if t.key in lex.circumstance_preps:
        if nxt is not None and (nxt.key in lex.circumstances or _bare(nxt.key) in lex.circumstances):
            return True
        prev = next((u for u in reversed(toks[first:i]) if u.word), None)
        return prev is None or not is_role(prev, lex)  # "قيادي في الفصائل" keeps going
    return False


def _apposition(toks: list[Token], lo: int, hi: int, lex: Lexicon, first: int, entity_starts: frozenset[int]) -> bool:
    """Is tokens[lo:...] up to the next comma a short apposition ("، محمد شياع السوداني،")?"""
    words = 0
    for k in range(lo, hi):
        t = toks[k]
        if t.text in "،,":
            break
        if not t.word:
            if t.text in _QUOTE_MARKS:
                continue
            return False
        if _cuts(toks, k, lex, first, entity_starts):
            return False
        words += 1
    return 0 < words <= 4


def subject_after(
    toks: list[Token], lo: int, hi: int, lex: Lexicon, entity_starts: frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """Token range [a, b) of the subject that opens tokens[lo:hi], or None.

    ``entity_starts``: start offsets of entity mentions, to see "لبي بي سي" as ل + an outlet."""
    i = lo
    while i < hi and (not toks[i].word or is_time(toks[i], lex) or toks[i].key in _PREP_PRONOUNS):
        if toks[i].text in _QUOTE_MARKS:
            break
        i += 1
    first = i
    last = None
    marks = 0
    while i < hi:
        t = toks[i]
        if not t.word:
            if t.text in _QUOTE_MARKS:
                marks += 1
                if marks % 2 == 0 and last is not None:
                    last = i  # keep the closing mark of a quoted name: "البنتاجون"
            elif t.text in "،,":
                if not _apposition(toks, i + 1, hi, lex, first, entity_starts):
                    break
            else:
                break
            i += 1
            continue
        if _cuts(toks, i, lex, first, entity_starts):
            break
        last = i
        i += 1
    if last is None:
        return None
    return first, last + 1


def subject_before(toks: list[Token], cue: int, floor: int, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of a subject written before its verb ("ميلر أكد أن"), or None."""
    i = cue - 1
    while i >= floor and toks[i].key in _AUXILIARIES:
        i -= 1
    if i == cue - 1 and i >= floor and toks[i].text in "،,":
        return None  # "وعن سؤال حول …، أجاب": a fronted phrase, not a subject
    end = i
    after_auxiliary = end < cue - 1  # "كان رئيس الوزراء، محمد …، قد قال": appositions before قد
    while i >= floor and toks[i].text not in _BACK_STOPS and cue - i <= 12:
        if toks[i].word and (toks[i].key in RELATIVES or lex.cue(toks[i].text) is not None):
            return None
        if toks[i].text in "،," and not after_auxiliary:
            break  # "…، لكن مسؤولين أتراكاً قالوا": the subject starts after the comma
        i -= 1
    start = i + 1
    while start <= end and (not toks[start].word or toks[start].key in _AUXILIARIES
                            or toks[start].key.startswith(("لكن", "ولكن"))):
        start += 1
    first = toks[start].plain if start <= end else ""
    if start > end or first in _FRONTED or first.removeprefix("و") in _FRONTED or cue - start > 12:
        return None
    if not toks[end].word and toks[end].text not in _QUOTE_MARKS:
        end -= 1
    return (start, end + 1) if start <= end else None


def make_speaker(
    text: str, toks: list[Token], a: int, b: int, mentions: list[Mention], lex: Lexicon
) -> Speaker:
    start, end = toks[a].start, toks[b - 1].end
    inside = [k for k, m in enumerate(mentions) if m.start < end and m.end > start and not m.adjectival]
    person = [k for k in inside if mentions[k].label == "PERSON"]
    pick = person or [k for k in inside if mentions[k].label == "ORG"] or inside
    index = pick[0] if pick else None
    if person:
        m = mentions[person[0]]
        role = _strip(text[start : m.start]) or _strip(text[m.end : end])
    else:
        role = _role_by_words(text, toks[a:b], lex)
    return Speaker(start, end, text[start:end], role, index)


def _strip(s: str) -> str | None:
    s = s.strip(" \t\n،,-–—:")
    for conj in ("و", "ف"):
        if s.startswith(conj + " "):
            s = s[2:]
    return s or None


def _role_by_words(text: str, toks: list[Token], lex: Lexicon) -> str | None:
    """Role words at the head of the phrase; the rest, if any, is the name."""
    words = [t for t in toks if t.word]
    if not words:
        return None
    if not is_role(words[0], lex):
        # a role after the name: "قيس الخزعلي زعيم مليشيا ..."
        tail = next((k for k in range(1, min(len(words), 5)) if is_role(words[k], lex)), None)
        return None if tail is None else _strip(text[words[tail].start : toks[-1].end])
    comma = next((t for t in toks if t.text in "،,"), None)
    if comma is not None:  # "المتحدث باسم الوزارة، ماثيو ميلر"
        return _strip(text[toks[0].start : comma.start])
    role_end = words[0].end
    prev_key = words[0].key
    for t in toks[1:]:
        after_prep = prev_key in ("في", "باسم", "لشوون", "عن")  # "الباحثة في اقتصاديات الطاقة"
        if t.word and not (is_role(t, lex) or t.key.startswith(("ال", "بال", "لل", "وال"))
                           or t.key in ("باسم", "في", "لشوون", "ب") or after_prep):
            break
        if t.word:
            prev_key = t.key
        role_end = t.end
    return _strip(text[toks[0].start : role_end])
