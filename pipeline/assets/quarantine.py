import polars as pl
from dagster import AssetIn, MetadataValue, Output, asset

from pipeline.assets._emit import validated, whole
from pipeline.code_versions import code_version
from pipeline.ingest import reject
from schemas import Quarantine, to_frame

REJECT_ASSETS = [
    "rejects_raw_documents",
    "rejects_clean_documents",
    "rejects_sentences",
    "rejects_mentions_by_batch",
    "rejects_entities",
    "rejects_entity_mentions",
    "rejects_quotes_by_batch",
    "rejects_quotes",
    "rejects_events_by_batch",
    "rejects_events",
]


def cross_batch_duplicates(raw: pl.DataFrame) -> list[dict]:
    """A file whose bytes already came in an earlier batch: its rows are the earlier copy's, so it is
    listed here instead (within a batch, ingestion rejects it the same way)."""
    first: dict[str, str] = {}
    rejects = []
    for doc_id, path in raw.select("doc_id", "source_path").iter_rows():
        if doc_id in first:
            rejects.append(reject("raw_documents", "exact_duplicate",
                                  f"same bytes as {first[doc_id]} (doc {doc_id}) in an earlier batch", path, doc_id))
        else:
            first[doc_id] = path
    return rejects


@asset(ins={"raw_documents": AssetIn(metadata={"columns": ["doc_id", "source_path"]}), **{name: AssetIn() for name in REJECT_ASSETS}}, group_name="quarantine",
       code_version=code_version(__name__))
def quarantine(context, raw_documents, **rejects):
    """Every rejected input file and row from every stage, with its reason."""
    duplicates = to_frame(cross_batch_duplicates(whole(raw_documents)), Quarantine)
    table = pl.concat([whole(rejects[name]) for name in REJECT_ASSETS] + [duplicates]).unique("quarantine_id", keep="first")
    table, _ = validated(context, "quarantine", table.sort("stage", "quarantine_id"))
    by_reason = table.group_by("stage", "reason").len().sort("stage", "reason")
    return Output(table, metadata={
        "rows": table.height,
        "by_reason": MetadataValue.md(f"```\n{by_reason}\n```"),
    })
