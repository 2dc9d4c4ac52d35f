"""CRF features for Arabic tokens: clitic-aware forms, affixes, shape, gazetteers, clusters."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pipeline.extract import gazetteer
from pipeline.text.normalize import match_key

_CONJ = "وف"
_PREP = "بلك"
WINDOW = (-2, -1, 1, 2)
_MAX_PHRASE = 4  # longest gazetteer phrase looked up, in tokens


def split_clitics(key: str, known: Collection[str] = frozenset()) -> tuple[str, str]:
    """Split a match key into leading clitics and stem: "وبالعراق" -> ("وبال", "عراق").

    A conjunction or preposition is only split off when what is left is a word form seen in
    ``known`` or starts with the article, so "واشنطن" and "لبنان" stay whole; the article itself
    is always split off. ل + ال is written لل: "للعراق" -> ("لال", "عراق"). (Also splitting a
    conjunction before an unseen preposition + article form scored lower on held-out train data.)
    """
    prefix, rest = "", key
    for letters in (_CONJ, _PREP):
        if len(rest) > 3 and rest[0] in letters:
            tail = rest[1:]
            if letters is _PREP and rest.startswith("لل"):
                prefix, rest = prefix + "ل", "ال" + rest[2:]
            elif tail in known or tail.startswith("ال"):
                prefix, rest = prefix + rest[0], tail
    if len(rest) > 3 and rest.startswith("ال"):
        prefix, rest = prefix + "ال", rest[2:]
    return prefix, rest


def _shape(token: str) -> str:
    if token.isdigit():
        return "digit"
    if any(c.isdigit() for c in token):
        return "hasdigit"
    if token.isascii():
        return "latin" if token.isalpha() else "punct"
    if not any(c.isalpha() for c in token):
        return "punct"
    return "arabic"


@dataclass(frozen=True, slots=True)
class _Token:
    """What a token form contributes to any sentence it occurs in (computed once per form)."""

    key: str
    stem: str
    word: dict[str, float]  # features of the token itself
    near: tuple[dict[str, float], ...]  # what a neighbour at each ``WINDOW`` offset sees


class Layout(NamedTuple):
    """A sentence's tokens, their records and match keys, the positions where a gazetteer phrase
    of two or more tokens may start (``gazetteer.may_start_phrase``), and what the positions add:
    gazetteer phrase marks, cue marks, and the word-bigram features with the previous and the next
    token ("" for none)."""

    tokens: list[str]
    records: list[_Token]
    keys: list[str]
    starts: list[int]
    phrases: list[str]
    cues: list[str]
    before: list[str]
    after: list[str]


# The subset of a token's features that its neighbours see.
_CONTEXT = (
    "w=",
    "stem=",
    "c1=",
    "gaz=",
    "role",
    "nisba",
    "fac_head",
    "org_head",
    "shape=",
    "pre=",
)
_OFFSETS = tuple(f"{d}:" for d in WINDOW)
PAD = tuple(offset + "pad" for offset in _OFFSETS)
_CACHE_SIZE = 100_000  # token forms; a record takes about 4 KB


class Featurizer:
    """Turns token sequences into python-crfsuite feature dicts.

    ``clusters`` maps a stem to its cluster ids at several granularities (coarse to fine);
    ``counts`` holds how often each word form (match key) occurs in unlabelled text; the forms it
    knows guide clitic splitting. ``keep``, when given, are the only feature names worth emitting:
    at run time, the attributes the model's CRFs have weights for. crfsuite ignores any other
    attribute, so dropping them changes no label or marginal, and spares converting a quarter of
    the strings; training leaves it unset.
    """

    def __init__(
        self,
        clusters: dict[str, tuple[str, ...]],
        counts: dict[str, int],
        keep: Collection[str] | None = None,
    ):
        self._clusters = clusters
        self._known = counts.keys()
        self._keep = keep
        # the word pairs ("w=a|w=b") of the bigram names worth emitting, by prefix
        self._kept_pairs = {
            prefix: frozenset(n[len(prefix) :] for n in keep or () if n.startswith(prefix))
            for prefix in ("bi-1=", "bi+1=")
        }
        # word-level features are a pure function of the form: computed once per form
        self.record = lru_cache(maxsize=_CACHE_SIZE)(self._record)

    def stem(self, token: str) -> str:
        return self.record(token).stem

    def _record(self, token: str) -> _Token:
        key = match_key(token)
        prefix, stem = split_clitics(key, self._known)
        word = self._word(token, key, prefix, stem)
        context = [(k, v) for k, v in word.items() if k.startswith(_CONTEXT)]
        near = tuple(
            self._kept({offset + k: v for k, v in context}) for offset in _OFFSETS
        )
        return _Token(key, stem, self._kept(word), near)

    def _kept(self, features: dict[str, float]) -> dict[str, float]:
        keep = self._keep
        if keep is None:
            return features
        return {k: v for k, v in features.items() if k in keep}

    def _word(self, token: str, key: str, prefix: str, stem: str) -> dict[str, float]:
        """Features of the token itself, independent of its neighbours."""
        f: dict[str, float] = {
            "bias": 1.0,
            "w=" + key: 1.0,
            "stem=" + stem: 1.0,
            "pre=" + prefix: 1.0,
            "shape=" + _shape(token): 1.0,
            "len=" + str(min(len(stem), 8)): 1.0,
        }
        # character trigrams: transliterated foreign names have letter sequences Arabic words lack
        padded = f"<{stem}>"
        for k in range(len(padded) - 2):
            f["g3=" + padded[k : k + 3]] = 1.0

        for n in (1, 2, 3, 4):
            if len(stem) > n:
                f[f"s{n}=" + stem[-n:]] = 1.0
                f[f"p{n}=" + stem[:n]] = 1.0
        for level, cid in enumerate(self._clusters.get(stem, ("none",))):
            f[f"c{level}=" + cid] = 1.0
        place = gazetteer.lookup_place(token)
        if place:
            f["gaz=" + place.kind] = 1.0
        if gazetteer.nisba_country(token):
            f["nisba"] = 1.0
        if gazetteer.is_role_noun(token):
            f["role"] = 1.0
        if gazetteer.is_facility_head(token):
            f["fac_head"] = 1.0
        if gazetteer.is_org_head(token):
            f["org_head"] = 1.0
        # personal-name lists (JRC-Names transliterations; common Arabic given names/surnames)
        for source in gazetteer.person_name_sources(token).split(","):
            if source:
                f["pname=" + source] = 1.0
        return f

    @staticmethod
    def _phrases(keys: list[str], starts: list[int]) -> list[str]:
        """B-/I- marks of multi-token gazetteer places (longest match first), from token keys and
        the positions where such a place may start."""
        marks = [""] * len(keys)
        end = 0  # the tokens before it are in a marked place
        for i in starts:
            if i < end:
                continue
            for n in range(min(_MAX_PHRASE, len(keys) - i), 1, -1):
                place = gazetteer.place_for_key(gazetteer.join_keys(keys[i : i + n]))
                if place:
                    marks[i : i + n] = ["B-" + place.kind] + ["I-" + place.kind] * (n - 1)
                    end = i + n
                    break
        return marks

    def _bigrams(self, prefix: str, pairs: list[str]) -> list[str]:
        """The word-bigram feature names ``prefix`` + pair, "" for those not worth emitting."""
        if self._keep is None:
            return [prefix + p for p in pairs]
        kept = self._kept_pairs[prefix]  # probing the pair spares building most names
        return [prefix + p if p in kept else "" for p in pairs]

    def layout(self, tokens: list[str]) -> Layout:
        records = [self.record(t) for t in tokens]
        keys = [r.key for r in records]
        starts = [i for i in range(len(keys) - 1) if gazetteer.may_start_phrase(keys, i)]
        pairs = [f"w={a}|w={b}" for a, b in zip(keys, keys[1:])]
        return Layout(
            tokens,
            records,
            keys,
            starts,
            self._phrases(keys, starts),
            gazetteer.phrase_marks(tokens, keys),
            ["", *self._bigrams("bi-1=", pairs)],
            [*self._bigrams("bi+1=", pairs), ""],
        )

    def sentence(self, tokens: list[str]) -> list[dict[str, float]]:
        """One feature dict per token (``scorer.Scorer`` sums the same features' weights
        without building the dicts)."""
        _, records, _, _, phrases, cues, before, after = self.layout(tokens)
        out = []
        n = len(tokens)
        for i in range(n):
            f = dict(records[i].word)
            if phrases[i]:
                f["phrase=" + phrases[i]] = 1.0
            for d in (-1, 0, 1):
                if 0 <= i + d < n and cues[i + d]:
                    f[f"{d}:cue=" + cues[i + d]] = 1.0
            for slot, d in enumerate(WINDOW):
                j = i + d
                if 0 <= j < n:
                    f.update(records[j].near[slot])
                    if phrases[j]:
                        f[f"{d}:phrase=" + phrases[j]] = 1.0
                else:
                    f[PAD[slot]] = 1.0
            if before[i]:
                f[before[i]] = 1.0
            if after[i]:
                f[after[i]] = 1.0
            out.append(f)
        return out
