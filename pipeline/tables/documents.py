"""raw_documents -> clean_documents + removed_spans + sentences."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

import numpy as np
import polars as pl
import pyarrow as pa

from pipeline.ids import offsets_id_column
from pipeline.progress import Progress
from pipeline.ingest import reject, text_format
from pipeline.tables.common import batches, collected, extractor, sorted_by, struct_lists
from pipeline.tables.sentences import sentence_rows
from pipeline.tables.shared_frames import share_frames
from pipeline.text.clean import CleanResult, RawDoc, clean_corpus
from pipeline.text.cycles import cycle_collection_paused
from pipeline.text.dedup import NUM_PERM, Copy, Sketches, concat, find_copies, shingle_sets, sketches_of
from pipeline.text.parallel import ordered_map
from schemas import CleanDocuments, RemovedSpans, Sentences, polars_schema, to_frame

CLEANER = extractor("khabar.clean")
share_frames()  # slices and their tables cross to the worker processes in shared memory
COPY_COLUMNS = ["duplicate_of", "near_duplicate_of", "near_duplicate_similarity"]
SKETCH_SCHEMA = {"doc_id": pl.String, "sha256": pl.String, "minhash": pl.Array(pl.UInt32, NUM_PERM)}


class CleanTables(NamedTuple):
    clean: pl.DataFrame  # clean_documents, copies flagged within the batch
    removed: pl.DataFrame  # removed_spans
    rejects: list[dict]
    sketches: pl.DataFrame  # doc_id, sha256, minhash: what corpus-wide duplicate detection reads
    sentences: pl.DataFrame  # sentences of the clean texts


def clean_documents_tables(raw: pl.DataFrame, workers: int = 1, progress: Progress | None = None) -> CleanTables:
    """Clean every document of ``raw``, an input batch (cross-document signals and copies are found
    within it; ``corpus_copies`` finds copies across batches), and split the clean texts into sentences.

    ``workers`` > 1 cleans slices of the batch on that many processes (this one included), each
    returning its finished tables; the tables are the same for any number of workers. Sentences are
    split where their slice was cleaned: the clean texts never cross between processes again.
    """
    parts: list[CleanTables] = []
    # Slices go out as frames (one buffer to send) and become Python strings where they are cleaned.
    for part in ordered_map(_slice_tables, batches(raw.select(*_SLICE_COLUMNS)), workers):
        parts.append(part)
        if progress is not None:
            progress.advance(part.clean.height + len(part.rejects))
    clean = sorted_by(pl.concat([p.clean for p in parts]), "doc_id") if parts else to_frame([], CleanDocuments)
    sketches = sorted_by(pl.concat([p.sketches for p in parts]), "doc_id") if parts else sketch_frame(sketches_of([]))
    copies = find_copies(frame_sketches(sketches), partial(_shingles, clean))
    removed = pl.concat([p.removed for p in parts]) if parts else to_frame([], RemovedSpans)
    sentences = pl.concat([p.sentences for p in parts]) if parts else to_frame([], Sentences)
    return CleanTables(with_copies(clean, copies_frame(copies)), sorted_by(removed, "doc_id", "raw_start"),
                       [r for p in parts for r in p.rejects], sketches, sorted_by(sentences, "doc_id", "char_start"))


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
    results: list[CleanResult] = []  # of the documents with body text
    formats: list[str] = []  # their source formats
    rejects: list[dict] = []
    for doc, result, path in zip(docs, clean_corpus(docs), part["source_path"].to_list()):
        if not result.clean_text.strip():
            rejects.append(reject("clean_documents", "no_body_text",
                                  "nothing left after boilerplate removal", path, result.doc_id))
            continue
        results.append(result)
        formats.append(doc.fmt)
    clean = _clean_frame(results, formats)
    sketches = sketch_frame(sketches_of([(r.doc_id, r.clean_text) for r in results], clean["clean_sha256"].to_list()))
    sentences = sentence_rows(clean.select("doc_id", "clean_text"), [r.clean_text for r in results])
    return CleanTables(clean, _span_frame(results), rejects, sketches, sentences)


_OFFSET_FIELDS = (("clean_start", pa.int64()), ("raw_start", pa.int64()), ("length", pa.int64()))


def _clean_frame(results: list[CleanResult], formats: list[str]) -> pl.DataFrame:
    """clean_documents rows of results and their source formats, copy columns empty; built column by
    column (polars builds a frame from lists several times faster than from row dicts)."""
    schema = polars_schema(CleanDocuments)
    texts = [r.clean_text for r in results]
    nulls = [None] * len(results)

    def field(name: str) -> list:
        return [getattr(r, name) for r in results]

    columns = {
        "doc_id": field("doc_id"),
        "title": field("title"),
        "published_date": field("published_date"),
        "date_precision": field("date_precision"),
        "date_evidence": field("date_evidence"),
        "byline": field("byline"),
        "outlet": field("outlet"),
        "dateline": field("dateline"),
        "clean_text": texts,
        "clean_sha256": [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts],
        "source_text": [None if fmt == "txt" else r.source_text for r, fmt in zip(results, formats)],
        "offset_map": struct_lists("offset_map", field("offset_map"), _OFFSET_FIELDS, schema["offset_map"]),
        "n_chars": [len(text) for text in texts],
        "duplicate_of": nulls,
        "near_duplicate_of": nulls,
        "near_duplicate_similarity": nulls,
        "extractor": [CLEANER] * len(results),
    }
    return pl.DataFrame(columns, schema=schema)


def _span_frame(results: list[CleanResult]) -> pl.DataFrame:
    """removed_spans rows of the results, column by column."""
    spans = [(r.doc_id, span) for r in results for span in r.removed]
    schema = polars_schema(RemovedSpans)
    columns = {
        "doc_id": [doc_id for doc_id, _ in spans],
        "raw_start": [span.raw_start for _, span in spans],
        "raw_end": [span.raw_end for _, span in spans],
        "text": [span.text for _, span in spans],
        "reason": [span.reason for _, span in spans],
        "extractor": [CLEANER] * len(spans),
    }
    frame = pl.DataFrame(columns, schema={name: schema[name] for name in columns})
    return frame.select(offsets_id_column("doc_id", "raw_start", "raw_end").alias("span_id"), pl.all()).select(list(schema))


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
        frame = sorted_by(collected(sketches[key]), "doc_id").filter(~pl.col("doc_id").is_in(list(batch_of)))
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
