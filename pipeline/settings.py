"""Where the pipeline reads and writes; one place, overridable by env vars, CLI flags or Dagster config."""

from __future__ import annotations

import os
from pathlib import Path

from dagster import ConfigurableResource

from pipeline.ingest import DEFAULT_MAX_BYTES

REPO_ROOT = Path(__file__).resolve().parents[1]


def default_input_dir() -> str:
    return os.environ.get("KHABAR_INPUT", str(REPO_ROOT / "seeds"))


def default_output_dir() -> str:
    return os.environ.get("KHABAR_OUTPUT", str(REPO_ROOT / "outputs"))


def default_storage_url() -> str:
    """Where the IO manager keeps asset values: "" = ``<output>/storage``; an fsspec URL (s3://, gs://,
    file://) puts them on object storage, e.g. for runs on a cluster."""
    return os.environ.get("KHABAR_STORAGE", "")


class KhabarSettings(ConfigurableResource):
    """Input folder, output folder and limits for a build."""

    input_dir: str = default_input_dir()
    output_dir: str = default_output_dir()
    max_file_bytes: int = DEFAULT_MAX_BYTES
    profile: str = "full"

    @property
    def releases_dir(self) -> Path:
        # Profiles never share a version sequence: a public release is not a re-serialised full one.
        return Path(self.output_dir) / ("releases" if self.profile == "full" else f"releases-{self.profile}")

    def storage(self, url: str | None = None) -> str:
        """Base path or URL of the IO manager's Parquet files: ``url``, else ``KHABAR_STORAGE``, else
        ``<output>/storage``. Read when the code location loads, so not a launchpad setting."""
        return url or default_storage_url() or str(Path(self.output_dir) / "storage")
