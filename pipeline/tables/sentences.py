"""clean_documents -> sentences."""

from __future__ import annotations

from typing import NamedTuple

import polars as pl

from pipeline.ids import offsets_id
from pipeline.progress import Progress
from pipeline.tables.common import batches, extractor, sorted_by
from pipeline.tables.shared_frames import share_frames
from pipeline.text.cycles import cycle_collection_paused
from pipeline.text.parallel import ordered_map
from pipeline.text.segment import sentence_spans
from schemas import Sentences, polars_schema, to_frame

SEGMENTER = extractor("khabar.segment")
share_frames()  # slices and their tables cross to the worker processes in shared memory


def sentences_table(clean: pl.DataFrame, workers: int = 1, progress: Progress | None = None) -> pl.DataFrame:
    """Sentence rows of every clean text; ``workers`` > 1 splits slices of ``clean`` on that many
    processes (this one included), with the same table for any number of workers."""
    parts = []
    for part in ordered_map(_slice_sentences, batches(clean.select("doc_id", "clean_text")), workers):
        parts.append(part.rows)
        if progress is not None:
            progress.advance(part.docs)
    return sorted_by(pl.concat(parts), "doc_id", "char_start") if parts else to_frame([], Sentences)


class _Part(NamedTuple):
    rows: pl.DataFrame
    docs: int


def _slice_sentences(part: pl.DataFrame) -> _Part:
    with cycle_collection_paused():
        return _sentences_of(part)


def _sentences_of(part: pl.DataFrame) -> _Part:
    # Column by column: polars builds a frame from lists several times faster than from row tuples.
    # The texts and doc ids are cut and repeated in polars, from the slice's own columns.
    starts, ends, ids, rows, paragraphs, indices = [], [], [], [], [], []
    for row, (doc_id, text) in enumerate(part.iter_rows()):
        found = sentence_spans(text)
        if not found:
            continue
        doc_starts, doc_ends, doc_paragraphs = zip(*found)
        starts += doc_starts
        ends += doc_ends
        paragraphs += doc_paragraphs
        ids += [offsets_id(doc_id, start, end) for start, end, _ in found]
        rows += [row] * len(found)
        indices += range(len(found))
    schema = polars_schema(Sentences)
    spans = pl.DataFrame({"char_start": starts, "char_end": ends, "row": rows},
                         schema={"char_start": schema["char_start"], "char_end": schema["char_end"],
                                 "row": pl.UInt32})
    texts = part["clean_text"].gather(spans["row"])
    frame = spans.select(
        "char_start", "char_end",
        pl.Series("sentence_id", ids, schema["sentence_id"]),
        part["doc_id"].gather(spans["row"]),
        pl.Series("paragraph_index", paragraphs, schema["paragraph_index"]),
        pl.Series("sentence_index", indices, schema["sentence_index"]),
        pl.lit(texts).str.slice("char_start", pl.col("char_end") - pl.col("char_start")).alias("text"),
        extractor=pl.lit(SEGMENTER, schema["extractor"]),
    )
    return _Part(frame, part.height)
