"""Release profiles: `full` keeps article text; `public` carries offsets, metadata and hashes only."""

from __future__ import annotations

import polars as pl

from schemas import BODY_COLUMNS

PROFILES = ("full", "public")


def profile_frame(name: str, df: pl.DataFrame, profile: str) -> pl.DataFrame:
    """Table ``name``'s rows as ``profile`` publishes them."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; expected one of {PROFILES}")
    if profile == "full":
        return df
    return df.with_columns(pl.lit(None, dtype=df.schema[c]).alias(c) for c in BODY_COLUMNS.get(name, []))
