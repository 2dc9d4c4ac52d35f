"""Bytes to text: encoding detection with a clear reason when a file is not text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of characters that must be letters, digits, punctuation or spaces for "text".
_MIN_PRINTABLE = 0.85


class UndecodableError(ValueError):
    """The bytes are not a text document; ``reason`` is a short machine-readable code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode a document, trying BOMs, strict UTF-8, then charset-normalizer's detection."""
    if not data.strip():
        raise UndecodableError("empty", "file is empty or whitespace only")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding), encoding)
    if b"\x00" in data[:4096]:
        # NUL bytes without a BOM: UTF-16/32 without BOM, or a binary file.
        best = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be"]).best()
        if best is None:
            raise UndecodableError("binary", "NUL bytes and no text encoding fits")
        return _checked(str(best), best.encoding)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Legacy Arabic encodings first: charset-normalizer alone may mistake cp1256 for cp1252-ish.
    for candidates in (["cp1256", "iso8859_6", "cp720"], None):
        best = from_bytes(data, cp_isolation=candidates).best()
        if best is not None and _arabic_or_plain(str(best)):
            return _checked(str(best), best.encoding)
    raise UndecodableError("undecodable", "no encoding decodes the bytes to readable text")


def _arabic_or_plain(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    arabic = sum("\u0600" <= c <= "\u06ff" for c in letters)
    ascii_ = sum(c.isascii() for c in letters)
    return (arabic + ascii_) / len(letters) > 0.9


def _checked(text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise UndecodableError("empty", "decodes to whitespace only")
    sample = text[:20000]
    if sample.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():  # the usual case, at C speed
        return Decoded(text=text, encoding=encoding)
    printable = sum(c.isprintable() or c in "\n\r\t" for c in sample) / len(sample)
    if printable < _MIN_PRINTABLE:
        raise UndecodableError("binary", f"only {printable:.0%} printable characters as {encoding}")
    return Decoded(text=text, encoding=encoding)
