"""Semantic versions for releases.

MAJOR: a table's schema changed (columns or dtypes, partition columns included), or a table was
added or removed.
MINOR: the rows of some table changed (a document moved to another batch too).
PATCH: same rows, re-serialised (different Parquet files or bytes, e.g. a new writer version).
Nothing changed: no new release; the existing version stands.
"""

from __future__ import annotations

from pipeline.release.layout import table_files

FIRST_VERSION = "1.0.0"


def parse(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(x) for x in version.split("."))
    return major, minor, patch


def bump_kind(previous: dict | None, current: dict) -> str | None:
    """'major' | 'minor' | 'patch' | None (identical) comparing two manifests' ``tables``."""
    if previous is None:
        return "major"
    old, new = previous["tables"], current["tables"]
    if set(old) != set(new) or any(_columns(old[t]) != _columns(new[t]) for t in new):
        return "major"
    if any(old[t]["rows_sha256"] != new[t]["rows_sha256"] for t in new):
        return "minor"
    if any(_files(old[t]) != _files(new[t]) for t in new):
        return "patch"
    return None


def _columns(entry: dict) -> tuple:
    return entry["schema"], entry.get("partition_columns", [])


def _files(entry: dict) -> list[tuple[str, str]]:
    return [(f["path"], f["sha256"]) for f in table_files(entry)]


def next_version(previous_version: str | None, kind: str) -> str:
    if previous_version is None:
        return FIRST_VERSION
    major, minor, patch = parse(previous_version)
    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
