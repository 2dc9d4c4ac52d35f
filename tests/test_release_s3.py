"""DuckDB reads a release from S3 with hive partitioning; a moto server on localhost stands in for S3.

The httpfs extension cannot be downloaded here, so DuckDB reads through s3fs (registered as an fsspec
filesystem): the same s3:// globs, listing and per-file reads, and the same partition pruning.
"""

import socket

import duckdb
import pytest
import s3fs
from moto.server import ThreadedMotoServer

from pipeline.release.layout import partition_values, read_manifest
from pipeline.release.views import views_sql
from pipeline.release.writer import CHECKSUMS, release_files
from tests.conftest import SPLIT_BATCHES

BUCKET = "khabar-test"
REGION = "eu-west-1"  # s3fs asks us-east-1 for a location constraint that moto refuses


class CountingS3(s3fs.S3FileSystem):
    """Remembers the files it opens, to see which partitions a query read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.opened: list[str] = []

    def _open(self, path, *args, **kwargs):
        self.opened.append(self._strip_protocol(path))
        return super()._open(path, *args, **kwargs)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield CountingS3(key="test", secret="test", endpoint_url=f"http://127.0.0.1:{port}",
                         client_kwargs={"region_name": REGION}, skip_instance_cache=True)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def uploaded(split_seed_build, s3):
    """The split-seed release under s3://BUCKET/khabar/<version>/: (local folder, S3 prefix)."""
    _, release = split_seed_build
    prefix = f"{BUCKET}/khabar/{release.name}"
    s3.mkdir(BUCKET)
    s3.put(f"{release}/", f"{prefix}/", recursive=True)
    return release, prefix


@pytest.fixture()
def remote(s3):
    con = duckdb.connect()
    con.register_filesystem(s3)
    yield con
    con.close()


def test_the_upload_holds_every_file_under_its_hive_path(uploaded, s3):
    release, prefix = uploaded
    assert sorted(s3.find(prefix)) == sorted(f"{prefix}/{p}" for p in [*release_files(release), CHECKSUMS])


def test_duckdb_reads_the_same_rows_from_s3_as_from_the_local_release(uploaded, remote):
    release, prefix = uploaded
    tables = read_manifest(release)["tables"]
    local = duckdb.connect()
    local.execute(views_sql(tables, release.as_posix()))
    remote.execute(views_sql(tables, f"s3://{prefix}"))
    for name, entry in tables.items():
        query = f"SELECT * FROM {name} ORDER BY {entry['primary_key']}"
        assert remote.sql(query).fetchall() == local.sql(query).fetchall(), name
    events = remote.sql(f"SELECT batch, count(*) FROM read_parquet('s3://{prefix}/events/*/*.parquet', "
                        "hive_partitioning = true) GROUP BY ALL").fetchall()
    assert dict(events) == {partition_values(f["path"])["batch"]: f["rows"] for f in tables["events"]["files"]}
    local.close()


@pytest.mark.parametrize("batch", SPLIT_BATCHES)
def test_a_batch_filter_reads_only_that_batchs_files(uploaded, remote, s3, batch):
    release, prefix = uploaded
    files = {partition_values(f["path"])["batch"]: f"{prefix}/{f['path']}"
             for f in read_manifest(release)["tables"]["events"]["files"]}
    glob = f"s3://{prefix}/events/*/*.parquet"
    s3.opened.clear()
    rows = remote.sql(f"SELECT event_id FROM read_parquet('{glob}', hive_partitioning = true, "
                      f"hive_types = {{'batch': VARCHAR}}) WHERE batch = '{batch}' ORDER BY event_id").fetchall()
    local = duckdb.sql(f"SELECT event_id FROM read_parquet('{release}/events/*/*.parquet', hive_partitioning = true, "
                       f"hive_types = {{'batch': VARCHAR}}) WHERE batch = '{batch}' ORDER BY event_id").fetchall()
    assert rows == local and rows
    # DuckDB opens the first file of the listing to bind the schema; of the rest, only the batch's own.
    first = min(files.values())
    assert files[batch] in s3.opened
    assert set(s3.opened) <= {files[batch], first}


def test_without_a_filter_every_batch_file_is_read(uploaded, remote, s3):
    release, prefix = uploaded
    s3.opened.clear()
    remote.sql(f"SELECT count(*) FROM read_parquet('s3://{prefix}/events/*/*.parquet', hive_partitioning = true)"
               ).fetchall()
    assert set(s3.opened) == {f"{prefix}/{f['path']}" for f in read_manifest(release)["tables"]["events"]["files"]}
