import polars as pl
from dagster import AssetIn, MaterializeResult, MetadataValue, asset

from pipeline.assets._emit import LazyBatches, by_batch, progress, whole
from pipeline.code_versions import code_version
from pipeline.evaluation.scores import load_scores
from pipeline.release.fingerprints import input_fingerprint
from pipeline.release.layout import document_tables, read_manifest
from pipeline.release.summary import manifest_rows, summary_metadata, summary_tables
from pipeline.release.writer import publish
from pipeline.settings import KhabarSettings
from pipeline.tables.common import collected
from pipeline.tables.documents import with_copies
from schemas import TABLES


@asset(ins={**{name: AssetIn(dagster_type=LazyBatches if name in document_tables() else pl.LazyFrame) for name in TABLES},
            "document_duplicates": AssetIn(dagster_type=pl.LazyFrame)},
       group_name="release",
       code_version=code_version(__name__))
def release(context, settings: KhabarSettings, document_duplicates, **parts):
    """Publish every table (all input batches) as an immutable, versioned release under outputs/releases/<version>/,
    the document tables partitioned by input batch. Inputs are scanned lazily and written one batch of a
    table at a time, so memory does not grow with the corpus. clean_documents' copy columns are the
    corpus-wide ones (a batch's own asset flags copies within that batch only)."""
    sources = {name: by_batch(context, name, value) if name in document_tables() else value
               for name, value in parts.items()}
    sources["clean_documents"] = {key: with_copies(lf, document_duplicates)
                                  for key, lf in sources["clean_documents"].items()}
    # raw_documents' ids and hashes, read once: the batch of each document and the input fingerprint.
    raw = {key: collected(lf.select("doc_id", "sha256")) for key, lf in sources["raw_documents"].items()}
    batches = doc_batches(raw)
    done = progress(context, "release", len(batches))
    fingerprint = input_fingerprint(whole(raw, "doc_id"), collected(parts["quarantine"]).select("quarantine_id"))
    info = publish(sources, settings.releases_dir, fingerprint, settings.profile, scores=load_scores(),
                   batches=batches)
    if info.created:
        context.log.info(f"published release {info.version} at {info.path}")
    else:
        context.log.info(f"data unchanged: release {info.version} stands")
    done.finish()
    counts = manifest_rows(read_manifest(info.path))
    # A release just written brings its page's figures; a standing one is read back for them.
    summary = info.summary if info.summary is not None else summary_metadata(summary_tables(info.path), counts)
    return MaterializeResult(
        metadata={
            "version": info.version,
            "path": MetadataValue.path(str(info.path)),
            "created": info.created,
            "row_counts": MetadataValue.json(counts),
            "summary": MetadataValue.json(summary),
            "summary_page": MetadataValue.path(str(info.path / "summary.html")),
        },
    )


def doc_batches(raw_documents: dict) -> dict[str, str]:
    """doc_id -> the first batch (by name) that holds it: the batch ``whole`` keeps a document's rows from."""
    tagged = {key: collected(df.select("doc_id")).with_columns(pl.lit(key, pl.String).alias("batch"))
              for key, df in raw_documents.items()}
    return dict(whole(tagged, "doc_id").iter_rows())
