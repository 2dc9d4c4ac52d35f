"""Peak memory of entity resolution: the whole corpus at once (before streaming) against resolve_batches.

Base documents: ``--base`` articles from corpus.py, cleaned, split into sentences and tagged once (NER
is the slow part). A corpus of N documents repeats them under new doc ids, and every copy gets a
sentence naming one person no other document names, so the per-anchor state grows with the corpus as
new names do in real news (faster here: a new name in every document). The corpus is written as one
pair of parquet files (mentions, doc_id + clean_text) per batch of ``--batch`` documents, as the
batch-partitioned assets store them. Each measurement runs in a fresh process:

- old: ``resolve_tables`` of ``--old-rev`` (the code before streaming) on all batches concatenated,
  as the entities asset did;
- resolve_tables: this tree's, on the same concatenated frames (it streams them through
  ``resolve_batches`` in slices of 500 documents);
- streamed: this tree's ``resolve_batches``, reading one batch file at a time; once more on copies
  without the new person, to tell per-batch memory from the per-anchor state new names add.

Memory is the process's peak RSS (VmHWM, reset after a warm-up on five documents that loads the
lexicons and gazetteer) above its RSS at that point, input loading included.
The old and streamed tables are compared, so the figures are for the same output.
Writes benchmarks/results/resolution_memory.md.

    python benchmarks/resolution_memory.py --sizes 2000 10000 40000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
MODES = ("old", "resolve_tables", "streamed")
_SYLLABLES = ["با", "تو", "ري", "سا", "كو", "لي", "مو", "نا", "فو", "زي", "دا", "هي", "جو", "شا", "طو", "غي"]
_GIVEN = ["سامر", "رامي", "كريم", "ناصر", "هاني", "وليد", "ماهر", "فادي", "جمال", "عادل"]


def _status_mib(field: str) -> float:
    """VmRSS (now) or VmHWM (peak since the last reset) of this process, in MiB."""
    with open("/proc/self/status") as f:
        kib = next(int(line.split()[1]) for line in f if line.startswith(f"{field}:"))
    return kib / 1024


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as f:  # "5" resets VmHWM to the current RSS (Linux)
        f.write("5")


def _new_person(k: int) -> str:
    """A two-word name unique to copy ``k`` (up to 16**4 copies)."""
    family = "".join(_SYLLABLES[(k >> shift) & 15] for shift in (12, 8, 4, 0))
    return f"{_GIVEN[k % len(_GIVEN)]} {family}"


def base_documents(n: int, tmp: Path):
    """(mentions, clean) of ``n`` generated articles through the pipeline's stages."""
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import write_corpus

    from pipeline.ingest import ingest_folder
    from pipeline.tables.documents import clean_documents_tables
    from pipeline.tables.entities import mention_table
    from pipeline.tables.sentences import sentences_table

    clean = clean_documents_tables(ingest_folder(write_corpus(tmp / "articles", n)).documents).clean
    return mention_table(clean, sentences_table(clean), workers=1), clean.select("doc_id", "clean_text")


def write_corpus_batches(mentions, clean, size: int, batch: int, out: Path, new_names: bool = True) -> int:
    """``size`` documents (copies of the base ones, each with its own new person unless not ``new_names``)
    in batch files; the mention count."""
    import polars as pl

    out.mkdir(parents=True)
    by_doc = mentions.partition_by("doc_id", as_dict=True)
    base = clean.rows()
    total = 0
    for b, first in enumerate(range(0, size, batch)):
        texts, parts = [], []
        for k in range(first, min(size, first + batch)):
            doc_id, text = base[k % len(base)]
            new_id, name = f"{k:016x}", _new_person(k)
            extra = f"\n\nوقال {name} إن الاجتماع انتهى." if new_names else ""
            start = len(text) + extra.find(name)
            person = {**dict.fromkeys(mentions.columns), "char_start": start, "char_end": start + len(name), "text": name,
                      "entity_type": "PERSON", "adjectival": False, "confidence": 1.0, "extractor": "benchmark"}
            rows = pl.concat([by_doc.get((doc_id,), mentions.clear()),
                              pl.DataFrame([person] if new_names else [], schema=mentions.schema)])
            parts.append(rows.with_columns(doc_id=pl.lit(new_id)))
            texts.append((new_id, text + extra))
        frame = pl.concat(parts).with_columns(  # unique ids; their form does not matter to resolution
            mention_id=pl.concat_str("doc_id", "char_start", "char_end", "entity_type", separator=":"))
        total += frame.height
        frame.write_parquet(out / f"{b:05d}.mentions.parquet")
        pl.DataFrame(texts, schema={"doc_id": pl.Utf8, "clean_text": pl.Utf8}, orient="row").write_parquet(
            out / f"{b:05d}.clean.parquet")
    return total


