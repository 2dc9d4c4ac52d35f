"""NER speed on one core: model load time and tokens per second through the document tagger.

Text: the event GSR sentences in the shared data (news sentences the model was not tagged on),
grouped into 20-sentence documents. Run: ``.venv/bin/python benchmarks/ner_speed.py``.
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

from pipeline.extract.ner import artefact
from pipeline.extract.ner.corpus import unlabelled_sentences
from pipeline.extract.ner.tagger import Tagger
from pipeline.text.tokenize import tokenize

RESULTS = Path(__file__).with_name("results") / "ner_speed.md"
DOC_SENTENCES = 20


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    started = time.perf_counter()
    model = artefact.load_model()
    tagger = Tagger(model)
    tagger.tag(
        "زار الرئيس بغداد.", [(0, 17)]
    )  # first call also builds the gazetteer indexes
    load_seconds = time.perf_counter() - started

    sentences = list(unlabelled_sentences())
    docs = []
    for k in range(0, len(sentences), DOC_SENTENCES):
        chunk = sentences[k : k + DOC_SENTENCES]
        text = "\n".join(chunk)
        bounds, offset = [], 0
        for s in chunk:
            bounds.append((offset, offset + len(s)))
            offset += len(s) + 1
        docs.append((text, bounds))
    tokens = sum(len(tokenize(text)) for text, _ in docs)

    rates = []  # (wall, CPU) tokens per second; the first pass also fills the per-form caches
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        mentions = sum(len(tagger.tag(text, bounds)) for text, bounds in docs)
        rates.append(
            (tokens / (time.perf_counter() - wall), tokens / (time.process_time() - cpu))
        )
    cold, warm = rates[0], [max(column) for column in zip(*rates[1:])]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    report = (
        "# NER speed\n\n"
        f"Measured with `.venv/bin/python benchmarks/ner_speed.py` on one core ({platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}).\n"
        f"Load average at the end of the run: {load}. Other jobs share the machine, so the CPU-time\n"
        "rate (tokens per CPU second of this process) is the steadier figure.\n\n"
        "| measure | value |\n|---|---|\n"
        f"| model load time (CRF, clusters, word forms, gazetteer indexes) | {load_seconds:.2f} s |\n"
        f"| documents / sentences / tokens | {len(docs)} / {len(sentences)} / {tokens} |\n"
        f"| mentions emitted | {mentions} |\n"
        f"| tokens per second, first pass (cold caches): wall / CPU | {cold[0]:,.0f} / {cold[1]:,.0f} |\n"
        f"| tokens per second, best of two more passes (warm): wall / CPU | {warm[0]:,.0f} / {warm[1]:,.0f} |\n\n"
        "Throughput covers tokenizing, features, CRF decoding with marginals, document-level label\n"
        "propagation and the mapping to dataset mentions (gazetteer look-ups included).\n"
    )
    RESULTS.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
