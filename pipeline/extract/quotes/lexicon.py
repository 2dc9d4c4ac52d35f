"""The speech-cue lexicon (``cue_verbs.json``) keyed for spelling-tolerant lookup."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from pipeline.extract.quotes.tokens import Token
from pipeline.text.normalize import match_key

_DATA = Path(__file__).with_name("cue_verbs.json")
_CONJUNCTIONS = ("و", "ف")
_MAX_SEEN = 100_000  # bound on Lexicon._seen


@dataclass(frozen=True, slots=True)
class CueForm:
    lemma: str
    hal: bool  # a participle (مؤكداً) that chains onto the clause's speaker
    continuation: bool  # "وأضاف" with no subject continues the previous speaker
    np: str | None  # preposition of a noun-phrase complement ('' = direct object); None = none
    passive: bool = False  # "قيل إن": a statement with no speaker
    masdar: bool = False  # a verbal noun ("إعلان بغداد أنها…"): needs its own subject and complement
    obj: str | None = None  # preposition after an object that carries the statement (دعا X إلى)


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    forms: dict[str, CueForm]
    attribution: frozenset[str]
    roles: frozenset[str]
    circumstances: frozenset[str]
    circumstance_preps: frozenset[str]
    outlet_preps: frozenset[str]
    outlets: frozenset[str]  # the nouns of outlet_preps without ل: موقع، وكالة ...
    times: frozenset[str]
    source_heads: frozenset[str]
    # Written token -> its cue (None: not a cue, or punctuation), filled by ``cues_of``.
    _seen: dict[str, CueForm | None] = field(default_factory=dict, repr=False)

    def cue(self, word: str) -> CueForm | None:
        """The cue a written word is a form of, allowing a leading و/ف conjunction."""
        return _cue(self, word)

    def cues_of(self, toks: list[Token]) -> dict[int, CueForm]:
        """Index -> cue of the tokens that are cues; each distinct written token is looked up once."""
        seen = self._seen
        try:
            return {i: form for i, t in enumerate(toks) if (form := seen[t.text]) is not None}
        except KeyError:  # tokens not seen before
            if len(seen) > _MAX_SEEN:
                seen.clear()
            for t in toks:
                if t.text not in seen:
                    seen[t.text] = self.cue(t.text) if t.word else None
            return self.cues_of(toks)


@lru_cache(maxsize=65536)
def _cue(lex: Lexicon, word: str) -> CueForm | None:
    key = match_key(word)
    found = lex.forms.get(key)
    if found is None and key[:1] in _CONJUNCTIONS:
        found = lex.forms.get(key[1:])
    return found


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(match_key(w) for w in words)


@cache
def load_lexicon() -> Lexicon:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    forms: dict[str, CueForm] = {}
    for lemma, entry in data["verbs"].items():
        continuation = bool(entry.get("continuation", False))
        np, obj = entry.get("np"), entry.get("obj")
        for word in entry["forms"]:
            forms.setdefault(match_key(word), CueForm(lemma, False, continuation, np, obj=obj))
        for word in entry["hal"]:
            forms.setdefault(match_key(word), CueForm(lemma, True, True, np, obj=obj))
        for word in entry.get("passive", ()):
            forms.setdefault(match_key(word), CueForm(lemma, False, False, None, passive=True))
        for word in entry.get("masdar", ()):
            forms.setdefault(match_key(word), CueForm(lemma, False, False, None, masdar=True))
    return Lexicon(
        forms=forms,
        attribution=_keys(data["attribution"]),
        roles=_keys(data["roles"]),
        circumstances=_keys(data["circumstances"]),
        circumstance_preps=_keys(data["circumstance_preps"]),
        outlet_preps=_keys(data["outlet_preps"]),
        outlets=frozenset(k[1:] for k in _keys(data["outlet_preps"]) if len(k) > 2),
        times=_keys(data["times"]),
        source_heads=_keys(data["source_heads"]),
    )
