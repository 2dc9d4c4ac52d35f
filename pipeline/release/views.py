"""DuckDB views over a release's Parquet files."""

from __future__ import annotations

from pathlib import Path

from pipeline.release.layout import read_manifest


def read_sql(entry: dict, base: str = "") -> str:
    """``read_parquet`` over a manifest table's glob; ``base`` prefixes it ('' = relative to the release
    folder). Partition values are read as text: DuckDB would otherwise turn batch keys that look like
    dates or numbers into those types, and differently from one release to the next."""
    prefix = f"{base.rstrip('/')}/" if base else ""
    options = ", ".join(f"'{c}': VARCHAR" for c in entry["partition_columns"])
    hive = f"hive_partitioning = true, hive_types = {{{options}}}" if options else "hive_partitioning = false"
    return f"read_parquet('{prefix}{entry['glob']}', {hive})"


def views_sql(tables: dict[str, dict], base: str = "") -> str:
    """A CREATE VIEW statement per table of a manifest's ``tables``."""
    return "".join(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {read_sql(entry, base)};\n"
                   for name, entry in tables.items())


def create_views(con, release_dir: Path, tables: list[str]) -> None:
    """Register a view per table on a DuckDB connection, with absolute paths."""
    entries = read_manifest(release_dir)["tables"]
    con.execute(views_sql({name: entries[name] for name in tables}, release_dir.resolve().as_posix()))
