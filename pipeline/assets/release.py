import polars as pl
from dagster import AssetIn, MaterializeResult, MetadataValue, asset

from pipeline.assets._emit import progress, whole
from pipeline.code_versions import code_version
from pipeline.evaluation.scores import load_scores
from pipeline.release.fingerprints import input_fingerprint
from pipeline.release.summary import summary_metadata
from pipeline.release.writer import publish
from pipeline.settings import KhabarSettings
from schemas import TABLES


@asset(ins={name: AssetIn() for name in TABLES}, group_name="release", code_version=code_version(__name__))
def release(context, settings: KhabarSettings, **parts):
    """Publish every table (all input batches) as an immutable, versioned release under outputs/releases/<version>/,
    the document tables partitioned by input batch."""
    tables = {name: whole(value, TABLES[name][1]) for name, value in parts.items()}
    batches = doc_batches(by_batch(context, "raw_documents", parts["raw_documents"]))
    done = progress(context, "release", tables["raw_documents"].height)
    fingerprint = input_fingerprint(tables["raw_documents"], tables["quarantine"])
    info = publish(tables, settings.releases_dir, fingerprint, settings.profile, scores=load_scores(),
                   batches=batches)
    if info.created:
        context.log.info(f"published release {info.version} at {info.path}")
    else:
        context.log.info(f"data unchanged: release {info.version} stands")
    done.finish()
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


def by_batch(context, name: str, value: dict[str, pl.DataFrame] | pl.DataFrame) -> dict[str, pl.DataFrame]:
    """{batch: frame} of a batch-partitioned input; Dagster hands a single batch over as its bare frame."""
    if isinstance(value, dict):
        return value
    (key,) = context.asset_partition_keys_for_input(name)
    return {key: value}


def doc_batches(raw_documents: dict[str, pl.DataFrame]) -> dict[str, str]:
    """doc_id -> the first batch (by name) that holds it: the batch ``whole`` keeps a document's rows from."""
    tagged = {key: df.select("doc_id", pl.lit(key, pl.String).alias("batch")) for key, df in raw_documents.items()}
    return dict(whole(tagged, "doc_id").iter_rows())
