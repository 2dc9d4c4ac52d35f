import polars as pl
from dagster import AssetIn, MetadataValue, Output, asset

from pipeline.assets._emit import validated
from pipeline.code_versions import code_version

REJECT_ASSETS = [
    "rejects_raw_documents",
    "rejects_clean_documents",
    "rejects_sentences",
    "rejects_entities",
    "rejects_quotes",
    "rejects_events",
]


@asset(ins={name: AssetIn() for name in REJECT_ASSETS}, group_name="quarantine", code_version=code_version(__name__))
def quarantine(context, **rejects: pl.DataFrame):
    """Every rejected input file and row from every stage, with its reason."""
    table = pl.concat([rejects[name] for name in REJECT_ASSETS]).unique("quarantine_id", keep="first")
    table, _ = validated(context, "quarantine", table.sort("stage", "quarantine_id"))
    by_reason = table.group_by("stage", "reason").len().sort("stage", "reason")
    return Output(table, metadata={
        "rows": table.height,
        "by_reason": MetadataValue.md(f"```\n{by_reason}\n```"),
    })
