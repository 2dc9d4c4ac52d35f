"""Reproduce the shipped NER model: ``khabar train ner`` (python-crfsuite on ANERcorp train).

Only the train split is read. Two CRFs are trained with the same features: the first stage on all
of train, and (``--stack K``, default 3) a second stage that also sees first-stage labels of the
document (``document.py``); the first-stage labels of train for that come from K-fold
cross-validation. The default c1/c2 won a comparison on the last sixth of the train split held out
(see MODEL_CARD.md); ``--cv K`` repeats that comparison as K-fold cross-validation on train and
trains with the winner. A plain run reproduces the shipped artefact.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from pipeline.evaluation.ner import score_sentences
from pipeline.extract.ner.artefact import (
    CLUSTERS_FILE,
    CRF_FILE,
    FIRST_STAGE_FILE,
    FORMS_FILE,
    MODEL_DIR,
    write_forms,
)
from pipeline.extract.ner.clusters import build_clusters, save_clusters
from pipeline.extract.ner.corpus import anercorp_path, read_conll, unlabelled_sentences
from pipeline.extract.ner.document import document_features
from pipeline.extract.ner.features import Featurizer, split_clitics
from pipeline.text.normalize import match_key
from pipeline.text.tokenize import tokenize

C1 = 0.05
C2 = 0.05
MAX_ITERATIONS = 200
STACK_FOLDS = 3  # first-stage labels of train come from this many folds (0: one stage only)
DOCUMENT_WINDOW = 15  # train has no document boundaries: nearby sentences stand in for one
_MIN_FORM_COUNT = 2


def unlabelled_keys(train: list[list[tuple[str, str]]]) -> list[list[str]]:
    """Match keys of the unlabelled text: train tokens (tags unused) and the event GSR sentences."""
    sentences = [[match_key(tok) for tok, _ in s] for s in train]
    for text in unlabelled_sentences():
        sentences.append([match_key(text[a:b]) for a, b in tokenize(text)])
    return sentences


def build_representations(train):
    """Counts of word forms seen at least twice, and k-means clusters of their stems."""
    sentences = unlabelled_keys(train)
    counts = {
        w: c
        for w, c in Counter(w for s in sentences for w in s).items()
        if c >= _MIN_FORM_COUNT
    }
    stems = [[split_clitics(w, counts)[1] for w in s] for s in sentences]
    return counts, build_clusters(stems)


def fit(
    featurizer: Featurizer, sentences, path: Path, c1: float, c2: float, extra=None
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for k, sent in enumerate(sentences):
        features = featurizer.sentence([t for t, _ in sent])
        for f, e in zip(features, extra[k] if extra else (), strict=False):
            f.update(e)
        trainer.append(features, [tag for _, tag in sent])
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": MAX_ITERATIONS,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))


def predict(featurizer: Featurizer, model_path: Path, sentences) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return [tagger.tag(featurizer.sentence([t for t, _ in s])) for s in sentences]


_JOBS: list = []  # fits for the worker processes (inherited by fork, not pickled)


def _fit_job(index: int) -> None:
    fit(*_JOBS[index])


def first_stage_labels(featurizer, train, folds: int, workdir: Path, c1, c2):
    """Train the first stage on all of train, and label train by ``folds``-fold cross-validation
    (contiguous folds, so documents stay together). The fits run on two processes."""
    size = -(-len(train) // folds)
    jobs = [(featurizer, train, workdir / FIRST_STAGE_FILE, c1, c2)]
    for k in range(folds):
        rest = train[: k * size] + train[(k + 1) * size :]
        jobs.append((featurizer, rest, workdir / f"fold_{k}.crfsuite", c1, c2))
    _JOBS[:] = jobs
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_fit_job, range(len(jobs)), chunksize=1)
    _JOBS.clear()
    labels = []
    for k in range(folds):
        labels += predict(featurizer, workdir / f"fold_{k}.crfsuite", train[k * size : (k + 1) * size])
        (workdir / f"fold_{k}.crfsuite").unlink()
    return labels


def cross_validate(
    featurizer, train, folds: int, grid, workdir: Path
) -> dict[tuple[float, float], float]:
    """Micro F1 per (c1, c2), on contiguous folds of train (documents stay together)."""
    size = -(-len(train) // folds)
    results = {}
    for c1, c2 in grid:
        gold, pred = [], []
        for k in range(folds):
            held = train[k * size : (k + 1) * size]
            rest = train[: k * size] + train[(k + 1) * size :]
            path = workdir / f"cv_{c1}_{c2}_{k}.crfsuite"
            fit(featurizer, rest, path, c1, c2)
            gold += [[tag for _, tag in s] for s in held]
            pred += predict(featurizer, path, held)
        results[(c1, c2)] = score_sentences(gold, pred)["micro"]["f1"]
        print(f"c1={c1} c2={c2} cv_micro_f1={results[(c1, c2)]:.4f}", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar train ner", description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=MODEL_DIR, help="model directory to write"
    )
    parser.add_argument(
        "--train", type=Path, default=None, help="CoNLL train file (ANERcorp train)"
    )
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument(
        "--stack",
        type=int,
        default=STACK_FOLDS,
        help="folds for the first stage's train labels (0: one CRF, no second stage)",
    )
    parser.add_argument(
        "--cv", type=int, default=0, help="k folds to tune c1/c2 on train first"
    )
    args = parser.parse_args(argv)
    started = time.time()
    train = read_conll(args.train or anercorp_path("train"))
    counts, clusters = build_representations(train)
    featurizer = Featurizer(clusters, counts)
    args.out.mkdir(parents=True, exist_ok=True)
    c1, c2 = args.c1, args.c2
    if args.cv:
        grid = [(0.05, 0.05), (0.0, 0.1), (0.1, 0.01), (0.05, 0.3)]
        results = cross_validate(featurizer, train, args.cv, grid, args.out)
        for stale in args.out.glob("cv_*.crfsuite"):
            stale.unlink()
        c1, c2 = max(results, key=lambda p: (results[p], -p[0], -p[1]))
    if args.stack:
        first = first_stage_labels(featurizer, train, args.stack, args.out, c1, c2)
        tokens = [[t for t, _ in s] for s in train]
        extra = document_features(tokens, first, featurizer.stem, DOCUMENT_WINDOW)
        fit(featurizer, train, args.out / CRF_FILE, c1, c2, extra)
    else:
        (args.out / FIRST_STAGE_FILE).unlink(missing_ok=True)
        fit(featurizer, train, args.out / CRF_FILE, c1, c2)
    save_clusters(clusters, args.out / CLUSTERS_FILE)
    write_forms(counts, args.out / FORMS_FILE)
    with open(args.out / "params.json", "w", encoding="utf-8") as f:
        json.dump(
            {
                "c1": c1,
                "c2": c2,
                "max_iterations": MAX_ITERATIONS,
                "stack_folds": args.stack,
                "document_window": DOCUMENT_WINDOW,
            },
            f,
            indent=1,
        )
    print(
        f"trained c1={c1} c2={c2} in {time.time() - started:.0f}s -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
