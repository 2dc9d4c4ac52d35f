"""Offset maps between clean text and the raw text it was cut from.

A map is a sorted list of ``(clean_start, raw_start, length)`` segments: clean characters
``[clean_start, clean_start + length)`` are a verbatim copy of raw ``[raw_start, raw_start + length)``.
Characters the cleaner changed (a no-break space made a space, a presentation form expanded) start
with a zero-length anchor segment at the raw character they replace; characters it inserted
(paragraph breaks) fall between segments. Both map to the raw end of the preceding segment.
"""

from __future__ import annotations

from bisect import bisect_right

Segment = tuple[int, int, int]


def to_raw(offset_map: list[Segment], clean_offset: int) -> int:
    """Raw offset of the clean character at ``clean_offset`` (or of the end, past the last one)."""
    if not offset_map:
        return 0
    i = bisect_right(offset_map, (clean_offset, float("inf"), 0)) - 1
    if i < 0:
        return offset_map[0][1]
    clean_start, raw_start, length = offset_map[i]
    delta = clean_offset - clean_start
    return raw_start + delta if delta < length else raw_start + length


class OffsetMapBuilder:
    """Accumulates clean text piece by piece together with its offset map."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def copy(self, text: str, raw_start: int) -> None:
        """Append ``text`` that appears verbatim in raw at ``raw_start``."""
        if not text:
            return
        segments = self._segments
        if segments:
            clean_start, last_raw, length = segments[-1]
            if clean_start + length == self._length and last_raw + length == raw_start:
                segments[-1] = (clean_start, last_raw, length + len(text))
                self._parts.append(text)
                self._length += len(text)
                return
        segments.append((self._length, raw_start, len(text)))
        self._parts.append(text)
        self._length += len(text)

    def extend(self, text: str, offset_map: list[Segment] | None, raw_base: int, separator: str = "") -> None:
        """Append clean ``text`` whose own map points into raw text starting at ``raw_base``
        (``None``: ``text`` is a verbatim copy of raw text there, one segment), after ``separator``
        (inserted as by ``insert``) unless nothing was appended yet."""
        if separator and self._length:
            self._parts.append(separator)
            self._length += len(separator)
        base = self._length
        if offset_map is None:
            self._segments.append((base, raw_base, len(text)))
        else:
            self._segments.extend([(base + clean_start, raw_base + raw_start, length)
                                   for clean_start, raw_start, length in offset_map])
        self._parts.append(text)
        self._length += len(text)

    def replace(self, text: str, raw_start: int) -> None:
        """Append ``text`` that stands for (different) raw characters starting at ``raw_start``."""
        self._segments.append((self._length, raw_start, 0))
        self._parts.append(text)
        self._length += len(text)

    def insert(self, text: str) -> None:
        """Append characters that have no raw counterpart (e.g. paragraph separators)."""
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> tuple[str, list[Segment]]:
        return "".join(self._parts), list(self._segments)