def child(mode: str, data: Path, out: Path) -> None:
    """One measurement (run in a fresh process with the tree to measure first on PYTHONPATH)."""
    import polars as pl

    from pipeline.tables import entities

    files = sorted(data.glob("*.mentions.parquet"))
    pairs = [(f, f.with_name(f.name.replace(".mentions.", ".clean."))) for f in files]
    # Warm up on a few documents: lexicons and gazetteer load once, whatever the corpus size.
    few = pl.read_parquet(pairs[0][1]).head(5)
    entities.resolve_tables(pl.read_parquet(pairs[0][0]).filter(pl.col("doc_id").is_in(few["doc_id"].to_list())), few.rows())
    _reset_peak()
    before, start = _status_mib("VmRSS"), time.perf_counter()
    if mode == "streamed":
        links, ents = entities.resolve_batches(lambda: ((pl.read_parquet(m), pl.read_parquet(c)) for m, c in pairs))
    else:  # the whole corpus in one call, as the entities asset gave it
        mentions = pl.concat([pl.read_parquet(m) for m, _ in pairs])
        clean = pl.concat([pl.read_parquet(c) for _, c in pairs])
        linked, ents = entities.resolve_tables(mentions, clean.rows())
        links = linked.select("mention_id", "entity_id", "link_reason").sort("mention_id")
    seconds = time.perf_counter() - start
    peak = _status_mib("VmHWM")
    links.write_parquet(out / "links.parquet")
    ents.write_parquet(out / "entities.parquet")
    print(json.dumps({"seconds": seconds, "before": before, "peak": peak}))


def measure(mode: str, tree: Path, data: Path, out: Path) -> dict:
    out.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    proc = subprocess.run([sys.executable, __file__, "--child", mode, str(data), str(out)],
                          capture_output=True, text=True, check=True, env=env, cwd=tree)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def same_tables(a: Path, b: Path) -> bool:
    import polars as pl
    from polars.testing import assert_frame_equal

    for name in ("links.parquet", "entities.parquet"):
        assert_frame_equal(pl.read_parquet(a / name), pl.read_parquet(b / name))
    return True


def report(rows: list[dict], args) -> str:
    lines = [
        "# Entity resolution memory: whole corpus against streamed batches",
        "",
        f"Command: `python benchmarks/resolution_memory.py --sizes {' '.join(map(str, args.sizes))} --base {args.base} "
        f"--batch {args.batch} --old-rev {args.old_rev}` ({platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}).",
        "",
        f"Copies of {args.base} generated articles (benchmarks/corpus.py, tagged by the NER), each with one "
        f"person no other document names; batches of {args.batch:,} documents. Peak RSS above the RSS after "
        "imports and a warm-up on five documents (MiB), input loading included; each run in a fresh process. "
        "*old* is `resolve_tables` before streaming on the concatenated batches (as the entities asset calls it), "
        "*resolve_tables* this tree's on the same frames, *streamed* `resolve_batches` reading one batch file at "
        "a time, and *streamed, no new names* the same on copies without the added person. Old and streamed "
        "tables are identical at every size.",
        "",
        "| documents | mentions | old: MiB / s | resolve_tables: MiB / s | streamed: MiB / s | streamed, no new names: MiB / s |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        cells = [f"{r[m]['peak'] - r[m]['before']:,.0f} / {r[m]['seconds']:.1f}" for m in (*MODES, "no new names")]
        lines.append(f"| {r['size']:,} | {r['mentions']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000, 40000])
    parser.add_argument("--base", type=int, default=500, help="generated articles the corpus copies")
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--old-rev", default="97b3c84", help="the commit before streamed resolution")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="khabar-resmem-") as name:
        tmp = Path(name)
        old = tmp / "old-tree"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.old_rev], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        mentions, clean = base_documents(args.base, tmp)
        for size in args.sizes:
            data = tmp / f"corpus-{size}"
            row = {"size": size, "mentions": write_corpus_batches(mentions, clean, size, args.batch, data)}
            for mode in MODES:
                row[mode] = measure(mode, old if mode == "old" else REPO, data, tmp / f"out-{size}-{mode}")
                print(size, mode, row[mode], flush=True)
            same_tables(tmp / f"out-{size}-old", tmp / f"out-{size}-streamed")
            plain = tmp / f"corpus-{size}-plain"
            write_corpus_batches(mentions, clean, size, args.batch, plain, new_names=False)
            row["no new names"] = measure("streamed", REPO, plain, tmp / f"out-{size}-plain")
            print(size, "no new names", row["no new names"], flush=True)
            rows.append(row)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "resolution_memory.md").write_text(report(rows, args), encoding="utf-8")
    print(report(rows, args))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
