"""Versioned, immutable dataset releases: Parquet files, manifest, DuckDB views, validation."""
