"""The compiled loops: the ahead-of-time build ``make setup`` makes and numba's just-in-time
compilation give the same results, and a build that does not match the sources or the CPU is ignored."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.text import dedup, kernels, segment

REPO = Path(__file__).resolve().parents[1]


def _results() -> tuple:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    texts += ["", "في أمريكا اليوم", "قال د. علي: «هذا. وذاك» ثم ذهب."]
    shingles = dedup.shingle_sets(texts)
    minhash = dedup.sketches_of([(str(i), t) for i, t in enumerate(texts)]).minhash
    return shingles, minhash, segment.sentence_bounds(texts)


def test_the_loops_compiled_ahead_of_time_equal_numbas(monkeypatch):
    if not hasattr(kernels.compiled(), "__file__"):
        pytest.skip("no ahead-of-time build here (make setup makes one where a C compiler is)")
    ahead = _results()
    jit = kernels.just_in_time()
    for module in (dedup, segment):
        monkeypatch.setattr(module, "compiled", lambda: jit)
    later = _results()
    assert all(np.array_equal(a, b) for a, b in zip(ahead[0], later[0], strict=True))
    assert np.array_equal(ahead[1], later[1])
    assert all(np.array_equal(a, b) for a, b in zip(ahead[2], later[2], strict=True))
    assert len(ahead[2][0]) > 50


def test_a_stale_or_foreign_ahead_of_time_build_is_not_used(monkeypatch):
    """A build of another version of the sources, or for another CPU's instruction set, is ignored."""
    for name, value in (("sources_sha256", "0" * 64), ("host_cpu_id", "another-cpu")):
        monkeypatch.setattr(kernels, name, lambda value=value: value)
        kernels.compiled.cache_clear()
        try:
            assert not hasattr(kernels.compiled(), "__file__")  # numba's functions, not the extension module
        finally:
            monkeypatch.undo()
            kernels.compiled.cache_clear()
