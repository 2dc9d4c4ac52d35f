"""Progress of a long stage: documents done, rate and time left, reported every few seconds; at the
end, the stage's time and peak memory (of this process, and of the worker processes that are alive).

A stage creates ``Progress(stage, total, sink)`` and calls ``advance(n)`` as documents finish. Lines go
to the ``khabar.progress`` logger (the CLI prints it on stderr) and to ``sink`` (the assets pass the
Dagster run log, so the UI shows the same lines). Reporting is time-based, never per document, so a
million documents cost a few hundred log lines.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.text.parallel import worker_pids

log = logging.getLogger("khabar.progress")

REPORT_EVERY_S = 10.0


def _reset_peak_rss() -> None:
    """Restart the peak-RSS counters (Linux) of this process and its workers, so a stage reports its own peak."""
    for pid in ["self", *worker_pids()]:
        try:
            Path(f"/proc/{pid}/clear_refs").write_text("5")
        except OSError:
            pass


def peak_rss_mib(pid: int | str = "self") -> float | None:
    """Peak resident memory of a process (this one by default) since the last reset, in MiB (None off
    Linux or when the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def workers_peak_rss_mib() -> float:
    """The live worker processes' peak resident memory since the last reset, added up, in MiB (their
    peaks need not coincide with each other's or this process's: an upper bound of what they held)."""
    return sum(peak_rss_mib(pid) or 0.0 for pid in worker_pids())


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f}s"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"


class Progress:
    def __init__(self, stage: str, total: int, sink: Callable[[str], None] | None = None,
                 every: float = REPORT_EVERY_S, clock: Callable[[], float] = time.monotonic):
        self.stage, self.total, self.done = stage, total, 0
        self._sinks = [log.info] + ([sink] if sink else [])
        self._every, self._clock = every, clock
        self._started = self._last = clock()
        _reset_peak_rss()

    def line(self) -> str:
        """"entities: 1,200/10,000 documents (12%), 85.3 docs/s, about 1m43s left"."""
        elapsed = self._clock() - self._started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = f"{self.stage}: {self.done:,}/{self.total:,} documents"
        if self.total:
            text += f" ({100 * self.done // self.total}%)"
        text += f", {rate:,.1f} docs/s"
        if self.done >= self.total:
            text += f", done in {_duration(elapsed)}"
            peak, workers = peak_rss_mib(), workers_peak_rss_mib()
            if peak:
                text += f", peak RSS {peak:,.0f} MiB"
            return text + (f" (+ {workers:,.0f} MiB in worker processes)" if workers else "")
        if rate > 0:
            text += f", about {_duration((self.total - self.done) / rate)} left"
        return text

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self._clock()
        if now - self._last >= self._every and self.done < self.total:
            self._last = now
            self._emit()

    def finish(self) -> None:
        self.done = self.total
        self._emit()

    def _emit(self) -> None:
        text = self.line()
        for sink in self._sinks:
            sink(text)
