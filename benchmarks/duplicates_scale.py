"""Corpus-wide copy detection (the publish phase's ``document_duplicates``): time and memory against
corpus size. Writes benchmarks/results/duplicates.md.

Each size is cut into batches of 1,000 documents; a tenth of the documents copy an earlier one (a few
words changed, or the same text), some of them in an earlier batch. The batches' sketches are made
first, as the per-batch cleaning stage stores them; the timed part is ``corpus_copies`` over all of
them, which reads texts back only for documents whose signatures collide.

    python benchmarks/duplicates_scale.py [--sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import polars as pl

from pipeline.tables.documents import corpus_copies, sketch_frame
from pipeline.text.dedup import sketches_of

RESULT = Path(__file__).resolve().parent / "results" / "duplicates.md"
BATCH = 1_000
VOCABULARY = [f"كلمة{i}" for i in range(5_000)]


def corpus(n: int, seed: int = 3) -> dict[str, list[tuple[str, str]]]:
    """{batch: [(doc_id, text)]}: random 150-400-word texts, a tenth of them copies of earlier ones."""
    rng = random.Random(seed)
    texts: list[str] = []
    batches: dict[str, list[tuple[str, str]]] = {}
    for i in range(n):
        if texts and rng.random() < 0.1:
            words = rng.choice(texts).split()
            for _ in range(rng.randrange(4)):
                words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
            text = " ".join(words)
        else:
            text = " ".join(rng.choices(VOCABULARY, k=rng.randint(150, 400)))
        texts.append(text)
        batches.setdefault(f"b{i // BATCH:05d}", []).append((f"{rng.getrandbits(64):016x}", text))
    return batches


def _rss_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mib() -> float:
    """This process's peak RSS since it was started: VmHWM belongs to the address space (exec starts a new
    one), while getrusage's ru_maxrss survives exec and would report the parent's peak at fork time."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_batches(n: int, folder: Path) -> None:
    """Each batch's sketches and texts as Parquet files, as the pipeline's storage holds them."""
    for key, docs in corpus(n).items():
        sketch_frame(sketches_of(sorted(docs))).write_parquet(folder / f"sketches-{key}.parquet")
        pl.DataFrame(docs, schema=["doc_id", "clean_text"], orient="row").write_parquet(folder / f"texts-{key}.parquet")


def _timed_run(folder: str) -> dict:
    """In a fresh process: corpus_copies over the stored batches, scanned lazily."""
    keys = sorted(p.name[len("sketches-"):-len(".parquet")] for p in Path(folder).glob("sketches-*.parquet"))
    sketches = {k: pl.scan_parquet(Path(folder) / f"sketches-{k}.parquet") for k in keys}
    texts = {k: pl.scan_parquet(Path(folder) / f"texts-{k}.parquet") for k in keys}
    before = _rss_mib()
    start = time.perf_counter()
    found = corpus_copies(sketches, texts)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss_before": before, "peak": _peak_mib(),
            "copies": found.height, "exact": int(found["duplicate_of"].is_not_null().sum())}


def measure(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        write_batches(n, Path(tmp))
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            return {"n": n, **pool.submit(_timed_run, tmp).result()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    rows = []
    for n in sorted(args.sizes):
        rows.append(measure(n))
        print(rows[-1], flush=True)
    lines = [
        "# Corpus-wide copy detection",
        "",
        f"Command: `python benchmarks/duplicates_scale.py --sizes {' '.join(map(str, args.sizes))}` "
        f"(Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; load average after "
        "the run: " + " ".join(f"{x:.1f}" for x in os.getloadavg()) + ").",
        "",
        "| documents | batches | `corpus_copies` seconds | RSS before (MiB) | peak RSS (MiB) | copies found | of them exact |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        *(f"| {r['n']:,} | {-(-r['n'] // BATCH)} | {r['seconds']:.1f} | {r['rss_before']:.0f} | {r['peak']:.0f} "
          f"| {r['copies']:,} | {r['exact']:,} |" for r in rows),
        "",
        "Each size runs in a fresh process reading the batches' Parquet files lazily; RSS before: that "
        "process with its imports, before `corpus_copies`. The documents are random word sequences (not articles): what is "
        "measured is the scan of the sketches, the banding and the Jaccard checks of colliding pairs.",
        "",
    ]
    RESULT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
