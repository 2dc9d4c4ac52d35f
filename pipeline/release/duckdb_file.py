"""dataset.duckdb: a view per table, readable by the older `duckdb` shell from PyPI (duckdb-cli)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.release.views import views_sql

# duckdb-cli on PyPI lags the Python package; write a storage version it can open.
STORAGE_COMPATIBILITY = "v1.5.0"
FILENAME = "dataset.duckdb"


def write_duckdb(release_dir: Path, tables: dict[str, dict]) -> Path:
    """A view per manifest table (``tables``) over its glob, relative to the release folder: open the
    file from inside that folder."""
    path = release_dir / FILENAME
    con = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    try:
        # Views are bound at creation, so let DuckDB find the relative globs while creating them.
        con.execute("SET file_search_path = ?", [str(release_dir.resolve())])
        con.execute(views_sql(tables))
    finally:
        con.close()
    return path
