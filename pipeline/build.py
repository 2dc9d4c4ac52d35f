"""Run the whole asset graph in-process (what `khabar build` does), the same code the Dagster UI runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dagster import DagsterInstance, materialize

from pipeline.definitions import ASSETS, CHECKS, RELEASE_ASSETS, resources
from pipeline.settings import KhabarSettings


@dataclass(frozen=True)
class BuildResult:
    success: bool
    release: dict | None
    row_counts: dict[str, int]
    failed_checks: list[str]


def build(input_dir: Path, output_dir: Path, max_file_bytes: int | None = None,
          profile: str = "full", log_level: str = "WARNING", storage_url: str | None = None) -> BuildResult:
    """``storage_url`` (an fsspec URL) keeps the intermediate tables on object storage instead of
    ``<output_dir>/storage``."""
    settings = KhabarSettings(
        input_dir=str(input_dir), output_dir=str(output_dir), profile=profile,
        **({"max_file_bytes": max_file_bytes} if max_file_bytes else {}),
    )
    with DagsterInstance.ephemeral() as instance:
        result = materialize(
            [*ASSETS, *RELEASE_ASSETS, *CHECKS],
            instance=instance,
            resources=resources(settings, storage_url),
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
            raise_on_error=False,
        )
    counts: dict[str, int] = {}
    release = None
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        meta = {k: v.value for k, v in mat.metadata.items()}
        if "rows" in meta:
            counts[mat.asset_key.to_user_string()] = meta["rows"]
        if mat.asset_key.to_user_string() == "release":
            release = {k: meta[k] for k in ("version", "path", "created")}
    failed = [
        f"{e.asset_check_key.asset_key.to_user_string()}:{e.asset_check_key.name}"
        for e in result.get_asset_check_evaluations()
        if not e.passed
    ]
    return BuildResult(result.success and not failed, release, counts, failed)
