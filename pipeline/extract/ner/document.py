"""Second-stage features from a first-pass tagging of the whole document (Krishnan & Manning 2006).

News repeats its names. The first-stage CRF tags each sentence alone; the second stage sees, for
every token, the first-stage label of that token and of its neighbours, and how the other
occurrences of the same stem were labelled in the document (majority entity type, share tagged as
an entity). At training time the first-stage labels come from cross-validation on the train split,
so the second stage learns how far to trust them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache


_SINGLE = ("dsingle",)


def kind_of(label: str) -> str:
    """The entity type of an IOB2 label ("O" for none)."""
    return label[2:] if label != "O" else "O"


@lru_cache(maxsize=1 << 14)  # most stems recur with the same few type sequences
def _others(kinds: tuple[str, ...], own: str) -> tuple[str, ...]:
    """Feature names from how the other occurrences of a stem were labelled, given the
    first-stage types of all its occurrences (``own``, the token's type, among them)."""
    if len(kinds) == 1:
        return _SINGLE
    others = Counter(kinds)
    others[own] -= 1  # the token itself is not one of the other occurrences
    entity = {k: v for k, v in others.items() if k != "O" and v > 0}
    if not entity:
        return ("donly_o",)
    share = sum(entity.values()) / (len(kinds) - 1)
    return (
        "dmaj=" + max(sorted(entity), key=entity.__getitem__),
        "dfrac=" + str(min(4, int(share * 4))),
    )


def occurrence_features(
    tokens: list[list[str]],
    labels: list[list[str]],
    stem: Callable[[str], str],
    window: int | None = None,
) -> list[list[tuple[str, ...]]]:
    """Per token, the feature names of how the other occurrences of its stem were labelled.

    ``window`` limits the other occurrences looked at to that many sentences either side (for
    files without document boundaries); ``None`` uses the whole document.
    """
    stems = [[stem(t) for t in sent] for sent in tokens]
    return stem_occurrences(stems, [[kind_of(label) for label in labs] for labs in labels], window)


def stem_occurrences(
    stems: list[list[str]], kinds: list[list[str]], window: int | None = None
) -> list[list[tuple[str, ...]]]:
    """``occurrence_features`` from the tokens' stems and first-stage types ("O", "PERS" ...)."""
    # per stem, the first-stage types of its occurrences in sentence order
    types: dict[str, list[str]] = defaultdict(list)
    for sent, own in zip(stems, kinds, strict=True):
        for st, kind in zip(sent, own, strict=True):
            types[st].append(kind)
    if window is None:
        # with the whole document in view the names only depend on (stem, own type)
        seen: dict[tuple[str, str], tuple[str, ...]] = {}
        for st, found in types.items():
            if len(found) == 1:  # most stems: spare the call
                seen[st, found[0]] = _SINGLE
            else:
                found = tuple(found)
                for kind in set(found):
                    seen[st, kind] = _others(found, kind)
        return [[seen[pair] for pair in zip(sent, own)] for sent, own in zip(stems, kinds)]
    where: dict[str, list[int]] = defaultdict(list)  # and the sentences they are in
    for s, sent in enumerate(stems):
        for st in sent:
            where[st].append(s)
    out = []
    for s, (sent, own) in enumerate(zip(stems, kinds)):
        names = []
        for st, kind in zip(sent, own):
            lo = bisect_left(where[st], s - window)
            hi = bisect_right(where[st], s + window)
            names.append(_others(tuple(types[st][lo:hi]), kind))
        out.append(names)
    return out


def document_features(
    tokens: list[list[str]],
    labels: list[list[str]],
    stem: Callable[[str], str],
    window: int | None = None,
) -> list[list[dict[str, float]]]:
    """Per token, features from first-stage ``labels`` of its document: its own and its
    neighbours' labels, then ``occurrence_features``."""
    out = []
    for labs, others in zip(labels, occurrence_features(tokens, labels, stem, window), strict=True):
        first = ["s1=" + label for label in labs]
        feats = []
        for i, names in enumerate(others):
            f = {first[i]: 1.0}
            if i > 0:
                f["-1:" + first[i - 1]] = 1.0
            if i + 1 < len(first):
                f["1:" + first[i + 1]] = 1.0
            f.update(dict.fromkeys(names, 1.0))
            feats.append(f)
        out.append(feats)
    return out
