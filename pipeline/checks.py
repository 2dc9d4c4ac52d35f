"""Cross-table consistency checks: pure functions returning the offending rows."""

from __future__ import annotations

import polars as pl


def unknown_doc_ids(table: pl.DataFrame, raw_documents: pl.DataFrame) -> pl.DataFrame:
    """Rows whose doc_id is not in raw_documents."""
    return table.join(raw_documents.select("doc_id"), on="doc_id", how="anti")


def offset_mismatches(table: pl.DataFrame, clean_documents: pl.DataFrame,
                      surface: str = "text") -> pl.DataFrame:
    """Rows where clean_text[char_start:char_end] differs from the stored surface text."""
    joined = table.select("doc_id", "char_start", "char_end", surface).join(
        clean_documents.select("doc_id", "clean_text"), on="doc_id", how="left"
    )
    sliced = pl.col("clean_text").str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start"))
    return joined.filter(
        pl.col("clean_text").is_null()
        | (pl.col("char_end") > pl.col("clean_text").str.len_chars())
        | sliced.ne_missing(pl.col(surface))
    ).drop("clean_text")
