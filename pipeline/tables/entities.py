"""sentences -> entity mentions per batch (NER); all batches' mentions -> entities (resolution, streamed by batch)."""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import partial
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import numpy as np
import polars as pl

from pipeline.extract.ner import load_tagger
from pipeline.extract.resolve import Entity
from pipeline.extract.resolve.resolver import Anchor, Assigned, DocResolution, Resolver
from pipeline.ids import stable_id
from pipeline.progress import Progress
from pipeline.tables.common import batches as slices_of
from pipeline.tables.common import extractor, mentions_by_doc, sentence_at, sentence_spans
from pipeline.tables.parallel import iter_batches
from schemas import Entities, EntityMentions, to_frame

NER = extractor("khabar.ner-crf")
RESOLVER = extractor("khabar.resolve")


def _tag(jobs: list[tuple[str, list[tuple[int, int]]]]) -> list[list]:
    return [sorted(found, key=lambda m: (m.start, m.end)) for found in load_tagger().tag_many(jobs)]


def mention_table(clean: pl.DataFrame, sentences: pl.DataFrame, workers: int | None = None,
                  progress: Progress | None = None) -> pl.DataFrame:
    """NER mentions of one batch, with entity_id and link_reason still empty (``resolve_batches`` then
    ``link_mentions`` fill them)."""
    spans = sentence_spans(sentences)
    rows_in = clean.select("doc_id", "clean_text").rows()
    jobs = [(text, [(s, e) for s, e, _ in spans.get(doc_id, [])]) for doc_id, text in rows_in]
    rows = []
    tagged = iter_batches(_tag, jobs, workers, progress=progress)  # rows are made as results come back
    for (doc_id, _text), mentions in zip(rows_in, tagged, strict=True):
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


Batches = Callable[[], Iterable[tuple[pl.DataFrame, pl.DataFrame]]]
_LINKS = pl.Schema({"mention_id": pl.Utf8, "entity_id": pl.Utf8, "link_reason": pl.Utf8})
# What pass 2 keeps of a batch until pass 3, on disk: one row per mention in (doc_id, offset) order,
# and the context anchors (persons, organisations) of each document. A mention's steps are one string
# (a list column costs 50x more to build from Python lists); clean text holds no control character.
_SPILL = pl.Schema({"mention_id": pl.Utf8(), "doc_id": pl.Utf8(), "anchor": pl.UInt32(), "display": pl.Utf8(),
                    "steps": pl.Utf8(), "is_name": pl.Boolean()})
_STEP_SEP = "\x1f"
_CONTEXT = pl.Schema({"doc_id": pl.Utf8(), "anchors": pl.List(pl.UInt32)})


class _Spill(NamedTuple):
    mentions: Path
    contexts: Path


