"""Shared column definitions and checks for the dataset's pandera.polars models."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

ID_PATTERN = r"^[0-9a-f]{16}$"
ENTITY_TYPES = ["PERSON", "ORG", "GPE", "LOC", "FAC"]
DATE_PRECISIONS = ["day", "month", "year"]
DATE_GRANULARITIES = ["day", "week", "month", "year", "range"]

# An event argument: its span, the entity mention it coincides with (or contains) and that mention's entity.
SPAN = pl.Struct(
    {"char_start": pl.Int64, "char_end": pl.Int64, "text": pl.Utf8, "mention_id": pl.Utf8, "entity_id": pl.Utf8}
)


def extractor_field() -> object:
    return pa.Field(description="Extractor name and version that produced the row (name@version)")


class SpanModel(pa.DataFrameModel):
    """Rows that point into a document's clean text by character offsets."""

    char_start: int = pa.Field(ge=0, description="Start offset (code points) into clean_documents.clean_text")
    char_end: int = pa.Field(gt=0, description="End offset (exclusive) into clean_documents.clean_text")

    @pa.dataframe_check(description="char_start < char_end")
    def span_is_ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("char_start") < pl.col("char_end"))


def polars_schema(model: type[pa.DataFrameModel]) -> dict[str, pl.DataType]:
    """The model's columns and polars dtypes, in declaration order."""
    return {name: col.dtype.type for name, col in model.to_schema().columns.items()}


def to_frame(rows: list[dict], model: type[pa.DataFrameModel]) -> pl.DataFrame:
    """Build a frame with exactly the model's columns and dtypes (also when ``rows`` is empty)."""
    schema = polars_schema(model)
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
