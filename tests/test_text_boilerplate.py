"""Line-level recognisers: UI phrases, breadcrumbs, captions, metadata lines."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import boilerplate as bp
from pipeline.text import metadata as md


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("+ الخط -", "font_size"),
        ("A+ A-", "widget"),
        ("time reading iconدقائق القراءة - 5", "reading_time"),
        ("وقت القراءة: 6 دقائق", "reading_time"),
        ("شارك عبر واتساب", "share"),
        ("مقالات ذات صلة", "related_links"),
        ("إقرأ أيضاً", "related_links"),
        ("↑ العودة إلى الأعلى", "back_to_top"),
        ("التعليقات (12)", "comments"),
    ],
)
def test_ui_lines(line, category):
    assert bp.ui_line(line) == category


@pytest.mark.parametrize("line", ["الخط الأحمر للمفاوضات", "شارك الوزير في الاجتماع", "المزيد من الضغوط"])
def test_headings_that_start_like_ui_are_not_ui(line):
    assert bp.ui_line(line) is None


def test_related_prefix_glued_or_with_colon():
    assert bp.related_prefix("اقرأ أيضًارغم التحذيرات.. الحكومة تمضي") == len("اقرأ أيضًا")
    assert bp.related_prefix("اقرأ أيضا: عنوان آخر") == len("اقرأ أيضا: ")
    assert bp.related_prefix("اقرأ أيضا") is None


def test_breadcrumbs():
    assert bp.breadcrumb_parts("الأخبارعربي ودوليسياسة") is not None
    assert bp.breadcrumb_parts("الرئيسية / الأردن / اقتصاد") == ("الرئيسية", "الأردن", "اقتصاد")
    assert bp.breadcrumb_parts("دبي/واشنطن") is None
    assert bp.breadcrumb_parts("العراق يعلن إنهاء مهمة التحالف") is None


@pytest.mark.parametrize(
    "line",
    [
        "متظاهرون أمام البرلمان(AFP)",
        "رجال الإطفاء في موقع الحريق - رويترز",
        "صورة من الاجتماع - أرشيفية",
        "الوزير خلال المؤتمر (صورة: سانا)",
    ],
)
def test_caption_credits(line):
    assert bp.caption_credit(line)


def test_caption_labels():
    assert bp.caption_label("مصدر الصورة، Getty Images")
    assert bp.caption_label("صورة: وكالة الأنباء")
    assert not bp.caption_label("صورة الوضع قاتمة في المدينة")


def test_body_sentence_naming_an_agency_is_not_a_caption():
    assert not bp.caption_credit("ونقلت الخبر وكالة رويترز")


def test_metadata_lines():
    assert md.byline_line("كتب: وليد الصافي") == ("وليد الصافي", "byline")
    assert md.byline_line("Latest posts by هالة نصر (see all)") == ("هالة نصر", "author_widget")
    assert md.agency_line("الرياض - واس") == ("الرياض", "واس")
    assert md.agency_line("(أ ف ب)") == (None, "أ ف ب")
    assert md.date_line("آخر تحديث: 16/3/2024 09:10") is not None
    assert md.date_line("الاجتماع المقبل في 16/3/2024") is None
    assert md.name_like("نادين فؤاد") and not md.name_like("خطة جديدة في الطريق")
    assert md.outlet_byline_line("عربي21- سامي خليل") == ("عربي21", "سامي خليل")
    assert md.outlet_byline_line("أبوظبي - سكاي نيوز عربية") is None
    assert md.agency_line("أبوظبي - سكاي نيوز عربية") == ("أبوظبي", "سكاي نيوز عربية")


def test_english_date_line_read_with_dateparser_without_guessing():
    found = md.date_line("Published: March 5, 2024")
    assert found is not None and (found.value.isoformat(), found.evidence) == ("2024-03-05", "March 5, 2024")
    assert md.date_line("March 2024") is None  # no day written: nothing is completed from today


@given(st.text(st.sampled_from(list("كتب الوزير،. 2024«»-_:؟!()\"'…") + ["\u064e", "\u0651", "\u0670", "²", "\u00a0", "x"]),
               max_size=60))
def test_word_count_counts_the_words(text):
    assert bp.word_count(text) == len(bp.words(text))


# Reference forms of recognisers that take shortcuts for speed: the same answers on any line.


_reference_ui_line = bp.ui_residual_category  # the full path the cached shortcut must agree with


_UI_WORDS = ["الخط", "شارك", "عبر", "على", "دقائق", "واتساب", "اقرأ أيضًا", "مقالات ذات صلة", "وقت القراءة", "الوزير",
             "خطة", "time reading icon", "Share", "A+", "A-", "5", "↑"]
_UI_GLUE = ["", " ", "  ", ": ", " | ", " - ", "+ ", "\u064e", "\u0640", "(12)", "x", "«", "\"", "K"]


def _glued(words: list[str], glue: list[str]) -> st.SearchStrategy[str]:
    """Lines of up to four ``words``, each after a piece of ``glue``, then a last piece of glue."""
    pieces = st.lists(st.tuples(st.sampled_from(glue), st.sampled_from(words)), max_size=4)
    return st.builds(lambda ps, end: "".join(g + w for g, w in ps) + end, pieces, st.sampled_from(glue))


@given(_glued(_UI_WORDS, _UI_GLUE))
def test_ui_line_shortcut_gives_the_full_answer(text):
    assert bp._ui_line.__wrapped__(text) == _reference_ui_line(text)
    assert bp.ui_line(text, bp.leading_ui(text)) == _reference_ui_line(text)  # the caller's leading match


@pytest.mark.parametrize("line", ["عبر واتساب", "على فيسبوك", "دقائق القراءة 5", "5 دقائق قراءة", "(12) التعليقات"])
def test_ui_lines_opening_with_a_filler_word_or_a_symbol(line):
    assert bp.ui_line(line) == _reference_ui_line(line)


def _reference_caption_credit(text: str) -> bool:
    """``caption_credit`` as one pattern, a bare credit found after a space by a lookbehind."""
    entries = bp.lexicon("photo_credits.txt")
    credits = bp._alternation(entries, glued=False)
    bare = bp._alternation([e for e in entries if "أرشيف" in e or "تعبيري" in e], glued=False)
    pattern = re.compile(
        rf"(?:\(\s*(?:{credits})(?:\s*[/\-–]\s*[\w ]+)?\s*\)|[-–—|]\s*(?:{credits})(?:\s*[/\-–]\s*\w+)?"
        rf"|(?<=\s)(?:{bare}))\s*$",
        re.IGNORECASE,
    )
    return pattern.search(text) is not None or bp._ATTRIBUTION.search(text) is not None


_CREDIT_WORDS = ["صورة", "الاجتماع", "أرشيفية", "تعبيرية", "أرشيف", "رويترز", "Getty", "AFP", "أ ف ب", "الوكالة", "تصوير",
                 "وات", "x"]
_CREDIT_GLUE = ["", " ", "\t", " - ", "-", "–", " — ", " | ", "/", "(", ")", " (", ": ", "\u064f"]


@given(_glued(_CREDIT_WORDS, _CREDIT_GLUE))
def test_caption_credit_matches_the_single_pattern(text):
    assert bp.caption_credit.__wrapped__(text) == _reference_caption_credit(text)


@pytest.mark.parametrize("line", ["صورة من الاجتماع | رويترز", "الوزير — AFP", "مشهد عام تعبيرية", "أرشيفية", "(وات)"])
def test_caption_credit_on_each_form(line):
    assert bp.caption_credit(line) == _reference_caption_credit(line)


def _reference_known_outlet_prefix(source: str) -> bool:
    tokens = source.split()
    return len(tokens) <= 5 and any(md._outlet_key(" ".join(tokens[:n])) in md._outlet_keys()
                                    for n in range(1, len(tokens) + 1))


_OUTLET_WORDS = ["بي", "بي سي", "نيوز", "عربي", "رويترز", "(رويترز)", "أ ف ب", "الجزيرة", "نت", "الرئيس", "(", ")", ".",
                 "x", "َ", "¨"]


@given(_glued(_OUTLET_WORDS, ["", " ", "  ", ".", "(", ") "]))
def test_known_outlet_prefix_shortcut_gives_the_full_answer(source):
    assert md._known_outlet_prefix(source) == _reference_known_outlet_prefix(source)


def _reference_segments_into(key: str, vocabulary: frozenset[str]) -> bool:
    reachable = [True] + [False] * len(key)
    for end in range(1, len(key) + 1):
        reachable[end] = any(reachable[start] and key[start:end] in vocabulary for start in range(end))
    return bool(key) and reachable[-1]


@given(st.lists(st.sampled_from(sorted(bp._category_keys())[:12] + ["ا", "ال", "x", "سياسه"]), max_size=5))
def test_segmenting_into_section_labels(parts):
    key = "".join(parts)
    assert bp._segments_into(key, bp._category_keys()) == _reference_segments_into(key, bp._category_keys())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("كتب: وليد الصافي", ("وليد الصافي", "byline")),
        ("كتب: وليد الصافي.", None),  # a cue, but a sentence
        ("كتب الوزير في مذكرته أن الخطة ستبدأ في الربيع المقبل كما وعد", None),  # a cue, but long
        ("وليد الصافي", ("وليد الصافي", "byline")),  # a bare name: a known given name first
        ("مدينة الصافي", None),  # the size of a name, not a given name
        ("الوزير يعلن خطة جديدة للطاقة", None),  # neither a cue nor a name's size
        ("Latest posts by هالة نصر (see all)", ("هالة نصر", "author_widget")),
    ],
)
def test_byline_lines(line, expected):
    assert md.byline_line.__wrapped__(line) == expected


def test_outlet_lines_need_a_dash_or_an_outlet():
    assert md.outlet_byline_line("عربي21 سامي خليل") is None
    assert md.agency_line("بي بي سي نيوز عربي - القاهرة") == ("القاهرة", "بي بي سي نيوز عربي")
    assert md.agency_line("الخرطوم رويترز") is None
