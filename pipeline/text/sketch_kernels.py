"""The duplicate sketches' inner loops, compiled by numba (``pipeline.text.dedup`` defines what they
compute; ``pipeline.text.kernels`` compiles them). One pass over a group of texts' folded code points
gives every word's hash and each text's shingle hashes; one loop per text gives its MinHash minima. The
same work as numpy array steps took a dozen passes over arrays as long as the text, a fifth of the clean
stage's time.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_BASE = np.uint64(0x100000001B3)  # odd multiplier of the polynomial word hash (FNV's prime)
_LOW32 = np.uint64(0xFFFFFFFF)
# Ahead-of-time signatures: C-contiguous arrays of these exact types (dedup passes them so).
SIGNATURES = {
    "shingle_hashes": "Tuple((u8[:], i8[::1], b1))(u4[::1], u2[::1], b1[::1], u4[:, ::1], u4[:, ::1], i8, "
                      "b1[::1], i8, i8, b1)",
    "minhash_minima": "u4[:, ::1](u8[::1], i8[::1], u4[::1], u4[::1])",
}


@njit(cache=True, inline="always")
def _mix(x):
    """SplitMix64's finaliser (uint64 arithmetic wraps)."""
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


@njit(cache=True)
def shingle_hashes(chars, table, string_way, variants, replacements, dropped, space, n_texts, width, distinct):
    """(values, bounds, folded): the hashes of the word ``width``-shingles of each of ``n_texts``
    texts (sorted and distinct if ``distinct``: a MinHash needs neither, and the sorts are half the
    work), text t's in ``values[bounds[t]:bounds[t + 1]]``. ``chars`` holds the texts' code points,
    each text followed by a 0.

    ``table``, ``string_way``, ``variants`` and ``replacements`` (``dedup._folding``) fold them as the
    matching key does: each BMP code point through the table (``dropped`` where the fold drops it),
    then the spelling variants swapped inside each word. A code point the table cannot fold stops the
    work: ``folded`` is False and the caller folds the text as a string and passes the result with an
    empty table. A word is a run of code points that are neither 0 nor a
    space (``space[c]`` for c below ``space.size``, none above). A word's hash is SplitMix64 of the
    sum of (code point + 1) * BASE**(position in word), xor its length times M2; a shingle's is
    SplitMix64 folded over its words' hashes in order. A text of fewer words has one shingle of
    them all, a text without words none."""
    n = chars.size
    words = np.empty(n // 2 + 1, np.uint64)  # a word and the space or 0 after it: two code points at least
    words_of = np.zeros(n_texts + 1, np.int64)  # words before text t
    word = np.empty(n, np.uint32)  # the folded code points of the current word
    count = 0
    text = 0
    size = 0
    for i in range(n):
        c = chars[i]
        if table.size:
            if c >= table.size or string_way[c]:
                return words[:0], words_of, False
            c = np.uint32(table[c])
            if c == dropped:
                continue
        if c != 0 and not (c < space.size and space[c]):
            word[size] = c
            size += 1
            continue
        if size:
            length = variants.shape[1]
            for v in range(variants.shape[0]):  # in order and left to right, as fold() replaces them
                j = 0
                while j + length <= size:
                    k = 0
                    while k < length and word[j + k] == variants[v, k]:
                        k += 1
                    if k < length:
                        j += 1
                        continue
                    for k in range(length):
                        word[j + k] = replacements[v, k]
                    j += length
            poly = np.uint64(0)
            power = np.uint64(1)
            for j in range(size):
                poly += (np.uint64(word[j]) + np.uint64(1)) * power
                power *= _BASE
            words[count] = _mix(poly ^ (np.uint64(size) * _M2))
            count += 1
            size = 0
        if c == 0:
            text += 1
            words_of[text] = count
    values = np.empty(count, np.uint64)
    bounds = np.zeros(n_texts + 1, np.int64)
    end = 0
    for t in range(n_texts):
        first, last = words_of[t], words_of[t + 1]
        span = min(width, last - first)
        start = end
        for s in range(first, last - span + 1 if span else first):
            h = _mix(words[s])
            for k in range(1, span):
                h = _mix(h ^ words[s + k])
            values[end] = h
            end += 1
        if distinct and end > start:
            own = values[start:end]
            own.sort()
            kept = start + 1
            for j in range(start + 1, end):
                if values[j] != values[kept - 1]:
                    values[kept] = values[j]
                    kept += 1
            end = kept
        bounds[t + 1] = end
    return values[:end], bounds, True


@njit(cache=True)
def minhash_minima(values, bounds, a, b):
    """(texts, permutations) uint32 MinHash minima: for each text's ``values[bounds[t]:bounds[t + 1]]``,
    the low 32 bits premixed by MurmurHash3's finaliser, then min over them of a[p] * h + b[p] mod 2**32
    (datasketch's affine32 scheme). A text without values gets all ones."""
    texts, perms = bounds.size - 1, a.size
    out = np.full((texts, perms), np.uint32(0xFFFFFFFF), np.uint32)
    for t in range(texts):
        row = out[t]
        for j in range(bounds[t], bounds[t + 1]):
            x = values[j] & _LOW32
            x = ((x ^ (x >> np.uint64(16))) * np.uint64(0x85EBCA6B)) & _LOW32
            x = ((x ^ (x >> np.uint64(13))) * np.uint64(0xC2B2AE35)) & _LOW32
            h = np.uint32(x ^ (x >> np.uint64(16)))
            for p in range(perms):
                y = np.uint32(a[p] * h + b[p])  # numba computes in 64 bits: keep the low 32
                if y < row[p]:
                    row[p] = y
    return out
