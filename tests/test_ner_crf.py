"""The numpy CRF decoder against python-crfsuite, on a model trained here on random data."""

import random

import numpy as np
import pycrfsuite
import pytest

from pipeline.extract.ner.crf import CRFStack, LinearCRF, marginals, viterbi

LABELS = ["O", "B-X", "I-X", "B-Y"]


def _sequence(rng: random.Random, length: int):
    """Tokens with a few of 30 binary features each; the labels follow the features loosely."""
    items, labels = [], []
    for _ in range(length):
        names = sorted({f"f{rng.randrange(30)}" for _ in range(rng.randint(1, 4))})  # not in hash order
        items.append(dict.fromkeys(names, 1.0))
        labels.append(LABELS[sum(int(n[1:]) for n in names) % len(LABELS)])
    return items, labels


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    rng = random.Random(7)
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(60):
        trainer.append(*_sequence(rng, rng.randint(1, 12)))
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 30, "feature.possible_transitions": True})
    path = tmp_path_factory.mktemp("crf") / "toy.crfsuite"
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return LinearCRF.read(path), tagger


def test_weights_are_read_from_the_model_file(model):
    crf, tagger = model
    info = tagger.info()
    assert set(crf.labels) == set(LABELS) == set(info.labels)
    assert set(crf.attributes) == set(info.attributes)
    for (attr, label), weight in info.state_features.items():  # the dump's six decimals
        assert crf.state[crf.attributes.index(attr), crf.labels.index(label)] == pytest.approx(weight, abs=1e-6)
    for (a, b), weight in info.transitions.items():
        assert crf.transition[crf.labels.index(a), crf.labels.index(b)] == pytest.approx(weight, abs=1e-6)


def test_paths_and_marginals_equal_crfsuite_on_unseen_sequences(model):
    crf, tagger = model
    stack = CRFStack([crf])
    rng = random.Random(11)
    # lengths from 1 to 40, with unknown feature names mixed in, decoded in one call
    sequences = [_sequence(rng, rng.randint(1, 40))[0] for _ in range(150)]
    for items in sequences[::3]:
        items[0]["never_seen"] = 1.0
    emissions = [stack.emissions(items)[:, 0] for items in sequences]
    paths = viterbi(emissions, stack.transitions[0])
    found = marginals(emissions, stack.transitions[0], paths)
    ties = 0
    for items, path, probabilities in zip(sequences, paths, found, strict=True):
        expected = tagger.tag(items)
        ours = [stack.labels[k] for k in path]
        if ours != expected:
            # Two best paths with the same score (this toy model has exact ties): crfsuite may keep
            # either, since its sums run in another order; ours must be as probable under crfsuite.
            assert tagger.probability(ours) == pytest.approx(tagger.probability(expected), rel=1e-9, abs=0)
            ties += 1
        np.testing.assert_allclose(
            probabilities, [tagger.marginal(y, i) for i, y in enumerate(ours)], rtol=0, atol=1e-12
        )
    assert ties <= 3  # ties are rare: the paths are compared label by label almost everywhere


def test_two_models_share_one_lookup_with_labels_aligned(model):
    crf, _ = model
    # the same model with its labels in reverse order: the stack aligns them to the first one
    order = list(reversed(range(len(crf.labels))))
    flipped = LinearCRF(
        tuple(crf.labels[k] for k in order), crf.attributes, crf.state[:, order], crf.transition[np.ix_(order, order)]
    )
    stack = CRFStack([crf, flipped])
    items = _sequence(random.Random(3), 9)[0]
    e = stack.emissions(items)
    assert e.shape == (9, 2, len(crf.labels))
    np.testing.assert_array_equal(e[:, 0], e[:, 1])
    np.testing.assert_array_equal(stack.transitions[0], stack.transitions[1])


def test_sentences_decoded_together_get_the_paths_they_get_alone(model):
    crf, _ = model
    stack = CRFStack([crf])
    rng = random.Random(5)
    emissions = [stack.emissions(_sequence(rng, rng.randint(1, 30))[0])[:, 0] for _ in range(80)]
    paths = viterbi(emissions, stack.transitions[0])
    for e, path in zip(emissions, paths, strict=True):
        np.testing.assert_array_equal(path, viterbi([e], stack.transitions[0])[0])
