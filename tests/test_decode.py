import os

import pytest

from pipeline.text.decode import UndecodableError, decode_bytes

TEXT = "قال رئيس الوزراء العراقي إن بلاده تريد خروجاً منظماً للقوات الأجنبية من أراضيها. " * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256", "utf-16", "utf-16-le", "utf-16-be"])
def test_arabic_text_round_trips_in_each_encoding(encoding):
    decoded = decode_bytes(TEXT.encode(encoding))
    assert decoded.text == TEXT


def test_cp1256_is_reported_as_such():
    assert decode_bytes(TEXT.encode("cp1256")).encoding == "cp1256"


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b" \n\t ", "empty"),
    (bytes(range(256)) * 30, "binary"),
    (b"\x00\x01\x02\x03" * 500, "binary"),
])
def test_non_text_is_rejected_with_a_reason(data, reason):
    with pytest.raises(UndecodableError) as exc:
        decode_bytes(data)
    assert exc.value.reason == reason


def test_random_bytes_are_not_text():
    with pytest.raises(UndecodableError):
        decode_bytes(os.urandom(4096))
