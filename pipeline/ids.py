"""Deterministic content-hash IDs: the same content gets the same ID in every run and release."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object) -> str:
    """First 16 hex digits of sha256 over the parts, separated so ("a","bc") != ("ab","c")."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def offsets_id(doc_id: str, start: int, end: int) -> str:
    """``stable_id(doc_id, start, end)`` of a span of a document, without the general case's
    conversions: sentences and removed spans have millions of them."""
    return hashlib.sha256(f"{doc_id}\x1f{start}\x1f{end}".encode("utf-8")).hexdigest()[:16]
