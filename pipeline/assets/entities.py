from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.code_versions import code_version
from pipeline.tables.entities import entity_tables


@multi_asset(
    ins={"clean_documents": AssetIn(), "sentences": AssetIn()},
    outs={
        "entity_mentions": AssetOut(description="Named-entity mentions linked to canonical entities", group_name="extraction"),
        "entities": AssetOut(description="Canonical entities with aliases and counts", group_name="extraction"),
        "rejects_entities": AssetOut(group_name="quarantine"),
    },
    code_version=code_version(__name__),
)
def entities(context, clean_documents, sentences):
    """Tag entity mentions with the shipped CRF model, then resolve them across documents."""
    done = progress(context, "entities", clean_documents.height)
    mentions, ents = entity_tables(clean_documents, sentences, progress=done)
    done.finish()
    mentions, bad_m = validated(context, "entity_mentions", mentions)
    ents, bad_e = validated(context, "entities", ents)
    yield table_output("entity_mentions", mentions)
    yield table_output("entities", ents)
    yield rejects_output(context, "rejects_entities", bad_m + bad_e)
