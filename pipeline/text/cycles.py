"""Pausing Python's cycle collector around batch work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """A batch allocates a few hundred thousand small objects (lines, spans, results, row tuples)
    that all live until it ends and form no reference cycles: the cycle collector would walk them
    again and again for nothing, and in a process holding a large heap each full collection walks
    that heap too. Cycles made meanwhile wait for its next run."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
