"""Exact and near-duplicate documents: the same story under different site furniture.

Documents are compared on word 3-shingles of their matching key, so spelling variants
(أميركا/أمريكا, hamza seats) do not hide a copy. Each document gets a sketch (sha256 of its text and
a 128-value MinHash signature, datasketch's seeded permutations over the low half of 64-bit shingle
hashes) that can be stored; candidates are the earlier documents whose signature shares an LSH band
with it (bands compared through a 64-bit key), and the reported similarity is the Jaccard of the two
shingle-hash sets. Documents are visited in a fixed order (doc_id within a batch; batch, then doc_id
across a corpus): the earlier one is always the original and the result is deterministic. Only
originals (documents that copy nothing earlier) are candidates, so a chain of edits does not drift
away from the first text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from hashlib import blake2b
from typing import NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH

from pipeline.text.normalize import match_key

_SHINGLE = 3
NUM_PERM = 128
_SEED = 1
THRESHOLD = 0.8


class Sketches(NamedTuple):
    """What duplicate detection keeps of documents, in visiting order: storable, ~600 bytes each."""

    doc_ids: list[str]
    sha256: list[str]  # of each text (UTF-8): equal texts are exact copies
    minhash: np.ndarray  # (documents, NUM_PERM) uint32 signatures; zeros where a text has no word
    words: np.ndarray  # bool per document: False when the text has no word (never a near copy)


class Copy(NamedTuple):
    original: str  # doc_id of the earlier document
    similarity: float  # Jaccard of the shingle sets, rounded to 4 places; 1.0 for exact copies
    exact: bool  # same text


@lru_cache(maxsize=1 << 17)  # words repeat across a batch's documents: each is hashed once
def _word_hash(word: str) -> int:
    return int.from_bytes(blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, element-wise (uint64 arithmetic wraps)."""
    x = (x ^ (x >> _S30)) * _M1
    x = (x ^ (x >> _S27)) * _M2
    return x ^ (x >> _S31)


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the text's word 3-shingles (of all its words if fewer): each
    word hashed once (BLAKE2b), a shingle's hash folded from its words' in order, all shingles at once."""
    words = match_key(text).split()
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    width = min(_SHINGLE, len(words))
    shingles = _mix(h[:len(words) - width + 1])
    for k in range(1, width):
        shingles = _mix(shingles ^ h[k:len(words) - width + 1 + k])
    return np.unique(shingles)


def _identity(value: int) -> int:
    return value


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED)


# Candidates are checked by their Jaccard, so a missed copy costs more than a needless check: weigh
# false negatives 9:1 when choosing bands (at 0.8: 14 bands of 9 rows find 87 % of pairs at 0.8 and
# 97 % at 0.85, where equal weights, 9 bands of 13, find 40 % and 69 %).
_WEIGHTS = (0.1, 0.9)


@cache
def _bands(threshold: float) -> tuple[tuple[int, int], ...]:
    """(start, end) of each band of the signature, as datasketch's LSH sets them for ``threshold``."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=_WEIGHTS).hashranges)


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32) of a text's ``shingle_hashes`` (not empty)."""
    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_identity,
                      permutations=template.permutations, scheme=template.scheme)
    minhash.update_batch((hashes & np.uint64(0xFFFFFFFF)).tolist())
    return minhash.hashvalues.astype(np.uint32)


def sketches_of(docs: list[tuple[str, str]], sha256: list[str] | None = None) -> Sketches:
    """Sketches of (doc_id, text) pairs, in the given order; ``sha256`` of the texts when known."""
    hashes = [shingle_hashes(text) for _, text in docs]
    minhash = np.zeros((len(docs), NUM_PERM), dtype=np.uint32)
    for row, shingles in enumerate(hashes):
        if shingles.size:
            minhash[row] = signature(shingles)
    if sha256 is None:
        sha256 = [hashlib.sha256(text.encode("utf-8")).hexdigest() for _, text in docs]
    return Sketches([d for d, _ in docs], list(sha256), minhash, np.array([h.size > 0 for h in hashes], dtype=bool))


