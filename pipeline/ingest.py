"""Read an input folder into raw documents; every file that cannot be used becomes a reject row.

Supported: .txt/.text (any encoding charset-normalizer can detect), .html/.htm, and .jsonl with one
article per line ({"text": …} or {"html": …}). A document's ID is the hash of its bytes, so a
byte-for-byte duplicate is the same document: it is kept once and the other copy is rejected.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline.ids import stable_id
from pipeline.text.decode import UndecodableError, decode_bytes
from schemas import RawDocuments, to_frame

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Candidate:
    """One would-be document: a whole file, or one line of a .jsonl file."""

    source_path: str
    fmt: str
    data: bytes


@dataclass(frozen=True, slots=True)
class IngestResult:
    documents: pl.DataFrame
    rejects: list[dict]


def reject(stage: str, reason: str, detail: str, source_path: str | None = None,
           doc_id: str | None = None, row_id: str | None = None, row_json: str | None = None) -> dict:
    """A quarantine row (schemas.Quarantine)."""
    return {
        "quarantine_id": stable_id(stage, source_path, doc_id, row_id, reason),
        "stage": stage,
        "source_path": source_path,
        "doc_id": doc_id,
        "row_id": row_id,
        "reason": reason,
        "detail": detail,
        "row_json": row_json,
    }


def list_input_files(root: Path) -> list[Path]:
    """Every non-hidden file below root, in a stable order."""
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _candidates(root: Path, files: list[Path], max_bytes: int, rejects: list[dict]) -> Iterator[Candidate]:
    for path in files:
        rel = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        size = path.stat().st_size
        if size > max_bytes:
            rejects.append(reject("raw_documents", "too_large",
                                  f"{size} bytes exceeds the limit of {max_bytes}", rel))
        elif suffix in TEXT_SUFFIXES:
            yield Candidate(rel, TEXT_SUFFIXES[suffix], path.read_bytes())
        elif suffix == ".jsonl":
            yield from _jsonl_candidates(rel, path.read_bytes(), rejects)
        else:
            rejects.append(reject("raw_documents", "unsupported_type",
                                  f"extension {suffix or '(none)'} is not .txt, .html or .jsonl", rel))


def _jsonl_candidates(rel: str, data: bytes, rejects: list[dict]) -> Iterator[Candidate]:
    for line_no, line in enumerate(data.splitlines(), start=1):
        where = f"{rel}#L{line_no}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            rejects.append(reject("raw_documents", "bad_jsonl_line", f"not JSON: {exc}", where))
            continue
        for key, fmt in (("text", "txt"), ("html", "html")):
            if isinstance(record, dict) and isinstance(record.get(key), str):
                yield Candidate(where, fmt, record[key].encode("utf-8"))
                break
        else:
            rejects.append(reject("raw_documents", "bad_jsonl_line",
                                  'no string "text" or "html" field', where))


def ingest_folder(root: Path, max_bytes: int = DEFAULT_MAX_BYTES, files: list[Path] | None = None) -> IngestResult:
    """Decode every usable document below ``root`` (or only ``files``, paths still relative to ``root``);
    reject the rest with a reason."""
    rejects: list[dict] = []
    rows: list[dict] = []
    seen: dict[str, str] = {}
    for cand in _candidates(root, list_input_files(root) if files is None else files, max_bytes, rejects):
        digest = hashlib.sha256(cand.data).hexdigest()
        doc_id = digest[:16]
        if doc_id in seen:
            rejects.append(reject("raw_documents", "exact_duplicate",
                                  f"same bytes as {seen[doc_id]} (doc {doc_id})", cand.source_path, doc_id))
            continue
        try:
            decoded = decode_bytes(cand.data)
        except UndecodableError as exc:
            rejects.append(reject("raw_documents", exc.reason, exc.detail, cand.source_path, doc_id))
            continue
        seen[doc_id] = cand.source_path
        fmt = "html" if cand.fmt == "txt" and _looks_like_html(decoded.text) else cand.fmt
        rows.append({
            "doc_id": doc_id,
            "source_path": cand.source_path,
            "source_format": "jsonl" if "#L" in cand.source_path and fmt == "txt" else fmt,
            "encoding": decoded.encoding,
            "sha256": digest,
            "n_bytes": len(cand.data),
            "raw_text": decoded.text,
        })
    frame = to_frame(rows, RawDocuments).sort("doc_id")
    return IngestResult(frame, rejects)


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def text_format(source_format: str) -> str:
    """The format the cleaner needs: jsonl lines carry plain text."""
    return "html" if source_format == "html" else "txt"
