import polars as pl
import pytest

from pipeline.release.validate import validate_release
from pipeline.release.versioning import bump_kind, next_version
from pipeline.release.writer import latest_version, publish
from schemas import TABLES, to_frame


def _manifest(schema="String", rows="r1", sha="s1"):
    return {"tables": {"quotes": {"schema": {"text": schema}, "rows_sha256": rows, "sha256": sha}}}


@pytest.mark.parametrize(("old", "new", "kind"), [
    (None, _manifest(), "major"),
    (_manifest(), _manifest(schema="Int64"), "major"),
    (_manifest(), _manifest(rows="r2", sha="s2"), "minor"),
    (_manifest(), _manifest(sha="s2"), "patch"),
    (_manifest(), _manifest(), None),
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
    (info.path / "quotes.parquet").write_bytes(b"not parquet any more")
    problems = validate_release(info.path)
    assert problems and "sha256 mismatch" in problems[0]
