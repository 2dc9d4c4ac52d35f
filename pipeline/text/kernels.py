"""The compiled inner loops of the text stages (numba): the duplicate sketches' (``sketch_kernels``)
and sentence splitting's (``segment_kernels``). The modules that call them define what they compute
in Python; tests compare the two.

``python -m pipeline.text.kernels [generic]`` (run by ``make setup``) compiles them ahead of time into
the extension module ``_kernels_aot`` beside this file, recording the sha256 of their sources and the
CPU it targets beside it: the pipeline then imports that small module and never loads numba, whose
compiler would add about 110 MB to every process. Without it (no C compiler, a stale build, another
CPU), ``compiled()`` gives the same functions through numba's just-in-time compiler, cached next to
their sources.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path
from types import SimpleNamespace

_HERE = Path(__file__).resolve().parent
_SOURCES = ("sketch_kernels", "segment_kernels")
_HASHED = (*_SOURCES, "segment")  # segment.py holds the character classes' bits the loop reads
AOT_MODULE = "_kernels_aot"
_AOT_RECORD = _HERE / f"{AOT_MODULE}.sha256"


@cache
def compiled():
    """The compiled loops: the ahead-of-time module when it matches the sources and this CPU, else
    the numba functions themselves (numba imported only then)."""
    if _AOT_RECORD.is_file() and _AOT_RECORD.read_text(encoding="utf-8").strip() in (
        aot_record("generic"), aot_record("host")
    ):
        try:
            from pipeline.text import _kernels_aot

            return _kernels_aot
        except ImportError:
            pass
    return just_in_time()


def just_in_time() -> SimpleNamespace:
    """The loops through numba's just-in-time compiler."""
    return SimpleNamespace(**{name: function for name, function, _ in _exported()})


def _exported() -> list[tuple[str, object, str]]:
    """(name, numba function, ahead-of-time signature) of every loop."""
    import importlib

    out = []
    for source in _SOURCES:
        module = importlib.import_module(f"pipeline.text.{source}")
        out += [(name, getattr(module, name), signature) for name, signature in module.SIGNATURES.items()]
    return out


def aot_record(cpu: str) -> str:
    """What an ahead-of-time build for ``cpu`` ("host" or "generic") records beside itself: the
    sources' sha256 and the instruction set it targets."""
    return f"{sources_sha256()} " + ("generic" if cpu == "generic" else f"host {host_cpu_id()}")


def sources_sha256() -> str:
    """sha256 of the loops' sources: an ahead-of-time build records it, so a stale one is not used."""
    digest = hashlib.sha256()
    for source in _HASHED:
        digest.update((_HERE / f"{source}.py").read_bytes())
    return digest.hexdigest()


def host_cpu_id() -> str:
    """A digest of this CPU's instruction-set flags: a build for the host's CPU is used only on a CPU
    that has them all (another would stop on an illegal instruction)."""
    try:
        flags = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags"))
    except (OSError, StopIteration):
        return "unknown"
    return hashlib.sha256(flags.encode()).hexdigest()[:16]


def compile_ahead(cpu: str = "host") -> Path:
    """Build the extension module beside this file (needs a C compiler) and record the sources'
    sha256 beside it; return the module's path. ``cpu="host"`` uses this machine's instruction set
    (the vector units the MinHash loop needs: twice as fast as the generic target); build an image
    that runs elsewhere with ``"generic"``."""
    from numba.pycc import CC

    cc = CC(AOT_MODULE)
    cc.output_dir = str(_HERE)
    cc.target_cpu = cpu
    cc.verbose = False
    for name, function, signature in _exported():
        cc.export(name, signature)(function.py_func)
    cc.compile()
    _AOT_RECORD.write_text(aot_record(cpu) + "\n", encoding="utf-8")
    return next(_HERE.glob(f"{AOT_MODULE}.*.so"))


if __name__ == "__main__":
    print(f"compiled {compile_ahead(*sys.argv[1:2]).name}")
