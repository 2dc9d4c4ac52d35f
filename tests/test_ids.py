"""Content-hash IDs."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ids import offsets_id_column, stable_id


@given(st.lists(st.tuples(st.text(max_size=20), st.integers(-10, 10**12), st.integers(0, 10**12)), max_size=20))
def test_offsets_id_column_is_the_stable_id_of_each_rows_parts(rows):
    frame = pl.DataFrame(rows, schema={"doc_id": pl.String, "start": pl.Int64, "end": pl.Int64}, orient="row")
    ids = frame.select(offsets_id_column("doc_id", "start", "end")).to_series().to_list()
    assert ids == [stable_id(doc_id, start, end) for doc_id, start, end in rows]


def test_offsets_ids_tell_the_parts_apart():
    frame = pl.DataFrame({"doc_id": ["a", "a", "0123456789abcdef"], "start": [1, 12, 0], "end": [23, 3, 1]})
    ids = frame.select(offsets_id_column("doc_id", "start", "end")).to_series().to_list()
    assert len(set(ids)) == 3 and ids[2] == stable_id("0123456789abcdef", 0, 1)
