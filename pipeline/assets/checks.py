"""Blocking asset checks: each table against its pandera schema, plus cross-table consistency."""

from __future__ import annotations

import warnings

import polars as pl
from dagster import AssetCheckResult, AssetCheckSeverity, AssetIn, MetadataValue, PreviewWarning, asset_check

from pipeline.assets._emit import whole
from pipeline.assets.partitions import batches
from pipeline.checks import offset_mismatches, unknown_doc_ids
from pipeline.release.layout import document_tables
from pipeline.validation import failure_cases
from schemas import TABLES

# Table -> column holding the surface text that must equal clean_text[char_start:char_end].
SURFACES = {"sentences": "text", "entity_mentions": "text", "quotes": "text", "events": "trigger"}
# Checks per batch partition are a Dagster preview feature (the locked version is tested here); its
# warning would otherwise greet every `khabar build`.
warnings.filterwarnings("ignore", message="Specifying a partitions_def on an AssetCheckSpec", category=PreviewWarning)
# Tables stored per input batch (every row names its document, as in the release's layout); their checks
# run per batch, the others' on the whole corpus.
PER_BATCH = set(document_tables())


def _partitions(table: str):
    return batches if table in PER_BATCH else None


def _result(failures: pl.DataFrame | None, what: str) -> AssetCheckResult:
    n = 0 if failures is None else failures.height
    metadata = {"failures": n}
    if n:
        metadata["failure_cases"] = MetadataValue.md(f"```\n{failures.head(20)}\n```")
    return AssetCheckResult(passed=n == 0, severity=AssetCheckSeverity.ERROR,
                            description=f"{n} {what}" if n else f"no {what}", metadata=metadata)


def _schema_check(table: str):
    model = TABLES[table][0]

    @asset_check(asset=table, name=f"{table}_schema", blocking=True, partitions_def=_partitions(table),
                 description=f"{table} matches the pandera model {model.__name__}")
    def check(df: pl.DataFrame) -> AssetCheckResult:
        return _result(failure_cases(df, model), "schema failures")

    return check


def _consistency_check(table: str):
    surface = SURFACES.get(table)

    @asset_check(asset=table, name=f"{table}_consistency", blocking=True, partitions_def=_partitions(table),
                 additional_ins={"raw_documents": AssetIn(metadata={"columns": ["doc_id"]}),
                                 "clean_documents": AssetIn(metadata={"columns": ["doc_id", "clean_text"]})},
                 description=f"{table}: doc_ids exist" + (" and offsets match the clean text" if surface else ""))
    def check(df: pl.DataFrame, raw_documents, clean_documents) -> AssetCheckResult:
        # Per batch these are the batch's frames; for a corpus-wide table, every batch's.
        raw_documents, clean_documents = whole(raw_documents, "doc_id"), whole(clean_documents, "doc_id")
        failures = unknown_doc_ids(df, raw_documents).select("doc_id").with_columns(
            pl.lit("unknown doc_id").alias("problem"))
        if surface:
            bad = offset_mismatches(df, clean_documents, surface).select("doc_id").with_columns(
                pl.lit("offsets do not match text").alias("problem"))
            failures = pl.concat([failures, bad])
        return _result(failures, "inconsistent rows")

    return check


schema_checks = [_schema_check(t) for t in TABLES]
consistency_checks = [
    _consistency_check(t)
    for t in ("removed_spans", "sentences", "entity_mentions", "quotes", "events", "event_audit")
]


@asset_check(asset="clean_documents", name="clean_documents_consistency", blocking=True, partitions_def=batches,
             additional_ins={"raw_documents": AssetIn(metadata={"columns": ["doc_id"]})},
             description="clean_documents: doc_ids exist")
def clean_documents_consistency(df: pl.DataFrame, raw_documents: pl.DataFrame) -> AssetCheckResult:
    return _result(unknown_doc_ids(df, raw_documents).select("doc_id"), "unknown doc_ids")


consistency_checks.append(clean_documents_consistency)
