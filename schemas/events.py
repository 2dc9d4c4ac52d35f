import datetime

import pandera.polars as pa
import polars as pl

from schemas._common import DATE_GRANULARITIES, ID_PATTERN, SPAN, SpanModel, extractor_field

PLOVER_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]


class Events(SpanModel):
    """Typed PLOVER events; char_start/char_end span the trigger."""

    event_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Content hash of doc_id, trigger offsets and type")
    doc_id: str = pa.Field(str_matches=ID_PATTERN, description="Document ID")
    sentence_id: str = pa.Field(str_matches=ID_PATTERN, description="Sentence containing the trigger")
    trigger: str = pa.Field(str_length={"min_value": 1}, description="Trigger word(s) as written")
    event_type: str = pa.Field(isin=PLOVER_TYPES, description="PLOVER event type")
    mode: str = pa.Field(nullable=True, description="PLOVER mode, when the text makes it clear")
    actors: pl.List(SPAN) = pa.Field(description="Actor spans with linked entity_id")  # type: ignore[valid-type]
    targets: pl.List(SPAN) = pa.Field(description="Target/recipient spans with linked entity_id")  # type: ignore[valid-type]
    locations: pl.List(SPAN) = pa.Field(description="Location spans with linked entity_id")  # type: ignore[valid-type]
    event_date: datetime.date = pa.Field(nullable=True, description="Normalised event date (start of the period)")
    date_granularity: str = pa.Field(nullable=True, isin=DATE_GRANULARITIES, description="day, week, month, year or range")
    date_evidence: str = pa.Field(nullable=True, description="Text the date was resolved from")
    magnitude: float = pa.Field(nullable=True, ge=0, description="Count stated for the event")
    magnitude_unit: str = pa.Field(nullable=True, description="What the magnitude counts (troops, attacks, killed …)")
    magnitude_evidence: str = pa.Field(nullable=True, description="Text the magnitude was read from")
    negated: bool = pa.Field(description="The text denies the event")
    hypothetical: bool = pa.Field(description="Threatened, planned, demanded or conditional")
    historical: bool = pa.Field(description="Background event from well before publication")
    confidence: float = pa.Field(ge=0, le=1, description="Extractor confidence")
    extractor: str = extractor_field()

    class Config:
        strict = True


class EventAudit(SpanModel):
    """Sentences examined by the event extractor that produced no event (for recall studies)."""

    sentence_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Sentence examined")
    doc_id: str = pa.Field(str_matches=ID_PATTERN, description="Document ID")
    reason: str = pa.Field(description="Why no event was produced")
    extractor: str = extractor_field()

    class Config:
        strict = True
