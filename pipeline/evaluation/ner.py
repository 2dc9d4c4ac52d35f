"""``khabar eval ner --conll FILE``: entity-level (conlleval-style) scores of the shipped NER model.

Scores are exact span + type matches in ANERcorp's own label space (PERS, LOC, ORG, MISC); the
tokens of the file are tagged as given, so no tokenizer difference enters the figure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DOCUMENT_WINDOW = (
    15  # sentences either side; chosen on a held-out part of the train split
)


def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` of an IOB2 sequence, read as conlleval reads them.

    An I- tag that does not continue a chunk of its own type starts a new chunk.
    """
    spans = set()
    start, kind = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, this = tag.partition("-") if tag != "O" else ("O", "", "")
        continues = prefix == "I" and this == kind and start is not None
        if start is not None and not continues:
            spans.add((start, i, kind))
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = i, this
    return spans


def _prf(correct: int, gold: int, pred: int) -> dict[str, float]:
    p = correct / pred if pred else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "gold": gold,
        "pred": pred,
        "correct": correct,
    }


def score_sentences(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Per-type and micro-averaged precision, recall and F1 over sentence-aligned tag lists."""
    counts: dict[str, list[int]] = {}
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g, p = chunks(g_tags), chunks(p_tags)
        for span_set, slot in ((g, 1), (p, 2), (g & p, 0)):
            for _, _, kind in span_set:
                counts.setdefault(kind, [0, 0, 0])[slot] += 1
    per_type = {kind: _prf(*c) for kind, c in sorted(counts.items())}
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"per_type": per_type, "micro": _prf(*total)}


def format_scores(scores: dict) -> str:
    lines = [
        f"{'type':<6} {'precision':>9} {'recall':>7} {'f1':>7} {'gold':>6} {'pred':>6}"
    ]
    for kind, s in scores["per_type"].items():
        lines.append(
            f"{kind:<6} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f} {s['gold']:>6} {s['pred']:>6}"
        )
    m = scores["micro"]
    lines.append(
        f"{'micro':<6} {m['precision']:>9.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} {m['gold']:>6} {m['pred']:>6}"
    )
    lines.append(f"micro_f1={m['f1']:.4f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar eval ner", description=__doc__)
    parser.add_argument(
        "--conll", type=Path, required=True, help="CoNLL file of TOKEN TAG lines (IOB2)"
    )
    args = parser.parse_args(argv)
    from pipeline.extract.ner import (
        load_model,  # the model is only needed to tag, not to score
    )
    from pipeline.extract.ner.corpus import read_conll

    sentences = read_conll(args.conll)
    model = load_model()
    gold = [[tag for _, tag in s] for s in sentences]
    # The file has no document boundaries: nearby sentences stand in for the document.
    pred, _ = model.tag_document(
        [[tok for tok, _ in s] for s in sentences], window=DOCUMENT_WINDOW
    )
    print(format_scores(score_sentences(gold, pred)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
