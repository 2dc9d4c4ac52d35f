"""Write a release: Parquet per table, manifest.json, views.sql; never overwrite a version."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline import __version__
from pipeline.release.fingerprints import rows_sha256, schema_description, sha256_file
from pipeline.release.jsonfile import write_json
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


def read_manifest(release_dir: Path) -> dict:
    return json.loads((release_dir / "manifest.json").read_text())


def write_parquet(df: pl.DataFrame, path: Path) -> None:
    # Fixed settings so the same rows give the same bytes.
    df.write_parquet(path, compression="zstd", compression_level=9, statistics=True,
                     row_group_size=100_000)


def publish(tables: dict[str, pl.DataFrame], releases: Path, input_fingerprint: str,
            profile: str = "full", scores: dict | None = None) -> ReleaseInfo:
    """Write ``tables`` as the next version under ``releases`` (or keep the latest if unchanged).

    ``scores`` ({task: {metric: value}}) are the measured extraction scores shown in the card.
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
    for name, (model, key) in TABLES.items():
        df = tables[name]
        path = staging / f"{name}.parquet"
        write_parquet(df, path)
        manifest["tables"][name] = {
            "file": path.name,
            "rows": df.height,
            "primary_key": key,
            "sha256": sha256_file(path),
            "rows_sha256": rows_sha256(df),
            "schema": schema_description(model),
        }
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

    (staging / "views.sql").write_text(views_sql(list(TABLES)))
    diffs = diff_releases(previous, staging) if previous else {}
    (staging / "CHANGELOG.md").write_text(
        render_changelog(diffs, manifest["previous_version"], manifest["version"], manifest["bump"]))
    write_duckdb(staging, list(TABLES))
    write_card(staging, manifest, scores)
    write_croissant(staging, manifest)
    write_datapackage(staging, manifest)
    write_summary(staging, tables, manifest)
    write_checksums(staging)


def write_checksums(folder: Path) -> Path:
    lines = [f"{sha256_file(p)}  {p.name}\n" for p in sorted(folder.iterdir())
             if p.is_file() and p.name != CHECKSUMS]
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
