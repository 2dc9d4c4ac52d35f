"""Link a quote's speaker to an entity when no NER mention covers the speaker span.

The tagger misses some later, shorter references to a person ("الخزعلي" after "قيس الخزعلي"). A
speaker is linked when, in the same document, exactly one entity has a mention with the same
match key, or (for a one-word speaker) a person mention whose family name it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from pipeline.extract.resolve.surface import trim
from pipeline.extract.mention import Mention
from pipeline.text.normalize import match_key

_ARTICLE = "ال"


@lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    """A mention's or speaker's match key; a document's mentions are compared with each of its speakers."""
    return match_key(trim(text))


def _family(key: str) -> str:
    return key[len(_ARTICLE):] if key.startswith(_ARTICLE) and len(key) > 4 else key


def speaker_entity(speaker: str, mentions: Sequence[Mention], entity_ids: Sequence[str]) -> str | None:
    """The entity_id ``speaker`` names among this document's mentions, or None when not exactly one."""
    key = _key(speaker)
    if not key:
        return None
    same = {eid for m, eid in zip(mentions, entity_ids) if not m.adjectival and _key(m.text) == key}
    if len(same) == 1:
        return same.pop()
    if same or " " in key:
        return None
    family = _family(key)
    people = {
        eid for m, eid in zip(mentions, entity_ids)
        if m.label == "PERSON" and " " in (mk := _key(m.text)) and _family(mk.rsplit(" ", 1)[1]) == family
    }
    return people.pop() if len(people) == 1 else None