def resolve_batches(batches: Batches, workers: int | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Corpus-wide resolution streamed one input batch at a time.

    ``batches()`` yields, per batch in order, (its mentions with the EntityMentions columns as
    ``mention_table`` makes them, its clean documents with at least doc_id and clean_text); it is
    called twice (counts, then documents) and must yield the same each time. A document belongs to
    the first batch whose clean documents list it: its text and that batch's mentions of it are
    resolved, once; rows of it in later batches, and mentions of documents without a text, are left
    out. Returns (links: mention_id, entity_id, link_reason for every resolved mention, sorted by
    mention_id; entities as ``resolve_tables`` gives them). The output does not depend on how the
    documents are split into batches or in which order the batches come.

    Documents are resolved on ``workers`` processes (default: every CPU) and folded in id order, so
    the output does not depend on the worker count.

    Memory: one batch's frames and Python objects at a time, plus per-anchor state in the
    ``Resolver``; each batch's per-mention results wait for pass 3 in a temporary parquet file, and
    the links are built per batch as Arrow columns.
    """
    resolver = Resolver()
    for mentions, _ in _owned(batches()):
        for text, label, n in mentions.group_by("text", "entity_type").len().iter_rows():
            resolver.count(text, label, n)
    resolver.counted()
    with tempfile.TemporaryDirectory(prefix="khabar-resolve-") as tmp:
        counts = str(Path(tmp) / "pass_one.pickle")
        _PASS_ONE[counts] = resolver.pass_one()  # this process's share of pass 2 reads it in place
        Path(counts).write_bytes(pickle.dumps(_PASS_ONE[counts], protocol=pickle.HIGHEST_PROTOCOL))
        try:
            spills = [_resolve_batch(resolver, partial(_local, counts), mentions, texts, Path(tmp) / str(i), workers)
                      for i, (mentions, texts) in enumerate(_owned(batches()))]
        finally:
            _PASS_ONE.clear()
        resolver.link_across(partial(_contexts, resolver, spills))
        parts = [_link_batch(resolver, spill) for spill in spills]
    links = pl.concat(parts) if parts else pl.DataFrame(schema=_LINKS)
    return links.sort("mention_id"), _entities_frame(resolver.entities())


def _owned(stream: Iterable[tuple[pl.DataFrame, pl.DataFrame]]) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """Per batch, (mentions, doc_id + clean_text) of the documents no earlier batch gave: a document
    in two batches is resolved from its first, as the assets' ``whole`` keeps the first batch's rows."""
    seen = pl.DataFrame(schema={"doc_id": pl.Utf8})
    for mentions, clean in stream:
        texts = (clean.select("doc_id", "clean_text").unique("doc_id", keep="first", maintain_order=True)
                 .join(seen, on="doc_id", how="anti"))
        seen = pl.concat([seen, texts.select("doc_id")])
        yield mentions.join(texts.select("doc_id"), on="doc_id", how="semi"), texts


# The pass-1 resolver of the running resolution, by the file it is saved in (a worker process keeps
# the last one it read).
_PASS_ONE: dict[str, Resolver] = {}


def _local(counts: str, jobs: list[tuple[str, str, list]]) -> list[DocResolution]:
    """Pass 2 of some documents, on any process: the counts of pass 1 come from the file ``counts``."""
    resolver = _PASS_ONE.get(counts)
    if resolver is None:
        _PASS_ONE.clear()
        resolver = _PASS_ONE[counts] = pickle.loads(Path(counts).read_bytes())
    return [resolver.local(doc_id, text, found) for doc_id, text, found in jobs]


def _resolve_batch(resolver: Resolver, local: Callable, mentions: pl.DataFrame, texts: pl.DataFrame, path: Path,
                   workers: int | None) -> _Spill:
    """Pass 2 for one batch: resolve its documents (spread over the worker processes with ``local``),
    fold them into ``resolver`` in id order and write their results to ``path``.*."""
    by_doc = mentions_by_doc(mentions)
    rows: dict[str, list] = {c: [] for c in _SPILL}
    contexts: dict[str, list] = {c: [] for c in _CONTEXT}
    jobs = [(doc_id, text, by_doc.get(doc_id, ([], []))[0]) for doc_id, text in texts.sort("doc_id").iter_rows()]
    for (doc_id, _, _), done in zip(jobs, iter_batches(local, jobs, workers), strict=True):
        resolver.fold(done)
        mention_ids = by_doc.get(doc_id, ([], []))[1]
        for mention_id, a in zip(mention_ids, done.assigned, strict=True):
            for column, value in zip(_SPILL, (mention_id, doc_id, resolver.anchor_ids[a.anchor], a.display, _STEP_SEP.join(a.steps), a.is_name)):
                rows[column].append(value)
        contexts["doc_id"].append(doc_id)
        contexts["anchors"].append(sorted(resolver.anchor_ids[a] for a in done.context))
    spill = _Spill(Path(f"{path}.mentions.parquet"), Path(f"{path}.contexts.parquet"))
    pl.DataFrame(rows, schema=_SPILL).write_parquet(spill.mentions)
    pl.DataFrame(contexts, schema=_CONTEXT).write_parquet(spill.contexts)
    return spill


def _contexts(resolver: Resolver, spills: list[_Spill], doc_ids: Collection[str]) -> dict[str, set[Anchor]]:
    """The context anchors of ``doc_ids``, read back from the spilled batches."""
    if not spills or not doc_ids:
        return {}
    wanted = pl.LazyFrame({"doc_id": list(doc_ids)}, schema={"doc_id": pl.Utf8})
    found = pl.scan_parquet([s.contexts for s in spills]).join(wanted, on="doc_id", how="semi").collect()
    return {doc_id: {resolver.anchors[i] for i in ids} for doc_id, ids in found.iter_rows()}


def _link_batch(resolver: Resolver, spill: _Spill) -> pl.DataFrame:
    """Pass 3 for one batch: entity id and reason of each spilled mention."""
    rows = pl.read_parquet(spill.mentions)
    entity_ids: list[str] = []
    reasons: list[str] = []
    by_doc = groupby(rows.select("doc_id", "anchor", "display", "steps", "is_name").iter_rows(), key=itemgetter(0))
    for doc_id, group in by_doc:
        assigned = [Assigned(resolver.anchors[a], display, steps.split(_STEP_SEP) if steps else [], is_name)
                    for _, a, display, steps, is_name in group]
        for entity_id, reason in resolver.link(doc_id, assigned):
            entity_ids.append(entity_id)
            reasons.append(reason)
    return pl.DataFrame({"mention_id": rows["mention_id"], "entity_id": entity_ids, "link_reason": reasons}, schema=_LINKS)


def _entities_frame(entities: list[Entity]) -> pl.DataFrame:
    return to_frame([
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
        for e in entities
    ], Entities).sort("entity_id")


def link_digests(links: pl.DataFrame, mention_ids: dict[str, pl.LazyFrame]) -> dict[str, str]:
    """Per batch, a digest of its rows of ``links`` (``mention_ids``: each batch's mention_id column).
    A batch whose digest did not change since its tables were last linked would be linked to the same
    entities again: a build skips it."""
    if not mention_ids:
        return {}
    owner = pl.concat([ids.select("mention_id", pl.lit(key).alias("batch")) for key, ids in mention_ids.items()])
    rows = owner.collect().join(links, on="mention_id", how="left")
    hashed = rows.select("batch", pl.struct("mention_id", "entity_id", "link_reason").hash(seed=0).alias("h"))
    digests = {key: hashlib.sha256(b"").hexdigest()[:16] for key in mention_ids}
    for (key,), part in hashed.group_by("batch"):
        # the row hashes sorted: the digest does not depend on row order
        digests[key] = hashlib.sha256(np.sort(part["h"].to_numpy()).tobytes()).hexdigest()[:16]
    return digests


def link_mentions(mentions: pl.DataFrame, links: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """One batch's mentions with entity_id and link_reason from the corpus-wide ``links`` (read lazily,
    only this batch's rows are loaded)."""
    if isinstance(links, pl.LazyFrame):
        links = links.join(mentions.lazy().select("mention_id"), on="mention_id", how="semi").collect(engine="streaming")
    linked = mentions.drop("entity_id", "link_reason").join(links, on="mention_id", how="left")
    return linked.select(mentions.columns).sort("doc_id", "char_start", "char_end")


def resolve_tables(mentions: pl.DataFrame, texts: Iterable[tuple[str, str]],
                   workers: int | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Corpus-wide resolution of frames held whole: ``mentions`` of every batch and (doc_id, clean_text) of
    every document -> (entity_mentions with entity_id and link_reason, entities). Runs ``resolve_batches``
    on slices of ``BATCH_SIZE`` documents, so only the input frames are corpus-sized. A mention without
    its document's text keeps no entity (link_reason "new_entity")."""
    clean = pl.DataFrame(list(texts), schema={"doc_id": pl.Utf8, "clean_text": pl.Utf8}, orient="row").sort("doc_id")
    by_doc = mentions.sort("doc_id")

    def slices() -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
        for part in slices_of(clean):
            first = by_doc["doc_id"].search_sorted(part["doc_id"][0], "left")
            stop = by_doc["doc_id"].search_sorted(part["doc_id"][-1], "right")
            yield by_doc.slice(first, stop - first), part

    links, entities = resolve_batches(slices, workers)
    return link_mentions(mentions, links).with_columns(pl.col("link_reason").fill_null("new_entity")), entities
