"""What entity resolution returns: entities, and for every mention the entity and the reason."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world entity across the corpus; ``entity_id`` hashes its type and canonical name."""

    entity_id: str
    canonical_name: str
    entity_type: str
    aliases: tuple[str, ...]
    mention_count: int
    doc_count: int
    merge_reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """Why mention ``mention_index`` of ``doc_id`` belongs to ``entity_id``."""

    doc_id: str
    mention_index: int
    entity_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Description:
    """A role phrase that is not an NER mention but refers to a person ("رئيس الوزراء العراقي")."""

    doc_id: str
    start: int
    end: int
    text: str
    entity_id: str
    reason: str


@dataclass(slots=True)
class Resolution:
    mention_entity: dict[tuple[str, int], str] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
