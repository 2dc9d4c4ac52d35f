"""Wall time and peak memory of `khabar build` on the seeds and on a generated 1,000-document corpus.

Each build runs in a fresh process (the console script), measured with getrusage on the child.
Writes benchmarks/results/build.md.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
KHABAR = Path(sys.executable).with_name("khabar")


def measure(input_dir: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one build in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([str(KHABAR), "build", "--input", str(input_dir), "--output", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = write_corpus(tmp / "corpus", args.docs)
        n_bytes = sum(p.stat().st_size for p in corpus.iterdir())
        for name, folder, size in (("seeds (5 docs)", REPO / "seeds", 5), (f"generated ({args.docs} docs)", corpus, args.docs)):
            seconds, peak = measure(folder, tmp / f"out-{size}")
            rows.append((name, seconds, peak, size / seconds))
    lines = ["# `khabar build` wall time and peak memory", "",
             f"Command: `python benchmarks/build_benchmark.py --docs {args.docs}` (2-core machine; each build in a fresh process,",
             "including Python start-up and Dagster's in-process run).", "",
             "| corpus | wall time (s) | peak RSS (MiB) | documents/s |", "|---|---:|---:|---:|"]
    lines += [f"| {n} | {s:.1f} | {p:.0f} | {r:.1f} |" for n, s, p, r in rows]
    lines += ["", f"Generated corpus size: {n_bytes / 1e6:.1f} MB."]
    out = REPO / "benchmarks" / "results" / "build.md"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
