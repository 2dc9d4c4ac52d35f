"""Deterministic content-hash IDs: the same content gets the same ID in every run and release."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object) -> str:
    """First 16 hex digits of sha256 over the parts, separated so ("a","bc") != ("ab","c")."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]
