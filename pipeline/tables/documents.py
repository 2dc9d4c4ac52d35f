"""raw_documents -> clean_documents + removed_spans."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterator

import polars as pl

from pipeline.ids import stable_id
from pipeline.progress import Progress
from pipeline.ingest import reject, text_format
from pipeline.tables.common import batches, extractor
from pipeline.text.clean import RawDoc, clean_batches
from pipeline.text.dedup import near_duplicates
from schemas import CleanDocuments, RemovedSpans, to_frame

CLEANER = extractor("khabar.clean")


def clean_documents_tables(raw: pl.DataFrame, workers: int = 1,
                           progress: Progress | None = None) -> tuple[pl.DataFrame, pl.DataFrame, list[dict]]:
    """Clean every document; returns (clean_documents, removed_spans, rejects).

    ``workers`` > 1 cleans the batches on that many processes (this one included); the tables are
    the same for any number of workers.
    """
    doc_rows: list[dict] = []
    span_rows: list[dict] = []
    rejects: list[dict] = []
    pending: deque[tuple[list[RawDoc], list[str]]] = deque()  # batches handed out, in order

    def doc_batches() -> Iterator[list[RawDoc]]:  # lazily: one batch of Python strings at a time
        for batch in batches(raw.select("doc_id", "source_format", "raw_text", "source_path")):
            docs = [RawDoc(d, t, text_format(f)) for d, f, t, _ in batch.iter_rows()]
            pending.append((docs, batch["source_path"].to_list()))
            yield docs

    for results in clean_batches(doc_batches(), workers):
        docs, paths = pending.popleft()
        if progress is not None:
            progress.advance(len(docs))
        for doc, result, path in zip(docs, results, paths):
            if not result.clean_text.strip():
                rejects.append(reject("clean_documents", "no_body_text",
                                      "nothing left after boilerplate removal", path, result.doc_id))
                continue
            doc_rows.append(_doc_row(result, doc.fmt))
            span_rows.extend(_span_rows(result))
    clean = to_frame(doc_rows, CleanDocuments)
    clean = _flag_duplicates(clean).sort("doc_id")
    removed = to_frame(span_rows, RemovedSpans).sort("doc_id", "raw_start")
    return clean, removed, rejects


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


def _span_rows(result) -> list[dict]:
    return [
        {
            "span_id": stable_id(result.doc_id, span.raw_start, span.raw_end),
            "doc_id": result.doc_id,
            "raw_start": span.raw_start,
            "raw_end": span.raw_end,
            "text": span.text,
            "reason": span.reason,
            "extractor": CLEANER,
        }
        for span in result.removed
    ]


def _flag_duplicates(clean: pl.DataFrame) -> pl.DataFrame:
    """Exact (same clean text) and near duplicates stay in the dataset, flagged with their original."""
    dups = near_duplicates(list(zip(clean["doc_id"].to_list(), clean["clean_text"].to_list())))
    if not dups:
        return clean
    texts = dict(zip(clean["doc_id"].to_list(), clean["clean_text"].to_list()))
    exact = {d: o for d, (o, _) in dups.items() if texts[d] == texts[o]}
    near = {d: v for d, v in dups.items() if d not in exact}
    return clean.with_columns(
        pl.col("doc_id").replace_strict(exact, default=None, return_dtype=pl.Utf8).alias("duplicate_of"),
        pl.col("doc_id").replace_strict({d: o for d, (o, _) in near.items()}, default=None,
                                        return_dtype=pl.Utf8).alias("near_duplicate_of"),
        pl.col("doc_id").replace_strict({d: float(s) for d, (_, s) in near.items()}, default=None,
                                        return_dtype=pl.Float64).alias("near_duplicate_similarity"),
    )
