from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.code_versions import code_version
from pipeline.tables.quotes import quotes_table


@multi_asset(
    ins={"clean_documents": AssetIn(), "sentences": AssetIn(), "entity_mentions": AssetIn()},
    outs={
        "quotes": AssetOut(description="Direct and indirect quotes with speakers", group_name="extraction"),
        "rejects_quotes": AssetOut(group_name="quarantine"),
    },
    code_version=code_version(__name__),
)
def quotes(context, clean_documents, sentences, entity_mentions):
    """Find who said what: quote spans, cue verbs, speakers linked to entities."""
    done = progress(context, "quotes", clean_documents.height)
    table, bad = validated(context, "quotes", quotes_table(clean_documents, sentences, entity_mentions, progress=done))
    done.finish()
    yield table_output("quotes", table)
    yield rejects_output(context, "rejects_quotes", bad)
