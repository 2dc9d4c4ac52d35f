import pandera.polars as pa
import polars as pl

from schemas._common import ENTITY_TYPES, ID_PATTERN, extractor_field


class Entities(pa.DataFrameModel):
    """Canonical entities across documents."""

    entity_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Content hash of type and canonical name key")
    canonical_name: str = pa.Field(str_length={"min_value": 1}, description="Canonical name")
    entity_type: str = pa.Field(isin=ENTITY_TYPES, description="PERSON, ORG, GPE, LOC or FAC")
    aliases: pl.List(pl.Utf8) = pa.Field(description="Every surface form linked to the entity")  # type: ignore[valid-type]
    mention_count: int = pa.Field(gt=0, description="Number of mentions")
    doc_count: int = pa.Field(gt=0, description="Number of documents that mention it")
    merge_reasons: pl.List(pl.Utf8) = pa.Field(description="Why mentions were merged into this entity")  # type: ignore[valid-type]
    extractor: str = extractor_field()

    @pa.dataframe_check(description="doc_count <= mention_count")
    def docs_le_mentions(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("doc_count") <= pl.col("mention_count"))

    class Config:
        strict = True
