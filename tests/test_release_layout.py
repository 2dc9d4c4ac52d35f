"""The release's hive layout: batch keys in paths, one file per batch, checksums, DuckDB views."""

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import duckdb
import polars as pl
import pyarrow.dataset as pads
import pytest

from pipeline.assets._emit import by_batch
from pipeline.assets.release import doc_batches
from pipeline.release.column_docs import partition_docs, table_doc
from pipeline.release.layout import part_path, partition_values, read_manifest
from pipeline.release.writer import CHECKSUMS, release_files, write_table

KEYS = ["2024-05-01", "day 2", "دفعة", "a=b%c d", "_root"]


def test_batch_keys_are_percent_encoded_in_paths():
    assert part_path("events", "2024-05-01") == "events/batch=2024-05-01/part-0.parquet"
    assert part_path("events", "day 2") == "events/batch=day%202/part-0.parquet"
    assert part_path("events", "دفعة") == "events/batch=%D8%AF%D9%81%D8%B9%D8%A9/part-0.parquet"
    assert part_path("events", "a=b%c d") == "events/batch=a%3Db%25c%20d/part-0.parquet"
    assert part_path("entities", None) == "entities/part-0.parquet"
    for key in KEYS:
        assert part_path("events", key).isascii()
        assert partition_values(part_path("events", key)) == {"batch": key}


def test_hive_readers_decode_the_keys_and_keep_them_text(tmp_path):
    docs = [f"{i:016x}" for i in range(len(KEYS))]
    batches = pl.DataFrame({"doc_id": docs, "batch": KEYS})
    entry = write_table(pl.DataFrame({"doc_id": docs, "n": range(len(KEYS))}), tmp_path, "sentences", batches)
    assert len(entry["files"]) == len(KEYS) and entry["partition_columns"] == ["batch"]
    glob = str(tmp_path / entry["glob"])
    expected = sorted(zip(docs, KEYS))
    in_duckdb = duckdb.sql(f"SELECT doc_id, batch FROM read_parquet('{glob}', hive_partitioning = true, "
                           "hive_types = {'batch': VARCHAR}) ORDER BY doc_id").fetchall()
    in_polars = pl.read_parquet(glob, hive_partitioning=True, hive_schema={"batch": pl.String}).sort("doc_id")
    in_pyarrow = pads.dataset(tmp_path / "sentences", format="parquet", partitioning="hive").to_table()
    assert in_duckdb == expected
    assert in_polars.select("doc_id", "batch").rows() == expected
    assert sorted(zip(in_pyarrow["doc_id"].to_pylist(), in_pyarrow["batch"].cast("string").to_pylist())) == expected


def test_every_batch_gets_a_file_and_rows_keep_their_order(tmp_path):
    batches = pl.DataFrame({"doc_id": ["d1", "d2", "d3"], "batch": ["b", "a", "c"]})
    rows = pl.DataFrame({"doc_id": ["d2", "d1", "d2", "d1"], "n": [1, 2, 3, 4]})
    entry = write_table(rows, tmp_path, "sentences", batches)
    assert [(f["path"], f["rows"]) for f in entry["files"]] == [
        ("sentences/batch=a/part-0.parquet", 2), ("sentences/batch=b/part-0.parquet", 2),
        ("sentences/batch=c/part-0.parquet", 0)]
    assert pl.read_parquet(tmp_path / "sentences/batch=a/part-0.parquet")["n"].to_list() == [1, 3]
    assert pl.read_parquet(tmp_path / "sentences/batch=c/part-0.parquet").columns == ["doc_id", "n"]


def test_a_table_given_batch_by_batch_is_written_as_from_the_whole_frame_one_batch_read_at_a_time(tmp_path):
    batches = pl.DataFrame({"doc_id": ["d1", "d2", "d3"], "batch": ["b", "a", "a"]})
    whole = pl.DataFrame({"doc_id": ["d2", "d1", "d3", "d1"], "n": [1, 2, 3, 4]})
    reads = []

    class Batches(dict):  # records when each batch's rows are read
        def __getitem__(self, key):
            reads.append(key)
            return super().__getitem__(key)

    # "b" also holds a copy of d2, which belongs to the first batch ("a"): it is left out of "b".
    parts = Batches(a=pl.LazyFrame({"doc_id": ["d2", "d3"], "n": [1, 3]}),
                    b=pl.LazyFrame({"doc_id": ["d1", "d2", "d1"], "n": [2, 1, 4]}))
    streamed = write_table(parts, tmp_path / "streamed", "sentences", batches)
    at_once = write_table(whole, tmp_path / "whole", "sentences", batches)
    assert streamed == at_once
    assert [k for k in reads if k in parts] == ["a", "b"]  # in batch order, each once for its rows
    assert pl.read_parquet(tmp_path / "streamed/sentences/batch=b/part-0.parquet")["n"].to_list() == [2, 4]


