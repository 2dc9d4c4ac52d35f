"""Unsupervised word classes: k-means over SVD-reduced PPMI co-occurrence vectors of word stems.

Learned offline from unlabelled Arabic text (the NER train text and the event GSR sentences), so
the CRF can generalise from a seen name or role word to unseen words used the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

_SEED = 13
_DIMS = 100
_CONTEXTS = 3000
_MIN_COUNT = 2
LEVELS = (64, 256, 1024)


def _kmeans(
    x: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 25
) -> np.ndarray:
    centres = x[rng.choice(len(x), size=k, replace=False)]
    for _ in range(iterations):
        # cosine k-means: rows of x are unit vectors, so the best centre has the largest dot product
        assign = np.argmax(x @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = centres[empty]
        norms[empty] = 1.0
        centres = sums / norms
    return np.argmax(x @ centres.T, axis=1)


def build_clusters(sentences: Iterable[list[str]]) -> dict[str, tuple[str, ...]]:
    """Map each stem seen at least twice to its cluster id at each granularity in ``LEVELS``."""
    sentences = [s for s in sentences if s]
    counts = Counter(w for s in sentences for w in s)
    vocab = sorted(
        (w for w, c in counts.items() if c >= _MIN_COUNT), key=lambda w: (-counts[w], w)
    )
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, w in enumerate(vocab[:_CONTEXTS])}
    cooc = np.zeros((len(vocab), 2 * len(contexts)), dtype=np.float32)
    offset = len(contexts)
    for s in sentences:
        for i, w in enumerate(s):
            row = index.get(w)
            if row is None:
                continue
            for j in (i - 2, i - 1):
                if j >= 0 and s[j] in contexts:
                    cooc[row, contexts[s[j]]] += 1.0
            for j in (i + 1, i + 2):
                if j < len(s) and s[j] in contexts:
                    cooc[row, offset + contexts[s[j]]] += 1.0
    total = cooc.sum()
    row_p = cooc.sum(axis=1, keepdims=True) / total
    col_p = (
        cooc.sum(axis=0, keepdims=True) ** 0.75
    )  # context smoothing as in word2vec/PPMI work
    col_p /= col_p.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((cooc / total) / (row_p * col_p))
    ppmi = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0, neginf=0.0).astype(
        np.float32
    )
    # truncated SVD through the small Gram matrix: right singular vectors, then project the rows
    gram = ppmi.T @ ppmi
    values, vectors = np.linalg.eigh(gram.astype(np.float64))
    top = vectors[:, np.argsort(values)[::-1][:_DIMS]].astype(np.float32)
    emb = ppmi @ top
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    emb /= norms
    rng = np.random.default_rng(_SEED)
    labels = [_kmeans(emb, min(k, len(vocab)), rng) for k in LEVELS]
    return {w: tuple(str(int(level[i])) for level in labels) for w, i in index.items()}


def save_clusters(clusters: dict[str, tuple[str, ...]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(
            word + "\t" + "\t".join(clusters[word]) + "\n" for word in sorted(clusters)
        )


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    clusters = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, *ids = line.rstrip("\n").split("\t")
            clusters[word] = tuple(ids)
    return clusters
