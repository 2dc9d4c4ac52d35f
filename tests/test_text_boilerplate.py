"""Line-level recognisers: UI phrases, breadcrumbs, captions, metadata lines."""

from __future__ import annotations

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


@given(st.text(st.sampled_from(list("كتب الوزير،. 2024«»-_") + ["\u064e", "\u0651", "\u0670", "²", "\u00a0", "x"]),
               max_size=60))
def test_word_count_counts_the_words(text):
    assert bp.word_count(text) == len(bp.words(text))