def test_rows_of_a_document_no_batch_holds_are_refused(tmp_path):
    batches = pl.DataFrame({"doc_id": ["d1"], "batch": ["a"]})
    with pytest.raises(ValueError, match="no batch holds: \\['d9'\\]"):
        write_table(pl.DataFrame({"doc_id": ["d1", "d9"]}), tmp_path, "sentences", batches)


def test_corpus_tables_are_not_partitioned(tmp_path):
    batches = pl.DataFrame({"doc_id": ["d1"], "batch": ["a"]})
    entry = write_table(pl.DataFrame({"doc_id": [None, "d1"]}, schema={"doc_id": pl.String}), tmp_path,
                        "quarantine", batches)
    assert entry["glob"] == "quarantine/*.parquet" and entry["partition_columns"] == []
    assert [f["path"] for f in entry["files"]] == ["quarantine/part-0.parquet"]


def test_a_document_in_two_batches_belongs_to_the_first():
    parts = {"day2": pl.DataFrame({"doc_id": ["x", "y"]}), "day1": pl.DataFrame({"doc_id": ["y", "z"]})}
    assert doc_batches(parts) == {"y": "day1", "z": "day1", "x": "day2"}
    context = SimpleNamespace(asset_partition_keys_for_input=lambda name: ["only"])
    single = by_batch(context, "raw_documents", pl.DataFrame({"doc_id": ["x"]}))
    assert doc_batches(single) == {"x": "only"}
    assert by_batch(context, "raw_documents", parts) is parts


def _sha256sum_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["sha256sum", "--strict", "-c", CHECKSUMS], cwd=folder, capture_output=True, text=True)


def test_sha256sums_cover_the_files_in_subfolders_and_verify(split_seed_build, tmp_path):
    _, release = split_seed_build
    lines = (release / CHECKSUMS).read_text().splitlines()
    listed = [line.split("  ", 1)[1] for line in lines]
    assert listed == release_files(release) and len(listed) == len(set(listed))
    parts = {f["path"] for t in read_manifest(release)["tables"].values() for f in t["files"]}
    assert parts <= set(listed) and any("/batch=" in p for p in parts)
    assert _sha256sum_check(release).returncode == 0

    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    victim = next(p for p in sorted(parts) if "/batch=" in p)
    (copy / victim).write_bytes((copy / victim).read_bytes() + b"\0")
    check = _sha256sum_check(copy)
    assert check.returncode != 0 and f"{victim}: FAILED" in check.stdout


def _shell(release: Path, sql: str) -> list[list[str]]:
    shell = Path(sys.executable).with_name("duckdb")
    out = subprocess.run([str(shell), "dataset.duckdb", "-csv", "-noheader", "-c", sql], cwd=release,
                         capture_output=True, text=True, check=True).stdout
    return [line.split(",") for line in out.splitlines()]


def test_views_count_the_manifest_rows_and_show_the_documented_columns(split_seed_build):
    _, release = split_seed_build
    tables = read_manifest(release)["tables"]
    counts = " UNION ALL ".join(f"SELECT '{name}', count(*) FROM {name}" for name in tables)
    assert {name: int(n) for name, n in _shell(release, counts)} == {n: t["rows"] for n, t in tables.items()}

    con = duckdb.connect()
    con.execute("SET file_search_path = ?", [str(release)])  # views.sql is relative to the release folder
    con.execute((release / "views.sql").read_text())
    for name, entry in tables.items():
        assert con.sql(f"SELECT count(*) FROM {name}").fetchall() == [(entry["rows"],)], name
        documented = [c.name for c in table_doc(name).columns + partition_docs(entry)]
        assert [c[0] for c in con.sql(f"DESCRIBE {name}").fetchall()] == documented, name
    per_batch = con.sql("SELECT batch, count(*) FROM events GROUP BY ALL").fetchall()
    assert {b: n for b, n in per_batch} == {
        batch: next(f["rows"] for f in tables["events"]["files"] if partition_values(f["path"])["batch"] == batch)
        for batch in {b for b, _ in per_batch}}
    assert con.sql("SELECT DISTINCT typeof(batch) FROM events").fetchall() == [("VARCHAR",)]
