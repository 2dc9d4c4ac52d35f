import polars as pl
from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated, whole
from pipeline.assets.partitions import batches
from pipeline.code_versions import code_version
from pipeline.tables.entities import link_mentions, resolve_links


@multi_asset(
    ins={"mentions_by_batch": AssetIn(), "clean_documents": AssetIn(metadata={"columns": ["doc_id", "clean_text"]})},
    outs={
        "entities": AssetOut(description="Canonical entities with aliases and counts", group_name="extraction"),
        "entity_links": AssetOut(description="Corpus-wide resolution: each mention's entity and why",
                                 group_name="extraction"),
        "rejects_entities": AssetOut(group_name="quarantine"),
    },
    code_version=code_version(__name__),
)
def entities(context, mentions_by_batch, clean_documents):
    """Resolve the mentions of every batch to corpus-wide entities."""
    texts = whole(clean_documents, "doc_id")
    done = progress(context, "entity resolution", texts.height)
    links, ents = resolve_links(whole(mentions_by_batch, "mention_id"), texts.rows())
    done.finish()
    ents, bad = validated(context, "entities", ents)
    yield table_output("entities", ents)
    yield table_output("entity_links", links)
    yield rejects_output(context, "rejects_entities", bad)


@multi_asset(
    ins={"mentions_by_batch": AssetIn(), "entity_links": AssetIn()},
    outs={
        "entity_mentions": AssetOut(description="Named-entity mentions linked to canonical entities", group_name="extraction"),
        "rejects_entity_mentions": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def entity_mentions(context, mentions_by_batch, entity_links: pl.DataFrame):
    """Fill in each mention's corpus-wide entity (one batch)."""
    done = progress(context, "entity linking", mentions_by_batch["doc_id"].n_unique())
    table, bad = validated(context, "entity_mentions", link_mentions(mentions_by_batch, entity_links))
    done.finish()
    yield table_output("entity_mentions", table)
    yield rejects_output(context, "rejects_entity_mentions", bad)
