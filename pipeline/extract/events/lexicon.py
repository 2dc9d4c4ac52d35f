"""Trigger lexicon: loads ``triggers.tsv`` and looks words and phrases up with clitics stripped.

All keys are ``match_key`` forms. A word is looked up under each way of peeling proclitics
(و ف + ب ل ك س + ال) off it, least stripping first, so "وباستهداف" finds "استهداف" and
"ستنسحب" finds "تنسحب". Verbs are inflected from "past/present-stem" pairs at load time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from pipeline.text.normalize import match_key

_PAST_SUFFIXES = ("", "ت", "ا", "وا", "تا", "ن", "نا", "تم", "تما")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ون", "ان", "ين", "وا", "ا", "ن")
_OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ني")
_NOUN_PRONOUNS = ("ه", "ها", "هم", "هما", "كم", "نا", "ي")
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك", "س")


@dataclass(frozen=True, slots=True)
class Entry:
    type: str  # PLOVER type, or NONE for a blocking phrase
    mode: str | None
    pos: str  # V, P, N or M
    genitive: str | None  # role of a nominal trigger's genitive / passive subject: A or T
    conf: float
    needs: tuple[str, ...]  # stems one of which must follow within four words
    lemma: str  # the form as written in the lexicon


def _verb_forms(past: str, present: str) -> set[str]:
    forms = {past + s for s in _PAST_SUFFIXES}
    forms |= {p + present + s for p in _PRESENT_PREFIXES for s in _PRESENT_SUFFIXES}
    with_objects = set(forms)
    for form in forms:
        base = form[:-1] if form.endswith("وا") else form  # قتلوا + ه -> قتلوه
        with_objects |= {base + o for o in _OBJECT_PRONOUNS}
    return with_objects


def _noun_forms(noun: str) -> set[str]:
    forms = {noun}
    if noun.endswith("ه"):  # ta marbuta: ضربة -> ضربتها، ضربات، ضربتين
        stem = noun[:-1]
        forms |= {stem + "ت" + p for p in _NOUN_PRONOUNS}
        forms |= {stem + "ات", stem + "تان", stem + "تين"}
        forms |= {stem + "ات" + p for p in _NOUN_PRONOUNS}
    elif noun.endswith("ات"):  # هجمات -> هجماتها
        forms |= {noun + p for p in _NOUN_PRONOUNS}
    elif not noun.endswith("ا"):
        forms |= {noun + p for p in _NOUN_PRONOUNS}
        forms |= {noun + "ا", noun + "ان", noun + "ين"}
    return forms


def _word_forms(word: str, pos: str) -> set[str]:
    if "/" in word:
        past, present = word.split("/")
        return _verb_forms(match_key(past), match_key(present))
    key = match_key(word)
    return {key} if pos in "VP" else _noun_forms(key)  # listed verb forms are complete


_MEMO_SIZE = 1 << 17  # word keys remembered per look-up kind (cleared when full)


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: dict[str, tuple[Entry, ...]]  # inflected form -> entries
    phrases: dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]  # first-word form -> rest
    # what a word key gives, worked out once: every sentence's every word is looked up
    _word_memo: dict = field(default_factory=dict, repr=False, compare=False)

    def word(self, key: str) -> tuple[tuple[tuple[tuple[str, ...], Entry], ...],
                                      tuple[str, tuple[Entry, ...]] | None]:
        """What a word key gives, in one look-up: the phrases it may start (see ``longest_phrase``)
        and its entries, trying proclitic strippings from least to most."""
        return _memo(self._word_memo, key, self._word)

    def _word(self, key: str):
        return self._starts(key), self._lookup(key)

    def _lookup(self, key: str) -> tuple[str, tuple[Entry, ...]] | None:
        for stem, prefix in strippings(key):
            entries = tuple(e for e in self.words.get(stem, ()) if _allowed(e, prefix))
            if entries:
                return stem, entries
        return None

    def _starts(self, key: str) -> tuple[tuple[tuple[str, ...], Entry], ...]:
        """The phrases a word may start, with the words that must follow it."""
        return tuple((rest, entry) for stem, prefix in strippings(key)
                     for rest, entry in self.phrases.get(stem, ()) if _allowed(entry, prefix))


def longest_phrase(starts: tuple[tuple[tuple[str, ...], Entry], ...], keys: list[str],
                   i: int) -> tuple[int, Entry] | None:
    """The longest of ``starts`` (phrases word i may start) that the words after it complete."""
    best: tuple[int, Entry] | None = None
    for rest, entry in starts:
        n = len(rest)
        if i + n >= len(keys):
            continue
        if all(_word_matches(keys[i + 1 + k], rest[k]) for k in range(n)):
            if best is None or n + 1 > best[0]:
                best = (n + 1, entry)
    return best


def _memo(memo: dict, key: str, compute):
    try:
        return memo[key]
    except KeyError:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        value = memo[key] = compute(key)
        return value


def _word_matches(key: str, wanted: str) -> bool:
    return key == wanted or any(stem == wanted for stem, _ in strippings(key))


def _allowed(entry: Entry, prefix: str) -> bool:
    """Articles and ب/ك go with nouns, the future prefix س with verbs."""
    if entry.pos in "VP":
        return "ال" not in prefix and "ب" not in prefix and "ك" not in prefix
    return "س" not in prefix


@cache
def strippings(key: str) -> tuple[tuple[str, str], ...]:
    """(stem, prefix) pairs for every proclitic split of ``key``, least stripping first."""
    out = [(key, "")]
    for conj in _CONJ:
        for prep in _PREP:
            for article in ("", "ال"):
                prefix = conj + prep + article
                if not prefix:
                    continue
                if prep == "ل" and article == "ال":
                    prefix = conj + "لل"  # ل + ال -> لل
                if key.startswith(prefix) and len(key) - len(prefix) >= 2:
                    out.append((key[len(prefix):], prefix))
    out.sort(key=lambda pair: len(pair[1]))
    return tuple(dict.fromkeys(out))


def preposition_clitic(key: str) -> str | None:
    """The preposition attached to a word ("بالهجوم" -> ب, "للقوات" -> ل), if any."""
    prefix = strippings(key)[-1][1]
    if prefix.endswith("لل"):
        return "ل"
    prefix = prefix.removesuffix("ال")
    return prefix[-1] if prefix[-1:] in ("ب", "ل", "ك") else None


@cache
def load() -> Lexicon:
    words: dict[str, list[Entry]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    text = resources.files(__package__).joinpath("triggers.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        type_, mode, pos, gen, conf, needs, forms = line.split("\t")
        needs_keys = tuple(match_key(n) for n in needs.removeprefix("needs:").split("|")) if needs != "-" else ()
        for form in forms.split("|"):
            entry = Entry(type_, None if mode == "-" else mode, pos, None if gen == "-" else gen,
                          float(conf), needs_keys, form)
            first, *rest = form.split(" ")
            if rest:
                rest_keys = tuple(match_key(w) for w in rest)
                for f in _word_forms(first, pos):
                    phrases.setdefault(f, []).append((rest_keys, entry))
            else:
                for f in _word_forms(first, pos):
                    words.setdefault(f, []).append(entry)
    return Lexicon({k: tuple(v) for k, v in words.items()},
                   {k: tuple(v) for k, v in phrases.items()})
