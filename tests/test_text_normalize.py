"""The two text layers: faithful clean layer with offsets, and the matching key."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.normalize import clean_layer, fuzzy_pattern, match_key, match_keys
from pipeline.text.offsets import to_raw


def test_match_key_folds_spelling_variants():
    assert match_key("أمريكا") == match_key("أميركا") == match_key("امريكا")
    assert match_key("الإمارات") == match_key("الامارات")
    assert match_key("مُصْطَفَى") == match_key("مصطفي")
    assert match_key("مدرســة") == match_key("مدرسه")
    assert match_key("٢٠٢٤") == "2024"


def test_clean_layer_keeps_letters_and_marks():
    text, _ = clean_layer("إنْشاءُ المؤسسة")
    assert text == "إنْشاءُ المؤسسة"


def test_clean_layer_fixes_spaces_controls_bidi_and_presentation_forms():
    text, offsets = clean_layer("قال\u200f  الوزير\u00a0إن \ufefb \ufdf2")
    assert text == "قال الوزير إن لا الله"
    assert to_raw(offsets, 0) == 0
    assert to_raw(offsets, text.index("الوزير")) == 6


@given(st.text(alphabet="اب ت\u00a0\u200f\u202b\ufefb\t.", max_size=60))
def test_offsets_point_at_the_same_letters(raw):
    text, offsets = clean_layer(raw)
    for clean_start, raw_start, length in offsets:  # segments are verbatim copies
        assert text[clean_start : clean_start + length] == raw[raw_start : raw_start + length]
    for i, ch in enumerate(text):
        source = raw[to_raw(offsets, i)]
        assert source == ch or (ch.isspace() and source.isspace()) or "\ufb50" <= source <= "\ufefe"


def test_fuzzy_pattern_matches_spelling_variants_and_glued_words():
    pattern = re.compile(fuzzy_pattern("اقرأ أيضا", glued=True))
    assert pattern.match("إقرأ أيضاً")
    assert pattern.match("اقرا ايضًارغم")
    assert not re.compile(fuzzy_pattern("اقرأ أيضا")).match("اقرأأيضا")


_KEY_ALPHABET = st.sampled_from(
    list("أإآٱىةؤئگکیايهوك ريك\tABCaz.،") + ["\u064e", "\u0651", "\u0640", "\u0663", "\u06f5", "\ufefb", "\ufe8d",
                                              "\u00a0", "\u2003", "Σ", "İ"]
)


@given(st.lists(st.text(_KEY_ALPHABET, max_size=25), max_size=8))
def test_match_keys_folds_many_lines_like_match_key_one_by_one(lines):
    assert match_keys(lines) == [match_key(line) for line in lines]


def test_word_keys_equal_match_key_word_by_word_also_once_the_table_is_emptied(monkeypatch):
    from pipeline.text import normalize

    monkeypatch.setattr(normalize, "_WORD_KEYS", {})  # other tests' words aside
    words = ["أميركا", "الأمريكية", "٢٥٠٠", "مُدِينَةٌ", "ـ", "قال", "أميركا"]
    assert normalize.word_keys(words) == [normalize.match_key(w) for w in words]
    assert len(normalize._WORD_KEYS) == len(set(words))
    monkeypatch.setattr(normalize, "_WORD_KEYS_MAX", 2)  # full: emptied before the new word goes in
    assert normalize.word_keys(["إسرائيل", *words]) == [normalize.match_key(w) for w in ["إسرائيل", *words]]
    assert list(normalize._WORD_KEYS) == ["إسرائيل"]
