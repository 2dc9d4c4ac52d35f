"""Semantic versions for releases.

MAJOR: a table's schema changed (columns or dtypes), or a table was added or removed.
MINOR: the rows of some table changed.
PATCH: same rows, re-serialised (different Parquet bytes, e.g. a new writer version).
Nothing changed: no new release; the existing version stands.
"""

from __future__ import annotations

FIRST_VERSION = "1.0.0"


def parse(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(x) for x in version.split("."))
    return major, minor, patch


def bump_kind(previous: dict | None, current: dict) -> str | None:
    """'major' | 'minor' | 'patch' | None (identical) comparing two manifests' ``tables``."""
    if previous is None:
        return "major"
    old, new = previous["tables"], current["tables"]
    if set(old) != set(new) or any(old[t]["schema"] != new[t]["schema"] for t in new):
        return "major"
    if any(old[t]["rows_sha256"] != new[t]["rows_sha256"] for t in new):
        return "minor"
    if any(old[t]["sha256"] != new[t]["sha256"] for t in new):
        return "patch"
    return None


def next_version(previous_version: str | None, kind: str) -> str:
    if previous_version is None:
        return FIRST_VERSION
    major, minor, patch = parse(previous_version)
    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
