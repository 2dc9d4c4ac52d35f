"""Write a release: Parquet files per table (by input batch where rows belong to a document),
manifest.json, views.sql and the companions; never overwrite a version."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline import __version__
from pipeline.release.fingerprints import hash_rows, schema_description, sha256_file
from pipeline.release.jsonfile import write_json
from pipeline.release.layout import (
    PARTITION_COLUMN,
    document_tables,
    part_path,
    read_manifest,
    table_glob,
)
from pipeline.release.profiles import PROFILES, profile_frame
from pipeline.release.versioning import bump_kind, next_version
from pipeline.release.views import views_sql
from pipeline.tables.common import collected, whole
from schemas import TABLES, to_frame

LATEST = "LATEST"
CHECKSUMS = "SHA256SUMS"


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    version: str
    path: Path
    created: bool  # False when the data equals the latest release, which then stands
    summary: dict | None = None  # the summary page's figures (``summary_metadata``) of a release just written


def latest_version(releases: Path) -> str | None:
    pointer = releases / LATEST
    return pointer.read_text().strip() if pointer.exists() else None


def write_parquet(df: pl.DataFrame, path: Path) -> None:
    # Fixed settings so the same rows give the same bytes.
    df.write_parquet(path, compression="zstd", compression_level=9, statistics=True,
                     row_group_size=100_000)


# A table's rows: one frame, or {batch: frame} (lazy or not) as the batch-partitioned assets give them.
Source = pl.DataFrame | pl.LazyFrame | Mapping[str, pl.DataFrame | pl.LazyFrame]


def write_table(source: Source, folder: Path, name: str, batches: pl.DataFrame | None,
                profile: str = "full") -> dict:
    """Write table ``name`` under ``folder`` and return its manifest entry.

    With ``batches`` (doc_id, batch) a document table gets one file per batch, every batch listed
    there, empty files included so that each table's glob always matches; otherwise one file. Given
    {batch: frame}, one batch is read at a time, and a batch keeps only the documents that ``batches``
    files under it (a document given in two batches belongs to the first).
    """
    model, key = TABLES[name]
    partitioned = batches is not None and name in document_tables()
    digest = hashlib.sha256()
    rows = 0
    files = []
    for batch, part in _parts(source, name, batches if partitioned else None):
        part = profile_frame(name, part, profile)
        files.append(_write_part(part, folder, part_path(name, batch)))
        # Over the rows as a hive reader sees them: a document moved to another batch is a change.
        seen = part if batch is None else part.with_columns(pl.lit(batch, pl.String).alias(PARTITION_COLUMN))
        hash_rows(digest, seen)
        rows += part.height
    return {
        "glob": table_glob(name, partitioned),
        "partition_columns": [PARTITION_COLUMN] if partitioned else [],
        "rows": rows,
        "primary_key": key,
        "rows_sha256": digest.hexdigest(),
        "schema": schema_description(model),
        "files": sorted(files, key=lambda f: f["path"]),
    }


def _parts(source: Source, name: str, batches: pl.DataFrame | None) -> Iterator[tuple[str | None, pl.DataFrame]]:
    """(batch, rows) to write, in batch order; (None, every row) for an unpartitioned table."""
    if batches is None:
        yield None, whole(dict(source) if isinstance(source, Mapping) else source, TABLES[name][1])
        return
    keys = sorted(batches[PARTITION_COLUMN].unique().to_list())
    if not isinstance(source, Mapping):  # one frame: split it by the mapping
        df = _with_batch(collected(source), batches, name)
        source = {k: df.filter(pl.col(PARTITION_COLUMN) == k).drop(PARTITION_COLUMN) for k in keys}
    empty = None
    for k in keys:
        if k in source:
            part = collected(source[k])
            _check_filed(part, batches, name)
            part = part.join(batches.filter(pl.col(PARTITION_COLUMN) == k).select("doc_id"),
                             on="doc_id", how="semi", maintain_order="left")
            empty = part.clear()
            yield k, part
        else:
            yield k, empty if empty is not None else _empty(source, name)


def _empty(source: Mapping, name: str) -> pl.DataFrame:
    """No rows, with the columns the batches' frames have."""
    return collected(next(iter(source.values())).clear()) if source else to_frame([], TABLES[name][0])


def _check_filed(part: pl.DataFrame, batches: pl.DataFrame, name: str) -> None:
    """Every document must be filed under some batch (the mapping comes from raw_documents)."""
    orphans = part.join(batches, on="doc_id", how="anti")["doc_id"].unique().sort()
    if orphans.len():
        raise ValueError(f"{name}: rows of documents that no batch holds: {orphans.head(5).to_list()}")


def _with_batch(df: pl.DataFrame, batches: pl.DataFrame, name: str) -> pl.DataFrame:
    _check_filed(df, batches, name)
    return df.join(batches, on="doc_id", how="left", maintain_order="left")


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


def publish(tables: dict[str, Source], releases: Path, input_fingerprint: str,
            profile: str = "full", scores: dict | None = None,
            batches: Mapping[str, str] | None = None) -> ReleaseInfo:
    """Write ``tables`` as the next version under ``releases`` (or keep the latest if unchanged).

    ``scores`` ({task: {metric: value}}) are the measured extraction scores shown in the card.
    ``batches`` maps each doc_id to its input batch: the document tables are partitioned by it.
    Without it every table is one file. A table given as {batch: lazy frame} is read one batch at a
    time, and the companions read back only the columns they need, so memory stays near one batch.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; expected one of {PROFILES}")
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
        manifest["tables"][name] = write_table(tables[name], staging, name, batch_frame, profile)
    previous_version = latest_version(releases)
    previous = read_manifest(releases / previous_version) if previous_version else None
    kind = bump_kind(previous, manifest)
    if kind is None:
        shutil.rmtree(staging)
        return ReleaseInfo(previous_version, releases / previous_version, created=False)
    version = next_version(previous_version, kind)
    manifest.update(version=version, previous_version=previous_version, bump=kind)
    write_json(staging / "manifest.json", manifest)
    summary = _write_companions(staging, manifest, releases / previous_version if previous_version else None,
                                scores)
    target = releases / version
    if target.exists():
        shutil.rmtree(staging)
        raise FileExistsError(f"release {version} already exists and is immutable: {target}")
    staging.rename(target)
    _point_latest(releases, version)
    return ReleaseInfo(version, target, created=True, summary=summary)


def _write_companions(staging: Path, manifest: dict, previous: Path | None, scores: dict | None) -> dict:
    """Everything a researcher gets beside the Parquet files; SHA256SUMS last, covering the rest. Returns
    the summary page's figures."""
    from pipeline.release.card import write_card
    from pipeline.release.croissant import write_croissant
    from pipeline.release.datapackage import write_datapackage
    from pipeline.release.diff import diff_releases, render_changelog
    from pipeline.release.duckdb_file import write_duckdb
    from pipeline.release.summary import manifest_rows, summary_metadata, summary_tables, write_summary

    (staging / "views.sql").write_text(views_sql(manifest["tables"]))
    diffs = diff_releases(previous, staging) if previous else {}
    (staging / "CHANGELOG.md").write_text(
        render_changelog(diffs, manifest["previous_version"], manifest["version"], manifest["bump"]))
    write_duckdb(staging, manifest["tables"])
    write_card(staging, manifest, scores)
    write_croissant(staging, manifest)
    write_datapackage(staging, manifest)
    tables = summary_tables(staging)
    summary = summary_metadata(tables, manifest_rows(manifest))
    write_summary(staging, tables, manifest, summary)
    write_checksums(staging)
    return summary


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
