"""Cleaning composed articles: boilerplate kinds, short paragraphs, metadata, offsets, HTML."""

from __future__ import annotations

import datetime as dt
import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import clean
from pipeline.text.clean import RawDoc, clean_corpus, clean_document
from pipeline.text.offsets import to_raw

BODY_1 = (
    "أعلنت وزارة الطاقة، صباح الأحد، عن خطة لزيادة إنتاج الكهرباء من المحطات الشمسية بنسبة كبيرة "
    "خلال السنوات الثلاث المقبلة، في إطار برنامج لخفض الاعتماد على الوقود المستورد."
)
BODY_2 = (
    "وقال المتحدث باسم الوزارة إن \"المرحلة الأولى ستبدأ في المحافظات الجنوبية، حيث تتوفر مساحات "
    "واسعة وأشعة شمس طوال العام\"، مضيفا أن التمويل مؤمن بالكامل."
)
BODY_3 = (
    "ويرى خبراء أن نجاح الخطة يتوقف على تحديث شبكة النقل، التي تعاني من أعطال متكررة منذ سنوات، "
    "وعلى قدرة الشركات المحلية على تنفيذ المشاريع في الوقت المحدد."
)
SHORT_BODY = "وهذا ما لم يحدث حتى الآن."
SUBHEADING = "تحديات الشبكة"
TITLE = "خطة حكومية لمضاعفة إنتاج الطاقة الشمسية خلال ثلاث سنوات"

PASTED = "\n".join(
    [
        "الرئيسية > أخبار > اقتصاد",
        "",
        TITLE,
        "",
        "بقلم: سامر الحلبي",
        "نشر في: 05/11/2023 - 14:20",
        "شارك على فيسبوك",
        "حجم الخط",
        "",
        "ألواح شمسية في محطة قرب العاصمة (أ ف ب)",
        "",
        BODY_1,
        "",
        BODY_2,
        "",
        "اقرأ أيضاً: ارتفاع أسعار الوقود للمرة الثالثة هذا العام",
        "",
        SUBHEADING,
        "",
        BODY_3,
        "",
        SHORT_BODY,
        "",
        "الوسوم: طاقة، كهرباء، استثمار",
        "الأكثر قراءة",
        "انخفاض قياسي في درجات الحرارة نهاية الأسبوع",
        "مباراة القمة تنتهي بالتعادل",
        "جميع الحقوق محفوظة © 2023",
    ]
)


def removed_reasons(result) -> dict[str, str]:
    return {span.text.strip(): span.reason for span in result.removed}


def test_pasted_article_keeps_body_and_drops_site_furniture():
    result = clean_document(PASTED)
    for kept in (TITLE, BODY_1, BODY_2, SUBHEADING, BODY_3, SHORT_BODY):
        assert kept in result.clean_text
    for furniture in (
        "الرئيسية > أخبار",
        "شارك على فيسبوك",
        "حجم الخط",
        "ألواح شمسية",
        "اقرأ أيضاً",
        "ارتفاع أسعار الوقود",
        "الوسوم",
        "الأكثر قراءة",
        "انخفاض قياسي",
        "مباراة القمة",
        "جميع الحقوق",
        "سامر الحلبي",
        "05/11/2023",
    ):
        assert furniture not in result.clean_text, furniture
    reasons = removed_reasons(result)
    assert reasons["ألواح شمسية في محطة قرب العاصمة (أ ف ب)"].startswith("caption")
    assert reasons["مباراة القمة تنتهي بالتعادل"] == "other_article_title"
    assert reasons["اقرأ أيضاً:"] == "ui_phrase:related_links"


def test_pasted_article_metadata():
    result = clean_document(PASTED)
    assert result.title == TITLE
    assert result.clean_text.startswith(TITLE + "\n\n")
    assert result.published_date == dt.date(2023, 11, 5)
    assert result.date_precision == "day"
    assert result.date_evidence == "05/11/2023"
    assert result.byline == "سامر الحلبي"
    assert result.outlet is None and result.dateline is None


def test_unknown_metadata_stays_none():
    result = clean_document(f"{TITLE}\n\n{BODY_1}\n\n{BODY_2}")
    assert result.title == TITLE
    assert (result.published_date, result.date_precision, result.date_evidence) == (None, None, None)
    assert (result.byline, result.outlet, result.dateline) == (None, None, None)
    assert result.removed == []


