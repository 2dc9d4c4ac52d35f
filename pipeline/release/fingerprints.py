"""Fingerprints that decide whether a release changed, and how (schema, rows, bytes)."""

from __future__ import annotations

import hashlib
import json

import pandera.polars as pa
import polars as pl

from schemas import polars_schema


def sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def schema_description(model: type[pa.DataFrameModel]) -> dict[str, str]:
    """Column -> dtype string; any change here is a schema change (MAJOR)."""
    return {name: str(dtype) for name, dtype in polars_schema(model).items()}


def hash_rows(digest: "hashlib._Hash", df: pl.DataFrame) -> None:
    """Add the rows' content to ``digest`` (a table's ``rows_sha256``, which decides MINOR vs PATCH),
    independent of Parquet encoding; a table's parts added in order hash as the whole table."""
    digest.update(df.write_ndjson().encode("utf-8"))


def input_fingerprint(raw_documents: pl.DataFrame, quarantine: pl.DataFrame) -> str:
    """Hash of what went in: accepted documents' hashes and rejected inputs' IDs."""
    parts = sorted(raw_documents["sha256"].to_list()) + sorted(quarantine["quarantine_id"].to_list())
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()
