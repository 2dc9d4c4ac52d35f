"""Exact and near-duplicate detection over clean text."""

from __future__ import annotations

from pipeline.text.dedup import near_duplicates

STORY = (
    "أعلنت وزارة الطاقة عن خطة لزيادة إنتاج الكهرباء من المحطات الشمسية خلال السنوات الثلاث المقبلة "
    "في إطار برنامج لخفض الاعتماد على الوقود المستورد وقال المتحدث باسم الوزارة إن المرحلة الأولى "
    "ستبدأ في المحافظات الجنوبية حيث تتوفر مساحات واسعة وأشعة شمس طوال العام مضيفا أن التمويل مؤمن "
    "بالكامل ويرى خبراء أن نجاح الخطة يتوقف على تحديث شبكة النقل التي تعاني من أعطال متكررة"
)
OTHER = (
    "فاز المنتخب الوطني على ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء السبت على الملعب "
    "الأولمبي أمام جمهور غفير وسجل المهاجم هدفين في الشوط الثاني بينما أضاف المدافع الهدف الثالث"
)


def test_exact_and_near_copies_point_to_the_earliest_id():
    near = STORY.replace("أعلنت", "وأعلنت").replace("الوزارة", "الوزاره") + " اقرأ أيضا خبرا آخر"
    docs = [("c", STORY), ("a", STORY), ("b", near), ("d", OTHER)]
    result = near_duplicates(docs)
    assert result["c"] == ("a", 1.0, True)
    assert result["b"].original == "a" and 0.8 <= result["b"].similarity < 1.0 and not result["b"].exact
    assert "a" not in result and "d" not in result


def test_different_stories_are_not_duplicates():
    assert near_duplicates([("a", STORY), ("b", OTHER)]) == {}


def test_deterministic_regardless_of_input_order():
    docs = [("x", STORY), ("y", STORY + " وأضاف أن العمل سيبدأ قريبا"), ("z", OTHER)]
    assert near_duplicates(docs) == near_duplicates(list(reversed(docs)))


# Corpus-wide copies: batches of stored sketches, texts read only where signatures collide.

import random  # noqa: E402

import polars as pl  # noqa: E402
from polars.testing import assert_frame_equal  # noqa: E402

from pipeline.tables.documents import copies_frame, corpus_copies, sketch_frame, with_copies  # noqa: E402
from pipeline.text.dedup import Copy, sketches_of  # noqa: E402


def _batches(groups: dict[str, list[tuple[str, str]]]) -> tuple[dict, dict]:
    """({batch: sketch frame}, {batch: (doc_id, clean_text) frame}) as the per-batch asset stores them."""
    sketches = {key: sketch_frame(sketches_of(sorted(docs))).lazy() for key, docs in groups.items()}
    texts = {key: pl.LazyFrame(docs, schema=["doc_id", "clean_text"], orient="row") for key, docs in groups.items()}
    return sketches, texts


def _edit(text: str, rng: random.Random, n: int) -> str:
    words = text.split()
    for _ in range(n):
        words[rng.randrange(len(words))] = rng.choice(["قال", "أضاف", "أكد", "ذكر"])
    return " ".join(words)


def test_copies_across_batches_point_to_the_earlier_batch():
    near = STORY + " وأضاف أن العمل سيبدأ قريبا"
    sketches, texts = _batches({"2024-01": [("z", STORY)], "2024-02": [("a", near), ("b", OTHER)],
                                "2024-03": [("c", STORY), ("z", STORY)]})
    found = corpus_copies(sketches, texts)
    rows = {r["doc_id"]: r for r in found.to_dicts()}
    # "a" sorts before "z" but comes in a later batch: the earlier batch holds the original.
    assert rows["a"]["near_duplicate_of"] == "z" and rows["a"]["duplicate_of"] is None
    assert 0.8 <= rows["a"]["near_duplicate_similarity"] < 1.0
    assert rows["c"]["duplicate_of"] == "z" and rows["c"]["near_duplicate_of"] is None
    # The same document given again in a later batch is that document, not a copy of itself.
    assert set(rows) == {"a", "c"}


