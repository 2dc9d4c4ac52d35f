import polars as pl
from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.assets.partitions import batches
from pipeline.code_versions import code_version
from pipeline.tables.quotes import link_speakers, quotes_table


@multi_asset(
    ins={"clean_documents": AssetIn(), "sentences": AssetIn(), "mentions_by_batch": AssetIn()},
    outs={
        "quotes_by_batch": AssetOut(description="Quotes of one batch, speakers not yet linked to entities",
                                    group_name="extraction"),
        "rejects_quotes_by_batch": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def quotes_by_batch(context, clean_documents, sentences, mentions_by_batch):
    """Find who said what: quote spans, cue verbs, the speaker's mention."""
    done = progress(context, "quotes", clean_documents.height)
    table = quotes_table(clean_documents, sentences, mentions_by_batch, progress=done)
    done.finish()
    table, bad = validated(context, "quotes", table)
    yield table_output("quotes", table, "quotes_by_batch")
    yield rejects_output(context, "rejects_quotes_by_batch", bad)


@multi_asset(
    ins={"quotes_by_batch": AssetIn(), "entity_mentions": AssetIn()},
    outs={
        "quotes": AssetOut(description="Direct and indirect quotes with speakers", group_name="extraction"),
        "rejects_quotes": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def quotes(context, quotes_by_batch: pl.DataFrame, entity_mentions: pl.DataFrame):
    """Link every quote's speaker to its corpus-wide entity (one batch)."""
    done = progress(context, "speaker linking", entity_mentions["doc_id"].n_unique())
    table, bad = validated(context, "quotes", link_speakers(quotes_by_batch, entity_mentions))
    done.finish()
    yield table_output("quotes", table)
    yield rejects_output(context, "rejects_quotes", bad)
