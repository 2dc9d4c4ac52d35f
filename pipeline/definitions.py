"""Dagster code location: assets, asset checks, resources and the build job."""

from __future__ import annotations

from dagster import AssetSelection, Definitions, define_asset_job, load_assets_from_modules
from dagster_polars import PolarsParquetIOManager

from pipeline.assets import checks, clean, entities, events, ingest, quarantine, quotes, release, sentences
from pipeline.settings import KhabarSettings

ASSETS = load_assets_from_modules([ingest, clean, sentences, entities, quotes, events, quarantine])
RELEASE_ASSETS = load_assets_from_modules([release])
CHECKS = [*checks.schema_checks, *checks.consistency_checks]

build_job = define_asset_job("build", selection=AssetSelection.all(), description="Build every table and publish a release")


def make_definitions(settings: KhabarSettings | None = None) -> Definitions:
    settings = settings or KhabarSettings()
    return Definitions(
        assets=[*ASSETS, *RELEASE_ASSETS],
        asset_checks=CHECKS,
        jobs=[build_job],
        resources={
            "settings": settings,
            "io_manager": PolarsParquetIOManager(base_dir=str(settings.storage_dir)),
        },
    )


defs = make_definitions()
