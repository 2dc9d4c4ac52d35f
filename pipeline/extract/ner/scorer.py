"""Emission scores of a sentence under the CRFs, without building its feature dicts.

A token's features are its own word features, what each neighbour within two tokens shows of
itself, and a few marks of its place in the sentence (gazetteer phrases, cues, padding, word
bigrams): see ``Featurizer.sentence``. The first two depend only on the word forms, so their
summed weights are kept per form; a sentence's emissions are then a few array additions plus
look-ups of the positional names. The result equals ``CRFStack.emissions`` of the feature dicts
up to floating-point rounding (tested).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from pipeline.extract.ner.crf import CRFStack
from pipeline.extract.ner.document import occurrence_features
from pipeline.extract.ner.features import PAD, WINDOW, Featurizer

_CACHE_SIZE = 100_000  # word forms; 720 bytes each with two CRFs


class Scorer:
    def __init__(self, featurizer: Featurizer, stack: CRFStack):
        self._featurizer = featurizer
        self._stack = stack
        self._pad = [self._sum([pad]) for pad in PAD]
        self._vectors = lru_cache(maxsize=_CACHE_SIZE)(self._form_vectors)
        # a first-stage label as its own token sees it, the token after it ("-1:") and before it ("1:")
        self._label_vectors = [
            np.stack([self._sum([prefix + "s1=" + label]) for label in stack.labels])
            for prefix in ("", "-1:", "1:")
        ]
        self._names_vector = lru_cache(maxsize=None)(self._sum)

    def _sum(self, names: Iterable[str]) -> np.ndarray:
        return self._stack.weights[self._stack.rows(names)].sum(axis=0)

    def _form_vectors(self, token: str) -> np.ndarray:
        """(1 + neighbours, models, labels): the form's own features, then what a token sees
        of it from each ``WINDOW`` offset."""
        record = self._featurizer.record(token)
        return np.stack([self._sum(record.word), *(self._sum(n) for n in record.near)])

    def emissions(self, tokens: list[str]) -> np.ndarray:
        """(tokens, models, labels) summed state weights of each token's features."""
        n = len(tokens)
        _, phrases, cues, before, after = self._featurizer.layout(tokens)
        vectors = np.stack([self._vectors(t) for t in tokens])
        out = vectors[:, 0].copy()
        for slot, d in enumerate(WINDOW):
            lo, hi = max(0, -d), min(n, n - d)  # tokens whose neighbour at d exists
            out[lo:hi] += vectors[lo + d : hi + d, slot + 1]
            out[:lo] += self._pad[slot]
            out[hi:] += self._pad[slot]
        where, names = [], []
        for i in range(1, n):
            if before[i]:
                where.append(i)
                names.append(before[i])
            if after[i - 1]:
                where.append(i - 1)
                names.append(after[i - 1])
        for j in range(n):
            if phrases[j]:
                where.append(j)
                names.append("phrase=" + phrases[j])
                for d in WINDOW:  # token i = j - d sees this phrase mark at offset d
                    if 0 <= j - d < n:
                        where.append(j - d)
                        names.append(f"{d}:phrase=" + phrases[j])
            if cues[j]:
                for d in (-1, 0, 1):
                    if 0 <= j - d < n:
                        where.append(j - d)
                        names.append(f"{d}:cue=" + cues[j])
        if names:
            np.add.at(out, where, self._stack.weights[self._stack.rows(names)])
        return out

    def document_emissions(
        self,
        tokens: list[list[str]],
        paths: list[np.ndarray],
        window: int | None = None,
    ) -> list[np.ndarray]:
        """Per sentence, the summed weights of ``document.document_features`` given the
        first-stage label paths (label indices) of a document's sentences."""
        own, before, after = self._label_vectors
        labels = [[self._stack.labels[k] for k in path] for path in paths]
        out = []
        for path, names in zip(
            paths, occurrence_features(tokens, labels, self._featurizer.stem, window), strict=True
        ):
            e = own[path] + np.stack([self._names_vector(n) for n in names])
            e[1:] += before[path[:-1]]  # "-1:s1=" is the previous token's label
            e[:-1] += after[path[1:]]
            out.append(e)
        return out
