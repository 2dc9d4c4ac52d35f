"""Polars frames between the build process and its worker processes through shared memory.

A slice's frames (2-3 MB of text each way) would otherwise cross a 64 kB pipe in dozens of chunks,
each read needing the receiving process's interpreter lock while it computes: about 10 ms a slice,
during which a worker waits on its write instead of working. Written once as an Arrow IPC file in
/dev/shm, a frame crosses as its path; the receiver reads it back and removes the file. Small frames,
and any frame when shared memory is missing or full, are pickled as usual.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from multiprocessing.reduction import ForkingPickler

import polars as pl

_DIR = "/dev/shm"
_MIN_BYTES = 1 << 16  # below this, the pipe is as quick


def share_frames() -> None:
    """Send polars frames through shared memory in this process's multiprocessing pickles. Worker
    processes call it too, when they import the module of the function they run."""
    if os.path.isdir(_DIR) and os.access(_DIR, os.W_OK):
        ForkingPickler.register(pl.DataFrame, _reduce)


def _reduce(frame: pl.DataFrame) -> tuple:
    if frame.estimated_size() >= _MIN_BYTES:
        try:
            fd, path = tempfile.mkstemp(prefix="khabar-frame-", suffix=".arrow", dir=_DIR)
        except OSError:
            pass
        else:
            try:
                with os.fdopen(fd, "wb") as file:
                    frame.write_ipc(file)
                return _load, (path,)
            except OSError:  # shared memory full: the pipe after all
                os.unlink(path)
    return pickle.loads, (pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL),)


def _load(path: str) -> pl.DataFrame:
    try:
        return pl.read_ipc(path)
    finally:
        os.unlink(path)
