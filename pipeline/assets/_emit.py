"""Validate a stage's table, quarantine bad rows, and describe the result in the Dagster UI."""

from __future__ import annotations

import polars as pl
from dagster import DagsterType, MetadataValue, Output

from pipeline.progress import Progress
from pipeline.tables.common import whole  # noqa: F401  (the assets' way to join their batches)
from pipeline.validation import split_valid
from schemas import TABLES, Quarantine, to_frame


def validated(context, table: str, df: pl.DataFrame, schema=None) -> tuple[pl.DataFrame, list[dict]]:
    """Rows of ``df`` that satisfy the table's model (or ``schema``), and quarantine rows for the rest."""
    model, key = TABLES[table]
    good, bad = split_valid(df, schema or model, table, key)
    if bad:
        context.log.warning(f"{table}: {len(bad)} rows quarantined (failed schema checks)")
    return good, bad


def table_output(table: str, df: pl.DataFrame, output_name: str | None = None, metadata: dict | None = None) -> Output:
    return Output(df, output_name=output_name or table, metadata={
        "rows": df.height,
        "preview": MetadataValue.md(f"```\n{df.head(5)}\n```"),
        **(metadata or {}),
    })


def rejects_output(context, name: str, rejects: list[dict]) -> Output:
    for row in rejects:
        context.log.warning(
            f"quarantined [{row['stage']}] {row['source_path'] or row['row_id'] or row['doc_id']}: "
            f"{row['reason']} ({row['detail']})"
        )
    frame = to_frame(rejects, Quarantine)
    return Output(frame, output_name=name, metadata={"rows": frame.height})


def progress(context, stage: str, total: int) -> Progress:
    """Documents done, rate and time left, in the run log (and on the CLI's stderr)."""
    name = f"{stage} [{context.partition_key}]" if context.has_partition_key else stage
    return Progress(name, total, context.log.info)


# A batch-partitioned input scanned lazily: {batch: LazyFrame}, or the bare LazyFrame of a single batch
# (Dagster's way), hence the type check. Stages that read one batch at a time keep memory flat.
LazyBatches = DagsterType(lambda _, value: isinstance(value, dict | pl.LazyFrame), name="LazyBatches",
                          typing_type=dict[str, pl.LazyFrame])


def by_batch(context, name: str, value):
    """{batch: frame} of a batch-partitioned input; Dagster hands a single batch over as its bare frame."""
    if isinstance(value, dict):
        return value
    (key,) = context.asset_partition_keys_for_input(name)
    return {key: value}
