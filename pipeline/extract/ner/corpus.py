"""Reading CoNLL NER files and the plain Arabic text used to learn word clusters."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

# ANERcorp spellings of the same types, and the IOB2 tags the scorer accepts.
_TYPE_ALIASES = {"PER": "PERS", "PERSON": "PERS", "MIS": "MISC"}


def shared_dir() -> Path:
    """The shared data folder: $KHABAR_SHARED, else ``<repo root>/../shared``."""
    env = os.environ.get("KHABAR_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[3].parent / "shared"


def anercorp_path(split: str) -> Path:
    return (
        shared_dir()
        / "data"
        / "ner"
        / "anercorp_camel"
        / f"ANERCorp_CamelLab_{split}.txt"
    )


def normalize_tag(tag: str) -> str:
    """Map PER/MIS spellings onto ANERcorp's PERS/MISC, keeping the B-/I- prefix."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    return f"{prefix}-{_TYPE_ALIASES.get(kind, kind)}"


def read_conll(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` from a ``TOKEN TAG`` file with blank lines between sentences."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if current:
                    sentences.append(current)
                    current = []
                continue
            token, tag = (parts[0], parts[-1]) if len(parts) > 1 else (parts[0], "O")
            current.append((token, normalize_tag(tag)))
    if current:
        sentences.append(current)
    return sentences


def unlabelled_sentences() -> Iterator[str]:
    """Arabic sentences on disk that are not NER test text: the event GSR sentences."""
    events = shared_dir() / "data" / "events" / "arabic_event_gsr_dev"
    for path in sorted(events.glob("*_gsr_dev.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                yield row["text"]
