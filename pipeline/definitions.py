"""Dagster code location: assets, asset checks, resources and the build job."""

from __future__ import annotations

import os

from dagster import AssetSelection, Definitions, define_asset_job, load_assets_from_modules
from dagster_polars import PolarsParquetIOManager

from pipeline.assets import checks, clean, entities, events, ingest, quarantine, quotes, release, sentences
from pipeline.settings import KhabarSettings

ASSETS = load_assets_from_modules([ingest, clean, sentences, entities, quotes, events, quarantine])
RELEASE_ASSETS = load_assets_from_modules([release])
CHECKS = [*checks.schema_checks, *checks.consistency_checks]

build_job = define_asset_job("build", selection=AssetSelection.all(), description="Build every table and publish a release")


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
        jobs=[build_job],
        resources=resources(settings),
        executor=executor(),
    )


defs = make_definitions()
