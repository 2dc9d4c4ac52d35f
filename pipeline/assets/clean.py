from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.assets.partitions import batches
from pipeline.code_versions import code_version
from pipeline.tables.documents import clean_documents_tables
from pipeline.tables.parallel import default_workers


@multi_asset(
    ins={"raw_documents": AssetIn()},
    outs={
        "clean_documents": AssetOut(description="Article text without boilerplate, with metadata", group_name="documents"),
        "removed_spans": AssetOut(description="What cleaning removed, where, and why", group_name="documents"),
        "rejects_clean_documents": AssetOut(description="Documents with no body text left", group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def clean_documents(context, raw_documents):
    """Remove boilerplate, normalise, extract title/date/byline/outlet/dateline, flag duplicates."""
    done = progress(context, "clean_documents", raw_documents.height)
    clean, removed, rejects = clean_documents_tables(raw_documents, workers=default_workers(), progress=done)
    done.finish()
    clean, bad_docs = validated(context, "clean_documents", clean)
    removed, bad_spans = validated(context, "removed_spans", removed)
    yield table_output("clean_documents", clean)
    yield table_output("removed_spans", removed)
    yield rejects_output(context, "rejects_clean_documents", rejects + bad_docs + bad_spans)
