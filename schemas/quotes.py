import datetime

import pandera.polars as pa

from schemas._common import ID_PATTERN, SpanModel, extractor_field


class Quotes(SpanModel):
    """Direct and indirect quotes with cue verb and speaker; char_start/char_end span the quoted text."""

    quote_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Content hash of doc_id and offsets")
    doc_id: str = pa.Field(str_matches=ID_PATTERN, description="Document ID")
    sentence_id: str = pa.Field(str_matches=ID_PATTERN, description="Sentence where the quote starts")
    text: str = pa.Field(str_length={"min_value": 1}, description="Quoted text (without quote marks)")
    kind: str = pa.Field(isin=["direct", "indirect", "mixed"], description="direct, indirect or mixed")
    cue: str = pa.Field(nullable=True, description="Cue word as written")
    cue_lemma: str = pa.Field(nullable=True, description="Dictionary form of the cue verb")
    cue_start: int = pa.Field(nullable=True, ge=0, description="Cue offset")
    cue_end: int = pa.Field(nullable=True, ge=0, description="Cue end offset")
    speaker_text: str = pa.Field(nullable=True, description="Span naming the speaker")
    speaker_start: int = pa.Field(nullable=True, ge=0, description="Speaker span start")
    speaker_end: int = pa.Field(nullable=True, ge=0, description="Speaker span end")
    speaker_role: str = pa.Field(nullable=True, description="Title or role of the speaker as stated")
    speaker_mention_id: str = pa.Field(nullable=True, str_matches=ID_PATTERN, description="entity_mentions.mention_id naming the speaker")
    speaker_entity_id: str = pa.Field(nullable=True, str_matches=ID_PATTERN, description="entities.entity_id of the speaker")
    published_date: datetime.date = pa.Field(nullable=True, description="Publication date of the document")
    confidence: float = pa.Field(ge=0, le=1, description="Extractor confidence")
    extractor: str = extractor_field()

    class Config:
        strict = True
