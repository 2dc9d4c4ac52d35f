"""Invariants of quote extraction on arbitrary mixes of words, cues and quote marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.mention import Mention
from pipeline.extract.quotes import extract_quotes

PIECES = ["وقال", "أكد", "مشدداً", "وأضاف", "إن", "أن", "بأن", "حسب", "وفقاً", "لـ", "الوزير", "أحمد", "سامي",
          "الحكومة", "وزارة", "الدفاع", "البيان", "في", "حديث", "على", "إلى", "الخطة", "ستنجح", "قريباً",
          "نحن", "لن", "نقبل", "،", ".", ":", "\n", "\n\n", '"', "«", "»", "“", "”", "„", "'", "ـ", "أما", "فقال"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.booleans())
def test_offsets_and_fields_are_consistent(pieces: list[str], glue: bool) -> None:
    text = ("" if glue else " ").join(pieces)
    mentions = [Mention(i, i + 5, "PERSON", text[i : i + 5]) for i in range(0, max(len(text) - 5, 0), 37)]
    found = extract_quotes(text, [], mentions)
    assert found == extract_quotes(text, [], mentions)  # deterministic
    assert [q.start for q in found] == sorted(q.start for q in found)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start  # one quote per stretch of text
    for n, q in enumerate(found):
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
        assert q.kind in ("direct", "indirect", "mixed")
        assert (q.cue is None) == (q.cue_start is None) == (q.cue_end is None)
        if q.cue is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
        if q.speaker_text is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
        else:
            assert q.speaker_role is None and q.speaker_mention_index is None
        if q.speaker_mention_index is not None:
            m = mentions[q.speaker_mention_index]
            assert m.start < q.speaker_end and q.speaker_start < m.end
        if q.continued_from is not None:
            assert 0 <= q.continued_from < n
            assert found[q.continued_from].speaker_text == q.speaker_text
        assert 0.0 <= q.confidence <= 1.0
