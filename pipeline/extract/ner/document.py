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
            kinds[st].append(label[2:] if label != "O" else "O")
    whole = {st: Counter(k) for st, k in kinds.items()} if window is None else None
    out = []
    for s, (sent, labs) in enumerate(zip(stems, labels, strict=True)):
        feats = []
        for i, st in enumerate(sent):
            f = {"s1=" + labs[i]: 1.0}
            for d in (-1, 1):
                if 0 <= i + d < len(sent):
                    f[f"{d}:s1=" + labs[i + d]] = 1.0
            if whole is not None:
                others = whole[st].copy()
            else:
                lo = bisect_left(where[st], s - window)
                hi = bisect_right(where[st], s + window)
                others = Counter(kinds[st][lo:hi])
            own = labs[i][2:] if labs[i] != "O" else "O"
            others[own] -= 1  # the token itself is not one of the other occurrences
            total = sum(others.values())
            entity = {k: v for k, v in others.items() if k != "O" and v > 0}
            if not total:
                f["dsingle"] = 1.0
            elif not entity:
                f["donly_o"] = 1.0
            else:
                f["dmaj=" + max(sorted(entity), key=entity.__getitem__)] = 1.0
                share = sum(entity.values()) / total
                f["dfrac=" + str(min(4, int(share * 4)))] = 1.0
            feats.append(f)
        out.append(feats)
    return out
