"""Exact and near-duplicate documents: the same story under different site furniture.

Documents are compared on word shingles of their matching key, so spelling variants
(أميركا/أمريكا, hamza seats) do not hide a copy. Candidates come from MinHash LSH (fixed seed);
the reported similarity is the exact Jaccard of the shingle sets. Documents are visited in sorted
``doc_id`` order, so the earlier id is always the original and the result is deterministic.

The sketches are datasketch's own (same SHA-1 32-bit shingle hashes, same seeded permutations), made
faster: the permutations are drawn once per call instead of once per document, and the shingle
hashes are computed in one comprehension and fed to ``update_batch`` through an identity hash.
"""

from __future__ import annotations

import hashlib
from hashlib import sha1

from datasketch import MinHash, MinHashLSH

from pipeline.text.normalize import match_key

_SHINGLE = 3
_NUM_PERM = 128
_SEED = 1


def _shingles(text: str) -> set[str]:
    tokens = match_key(text).split()
    if len(tokens) < _SHINGLE:
        return {" ".join(tokens)} if tokens else set()
    return set(map(" ".join, zip(*(tokens[i:] for i in range(_SHINGLE)))))


def _identity(value: int) -> int:
    return value


def _sha1_hash32(shingles: set[str]) -> list[int]:
    """datasketch's ``sha1_hash32`` of every shingle (first four digest bytes, little-endian)."""
    return [int.from_bytes(sha1(s.encode("utf-8")).digest()[:4], "little") for s in shingles]


def near_duplicates(docs: list[tuple[str, str]], threshold: float = 0.8) -> dict[str, tuple[str, float]]:
    """``{doc_id: (original_doc_id, similarity)}`` for every document that copies an earlier one.

    Exact copies of the clean text get similarity 1.0; near copies the Jaccard similarity of their
    word shingles (>= ``threshold``). Originals are not in the result.
    """
    result: dict[str, tuple[str, float]] = {}
    by_hash: dict[str, str] = {}
    lsh = MinHashLSH(threshold=threshold, num_perm=_NUM_PERM)
    shingles_of: dict[str, set[str]] = {}
    template = MinHash(num_perm=_NUM_PERM, seed=_SEED)
    for doc_id, text in sorted(docs):
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in by_hash:
            result[doc_id] = (by_hash[digest], 1.0)
            continue
        by_hash[digest] = doc_id
        shingles = _shingles(text)
        if not shingles:
            continue
        minhash = MinHash(num_perm=_NUM_PERM, seed=_SEED, hashfunc=_identity,
                          permutations=template.permutations, scheme=template.scheme)
        minhash.update_batch(_sha1_hash32(shingles))
        best: tuple[str, float] | None = None
        for candidate in sorted(lsh.query(minhash)):
            other = shingles_of[candidate]
            similarity = len(shingles & other) / len(shingles | other)
            if similarity >= threshold and (best is None or similarity > best[1]):
                best = (candidate, round(similarity, 4))
        if best is not None:
            result[doc_id] = best
            continue
        lsh.insert(doc_id, minhash)
        shingles_of[doc_id] = shingles
    return result
