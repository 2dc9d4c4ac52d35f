"""Dagster code location: assets, asset checks, resources, jobs and the input-folder sensor.

The per-document stages are partitioned by input batch (``pipeline.batches``): ``build_batch`` runs them
for one batch. ``assemble`` resolves entities across all batches; ``link_batch`` then fills each batch's
mentions, quotes and events with the corpus-wide entity ids (one run per batch whose links could change,
started by a sensor: ``pipeline.relink``), and
``publish`` finds copies across batches, gathers the quarantine and publishes the release from every batch.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from dagster import (
    AssetSelection,
    DagsterRunStatus,
    Definitions,
    RunRequest,
    RunsFilter,
    SensorResult,
    define_asset_job,
    load_assets_from_modules,
    run_status_sensor,
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
)
from pipeline.assets.partitions import batches
from pipeline.batches import discover, fingerprint
from pipeline.relink import ASSEMBLY_TAG, LINKS_TAG, batches_to_link
from pipeline.settings import KhabarSettings

ASSETS = load_assets_from_modules([ingest, clean, mentions, entities, quotes, events, quarantine])
RELEASE_ASSETS = load_assets_from_modules([release])
CHECKS = checks.table_checks
# The four phases of a build: per batch (extraction), corpus (resolution), per batch again (linking to
# the corpus-wide entities), corpus (quarantine and release).
_LINKED = {"entity_mentions", "quotes", "events"}
LINK_ASSETS = [a for a in ASSETS if {k.to_user_string() for k in a.keys} & _LINKED]
BATCH_ASSETS = [a for a in ASSETS if a.partitions_def is not None and a not in LINK_ASSETS]
RESOLVE_ASSETS = [a for a in ASSETS if "entities" in {k.to_user_string() for k in a.keys}]
PUBLISH_ASSETS = [a for a in [*ASSETS, *RELEASE_ASSETS] if a.partitions_def is None and a not in RESOLVE_ASSETS]
CORPUS_ASSETS = [*RESOLVE_ASSETS, *LINK_ASSETS, *PUBLISH_ASSETS]  # what runs again when any batch changed

batch_job = define_asset_job("build_batch", selection=AssetSelection.assets(*BATCH_ASSETS),
                             description="Clean, segment and extract one input batch")
assemble_job = define_asset_job("assemble", selection=AssetSelection.assets(*RESOLVE_ASSETS),
                                description="Resolve the entities of every batch (then link_batch for each batch, then publish)")
link_job = define_asset_job("link_batch", selection=AssetSelection.assets(*LINK_ASSETS),
                            description="Link one batch's mentions, quotes and events to the corpus-wide entities")
publish_job = define_asset_job("publish", selection=AssetSelection.assets(*PUBLISH_ASSETS),
                               description="Gather the quarantine and publish a release of every batch")


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


@run_status_sensor(run_status=DagsterRunStatus.SUCCESS, monitored_jobs=[assemble_job],
                   request_jobs=[link_job, publish_job],
                   description="After entity resolution: a link_batch run for every batch whose links changed "
                               "(publish at once if none did)")
def link_after_assemble(context):
    assembly = context.dagster_run.run_id
    partitions = context.instance.get_dynamic_partitions(batches.name)
    relink = batches_to_link(context.instance, assembly, partitions, LINK_ASSETS, BATCH_ASSETS)
    if not relink:  # every batch is linked to these entities already
        return [RunRequest(run_key=assembly, job_name=publish_job.name)]
    tags = {ASSEMBLY_TAG: assembly, LINKS_TAG: str(len(relink))}
    return [RunRequest(partition_key=key, run_key=f"{assembly}:{key}", tags=tags, job_name=link_job.name)
            for key in relink]


@run_status_sensor(run_status=DagsterRunStatus.SUCCESS, monitored_jobs=[link_job], request_job=publish_job,
                   description="When every batch an assembly relinks is linked: publish")
def publish_after_linking(context):
    assembly = context.dagster_run.tags.get(ASSEMBLY_TAG)
    if assembly is None:  # a link_batch run started by hand: publish by hand too
        return None
    runs = context.instance.get_runs(RunsFilter(job_name=link_job.name, tags={ASSEMBLY_TAG: assembly},
                                                statuses=[DagsterRunStatus.SUCCESS]))
    linked = {run.tags.get("dagster/partition") for run in runs}
    expected = context.dagster_run.tags.get(LINKS_TAG)  # how many batches the assembly relinks
    if expected is None:  # a run requested before the sensor counted them: every batch
        done = linked >= set(context.instance.get_dynamic_partitions(batches.name))
    else:
        done = len(linked) >= int(expected)
    return RunRequest(run_key=assembly) if done else None


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
        jobs=[batch_job, assemble_job, link_job, publish_job],
        sensors=[input_batches, link_after_assemble, publish_after_linking],
        resources=resources(settings),
        executor=executor(),
    )


defs = make_definitions()
