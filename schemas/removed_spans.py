import pandera.polars as pa
import polars as pl

from schemas._common import ID_PATTERN, extractor_field


class RemovedSpans(pa.DataFrameModel):
    """Audit rows: what cleaning removed from each document, and why."""

    span_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Content hash of doc_id and raw offsets")
    doc_id: str = pa.Field(str_matches=ID_PATTERN, description="Document ID")
    raw_start: int = pa.Field(ge=0, description="Start offset into the raw (or source) text")
    raw_end: int = pa.Field(gt=0, description="End offset (exclusive) into the raw (or source) text")
    text: str = pa.Field(nullable=True, description="Removed text; null in the public profile")
    reason: str = pa.Field(str_length={"min_value": 1}, description="Why it was removed")
    extractor: str = extractor_field()

    @pa.dataframe_check(description="raw_start < raw_end")
    def span_is_ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("raw_start") < pl.col("raw_end"))

    class Config:
        strict = True
