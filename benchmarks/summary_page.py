"""Cost of the release's visual summary page on large synthetic tables.

Builds events, quotes, entities and document tables of the given sizes (fixed seed; dates spread over
three years plus some historical background events, speakers drawn from a long-tailed pool), then
times ``summary_metadata`` and ``render_summary`` and reports the page size. With ``--chromium`` it
also times a headless Chromium load (``--dump-dom``) and saves a screenshot next to the page.
Writes benchmarks/results/summary_page.md.

    .venv/bin/python benchmarks/summary_page.py [--docs 100000] [--events 1000000] [--quotes 300000]
        [--entities 50000] [--chromium] [--out /tmp/summary-bench]
"""

from __future__ import annotations

import argparse
import datetime
import platform
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

from pipeline.release.summary import explorer_quotes, render_summary, summary_metadata, write_summary
from schemas import TABLES, to_frame
from schemas._common import ENTITY_TYPES
from schemas.events import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[1]
RESULT = ROOT / "benchmarks" / "results" / "summary_page.md"
FIRST = ["محمد", "أحمد", "علي", "عبد الله", "خالد", "فاطمة",
         "مريم", "يوسف", "سامح", "ليلى", "عمر", "نادية"]
LAST = ["العتيبي", "شكري", "الحسيني", "المصري", "بن سلمان",
        "الخطيب", "حداد", "عيسى", "الزعبي", "السوداني"]
CUES = ["قال", "أكد", "أضاف", "أوضح", "أشار", "صرح", "أعلن", "نفى", "حذر", "طالب"]
START = datetime.date(2023, 1, 1)


def hex_ids(prefix: str, n: int) -> pl.Series:
    return pl.Series([f"{prefix}{i:015x}"[-16:] for i in range(n)], dtype=pl.Utf8)


def synthetic_tables(docs: int, events: int, quotes: int, entities: int, seed: int = 7) -> dict:
    rng = np.random.default_rng(seed)
    doc_ids = hex_ids("d", docs)
    published = [START + datetime.timedelta(days=int(d)) for d in rng.integers(0, 3 * 365, docs)]
    clean = pl.DataFrame({"doc_id": doc_ids, "title": [f"عنوان المقال رقم {i}" for i in range(docs)],
                          "published_date": published})
    clean = pl.concat([to_frame([], TABLES["clean_documents"][0]), clean], how="diagonal_relaxed")

    names = [f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}" for i in range(entities)]
    zipf = np.minimum(rng.zipf(1.6, entities), docs)
    ents = pl.DataFrame({
        "entity_id": hex_ids("e", entities), "canonical_name": names,
        "entity_type": [ENTITY_TYPES[i] for i in rng.integers(0, len(ENTITY_TYPES), entities)],
        "mention_count": (zipf * 2).astype(np.int64), "doc_count": zipf.astype(np.int64),
    })
    ents = pl.concat([to_frame([], TABLES["entities"][0]), ents], how="diagonal_relaxed")

    speaker = np.minimum(rng.zipf(1.4, quotes), entities) - 1
    linked = rng.random(quotes) < 0.7
    q = pl.DataFrame({
        "quote_id": hex_ids("q", quotes), "doc_id": doc_ids.gather(rng.integers(0, docs, quotes)),
        "text": [f"نص الاقتباس رقم {i} عن الوضع الراهن" for i in range(quotes)],
        "kind": [("direct", "indirect", "mixed")[k] for k in rng.choice(3, quotes, p=[0.5, 0.4, 0.1])],
        "cue_lemma": [CUES[c] for c in rng.integers(0, len(CUES), quotes)],
        "speaker_text": [names[s] if s < entities else None for s in speaker],
        "speaker_entity_id": [f"e{s:015x}"[-16:] if ok else None for s, ok in zip(speaker, linked)],
        "char_start": np.zeros(quotes, dtype=np.int64),
    }).join(clean.select("doc_id", "published_date"), on="doc_id", how="left")
    q = pl.concat([to_frame([], TABLES["quotes"][0]), q], how="diagonal_relaxed")

    offsets = rng.integers(0, 3 * 365, events)
    historical = rng.random(events) < 0.02
    dated = rng.random(events) < 0.6
    ev = pl.DataFrame({
        "event_id": hex_ids("v", events), "doc_id": doc_ids.gather(rng.integers(0, docs, events)),
        "event_type": [PLOVER_TYPES[t] for t in rng.integers(0, len(PLOVER_TYPES), events)],
        "event_date": [
            (datetime.date(1990 + int(o) % 30, 1, 1) if h else START + datetime.timedelta(days=int(o))) if d else None
            for o, h, d in zip(offsets, historical, dated)
        ],
    })
    ev = pl.concat([to_frame([], TABLES["events"][0]), ev], how="diagonal_relaxed")
    # Only the heights of the other tables reach the page.
    counts = {"sentences": docs * 20, "entity_mentions": docs * 30, "quarantine": docs // 100}
    tables = {name: to_frame([], model) for name, (model, _) in TABLES.items()}
    tables.update({name: pl.DataFrame({"id": pl.zeros(n, dtype=pl.Int8, eager=True)})
                   for name, n in counts.items()})
    tables.update(clean_documents=clean, entities=ents, quotes=q, events=ev)
    return tables


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--quotes", type=int, default=300_000)
    ap.add_argument("--entities", type=int, default=50_000)
    ap.add_argument("--chromium", action="store_true")
    ap.add_argument("--out", type=Path, default=None, help="folder for summary.html (default: a temp dir)")
    args = ap.parse_args()

    tables = synthetic_tables(args.docs, args.events, args.quotes, args.entities)
    manifest = {"name": "khabar", "version": "9.9.9", "profile": "full", "code_version": "bench"}
    t0 = time.perf_counter()
    summary_metadata(tables)
    t1 = time.perf_counter()
    page = render_summary(tables, manifest)
    t2 = time.perf_counter()
    out = args.out or Path(tempfile.mkdtemp(prefix="summary-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    path = write_summary(out, tables, manifest)
    lines = [
        "# Visual summary page",
        "",
        (f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
         f"polars {pl.__version__}."),
        (f"Input: {args.docs:,} documents, {args.events:,} events, {args.quotes:,} quotes, "
         f"{args.entities:,} entities (synthetic, seed 7)."),
        "",
        "| step | seconds |",
        "|---|---|",
        f"| summary_metadata | {t1 - t0:.2f} |",
        f"| render_summary (includes the metadata) | {t2 - t1:.2f} |",
    ]
    browser = shutil.which("chromium")
    if args.chromium and browser:
        flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={out / 'chromium-profile'}"]
        t3 = time.perf_counter()
        subprocess.run([*flags, "--dump-dom", path.as_uri()], capture_output=True, check=True, timeout=120)
        t4 = time.perf_counter()
        subprocess.run([*flags, f"--screenshot={out / 'summary.png'}", "--window-size=1280,2200",
                        "--hide-scrollbars", path.as_uri()], capture_output=True, check=True, timeout=120)
        lines.append(f"| Chromium headless load + dump DOM (process start included) | {t4 - t3:.2f} |")
    lines += ["", f"Page: {len(page.encode()) / 1e6:.2f} MB with {len(explorer_quotes(tables)):,} quotes embedded.",
              "", "    .venv/bin/python benchmarks/summary_page.py"
              + (" --chromium" if args.chromium else "")]
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"\npage: {path}")


if __name__ == "__main__":
    main()
