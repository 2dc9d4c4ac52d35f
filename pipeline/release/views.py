"""DuckDB views over a release's Parquet files."""

from __future__ import annotations

from pathlib import Path


def views_sql(tables: list[str], base: str = "") -> str:
    """CREATE VIEW statements; ``base`` prefixes file names ('' = relative to the release folder)."""
    prefix = f"{base.rstrip('/')}/" if base else ""
    return "".join(
        f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{prefix}{name}.parquet');\n"
        for name in tables
    )


def create_views(con, release_dir: Path, tables: list[str]) -> None:
    """Register a view per table on a DuckDB connection, with absolute paths."""
    con.execute(views_sql(tables, release_dir.resolve().as_posix()))
