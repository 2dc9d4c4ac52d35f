from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated, whole
from pipeline.code_versions import code_version
from pipeline.tables.entities import resolve_tables


@multi_asset(
    ins={"mentions_by_batch": AssetIn(), "clean_documents": AssetIn(metadata={"columns": ["doc_id", "clean_text"]})},
    outs={
        "entity_mentions": AssetOut(description="Named-entity mentions linked to canonical entities", group_name="extraction"),
        "entities": AssetOut(description="Canonical entities with aliases and counts", group_name="extraction"),
        "rejects_entities": AssetOut(group_name="quarantine"),
    },
    code_version=code_version(__name__),
)
def entities(context, mentions_by_batch, clean_documents):
    """Resolve the mentions of every batch to corpus-wide entities."""
    texts = whole(clean_documents, "doc_id")
    done = progress(context, "entity resolution", texts.height)
    mentions, ents = resolve_tables(whole(mentions_by_batch, "mention_id"), texts.rows())
    done.finish()
    mentions, bad_m = validated(context, "entity_mentions", mentions)
    ents, bad_e = validated(context, "entities", ents)
    yield table_output("entity_mentions", mentions)
    yield table_output("entities", ents)
    yield rejects_output(context, "rejects_entities", bad_m + bad_e)
