"""Re-check a release: files present, checksums, row counts, schemas."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipeline.release.fingerprints import sha256_file
from pipeline.release.writer import read_manifest
from pipeline.validation import failure_cases
from schemas import TABLES


def validate_release(release_dir: Path) -> list[str]:
    """Problems found (empty list = valid)."""
    manifest_path = release_dir / "manifest.json"
    if not manifest_path.exists():
        return [f"{manifest_path} is missing"]
    manifest = read_manifest(release_dir)
    problems = []
    for name, entry in manifest["tables"].items():
        path = release_dir / entry["file"]
        if not path.exists():
            problems.append(f"{name}: {path.name} is missing")
            continue
        if sha256_file(path) != entry["sha256"]:
            problems.append(f"{name}: sha256 mismatch for {path.name}")
        try:
            df = pl.read_parquet(path)
        except pl.exceptions.PolarsError as exc:
            problems.append(f"{name}: {path.name} is not readable Parquet ({exc})")
            continue
        if df.height != entry["rows"]:
            problems.append(f"{name}: {df.height} rows, manifest says {entry['rows']}")
        if name in TABLES:
            cases = failure_cases(df, TABLES[name][0])
            if cases is not None:
                problems.append(f"{name}: {cases.height} schema failures, e.g. {cases.head(3).to_dicts()}")
        else:
            problems.append(f"{name}: not a known table")
    return problems
