"""Extraction on several processes gives the same tables as on one."""

import os
import sys
import time

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipeline.tables import parallel
from pipeline.tables.common import BATCH_SIZE
from pipeline.tables.documents import clean_documents_tables
from pipeline.text import parallel as text_parallel
from pipeline.tables.entities import mention_table, resolve_tables
from pipeline.tables.events import event_tables
from pipeline.tables.quotes import quotes_table
from pipeline.tables.sentences import sentences_table


def _square(x: int) -> int:
    return x * x


def test_iter_ordered_keeps_input_order_across_workers():
    items = list(range(500))
    assert list(parallel.iter_ordered(_square, items, workers=2, min_items=1)) == [x * x for x in items]


def _squares(batch: list[int]) -> list[int]:
    return [x * x for x in batch]


def test_iter_batches_covers_every_item_once_in_order_with_smaller_last_batches():
    for n in (0, 1, 7, 100, 1000, 1003):
        items = list(range(n))
        assert list(parallel.iter_batches(_squares, items, workers=2, min_items=1)) == [x * x for x in items]
    sizes = [b - a for a, b in parallel._bounds(1000, 2)]
    assert sum(sizes) == 1000 and max(sizes) == 32
    assert sizes[-8:] == [8] * 8  # the last stretch in quarter-size batches


REPO = Path(__file__).resolve().parents[1]


def _pid_of(_: int) -> int:
    return os.getpid()


def test_worker_processes_serve_later_calls_until_shut_down():
    def helpers() -> set[int]:
        return set(parallel.iter_ordered(_pid_of, list(range(400)), workers=2, min_items=1)) - {os.getpid()}

    first = helpers()
    assert first and first == helpers()  # warm workers reused, not restarted
    text_parallel.shutdown_workers()
    assert helpers().isdisjoint(first)


def test_a_map_left_early_does_not_hold_up_the_next():
    partial_run = text_parallel.ordered_map(_square_all, [list(range(50))] * 40, workers=2)
    assert next(partial_run) == [x * x for x in range(50)]
    partial_run.close()  # pending batches are cancelled
    assert list(text_parallel.ordered_map(_square_all, [[1, 2], [3]], workers=2)) == [[1, 4], [9]]


def _square_all(batch: list[int]) -> list[int]:
    return [x * x for x in batch]


def _slow_pid(_: int) -> int:
    time.sleep(0.3)
    return os.getpid()


def test_the_last_batch_is_done_here_while_a_helper_is_busy():
    # Queued behind the helper's batch, the last one would finish a whole batch after this process
    # (a build's clean stage has only two or four slices a batch, so the stage ran at one-core speed).
    here = os.getpid()
    list(text_parallel.ordered_map(_square_all, [[1], [2]], workers=2))  # the helper is up before timing matters
    two = list(text_parallel.ordered_map(_slow_pid, [0, 1], workers=2))
    assert two[0] != here and two[1] == here
    four = list(text_parallel.ordered_map(_slow_pid, [0, 1, 2, 3], workers=2))
    assert [pid == here for pid in four] == [False, False, True, True]
    assert sys.getswitchinterval() == pytest.approx(0.005)  # the feeding threads' shorter interval is undone


def test_clean_and_sentence_tables_do_not_depend_on_the_worker_count_and_copies_span_slices():
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    n = 2 * BATCH_SIZE + 50  # three slices, cleaned on different processes
    raw = pl.DataFrame({"doc_id": [f"d{i:04d}" for i in range(n)], "source_format": ["txt"] * n,
                        "raw_text": [f"نشرة رقم {i}\n\n" + seeds[i % len(seeds)] for i in range(n)],
                        "source_path": [f"d{i:04d}.txt" for i in range(n)]})
    serial = clean_documents_tables(raw, workers=1)
    spread = clean_documents_tables(raw, workers=2)
    for a, b in zip(serial[:2] + serial[3:], spread[:2] + spread[3:]):
        assert_frame_equal(a, b)
    assert serial.rejects == spread.rejects
    assert serial.sentences["doc_id"].n_unique() == n
    assert_frame_equal(serial.sentences, sentences_table(serial.clean))  # split where cleaned, same rows
    original = serial.clean.select("doc_id", pl.coalesce("duplicate_of", "near_duplicate_of").alias("copy_of"))
    last_slice = original.filter(pl.col("doc_id") >= f"d{2 * BATCH_SIZE:04d}")
    assert last_slice["copy_of"].to_list() == [f"d{i % len(seeds):04d}" for i in range(2 * BATCH_SIZE, n)]


def test_worker_count_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KHABAR_WORKERS", "3")
    assert parallel.default_workers() == 3


@pytest.fixture()
def stage_inputs(release_dir):
    from pipeline.release.layout import read_table

    return read_table(release_dir, "clean_documents"), read_table(release_dir, "sentences")


def test_entities_and_events_do_not_depend_on_the_worker_count(stage_inputs, monkeypatch):
    clean, sentences = stage_inputs
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ITEMS", 1)
    texts = clean.select("doc_id", "clean_text").rows()
    serial = resolve_tables(mention_table(clean, sentences, workers=1), texts, workers=1)
    spread = resolve_tables(mention_table(clean, sentences, workers=2), texts, workers=2)
    for a, b in zip(serial, spread):
        assert_frame_equal(a, b)
    assert_frame_equal(quotes_table(clean, sentences, serial[0], workers=1),
                       quotes_table(clean, sentences, serial[0], workers=2))
    events_serial = event_tables(clean, sentences, serial[0], workers=1)
    events_spread = event_tables(clean, sentences, serial[0], workers=2)
    for a, b in zip(events_serial, events_spread):
        assert_frame_equal(a, b)
