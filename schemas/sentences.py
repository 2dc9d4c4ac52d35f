import pandera.polars as pa

from schemas._common import ID_PATTERN, SpanModel, extractor_field


class Sentences(SpanModel):
    """Sentences with paragraph index and offsets into the clean text."""

    sentence_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Content hash of doc_id and offsets")
    doc_id: str = pa.Field(str_matches=ID_PATTERN, description="Document ID")
    paragraph_index: int = pa.Field(ge=0, description="0-based paragraph number in the clean text")
    sentence_index: int = pa.Field(ge=0, description="0-based sentence number in the document")
    text: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="clean_text[char_start:char_end]; null in the public profile")
    extractor: str = extractor_field()

    class Config:
        strict = True
