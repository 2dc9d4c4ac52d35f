"""The entity mention shared by NER, entity resolution, quotes and events."""

from __future__ import annotations

from dataclasses import dataclass

# Dataset entity types. NORP-style nationality adjectives are not a type of their own:
# they are GPE mentions with ``adjectival=True`` (e.g. "الأميركية" -> United States).
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document's clean text; ``text == clean_text[start:end]``."""

    start: int
    end: int
    label: str
    text: str
    confidence: float = 1.0
    adjectival: bool = False
