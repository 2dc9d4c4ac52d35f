"""Progress lines: counts, rate and time left, reported by time and not per document."""

import re

from pipeline.progress import Progress
from pipeline.tables.parallel import iter_ordered


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _double(x: int) -> int:
    return 2 * x


def test_reports_rate_and_time_left_at_most_once_per_interval():
    clock, lines = Clock(), []
    progress = Progress("entities", 1000, lines.append, every=10, clock=clock)
    for _ in range(100):  # 100 documents in 5 s: too soon to report
        clock.now += 0.05
        progress.advance()
    assert lines == []
    for _ in range(100):  # 200 documents after 10 s: one line
        clock.now += 0.05
        progress.advance()
    assert lines == ["entities: 200/1,000 documents (20%), 20.0 docs/s, about 40.0s left"]
    clock.now = 50.0
    progress.finish()
    assert lines[-1].startswith("entities: 1,000/1,000 documents (100%), 20.0 docs/s, done in 50.0s")
    # Worker processes another test started may still be alive: their memory is then added.
    assert re.search(r", peak RSS [\d,]+ MiB(?: \(\+ [\d,]+ MiB in worker processes\))?$", lines[-1])


def test_the_last_line_adds_up_the_worker_processes_peak_memory():
    list(iter_ordered(_double, list(range(300)), 2, 1))  # starts a worker process (or reuses one)
    lines = []
    progress = Progress("stage", 1, lines.append)
    progress.finish()
    workers = re.search(r", peak RSS [\d,]+ MiB \(\+ ([\d,]+) MiB in worker processes\)$", lines[-1])
    assert workers and int(workers[1].replace(",", "")) > 10  # a Python process with the pipeline imported


def test_long_stages_read_in_hours_and_minutes():
    clock, lines = Clock(), []
    progress = Progress("events", 100_000, lines.append, every=1, clock=clock)
    clock.now = 100.0
    progress.advance(1_000)
    assert lines == ["events: 1,000/100,000 documents (1%), 10.0 docs/s, about 2h45m left"]


def test_iter_ordered_advances_progress_for_every_item_serial_and_parallel():
    for workers, min_items in ((1, None), (2, 1)):
        progress = Progress("stage", 300, every=1e9)
        assert list(iter_ordered(_double, list(range(300)), workers, min_items, progress=progress)) == [
            2 * x for x in range(300)]
        assert progress.done == 300


def test_cli_build_prints_each_stage_progress_on_stderr(seeds_dir, tmp_path, capsys):
    import logging
    import shutil

    from pipeline.cli import main

    articles = tmp_path / "in"
    articles.mkdir()
    for path in sorted(seeds_dir.glob("*.txt"))[:2]:
        shutil.copy(path, articles / path.name)
    log = logging.getLogger("khabar.progress")
    handlers = list(log.handlers)
    try:
        assert main(["build", "--input", str(articles), "--output", str(tmp_path / "out")]) == 0
    finally:
        log.handlers[:] = handlers
    err = capsys.readouterr().err
    for stage in ("clean_documents + sentences", "entity mentions", "quotes", "events"):
        assert f"{stage} [_root]: 2/2 documents (100%)" in err
