"""Throughput of cleaning + sentence segmentation on a synthetic corpus built from the seeds.

Each document recombines real paragraphs of the seed articles (body lines, subheadings) with site
furniture (UI phrases, captions, related links, date/byline lines), so the cleaner does the same
work as on pasted articles. Writes benchmarks/results/cleaning.md.

    .venv/bin/python benchmarks/cleaning_throughput.py [--docs 20000] [--batch 2000] [--workers N] [--repeat 3]

With ``--workers N`` (default: one per CPU) batches are cleaned and segmented on N processes (this one
included) through ``pipeline.text.parallel.ordered_map``; the output does not depend on N. Each
figure is the median of ``--repeat`` runs (the machine is shared with other jobs).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import time
from pathlib import Path

import polars as pl

from pipeline.tables.documents import clean_documents_tables
from pipeline.text.clean import RawDoc, clean_corpus
from pipeline.text.parallel import default_workers, shutdown_workers, worker_pids
from pipeline.text.segment import sentence_bounds

ROOT = Path(__file__).resolve().parents[1]
RESULT = ROOT / "benchmarks" / "results" / "cleaning.md"
TARGET_MB_S = 20
# Measured by hand, kept in the report that each run rewrites.
HISTORY = [
    "## History",
    "",
    "- Before the issue-3 work (commit 19ec3ef, single process, load average 4.2): 3.9 MB/s end to end "
    "(clean_corpus 4.8 MB/s, split_sentences 19.7 MB/s), 20.2 s, 989 docs/s.",
    "- Issue-3 work, measured back to back with the original code on a machine saturated by other jobs "
    "(load average 7-9 on 2 CPUs, 23 Nov 2026 11:26-11:31): original code 2.6-2.7 MB/s (29-30 s); new code, "
    "single process 3.4-4.2 MB/s (18.8-22.8 s), 12.5-15.3 CPU seconds; two processes 3.2-3.4 MB/s with "
    "15.4-16.3 CPU seconds: with no idle core a second process cannot help, and the transfer of results "
    "costs about 10 % more CPU.",
    "- CPU time per 4,000 documents (15.6 MB; `process_time`, interleaved runs, same load): original "
    "3.5-3.6 s (lines 1.3, classification 1.4, assembly 0.15, sentences 0.74), now 2.2-2.4 s (0.9, 0.95, "
    "0.15, 0.23): 1.5-1.6x less CPU overall, 3.2x for sentence splitting. At about 7 MB per CPU second, "
    "two idle cores would give roughly 12-14 MB/s: the 20 MB/s bar is not reached.",
    "- Output unchanged: clean_documents, removed_spans and sentences of the seeds, the cleaning and quotes "
    "eval articles and a 1,500-document generated corpus are identical to the original code's, as are the "
    "CleanResults of 4,000 benchmark documents and near_duplicates on 1,963 documents (394 duplicates).",
    "- Issue-3 second pass (23 Nov 2026 13:40-13:57; other jobs were training models, load average 0.7-11). "
    "CPU time per 4,000 fresh documents, the code before this pass and the new one cleaning the same batches "
    "alternately in one process: 2.9-3.3 s against 1.85-2.1 s (1.6x less). Back to back at load average "
    "0.7-2.4: single process 8.2 MB/s (9.5 s, 9.4 CPU seconds) against 5.0 MB/s (15.8 s, 15.4 CPU s); two "
    "processes 8.5 MB/s (9.2 s, 14.4 CPU s) against 4.6 MB/s (17.2 s, 17.7 CPU s). Where it went: the cycle "
    "collector walked every batch's objects again and again (a sixth of the time; now paused while a batch "
    "is cleaned); what a line says on its own (shape, UI phrase, credit, byline, caption...) is worked out "
    "once per distinct short line, with the cheap tests first (one anchored match instead of a scan for UI "
    "phrases, bracket and dash checks before credit and outlet patterns, word counts only when a cue or a "
    "name's size is there); one scan of a clean text finds its sentence marks.",
    "- What is left, per 4,000 documents (cycle collector off): lines and what they say on their own 0.96 s, "
    "the rest of classification 0.33, assembly 0.12, sentences 0.21. Most of it is unique short lines "
    "(headings, captions, related titles: about 14,000 here, ~19 µs each through a dozen recognisers) and "
    "long body lines (~23,000, ~5 µs each). Two processes also cost more CPU than one (each starts with "
    "empty line caches, results cross the process boundary: about 12 %, and both slow down ~15 % when "
    "they share the machine), so two idle cores give at most ~13 MB/s: 20 MB/s needs about 1.2 CPU "
    "seconds per 4,000 documents, out of reach of per-line Python work at this machine's speed.",
    "- The timed region holds only cleaning, segmentation and, with workers, the transfer of results (batches "
    "out, packed results back, rebuilt as objects); the corpus is generated before it. Since commit 218f551 "
    "(date reading) the corpus gives 246,247 sentences and 216,285 removed spans instead of 246,248 and "
    "216,284; the cleaning code before this pass gives the same counts with it.",
    "- Stage overhead pass (4 Dec 2026). MinHash signatures of many texts at once in numpy (datasketch's "
    "affine32 scheme, the same values: a test compares them with datasketch's own MinHash) instead of a "
    "Python list per text; the shingle hashes of a whole slice at once (one folding pass; words, word "
    "hashes and shingles as arrays; a word's hash is now a polynomial over its code points instead of "
    "BLAKE2b, so stored sketches changed); sentence rows as tuples, split on the worker processes too. CPU "
    "seconds per 10,000 documents, the code before (commit 0a84481) and after run alternately on the same "
    "corpus: clean_documents stage 9.1-9.6 -> 6.7-7.6, sentences 1.5 -> 1.3-1.6; both stages on two "
    "processes, wall time 7.5-8.1 -> 6.1-6.2 s. What is left per 2,000 documents on one process (about "
    "1.4 s for clean_documents): cleaning 0.55-0.7 s, sketches 0.35-0.45 s (128 permutations over ~275 "
    "shingles a document: 0.10-0.15 s), rows and frames 0.25 s; with 16-19 CPU seconds for 20,000 "
    "documents, two cores cannot reach 20 MB/s (78 MB in 3.9 s).",
    "- 4 Dec 2026, evening (commit f8f3eac): 14.5 MB/s for the functions on one process "
    "and 8.8 MB/s for the stages on two (11.5 and 7.4 before). The cleaning code is unchanged; the gain "
    "comes from date reading (`pipeline/text/dates.py`, which the metadata step calls on every document): "
    "its patterns now run only over the stretches between sentence punctuation that hold their cues. "
    "Still below the 20 MB/s bar.",
    "- 4 Dec 2026, late evening (commits b1b95f9..484bf11): 8.8 -> 13.1-14.0 MB/s for the stages (four "
    "runs back to back; cleaning stage 10.8 -> 15.7-16.7 MB/s, sentences 48 -> 79-86 MB/s, CPU seconds "
    "13.4 -> 10.4-11.0). Where it came from: (1) the parallel map gave the last batch of a call to the "
    "helper even when it was busy, so of a batch's four 500-document slices the helper did three and this "
    "process one (a build's 1,000-document batch has two slices: both went to the helper, one core for "
    "the whole stage); now this process takes the last batch unless a helper is idle. (2) The threads "
    "that feed the helpers need the interpreter lock for every pipe-sized chunk of a 2 MB slice while "
    "this process computes: at the default 5 ms switch interval the helper idled 0.13 s before each "
    "queued slice; the interval is 0.1 ms while helpers are fed. (3) Slices go out as frames and become "
    "Python strings on the helper. (4) The cycle collector is paused during clean and sentence slices (a "
    "full collection in the build process also walks its large heap). (5) Duplicate sketches 1.6x cheaper "
    "(fold by table look-up on code points, per-text in-place sorts instead of a lexsort, one reused "
    "products buffer for the MinHash minima; same sketches). (6) Sentence rows built column by column. A "
    "slice of 500 documents now takes about 0.21 s on either process (cleaning 0.1, sketches 0.05, rows "
    "and frames 0.03, transfer); two slices a core give 0.45 s a batch of 2,000, plus 0.03 s of copy "
    "detection and sorting here. 20 MB/s needs 3.9 s in all: the per-line work of the cleaner (0.4 CPU s "
    "per 2,000 documents) would have to halve as well, which per-line Python work at this machine's speed "
    "does not reach.",
    "- 4 Dec 2026, night (commits 4ca674c..9f47e83): CPU seconds of both stages on 6,000 documents in one "
    "process, the code before (7251ba4) and after run alternately: 2.84-3.28 -> 2.14-2.44 (a quarter "
    "less); both stages on two processes, 20,000 documents, alternately: 11.5-11.8 -> 8.7-9.5 CPU seconds, "
    "6.35-6.67 -> 4.81-5.48 s (other jobs used the machine at times). Where it came from: (1) MinHash "
    "signatures one permutation at a time over a group's contiguous hashes, minima by reduceat along "
    "them, instead of (shingles, 128) products reduced across rows: 0.115 -> 0.039 CPU s per 4,000 "
    "documents; (2) the fold before shingling reads a 16-bit table with np.take (0.10 -> 0.05); (3) "
    "clean_documents and removed_spans slices built column by column, offset_map in Arrow; (4) sentence "
    "rows from tuples, no Sentence objects (0.25 -> 0.21); (5) the cleaner: a short line's matching key is "
    "cached with its facts; the UI-line test goes phrase by phrase with anchored matches (of 18,664 "
    "distinct short lines, 422 instead of 4,972 still scan for phrases everywhere); the outlet-prefix test "
    "gives up on the first word's key; a distinct short line costs 10.7 µs instead of 12.1; (6) slices and "
    "their tables cross between processes as Arrow IPC files in /dev/shm "
    "(`pipeline/tables/shared_frames.py`): a 2 MB slice reached the helper in 10-17 ms through the pipe, "
    "3-5 ms now, and the helper no longer waits for this process to drain its results (idle core time "
    "of the two stages 0.65 -> 0.43 s per 8,000 documents). What is left per 500-document slice (about "
    "0.17 s): lines and what they say on their own 0.06, the rest of classification 0.03, assembly 0.01, "
    "sketches 0.03, frames 0.015; and per 2,000-document batch about 0.05 s while one core waits (stage "
    "ends, copy detection, sorting). Output unchanged: clean_documents, removed_spans, sketches and "
    "sentences (one and two processes, schemas included), the CleanResults and near_duplicates of 7,200 "
    "benchmark documents, 2,500 documents of `benchmarks/corpus.py` (windows-1256 and HTML among them), "
    "the seeds and the 14 eval articles are identical to 7251ba4's.",
    "- 4 Dec 2026, late night (commit d5e19bc): the sentences stage cuts each sentence's text and repeats "
    "its doc_id in polars, from the slice's own columns, instead of Python slices and lists, and computes "
    "a paragraph's quotation spans only for a mark with quote marks on both sides. CPU of the sentence "
    "slices of 4,000 documents, 179dac7 and this alternately in one process (10 runs each): median "
    "0.225 -> 0.202 s; sentences stage on two processes, 20,000 documents, seven alternating pairs: "
    "0.78-0.94 s (mean 0.84) -> 0.68-0.83 s (mean 0.76). End to end the difference is within the run-to-run "
    "spread of the clean stage on this machine (3.4-4.1 s for unchanged code; load average 1-1.5 from other "
    "jobs): 16.0-18.3 MB/s before, 16.9-19.0 MB/s after. Tried and left out: polars for the paragraphs "
    "and one-sentence paragraphs (the 14 % of paragraphs with a boundary inside still need the Python "
    "rules, and the polars steps cost as much as the scan they replace: no gain); jumping from one "
    "inner boundary to the next instead of walking paragraphs (3 %); skipping sorts of frames already in "
    "order (1-2 ms a batch); a larger line cache (fewer misses only because the generated corpus "
    "repeats heading snippets). Still below 20 MB/s: the sentences stage is 0.74 s of 4.4 in the table above, and the "
    "clean stage's per-line Python work is most of the rest. Output unchanged (sentences, clean_documents, "
    "removed_spans and sketches of 6,000 benchmark documents, 2,500 of `benchmarks/corpus.py`, the seeds "
    "and the eval articles, one and two processes).",
    "- 5 Dec 2026 (commits 3d11fd5..aa5d8bc): 18.3-18.7 -> 20.5-21.2 MB/s for the stages, the code before "
    "(9f92a50) and after run alternately, three pairs (load average 1.2, these runs included; 21.6-23.2 in "
    "three earlier runs at 0.5); CPU seconds of both stages on 6,000 documents in one process, alternately: "
    "2.21-2.27 -> 1.94-1.98. Where it came from: (1) the duplicate sketches' inner loops are compiled "
    "(numba, `pipeline/text/sketch_kernels.py`): one pass over a slice's code points folds them by table "
    "look-up (spelling variants swapped inside each word), hashes the words and their 3-shingles, and a "
    "loop per text takes the MinHash minima; a document's own shingles are no longer sorted and made "
    "distinct for its MinHash (the minima of a multiset are those of its set): 0.22 -> 0.08 CPU s per "
    "4,000 documents, the same sketches (a new test checks the hashes against their definition in plain "
    "Python). (2) Before working on its own first slice of a stage, the calling process sleeps 2 ms so "
    "that the threads that write the helper's slices to shared memory and send them get the interpreter "
    "lock: the helper started each stage about 10 ms after this process, now 2-3 ms. The loops are "
    "compiled ahead of time by `make setup` (numba.pycc, for the machine's CPU: the generic x86-64 target "
    "took twice as long) into a small extension module, so no process loads numba's compiler (it added "
    "about 110 MB to each: a 100,000-document build's peak went from 1,445 to 1,630 MiB). Output unchanged: the 94 Parquet tables of a 4,000-document build of `benchmarks/corpus.py` "
    "are byte-identical to 9f92a50's. From this entry on, each row is the median of three runs. Tried and "
    "left out: sentence slices of 250 documents (the sentences stage at 104 against 110-120 MB/s); ruling out "
    "caption lines by their first word before the outlet lexicon (1 of 8.6 µs per caption line).",
    "- 5 Dec 2026, later (commits 18ccd1c..f193ab8): new cleaning rules from the development pages "
    "(headlines under menus and mastheads, cookie banners, relative time stamps anywhere, unlabelled tag "
    "runs, long captions with a credit) cost about 3 % more CPU; the generated corpus now gives 246,822 "
    "sentences and 215,732 removed spans. Won back in the stage tails, where the helper process idles: "
    "no sort of frames whose rows already come in order (the slices of a sorted batch), copy detection "
    "walks only the documents with candidates, and cheap gates before the new line tests. With the loops "
    "compiled ahead of time: CPU seconds of both stages on 6,000 documents in one process, 9f92a50 and this "
    "alternately, 2.27-2.32 -> 2.09-2.17 before the tail changes. The machine's speed varies through the "
    "day (the one-process functions row from 13.5 to 16.3 MB/s): the invocations of this "
    "benchmark gave stage medians of 19.6 (before the tail changes), then 21.6, 20.2 and 20.8 MB/s (single "
    "runs 17.9-21.8, CPU seconds 6.8-7.1), then, minutes later and with the same code, 17.5, 18.2 and 19.1 "
    "(single runs 15.0-20.0, CPU seconds 7.7-8.2, the functions row at 14.2-14.8 MB/s): at this machine's "
    "slower times the stages stay below 20 MB/s.",
    "- 5 Dec 2026, session 14 (commits cc21855..1f19395): 18.7-21.0 -> 22.3-24.3 MB/s for the stages, the code "
    "at the session's start (0e35e1d) and the new code run alternately, six pairs of three-run medians (load average "
    "0.9-1.8, these runs included); three invocations afterwards gave 24.9, 25.6 and 23.8 MB/s (single runs "
    "22.7-26.0; 5.8-6.2 CPU seconds, 7.0-7.8 before). Where it came from: (1) sentences are split in the clean "
    "stage's slices, on the process that cleaned them: the clean_documents step also writes the sentences table, so "
    "the clean texts no longer cross to the worker processes a second time and a batch has one stage barrier fewer "
    "(alternately with the code before: 19.1-20.1 -> 20.6-21.0); (2) sentence splitting in a compiled loop (numba, "
    "`pipeline/text/segment_kernels.py`, with the rules of `segment.sentence_spans`, which tests compare it with on "
    "generated and real texts; a text with a character beyond the BMP goes through the Python rules): about 0.6 -> "
    "0.15 CPU seconds per 20,000 documents (21.2-21.9 -> 23.0-23.6 alternately); (3) sentence and removed-span ids "
    "hashed a column at a time in Rust (polars-hash, the same sha256 ids): 460,000 Python calls fewer per 20,000 "
    "documents (23.1-23.3 -> 23.9-24.3 alternately, with (4)); (4) caption repeats compared only between short lines "
    "whose keys open alike. Output unchanged: the 65 Parquet files (release and storage) of a two-batch "
    "4,000-document build of `benchmarks/corpus.py` are byte-identical to 0e35e1d's. From this entry on, the "
    "functions row splits with the compiled loop (`sentence_bounds`) and the stages row is one step, so it has no "
    "separate cleaning and segmenting figures. Tried and left out: counting a token with punctuation around its "
    "letters as one word without the regex (4 % of word counting).",
    "- 5 Dec 2026, session 14, later (commits 0762b68..e407a31): new cleaning rules from ten more development "
    "pages (bar rows are never the headline, the date under the title wins, furniture anywhere: update stamps, "
    "hashtags, embedded posts' attributions, print labels; menus and widget figures outside the text; metadata after "
    "a standfirst; agency dispatch openings) cost 2-4 % of `clean_corpus`'s CPU (6,000 documents, the code before and "
    "after alternately, three pairs); the corpus now gives 246,702 sentences and 215,852 removed spans. The machine's "
    "speed swung within minutes: alternately, the code before the rules gave stage medians of 23.9 and 22.4 MB/s and "
    "the new code 23.7 and then 19.5 (6.1 and 7.3 CPU seconds for the same work). At the end of the session, "
    "alternately with the session-start code (0e35e1d): 23.5, 21.0 and 23.4 MB/s against 19.2, 20.6 and 14.7 "
    "(single runs 16.5-23.6 against 12.4-20.9; CPU seconds 6.2-7.1 against 7.3-9.3).",
    "",
]
FURNITURE_TOP = ["الرئيسية » أخبار » سياسة", "+ الخط -", "شارك على فيسبوك", "وقت القراءة 4 دقائق"]
RELATED = ["اقرأ أيضًا: ", "اقرأ أيضاً"]
CAPTION_CREDITS = [" - رويترز", " (Getty)", " - أرشيفية", " (أ ف ب)"]
FURNITURE_END = ["مقالات ذات صلة", "الأكثر قراءة", "زر الذهاب إلى الأعلى", "جميع الحقوق محفوظة © 2024"]
DATES = ["31 أكتوبر 2023", "نشر في 15/3/2024", "الثلاثاء 14 تشرين الأول 2025 - 10:35", "الأحد 23 فيفري 2025"]


def seed_lines() -> tuple[list[str], list[str]]:
    """(paragraphs, short lines) from the seed articles."""
    paragraphs, short = [], []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip()
            if len(line.split()) >= 14:
                paragraphs.append(line)
            elif 2 <= len(line.split()) <= 10:
                short.append(line)
    return paragraphs, short


def make_corpus(n: int, seed: int = 7) -> list[RawDoc]:
    rng = random.Random(seed)
    paragraphs, seed_short = seed_lines()

    def short_line() -> str:
        # Headings and captions are unique to their article: cut a few words out of a paragraph
        # (or take a seed heading), so that only the site furniture repeats across documents.
        if rng.random() < 0.2:
            return rng.choice(seed_short)
        tokens = rng.choice(paragraphs).rstrip(".").split()
        start = rng.randrange(len(tokens) - 8)
        return " ".join(tokens[start : start + rng.randint(3, 8)]).strip("،,:\"")

    docs = []
    for i in range(n):
        lines = [rng.choice(FURNITURE_TOP), short_line(), rng.choice(DATES), ""]
        for _ in range(rng.randint(4, 12)):
            lines += [rng.choice(paragraphs), ""]
            roll = rng.random()
            if roll < 0.2:
                caption = short_line() + rng.choice(CAPTION_CREDITS)
                lines += [rng.choice(RELATED) + short_line(), "", caption, "", short_line(), ""]
            elif roll < 0.35:
                lines += [short_line(), ""]
        lines += [rng.choice(FURNITURE_END), short_line(), short_line()]
        docs.append(RawDoc(f"doc{i:06d}", "\n".join(lines), "txt"))
    return docs


def raw_frame(docs: list[RawDoc]) -> pl.DataFrame:
    """The raw_documents columns the clean stage reads, for a batch of generated documents."""
    return pl.DataFrame({"doc_id": [d.doc_id for d in docs], "source_format": [d.fmt for d in docs],
                         "raw_text": [d.text for d in docs], "source_path": [f"{d.doc_id}.txt" for d in docs]})


def run_functions(docs: list[RawDoc], batch: int) -> dict[str, float]:
    """Seconds spent in the cleaning and segmenting functions alone, in this process."""
    cleaning = segmenting = 0.0
    n_sentences = removed = 0
    for i in range(0, len(docs), batch):
        start = time.perf_counter()
        results = clean_corpus(docs[i : i + batch])
        cleaning += time.perf_counter() - start
        start = time.perf_counter()
        n_sentences += len(sentence_bounds([result.clean_text for result in results])[0])
        segmenting += time.perf_counter() - start
        removed += sum(len(r.removed) for r in results)
    return {"cleaning": cleaning, "segmenting": segmenting, "elapsed": cleaning + segmenting,
            "sentences": n_sentences, "removed": removed}


def run(docs: list[RawDoc], batch: int, workers: int) -> dict[str, float]:
    """Seconds the clean_documents step (clean_documents, removed_spans, sketches and sentences, copy
    flags) takes on every input batch on ``workers`` processes; with the counts of sentences and
    removed spans."""
    elapsed = 0.0
    n_sentences = removed = 0
    for raw in [raw_frame(docs[i : i + batch]) for i in range(0, len(docs), batch)]:
        start = time.perf_counter()
        tables = clean_documents_tables(raw, workers)
        elapsed += time.perf_counter() - start
        n_sentences += tables.sentences.height
        removed += tables.removed.height
    return {"elapsed": elapsed, "sentences": n_sentences, "removed": removed}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process and of the live worker processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    own = resource.getrusage(resource.RUSAGE_SELF)
    total = own.ru_utime + own.ru_stime
    for pid in worker_pids():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _peak_rss_mb() -> float:
    """The largest peak resident set of this process and the live worker processes."""
    peaks = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
    for pid in worker_pids():
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(status.split("VmHWM:")[1].split()[0]) / 1024)
    return max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=2_000)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = make_corpus(args.docs)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    # The worker processes start once per build and then serve every stage and batch: start them
    # (imports, compiled patterns) on a small corpus of another seed before the timed stages.
    start = time.perf_counter()
    run(make_corpus(1_200, seed=99), 1_200, args.workers)
    warm_up = time.perf_counter() - start
    rows = []
    spread = {}
    for label, workers, measure in [("functions", 1, lambda: run_functions(docs, args.batch)),
                                    ("stages", args.workers, lambda: run(docs, args.batch, args.workers))]:
        # Other jobs share the machine: each measurement is the median run of --repeat.
        runs = []
        for _ in range(args.repeat):
            cpu_before = _cpu_seconds()
            timing = measure()
            runs.append((timing["elapsed"], _cpu_seconds() - cpu_before, timing))  # workers' CPU from /proc
        runs.sort(key=lambda run: run[0])
        elapsed, cpu, timing = runs[len(runs) // 2]
        spread[label] = f"{mb / runs[-1][0]:.1f}-{mb / runs[0][0]:.1f}"
        rss_mb = _peak_rss_mb()
        stage = (lambda key: f"{mb / timing[key]:.1f}" if key in timing else "—")  # the stages are one step
        rows.append(f"| {label} | {len(docs)} | {mb:.1f} | {workers} | {elapsed:.1f} | {mb / elapsed:.1f} "
                    f"| {stage('cleaning')} | {stage('segmenting')} | {len(docs) / elapsed:.0f} | {cpu:.1f} "
                    f"| {mb / cpu:.1f} | {rss_mb:.0f} | {timing['sentences']} | {timing['removed']} |")
    shutdown_workers()
    verdict = "meets" if mb / elapsed > TARGET_MB_S else "is below"
    report = "\n".join(
        [
            "# Cleaning + segmentation throughput",
            "",
            f"Command: `.venv/bin/python benchmarks/cleaning_throughput.py --docs {args.docs} --batch {args.batch} "
            f"--workers {args.workers} --repeat {args.repeat}`",
            "",
            "| measured | documents | input MB (UTF-8) | processes | seconds | MB/s end to end | cleaning MB/s "
            "| segmenting MB/s | docs/s | CPU seconds | MB per CPU second | peak RSS MB | sentences "
            "| removed spans |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
            "- **functions**: `clean_corpus` on each batch of the given size (cross-document signals work "
            "within a batch), then `sentence_bounds` on the batch's clean texts (the compiled splitting loop), in "
            "this process: the text work alone.",
            "- **stages**: what the pipeline runs for its clean_documents step (the clean_documents, "
            "removed_spans, document_sketches and sentences assets) on each input batch: "
            "`clean_documents_tables` (cleaning, metadata, MinHash sketches and sentence rows with their ids "
            "in slices of 500 documents, which is where the cleaner's cross-document signals work, on the worker "
            "processes, this one included; each returns its finished tables; copy flags over the whole batch "
            "here). The worker processes were started before the timed region, as a build starts them once "
            f"for all its stages and batches: {warm_up:.1f} s for starting them and the stages on 1,200 other "
            "documents.",
            "",
            f"Each row is the median of {args.repeat} runs (MB/s end to end over the runs: functions "
            f"{spread['functions']}, stages {spread['stages']}). "
            f"The stages' end-to-end figure {verdict} the {TARGET_MB_S} MB/s target. Python "
            f"{platform.python_version()}, {platform.machine()} ({_cpu_model()}), {os.cpu_count()} CPUs shared with "
            "other jobs "
            "(load average after the run: " + " ".join(f"{x:.1f}" for x in os.getloadavg()) + "). Peak RSS is "
            "the largest resident set of this process or of one worker (corpus generation included); CPU "
            "seconds add up all processes, so MB per CPU second depends much less than MB/s on how busy the "
            "machine is (contention still inflates it).",
            "",
            "The corpus recombines paragraphs of the five seed articles with headings and captions cut from "
            "them and site furniture (UI phrases, credits, related links, date lines, tags). Only the 59 "
            "distinct seed paragraphs repeat as body text: nothing caches long lines, so that repetition "
            "does not speed anything up; short lines (at most 160 characters) go through the per-line "
            "caches of site furniture.",
            "",
        ]
        + HISTORY
    )
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
