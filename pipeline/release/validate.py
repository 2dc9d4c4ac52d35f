"""Re-check a release: files present and no stray ones, checksums, row counts, schemas."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipeline.release.fingerprints import sha256_file
from pipeline.release.layout import read_manifest, table_files
from pipeline.validation import failure_cases
from schemas import TABLES


def validate_release(release_dir: Path) -> list[str]:
    """Problems found (empty list = valid)."""
    manifest_path = release_dir / "manifest.json"
    if not manifest_path.exists():
        return [f"{manifest_path} is missing"]
    return [problem for name, entry in read_manifest(release_dir)["tables"].items()
            for problem in _check_table(release_dir, name, entry)]


def _check_table(release_dir: Path, name: str, entry: dict) -> list[str]:
    if name not in TABLES:
        return [f"{name}: not a known table"]
    problems = _check_glob(release_dir, name, entry)
    frames = [_read_file(release_dir, name, file, problems) for file in table_files(entry)]
    if any(df is None for df in frames):
        return problems
    df = pl.concat(frames, how="vertical")
    if df.height != entry["rows"]:
        problems.append(f"{name}: {df.height} rows, manifest says {entry['rows']}")
    cases = failure_cases(df, TABLES[name][0])
    if cases is not None:
        problems.append(f"{name}: {cases.height} schema failures, e.g. {cases.head(3).to_dicts()}")
    return problems


def _read_file(release_dir: Path, name: str, file: dict, problems: list[str]) -> pl.DataFrame | None:
    """The file's rows if it is there and readable (else None); problems found are appended."""
    path = release_dir / file["path"]
    if not path.exists():
        problems.append(f"{name}: {file['path']} is missing")
        return None
    if sha256_file(path) != file["sha256"]:
        problems.append(f"{name}: sha256 mismatch for {file['path']}")
    try:
        df = pl.read_parquet(path)
    except pl.exceptions.PolarsError as exc:
        problems.append(f"{name}: {file['path']} is not readable Parquet ({exc})")
        return None
    if df.height != file["rows"]:
        problems.append(f"{name}: {file['path']} has {df.height} rows, manifest says {file['rows']}")
    return df


def _check_glob(release_dir: Path, name: str, entry: dict) -> list[str]:
    """Readers take every file the glob matches, so it must match the listed ones and no others."""
    if "glob" not in entry:  # a release from before the partitioned layout
        return []
    found = {p.relative_to(release_dir).as_posix() for p in release_dir.glob(entry["glob"])}
    return [f"{name}: {path} matches {entry['glob']} but is not in the manifest"
            for path in sorted(found - {f["path"] for f in table_files(entry)})]
