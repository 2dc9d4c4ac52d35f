"""Dagster code versions from the code and data a stage really uses, so the UI marks exactly what is stale.

A stage's version hashes the source of its module and every ``pipeline``/``schemas`` module it imports,
transitively, plus the data files (lexicons, gazetteers, trained models) beside those modules and in
``pipeline/extract/models/<package>``. Editing a cue-verb lexicon changes the quotes version only.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_PACKAGES = ("pipeline", "schemas")
_DATA_SUFFIXES = {".json", ".tsv", ".txt", ".crfsuite", ".csv", ".html", ".npz", ".pkl", ".joblib", ".onnx"}


def _module_file(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def _imports(path: Path) -> frozenset[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)  # submodules imported by name
    return frozenset(n for n in names if n.split(".")[0] in _PACKAGES)


def module_closure(module: str) -> list[Path]:
    """Source files of ``module`` and of every project module it imports, transitively (with parents)."""
    seen: set[Path] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
            path = _module_file(".".join(parts[:i]))
            if path is not None and path not in seen:
                seen.add(path)
                todo.extend(_imports(path))
    return sorted(seen)


def _data_files(sources: list[Path]) -> set[Path]:
    """Data beside the modules (and in their non-package subfolders such as lexicons/), plus their models."""
    models = ROOT / "pipeline" / "extract" / "models"
    dirs = {p.parent for p in sources}
    found: set[Path] = set()
    for d in dirs:
        found |= {f for f in d.iterdir() if f.is_file() and f.suffix in _DATA_SUFFIXES}
        for sub in d.iterdir():
            if sub.is_dir() and sub != models and not (sub / "__init__.py").exists():
                found |= {f for f in sub.rglob("*") if f.is_file() and f.suffix in _DATA_SUFFIXES}
        if d.parent == ROOT / "pipeline" / "extract" and (models / d.name).is_dir():
            found |= {f for f in (models / d.name).rglob("*") if f.is_file()}
    return found


@lru_cache(maxsize=None)
def _file_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


@lru_cache(maxsize=None)
def code_version(module: str) -> str:
    """12 hex digits that change whenever code or data used by ``module`` changes."""
    sources = module_closure(module)
    digest = hashlib.sha256()
    for path in sorted(set(sources) | _data_files(sources)):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + _file_digest(path))
    return digest.hexdigest()[:12]
