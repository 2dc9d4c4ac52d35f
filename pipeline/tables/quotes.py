"""clean_documents + sentences + mentions -> quotes per batch; speakers linked to entities afterwards."""

from __future__ import annotations

import polars as pl

from pipeline.extract.quotes import extract_quotes
from pipeline.extract.resolve.speakers import speaker_entity
from pipeline.ids import stable_id
from pipeline.progress import Progress
from pipeline.tables.common import extractor, mentions_by_doc, sentence_at, sentence_spans
from pipeline.tables.parallel import iter_ordered
from schemas import Quotes, to_frame

QUOTER = extractor("khabar.quotes")


def _extract(job: tuple) -> list:
    return extract_quotes(*job)


def quotes_table(clean: pl.DataFrame, sentences: pl.DataFrame, mentions: pl.DataFrame,
                 workers: int | None = None, progress: Progress | None = None) -> pl.DataFrame:
    """Quotes of one batch with the speaker's mention; ``link_speakers`` adds the speaker's entity."""
    spans = sentence_spans(sentences)
    by_doc = mentions_by_doc(mentions)
    docs = clean.select("doc_id", "clean_text", "published_date").rows()
    jobs = [(text, [(s, e) for s, e, _ in spans.get(doc_id, [])], by_doc.get(doc_id, ([], []))[0])
            for doc_id, text, _ in docs]
    rows = []
    results = iter_ordered(_extract, jobs, workers, progress=progress)  # rows are made as results come back
    for (doc_id, _text, published), found in zip(docs, results, strict=True):
        doc_spans = spans.get(doc_id, [])
        mention_ids = by_doc.get(doc_id, ([], []))[1]
        for q in found:
            idx = q.speaker_mention_index
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
                "speaker_mention_id": None if idx is None else mention_ids[idx],
                "speaker_entity_id": None,
                "published_date": published,
                "confidence": float(q.confidence),
                "extractor": QUOTER,
            })
    return to_frame(rows, Quotes).sort("doc_id", "char_start")


def link_speakers(quotes: pl.DataFrame, entity_mentions: pl.DataFrame) -> pl.DataFrame:
    """speaker_entity_id: the entity of the speaker's mention; for a speaker the tagger did not mark,
    the one entity of the document that the speaker's words name (``speaker_entity``)."""
    entity_of = dict(zip(entity_mentions["mention_id"].to_list(), entity_mentions["entity_id"].to_list()))
    unmarked = quotes.filter(pl.col("speaker_mention_id").is_null() & pl.col("speaker_text").is_not_null())
    by_doc = mentions_by_doc(entity_mentions.filter(pl.col("doc_id").is_in(unmarked["doc_id"].unique().implode())),
                             ids="entity_id")
    fallback = {
        quote_id: speaker_entity(speaker, *by_doc.get(doc_id, ([], [])))
        for quote_id, doc_id, speaker in unmarked.select("quote_id", "doc_id", "speaker_text").iter_rows()
    }
    return quotes.with_columns(
        pl.coalesce(
            pl.col("speaker_mention_id").replace_strict(entity_of, default=None, return_dtype=pl.Utf8),
            pl.col("quote_id").replace_strict(fallback, default=None, return_dtype=pl.Utf8),
        ).alias("speaker_entity_id")
    )
