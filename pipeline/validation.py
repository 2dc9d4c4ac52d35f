"""Row-level validation: rows that break the table's contract are quarantined, never dropped."""

from __future__ import annotations

import json

import pandera.polars as pa
import polars as pl

from pipeline.ingest import reject


def failure_cases(df: pl.DataFrame, model: type[pa.DataFrameModel]) -> pl.DataFrame | None:
    """pandera's failure cases for ``df`` (None when valid)."""
    try:
        model.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases
    return None


def split_valid(df: pl.DataFrame, model: type[pa.DataFrameModel], stage: str,
                key: str) -> tuple[pl.DataFrame, list[dict]]:
    """Return (valid rows, quarantine rows for the invalid ones with the checks they failed)."""
    cases = failure_cases(df, model)
    if cases is None:
        return df, []
    table_level = cases.filter(pl.col("index").is_null())
    if table_level.height:
        # A missing column or wrong dtype is a bug in the stage, not bad data: fail loudly.
        raise ValueError(f"{stage}: output does not match its schema:\n{table_level}")
    reasons = (
        cases.group_by("index")
        .agg(pl.concat_str([pl.col("column"), pl.col("check")], separator=":").unique().sort())
        .sort("index")
    )
    bad_index = reasons["index"].to_list()
    rows = df.with_row_index("__row")
    bad = rows.filter(pl.col("__row").is_in(bad_index))
    good = rows.filter(~pl.col("__row").is_in(bad_index)).drop("__row")
    by_row = dict(zip(reasons["index"].to_list(), reasons["column"].to_list()))
    rejects = []
    for row in bad.iter_rows(named=True):
        checks = by_row[row.pop("__row")]
        rejects.append(reject(
            stage, "schema_violation", "failed " + ", ".join(checks),
            doc_id=row.get("doc_id"), row_id=str(row.get(key)),
            row_json=json.dumps(row, ensure_ascii=False, default=str, sort_keys=True),
        ))
    return good, rejects
