"""Dagster code location: assets, asset checks, resources, jobs and the input-folder sensor.

The per-document stages are partitioned by input batch (``pipeline.batches``): ``build_batch`` runs them
for one batch. ``assemble`` runs the corpus-wide stages (entity resolution, linking quotes and events to
entities, the quarantine) and publishes the release from every batch.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from dagster import (
    AssetSelection,
    Definitions,
    RunRequest,
    SensorResult,
    define_asset_job,
    load_assets_from_modules,
    sensor,
)
from dagster_polars import PolarsParquetIOManager

from pipeline.assets import (
    checks,
    clean,
    entities,
    events,
    ingest,
    mentions,
    quarantine,
    quotes,
    release,
    sentences,
)
from pipeline.assets.partitions import batches
from pipeline.batches import discover, fingerprint
from pipeline.settings import KhabarSettings

ASSETS = load_assets_from_modules([ingest, clean, sentences, mentions, entities, quotes, events, quarantine])
RELEASE_ASSETS = load_assets_from_modules([release])
CHECKS = [*checks.schema_checks, *checks.consistency_checks]
BATCH_ASSETS = [a for a in ASSETS if a.partitions_def is not None]
CORPUS_ASSETS = [a for a in [*ASSETS, *RELEASE_ASSETS] if a.partitions_def is None]

batch_job = define_asset_job("build_batch", selection=AssetSelection.assets(*BATCH_ASSETS),
                             description="Clean, segment and extract one input batch")
assemble_job = define_asset_job("assemble", selection=AssetSelection.assets(*CORPUS_ASSETS),
                                description="Resolve entities across batches, link quotes and events, publish a release")


@sensor(job=batch_job, minimum_interval_seconds=60, description="New or changed input batches -> build_batch runs")
def input_batches(context, settings: KhabarSettings):
    """A run for every batch folder that is new or whose files changed since the last tick."""
    root = Path(settings.input_dir)
    seen = json.loads(context.cursor) if context.cursor else {}
    found = {key: fingerprint(root, files, contents=False) for key, files in discover(root).items()}
    changed = [key for key, fp in found.items() if seen.get(key) != fp]
    return SensorResult(
        run_requests=[RunRequest(partition_key=key, run_key=f"{key}:{found[key]}") for key in changed],
        dynamic_partitions_requests=[batches.build_add_request([k for k in changed if k not in seen])],
        cursor=json.dumps(found, sort_keys=True),
    )


def executor():
    """``KHABAR_EXECUTOR=k8s`` runs every step in its own Kubernetes pod (deploy/k8s); otherwise Dagster's
    default executor (one process per step on this machine)."""
    if os.environ.get("KHABAR_EXECUTOR", "") == "k8s":
        from dagster_k8s import k8s_job_executor

        return k8s_job_executor
    return None


def resources(settings: KhabarSettings, storage_url: str | None = None) -> dict:
    """The settings, and Parquet IO on a local folder or, through fsspec/UPath, on object storage."""
    return {"settings": settings, "io_manager": PolarsParquetIOManager(base_dir=settings.storage(storage_url))}


def make_definitions(settings: KhabarSettings | None = None) -> Definitions:
    settings = settings or KhabarSettings()
    return Definitions(
        assets=[*ASSETS, *RELEASE_ASSETS],
        asset_checks=CHECKS,
        jobs=[batch_job, assemble_job],
        sensors=[input_batches],
        resources=resources(settings),
        executor=executor(),
    )


defs = make_definitions()
