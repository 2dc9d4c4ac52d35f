"""Content-hash IDs."""

from __future__ import annotations

from pipeline.ids import offsets_id, stable_id


def test_offsets_id_is_the_stable_id_of_the_same_parts():
    for doc_id, start, end in [("0123456789abcdef", 0, 1), ("a", 12, 345), ("", 7, 70)]:
        assert offsets_id(doc_id, start, end) == stable_id(doc_id, start, end)
    assert offsets_id("a", 1, 23) != offsets_id("a", 12, 3)
