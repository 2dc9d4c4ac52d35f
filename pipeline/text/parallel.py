"""Ordered, bounded parallel map over batches for the pure-Python text stages.

``ordered_map(fn, batches, workers=n)`` yields ``fn(batch)`` for every batch, in input order, whatever
the number of workers: ``fn`` must be a pure function of its batch (module-level, so it pickles), so
the output is identical for any ``workers``. With ``workers=n`` the calling process is one of the
``n``: it hands batches to ``n - 1`` worker processes while they have work queued and runs the
others itself, so on a two-core machine both cores work and nothing waits on an idle parent; the
last batch goes to a helper only if one is idle, so a call of two batches (a clean stage's slices of
a 1,000-document batch) runs one on each core. At most a few batches per worker are in flight, so
memory stays bounded by the batch size. The worker
processes start on first use and serve every later call of this process (warm imports, models and
caches) until it exits or ``shutdown_workers()``.

Results cross the process boundary pickled: a stage sends compact results (polars frames, tuples),
not millions of small objects.

Workers are forked straight from this process when it runs a single thread (Linux; the benchmark,
a plain script): they inherit the compiled regexes and lexicons. A process with other threads
(polars' pool, in the pipeline) must not fork, so workers then come from a fork server started
clean, which preloads ``pipeline.text.warmup`` (the compiled regexes) once for all of them; where
neither exists, they are spawned.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any, TypeVar

B = TypeVar("B")
R = TypeVar("R")

# Batches queued per worker process: enough that a worker never waits for the next one.
_QUEUED_PER_WORKER = 2
# Finished batches that may wait behind a slow one, per process: bounds memory, not speed.
_WAITING_PER_WORKER = 3
_SWITCH_INTERVAL = 1e-4  # seconds
_HAND_OVER = 2e-3  # seconds: a 2 MB slice is written to shared memory and sent in about 1.5 ms
_POOLS: dict[int, ProcessPoolExecutor] = {}  # by number of helper processes


def default_workers() -> int:
    """KHABAR_WORKERS if set, else the CPUs this process may use."""
    env = os.environ.get("KHABAR_WORKERS")
    if env:
        return max(1, int(env))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _single_threaded() -> bool:
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no procfs: assume threads
        return False


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipeline.text.warmup"])
        return context
    return multiprocessing.get_context("spawn")


def ordered_map(
    fn: Callable[[B], R],
    batches: Iterable[B],
    workers: int = 1,
) -> Iterator[R]:
    """``map(fn, batches)`` on ``workers`` processes (this one included), results in input order."""
    batches = iter(batches)
    head = list(islice(batches, 2))
    if workers <= 1 or len(head) < 2:  # one batch: no process to start
        yield from map(fn, chain(head, batches))
        return
    batches = chain(head, batches)
    helpers = workers - 1
    queued_max = _QUEUED_PER_WORKER * helpers
    slots_max = queued_max + _WAITING_PER_WORKER * workers
    slots: deque[tuple[Future | None, Any]] = deque()  # (future, or the result computed here)

    def take() -> R:
        future, result = slots.popleft()
        return result if future is None else future.result()

    pool = _pool(helpers)
    forked = pool._mp_context.get_start_method() == "fork"
    # The threads that feed batches to the helpers and read their results need the interpreter lock
    # for every pipe-sized chunk, while this process holds it working on a batch of its own: at
    # the default 5 ms switch interval a helper would idle ~0.1 s for each 2 MB batch it is sent.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, _SWITCH_INTERVAL))
    if forked:
        # Forked workers share this process's memory copy-on-write; their garbage collector would
        # write to every object header it scans (copying the whole heap page by page) unless the
        # objects that exist now are moved out of its reach.
        gc.freeze()
    handed_over = False
    try:
        for batch, last in _with_last(batches):
            while True:
                while slots and (slots[0][0] is None or slots[0][0].done()):
                    yield take()
                pending = sum(1 for future, _ in slots if future is not None and not future.done())
                # The last batch goes to a helper only if one is idle: queued behind another batch
                # it would finish a whole batch after this process, which would then wait for it.
                if pending < (helpers if last else queued_max):
                    slots.append((pool.submit(fn, batch), None))
                    break
                # The workers are busy: this process does the batch itself rather than wait for
                # the oldest one, unless too many results already wait behind it.
                if len(slots) < slots_max:
                    if not handed_over:
                        # Before its first batch, this process lets the threads that pickle and
                        # send the helpers' batches run: else they wait for the interpreter lock
                        # while it works (about 10 ms a call, during which the helpers idle).
                        handed_over = True
                        time.sleep(_HAND_OVER)
                    slots.append((None, fn(batch)))
                    break
                yield take()
        while slots:
            yield take()
    except BrokenProcessPool:
        _POOLS.pop(helpers, None)
        raise
    finally:
        for future, _ in slots:  # left early: drop the work nobody will read
            if future is not None:
                future.cancel()
        if forked:
            gc.unfreeze()
        sys.setswitchinterval(switch_interval)


def _with_last(items: Iterator[B]) -> Iterator[tuple[B, bool]]:
    """(item, whether it is the last one) for every item, reading one item ahead."""
    previous = next(items, _NONE)
    while previous is not _NONE:
        item = next(items, _NONE)
        yield previous, item is _NONE
        previous = item


_NONE = object()


def _pool(helpers: int) -> ProcessPoolExecutor:
    """The worker processes of this process, started on first use and kept until it exits: starting
    a worker (imports, models, empty caches) costs a second or more, once per stage and batch
    otherwise."""
    pool = _POOLS.get(helpers)
    if pool is None:
        pool = _POOLS[helpers] = ProcessPoolExecutor(helpers, mp_context=_context())
    return pool


def worker_pids() -> list[int]:
    """Process ids of the live worker processes (for measurements)."""
    return sorted(pid for pool in _POOLS.values() for pid in (pool._processes or {}))


def shutdown_workers() -> None:
    """Stop the worker processes (they also stop when this process exits)."""
    while _POOLS:
        _POOLS.popitem()[1].shutdown(wait=True, cancel_futures=True)
