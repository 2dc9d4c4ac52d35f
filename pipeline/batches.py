"""Input batches: the coarse partition key of the per-document stages.

Each first-level folder of the input directory is one batch (a daily drop, an archive shard); files
lying directly in the input directory form the batch ``_root``. Adding a folder adds a batch and
leaves the others' stored tables untouched. A batch's fingerprint hashes its files' paths and
bytes, so an unchanged batch is recognised without re-reading its tables.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.ingest import list_input_files

ROOT_BATCH = "_root"


def batch_of(relative_path: str) -> str:
    first, sep, _ = relative_path.partition("/")
    return first if sep else ROOT_BATCH


def discover(root: Path) -> dict[str, list[Path]]:
    """Batch key -> its input files (stable order); batches in key order."""
    out: dict[str, list[Path]] = {}
    for path in list_input_files(root):
        out.setdefault(batch_of(path.relative_to(root).as_posix()), []).append(path)
    return dict(sorted(out.items()))


def batch_files(root: Path, key: str) -> list[Path]:
    """The input files of one batch, without listing the others' folders."""
    folder = root / key
    files = list_input_files(folder) if folder.is_dir() else []
    if key == ROOT_BATCH and root.is_dir():
        # Loose files share the key with a folder that happens to be named like it: one batch, as in
        # ``discover``, so neither set of files is left out.
        files = sorted(files + [p for p in list_input_files(root) if p.parent == root])
    return files


def fingerprint(root: Path, files: list[Path], contents: bool = True) -> str:
    """sha256 over the batch's relative paths and file contents (``contents=False``: sizes and
    modification times instead, cheap enough for a sensor that polls every minute)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        if contents:
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
        else:
            stat = path.stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
        digest.update(b"\0")
    return digest.hexdigest()
