import polars as pl
from dagster import AssetIn, AssetOut, MetadataValue, multi_asset

from pipeline.assets._emit import LazyBatches, by_batch, progress, rejects_output, table_output, validated
from pipeline.assets.partitions import batches
from pipeline.code_versions import code_version
from pipeline.tables.entities import link_digests, link_mentions, resolve_batches


@multi_asset(
    ins={"mentions_by_batch": AssetIn(dagster_type=LazyBatches),
         "clean_documents": AssetIn(dagster_type=LazyBatches, metadata={"columns": ["doc_id", "clean_text"]})},
    outs={
        "entities": AssetOut(description="Canonical entities with aliases and counts", group_name="extraction"),
        "entity_links": AssetOut(description="Corpus-wide resolution: each mention's entity and why",
                                 group_name="extraction"),
        "rejects_entities": AssetOut(group_name="quarantine"),
    },
    code_version=code_version(__name__),
)
def entities(context, mentions_by_batch, clean_documents):
    """Resolve the mentions of every batch to corpus-wide entities, reading one batch at a time."""
    mentions = by_batch(context, "mentions_by_batch", mentions_by_batch)
    texts = by_batch(context, "clean_documents", clean_documents)
    sizes = {key: texts[key].select(pl.len()).collect().item() for key in texts}
    done = progress(context, "entity resolution", 2 * sum(sizes.values()))  # two passes over the documents

    def each_batch():
        for key in sorted(texts):
            yield mentions[key].collect(), texts[key].collect()
            done.advance(sizes[key])

    links, ents = resolve_batches(each_batch)
    done.finish()
    ents, bad = validated(context, "entities", ents)
    yield table_output("entities", ents)
    # Batches whose digest is unchanged since their last link run need none (``khabar build`` skips them).
    digests = link_digests(links, {key: frame.select("mention_id") for key, frame in mentions.items()})
    yield table_output("entity_links", links, metadata={"batch_digests": MetadataValue.json(digests)})
    yield rejects_output(context, "rejects_entities", bad)


@multi_asset(
    ins={"mentions_by_batch": AssetIn(), "entity_links": AssetIn(dagster_type=pl.LazyFrame)},
    outs={
        "entity_mentions": AssetOut(description="Named-entity mentions linked to canonical entities", group_name="extraction"),
        "rejects_entity_mentions": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def entity_mentions(context, mentions_by_batch, entity_links):
    """Fill in each mention's corpus-wide entity (one batch; only its rows of entity_links are read)."""
    done = progress(context, "entity linking", mentions_by_batch["doc_id"].n_unique())
    table, bad = validated(context, "entity_mentions", link_mentions(mentions_by_batch, entity_links))
    done.finish()
    yield table_output("entity_mentions", table)
    yield rejects_output(context, "rejects_entity_mentions", bad)
