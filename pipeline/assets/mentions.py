from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.assets.partitions import batches
from pipeline.code_versions import code_version
from pipeline.tables.entities import mention_table
from schemas.entity_mentions import unlinked_mentions_schema


@multi_asset(
    ins={"clean_documents": AssetIn(), "sentences": AssetIn()},
    outs={
        "mentions_by_batch": AssetOut(description="NER mentions of one batch, before corpus-wide resolution",
                                      group_name="extraction"),
        "rejects_mentions_by_batch": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def mentions_by_batch(context, clean_documents, sentences):
    """Tag entity mentions with the shipped CRF model."""
    done = progress(context, "entity mentions", clean_documents.height)
    table = mention_table(clean_documents, sentences, progress=done)
    done.finish()
    table, bad = validated(context, "entity_mentions", table, unlinked_mentions_schema())
    yield table_output("entity_mentions", table, "mentions_by_batch")
    yield rejects_output(context, "rejects_mentions_by_batch", bad)
