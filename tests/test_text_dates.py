"""Date mentions: every listed form, with and without a reference date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline.text.dates import apply_offset, find_dates, find_offsets, find_ranges

REF = dt.date(2024, 3, 14)  # a Thursday


def only(text: str, reference: dt.date | None = None):
    found = find_dates(text, reference)
    assert len(found) == 1, found
    mention = found[0]
    assert text[mention.start : mention.end] == mention.evidence
    return mention


@pytest.mark.parametrize(
    ("text", "evidence", "value", "granularity"),
    [
        ("وصل الوفد في 11 يناير 2024 إلى المدينة", "11 يناير 2024", dt.date(2024, 1, 11), "day"),
        ("عقد الاجتماع في 3 كانون الثاني 2022 ببيروت", "3 كانون الثاني 2022", dt.date(2022, 1, 3), "day"),
        ("صدر القرار في 9 تشرين الأول 2019 رسميا", "9 تشرين الأول 2019", dt.date(2019, 10, 9), "day"),
        ("افتتح المعرض في 21 آذار 2023", "21 آذار 2023", dt.date(2023, 3, 21), "day"),
        ("انطلق الموسم يوم 15 جانفي 2021", "15 جانفي 2021", dt.date(2021, 1, 15), "day"),
        ("أعلنت الوزارة في 2 فيفري 2020 عن الخطة", "2 فيفري 2020", dt.date(2020, 2, 2), "day"),
        ("تنطلق الدورة في 7 أوت 2018", "7 أوت 2018", dt.date(2018, 8, 7), "day"),
        ("صدر في الخامس من يناير 2025 بيان", "الخامس من يناير 2025", dt.date(2025, 1, 5), "day"),
        ("في الحادي والعشرين من مارس 2022 تقرر", "الحادي والعشرين من مارس 2022", dt.date(2022, 3, 21), "day"),
        ("قرار في الخامس من يناير كانون الثاني 2020 طالب", "الخامس من يناير كانون الثاني 2020",
         dt.date(2020, 1, 5), "day"),
        ("بدأ في 4 يونيو/ حزيران 2021 حوار", "4 يونيو/ حزيران 2021", dt.date(2021, 6, 4), "day"),
        ("جرى ذلك الأحد 12 مايو (أيار) 2019 مساء", "الأحد 12 مايو (أيار) 2019", dt.date(2019, 5, 12), "day"),
        ("وفي لقاء الخميس 11 يناير 2024، قال", "الخميس 11 يناير 2024", dt.date(2024, 1, 11), "day"),
        ("نشر بتاريخ 15/3/2024 على الموقع", "15/3/2024", dt.date(2024, 3, 15), "day"),
        ("التحديث 2023-07-09 صباحا", "2023-07-09", dt.date(2023, 7, 9), "day"),
        ("صدر العدد في نيسان/أبريل 2024", "نيسان/أبريل 2024", dt.date(2024, 4, 1), "month"),
        ("منذ أكتوبر 2023 تتعرض القواعد", "أكتوبر 2023", dt.date(2023, 10, 1), "month"),
        ("غزت القوات البلاد في 2003 وانسحبت", "في 2003", dt.date(2003, 1, 1), "year"),
        # A part of a year or month has the precision of the year or month it names.
        ("افتتح الجسر أواخر العام 2019، وسط احتفال", "أواخر العام 2019", dt.date(2019, 1, 1), "year"),
        ("انتخب مطلع 2016 رئيسا للبلدية", "مطلع 2016", dt.date(2016, 1, 1), "year"),
        ("وصل الوفد أواسط مارس 2022 إلى الميناء", "أواسط مارس 2022", dt.date(2022, 3, 1), "month"),
    ],
)
def test_explicit_dates(text, evidence, value, granularity):
    mention = only(text)
    assert (mention.evidence, mention.value, mention.granularity) == (evidence, value, granularity)


def test_day_without_year_needs_a_reference():
    assert only("وقال في 10 يناير إن").value is None
    assert only("وقال في 10 يناير إن", REF).value == dt.date(2024, 1, 10)


def test_day_month_late_in_year_resolves_to_previous_year():
    assert only("اجتمعوا في 20 ديسمبر الفائت", dt.date(2024, 1, 5)).value == dt.date(2023, 12, 20)


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("أعلنت الخارجية، اليوم الخميس، بقاء القوات", dt.date(2024, 3, 14), "day"),
        ("نفت الوزارة، الاثنين، وجود خطط", dt.date(2024, 3, 11), "day"),
        ("وقال ضابط أمس الأربعاء إن", dt.date(2024, 3, 13), "day"),
        ("وصرح أمس بأن الوضع هادئ", dt.date(2024, 3, 13), "day"),
        ("أعلنت الحكومة الأسبوع الماضي بدء الترتيبات", dt.date(2024, 3, 4), "week"),
        ("في وقت سابق من الشهر الحالي بحث", dt.date(2024, 3, 1), "month"),
        ("منذ اندلاع الحرب في أكتوبر الماضي تتعرض", dt.date(2023, 10, 1), "month"),
        ("ويعقد المؤتمر في مايو المقبل", dt.date(2024, 5, 1), "month"),
        ("وكان الاتفاق قد وقع العام الماضي", dt.date(2023, 1, 1), "year"),
        ("بدأت المحادثات مطلع العام الحالي", dt.date(2024, 1, 1), "year"),
    ],
)
def test_relative_dates_resolve_against_reference(text, value, granularity):
    mention = only(text, REF)
    assert (mention.value, mention.granularity) == (value, granularity)


def test_relative_dates_need_a_reference():
    assert find_dates("أعلنت الحكومة الأسبوع الماضي بدء الترتيبات أمس") == []


def test_past_weekday_is_the_latest_one_before_the_reference():
    saturday = dt.date(2024, 1, 13)
    assert only("والأربعاء الماضي عقد اجتماع", saturday).value == dt.date(2024, 1, 10)
    assert only("والأربعاء الماضي 10 يناير، قال", saturday).value == dt.date(2024, 1, 10)


def test_weekday_word_meaning_both_is_not_a_date():
    assert find_dates("واتفق الاثنين معا على الخطة", REF) == []


def test_quantities_are_not_years():
    assert find_dates("نشرت واشنطن 2500 عسكري و900 آخرين") == []


def test_mentions_are_ordered_and_do_not_overlap():
    text = "بين 3 يناير 2020 و5 يناير كانون الثاني 2020 وفي 2014"
    found = find_dates(text)
    assert [d.evidence for d in found] == ["3 يناير 2020", "5 يناير كانون الثاني 2020", "في 2014"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize(
    ("text", "evidence", "value"),
    [
        ("شهدت المدينة انفجارات خلال اليومين الماضيين", "خلال اليومين الماضيين", dt.date(2024, 3, 12)),
        ("ارتفعت الأسعار في الأشهر الثلاثة الأخيرة بشدة", "في الأشهر الثلاثة الأخيرة", dt.date(2023, 12, 14)),
        ("سجلت الوزارة 40 حالة خلال الـ10 أيام الماضية", "خلال الـ10 أيام الماضية", dt.date(2024, 3, 4)),
    ],
)
def test_counted_past_spans_are_ranges_up_to_the_reference(text, evidence, value):
    mention = only(text, REF)
    assert (mention.evidence, mention.value, mention.granularity) == (evidence, value, "range")


def test_uncounted_past_spans_stay_unresolved():
    assert find_dates("تراجعت الاشتباكات في الأيام الأخيرة", REF) == []
    assert only("تراجعت الاشتباكات السنة الماضية", REF).granularity != "range"


def test_since_a_date_is_a_range_up_to_the_reference():
    text = "يعيش اللاجئون في المخيم منذ العام 2012 في ظروف صعبة"
    [since] = find_ranges(text, find_dates(text, REF), REF)
    assert (since.evidence, since.value, since.granularity) == ("منذ العام 2012", dt.date(2012, 1, 1), "range")
    assert find_ranges(text, find_dates(text), None) == []  # no reference, no end


def test_since_an_anchor_dated_once_covers_its_later_mentions():
    text = ("ارتفعت الأسعار منذ إغلاق المعبر، في مارس 2023، بنسبة كبيرة. "
            "وتضاعفت البطالة منذ إغلاق المعبر بحسب التقرير.")
    first, second = find_ranges(text, find_dates(text, REF), REF)
    assert first.evidence == "منذ إغلاق المعبر، في مارس 2023"
    assert second.evidence == "منذ إغلاق المعبر"
    assert first.value == second.value == dt.date(2023, 3, 1)
    assert all(text[r.start:r.end] == r.evidence for r in (first, second))


def test_since_before_a_clause_is_not_an_anchor():
    text = "وقال المتحدث منذ قليل إن الحريق وقع في 5 مارس 2024"
    assert find_ranges(text, find_dates(text, REF), REF) == []


def test_offsets_between_events():
    text = "افتتح المعرض بعد ثلاثة أيام من وصول الوفد، وقبل أسبوعين من الانتخابات"
    after, before = find_offsets(text)
    assert (after.evidence, after.amount, after.unit) == ("بعد ثلاثة أيام من", -3, "day")
    assert (before.evidence, before.amount, before.unit) == ("قبل أسبوعين من", 2, "week")
    assert apply_offset(dt.date(2022, 5, 10), "day", after) == (dt.date(2022, 5, 7), "day")
    [month] = find_offsets("جرى التصويت بعد شهرين من الاتفاق")
    assert apply_offset(dt.date(2022, 5, 10), "day", month) == (dt.date(2022, 3, 10), "month")
    assert find_offsets("وصل بعد أيام من الحادث") == []  # no count, no offset


def _can_match(item, ch: str) -> bool:
    """Whether one consuming node of a parsed pattern (see ``re._parser``) can match ``ch``."""
    import re._constants as c

    op, av = item
    if op is c.LITERAL:
        return ch == chr(av)
    if op is c.NOT_LITERAL:
        return ch != chr(av)
    if op is c.ANY:
        return ch != "\n"
    if op is c.IN:
        negate = any(o is c.NEGATE for o, _ in av)
        hit = False
        for o, a in av:
            if o is c.LITERAL:
                hit |= ch == chr(a)
            elif o is c.RANGE:
                hit |= a[0] <= ord(ch) <= a[1]
            elif o is c.CATEGORY:
                pattern = {c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W", c.CATEGORY_DIGIT: r"\d",
                           c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
                           c.CATEGORY_NOT_SPACE: r"\S"}[a]
                hit |= bool(re.fullmatch(pattern, ch))
        return hit != negate
    raise AssertionError(f"unexpected node {op}")


def _check_barrier_free(parsed, barriers: str) -> None:
    """No consuming node matches a barrier character; lookaheads test at most one character."""
    import re._constants as c

    for op, av in parsed:
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
            assert not any(_can_match((op, av), b) for b in barriers), (op, av)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            direction, sub = av
            if direction == 1:
                assert sub.getwidth() == (1, 1)
            # lookbehinds see the text before a stretch, as in a whole-text scan
        elif op is c.SUBPATTERN:
            _check_barrier_free(av[3], barriers)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            _check_barrier_free(av[2], barriers)
        elif op is c.BRANCH:
            for branch in av[1]:
                _check_barrier_free(branch, barriers)
        elif op is c.AT:
            raise AssertionError("anchors would see a stretch's end as the text's")
        elif op is c.GROUPREF:
            raise AssertionError("back-references are not checked")
        else:
            assert op in (c.CATEGORY,), op  # \w, \s outside a class
            assert not any(_can_match((c.IN, [(op, av)]), b) for b in barriers), (op, av)


def test_stretch_patterns_never_cross_a_barrier():
    """``find_dates`` scans a pattern only over the stretches between barrier characters that
    hold its cues: that is the whole-text scan only if no match can contain a barrier."""
    import re._parser

    from pipeline.text import dates

    barriers = dates._BARRIER.pattern.strip("[]")
    for kind, pattern in dates._PATTERNS:
        if kind not in dates._WHOLE_TEXT:
            parsed = re._parser.parse(pattern.pattern, pattern.flags)
            assert parsed.getwidth()[0] > 0, kind  # no empty matches
            _check_barrier_free(parsed, barriers)
        assert set(dates._NEEDS[kind]) <= set(dates._CUES), kind


def test_stretch_scan_equals_whole_text_scan():
    from pipeline.text import dates

    text = ("قتل «الخميس 11 يناير 2024» شخص. وفي مارس الماضي؟ 5 من شهر أبريل 2020: "
            "منذ مطلع العام 2020، أمس الأول؛ الأسبوع الماضي. 15/3/2021 والأحد. 2019")
    stretches = dates._stretches(text)
    for kind, pattern in dates._PATTERNS:
        if kind not in dates._WHOLE_TEXT:
            every = set(range(len(stretches) - 1))
            assert [m.span() for m in dates._finditer(pattern, text, stretches, every)] == [
                m.span() for m in pattern.finditer(text)], kind
    assert [d.evidence for d in find_dates(text, REF)][:3] == ["الخميس 11 يناير 2024", "مارس الماضي",
                                                               "5 من شهر أبريل 2020"]
