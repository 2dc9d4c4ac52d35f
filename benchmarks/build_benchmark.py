"""`khabar build` at several corpus sizes: time, memory, per-stage figures and incremental runs.

For each size N the generated corpus (benchmarks/corpus.py: real paragraphs recombined with site
furniture, some windows-1256 and HTML) is written in batch folders of ``--batch`` documents, then:

1. a first build into a fresh output folder;
2. the same build again with nothing changed (a no-op);
3. one more batch of ``--batch`` documents added, and a build (only that batch runs).

Every build runs in a fresh process (the console script) under GNU time, which gives the peak RSS of
the largest process (the build or one of its workers). Per-stage seconds and peak RSS come from the
stages' progress lines (time summed over batches, RSS the largest). Writes benchmarks/results/build.md
and benchmarks/results/build_scaling.svg.

    python benchmarks/build_benchmark.py --docs 1000 10000 [--batch 1000]
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
KHABAR = Path(sys.executable).with_name("khabar")
STAGE_LINE = re.compile(r"\d\d:\d\d:\d\d (?P<stage>[\w +]+?)(?: \[[^\]]+\])?: [\d,]+/[\d,]+ documents \(100%\), "
                        r"[\d,.]+ docs/s, done in (?P<time>[\d.hms]+)(?:, peak RSS (?P<rss>[\d,]+) MiB)?"
                        r"(?: \(\+ (?P<workers>[\d,]+) MiB in worker processes\))?")


def _seconds(text: str) -> float:
    total = 0.0
    for value, unit in re.findall(r"([\d.]+)([hms])", text):
        total += float(value) * {"h": 3600, "m": 60, "s": 1}[unit]
    return total


def run_build(input_dir: Path, out: Path) -> dict:
    """Wall seconds, peak RSS (MiB) and per-stage (seconds, RSS) of one build in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M", str(KHABAR), "build", "--input", str(input_dir),
                           "--output", str(out)], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    peak = int(re.search(r"MAXRSS (\d+)", proc.stderr).group(1)) / 1024
    stages: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for m in STAGE_LINE.finditer(proc.stderr):
        stage = stages[m["stage"]]
        stage[0] += _seconds(m["time"])
        stage[1] = max(stage[1], float((m["rss"] or "0").replace(",", "")))
        stage[2] = max(stage[2], float((m["workers"] or "0").replace(",", "")))
    return {"seconds": seconds, "peak": peak, "stages": dict(stages)}


def bench(size: int, batch: int, tmp: Path) -> dict:
    corpus = write_corpus(tmp / f"corpus-{size}", size + batch, batch_size=batch)
    extra = sorted(corpus.iterdir())[-1]
    held_back = shutil.move(str(extra), tmp / extra.name)
    megabytes = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
    out = tmp / f"out-{size}"
    first = run_build(corpus, out)
    noop = run_build(corpus, out)
    shutil.move(held_back, corpus / extra.name)
    added = run_build(corpus, out)
    return {"size": size, "mb": megabytes, "first": first, "noop": noop, "added": added}


def svg(rows: list[dict]) -> str:
    """Seconds and peak RSS of the first build against corpus size (both axes linear)."""
    w, h, pad = 480, 260, 50
    max_n = max(r["size"] for r in rows)
    series = [("seconds", "#1f77b4", [r["first"]["seconds"] for r in rows]),
              ("peak RSS (MiB)", "#d62728", [r["first"]["peak"] for r in rows])]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
             f'<line x1="{pad}" y1="{h - pad}" x2="{w - 10}" y2="{h - pad}" stroke="black"/>',
             f'<line x1="{pad}" y1="10" x2="{pad}" y2="{h - pad}" stroke="black"/>',
             f'<text x="{w // 2}" y="{h - 15}" text-anchor="middle">documents (first build)</text>']
    for r in rows:
        x = pad + (w - pad - 10) * r["size"] / max_n
        parts.append(f'<text x="{x:.0f}" y="{h - pad + 14}" text-anchor="middle">{r["size"]:,}</text>')
    for k, (name, colour, values) in enumerate(series):
        top = max(values) or 1
        points = " ".join(f'{pad + (w - pad - 10) * r["size"] / max_n:.0f},{h - pad - (h - pad - 20) * v / top:.0f}'
                          for r, v in zip(rows, values))
        parts.append(f'<polyline points="{pad},{h - pad} {points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text x="{pad + 10}" y="{20 + 14 * k}" fill="{colour}">{name} (max {top:,.0f})</text>')
    return "\n".join(parts + ["</svg>"]) + "\n"


def report(rows: list[dict], batch: int, command: str) -> str:
    lines = ["# `khabar build` at scale", "",
             f"Command: `{command}` ({platform.machine()}, {len(__import__('os').sched_getaffinity(0))} CPUs, "
             f"Python {platform.python_version()}). Batches of {batch:,} documents; each build in a fresh process.",
             "", "| documents | MB | first build (s) | docs/s | MB/s | peak RSS (MiB) | no-op rebuild (s) | speed-up | "
             f"+{batch:,} docs (s) |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        f, n, a = r["first"], r["noop"], r["added"]
        lines.append(f"| {r['size']:,} | {r['mb']:.1f} | {f['seconds']:.1f} | {r['size'] / f['seconds']:.1f} | "
                     f"{r['mb'] / f['seconds']:.2f} | {f['peak']:.0f} | {n['seconds']:.1f} | "
                     f"{f['seconds'] / n['seconds']:.0f}x | {a['seconds']:.1f} |")
    lines += ["", "Per stage, first build (seconds summed over batches; peak RSS of the build process during the stage, "
              "+ the peaks of its worker processes, added up):",
              "", "| stage | " + " | ".join(f"{r['size']:,} docs: s / MiB + workers" for r in rows) + " |",
              "|---|" + "---:|" * len(rows)]
    stages = list(dict.fromkeys(s for r in rows for s in r["first"]["stages"]))
    for stage in stages:
        cells = []
        for r in rows:
            sec, rss, workers = r["first"]["stages"].get(stage, (0.0, 0.0, 0.0))
            cells.append(f"{sec:.0f} / {rss:.0f}" + (f" + {workers:.0f}" if workers else ""))
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines += ["", "![time and memory against corpus size](build_scaling.svg)", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.docs:
            rows.append(bench(size, args.batch, Path(tmp)))
            print(rows[-1], flush=True)
    command = f"python benchmarks/build_benchmark.py --docs {' '.join(map(str, args.docs))} --batch {args.batch}"
    text = report(rows, args.batch, command)
    (RESULTS / "build.md").write_text(text, encoding="utf-8")
    (RESULTS / "build_scaling.svg").write_text(svg(rows), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
