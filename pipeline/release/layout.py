"""Where a release's Parquet files are, and how to read them back.

Tables whose rows belong to a document are hive-partitioned by input batch,
``<table>/batch=<key>/part-0.parquet``; corpus-level tables are ``<table>/part-0.parquet``. A batch key
is a folder name, so in a path it is percent-encoded (all but ``A-Za-z0-9-._~``): object-storage keys
stay ASCII and URL-safe, and DuckDB, polars and pyarrow decode it back when they read the partitions.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

import polars as pl

from schemas import TABLES

PARTITION_COLUMN = "batch"
PART = "part-0.parquet"


def read_manifest(release_dir: Path) -> dict:
    return json.loads((Path(release_dir) / "manifest.json").read_text(encoding="utf-8"))


@functools.cache
def document_tables() -> tuple[str, ...]:
    """The tables partitioned by batch: every row names its document (a required ``doc_id``)."""
    out = []
    for name, (model, _) in TABLES.items():
        column = model.to_schema().columns.get("doc_id")
        if column is not None and not column.nullable:
            out.append(name)
    return tuple(out)


def part_path(table: str, batch: str | None) -> str:
    """Relative path of a table's file for ``batch`` (None: the table is not partitioned)."""
    if batch is None:
        return f"{table}/{PART}"
    return f"{table}/{PARTITION_COLUMN}={quote(batch, safe='')}/{PART}"


def table_glob(table: str, partitioned: bool) -> str:
    return f"{table}/*/*.parquet" if partitioned else f"{table}/*.parquet"


def partition_values(path: str) -> dict[str, str]:
    """The hive ``key=value`` folders of a relative file path, values decoded."""
    folders = PurePosixPath(path).parts[1:-1]
    return {key: unquote(value) for key, _, value in (f.partition("=") for f in folders)}


def table_files(entry: dict) -> list[dict]:
    """A manifest table's files ({path, rows, sha256}); releases before the partitioned layout had one ``file``."""
    if "files" in entry:
        return entry["files"]
    return [{"path": entry["file"], "rows": entry["rows"], "sha256": entry["sha256"]}]


def entry_frames(release_dir: Path, entry: dict, partitions: bool = False,
                 columns: list[str] | None = None) -> Iterator[pl.DataFrame]:
    """A table's rows, one file at a time in manifest order (only ``columns`` if given); ``partitions``
    adds the partition columns from the paths, as a hive reader would."""
    for file in table_files(entry):
        df = pl.read_parquet(Path(release_dir) / file["path"], columns=columns)
        if partitions:
            df = df.with_columns(pl.lit(v, pl.String).alias(k) for k, v in partition_values(file["path"]).items())
        yield df


def scan_entry(release_dir: Path, entry: dict, columns: list[str]) -> pl.LazyFrame:
    """A table's ``columns`` over all its files, lazily (nothing is read until collected)."""
    return pl.concat([pl.scan_parquet(Path(release_dir) / f["path"]).select(columns) for f in table_files(entry)],
                     how="vertical")


def read_entry(release_dir: Path, entry: dict, partitions: bool = False,
               columns: list[str] | None = None) -> pl.DataFrame:
    """A table's rows from its files (see ``entry_frames``), as one frame."""
    return pl.concat(entry_frames(release_dir, entry, partitions, columns), how="vertical")


def read_table(release_dir: Path, name: str, partitions: bool = False) -> pl.DataFrame:
    return read_entry(release_dir, read_manifest(release_dir)["tables"][name], partitions)
