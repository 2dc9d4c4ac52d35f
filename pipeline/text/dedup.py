"""Exact and near-duplicate documents: the same story under different site furniture.

Documents are compared on word shingles of their matching key, so spelling variants
(أميركا/أمريكا, hamza seats) do not hide a copy. Each document gets a sketch (sha256 of its text and
a MinHash signature, fixed seed) that can be stored; candidates are the earlier documents whose
signature shares a band with it (the banding of datasketch's LSH at the threshold), and the reported
similarity is the Jaccard of the shingle sets (64-bit shingle hashes). Documents are visited in a
fixed order (doc_id within a batch; batch, then doc_id across a corpus): the earlier one is always
the original and the result is deterministic. Only originals (documents that copy nothing earlier)
are candidates, so a chain of edits does not drift away from the first text.

The signatures are datasketch's own (same SHA-1 32-bit shingle hashes, same seeded permutations), made
faster: the permutations are drawn once per process instead of once per document, and the shingle
hashes are computed in one pass and fed to ``update_batch`` through an identity hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from hashlib import sha1
from typing import NamedTuple

import numpy as np
import polars as pl
from datasketch import MinHash, MinHashLSH

from pipeline.text.normalize import match_key

_SHINGLE = 3
_NUM_PERM = 128
_SEED = 1
THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Sketch:
    """What duplicate detection keeps of a document: storable, a few hundred bytes."""

    doc_id: str
    sha256: str  # of the text (UTF-8): equal texts are exact copies
    minhash: bytes | None  # _NUM_PERM little-endian uint32; None when the text has no word


class Copy(NamedTuple):
    original: str  # doc_id of the earlier document
    similarity: float  # Jaccard of the shingle sets, rounded to 4 places; 1.0 for exact copies
    exact: bool  # same text


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the text's word 3-shingles (the first eight bytes of their
    SHA-1, little-endian; the low half is datasketch's ``sha1_hash32``)."""
    tokens = match_key(text).split()
    if len(tokens) < _SHINGLE:
        shingles = {" ".join(tokens)} if tokens else set()
    else:
        shingles = set(map(" ".join, zip(*(tokens[i:] for i in range(_SHINGLE)))))
    return np.unique(np.fromiter((int.from_bytes(sha1(s.encode("utf-8")).digest()[:8], "little") for s in shingles),
                                 dtype=np.uint64, count=len(shingles)))


def _identity(value: int) -> int:
    return value


@cache
def _template() -> MinHash:
    return MinHash(num_perm=_NUM_PERM, seed=_SEED)


@cache
def _bands(threshold: float) -> tuple[tuple[int, int], ...]:
    """(start, end) of each band of the signature, as datasketch's LSH sets them for ``threshold``."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=_NUM_PERM).hashranges)


def sketch(doc_id: str, text: str, hashes: np.ndarray | None = None) -> Sketch:
    """The sketch of a document (``hashes``: its ``shingle_hashes`` if already computed)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    hashes = shingle_hashes(text) if hashes is None else hashes
    if not hashes.size:
        return Sketch(doc_id, digest, None)
    template = _template()
    minhash = MinHash(num_perm=_NUM_PERM, seed=_SEED, hashfunc=_identity,
                      permutations=template.permutations, scheme=template.scheme)
    minhash.update_batch((hashes & np.uint64(0xFFFFFFFF)).tolist())
    return Sketch(doc_id, digest, minhash.hashvalues.astype("<u4").tobytes())


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


def _candidates(sketches: Sequence[Sketch], usable: Iterable[int], threshold: float) -> dict[int, list[int]]:
    """{i: earlier positions j whose signature shares a band with sketch i}, ascending."""
    usable = list(usable)
    if not usable:
        return {}
    bands = _bands(threshold)
    rows = pl.DataFrame({
        "i": np.repeat(np.asarray(usable, dtype=np.uint32), len(bands)),
        "band": np.tile(np.arange(len(bands), dtype=np.uint8), len(usable)),
        "key": [sketches[i].minhash[4 * start:4 * end] for i in usable for start, end in bands],
    })
    pairs = (rows.join(rows.rename({"i": "j"}), on=["band", "key"]).filter(pl.col("j") < pl.col("i"))
             .select("i", "j").unique().sort("i", "j"))
    out: dict[int, list[int]] = {}
    for i, j in pairs.iter_rows():
        out.setdefault(i, []).append(j)
    return out


def find_copies(sketches: Sequence[Sketch], shingles: Callable[[list[str]], Mapping[str, np.ndarray]],
                threshold: float = THRESHOLD) -> dict[str, Copy]:
    """``{doc_id: Copy}`` for every document that copies an earlier one, ``sketches`` in visiting
    order. ``shingles(doc_ids)`` gives the ``shingle_hashes`` of the documents that have candidates
    (only they are read). Exact copies (same sha256) first; else the original candidate with the
    highest similarity >= ``threshold`` (the earliest on ties). Originals are not in the result."""
    first_of: dict[str, str] = {}
    exact: dict[int, str] = {}
    for i, s in enumerate(sketches):
        if s.sha256 in first_of:
            exact[i] = first_of[s.sha256]
        else:
            first_of[s.sha256] = s.doc_id
    candidates = _candidates(sketches, (i for i, s in enumerate(sketches)
                                        if i not in exact and s.minhash is not None), threshold)
    involved = sorted({sketches[k].doc_id for i, js in candidates.items() for k in (i, *js)})
    sets = shingles(involved) if involved else {}
    result: dict[str, Copy] = {}
    originals: set[int] = set()
    for i, s in enumerate(sketches):
        if i in exact:
            result[s.doc_id] = Copy(exact[i], 1.0, True)
            continue
        if s.minhash is None:
            continue
        best: Copy | None = None
        for j in candidates.get(i, ()):
            if j not in originals:
                continue
            other = sketches[j].doc_id
            similarity = jaccard(sets[s.doc_id], sets[other])
            if similarity >= threshold and (best is None or similarity > best.similarity):
                best = Copy(other, round(similarity, 4), False)
        if best is None:
            originals.add(i)
        else:
            result[s.doc_id] = best
    return result


def sketches_of(docs: list[tuple[str, str]], threshold: float = THRESHOLD) -> tuple[list[Sketch], dict[str, Copy]]:
    """Sketches of a batch's (doc_id, text) pairs, in doc_id order, and the batch's own copies."""
    docs = sorted(docs)
    hashes = {doc_id: shingle_hashes(text) for doc_id, text in docs}
    sketches = [sketch(d, t, hashes[d]) for d, t in docs]
    return sketches, find_copies(sketches, lambda ids: {i: hashes[i] for i in ids}, threshold)


def near_duplicates(docs: list[tuple[str, str]], threshold: float = THRESHOLD) -> dict[str, Copy]:
    """``find_copies`` over (doc_id, text) pairs held in memory, visited in doc_id order."""
    return sketches_of(docs, threshold)[1]
