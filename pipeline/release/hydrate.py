"""Re-attach article text to a `public` release from the user's own copy of the articles.

A public release keeps each document's sha256 (raw bytes) and clean_sha256; the user's files are
matched by the first and the re-cleaned text is accepted only if it matches the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline.ingest import ingest_folder
from pipeline.release.jsonfile import write_json
from pipeline.release.layout import PARTITION_COLUMN, read_entry, read_manifest
from pipeline.release.writer import write_checksums, write_table
from pipeline.tables.documents import clean_documents_tables


@dataclass(frozen=True)
class HydrateReport:
    path: Path
    hydrated: int
    missing: list[str]      # doc_ids with no matching article among the user's files
    mismatched: list[str]   # doc_ids whose re-cleaned text does not match clean_sha256


def hydrate(public_dir: Path, articles_dir: Path, out_dir: Path) -> HydrateReport:
    manifest = read_manifest(public_dir)
    if manifest["profile"] != "public":
        raise ValueError(f"{public_dir} is a {manifest['profile']!r} release; only public releases need hydrating")
    tables = {name: read_entry(public_dir, e) for name, e in manifest["tables"].items()}
    batches = _doc_batches(public_dir, manifest["tables"]["raw_documents"])
    raw = tables["raw_documents"]
    theirs = ingest_folder(articles_dir).documents.select("sha256", "raw_text")
    raw = raw.drop("raw_text").join(theirs, on="sha256", how="left").select(raw.columns)
    missing = raw.filter(pl.col("raw_text").is_null())["doc_id"].to_list()

    recleaned, removed, *_ = clean_documents_tables(raw.filter(pl.col("raw_text").is_not_null()))
    stored = tables["clean_documents"].select("doc_id", "clean_sha256")
    ok = recleaned.join(stored, on=["doc_id", "clean_sha256"], how="semi")
    mismatched = sorted(set(recleaned["doc_id"]) - set(ok["doc_id"]))
    text = ok.select("doc_id", "clean_text", "source_text")

    clean = tables["clean_documents"].drop("clean_text", "source_text").join(text, on="doc_id", how="left")
    tables["clean_documents"] = clean.select(tables["clean_documents"].columns)
    tables["raw_documents"] = raw.filter(~pl.col("doc_id").is_in(mismatched)).vstack(
        raw.filter(pl.col("doc_id").is_in(mismatched)).with_columns(pl.lit(None, pl.Utf8).alias("raw_text"))
    ).sort("doc_id")
    tables["sentences"] = _slice_text(tables["sentences"], text)
    tables["removed_spans"] = tables["removed_spans"].drop("text").join(
        removed.select("span_id", "text"), on="span_id", how="left"
    ).select(tables["removed_spans"].columns)

    out = out_dir / f"{manifest['version']}-hydrated"
    out.mkdir(parents=True, exist_ok=False)
    for name in manifest["tables"]:
        manifest["tables"][name] = write_table(tables[name], out, name, batches)
    manifest.update(profile="full", hydrated_from=manifest["version"])
    write_json(out / "manifest.json", manifest)
    write_checksums(out)
    return HydrateReport(out, text.height, missing, mismatched)


def _doc_batches(release_dir: Path, raw_entry: dict) -> pl.DataFrame | None:
    """doc_id -> batch as the public release has it, so the hydrated one keeps its layout."""
    if PARTITION_COLUMN not in raw_entry.get("partition_columns", []):
        return None
    return read_entry(release_dir, raw_entry, partitions=True).select("doc_id", PARTITION_COLUMN)


def _slice_text(sentences: pl.DataFrame, text: pl.DataFrame) -> pl.DataFrame:
    joined = sentences.drop("text").join(text.select("doc_id", "clean_text"), on="doc_id", how="left")
    return joined.with_columns(
        pl.col("clean_text").str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start")).alias("text")
    ).select(sentences.columns)