def test_a_batch_alone_gives_its_own_flags():
    rng = random.Random(5)
    bases = [STORY + " " + OTHER, OTHER + " " + STORY, OTHER]
    docs = [(f"d{i:02d}", _edit(bases[i % 3], rng, rng.randrange(3)) if i % 2 else bases[i % 3]) for i in range(18)]
    sketches, texts = _batches({"only": docs})
    found = corpus_copies(sketches, texts)
    assert_frame_equal(found, copies_frame(near_duplicates(docs)))
    assert found["duplicate_of"].is_not_null().any() and found["near_duplicate_of"].is_not_null().any()


def test_a_chain_of_edits_points_to_the_first_text_not_to_a_copy():
    rng = random.Random(11)
    long_story = " ".join([STORY, OTHER, STORY.replace("الوزارة", "الحكومة")])
    second = _edit(long_story, rng, 3)
    third = _edit(second, rng, 3)
    sketches, texts = _batches({"1": [("first", long_story)], "2": [("second", second)], "3": [("third", third)]})
    found = {r["doc_id"]: r["near_duplicate_of"] for r in corpus_copies(sketches, texts).to_dicts()}
    assert found == {"second": "first", "third": "first"}


def test_texts_are_read_only_for_documents_whose_signatures_collide():
    sketches, texts = _batches({"1": [("a", STORY)], "2": [("b", OTHER)], "3": [("c", STORY + " وأضاف أن العمل سيبدأ")]})
    del texts["2"]  # reading it would fail: nothing in batch 2 shares a band with anything
    assert corpus_copies(sketches, texts)["doc_id"].to_list() == ["c"]


def test_the_release_takes_the_corpus_flags_over_the_batch_ones():
    clean = pl.LazyFrame({"doc_id": ["a", "b"], "n_chars": [3, 4], "duplicate_of": [None, "a"],
                          "near_duplicate_of": [None, None], "near_duplicate_similarity": [None, None]},
                         schema_overrides={"near_duplicate_of": pl.String, "near_duplicate_similarity": pl.Float64})
    flags = copies_frame({"a": Copy("x", 0.9, False)})
    out = with_copies(clean, flags).collect()
    assert out.columns == clean.collect_schema().names()
    assert out.to_dicts()[0]["near_duplicate_of"] == "x" and out.to_dicts()[1]["duplicate_of"] is None


def test_most_copies_at_jaccard_085_and_above_are_found():
    """The LSH bands favour recall (candidates are checked anyway): of 80 copies with a few words
    changed, those at Jaccard >= 0.85 are nearly all found (equal-weight bands miss one in five here)."""
    from pipeline.text.dedup import jaccard, shingle_hashes

    rng = random.Random(2)
    vocabulary = [f"كلمة{i}" for i in range(3000)]
    docs, pairs = [], []
    for n in range(80):
        words = rng.choices(vocabulary, k=300)
        docs.append((f"o{n:02d}", " ".join(words)))
        for _ in range(rng.randint(7, 8)):  # Jaccard about 0.85-0.87
            words[rng.randrange(300)] = rng.choice(vocabulary)
        docs.append((f"x{n:02d}", " ".join(words)))
        similarity = jaccard(shingle_hashes(docs[-2][1]), shingle_hashes(docs[-1][1]))
        if similarity >= 0.85:
            pairs.append((f"x{n:02d}", f"o{n:02d}"))
    found = near_duplicates(docs)
    assert len(pairs) >= 40
    assert sum(found.get(copy, (None,))[0] == original for copy, original in pairs) >= 0.9 * len(pairs)


def test_signatures_equal_datasketch_minhash_of_the_same_values():
    import numpy as np
    from datasketch import MinHash

    from pipeline.text.dedup import NUM_PERM, _SEED, shingle_hashes, signatures

    rng = np.random.default_rng(3)
    # Texts of every size, a large one, and an empty one between them.
    hashes = [np.unique(rng.integers(0, 2**64, size=n, dtype=np.uint64)) for n in (1, 5, 300, 70_000, 0, 40)]
    hashes.append(shingle_hashes(STORY))
    got = signatures(hashes)
    for row, values in enumerate(hashes):
        expected = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=lambda v: v)
        expected.update_batch((values & np.uint64(0xFFFFFFFF)).tolist())
        assert np.array_equal(got[row], expected.hashvalues), row


