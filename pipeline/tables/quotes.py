"""clean_documents + sentences + entity_mentions -> quotes."""

from __future__ import annotations

import polars as pl

from pipeline.extract.quotes import extract_quotes
from pipeline.extract.resolve.speakers import speaker_entity
from pipeline.ids import stable_id
from pipeline.progress import Progress
from pipeline.tables.common import extractor, mentions_by_doc, sentence_at, sentence_spans
from schemas import Quotes, to_frame

QUOTER = extractor("khabar.quotes")


def quotes_table(clean: pl.DataFrame, sentences: pl.DataFrame, mentions: pl.DataFrame,
                 progress: Progress | None = None) -> pl.DataFrame:
    spans = sentence_spans(sentences)
    by_doc = mentions_by_doc(mentions)
    rows = []
    for doc_id, text, published in clean.select("doc_id", "clean_text", "published_date").iter_rows():
        if progress is not None:
            progress.advance()
        doc_spans = spans.get(doc_id, [])
        doc_mentions, entity_ids = by_doc.get(doc_id, ([], []))
        for q in extract_quotes(text, [(s, e) for s, e, _ in doc_spans], doc_mentions):
            idx = q.speaker_mention_index
            if idx is not None:
                speaker_id = entity_ids[idx]
            elif q.speaker_text:
                speaker_id = speaker_entity(q.speaker_text, doc_mentions, entity_ids)
            else:
                speaker_id = None
            rows.append({
                "char_start": q.start,
                "char_end": q.end,
                "quote_id": stable_id(doc_id, q.start, q.end),
                "doc_id": doc_id,
                "sentence_id": sentence_at(doc_spans, q.start),
                "text": q.text,
                "kind": q.kind,
                "cue": q.cue,
                "cue_lemma": q.cue_lemma,
                "cue_start": q.cue_start,
                "cue_end": q.cue_end,
                "speaker_text": q.speaker_text,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "speaker_role": q.speaker_role,
                "speaker_entity_id": speaker_id,
                "published_date": published,
                "confidence": float(q.confidence),
                "extractor": QUOTER,
            })
    return to_frame(rows, Quotes).sort("doc_id", "char_start")
