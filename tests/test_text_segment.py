"""Sentence and paragraph segmentation edge cases."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.segment import (
    _BOUNDARY,
    Sentence,
    _split_paragraph,
    split_sentences,
)


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_arabic_and_latin_punctuation():
    assert texts("هل ستنجح الخطة؟ ربما… لكن الأمر صعب؛ كما قال الخبير! Really? Yes.") == [
        "هل ستنجح الخطة؟",
        "ربما…",
        "لكن الأمر صعب؛",
        "كما قال الخبير!",
        "Really?",
        "Yes.",
    ]


def test_numbers_with_dots_and_abbreviations_do_not_end_sentences():
    assert texts("قال د. أحمد إن النمو بلغ 3.5 في المئة. وأضاف م. سامي أن أ. ليلى وافقت.") == [
        "قال د. أحمد إن النمو بلغ 3.5 في المئة.",
        "وأضاف م. سامي أن أ. ليلى وافقت.",
    ]


def test_era_marker_after_a_year_ends_a_sentence():
    assert texts("ولد في عام 1950 م. ثم انتقل إلى القاهرة.") == ["ولد في عام 1950 م.", "ثم انتقل إلى القاهرة."]


def test_quotation_spanning_sentence_ends_stays_whole():
    text = "وقال: «نحن هنا. ولن نرحل» وأضاف أن القرار نهائي. ثم غادر القاعة."
    assert texts(text) == ["وقال: «نحن هنا. ولن نرحل» وأضاف أن القرار نهائي.", "ثم غادر القاعة."]
    straight = 'وأضاف: "الوضع صعب. نحن نعمل." ثم غادر.'
    assert texts(straight) == ['وأضاف: "الوضع صعب. نحن نعمل."', "ثم غادر."]


def test_unbalanced_straight_quotes_fall_back_to_punctuation():
    assert texts('قال إن "الوضع صعب. ورأى أن "الحل قريب".') == ['قال إن "الوضع صعب.', 'ورأى أن "الحل قريب".']


def test_double_dot_in_headlines_is_a_pause():
    assert texts("خروج القوات.. هل ينقذ العراق؟") == ["خروج القوات.. هل ينقذ العراق؟"]


def test_list_lines_and_paragraphs():
    text = "وتشمل الخطة:\n1. بناء محطات\n2. تحديث الشبكة.\n\n- بند ثالث\n\nفقرة أخيرة. وجملة ثانية."
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "وتشمل الخطة:",
        "1. بناء محطات",
        "2. تحديث الشبكة.",
        "- بند ثالث",
        "فقرة أخيرة.",
        "وجملة ثانية.",
    ]
    assert [s.paragraph_index for s in sentences] == [0, 1, 2, 3, 4, 4]


@given(st.lists(st.sampled_from(["قال الوزير", "3.5", "د.", "؟", ".", "!", " ", "\n", "«", "»", '"', "…", "x"]),
                max_size=40))
def test_spans_are_stripped_ordered_and_inside_paragraphs(parts):
    text = "".join(parts)
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        piece = text[s.start : s.end]
        assert piece and piece == piece.strip() and "\n" not in piece
        assert s.start >= previous_end
        previous_end = s.end
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert covered.replace(" ", "") == "".join(text.split())


# The boundary pattern as first written; the module's is rewritten mark-first for speed.
_REFERENCE_BOUNDARY = re.compile(r"(?:\.{3,}|…|(?<!\.)\.(?!\.)|[!?؟؛]+)[\"'”»’)\]]*(?=\s|$)")


@given(st.text(st.sampled_from(list("..…!?؟؛\"'”»’)] \nab")), max_size=30))
def test_boundary_pattern_matches_the_reference_pattern(text):
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in _REFERENCE_BOUNDARY.finditer(text)]


def _paragraph_by_paragraph(text: str) -> list[Sentence]:
    """The definition: every paragraph split on its own, indices counting non-empty ones."""
    sentences, index = [], 0
    for paragraph in re.finditer(r"[^\n]+", text):
        spans = _split_paragraph(paragraph.group())
        if spans:
            sentences += [Sentence(paragraph.start() + a, paragraph.start() + b, index) for a, b in spans]
            index += 1
    return sentences


@given(st.lists(st.sampled_from(["قال الوزير", "د.", "3.5", ".", "..", "…", "؟", "!", "؛", " ", "  ", "\t", "\n",
                                 "\n\n", " \n ", "«", "»", '"', "(", ")", "1. ", "x", "\u00a0", "\r"]), max_size=40))
def test_one_scan_of_the_text_splits_like_each_paragraph_alone(parts):
    text = "".join(parts)
    assert split_sentences(text) == _paragraph_by_paragraph(text)


def _bounds_per_text(texts: list[str]) -> list[list[tuple[int, int, int]]]:
    from pipeline.text.segment import sentence_bounds

    out: list[list[tuple[int, int, int]]] = [[] for _ in texts]
    for start, end, paragraph, row in zip(*(column.tolist() for column in sentence_bounds(texts))):
        out[row].append((start, end, paragraph))
    return out


_TRICKY = ["قال الوزير", "د.", "أ.د.", "U.S.", "م.", "عام 2020 م.", "٢٠٢٠ هـ.", "3.5", ".", "..", "...", "…", "؟", "!",
           "?!", "؛", " ", "  ", "\t", "\n", "\n\n", " \n ", "«", "»", "“", "”", '"', "'", "’", "(", ")", "[", "]",
           "1. ", "x", "y.z", "\u00a0", "\r", "\u2028", "²", "😀"]


@given(st.lists(st.lists(st.sampled_from(_TRICKY), max_size=30).map("".join), max_size=6))
def test_the_compiled_loop_splits_every_text_as_the_rules_do(texts):
    """``sentence_bounds`` (one compiled loop over many texts) gives each text's ``sentence_spans``,
    a text with a character beyond the BMP included (it goes through the Python rules)."""
    from pipeline.text.segment import sentence_spans

    assert _bounds_per_text(texts) == [sentence_spans(text) for text in texts]


def test_the_compiled_loop_splits_real_articles_as_the_rules_do():
    from pathlib import Path

    from pipeline.text.segment import sentence_spans

    repo = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((repo / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((repo / "eval" / "articles").rglob("*.txt"))]
    assert sum(len(spans) for spans in _bounds_per_text(texts)) > 500
    assert _bounds_per_text(texts) == [sentence_spans(text) for text in texts]
