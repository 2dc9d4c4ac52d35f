"""Per-document extraction on every core, with output identical to a serial run.

Documents are grouped into small batches and handed to ``pipeline.text.parallel.ordered_map`` (the
calling process works too; results come back in input order), so IDs, row order and bytes do not
depend on the worker count. Small inputs run in-process: starting workers costs more than it saves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TypeVar

from pipeline.progress import Progress
from pipeline.text.parallel import default_workers, ordered_map

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL_ITEMS = 200

__all__ = ["MIN_PARALLEL_ITEMS", "default_workers", "iter_batches", "iter_ordered"]


def _each(fn: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    return [fn(x) for x in batch]


def iter_batches(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], workers: int | None = None,
                 min_items: int | None = None, progress: Progress | None = None) -> Iterator[R]:
    """One result per item of ``items``, in order, from an ``fn`` that takes a batch of items (for
    work that is cheaper done many items at a time), spread over ``workers`` processes when there
    are enough items. Results come as they come back: the caller can turn them into rows while the
    worker processes go on with the next batches.

    ``fn`` must be a module-level function (it is pickled by name); ``progress`` advances as results
    come back.
    """
    workers = default_workers() if workers is None else workers
    batches = [items[a:b] for a, b in _bounds(len(items), workers)]
    if workers <= 1 or len(items) < (MIN_PARALLEL_ITEMS if min_items is None else min_items):
        chunks = map(fn, batches)
    else:
        chunks = ordered_map(fn, batches, workers)
    for chunk in chunks:
        if progress is not None:
            progress.advance(len(chunk))
        yield from chunk


def iter_ordered(fn: Callable[[T], R], items: Sequence[T], workers: int | None = None,
                 min_items: int | None = None, progress: Progress | None = None) -> Iterator[R]:
    """``fn(x)`` for every item, in order, as ``iter_batches`` runs it."""
    return iter_batches(partial(_each, fn), items, workers, min_items, progress)


def _bounds(n: int, workers: int) -> list[tuple[int, int]]:
    """Batches of up to 32 items; the last stretch (two batches per process) in quarter-size
    batches, so that at the end no process waits long for another's last batch."""
    size = max(1, min(32, n // (workers * 8)))
    tail_start = max(0, n - 2 * workers * size)
    cuts = [*range(0, tail_start, size), *range(tail_start, n, max(1, size // 4)), n]
    return list(zip(cuts, cuts[1:]))

