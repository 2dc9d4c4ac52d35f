"""The IO manager keeps the asset tables on an fsspec store (what S3/GCS do on a cluster)."""

import shutil

import fsspec
import polars as pl
import pytest

from pipeline.build import build
from pipeline.release.layout import read_table

# Per-batch tables are stored one file per batch (the seeds' flat folder is the batch "_root").
STORED = {"raw_documents": "raw_documents/_root", "sentences": "sentences/_root", "entity_mentions": "entity_mentions/_root",
          "quotes": "quotes/_root", "events": "events/_root", "quarantine": "quarantine"}


@pytest.fixture()
def one_article(seeds_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    first = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copy(first, folder / first.name)
    return folder


def test_build_keeps_its_tables_on_an_fsspec_url(one_article, tmp_path):
    # A file:// URL goes through the same UPath/fsspec writes and polars object_store reads as s3://.
    # (memory:// cannot stand in: polars' native reader does not know fsspec's in-memory store.)
    store = tmp_path / "bucket"
    result = build(one_article, tmp_path / "out", storage_url=store.as_uri() + "/storage")
    assert result.success, result.failed_checks
    fs = fsspec.filesystem("file")
    for table, stored in STORED.items():
        with fs.open(f"{store}/storage/{stored}.parquet", "rb") as f:
            assert pl.read_parquet(f).height == result.row_counts[table]
    assert not (tmp_path / "out" / "storage").exists()  # nothing fell back to the local default
    release = read_table(tmp_path / "out" / "releases" / "latest", "sentences")
    assert release.height == result.row_counts["sentences"] > 0
