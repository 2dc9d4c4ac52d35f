"""Resolution streamed by batch: the same tables for any split of the corpus, one batch in memory at a time."""

from __future__ import annotations

import gc
import random
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipeline.extract.mention import Mention
from pipeline.extract.resolve import resolve
from pipeline.extract.resolve.resolver import _MAX_CONTEXT_DOCS, DocResolution, Resolver
from pipeline.ingest import ingest_folder
from pipeline.tables.common import mentions_by_doc
from pipeline.tables.documents import clean_documents_tables
from pipeline.tables.entities import mention_table, resolve_batches, resolve_tables
from pipeline.tables.sentences import sentences_table

REPO = Path(__file__).resolve().parents[1]
CORPORA = {"seeds": [REPO / "seeds"], "eval": [REPO / "eval" / "articles" / "cleaning", REPO / "eval" / "articles" / "quotes"]}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, clean documents) of real articles through the pipeline's own stages."""
    clean = pl.concat([clean_documents_tables(ingest_folder(folder).documents).clean for folder in CORPORA[request.param]])
    return mention_table(clean, sentences_table(clean), workers=1), clean


def _split(mentions: pl.DataFrame, clean: pl.DataFrame, k: int, seed: int) -> list[tuple[pl.DataFrame, pl.DataFrame]]:
    """``k`` batches of shuffled documents, in shuffled order."""
    ids = clean["doc_id"].to_list()
    random.Random(seed).shuffle(ids)
    groups = [ids[i::k] for i in range(k)]
    return [(mentions.filter(pl.col("doc_id").is_in(g)), clean.filter(pl.col("doc_id").is_in(g))) for g in groups]


def _links(linked: pl.DataFrame) -> pl.DataFrame:
    return linked.select("mention_id", "entity_id", "link_reason").sort("mention_id")


@pytest.mark.parametrize(("k", "seed"), [(2, 0), (2, 1), (3, 2), (3, 3)])
def test_any_split_into_batches_gives_the_tables_of_one_batch(corpus, k, seed):
    mentions, clean = corpus
    linked, entities = resolve_tables(mentions, clean.select("doc_id", "clean_text").rows())
    parts = _split(mentions, clean, k, seed)
    links, split_entities = resolve_batches(lambda: iter(parts))
    assert_frame_equal(links, _links(linked))
    assert_frame_equal(split_entities, entities)
    assert links.height == mentions.height and links["entity_id"].null_count() == 0


def test_links_match_the_in_memory_resolution(corpus):
    mentions, clean = corpus
    by_doc = mentions_by_doc(mentions)
    docs = [(d, t, by_doc.get(d, ([], []))[0]) for d, t in clean.select("doc_id", "clean_text").rows()]
    r = resolve(docs)
    links, entities = resolve_batches(lambda: _split(mentions, clean, 3, 0))
    expected = {by_doc[lk.doc_id][1][lk.mention_index]: (lk.entity_id, lk.reason) for lk in r.links}
    assert {m: (e, why) for m, e, why in links.iter_rows()} == expected
    assert entities["entity_id"].to_list() == [e.entity_id for e in r.entities]
    assert entities["doc_count"].to_list() == [e.doc_count for e in r.entities]


def test_a_document_in_two_batches_is_resolved_once_from_the_first(corpus):
    mentions, clean = corpus
    parts = _split(mentions, clean, 2, 5)
    again = parts[0][1]["doc_id"][0]
    twice = parts + [(mentions.filter(pl.col("doc_id") == again), clean.filter(pl.col("doc_id") == again))]
    whole = resolve_batches(lambda: [(mentions, clean)])
    for a, b in zip(whole, resolve_batches(lambda: iter(twice)), strict=True):
        assert_frame_equal(a, b)


def test_mentions_without_their_text_keep_no_entity(corpus):
    mentions, clean = corpus
    gone = clean["doc_id"][0]
    linked, _ = resolve_tables(mentions, clean.filter(pl.col("doc_id") != gone).select("doc_id", "clean_text").rows())
    orphans = linked.filter(pl.col("doc_id") == gone)
    assert orphans.height and orphans["entity_id"].null_count() == orphans.height
    assert set(orphans["link_reason"]) == {"new_entity"}
    assert linked.columns == mentions.columns and linked.height == mentions.height


