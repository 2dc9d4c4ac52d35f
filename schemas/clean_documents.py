import datetime

import pandera.polars as pa
import polars as pl

from schemas._common import DATE_PRECISIONS, ID_PATTERN, extractor_field

OFFSET_SEGMENT = pl.Struct({"clean_start": pl.Int64, "raw_start": pl.Int64, "length": pl.Int64})


class CleanDocuments(pa.DataFrameModel):
    """Cleaned article text with its metadata; every offset in the dataset points into clean_text."""

    doc_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Document ID (raw_documents.doc_id)")
    title: str = pa.Field(nullable=True, description="Headline")
    published_date: datetime.date = pa.Field(nullable=True, description="Publication date stated in the text")
    date_precision: str = pa.Field(nullable=True, isin=DATE_PRECISIONS, description="day, month or year")
    date_evidence: str = pa.Field(nullable=True, description="Text that states the publication date")
    byline: str = pa.Field(nullable=True, description="Author")
    outlet: str = pa.Field(nullable=True, description="Outlet or news agency named in the text")
    dateline: str = pa.Field(nullable=True, description="Dateline place(s), e.g. دبي/واشنطن")
    clean_text: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="Article text after boilerplate removal; null in the public profile (see khabar hydrate)")
    clean_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="sha256 of clean_text (UTF-8), to check hydrated text")
    source_text: str = pa.Field(nullable=True, description="Text raw offsets refer to when it is not raw_text (HTML: extracted text)")
    offset_map: pl.List(OFFSET_SEGMENT) = pa.Field(description="Segments (clean_start, raw_start, length) mapping clean offsets back to raw")  # type: ignore[valid-type]
    n_chars: int = pa.Field(gt=0, description="Length of clean_text")
    duplicate_of: str = pa.Field(nullable=True, description="Earlier doc_id (earlier batch, or lower doc_id in the same batch) with the same clean text")
    near_duplicate_of: str = pa.Field(nullable=True, description="Earlier doc_id whose word 3-shingles this document's match at least 80 % (MinHash LSH candidates)")
    near_duplicate_similarity: float = pa.Field(nullable=True, ge=0, le=1, description="Jaccard similarity of the two documents' word 3-shingles")
    extractor: str = extractor_field()

    @pa.dataframe_check(description="n_chars equals the length of clean_text")
    def length_matches(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("clean_text").is_null() | (pl.col("clean_text").str.len_chars() == pl.col("n_chars"))
        )

    class Config:
        strict = True
