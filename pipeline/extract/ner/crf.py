"""Linear-chain CRF decoding in numpy, from python-crfsuite model files.

python-crfsuite trains the models; tagging with it means converting every token's feature dict
into a crfsuite item and decoding one sentence per call, which took half of the NER stage's time.
Here the emission scores of a whole sentence are summed from a weight matrix in one step, and
Viterbi and forward-backward run over many sentences at once (Viterbi over all of them,
forward-backward in groups of similar length), with the same arithmetic as crfsuite's CRF1d
(state and transition features only; the first best path wins a tie). Weights are read as
doubles from the model file, so labels and marginals match crfsuite's up to floating-point
rounding (tested).
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


def _dump_names(dump: str, section: str) -> list[str]:
    """The names of a dump's LABELS or ATTRIBUTES section, by id (lines ``  id: name``)."""
    body = dump.partition(f"\n{section} = {{\n")[2].partition("\n}\n")[0]
    names = []
    for line in body.split("\n"):
        number, _, name = line.lstrip(" ").partition(": ")
        if int(number) != len(names):
            raise ValueError(f"crfsuite dump: unexpected {section} line {line!r}")
        names.append(name)
    return names


@dataclass(frozen=True)
class LinearCRF:
    labels: tuple[str, ...]
    attributes: tuple[str, ...]  # by crfsuite attribute id
    state: np.ndarray  # (attributes, labels) weights
    transition: np.ndarray  # (labels, labels): from row label to column label

    @classmethod
    def read(cls, path: Path) -> LinearCRF:
        """A crfsuite CRF1d model file: names from crfsuite's own dump, weights from the file's
        feature chunk (the dump prints them with six decimals only)."""
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        with tempfile.TemporaryDirectory() as tmp:
            tagger.dump(str(Path(tmp) / "model.txt"))
            dump = (Path(tmp) / "model.txt").read_text(encoding="utf-8")
        tagger.close()
        labels, attributes = _dump_names(dump, "LABELS"), _dump_names(dump, "ATTRIBUTES")
        data = Path(path).read_bytes()
        magic, _, kind, _, _, n_labels, n_attrs, offset = struct.unpack_from("<4sI4sIIIII", data)
        chunk, _, count = struct.unpack_from("<4sII", data, offset)
        if (magic, kind, chunk) != (b"lCRF", b"FOMC", b"FEAT") or (n_labels, n_attrs) != (
            len(labels),
            len(attributes),
        ):
            raise ValueError(f"{path}: not a crfsuite CRF1d model this reader knows")
        features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=offset + 12)
        state = np.zeros((n_attrs, n_labels))
        transition = np.zeros((n_labels, n_labels))
        for kind_id, matrix in ((_STATE, state), (_TRANSITION, transition)):
            rows = features[features["type"] == kind_id]
            matrix[rows["src"], rows["dst"]] = rows["weight"]
        return cls(tuple(labels), tuple(attributes), state, transition)


