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
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH

from pipeline.text.kernels import compiled
from pipeline.text.normalize import VARIANT_LITERALS, fold

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


_TEXT_END = "\x00"  # ends each text folded with others: the clean layer drops control characters
_GROUP_CHARS = 1 << 20
# What str.split() splits on (str.isspace; no code point above U+3000 is a space).
_SPACE = np.array([chr(c).isspace() for c in range(0x3001)])


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the text's word 3-shingles (of all its words if fewer)."""
    return shingle_sets([text])[0]


def shingle_sets(texts: list[str]) -> list[np.ndarray]:
    """``shingle_hashes`` of each text, computed for all of them at once (``sketch_kernels``): the
    matching keys are folded in one pass and hashed in one compiled loop. No Python work per word: a
    batch has millions of them."""
    return [own for values, bounds in _groups(texts, True) for own in np.split(values, bounds[1:-1])]


def _groups(texts: list[str], distinct: bool) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(values, bounds) of ``sketch_kernels.shingle_hashes`` for consecutive groups of the texts, of
    about ``_GROUP_CHARS`` characters each: they bound the arrays' memory."""
    group: list[str] = []
    size = 0
    for text in texts:
        if size + len(text) > _GROUP_CHARS and group:
            yield _group_shingles(group, distinct)
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield _group_shingles(group, distinct)


def _group_shingles(texts: list[str], distinct: bool) -> tuple[np.ndarray, np.ndarray]:
    # The separator inside a text (never in clean text) becomes a replacement character, part of its word.
    texts = [text.replace(_TEXT_END, "\ufffd") if _TEXT_END in text else text for text in texts]
    joined = _TEXT_END.join(texts) + _TEXT_END
    # The compiled loop folds the characters as match_key does by table look-up, unless the text is
    # not NFKC-normal or holds a character whose fold is not one character in every context: that
    # text is folded as a string first.
    kernels = compiled()
    folded = unicodedata.is_normalized("NFKC", joined)
    if folded:
        values, bounds, folded = kernels.shingle_hashes(_code_points(joined), *_folding(), _DROPPED, _SPACE,
                                                        len(texts), _SHINGLE, distinct)
    if not folded:
        values, bounds, _ = kernels.shingle_hashes(_code_points(fold(joined)), *_NO_FOLDING, _DROPPED, _SPACE,
                                                   len(texts), _SHINGLE, distinct)
    return values, bounds


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


_ASTRAL = 0x10000
# Marks a character the fold drops: a surrogate, which is never a fold's result nor in a str that encodes.
_DROPPED = 0xD800
# A fold of nothing: for text already folded as a string.
_NO_FOLDING = (np.zeros(0, np.uint16), np.zeros(0, bool), np.zeros((0, 1), np.uint32), np.zeros((0, 1), np.uint32))


@cache
def _folding() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What the compiled loop needs to fold text as ``fold`` does: the folded code point of every BMP
    character (``DROPPED`` where the fold drops it; 16-bit entries stay in cache), whether a character
    must go the string way (its lower case is longer, or depends on context like Greek capital
    sigma), and the spelling variants with their replacements as rows of code points."""
    assert len({len(v) for pair in VARIANT_LITERALS for v in pair}) == 1, "variants are swapped in place"
    assert not any(c.isspace() for v, _ in VARIANT_LITERALS for c in v), "variants are swapped inside words"
    table = np.full(_ASTRAL, _DROPPED, dtype=np.uint16)
    string_way = np.zeros(_ASTRAL, dtype=bool)
    for code in range(_ASTRAL):
        if 0xD800 <= code < 0xE000:  # surrogates: never in a str that encodes
            continue
        folded = fold(chr(code))
        if len(folded) == 1 and ord(folded) < _ASTRAL:
            table[code] = ord(folded)
        elif folded:  # longer, or a compatibility ideograph folded outside the BMP
            string_way[code] = True
    string_way[ord("Σ")] = True  # lower() makes it final sigma at the end of a word
    rows = [[[ord(c) for c in v] for v, _ in VARIANT_LITERALS], [[ord(c) for c in r] for _, r in VARIANT_LITERALS]]
    return table, string_way, *(np.array(r, dtype=np.uint32) for r in rows)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's seeded (a, b) uint32 permutation parameters of its affine32 scheme."""
    template = MinHash(num_perm=NUM_PERM, seed=_SEED)
    assert template.scheme == "affine32", template.scheme
    a, b = template.permutations
    return a.astype(np.uint32), b.astype(np.uint32)


