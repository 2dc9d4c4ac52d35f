"""raw_documents -> clean_documents + removed_spans."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

import numpy as np
import polars as pl

from pipeline.ids import offsets_id
from pipeline.progress import Progress
from pipeline.ingest import reject, text_format
from pipeline.tables.common import batches, collected, extractor
from pipeline.text.clean import RawDoc, clean_corpus
from pipeline.text.cycles import cycle_collection_paused
from pipeline.text.dedup import NUM_PERM, Copy, Sketches, concat, find_copies, shingle_sets, sketches_of
from pipeline.text.parallel import ordered_map
from schemas import CleanDocuments, RemovedSpans, to_frame

CLEANER = extractor("khabar.clean")
COPY_COLUMNS = ["duplicate_of", "near_duplicate_of", "near_duplicate_similarity"]
SKETCH_SCHEMA = {"doc_id": pl.String, "sha256": pl.String, "minhash": pl.Array(pl.UInt32, NUM_PERM)}


class CleanTables(NamedTuple):
    clean: pl.DataFrame  # clean_documents, copies flagged within the batch
    removed: pl.DataFrame  # removed_spans
    rejects: list[dict]
    sketches: pl.DataFrame  # doc_id, sha256, minhash: what corpus-wide duplicate detection reads


def clean_documents_tables(raw: pl.DataFrame, workers: int = 1, progress: Progress | None = None) -> CleanTables:
    """Clean every document of ``raw``, an input batch (cross-document signals and copies are found
    within it; ``corpus_copies`` finds copies across batches).

    ``workers`` > 1 cleans slices of the batch on that many processes (this one included), each
    returning its finished tables; the tables are the same for any number of workers.
    """
    parts: list[CleanTables] = []
    # Slices go out as frames (one buffer to send) and become Python strings where they are cleaned.
    for part in ordered_map(_slice_tables, batches(raw.select(*_SLICE_COLUMNS)), workers):
        parts.append(part)
        if progress is not None:
            progress.advance(part.clean.height + len(part.rejects))
    clean = pl.concat([p.clean for p in parts]).sort("doc_id") if parts else to_frame([], CleanDocuments)
    sketches = pl.concat([p.sketches for p in parts]).sort("doc_id") if parts else sketch_frame(sketches_of([]))
    copies = find_copies(frame_sketches(sketches), partial(_shingles, clean))
    removed = pl.concat([p.removed for p in parts]) if parts else to_frame([], RemovedSpans)
    return CleanTables(with_copies(clean, copies_frame(copies)), removed.sort("doc_id", "raw_start"),
                       [r for p in parts for r in p.rejects], sketches)


def _shingles(texts: pl.LazyFrame | pl.DataFrame, ids: list[str]) -> dict:
    """doc_id -> shingle hashes of the ``ids`` among ``texts`` (doc_id, clean_text)."""
    rows = collected(texts.select("doc_id", "clean_text").filter(pl.col("doc_id").is_in(ids)))
    return dict(zip(rows["doc_id"], shingle_sets(rows["clean_text"].to_list())))


_SLICE_COLUMNS = ("doc_id", "source_format", "raw_text", "source_path")


def _slice_tables(part: pl.DataFrame) -> CleanTables:
    """The tables of one slice of a batch, without copy flags (they need the whole batch). Runs in
    a worker: frames cross the process boundary in one piece, not as millions of Python objects."""
    with cycle_collection_paused():
        return _tables_of(part)


def _tables_of(part: pl.DataFrame) -> CleanTables:
    docs = [RawDoc(d, t, text_format(f)) for d, f, t, _ in part.iter_rows()]
    doc_rows: list[dict] = []
    span_rows: list[dict] = []
    rejects: list[dict] = []
    texts: list[tuple[str, str]] = []
    for doc, result, path in zip(docs, clean_corpus(docs), part["source_path"].to_list()):
        if not result.clean_text.strip():
            rejects.append(reject("clean_documents", "no_body_text",
                                  "nothing left after boilerplate removal", path, result.doc_id))
            continue
        doc_rows.append(_doc_row(result, doc.fmt))
        span_rows.extend(_span_rows(result))
        texts.append((result.doc_id, result.clean_text))
    clean = to_frame(doc_rows, CleanDocuments)
    sketches = sketch_frame(sketches_of(texts, [row["clean_sha256"] for row in doc_rows]))
    return CleanTables(clean, to_frame(span_rows, RemovedSpans), rejects, sketches)


def _doc_row(result, fmt: str) -> dict:
    return {
        "doc_id": result.doc_id,
        "title": result.title,
        "published_date": result.published_date,
        "date_precision": result.date_precision,
        "date_evidence": result.date_evidence,
        "byline": result.byline,
        "outlet": result.outlet,
        "dateline": result.dateline,
        "clean_text": result.clean_text,
        "clean_sha256": hashlib.sha256(result.clean_text.encode("utf-8")).hexdigest(),
        "source_text": None if fmt == "txt" else result.source_text,
        "offset_map": [
            {"clean_start": c, "raw_start": r, "length": n} for c, r, n in result.offset_map
        ],
        "n_chars": len(result.clean_text),
        "duplicate_of": None,
        "near_duplicate_of": None,
        "near_duplicate_similarity": None,
        "extractor": CLEANER,
    }


def _span_rows(result) -> list[tuple]:
    # Tuples in the model's column order (built by position: a tuple costs less than a dict).
    return [(offsets_id(result.doc_id, span.raw_start, span.raw_end), result.doc_id, span.raw_start,
             span.raw_end, span.text, span.reason, CLEANER) for span in result.removed]


def sketch_frame(sketches: Sketches) -> pl.DataFrame:
    """doc_id, sha256, minhash (null for a text without words): a batch's sketches as stored."""
    frame = pl.DataFrame({"doc_id": sketches.doc_ids, "sha256": sketches.sha256, "minhash": sketches.minhash},
                         schema=SKETCH_SCHEMA)
    return frame.with_columns(pl.when(pl.Series(sketches.words)).then(pl.col("minhash")).alias("minhash"))