def near_duplicates(docs: list[tuple[str, str]], threshold: float = THRESHOLD) -> dict[str, Copy]:
    """``find_copies`` over (doc_id, text) pairs held in memory, visited in doc_id order."""
    docs = sorted(docs)
    texts = dict(docs)
    return find_copies(sketches_of(docs), lambda ids: {i: shingle_hashes(texts[i]) for i in ids}, threshold)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


# FNV-1a over the band's 32-bit words: equal bands, equal keys (a rare false match only costs a Jaccard).
_FNV_OFFSET, _FNV_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)


def _candidates(sketches: Sketches, usable: np.ndarray, threshold: float) -> dict[int, list[int]]:
    """{i: earlier positions j (ascending) whose signature shares a band with document i's}. One band
    at a time: a key per document, sorted, equal neighbours grouped (memory: a few arrays of n)."""
    rows = np.flatnonzero(usable)
    pairs: set[tuple[int, int]] = set()
    for start, end in _bands(threshold) if rows.size > 1 else ():
        key = np.full(rows.size, _FNV_OFFSET, dtype=np.uint64)
        for column in range(start, end):
            key = (key ^ sketches.minhash[rows, column].astype(np.uint64)) * _FNV_PRIME
        order = np.argsort(key, kind="stable")
        key = key[order]
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        sizes = np.diff(np.r_[first, key.size])
        for begin, size in zip(first[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
            members = sorted(rows[order[begin:begin + size]].tolist())
            pairs.update((i, j) for n, i in enumerate(members) for j in members[:n])
    out: dict[int, list[int]] = {}
    for i, j in sorted(pairs):
        out.setdefault(i, []).append(j)
    return out


def concat(parts: list[Sketches]) -> Sketches:
    """The sketches of several batches, one after the other."""
    if not parts:
        return Sketches([], [], np.zeros((0, NUM_PERM), dtype=np.uint32), np.zeros(0, dtype=bool))
    return Sketches([d for p in parts for d in p.doc_ids], [h for p in parts for h in p.sha256],
                    np.concatenate([p.minhash for p in parts]), np.concatenate([p.words for p in parts]))


def find_copies(sketches: Sketches, shingles: Callable[[list[str]], Mapping[str, np.ndarray]],
                threshold: float = THRESHOLD) -> dict[str, Copy]:
    """``{doc_id: Copy}`` for every document that copies an earlier one. ``shingles(doc_ids)`` gives
    the ``shingle_hashes`` of the documents that have candidates (only they are read). Exact copies
    (same sha256) first; else the original candidate with the highest similarity >= ``threshold`` (the
    earliest on ties). Originals are not in the result."""
    ids = sketches.doc_ids
    first_of: dict[str, str] = {}
    exact: dict[int, str] = {}
    for i, sha in enumerate(sketches.sha256):
        if sha in first_of:
            exact[i] = first_of[sha]
        else:
            first_of[sha] = ids[i]
    usable = sketches.words.copy()
    usable[list(exact)] = False
    candidates = _candidates(sketches, usable, threshold)
    involved = sorted({ids[k] for i, js in candidates.items() for k in (i, *js)})
    sets = shingles(involved) if involved else {}
    result: dict[str, Copy] = {}
    originals: set[int] = set()
    for i, doc_id in enumerate(ids):
        if i in exact:
            result[doc_id] = Copy(exact[i], 1.0, True)
            continue
        if not usable[i]:
            continue
        best: Copy | None = None
        for j in candidates.get(i, ()):
            if j not in originals:
                continue
            similarity = jaccard(sets[doc_id], sets[ids[j]])
            if similarity >= threshold and (best is None or similarity > best.similarity):
                best = Copy(ids[j], round(similarity, 4), False)
        if best is None:
            originals.add(i)
        else:
            result[doc_id] = best
    return result
