"""clean_documents + sentences -> entity_mentions + entities (NER, then cross-document resolution)."""

from __future__ import annotations

import polars as pl

from pipeline.extract.ner import load_tagger
from pipeline.extract.resolve import resolve
from pipeline.ids import stable_id
from pipeline.progress import Progress
from pipeline.tables.common import extractor, sentence_at, sentence_spans
from pipeline.tables.parallel import map_ordered
from schemas import Entities, EntityMentions, to_frame

NER = extractor("khabar.ner-crf")
RESOLVER = extractor("khabar.resolve")


def _tag(job: tuple[str, list[tuple[int, int]]]) -> list:
    text, spans = job
    return sorted(load_tagger().tag(text, spans), key=lambda m: (m.start, m.end))


def entity_tables(clean: pl.DataFrame, sentences: pl.DataFrame, workers: int | None = None,
                  progress: Progress | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    spans = sentence_spans(sentences)
    rows_in = clean.select("doc_id", "clean_text").rows()
    jobs = [(text, [(s, e) for s, e, _ in spans.get(doc_id, [])]) for doc_id, text in rows_in]
    tagged = map_ordered(_tag, jobs, workers, progress=progress)
    docs = [(doc_id, text, mentions) for (doc_id, text), mentions in zip(rows_in, tagged)]
    resolution = resolve(docs)
    reasons = {(link.doc_id, link.mention_index): link.reason for link in resolution.links}
    rows = []
    for doc_id, _text, mentions in docs:
        for index, m in enumerate(mentions):
            rows.append({
                "char_start": m.start,
                "char_end": m.end,
                "mention_id": stable_id(doc_id, m.start, m.end, m.label),
                "doc_id": doc_id,
                "sentence_id": sentence_at(spans.get(doc_id, []), m.start),
                "text": m.text,
                "entity_type": m.label,
                "adjectival": m.adjectival,
                "entity_id": resolution.mention_entity[(doc_id, index)],
                "link_reason": reasons.get((doc_id, index), "new_entity"),
                "confidence": float(m.confidence),
                "extractor": NER,
            })
    mentions_df = to_frame(rows, EntityMentions).sort("doc_id", "char_start", "char_end")
    entities_df = to_frame([
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
    return mentions_df, entities_df