def test_shingle_sets_of_many_texts_are_each_texts_own_word_3_grams(monkeypatch):
    from pipeline.text import dedup
    from pipeline.text.normalize import match_key

    texts = ["", "  ", "كلمة", "كلمتان اثنتان", STORY, "\u0623\u0645\u064a\u0631\u0643\u0627\tو\u00a0أمريكا\nو",
             OTHER + " " + OTHER, "نص فيه \x00 فاصل", STORY[:40]]
    together = dedup.shingle_sets(texts)
    for text, got in zip(texts, together, strict=True):
        assert (got == dedup.shingle_sets([text])[0]).all() and (got == dedup.shingle_hashes(text)).all()
        words = match_key(text).split()
        grams = {tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2))} if words else set()
        assert got.size == len(grams) and (got[:-1] < got[1:]).all()
    # Folded spellings give the same shingles; a different word order does not.
    assert (dedup.shingle_hashes("في أميركا اليوم") == dedup.shingle_hashes("في أمريكا اليوم")).all()
    assert not (dedup.shingle_hashes("في أميركا اليوم") == dedup.shingle_hashes("اليوم أميركا في")).all()
    # Groups that bound memory give the same sets.
    monkeypatch.setattr(dedup, "_GROUP_CHARS", 100)
    assert all((a == b).all() for a, b in zip(dedup.shingle_sets(texts), together, strict=True))


def _reference_shingles(text: str) -> list[int]:
    """The stored shingle hashes as the dedup module defines them, in plain Python integers."""
    from pipeline.text.normalize import fold

    mask = (1 << 64) - 1

    def mix(x: int) -> int:
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & mask
        x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & mask
        return x ^ (x >> 31)

    def word(w: str) -> int:
        poly = sum((ord(c) + 1) * pow(0x100000001B3, i, 1 << 64) for i, c in enumerate(w)) & mask
        return mix(poly ^ ((len(w) * 0x94D049BB133111EB) & mask))

    hashes = [word(w) for w in fold(text).split()]
    width = min(3, len(hashes))
    shingles = set()
    for start in range(len(hashes) - width + 1 if hashes else 0):
        h = mix(hashes[start])
        for k in range(1, width):
            h = mix(h ^ hashes[start + k])
        shingles.add(h)
    return sorted(shingles)


def test_shingle_hashes_keep_their_stored_definition():
    """Stored sketches of earlier batches are compared with new ones: the compiled loop must give
    the values the definition gives."""
    from pipeline.text import dedup

    texts = ["", "كلمة", "كلمتان اثنتان", STORY, OTHER + " " + OTHER, "في أمريكا\tاليوم\u00a0x y"]
    for text, got in zip(texts, dedup.shingle_sets(texts), strict=True):
        assert got.tolist() == _reference_shingles(text), text


def test_shingle_hashes_fold_like_the_matching_key_on_any_mix_of_characters():
    """The compiled loop folds by table look-up, and texts it cannot fold that way (not NFKC-normal,
    or with a character whose fold is not one character in every context) are folded as strings:
    both give the hashes of ``fold``'s words, one text alone or several together."""
    import random

    from pipeline.text import dedup

    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "أإآٱىةؤئگکی" "ً ٌ ٍ َ ُ ِ ّ ْ ٰ" "ـ" "يرك" "٠١٢٣٤٥٦٧٨٩۰۱۲۳"
    latin = "AbCdEÉé ß Ωω İΣσ"  # İ lowers to two characters, Σ to ς at a word's end: the string way
    presentation = "ﻻﺍﷺ"  # not NFKC-normal: the string way
    rng = random.Random(11)
    for pool in (letters, letters + latin, letters + presentation, letters + "\U0001d400 \n"):
        texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 60))) for _ in range(50)]
        for text, got in zip(texts, dedup.shingle_sets(texts), strict=True):
            assert got.tolist() == _reference_shingles(text), text
            assert got.tolist() == dedup.shingle_hashes(text).tolist(), text
    # "أمريكا" and "أميركا" fold to one spelling, as in match_key; "يرك" is swapped where it recurs
    assert dedup.shingle_hashes("أميركا ويرك يريرك").tolist() == dedup.shingle_hashes("أمريكا وريك يرريك").tolist()
