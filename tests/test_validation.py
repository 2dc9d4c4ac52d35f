import json

import pytest

from pipeline.validation import split_valid
from schemas import Sentences, to_frame


def _sentence(sid, start, end, text):
    return dict(char_start=start, char_end=end, sentence_id=sid, doc_id="b" * 16, paragraph_index=0,
                sentence_index=0, text=text, extractor="test@0")


def test_bad_rows_are_quarantined_with_the_checks_they_failed():
    df = to_frame([_sentence("a" * 16, 0, 5, "hello"), _sentence("c" * 16, 6, 5, "")], Sentences)
    good, bad = split_valid(df, Sentences, "sentences", "sentence_id")
    assert good["sentence_id"].to_list() == ["a" * 16]
    assert len(bad) == 1 and bad[0]["row_id"] == "c" * 16
    assert "span_is_ordered" in bad[0]["detail"] and "str_length" in bad[0]["detail"]
    assert json.loads(bad[0]["row_json"])["char_start"] == 6


def test_duplicate_ids_are_not_silently_kept():
    df = to_frame([_sentence("a" * 16, 0, 5, "hello"), _sentence("a" * 16, 6, 9, "bye")], Sentences)
    good, bad = split_valid(df, Sentences, "sentences", "sentence_id")
    assert good.height == 0 and len(bad) == 2


def test_a_missing_column_is_a_bug_not_bad_data():
    df = to_frame([_sentence("a" * 16, 0, 5, "hello")], Sentences).drop("text")
    with pytest.raises(ValueError, match="does not match its schema"):
        split_valid(df, Sentences, "sentences", "sentence_id")
