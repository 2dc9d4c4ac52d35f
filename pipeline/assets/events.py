import polars as pl
from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.assets.partitions import batches
from pipeline.code_versions import code_version
from pipeline.tables.events import event_tables, link_arguments


@multi_asset(
    ins={"clean_documents": AssetIn(), "sentences": AssetIn(), "mentions_by_batch": AssetIn()},
    outs={
        "events_by_batch": AssetOut(description="Events of one batch, arguments not yet linked to entities",
                                    group_name="extraction"),
        "event_audit": AssetOut(description="Sentences examined that produced no event", group_name="extraction"),
        "rejects_events_by_batch": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def events_by_batch(context, clean_documents, sentences, mentions_by_batch):
    """Detect typed events and their actor, target, location, date and magnitude."""
    done = progress(context, "events", clean_documents.height)
    table, audit = event_tables(clean_documents, sentences, mentions_by_batch, progress=done)
    done.finish()
    table, bad_e = validated(context, "events", table)
    audit, bad_a = validated(context, "event_audit", audit)
    yield table_output("events", table, "events_by_batch")
    yield table_output("event_audit", audit)
    yield rejects_output(context, "rejects_events_by_batch", bad_e + bad_a)


@multi_asset(
    ins={"events_by_batch": AssetIn(), "entity_mentions": AssetIn()},
    outs={
        "events": AssetOut(description="PLOVER events with arguments, dates, magnitudes, modality", group_name="extraction"),
        "rejects_events": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def events(context, events_by_batch: pl.DataFrame, entity_mentions: pl.DataFrame):
    """Link every event argument to its corpus-wide entity (one batch)."""
    done = progress(context, "argument linking", entity_mentions["doc_id"].n_unique())
    table, bad = validated(context, "events", link_arguments(events_by_batch, entity_mentions))
    done.finish()
    yield table_output("events", table)
    yield rejects_output(context, "rejects_events", bad)