class CRFStack:
    """CRFs with the same labels, scored together: one look-up of a feature name gives its
    weights in every model. Emissions have shape (tokens, models, labels)."""

    def __init__(self, crfs: Sequence[LinearCRF]):
        self.labels = crfs[0].labels
        names: dict[str, int] = {}
        for crf in crfs:
            for name in crf.attributes:
                names.setdefault(name, len(names))
        # the last row stays zero: the weight of a name no model knows
        weights = np.zeros((len(names) + 1, len(crfs), len(self.labels)))
        transitions = np.zeros((len(crfs), len(self.labels), len(self.labels)))
        for m, crf in enumerate(crfs):
            order = [crf.labels.index(label) for label in self.labels]
            rows = [names[name] for name in crf.attributes]
            weights[rows, m] = crf.state[:, order]
            transitions[m] = crf.transition[np.ix_(order, order)]
        self.names = names
        self.weights = weights
        self.transitions = transitions
        self._unknown = len(names)

    def rows(self, names: Iterable[str]) -> list[int]:
        """Rows of ``weights`` for feature names (a zero row for a name no model knows)."""
        get, unknown = self.names.get, self._unknown
        return [get(name, unknown) for name in names]

    def emissions(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        """Summed state weights of each token's binary features: (tokens, models, labels)."""
        rows = self.rows(name for f in features for name in f)
        starts = np.zeros(len(features), dtype=np.intp)
        np.cumsum([len(f) for f in features[:-1]], out=starts[1:])
        if len(rows) == 0:
            return np.zeros((len(features), *self.weights.shape[1:]))
        return np.add.reduceat(self.weights[rows], starts, axis=0)


_GROUP = 64  # sentences of forward-backward together; sorted by length for little padding


def _groups(emissions: Sequence[np.ndarray]) -> list[list[int]]:
    order = sorted(range(len(emissions)), key=lambda b: len(emissions[b]))
    return [order[k : k + _GROUP] for k in range(0, len(order), _GROUP)]


def _padded(emissions: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.array([len(e) for e in emissions], dtype=np.intp)
    batch = np.zeros((len(emissions), int(lengths.max()), emissions[0].shape[-1]))
    for b, e in enumerate(emissions):
        batch[b, : len(e)] = e
    return batch, lengths


def _in_groups(emissions: Sequence[np.ndarray], decode) -> list:
    """``decode(group)`` for groups of sentence indices of similar length, in input order."""
    out: list = [None] * len(emissions)
    for group in _groups(emissions):
        for b, found in zip(group, decode(group), strict=True):
            out[b] = found
    return out


def viterbi(emissions: Sequence[np.ndarray], transition: np.ndarray) -> list[np.ndarray]:
    """The best label path (label indices) of each sentence; ``emissions[b]`` is (tokens, labels)
    with at least one token.

    All sentences are decoded together, one token position at a time; at position t only the
    sentences longer than t are stepped, so no padding is decoded. Scores are kept labels first,
    tokens second, so that every array op runs along the tokens of many sentences at once.
    """
    if not emissions:
        return []
    order = sorted(range(len(emissions)), key=lambda b: -len(emissions[b]))
    lengths = np.array([len(emissions[b]) for b in order])
    # the tokens by position, then by sentence (longest first): at position t, the sentences
    # longer than t, ``longer[t]`` of them, are columns ``at[t]`` on
    starts = np.cumsum(lengths) - lengths
    positions = np.arange(lengths.sum()) - np.repeat(starts, lengths)
    by_position = np.argsort(positions, kind="stable")
    longer = np.bincount(positions).tolist()
    at = np.cumsum([0, *longer]).tolist()
    # the best score of a path to each label of each token, from the token's emissions
    score = np.ascontiguousarray(np.concatenate([emissions[b] for b in order])[by_position].T)
    for t in range(1, len(longer)):
        k = longer[t]
        previous = score[:, at[t - 1] : at[t - 1] + k]
        best = (previous[:, None, :] + transition[:, :, None]).max(axis=0)  # [to, b]
        np.add(best, score[:, at[t] : at[t] + k], out=score[:, at[t] : at[t] + k])
    # a sentence's path ends in the best label at its last token, and steps back to the label
    # before it that its best score came from (the first one on a tie, as crfsuite)
    last = np.array(at)[lengths - 1] + np.arange(len(lengths))  # each sentence's last token
    label = score[:, last].argmax(axis=0)
    labels = np.empty(len(positions), dtype=np.intp)
    for t in range(len(longer) - 1, 0, -1):
        k = longer[t]
        labels[at[t] : at[t] + k] = label[:k]
        previous = score[:, at[t - 1] : at[t - 1] + k]
        label[:k] = (previous + transition[:, label[:k]]).argmax(axis=0)
    labels[: longer[0]] = label
    path = np.empty_like(labels)
    path[by_position] = labels
    out: list = [None] * len(emissions)
    for b, start, stop in zip(order, starts.tolist(), (starts + lengths).tolist(), strict=True):
        out[b] = path[start:stop]
    return out


def marginals(
    emissions: Sequence[np.ndarray], transition: np.ndarray, paths: Sequence[np.ndarray]
) -> list[np.ndarray]:
    """The marginal probability of each token's label on ``paths`` (forward-backward, scaled)."""
    return _in_groups(
        emissions,
        lambda g: _marginals([emissions[b] for b in g], transition, [paths[b] for b in g]),
    )


def _total(a: np.ndarray) -> np.ndarray:
    """``a.sum(axis=1, keepdims=True)`` without its python wrapper (called once a token)."""
    return np.add.reduce(a, axis=1, keepdims=True)


def _marginals(
    emissions: Sequence[np.ndarray], transition: np.ndarray, paths: Sequence[np.ndarray]
) -> list[np.ndarray]:
    batch, lengths = _padded(emissions)
    size, steps, n = batch.shape
    # exp of scores shifted per token: the shift cancels in every marginal
    expo = np.exp(batch - batch.max(axis=2, keepdims=True))
    trans = np.exp(transition)
    back = trans.T
    alpha = np.empty_like(expo)
    alpha[:, 0] = expo[:, 0] / expo[:, 0].sum(axis=1, keepdims=True)
    for t in range(1, steps):
        a = (alpha[:, t - 1] @ trans) * expo[:, t]
        np.divide(a, _total(a), out=alpha[:, t])
    beta = np.ones_like(expo)  # 1 at each sentence's end and past it
    inside = (np.arange(steps) < lengths[:, None])[..., None]  # [b, t, 1]
    for t in range(steps - 2, -1, -1):
        b = (expo[:, t + 1] * beta[:, t + 1]) @ back
        b /= _total(b)
        np.copyto(beta[:, t], b, where=inside[:, t + 1])
    joint = alpha * beta
    joint /= joint.sum(axis=2, keepdims=True)
    # each token's marginal of its label on its path, sentences end to end
    ends = np.cumsum(lengths)
    tokens = np.arange(ends[-1]) - np.repeat(ends - lengths, lengths)
    found = joint[np.repeat(np.arange(size), lengths), tokens, np.concatenate(paths)]
    return [found[a:b] for a, b in zip([0, *ends[:-1].tolist()], ends.tolist())]
