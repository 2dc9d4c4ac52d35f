"""The dataset's contract: one pandera.polars DataFrameModel per published table."""

from schemas.clean_documents import CleanDocuments
from schemas.entities import Entities
from schemas.entity_mentions import EntityMentions
from schemas.events import EventAudit, Events
from schemas.quarantine import Quarantine
from schemas.quotes import Quotes
from schemas.raw_documents import RawDocuments
from schemas.removed_spans import RemovedSpans
from schemas.sentences import Sentences

# Table name -> (model, primary key). Order is the order of the data flow.
TABLES = {
    "raw_documents": (RawDocuments, "doc_id"),
    "clean_documents": (CleanDocuments, "doc_id"),
    "removed_spans": (RemovedSpans, "span_id"),
    "sentences": (Sentences, "sentence_id"),
    "entity_mentions": (EntityMentions, "mention_id"),
    "entities": (Entities, "entity_id"),
    "quotes": (Quotes, "quote_id"),
    "events": (Events, "event_id"),
    "event_audit": (EventAudit, "sentence_id"),
    "quarantine": (Quarantine, "quarantine_id"),
}

__all__ = [
    "TABLES",
    "CleanDocuments",
    "Entities",
    "EntityMentions",
    "EventAudit",
    "Events",
    "Quarantine",
    "Quotes",
    "RawDocuments",
    "RemovedSpans",
    "Sentences",
]

from schemas._common import polars_schema, to_frame  # noqa: E402

__all__ += ["polars_schema", "to_frame"]

# Columns that carry publishers' article text: emptied (null) in the `public` profile.
BODY_COLUMNS = {
    "raw_documents": ["raw_text"],
    "clean_documents": ["clean_text", "source_text"],
    "removed_spans": ["text"],
    "sentences": ["text"],
}
__all__ += ["BODY_COLUMNS"]