def _live() -> tuple[int, int]:
    """Live Mention and DocResolution objects."""
    gc.collect()
    kinds = [type(o) for o in gc.get_objects()]
    return kinds.count(Mention), kinds.count(DocResolution)


def test_batches_are_read_lazily_and_released_before_the_next(corpus, monkeypatch):
    """Pass 2 resolves batch k before batch k+1 is read, and no Mention or per-document result
    outlives its batch: a path that gathered the corpus first (or kept it) fails here."""
    mentions, clean = corpus
    parts = _split(mentions, clean, 4, 7)
    largest = max(m.height for m, _ in parts)
    assert largest < mentions.height
    firsts = {min(c["doc_id"]) for _, c in parts}  # a batch's Mentions all exist when its first document starts
    baseline = _live()[0]
    calls, resolved, at_request, during = [], [], [], []
    fold = Resolver.fold  # documents are resolved on any process, folded here in id order

    def spy(self, done):
        if done.doc_id in firsts:
            during.append(_live()[0] - baseline)
        resolved.append(done.doc_id)
        return fold(self, done)

    def batches():
        calls.append(len(calls))
        for part in parts:
            live, results = _live()
            at_request.append((len(calls), len(resolved), live - baseline, results))
            yield part

    monkeypatch.setattr(Resolver, "fold", spy)
    resolve_batches(batches)
    assert calls == [0, 1]  # one pass for the counts, one for the documents
    done_before = [sum(c.height for _, c in parts[:i]) for i in range(len(parts))]
    assert [n for call, n, _, _ in at_request if call == 2] == done_before
    assert all(live == 0 and results == 0 for *_, live, results in at_request)
    assert 0 < max(during) <= largest


def test_anchor_state_does_not_grow_with_repeated_documents():
    text = "قال ماركو فيلاني إن الاتحاد الأوروبي مستعد. وأكد فيلاني ذلك في بغداد."
    spans = [("ماركو فيلاني", "PERSON"), ("الاتحاد الأوروبي", "ORG"), ("فيلاني", "PERSON"), ("بغداد", "GPE")]
    mentions = []
    for surface, label in spans:
        start = text.index(surface, mentions[-1].end if mentions else 0)
        mentions.append(Mention(start, start + len(surface), label, surface))
    resolver = Resolver()
    docs = [f"d{i:04d}" for i in range(3 * _MAX_CONTEXT_DOCS)]
    for _ in docs:
        for m in mentions:
            resolver.count(m.text, m.label)
    resolver.counted()
    for doc_id in reversed(docs):
        resolver.document(doc_id, text, mentions)
    assert len(resolver.anchors) == len(resolver.display) == 3
    assert all(kept == docs[:_MAX_CONTEXT_DOCS] for kept in resolver.anchor_docs.values())


@pytest.mark.parametrize("rows", [1, 3, 256])
def test_spelling_variant_pairs_scored_by_slices_of_rows_come_in_full_matrix_order(rows, monkeypatch):
    import numpy as np
    from rapidfuzz import fuzz, process

    from pipeline.extract.resolve import names, resolver

    rng = random.Random(rows)
    stems = ["".join(rng.choice("ابتثجحخدرس") for _ in range(12)) for _ in range(8)]
    folded = [f"{stem[:i]}{rng.choice('يوا')}{stem[i + 1:]}" for stem in stems for i in rng.sample(range(12), 5)]
    rng.shuffle(folded)
    scores = process.cdist(folded, folded, scorer=fuzz.ratio, score_cutoff=min(names.NAME_SCORE.values()))
    expected = [(int(x), int(y)) for x, y in zip(*np.nonzero(np.triu(scores, k=1)), strict=True)]
    monkeypatch.setattr(resolver, "_SCORE_ROWS", rows)
    assert expected and list(resolver._similar_pairs(folded)) == expected
