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


def _kind(label: str) -> str:
    return label[2:] if label != "O" else "O"


def _others(kinds: list[str], own: str) -> dict[str, float]:
    """Features from how the other occurrences of a stem were labelled, given the first-stage
    types of all its occurrences (``own``, the token's type, among them)."""
    if len(kinds) == 1:
        return {"dsingle": 1.0}
    others = Counter(kinds)
    others[own] -= 1  # the token itself is not one of the other occurrences
    entity = {k: v for k, v in others.items() if k != "O" and v > 0}
    if not entity:
        return {"donly_o": 1.0}
    share = sum(entity.values()) / (len(kinds) - 1)
    return {
        "dmaj=" + max(sorted(entity), key=entity.__getitem__): 1.0,
        "dfrac=" + str(min(4, int(share * 4))): 1.0,
    }


def document_features(
    tokens: list[list[str]],
    labels: list[list[str]],
    stem: Callable[[str], str],
    window: int | None = None,
) -> list[list[dict[str, float]]]:
    """Per token, features from first-stage ``labels`` of its document.

    ``window`` limits the other occurrences looked at to that many sentences either side (for
    files without document boundaries); ``None`` uses the whole document.
    """
    stems = [[stem(t) for t in sent] for sent in tokens]
    # per stem, its occurrences in sentence order: sentence indices and first-stage types
    where: dict[str, list[int]] = defaultdict(list)
    kinds: dict[str, list[str]] = defaultdict(list)
    for s, (sent, labs) in enumerate(zip(stems, labels, strict=True)):
        for st, label in zip(sent, labs, strict=True):
            where[st].append(s)
            kinds[st].append(_kind(label))
    # with the whole document in view the features only depend on (stem, own type)
    seen: dict[tuple[str, str], dict[str, float]] = {}
    out = []
    for s, (sent, labs) in enumerate(zip(stems, labels, strict=True)):
        feats = []
        first = ["s1=" + label for label in labs]
        for i, st in enumerate(sent):
            f = {first[i]: 1.0}
            if i > 0:
                f["-1:" + first[i - 1]] = 1.0
            if i + 1 < len(sent):
                f["1:" + first[i + 1]] = 1.0
            own = _kind(labs[i])
            if window is None:
                others = seen.get((st, own))
                if others is None:
                    others = seen[st, own] = _others(kinds[st], own)
            else:
                lo = bisect_left(where[st], s - window)
                hi = bisect_right(where[st], s + window)
                others = _others(kinds[st][lo:hi], own)
            f.update(others)
            feats.append(f)
        out.append(feats)
    return out
