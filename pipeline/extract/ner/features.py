"""CRF features for Arabic tokens: clitic-aware forms, affixes, shape, gazetteers, clusters."""

from __future__ import annotations

from collections.abc import Collection

from pipeline.extract import gazetteer
from pipeline.text.normalize import match_key

_CONJ = "وف"
_PREP = "بلك"
_WINDOW = (-2, -1, 1, 2)
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


class Featurizer:
    """Turns token sequences into python-crfsuite feature dicts.

    ``clusters`` maps a stem to its cluster ids at several granularities (coarse to fine);
    ``counts`` holds how often each word form (match key) occurs in unlabelled text; the forms it
    knows guide clitic splitting.
    """

    def __init__(self, clusters: dict[str, tuple[str, ...]], counts: dict[str, int]):
        self._clusters = clusters
        self._known = counts.keys()
        self._word_cache: dict[str, dict[str, float]] = {}
        self._ctx_cache: dict[str, dict[str, float]] = {}

    def stem(self, token: str) -> str:
        return split_clitics(match_key(token), self._known)[1]

    def _word(self, token: str) -> dict[str, float]:
        """Features of the token itself, independent of its neighbours (cached per form)."""
        cached = self._word_cache.get(token)
        if cached is not None:
            return cached
        key = match_key(token)
        prefix, stem = split_clitics(key, self._known)
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
        if len(self._word_cache) < 200_000:
            self._word_cache[token] = f
        return f

    def _context(self, token: str) -> dict[str, float]:
        """The subset of a token's features that its neighbours see."""
        cached = self._ctx_cache.get(token)
        if cached is not None:
            return cached
        word = self._word(token)
        keep = (
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
        ctx = {k: v for k, v in word.items() if k.startswith(keep)}
        if len(self._ctx_cache) < 200_000:
            self._ctx_cache[token] = ctx
        return ctx

    def _phrases(self, tokens: list[str]) -> list[str]:
        """B-/I- marks of multi-token gazetteer places (longest match first)."""
        marks = [""] * len(tokens)
        i = 0
        while i < len(tokens):
            for n in range(min(_MAX_PHRASE, len(tokens) - i), 1, -1):
                place = gazetteer.lookup_place(" ".join(tokens[i : i + n]))
                if place:
                    marks[i] = "B-" + place.kind
                    for j in range(i + 1, i + n):
                        marks[j] = "I-" + place.kind
                    i += n
                    break
            else:
                i += 1
        return marks

    def sentence(self, tokens: list[str]) -> list[dict[str, float]]:
        words = [self._word(t) for t in tokens]
        ctxs = [self._context(t) for t in tokens]
        phrases = self._phrases(tokens)
        cues = gazetteer.phrase_marks(tokens)
        keys = [next(k for k in w if k.startswith("w=")) for w in words]
        out = []
        n = len(tokens)
        for i in range(n):
            f = dict(words[i])
            if phrases[i]:
                f["phrase=" + phrases[i]] = 1.0
            for d in (-1, 0, 1):
                if 0 <= i + d < n and cues[i + d]:
                    f[f"{d}:cue=" + cues[i + d]] = 1.0
            for d in _WINDOW:
                j = i + d
                if 0 <= j < n:
                    for k, v in ctxs[j].items():
                        f[f"{d}:{k}"] = v
                    if phrases[j]:
                        f[f"{d}:phrase=" + phrases[j]] = 1.0
                else:
                    f[f"{d}:pad"] = 1.0
            if i > 0:
                f["bi-1=" + keys[i - 1] + "|" + keys[i]] = 1.0
            if i + 1 < n:
                f["bi+1=" + keys[i] + "|" + keys[i + 1]] = 1.0
            out.append(f)
        return out
