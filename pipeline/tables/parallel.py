"""Per-document extraction on every core, with output identical to a serial run.

Workers are started with ``spawn`` (polars' thread pool makes ``fork`` unsafe) and each loads the
models once. Results come back in input order, so IDs, row order and bytes do not depend on the
worker count. Small inputs run in-process: starting workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL_ITEMS = 200


def default_workers() -> int:
    """KHABAR_WORKERS if set, else the CPUs this process may use."""
    env = os.environ.get("KHABAR_WORKERS")
    if env:
        return max(1, int(env))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_ordered(fn: Callable[[T], R], items: Sequence[T], workers: int | None = None,
                min_items: int | None = None) -> list[R]:
    """``[fn(x) for x in items]``, spread over ``workers`` processes when there are enough items.

    ``fn`` must be a module-level function (it is pickled by name).
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(items) < (MIN_PARALLEL_ITEMS if min_items is None else min_items):
        return [fn(x) for x in items]
    chunk = max(1, min(64, len(items) // (workers * 8)))
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return pool.map(fn, items, chunksize=chunk)
