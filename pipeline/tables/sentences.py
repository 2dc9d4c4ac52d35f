"""clean_documents -> sentences."""

from __future__ import annotations

import polars as pl

from pipeline.ids import stable_id
from pipeline.progress import Progress
from pipeline.tables.common import extractor
from pipeline.text.segment import split_sentences
from schemas import Sentences, to_frame

SEGMENTER = extractor("khabar.segment")


def sentences_table(clean: pl.DataFrame, progress: Progress | None = None) -> pl.DataFrame:
    rows = []
    for doc_id, text in clean.select("doc_id", "clean_text").iter_rows():
        if progress is not None:
            progress.advance()
        for index, sent in enumerate(split_sentences(text)):
            rows.append({
                "char_start": sent.start,
                "char_end": sent.end,
                "sentence_id": stable_id(doc_id, sent.start, sent.end),
                "doc_id": doc_id,
                "paragraph_index": sent.paragraph_index,
                "sentence_index": index,
                "text": text[sent.start:sent.end],
                "extractor": SEGMENTER,
            })
    return to_frame(rows, Sentences).sort("doc_id", "char_start")
