"""sentences -> entity mentions per batch (NER); all batches' mentions -> entities (resolution)."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from pipeline.extract.ner import load_tagger
from pipeline.extract.resolve import resolve
from pipeline.ids import stable_id
from pipeline.progress import Progress
from pipeline.tables.common import extractor, mentions_by_doc, sentence_at, sentence_spans
from pipeline.tables.parallel import map_ordered
from schemas import Entities, EntityMentions, to_frame

NER = extractor("khabar.ner-crf")
RESOLVER = extractor("khabar.resolve")


def _tag(job: tuple[str, list[tuple[int, int]]]) -> list:
    text, spans = job
    return sorted(load_tagger().tag(text, spans), key=lambda m: (m.start, m.end))


def mention_table(clean: pl.DataFrame, sentences: pl.DataFrame, workers: int | None = None,
                  progress: Progress | None = None) -> pl.DataFrame:
    """NER mentions of one batch, with entity_id and link_reason still empty (see ``resolve_tables``)."""
    spans = sentence_spans(sentences)
    rows_in = clean.select("doc_id", "clean_text").rows()
    jobs = [(text, [(s, e) for s, e, _ in spans.get(doc_id, [])]) for doc_id, text in rows_in]
    rows = []
    for (doc_id, _text), mentions in zip(rows_in, map_ordered(_tag, jobs, workers, progress=progress)):
        for m in mentions:
            rows.append({
                "char_start": m.start,
                "char_end": m.end,
                "mention_id": stable_id(doc_id, m.start, m.end, m.label),
                "doc_id": doc_id,
                "sentence_id": sentence_at(spans.get(doc_id, []), m.start),
                "text": m.text,
                "entity_type": m.label,
                "adjectival": m.adjectival,
                "entity_id": None,
                "link_reason": None,
                "confidence": float(m.confidence),
                "extractor": NER,
            })
    return to_frame(rows, EntityMentions).sort("doc_id", "char_start", "char_end")


def resolve_tables(mentions: pl.DataFrame, texts: Iterable[tuple[str, str]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Corpus-wide resolution: ``mentions`` of every batch and (doc_id, clean_text) of every document
    -> (entity_mentions with entity_id and link_reason, entities)."""
    by_doc = mentions_by_doc(mentions)
    docs = [(doc_id, text, by_doc.get(doc_id, ([], []))[0]) for doc_id, text in sorted(texts)]
    resolution = resolve(docs)
    entity_of: dict[str, str] = {}
    reason_of: dict[str, str] = {}
    for link in resolution.links:
        mention_id = by_doc[link.doc_id][1][link.mention_index]
        entity_of[mention_id] = link.entity_id
        reason_of[mention_id] = link.reason
    linked = mentions.with_columns(
        pl.col("mention_id").replace_strict(entity_of, default=None, return_dtype=pl.Utf8).alias("entity_id"),
        pl.col("mention_id").replace_strict(reason_of, default="new_entity", return_dtype=pl.Utf8).alias("link_reason"),
    ).sort("doc_id", "char_start", "char_end")
    entities = to_frame([
        {
            "entity_id": e.entity_id,
            "canonical_name": e.canonical_name,
            "entity_type": e.entity_type,
            "aliases": list(e.aliases),
            "mention_count": e.mention_count,
            "doc_count": e.doc_count,
            "merge_reasons": list(e.merge_reasons),
            "extractor": RESOLVER,
        }
        for e in resolution.entities
    ], Entities).sort("entity_id")
    return linked, entities



LINK_COLUMNS = ("mention_id", "entity_id", "link_reason")


def resolve_links(mentions: pl.DataFrame, texts: Iterable[tuple[str, str]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(links: mention_id -> entity_id and link_reason, sorted by mention_id; entities): the corpus-wide
    index that ``link_mentions`` applies to each batch's mentions."""
    linked, entities = resolve_tables(mentions, texts)
    return linked.select(LINK_COLUMNS).sort("mention_id"), entities


def link_mentions(mentions: pl.DataFrame, links: pl.DataFrame) -> pl.DataFrame:
    """One batch's mentions with entity_id and link_reason from the corpus-wide ``links``."""
    linked = mentions.drop("entity_id", "link_reason").join(links, on="mention_id", how="left")
    return linked.select(mentions.columns).sort("doc_id", "char_start", "char_end")
