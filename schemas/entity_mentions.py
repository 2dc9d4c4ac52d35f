import pandera.polars as pa

from schemas._common import ENTITY_TYPES, ID_PATTERN, SpanModel, extractor_field


class EntityMentions(SpanModel):
    """Named-entity spans, each linked to a canonical entity."""

    mention_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Content hash of doc_id, offsets and type")
    doc_id: str = pa.Field(str_matches=ID_PATTERN, description="Document ID")
    sentence_id: str = pa.Field(str_matches=ID_PATTERN, description="Sentence containing the mention")
    text: str = pa.Field(str_length={"min_value": 1}, description="clean_text[char_start:char_end]")
    entity_type: str = pa.Field(isin=ENTITY_TYPES, description="PERSON, ORG, GPE, LOC or FAC")
    adjectival: bool = pa.Field(description="Nationality adjective (e.g. الأميركية) linked to its country")
    entity_id: str = pa.Field(str_matches=ID_PATTERN, description="Canonical entity (entities.entity_id)")
    link_reason: str = pa.Field(description="Why the mention was linked to this entity")
    confidence: float = pa.Field(ge=0, le=1, description="Tagger confidence")
    extractor: str = extractor_field()

    class Config:
        strict = True


def unlinked_mentions_schema() -> pa.DataFrameSchema:
    """EntityMentions of one input batch, before corpus-wide resolution fills entity_id and link_reason."""
    return EntityMentions.to_schema().update_columns(
        {"entity_id": {"nullable": True}, "link_reason": {"nullable": True}})
