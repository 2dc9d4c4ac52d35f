"""Quote extraction speed: documents per second of ``extract_quotes`` on prepared documents.

Documents are the five seeds plus generated articles (``corpus.make_article``, fixed seed). Each is
cleaned, split into sentences and tagged once beforehand; only ``extract_quotes`` is timed, best of
three passes. Writes benchmarks/results/quotes_speed.md.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_article, paragraphs  # noqa: E402

from pipeline.extract.ner import load_tagger  # noqa: E402
from pipeline.extract.quotes import extract_quotes  # noqa: E402
from pipeline.text.clean import RawDoc, clean_corpus  # noqa: E402
from pipeline.text.segment import split_sentences  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def prepare(n_generated: int) -> list[tuple[str, list[tuple[int, int]], list]]:
    rng = random.Random(7)
    heads, body = paragraphs()
    raw = [RawDoc(p.stem, p.read_text(encoding="utf-8"), "txt") for p in sorted((REPO / "seeds").glob("*.txt"))]
    raw += [RawDoc(f"gen{i}", make_article(rng, heads, body), "txt") for i in range(n_generated)]
    tagger = load_tagger()
    docs = []
    for result in clean_corpus(raw):
        sentences = [(s.start, s.end) for s in split_sentences(result.clean_text)]
        docs.append((result.clean_text, sentences, tagger.tag(result.clean_text, sentences)))
    return docs


def best_rate(docs, with_mentions: bool) -> tuple[float, int]:
    best, found = 0.0, 0
    for _ in range(3):
        start = time.perf_counter()
        found = sum(len(extract_quotes(t, s, m if with_mentions else [])) for t, s, m in docs)
        best = max(best, len(docs) / (time.perf_counter() - start))
    return best, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=300, help="generated documents besides the seeds")
    args = parser.parse_args()
    docs = prepare(args.docs)
    chars = sum(len(t) for t, _, _ in docs)
    variants = (("with NER mentions", True), ("without mentions", False))
    rows = [(label, *best_rate(docs, flag)) for label, flag in variants]
    lines = ["# Quote extraction speed", "",
             f"Command: `.venv/bin/python benchmarks/quotes_speed.py --docs {args.docs}` — {len(docs)} documents "
             f"(5 seeds + {args.docs} generated), {chars / len(docs):,.0f} characters on average; cleaning, "
             "sentence splitting and NER done beforehand, only `extract_quotes` timed (best of 3, one process).", "",
             "| input | documents/s | quotes found |", "|---|---:|---:|"]
    lines += [f"| {label} | {rate:,.0f} | {found} |" for label, rate, found in rows]
    load = os.getloadavg()[0]
    lines += ["", f"Machine: {os.cpu_count()} CPUs, 1-minute load average {load:.1f} when measured "
              "(other jobs share the machine; the figure is a lower bound)."]
    out = REPO / "benchmarks" / "results" / "quotes_speed.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
