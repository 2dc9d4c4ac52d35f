"""Validate a stage's table, quarantine bad rows, and describe the result in the Dagster UI."""

from __future__ import annotations

import polars as pl
from dagster import MetadataValue, Output

from pipeline.progress import Progress
from pipeline.validation import split_valid
from schemas import TABLES, Quarantine, to_frame


def validated(context, table: str, df: pl.DataFrame) -> tuple[pl.DataFrame, list[dict]]:
    model, key = TABLES[table]
    good, bad = split_valid(df, model, table, key)
    if bad:
        context.log.warning(f"{table}: {len(bad)} rows quarantined (failed schema checks)")
    return good, bad


def table_output(table: str, df: pl.DataFrame) -> Output:
    return Output(df, output_name=table, metadata={
        "rows": df.height,
        "preview": MetadataValue.md(f"```\n{df.head(5)}\n```"),
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
    return Progress(stage, total, context.log.info)
