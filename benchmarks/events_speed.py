"""Event extraction speed: sentences/s (``detect`` on GSR sentences) and documents/s
(``extract_events`` on the seed articles, after cleaning, splitting and NER outside the timer).

Run: ``.venv/bin/python benchmarks/events_speed.py``; writes benchmarks/results/events_speed.md.
"""

from __future__ import annotations

import csv
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.evaluation.events import prepare  # noqa: E402
from pipeline.extract.events import detect, extract_events  # noqa: E402


def _gsr_sentences() -> list[str]:
    shared = Path(os.environ.get("KHABAR_SHARED", REPO.parent / "shared"))
    folder = shared / "data" / "events" / "arabic_event_gsr_dev"
    sentences: list[str] = []
    for path in sorted(folder.glob("*_gsr_dev.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            sentences += [row["text"] for row in csv.DictReader(fh)]
    return sentences


def _best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    sentences = _gsr_sentences()
    detect(sentences[0])  # load lexicon and model outside the timer
    sentence_time = _best_of(3, lambda: [detect(s) for s in sentences])

    seeds = sorted((REPO / "seeds").glob("*.txt"))
    prepared = [(doc.text, doc.sentences, doc.mentions) for doc in map(prepare, seeds)]
    n_sent = sum(len(s) for _, s, _ in prepared)
    doc_time = _best_of(5, lambda: [extract_events(t, s, m, None) for t, s, m in prepared])

    lines = [
        "# Event extraction speed",
        "",
        f"Command: `.venv/bin/python benchmarks/events_speed.py` (best of several runs, one process, "
        f"Python {platform.python_version()}, {platform.machine()}).",
        "",
        "| workload | items | seconds | rate |",
        "|---|---|---|---|",
        f"| `detect` on GSR sentences (one sentence alone each) | {len(sentences)} sentences "
        f"| {sentence_time:.2f} | {len(sentences) / sentence_time:,.0f} sentences/s |",
        f"| `extract_events` on the seed articles (clean text, sentences and NER mentions "
        f"prepared outside the timer) | {len(prepared)} documents, {n_sent} sentences "
        f"| {doc_time:.3f} | {len(prepared) / doc_time:,.0f} documents/s "
        f"({n_sent / doc_time:,.0f} sentences/s) |",
        "",
    ]
    out = REPO / "benchmarks" / "results" / "events_speed.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
