"""clean_documents -> sentences."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.ids import offsets_id_column
from pipeline.tables.common import extractor, sorted_by
from pipeline.text.segment import sentence_bounds
from schemas import Sentences, polars_schema

SEGMENTER = extractor("khabar.segment")


def sentences_table(clean: pl.DataFrame) -> pl.DataFrame:
    """Sentence rows of every clean text of ``clean`` (the clean stage splits its own slices where it
    cleans them: ``sentence_rows``)."""
    return sorted_by(sentence_rows(clean.select("doc_id", "clean_text")), "doc_id", "char_start")


def sentence_rows(part: pl.DataFrame, texts: list[str] | None = None) -> pl.DataFrame:
    """Sentence rows of a slice (doc_id, clean_text) of clean_documents, in its order (``texts``: its
    clean texts as Python strings, when the caller has them)."""
    # Spans from the compiled loop; ids, texts and doc ids computed in polars from the slice's columns.
    texts = part["clean_text"].to_list() if texts is None else texts
    starts, ends, paragraphs, rows = sentence_bounds(texts)
    indices = np.arange(len(rows)) - np.searchsorted(rows, rows)  # rows ascend: a document's first is 0
    schema = polars_schema(Sentences)
    spans = pl.DataFrame({"char_start": starts, "char_end": ends, "row": rows},
                         schema={"char_start": schema["char_start"], "char_end": schema["char_end"],
                                 "row": pl.UInt32})
    own_texts = part["clean_text"].gather(spans["row"])  # each sentence's document text (views, not copies)
    return spans.with_columns(part["doc_id"].gather(spans["row"])).select(
        "char_start", "char_end",
        offsets_id_column("doc_id", "char_start", "char_end").alias("sentence_id"),
        "doc_id",
        pl.Series("paragraph_index", paragraphs, schema["paragraph_index"]),
        pl.Series("sentence_index", indices, schema["sentence_index"]),
        pl.lit(own_texts).str.slice("char_start", pl.col("char_end") - pl.col("char_start")).alias("text"),
        extractor=pl.lit(SEGMENTER, schema["extractor"]),
    )