# Candidates are checked by their Jaccard, so a missed copy costs more than a needless check: weigh
# false negatives 9:1 when choosing bands (at 0.8: 14 bands of 9 rows find 87 % of pairs at 0.8 and
# 97 % at 0.85, where equal weights, 9 bands of 13, find 40 % and 69 %).
_WEIGHTS = (0.1, 0.9)


@cache
def _bands(threshold: float) -> tuple[tuple[int, int], ...]:
    """(start, end) of each band of the signature, as datasketch's LSH sets them for ``threshold``."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=_WEIGHTS).hashranges)


def signatures(hashes: list[np.ndarray]) -> np.ndarray:
    """(texts, ``NUM_PERM``) uint32 MinHash signatures of texts' ``shingle_hashes``: datasketch's
    affine32 MinHash over the low 32 bits of each hash (pre-mixed, then a*h+b mod 2^32, minimum per
    permutation), computed in one compiled loop instead of through a Python list per text. A text
    without shingles gets datasketch's empty signature (all ones)."""
    values = np.concatenate([np.zeros(0, np.uint64), *hashes])
    bounds = np.cumsum([0, *(h.size for h in hashes)], dtype=np.int64)
    return compiled().minhash_minima(values.astype(np.uint64, copy=False), bounds, *_permutations())


def sketches_of(docs: list[tuple[str, str]], sha256: list[str] | None = None) -> Sketches:
    """Sketches of (doc_id, text) pairs, in the given order; ``sha256`` of the texts when known."""
    minhash, sizes = [np.zeros((0, NUM_PERM), dtype=np.uint32)], [np.zeros(0, np.int64)]
    for values, bounds in _groups([text for _, text in docs], False):  # repeats leave minima as they are
        minhash.append(compiled().minhash_minima(values, bounds, *_permutations()))
        sizes.append(np.diff(bounds))
    words = np.concatenate(sizes) > 0
    if sha256 is None:
        sha256 = [hashlib.sha256(text.encode("utf-8")).hexdigest() for _, text in docs]
    return Sketches([d for d, _ in docs], list(sha256), np.where(words[:, None], np.concatenate(minhash), 0), words)


def near_duplicates(docs: list[tuple[str, str]], threshold: float = THRESHOLD) -> dict[str, Copy]:
    """``find_copies`` over (doc_id, text) pairs held in memory, visited in doc_id order."""
    docs = sorted(docs)
    texts = dict(docs)
    return find_copies(sketches_of(docs), lambda ids: dict(zip(ids, shingle_sets([texts[i] for i in ids]))),
                       threshold)


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
    result = {ids[i]: Copy(original, 1.0, True) for i, original in exact.items()}
    # Candidates are usable documents, so an earlier one is an original unless it is a near copy: in
    # ascending order, each document's status is settled before a later one looks at it.
    near: set[int] = set()
    for i in sorted(candidates):
        best: Copy | None = None
        for j in candidates[i]:
            if j in near:
                continue
            similarity = jaccard(sets[ids[i]], sets[ids[j]])
            if similarity >= threshold and (best is None or similarity > best.similarity):
                best = Copy(ids[j], round(similarity, 4), False)
        if best is not None:
            result[ids[i]] = best
            near.add(i)
    return result
