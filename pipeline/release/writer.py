"""Write a release: Parquet files per table (by input batch where rows belong to a document),
manifest.json, views.sql and the companions; never overwrite a version."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline import __version__
from pipeline.release.fingerprints import rows_sha256, schema_description, sha256_file
from pipeline.release.jsonfile import write_json
from pipeline.release.layout import (
    PARTITION_COLUMN,
    document_tables,
    part_path,
    read_manifest,
    table_glob,
)
from pipeline.release.profiles import apply_profile
from pipeline.release.versioning import bump_kind, next_version
from pipeline.release.views import views_sql
from schemas import TABLES

LATEST = "LATEST"
CHECKSUMS = "SHA256SUMS"


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    version: str
    path: Path
    created: bool  # False when the data equals the latest release, which then stands


def latest_version(releases: Path) -> str | None:
    pointer = releases / LATEST
    return pointer.read_text().strip() if pointer.exists() else None


def write_parquet(df: pl.DataFrame, path: Path) -> None:
    # Fixed settings so the same rows give the same bytes.
    df.write_parquet(path, compression="zstd", compression_level=9, statistics=True,
                     row_group_size=100_000)


def write_table(df: pl.DataFrame, folder: Path, name: str, batches: pl.DataFrame | None) -> dict:
    """Write table ``name`` under ``folder`` and return its manifest entry.

    With ``batches`` (doc_id, batch) a document table gets one file per batch, every batch listed
    there, empty files included so that each table's glob always matches; otherwise one file.
    """
    model, key = TABLES[name]
    partitioned = batches is not None and name in document_tables()
    if partitioned:
        df = _with_batch(df, batches, name)
        files = _write_batches(df, folder, name, batches[PARTITION_COLUMN].unique().to_list())
    else:
        files = [_write_part(df, folder, part_path(name, None))]
    return {
        "glob": table_glob(name, partitioned),
        "partition_columns": [PARTITION_COLUMN] if partitioned else [],
        "rows": df.height,
        "primary_key": key,
        # Over the rows as a hive reader sees them: a document moved to another batch is a change.
        "rows_sha256": rows_sha256(df),
        "schema": schema_description(model),
        "files": sorted(files, key=lambda f: f["path"]),
    }


def _with_batch(df: pl.DataFrame, batches: pl.DataFrame, name: str) -> pl.DataFrame:
    out = df.join(batches, on="doc_id", how="left", maintain_order="left")
    orphans = out.filter(pl.col(PARTITION_COLUMN).is_null())["doc_id"].unique().sort()
    if orphans.len():
        raise ValueError(f"{name}: rows of documents that no batch holds: {orphans.head(5).to_list()}")
    return out


def _write_batches(df: pl.DataFrame, folder: Path, name: str, keys: list[str]) -> list[dict]:
    """One file per batch key, rows in the table's order; a batch with no rows gets an empty file."""
    parts = df.partition_by(PARTITION_COLUMN, maintain_order=True, include_key=False, as_dict=True)
    empty = df.clear().drop(PARTITION_COLUMN)
    return [_write_part(parts.get((key,), empty), folder, part_path(name, key)) for key in keys]


def _write_part(df: pl.DataFrame, folder: Path, relative: str) -> dict:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    write_parquet(df, path)
    return {"path": relative, "rows": df.height, "sha256": sha256_file(path)}


def _batch_frame(batches: Mapping[str, str] | None) -> pl.DataFrame | None:
    """The doc_id -> batch mapping as a join table; no batch at all leaves the release unpartitioned."""
    if not batches:
        return None
    return pl.DataFrame({"doc_id": list(batches), PARTITION_COLUMN: list(batches.values())},
                        schema={"doc_id": pl.String, PARTITION_COLUMN: pl.String})


def publish(tables: dict[str, pl.DataFrame], releases: Path, input_fingerprint: str,
            profile: str = "full", scores: dict | None = None,
            batches: Mapping[str, str] | None = None) -> ReleaseInfo:
    """Write ``tables`` as the next version under ``releases`` (or keep the latest if unchanged).

    ``scores`` ({task: {metric: value}}) are the measured extraction scores shown in the card.
    ``batches`` maps each doc_id to its input batch: the document tables are partitioned by it.
    Without it every table is one file.
    """
    tables = apply_profile(tables, profile)
    releases.mkdir(parents=True, exist_ok=True)
    staging = releases / f".staging-{input_fingerprint[:12]}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    manifest = {
        "name": "khabar",
        "version": None,
        "previous_version": None,
        "bump": None,
        "profile": profile,
        "input_fingerprint": input_fingerprint,
        "code_version": __version__,
        "tables": {},
    }
    batch_frame = _batch_frame(batches)
    for name in TABLES:
        manifest["tables"][name] = write_table(tables[name], staging, name, batch_frame)
    previous_version = latest_version(releases)
    previous = read_manifest(releases / previous_version) if previous_version else None
    kind = bump_kind(previous, manifest)
    if kind is None:
        shutil.rmtree(staging)
        return ReleaseInfo(previous_version, releases / previous_version, created=False)
    version = next_version(previous_version, kind)
    manifest.update(version=version, previous_version=previous_version, bump=kind)
    write_json(staging / "manifest.json", manifest)
    _write_companions(staging, manifest, tables, releases / previous_version if previous_version else None,
                      scores)
    target = releases / version
    if target.exists():
        shutil.rmtree(staging)
        raise FileExistsError(f"release {version} already exists and is immutable: {target}")
    staging.rename(target)
    _point_latest(releases, version)
    return ReleaseInfo(version, target, created=True)


def _write_companions(staging: Path, manifest: dict, tables: dict[str, pl.DataFrame],
                      previous: Path | None, scores: dict | None) -> None:
    """Everything a researcher gets beside the Parquet files; SHA256SUMS last, covering the rest."""
    from pipeline.release.card import write_card
    from pipeline.release.croissant import write_croissant
    from pipeline.release.datapackage import write_datapackage
    from pipeline.release.diff import diff_releases, render_changelog
    from pipeline.release.duckdb_file import write_duckdb
    from pipeline.release.summary import write_summary

    (staging / "views.sql").write_text(views_sql(manifest["tables"]))
    diffs = diff_releases(previous, staging) if previous else {}
    (staging / "CHANGELOG.md").write_text(
        render_changelog(diffs, manifest["previous_version"], manifest["version"], manifest["bump"]))
    write_duckdb(staging, manifest["tables"])
    write_card(staging, manifest, scores)
    write_croissant(staging, manifest)
    write_datapackage(staging, manifest)
    write_summary(staging, tables, manifest)
    write_checksums(staging)


def release_files(folder: Path) -> list[str]:
    """Every file of a release folder but SHA256SUMS, as sorted relative POSIX paths."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and p != folder / CHECKSUMS)


def write_checksums(folder: Path) -> Path:
    """``sha256sum -c`` input: one line per file, subfolders included, paths relative to ``folder``."""
    lines = [f"{sha256_file(folder / p)}  {p}\n" for p in release_files(folder)]
    path = folder / CHECKSUMS
    path.write_text("".join(lines))
    return path


def _point_latest(releases: Path, version: str) -> None:
    tmp = releases / f".{LATEST}.tmp"
    tmp.write_text(version + "\n")
    tmp.replace(releases / LATEST)
    link = releases / "latest"
    tmp_link = releases / ".latest.tmp"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(version, target_is_directory=True)
    tmp_link.replace(link)
