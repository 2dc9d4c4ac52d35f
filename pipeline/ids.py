"""Deterministic content-hash IDs: the same content gets the same ID in every run and release."""

from __future__ import annotations

import hashlib

import polars as pl
import polars_hash as plh


def stable_id(*parts: object) -> str:
    """First 16 hex digits of sha256 over the parts, separated so ("a","bc") != ("ab","c")."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def offsets_id_column(doc_id: str, start: str, end: str) -> pl.Expr:
    """``stable_id(doc_id, start, end)`` of every row, from its doc_id, start and end columns: hashed in
    Rust a column at a time (polars-hash), not through a Python call per row; sentences and removed
    spans have millions of them."""
    message = plh.concat_str(pl.col(doc_id), pl.lit("\x1f"), pl.col(start).cast(pl.String), pl.lit("\x1f"),
                             pl.col(end).cast(pl.String))
    return message.chash.sha2_256().str.slice(0, 16)
