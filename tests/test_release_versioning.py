import shutil

import polars as pl
import pytest

from pipeline.release.validate import validate_release
from pipeline.release.versioning import bump_kind, next_version
from pipeline.release.writer import latest_version, publish
from schemas import TABLES, to_frame


def _manifest(schema="String", rows="r1", sha="s1", partitions=("batch",), path="quotes/batch=a/part-0.parquet"):
    files = [{"path": path, "rows": 1, "sha256": sha}]
    return {"tables": {"quotes": {"schema": {"text": schema}, "partition_columns": list(partitions),
                                  "rows_sha256": rows, "files": files}}}


def _before_partitions(sha="s1"):
    """A manifest of the layout before batch partitions: one `file` per table."""
    return {"tables": {"quotes": {"schema": {"text": "String"}, "rows_sha256": "r1", "file": "quotes.parquet",
                                  "rows": 1, "sha256": sha}}}


@pytest.mark.parametrize(("old", "new", "kind"), [
    (None, _manifest(), "major"),
    (_manifest(), _manifest(schema="Int64"), "major"),
    (_manifest(), _manifest(partitions=()), "major"),  # readers lose the batch column
    (_manifest(), _manifest(rows="r2", sha="s2"), "minor"),
    (_manifest(), _manifest(sha="s2"), "patch"),
    (_manifest(), _manifest(path="quotes/batch=b/part-0.parquet"), "patch"),
    (_manifest(), _manifest(), None),
    (_before_partitions(), _manifest(), "major"),
    (_before_partitions(), _manifest(partitions=(), path="quotes/part-0.parquet"), "patch"),
])
def test_bump_kind_follows_the_versioning_rules(old, new, kind):
    assert bump_kind(old, new) == kind


def test_next_version():
    assert next_version(None, "major") == "1.0.0"
    assert next_version("1.2.3", "major") == "2.0.0"
    assert next_version("1.2.3", "minor") == "1.3.0"
    assert next_version("1.2.3", "patch") == "1.2.4"


def _empty_tables() -> dict[str, pl.DataFrame]:
    return {name: to_frame([], model) for name, (model, _) in TABLES.items()}


def test_publish_is_idempotent_and_versions_are_immutable(tmp_path):
    tables = _empty_tables()
    first = publish(tables, tmp_path, "f" * 64)
    again = publish(tables, tmp_path, "f" * 64)
    assert first.created and not again.created and again.version == first.version == "1.0.0"
    assert latest_version(tmp_path) == "1.0.0"
    assert validate_release(first.path) == []


def test_validate_detects_tampering(tmp_path):
    info = publish(_empty_tables(), tmp_path, "f" * 64)
    (info.path / "quotes" / "part-0.parquet").write_bytes(b"not parquet any more")
    problems = validate_release(info.path)
    assert problems and "sha256 mismatch for quotes/part-0.parquet" in problems[0]


def test_validate_finds_a_stray_file_that_the_glob_would_read(tmp_path):
    info = publish(_empty_tables(), tmp_path, "f" * 64)
    shutil.copy(info.path / "quotes" / "part-0.parquet", info.path / "quotes" / "part-1.parquet")
    assert validate_release(info.path) == [
        "quotes: quotes/part-1.parquet matches quotes/*.parquet but is not in the manifest"]