def test_offsets_map_every_clean_character_back_to_the_source():
    raw = PASTED.replace("أعلنت وزارة", "أعلنت\u00a0 \u200fوزارة").replace("المقبلة", "المقب\u0640لة")
    result = clean_document(raw)
    assert "أعلنت وزارة" in result.clean_text
    for i, ch in enumerate(result.clean_text):
        if not ch.isspace():
            assert result.source_text[to_raw(result.offset_map, i)] == ch
    for span in result.removed:
        assert result.source_text[span.raw_start : span.raw_end] == span.text
    for clean_start, raw_start, length in result.offset_map:  # segments are verbatim copies
        clean, source = result.clean_text, result.source_text
        assert clean[clean_start : clean_start + length] == source[raw_start : raw_start + length]


def test_clean_layer_fixes_only_invisible_characters_and_presentation_forms():
    raw = f"{TITLE}\n\n\u202bقال الوزير  إن \ufefb أحد سيتأخر، وأكد أن إنْشاءَ المحطة مستمر بلا توقف.\u202c"
    result = clean_document(raw)
    assert "قال الوزير إن لا أحد سيتأخر، وأكد أن إنْشاءَ المحطة مستمر بلا توقف." in result.clean_text
    assert "\u202b" not in result.clean_text


def test_wire_story_dateline_agency_and_credits():
    raw = "\n".join(
        [
            "السودان: استئناف الرحلات الجوية إلى مطار الخرطوم بعد توقف طويل",
            "الثلاثاء 14 تشرين الأول 2025",
            "الخرطوم - (رويترز) - " + BODY_1,
            BODY_2,
            "(تغطية صحفية مازن العلي - إعداد دينا حسن للنشرة العربية)",
        ]
    )
    result = clean_document(raw)
    assert result.dateline == "الخرطوم"
    assert result.outlet == "رويترز"
    assert result.byline == "مازن العلي"
    assert result.published_date == dt.date(2025, 10, 14)
    assert result.clean_text.split("\n\n")[1] == BODY_1
    assert "تغطية صحفية" not in result.clean_text
    assert removed_reasons(result)["الخرطوم - (رويترز) -"] == "metadata:dateline"


def test_agency_line_and_masthead_prefix():
    raw = f"{TITLE}\nعمّان/بيروت-الغدرويترز\n{BODY_1}\n{BODY_2}"
    result = clean_document(raw)
    assert (result.dateline, result.outlet) == ("عمّان/بيروت", "الغد، رويترز")
    prefixed = clean_document(f"{TITLE}\n\nالأهرام| {BODY_1}\n\n{BODY_2}")
    assert prefixed.outlet == "الأهرام"
    assert prefixed.clean_text.split("\n\n")[1] == BODY_1


def test_glued_widget_word_and_other_article_title_at_the_end():
    raw = f"{TITLE}\n{BODY_1}\n{BODY_2}\nاقرأ المزيدوزير المالية يعرض الموازنة على البرلمان"
    result = clean_document(raw)
    assert result.clean_text.endswith(BODY_2)
    reasons = removed_reasons(result)
    assert reasons["اقرأ المزيد"] == "ui_phrase:related_links"
    assert reasons["وزير المالية يعرض الموازنة على البرلمان"] == "other_article_title"


def test_related_link_glued_after_a_full_stop_is_cut_from_the_paragraph():
    raw = f"{TITLE}\n\n{BODY_1}\n\n{BODY_2}اقرأ أيضا: الحكومة تعلن موعد الانتخابات\n\n{BODY_3}"
    result = clean_document(raw)
    assert BODY_2 in result.clean_text and "الانتخابات" not in result.clean_text
    assert BODY_3 in result.clean_text


def test_repeated_caption_and_image_block_after_related_link():
    raw = "\n\n".join(
        [
            TITLE,
            BODY_1,
            "اقرأ أيضا: افتتاح أكبر محطة رياح في المنطقة",
            "عمال يركبون ألواحا شمسية",
            "عمال يركبون ألواحا شمسية",
            SUBHEADING,
            BODY_3,
        ]
    )
    result = clean_document(raw)
    assert "عمال يركبون" not in result.clean_text
    assert SUBHEADING in result.clean_text and BODY_3 in result.clean_text


