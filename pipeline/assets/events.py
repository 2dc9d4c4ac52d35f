from dagster import AssetIn, AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.code_versions import code_version
from pipeline.tables.events import event_tables


@multi_asset(
    ins={"clean_documents": AssetIn(), "sentences": AssetIn(), "entity_mentions": AssetIn()},
    outs={
        "events": AssetOut(description="PLOVER events with arguments, dates, magnitudes, modality", group_name="extraction"),
        "event_audit": AssetOut(description="Sentences examined that produced no event", group_name="extraction"),
        "rejects_events": AssetOut(group_name="quarantine"),
    },
    code_version=code_version(__name__),
)
def events(context, clean_documents, sentences, entity_mentions):
    """Detect typed events and their actor, target, location, date and magnitude."""
    done = progress(context, "events", clean_documents.height)
    table, audit = event_tables(clean_documents, sentences, entity_mentions, progress=done)
    done.finish()
    table, bad_e = validated(context, "events", table)
    audit, bad_a = validated(context, "event_audit", audit)
    yield table_output("events", table)
    yield table_output("event_audit", audit)
    yield rejects_output(context, "rejects_events", bad_e + bad_a)