def frame_sketches(frame: pl.DataFrame) -> Sketches:
    words = frame["minhash"].is_not_null().to_numpy()
    minhash = np.zeros((frame.height, NUM_PERM), dtype=np.uint32)
    if words.any():
        minhash[words] = frame["minhash"].drop_nulls().to_numpy()
    return Sketches(frame["doc_id"].to_list(), frame["sha256"].to_list(), minhash, words)


def copies_frame(copies: Mapping[str, Copy]) -> pl.DataFrame:
    """clean_documents' copy columns of the documents that copy another (exact or near)."""
    rows = [(doc_id, c.original if c.exact else None, None if c.exact else c.original,
             None if c.exact else c.similarity) for doc_id, c in sorted(copies.items())]
    return pl.DataFrame(rows, orient="row", schema={"doc_id": pl.String, "duplicate_of": pl.String,
                                                    "near_duplicate_of": pl.String,
                                                    "near_duplicate_similarity": pl.Float64})


def with_copies(clean: pl.DataFrame | pl.LazyFrame, copies: pl.DataFrame | pl.LazyFrame):
    """``clean`` with its copy columns taken from ``copies`` (null for a document not listed there)."""
    columns = clean.collect_schema().names()
    copies = copies.lazy() if isinstance(clean, pl.LazyFrame) else collected(copies)
    return clean.drop(COPY_COLUMNS).join(copies, on="doc_id", how="left", maintain_order="left").select(columns)


def corpus_copies(sketches: Mapping[str, pl.LazyFrame | pl.DataFrame],
                  texts: Mapping[str, pl.LazyFrame | pl.DataFrame]) -> pl.DataFrame:
    """``copies_frame`` of the whole corpus: documents visited batch by batch in key order, in doc_id
    order within a batch (so within one batch it equals the batch's own flags). A document an earlier
    batch already holds (same bytes) is skipped: the release files it under that batch. Only the
    sketches are read for every document; ``texts`` (doc_id, clean_text) only for those with
    candidates, one batch at a time."""
    batch_of: dict[str, str] = {}
    parts = []
    for key in sorted(sketches):
        frame = collected(sketches[key]).sort("doc_id").filter(~pl.col("doc_id").is_in(list(batch_of)))
        batch_of.update(dict.fromkeys(frame["doc_id"].to_list(), key))
        parts.append(frame_sketches(frame))

    def shingles(ids: list[str]) -> dict:
        wanted = defaultdict(list)
        for doc_id in ids:
            wanted[batch_of[doc_id]].append(doc_id)
        out = {}
        for key, group in sorted(wanted.items()):
            out.update(_shingles(texts[key], group))
        return out

    return copies_frame(find_copies(concat(parts), shingles))
