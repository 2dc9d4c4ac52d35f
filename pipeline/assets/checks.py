"""Blocking asset checks: each table against its pandera schema, plus cross-table consistency."""

from __future__ import annotations

import warnings

import polars as pl
from dagster import (
    AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetIn, MetadataValue, PreviewWarning, multi_asset_check,
)

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


def _result(failures: pl.DataFrame | None, what: str, name: str) -> AssetCheckResult:
    n = 0 if failures is None else failures.height
    metadata = {"failures": n}
    if n:
        metadata["failure_cases"] = MetadataValue.md(f"```\n{failures.head(20)}\n```")
    return AssetCheckResult(check_name=name, passed=n == 0, severity=AssetCheckSeverity.ERROR,
                            description=f"{n} {what}" if n else f"no {what}", metadata=metadata)


def _table_checks(table: str):
    """The table's schema check and, where it has one, its consistency check, in one step: the table
    is read once for both (a step per check read it twice and doubled Dagster's work per batch)."""
    model = TABLES[table][0]
    surface = SURFACES.get(table)
    partitions = _partitions(table)
    schema, consistency = f"{table}_schema", f"{table}_consistency"
    specs = [AssetCheckSpec(schema, asset=table, blocking=True, partitions_def=partitions,
                            description=f"{table} matches the pandera model {model.__name__}")]
    ins = {"df": AssetIn(key=table)}
    if table in CONSISTENT:
        # Whole frames: a multi-check's inputs cannot select columns, and one batch's documents are small.
        ins["raw_documents"] = AssetIn(key="raw_documents")
        if surface:
            ins["clean_documents"] = AssetIn(key="clean_documents")
        what = "doc_ids exist" + (" and offsets match the clean text" if surface else "")
        specs.append(AssetCheckSpec(consistency, asset=table, blocking=True, partitions_def=partitions,
                                    additional_deps=[n for n in ins if n != "df"], description=f"{table}: {what}"))

    def outcomes(df: pl.DataFrame, raw_documents=None, clean_documents=None):
        yield _result(failure_cases(df, model), "schema failures", schema)
        if raw_documents is None:
            return
        # Per batch these are the batch's frames; for a corpus-wide table, every batch's.
        failures = unknown_doc_ids(df, whole(raw_documents, "doc_id")).select("doc_id").with_columns(
            pl.lit("unknown doc_id").alias("problem"))
        if surface:
            bad = offset_mismatches(df, whole(clean_documents, "doc_id"), surface).select("doc_id").with_columns(
                pl.lit("offsets do not match text").alias("problem"))
            failures = pl.concat([failures, bad])
        yield _result(failures, "inconsistent rows", consistency)

    # Dagster reads a check's inputs from its parameters: one signature per set of inputs.
    decorate = multi_asset_check(name=f"{table}_checks", specs=specs, ins=ins)
    if "clean_documents" in ins:
        return decorate(lambda df, raw_documents, clean_documents: outcomes(df, raw_documents, clean_documents))
    if "raw_documents" in ins:
        return decorate(lambda df, raw_documents: outcomes(df, raw_documents))
    return decorate(lambda df: outcomes(df))


# Tables whose doc_ids (and offsets, see SURFACES) are checked against the documents.
CONSISTENT = {"clean_documents", "removed_spans", "sentences", "entity_mentions", "quotes", "events", "event_audit"}
table_checks = [_table_checks(t) for t in TABLES]
