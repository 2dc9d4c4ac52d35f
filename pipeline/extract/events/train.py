"""Train the ASSAULT / PROTEST sentence classifier on the development half of the Arabic event GSR.

    python -m pipeline.extract.events.train [--gsr DIR] [--out FILE]

Reads ``<type>_gsr_dev.csv`` and keeps only the rows of the development half
(``pipeline.evaluation.events.split_of(id) == "dev"``), without the ``ambiguous`` ones; rows
whose text also occurs in the held-out half are left out too (the held-out half is read for
that comparison only, never for its labels). ``yes`` is positive, ``easy no`` / ``difficult
no`` negative. Features come from ``classifier.features`` on the sentence alone, exactly as
``detect`` sees it.

Model: L2-regularised logistic regression (C = 1, classes weighted to balance), fitted with
scipy's L-BFGS from zero weights over features seen in at least two training sentences;
weights below 0.005 in absolute value are dropped from the shipped file.
Threshold: the probability cut with the best mean F1 over three repetitions of five-fold
cross-validation inside the development half (folds fixed by sha256 of the row id,
stratified), where, as at run time, only sentences with an asserted rule trigger of the type
can be positive. Everything is deterministic: the same files give the same JSON.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.events import classifier

C = 1.0
MIN_DF = 2
FOLDS = 5
REPEATS = 3
PRUNE = 0.005  # weights smaller than this are left out of the shipped model
_REPO = Path(__file__).resolve().parents[3]


@dataclass
class Row:
    id: str
    label: str
    y: int
    feats: dict[str, float]

    @property
    def candidate(self) -> bool:
        """The rules found an asserted event of the type (the classifier can only confirm)."""
        return "r_n" in self.feats


def default_gsr_dir() -> Path:
    shared = Path(os.environ.get("KHABAR_SHARED", _REPO.parent / "shared"))
    return shared / "data" / "events" / "arabic_event_gsr_dev"


def development_rows(path: Path, event_type: str) -> list[Row]:
    """The development half of one GSR file, featurised (held-out labels are never read)."""
    from pipeline.evaluation.events import split_of
    from pipeline.extract.events.extract import classifier_features
    from pipeline.text.normalize import match_key

    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    heldout_texts = {match_key(r["text"]) for r in rows if split_of(r["id"]) != "dev"}
    out = []
    for r in rows:
        if split_of(r["id"]) != "dev":
            continue
        label = r["label"].strip()
        if label == "ambiguous" or match_key(r["text"]) in heldout_texts:
            continue
        out.append(Row(r["id"], label, int(label == "yes"), classifier_features(r["text"], event_type)))
    return out


def _matrix(rows: list[Row], vocab: dict[str, int]):
    from scipy import sparse

    ind: list[int] = []
    ptr = [0]
    val: list[float] = []
    for r in rows:
        for f, v in sorted(r.feats.items()):
            j = vocab.get(f)
            if j is not None:
                ind.append(j)
                val.append(v)
        ptr.append(len(ind))
    return sparse.csr_matrix((val, ind, ptr), shape=(len(rows), len(vocab)))


def fit(rows: list[Row], c: float = C, min_df: int = MIN_DF) -> tuple[dict[str, float], float]:
    """Weights by feature name, and the bias."""
    import numpy as np
    from scipy import optimize

    df: dict[str, int] = {}
    for r in rows:
        for f in r.feats:
            df[f] = df.get(f, 0) + 1
    names = sorted(f for f, n in df.items() if n >= min_df)
    vocab = {f: j for j, f in enumerate(names)}
    x = _matrix(rows, vocab)
    y = np.array([r.y for r in rows], dtype=float)
    n, m = x.shape
    pos = y.sum()
    sw = np.where(y == 1, n / (2 * pos), n / (2 * (n - pos)))

    def loss(wb):
        w, b = wb[:m], wb[m]
        z = x @ w + b
        nll = (sw * (np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y))).sum()
        g = sw * (1 / (1 + np.exp(-z)) - y)
        return nll + 0.5 / c * (w @ w), np.r_[x.T @ g + w / c, g.sum()]

    res = optimize.minimize(loss, np.zeros(m + 1), jac=True, method="L-BFGS-B",
                            options={"maxiter": 5000, "gtol": 1e-8})
    w = res.x
    weights = {f: round(float(w[j]), 4) for f, j in vocab.items() if abs(w[j]) >= PRUNE}
    return weights, round(float(w[m]), 4)


def _prob(weights: dict[str, float], bias: float, feats: dict[str, float]) -> float:
    import math

    z = bias + sum(weights.get(f, 0.0) * v for f, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _folds(rows: list[Row], repeat: int) -> list[int]:
    """Stratified fold of each row, fixed by sha256 of its id and the repetition."""
    order = sorted(range(len(rows)), key=lambda i: hashlib.sha256(
        f"khabar-events-cv:{repeat}:{rows[i].id}".encode()).hexdigest())
    fold = [0] * len(rows)
    seen = [0, 0]
    for i in order:
        fold[i] = seen[rows[i].y] % FOLDS
        seen[rows[i].y] += 1
    return fold


def _prf(rows: list[Row], scores: list[float], cut: float) -> tuple[float, float, float]:
    tp = sum(1 for r, s in zip(rows, scores) if r.y and r.candidate and s >= cut)
    fp = sum(1 for r, s in zip(rows, scores) if not r.y and r.candidate and s >= cut)
    fn = sum(r.y for r in rows) - tp
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return p, rec, (2 * p * rec / (p + rec) if p + rec else 0.0)


def cross_validate(rows: list[Row]) -> list[list[float]]:
    """Out-of-fold probabilities, one list per repetition."""
    runs = []
    for repeat in range(REPEATS):
        fold = _folds(rows, repeat)
        scores = [0.0] * len(rows)
        for k in range(FOLDS):
            weights, bias = fit([r for r, f in zip(rows, fold) if f != k])
            for i, (r, f) in enumerate(zip(rows, fold)):
                if f == k:
                    scores[i] = _prob(weights, bias, r.feats)
        runs.append(scores)
    return runs


def choose_threshold(rows: list[Row], runs: list[list[float]]) -> tuple[float, dict]:
    best: tuple[float, float, float] | None = None
    for step in range(5, 96):
        cut = step / 100
        f1 = sum(_prf(rows, s, cut)[2] for s in runs) / len(runs)
        key = (round(f1, 6), -abs(cut - 0.5), cut)
        if best is None or key > best:
            best = key
    cut = best[2]
    figures = [_prf(rows, s, cut) for s in runs]
    mean = [round(sum(f[i] for f in figures) / len(figures), 4) for i in range(3)]
    return cut, {"precision": mean[0], "recall": mean[1], "f1": mean[2],
                 "f1_per_repeat": [round(f[2], 4) for f in figures]}


def train(gsr_dir: Path | None = None, out: Path | None = None, log=print) -> dict:
    gsr_dir = gsr_dir or default_gsr_dir()
    model: dict = {
        "format": 1,
        "model": "logistic regression, L2, C=%g, balanced class weights, features with df >= %d"
                 % (C, MIN_DF),
        "features": {"text": "w:word s:stem c:char %d-%d-grams of match keys, binary, 1/sqrt(n) per block"
                             % classifier.CHAR_NGRAMS,
                     "groups": "g:NAME for classifier.WORD_GROUPS found in the sentence; scaled %g"
                               % classifier.GROUP_WEIGHT,
                     "rules": "r0..r%d max-pooled calibrate.features, r_n, t:TYPE; scaled %g"
                              % (classifier.N_RULE - 1, classifier.RULE_WEIGHT)},
        "trained_on": "development half of the Arabic event GSR dev files: rows with "
                      "pipeline.evaluation.events.split_of(id) == 'dev', not ambiguous, text not "
                      "also in the held-out half",
        "types": {},
    }
    for event_type in classifier.CLASSIFIED_TYPES:
        rows = development_rows(gsr_dir / f"{event_type.lower()}_gsr_dev.csv", event_type)
        cut, cv = choose_threshold(rows, cross_validate(rows))
        weights, bias = fit(rows)
        model["types"][event_type] = {
            "threshold": cut, "bias": bias,
            "rows": len(rows), "positives": sum(r.y for r in rows),
            "cv": cv, "weights": dict(sorted(weights.items())),
        }
        log(f"{event_type}: rows={len(rows)} positives={sum(r.y for r in rows)} "
            f"features={len(weights)} threshold={cut} cv precision={cv['precision']:.3f} "
            f"recall={cv['recall']:.3f} f1={cv['f1']:.3f} {cv['f1_per_repeat']}")
    target = out or classifier.MODEL_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    classifier.reload()
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.extract.events.train",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--gsr", type=Path, default=None, help="folder of *_gsr_dev.csv files")
    parser.add_argument("--out", type=Path, default=None, help=f"default {classifier.MODEL_FILE}")
    args = parser.parse_args(argv)
    train(args.gsr, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
