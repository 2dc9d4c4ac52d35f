import polars as pl
from dagster import AssetIn, MaterializeResult, MetadataValue, asset

from pipeline.code_versions import code_version
from pipeline.evaluation.scores import load_scores
from pipeline.release.fingerprints import input_fingerprint
from pipeline.release.summary import summary_metadata
from pipeline.release.writer import publish
from pipeline.settings import KhabarSettings
from schemas import TABLES


@asset(ins={name: AssetIn() for name in TABLES}, group_name="release", code_version=code_version(__name__))
def release(context, settings: KhabarSettings, **tables: pl.DataFrame):
    """Publish every table as an immutable, versioned release under outputs/releases/<version>/."""
    fingerprint = input_fingerprint(tables["raw_documents"], tables["quarantine"])
    info = publish(tables, settings.releases_dir, fingerprint, settings.profile, scores=load_scores())
    if info.created:
        context.log.info(f"published release {info.version} at {info.path}")
    else:
        context.log.info(f"data unchanged: release {info.version} stands")
    counts = {name: df.height for name, df in tables.items()}
    return MaterializeResult(
        metadata={
            "version": info.version,
            "path": MetadataValue.path(str(info.path)),
            "created": info.created,
            "row_counts": MetadataValue.json(counts),
            "summary": MetadataValue.json(summary_metadata(tables)),
            "summary_page": MetadataValue.path(str(info.path / "summary.html")),
        },
    )