def test_short_paragraphs_and_list_lines_survive():
    lines = [
        TITLE,
        BODY_1,
        "وتشمل الخطة:",
        "- بناء ثلاث محطات جديدة.",
        "- تحديث خطوط النقل.",
        "لكن ذلك لن يكون سهلا.",
        SUBHEADING,
        BODY_3,
        "والتحقيقات مستمرة",
    ]
    result = clean_document("\n".join(lines))
    assert result.clean_text.split("\n\n") == lines


def test_lines_repeated_across_a_site_are_removed_but_subheadings_are_not():
    footer = "تابع آخر التطورات مع فريق موقع الحدث اليومي"
    docs = [
        RawDoc(f"d{i}", f"عنوان الخبر رقم {i} عن الطاقة\n\n{BODY_1}\n\n{SUBHEADING}\n\n{BODY_3} {i}\n\n{footer}", "txt")
        for i in range(4)
    ]
    results = clean_corpus(docs)
    assert [r.doc_id for r in results] == ["d0", "d1", "d2", "d3"]
    for result in results:
        assert footer not in result.clean_text
        assert SUBHEADING in result.clean_text
    # A single document has no cross-document evidence: the line stays.
    assert footer in clean_document(docs[0].text).clean_text


def test_html_goes_through_trafilatura():
    html = f"""<html><head><title>{TITLE} | موقع الطاقة</title>
<meta property="og:site_name" content="موقع الطاقة">
<meta property="article:published_time" content="2024-02-01T09:00:00+02:00"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/eco">اقتصاد</a></nav>
<article><h1>{TITLE}</h1><time datetime="2024-02-01">1 شباط 2024</time>
<p>{BODY_1}</p><p>{BODY_2}</p><h2>{SUBHEADING}</h2><p>{BODY_3}</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""
    result = clean_corpus([RawDoc("h", html, "html")])[0]
    assert result.title == TITLE
    assert result.clean_text.startswith(TITLE)
    for kept in (BODY_1, BODY_2, BODY_3):
        assert kept in result.clean_text
    assert "جميع الحقوق" not in result.clean_text
    assert result.published_date == dt.date(2024, 2, 1)
    assert result.date_evidence == "1 شباط 2024"
    assert result.outlet == "موقع الطاقة"
    for i, ch in enumerate(result.clean_text):
        if not ch.isspace():
            assert result.source_text[to_raw(result.offset_map, i)] == ch


def test_deterministic():
    assert clean_document(PASTED) == clean_document(PASTED)


def test_source_and_update_lines_are_metadata_without_guessing():
    raw = "\n".join([TITLE, "تم التحديث: 12 مارس 2024", BODY_1, BODY_2, "المصدر: وكالات"])
    result = clean_document(raw)
    assert result.published_date is None  # an update date is not the publication date
    assert result.outlet is None  # "وكالات" names no outlet
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]


def test_bulleted_related_links_and_latin_quotes():
    raw = "\n\n".join([TITLE, BODY_1, "اقرأ أيضا\n- انخفاض أسعار النفط\n- ارتفاع الذهب", "We will not leave.", BODY_2])
    result = clean_document(raw)
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, "We will not leave.", BODY_2]


def test_unknown_section_label_above_the_headline():
    result = clean_document(f"شؤون خليجية\n{TITLE}\n{BODY_1}\n{BODY_2}")
    assert result.title == TITLE
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]
    short_title = clean_document(f"انفجار بيروت\n\n{BODY_1}\n\n{BODY_2}")
    assert short_title.title == "انفجار بيروت"


def test_title_under_a_bare_related_header_is_removed():
    raw = "\n\n".join([TITLE, BODY_1, "اقرأ أيضا", "افتتاح أكبر محطة رياح في المنطقة", BODY_2])
    result = clean_document(raw)
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]


@pytest.mark.parametrize(
    ("header", "footer", "expected"),
    [
        (["هسبريس - مجتمع", "الأحد 5 ماي 2024 - 11:30", TITLE, "صورة: هسبريس"],
         ["كلمات مفتاحية", "الحكومة", "الصحة", "التعليقات"],
         {"published_date": dt.date(2024, 5, 5), "outlet": "هسبريس", "byline": None, "dateline": None}),
        (["كتب محمد أحمد", "الأحد، 05 مايو 2024 03:00 م", TITLE],
         ["مشاركة", "لا توجد تعليقات على الخبر", "اضف تعليق"],
         {"published_date": dt.date(2024, 5, 5), "outlet": None, "byline": "محمد أحمد", "dateline": None}),
        (["عربي21- سامي خليل", "الأحد، 05 مايو 2024 10:12 ص بتوقيت غرينتش", TITLE],
         ["شارك", "تويتر", "فيسبوك", "واتساب"],
         {"published_date": dt.date(2024, 5, 5), "outlet": "عربي21", "byline": "سامي خليل", "dateline": None}),
        ([TITLE, "أبوظبي - سكاي نيوز عربية", "نشر في: 05 مايو 2024 - 10:12 بتوقيت أبوظبي"],
         ["المزيد من مغرب عربي"],
         {"published_date": dt.date(2024, 5, 5), "outlet": "سكاي نيوز عربية", "byline": None, "dateline": "أبوظبي"}),
    ],
)
def test_other_site_layouts(header, footer, expected):
    result = clean_document("\n".join([*header, BODY_1, BODY_2, *footer]))
    assert result.title == TITLE
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]
    assert {k: getattr(result, k) for k in expected} == expected


PIECES = [TITLE, BODY_1, BODY_2, SHORT_BODY, SUBHEADING, "اقرأ أيضا", "اقرأ أيضًارغم ذلك", "شارك",
          "31 أكتوبر 2023", "كتب: سامر الحلبي", "بيروت - (رويترز) - ", "صورة (Getty)", "الأمة| ",
          "\u00a0", "\u200f", "\ufefb", "  ", "\t", "\r", "©", "مقالات ذات صلة", "- بند", "x"]


@given(st.lists(st.sampled_from(PIECES + ["\n", "\n\n"]), max_size=30))
@settings(max_examples=150, deadline=None)
def test_any_input_keeps_offsets_and_audit_trail_consistent(parts):
    raw = "".join(parts)
    result = clean_document(raw)
    clean, source = result.clean_text, result.source_text
    assert source == raw
    for clean_start, raw_start, length in result.offset_map:
        assert clean[clean_start : clean_start + length] == source[raw_start : raw_start + length]
    for i, ch in enumerate(clean):
        if not ch.isspace() and not "\ufb50" <= source[to_raw(result.offset_map, i)] <= "\ufefe":
            assert source[to_raw(result.offset_map, i)] == ch
    for span in result.removed:
        assert source[span.raw_start : span.raw_end] == span.text and span.reason
        for _, raw_start, length in result.offset_map:  # nothing is both kept and removed
            assert span.raw_end <= raw_start or raw_start + length <= span.raw_start
    assert "\r" not in clean and "\u200f" not in clean and clean == clean.strip()


def _batches() -> list[list[RawDoc]]:
    header = ["الرئيسية » أخبار » سياسة", "+ الخط -", TITLE, "31 أكتوبر 2023"]
    footer = ["مقالات ذات صلة", "زر الذهاب إلى الأعلى", "جميع الحقوق محفوظة © 2024"]
    docs = [
        RawDoc(f"d{i}", "\n".join([*header, BODY_1 if i % 2 else BODY_2, SUBHEADING, SHORT_BODY, *footer]), "txt")
        for i in range(9)
    ]
    docs.append(RawDoc("w", "\u00a0" + TITLE + "\r\n\r\n" + BODY_1 + "  \n\ufefb", "txt"))
    return [docs[:4], docs[4:7], docs[7:]]


def test_results_do_not_depend_on_what_the_line_cache_holds():
    batch = [doc for batch in _batches() for doc in batch]
    clean._short_line_facts.cache_clear()
    cold = clean_corpus(batch)
    assert clean_corpus(batch) == cold  # every short line from the cache now


def test_the_cycle_collector_is_paused_only_while_a_batch_is_cleaned():
    assert gc.isenabled()
    clean_document(PASTED)
    assert gc.isenabled()
    gc.disable()
    try:
        clean_document(PASTED)
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


def _removed_reasons(result) -> dict[str, str]:
    return {span.text: span.reason for span in result.removed}


def test_site_name_and_menu_lines_above_the_headline_are_not_the_title():
    page = "\n".join([
        "النهار الجديد", "الرئيسية", "أخبار عربية", "دولي", "",
        TITLE, "", "منذ ساعتين", "", BODY_1, "", BODY_2,
    ])
    result = clean_document(page)
    assert result.title == TITLE
    reasons = _removed_reasons(result)
    assert reasons["النهار الجديد"] == "section_label"
    assert {reasons["أخبار عربية"], reasons["دولي"]} <= {"section_label", "breadcrumb"}
    # A relative time stamp is metadata that dates nothing: the date stays unknown.
    assert reasons["منذ ساعتين"] == "metadata:date" and result.published_date is None
    assert result.clean_text.startswith(TITLE) and BODY_2 in result.clean_text


def test_a_short_title_without_a_headline_below_stays_the_title():
    page = "\n".join(["زلزال تركيا", "", BODY_1, "", BODY_2])
    assert clean_document(page).title == "زلزال تركيا"


def test_menu_row_print_date_line_and_place_byline_line():
    page = "\n".join([
        "الرئيسية أمن سياسة اقتصاد مجتمع رياضة منوعات", "",
        "الأحد - 4 جمادى الآخرة 1446 هـ - 5 يناير 2025 م رقم العدد [ 16842 ]", "",
        TITLE, "", "الرياض: عبد الله الشهري", "", BODY_1, "", BODY_2,
    ])
    result = clean_document(page)
    assert result.title == TITLE
    assert result.published_date == dt.date(2025, 1, 5) and result.date_precision == "day"
    assert (result.byline, result.dateline) == ("عبد الله الشهري", "الرياض")
    reasons = _removed_reasons(result)
    assert reasons["الرئيسية أمن سياسة اقتصاد مجتمع رياضة منوعات"] == "breadcrumb"
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]


def test_long_caption_closing_on_its_credit_and_unlabelled_tags_after_the_text():
    caption = "ميناء جدة الإسلامي استحوذ على الحصة الأكبر من الحاويات المناولة خلال العام الماضي (واس)"
    unpunctuated = "ويرى خبراء أن نجاح الخطة يتوقف على تحديث شبكة النقل وعلى قدرة الشركات المحلية في الوقت المحدد"
    page = "\n".join([TITLE, "", caption, "", BODY_1, "", unpunctuated, "", BODY_2, "",
                      "الجيزة", "محافظ الجيزة", "النظافة", "المخلفات", "", "أضف تعليق"])
    result = clean_document(page)
    reasons = _removed_reasons(result)
    assert reasons[caption] == "caption_credit"
    assert unpunctuated in result.clean_text  # a long line without a credit is text, full stop or not
    assert all(reasons[tag] == "ui_widget:tags" for tag in ("الجيزة", "محافظ الجيزة", "النظافة", "المخلفات"))


def test_a_bulleted_list_closing_the_article_is_kept():
    items = ["- القاهرة", "- الجيزة", "- الإسكندرية"]
    page = "\n".join([TITLE, "", BODY_1, "", "وشملت المرحلة الأولى المحافظات التالية:", *items])
    result = clean_document(page)
    assert all(item in result.clean_text for item in items)


def test_page_top_with_language_switcher_masthead_skip_link_and_cookie_banner():
    cookie = "نستخدم ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك على موقعنا وعرض محتوى يناسبك. باستمرارك في التصفح فإنك توافق على ذلك."
    page = "\n".join([
        "تخطى إلى المحتوى الرئيسي", "×", cookie, "موافق", "English", "Français",
        "وكالة الأنباء والمعلومات الوطنية - ونا", "مدار نيوز عربية", "الرئيسية", "اقتصاد", "",
        TITLE, "", BODY_1, "", "منذ 5 ساعات", "", BODY_2,
    ])
    result = clean_document(page)
    assert result.title == TITLE
    reasons = _removed_reasons(result)
    assert reasons[cookie] == "cookie_notice" and reasons["تخطى إلى المحتوى الرئيسي"].startswith("ui_phrase")
    assert reasons["منذ 5 ساعات"] == "metadata:date" and result.published_date is None
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]


def test_an_article_about_cookies_keeps_its_text():
    line = "ويرى خبراء الخصوصية أن ملفات تعريف الارتباط صارت أداة تتبع واسعة تثير قلق المشرعين في أوروبا."
    page = "\n".join([TITLE, "", BODY_1, "", line])
    assert line in clean_document(page).clean_text


def test_an_agency_dateline_with_a_numeric_date_dates_the_article():
    page = "\n".join([TITLE, "", "رام الله 18-11-2024 وفا- " + BODY_1, "", BODY_2])
    result = clean_document(page)
    assert (result.dateline, result.outlet) == ("رام الله", "وفا")
    assert result.published_date == dt.date(2024, 11, 18) and result.date_evidence == "18-11-2024"
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]
    # A weekday before the date opens a date, not a dateline.
    assert clean_document("\n".join([TITLE, "", "الأحد 5/1/2025 - " + BODY_1])).dateline is None


def test_bar_rows_above_the_headline_are_not_the_title_and_the_date_under_it_wins():
    page = "\n".join([
        "عاجل | الرئيس يستقبل وفدا من رجال الأعمال في القصر الجمهوري",
        "الأحد 10 مارس 2024",  # the site's date of today, in its top bar
        "النجمة | بوابة الأخبار المحلية",
        "", TITLE, "", "السبت 9 مارس 2024 - 18:10", "", BODY_1, "", BODY_2,
    ])
    result = clean_document(page)
    assert result.title == TITLE
    assert result.published_date == dt.date(2024, 3, 9)
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]


def test_furniture_wherever_it_stands_update_stamp_hashtags_embed_attribution_print_labels():
    stamp, tags = "آخر تحديث: 7 أبريل 2025 - 3:05 م", "#الطاقة #الكهرباء #الشمس"
    embed = "— وزارة الطاقة (@MoEnergy) April 5, 2025"
    page = "\n".join([TITLE, "", "العدد 15417", "الصفحة 5", "", BODY_1, "", stamp, "", BODY_2, "", embed, "",
                      BODY_3, "", tags])
    result = clean_document(page)
    reasons = _removed_reasons(result)
    assert reasons[stamp] == "metadata:date" and result.published_date is None  # an update dates no publication
    assert reasons[tags] == "ui_phrase:tags" and reasons[embed] == "embed_attribution"
    assert reasons["العدد 15417"] == reasons["الصفحة 5"] == "print_label"
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2, BODY_3]


def test_widget_figures_and_tab_rows_outside_the_text_but_a_table_inside_it_is_kept():
    table = "المؤشر | الإغلاق | التغير"
    page = "\n".join([TITLE, "", "2 - 2", "00:00 / 02:15", "الملخص | الأحداث | التشكيلة", "", BODY_1, "", table,
                      "السعودية | 11284 | -0.41", "", BODY_2, "", "الزمالك | المصري | الدوري المصري"])
    result = clean_document(page)
    reasons = _removed_reasons(result)
    assert reasons["2 - 2"] == reasons["00:00 / 02:15"] == "widget"
    assert reasons["الملخص | الأحداث | التشكيلة"] == reasons["الزمالك | المصري | الدوري المصري"] == "navigation"
    assert table in result.clean_text and "السعودية | 11284 | -0.41" in result.clean_text


def test_byline_and_date_after_a_standfirst():
    standfirst = "تراجع سهمين مصرفيين كبيرين يقود المؤشر إلى أدنى مستوى في ثلاثة أسابيع وبورصة الكويت تواصل الصعود"
    page = "\n".join([TITLE, "", standfirst, "", "بقلم: خالد المنصوري", "نُشر: الأحد 9 نوفمبر 2025 - 16:05", "",
                      BODY_1, "", BODY_2])
    result = clean_document(page)
    assert (result.byline, result.published_date) == ("خالد المنصوري", dt.date(2025, 11, 9))
    assert result.clean_text.split("\n\n") == [TITLE, standfirst, BODY_1, BODY_2]


def test_gulf_agency_dispatch_opening_and_place_outlet_name_byline():
    result = clean_document("\n".join([TITLE, "", "الدوحة في 12 مارس /قنا/ " + BODY_1, "", BODY_2]))
    assert (result.dateline, result.outlet, result.published_date) == ("الدوحة", "قنا", None)  # no year: no date
    assert result.clean_text.split("\n\n") == [TITLE, BODY_1, BODY_2]
    result = clean_document("\n".join([TITLE, "", "القاهرة - ركنية - وائل الدسوقي", "", BODY_1, "", BODY_2]))
    assert (result.dateline, result.outlet, result.byline) == ("القاهرة", "ركنية", "وائل الدسوقي")
