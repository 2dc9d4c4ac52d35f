"""Frames sent to worker processes through shared memory come back as they were, and leave no file."""

from __future__ import annotations

import datetime as dt
import glob
import pickle
from multiprocessing.reduction import ForkingPickler

import polars as pl

from pipeline.tables import shared_frames


def _frame(rows: int) -> pl.DataFrame:
    return pl.DataFrame({
        "doc_id": [f"d{i:05d}" for i in range(rows)],
        "text": ["نص عربي طويل " * 20] * rows,
        "day": [dt.date(2024, 1, 1)] * rows,
        "spans": [[{"start": 0, "end": i}] for i in range(rows)],
        "sketch": pl.Series([[i] * 4 for i in range(rows)], dtype=pl.Array(pl.UInt32, 4)),
    })


def test_frames_cross_unchanged_and_leave_no_file():
    shared_frames.share_frames()
    before = set(glob.glob("/dev/shm/khabar-frame-*"))
    for rows in (0, 3, 2_000):  # the small ones are pickled as usual
        frame = _frame(rows)
        sent = ForkingPickler.dumps(frame)
        assert len(sent) < 1_000 or rows < 2_000  # a large one crosses as a file name
        back = pickle.loads(sent)
        assert back.schema == frame.schema
        assert back.equals(frame)
    assert set(glob.glob("/dev/shm/khabar-frame-*")) == before
