"""Helpers shared by the table builders: batching, per-document grouping, sentence lookup."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from itertools import accumulate

import polars as pl
import pyarrow as pa

from pipeline import __version__
from pipeline.extract.mention import Mention

BATCH_SIZE = 500


def extractor(name: str) -> str:
    return f"{name}@{__version__}"


def struct_lists(name: str, per_row: list[list[tuple]], fields: Sequence[tuple[str, pa.DataType]],
                 dtype: pl.DataType, null_fields: Sequence[str] = ()) -> pl.Series:
    """A list-of-struct column from tuples (one list per row, fields in ``fields`` order; the
    ``null_fields`` of type string follow, empty), assembled in Arrow from flat arrays: building it from
    Python dicts costs several times more."""
    flat = [item for items in per_row for item in items]
    arrays = [pa.array([item[k] for item in flat], type) for k, (_, type) in enumerate(fields)]
    arrays += [pa.nulls(len(flat), pa.string()) for _ in null_fields]
    structs = pa.StructArray.from_arrays(arrays, names=[*(n for n, _ in fields), *null_fields])
    offsets = pa.array([0, *accumulate(map(len, per_row))], pa.int32())
    return pl.Series(name, pa.ListArray.from_arrays(offsets, structs)).cast(dtype)


def batches(df: pl.DataFrame, size: int = BATCH_SIZE) -> Iterator[pl.DataFrame]:
    """Bounded slices of a frame, so per-document Python work never holds everything at once."""
    for offset in range(0, df.height, size):
        yield df.slice(offset, size)


def sorted_by(frame: pl.DataFrame, first: str, second: str | None = None) -> pl.DataFrame:
    """``frame`` sorted by ``first`` (then ``second``), without the sort when its rows already come in
    that order: the slices of a sorted batch come back so, and a sort would copy all their texts."""
    key = pl.col(first)
    out_of_order = key < key.shift(1)
    if second is not None:
        out_of_order = out_of_order | ((key == key.shift(1)) & (pl.col(second) < pl.col(second).shift(1)))
    if frame.height < 2 or not frame.select(out_of_order.any()).item():
        return frame
    return frame.sort(first) if second is None else frame.sort(first, second)


def collected(frame: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    return frame.collect() if isinstance(frame, pl.LazyFrame) else frame


def whole(parts: dict[str, pl.DataFrame | pl.LazyFrame] | pl.DataFrame | pl.LazyFrame,
          key: str | None = None) -> pl.DataFrame:
    """One frame from the partitions of a batch-partitioned asset ({batch: frame}, in batch order; a
    single batch comes as its frame). A document given in two batches has the same rows in both:
    ``key`` keeps the first batch's."""
    if not isinstance(parts, dict):
        return collected(parts)
    if not parts:
        raise ValueError("no input batches: add articles to the input folder first")
    df = pl.concat([collected(parts[k]) for k in sorted(parts)], how="vertical")
    return df.unique(subset=key, keep="first", maintain_order=True) if key and len(parts) > 1 else df


def texts_by_doc(clean: pl.DataFrame) -> dict[str, str]:
    return dict(zip(clean["doc_id"].to_list(), clean["clean_text"].to_list()))


def sentence_spans(sentences: pl.DataFrame) -> dict[str, list[tuple[int, int, str]]]:
    """doc_id -> [(char_start, char_end, sentence_id)] sorted by offset."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for doc_id, start, end, sid in sentences.sort("doc_id", "char_start").select(
        "doc_id", "char_start", "char_end", "sentence_id"
    ).iter_rows():
        out.setdefault(doc_id, []).append((start, end, sid))
    return out


def mentions_by_doc(mentions: pl.DataFrame, ids: str = "mention_id") -> dict[str, tuple[list[Mention], list[str]]]:
    """doc_id -> (Mention objects in offset order, their ``ids`` column: mention_id or entity_id)."""
    df = mentions.sort("doc_id", "char_start", "char_end")
    fields = ("char_start", "char_end", "entity_type", "text", "confidence", "adjectival")
    found = list(map(Mention, *(df[c].to_list() for c in fields)))  # column-wise: 3x faster than by row
    refs = df[ids].to_list()
    out: dict[str, tuple[list[Mention], list[str]]] = {}
    end = 0
    for doc_id, n in df["doc_id"].rle().struct.unnest().select("value", "len").iter_rows():
        start, end = end, end + n
        out[doc_id] = (found[start:end], refs[start:end])
    return out


def sentence_at(spans: list[tuple[int, int, str]], offset: int) -> str | None:
    """ID of the sentence that contains ``offset`` (or the last one starting before it)."""
    starts = [s for s, _, _ in spans]
    i = bisect.bisect_right(starts, offset) - 1
    return spans[i][2] if i >= 0 else None
