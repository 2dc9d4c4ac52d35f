"""Emission scores of a sentence under the CRFs, without building its feature dicts.

A token's features are its own word features, what each neighbour within two tokens shows of
itself, and a few marks of its place in the sentence (gazetteer phrases, cues, padding, word
bigrams): see ``Featurizer.sentence``. The first two depend only on the word forms, so their
summed weights are kept per form; the emissions of many sentences are then a few array additions
over all their tokens at once plus look-ups of the positional names. The result equals
``CRFStack.emissions`` of the feature dicts up to floating-point rounding (tested).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from pipeline.extract.ner.crf import CRFStack
from pipeline.extract.ner.document import kind_of, stem_occurrences
from pipeline.extract.ner.features import PAD, WINDOW, Featurizer, Layout

_CACHE_SIZE = 100_000  # word forms; 720 bytes each with two CRFs


class Scorer:
    def __init__(self, featurizer: Featurizer, stack: CRFStack):
        self._featurizer = featurizer
        self._stack = stack
        pad = [self._sum([name]) for name in PAD]
        zero = np.zeros_like(pad[0])
        # stands for the missing neighbours past a sentence's edges, one per ``WINDOW`` offset
        self._pad_row = np.stack([zero, *pad])[None]
        self._vectors = lru_cache(maxsize=_CACHE_SIZE)(self._form_vectors)
        # a first-stage label as its own token sees it, the token after it ("-1:") and before it
        # ("1:"); a last zero row stands for no such token
        self._label_vectors = [
            np.stack([*(self._sum([prefix + "s1=" + label]) for label in stack.labels), zero])
            for prefix in ("", "-1:", "1:")
        ]
        self._kinds = [kind_of(label) for label in stack.labels]
        # distinct document feature names (``occurrence_features``) and their summed weights
        self._names_ids: dict[tuple[str, ...], int] = {}
        self._names_table = np.zeros((0, *zero.shape))

    def _sum(self, names: Iterable[str]) -> np.ndarray:
        return self._stack.weights[self._stack.rows(names)].sum(axis=0)

    def _form_vectors(self, token: str) -> np.ndarray:
        """(1, 1 + neighbours, models, labels): the form's own features, then what a token sees
        of it from each ``WINDOW`` offset."""
        record = self._featurizer.record(token)
        return np.stack([self._sum(record.word), *(self._sum(n) for n in record.near)])[None]

    def emissions(self, tokens: list[str]) -> np.ndarray:
        """(tokens, models, labels) summed state weights of each token's features."""
        return self.emissions_many([self._featurizer.layout(tokens)])

    def emissions_many(self, layouts: list[Layout]) -> np.ndarray:
        """``emissions`` of non-empty sentences (their ``Featurizer.layout``) end to end: one
        array op for all of them instead of a few per sentence."""
        lengths = np.array([len(layout.tokens) for layout in layouts], dtype=np.intp)
        n = int(lengths.sum())
        vectors = np.concatenate(
            [self._vectors(t) for layout in layouts for t in layout.tokens] + [self._pad_row]
        )
        out = vectors[:n, 0].copy()
        first, stop = _bounds(lengths)
        for slot, d in enumerate(WINDOW):
            near = np.arange(d, n + d)
            near[(near < first) | (near >= stop)] = n  # past the sentence's edge: the pad row
            out += vectors[near, slot + 1]
        where, names = _positional(layouts)
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
        stems = [[self._featurizer.stem(t) for t in sent] for sent in tokens]
        out = self.documents_emissions([stems], [paths], window)
        return np.split(out, np.cumsum([len(p) for p in paths])[:-1])

    def documents_emissions(
        self,
        stems: list[list[list[str]]],
        paths: list[list[np.ndarray]],
        window: int | None = None,
    ) -> np.ndarray:
        """``document_emissions`` of several documents' non-empty sentences, given their tokens'
        stems, end to end."""
        ids = []
        for doc_stems, doc_paths in zip(stems, paths, strict=True):
            kinds = [[self._kinds[k] for k in path.tolist()] for path in doc_paths]
            for names in stem_occurrences(doc_stems, kinds, window):
                ids += self._names_rows(names)
        path = np.concatenate([p for doc_paths in paths for p in doc_paths])
        lengths = np.array([len(p) for doc_paths in paths for p in doc_paths], dtype=np.intp)
        first, stop = _bounds(lengths)
        index = np.arange(len(path))
        none = len(self._stack.labels)  # the zero row
        own, before, after = self._label_vectors
        out = own[path] + self._names_table[ids]
        # "-1:s1=" is the previous token's label, "1:s1=" the next one's
        out += before[np.where(index > first, np.roll(path, 1), none)]
        out += after[np.where(index + 1 < stop, np.roll(path, -1), none)]
        return out

    def _names_rows(self, names: list[tuple[str, ...]]) -> list[int]:
        """Rows of ``_names_table`` for document feature names, added to it when new."""
        try:
            return list(map(self._names_ids.__getitem__, names))
        except KeyError:
            for found in names:
                if found not in self._names_ids:
                    self._names_ids[found] = len(self._names_ids)
                    self._names_table = np.concatenate([self._names_table, self._sum(found)[None]])
            return list(map(self._names_ids.__getitem__, names))


def _bounds(lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each token of sentences of ``lengths`` end to end, where its sentence starts and
    stops (row indices)."""
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return first, first + np.repeat(lengths, lengths)


def _positional(layouts: list[Layout]) -> tuple[list[int], list[str]]:
    """The feature names of tokens' places in their sentences (bigrams, gazetteer phrase and cue
    marks, see ``Featurizer.sentence``) and the tokens (rows, sentences end to end) they go to,
    in the order their weights are to be added."""
    where, names = [], []
    offset = 0
    for _, _, _, _, phrases, cues, before, after in layouts:
        n = len(phrases)
        for bigrams in (before, after):
            for i in [i for i, name in enumerate(bigrams) if name]:
                where.append(offset + i)
                names.append(bigrams[i])
        for j in [j for j in range(n) if phrases[j] or cues[j]]:
            if phrases[j]:
                where.append(offset + j)
                names.append("phrase=" + phrases[j])
                for d in WINDOW:  # token i = j - d sees this phrase mark at offset d
                    if 0 <= j - d < n:
                        where.append(offset + j - d)
                        names.append(f"{d}:phrase=" + phrases[j])
            if cues[j]:
                for d in (-1, 0, 1):
                    if 0 <= j - d < n:
                        where.append(offset + j - d)
                        names.append(f"{d}:cue=" + cues[j])
        offset += n
    return where, names
