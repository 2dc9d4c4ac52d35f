from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.assets.partitions import batches
from pipeline.code_versions import code_version
from pipeline.tables.sentences import sentences_table
from pipeline.text.parallel import default_workers


@multi_asset(
    ins={"clean_documents": AssetIn()},
    outs={
        "sentences": AssetOut(description="Sentences with paragraph index and offsets", group_name="documents"),
        "rejects_sentences": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def sentences(context, clean_documents):
    """Split clean text into paragraphs and sentences with character offsets."""
    done = progress(context, "sentences", clean_documents.height)
    table, bad = validated(context, "sentences", sentences_table(clean_documents, workers=default_workers(), progress=done))
    done.finish()
    yield table_output("sentences", table)
    yield rejects_output(context, "rejects_sentences", bad)
