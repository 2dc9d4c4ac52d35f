"""Quote extraction on passages composed for these tests (not taken from the seed articles)."""

from __future__ import annotations

import pytest

from pipeline.extract.mention import Mention
from pipeline.extract.quotes import Quote, extract_quotes


def quotes(text: str, mentions: list[Mention] | None = None) -> list[Quote]:
    found = extract_quotes(text, [], mentions or [])
    for q in found:  # every offset points into the text
        assert text[q.start : q.end] == q.text
        if q.cue is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
        if q.speaker_text is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
        assert 0.0 <= q.confidence <= 1.0
        assert q.kind in ("direct", "indirect", "mixed")
    return found


def mention(text: str, surface: str, label: str = "PERSON", adjectival: bool = False) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), label, surface, adjectival=adjectival)


STATEMENT = "نحن ملتزمون بحماية المدنيين في كل الظروف"


@pytest.mark.parametrize("opening, closing", [("«", "»"), ("“", "”"), ('"', '"'), ("„", "“"), ("'", "'"), ("“", "“")])
def test_each_quote_style_gives_the_text_inside_the_marks(opening: str, closing: str) -> None:
    text = f"وقال الوزير أحمد خليل: {opening}{STATEMENT}{closing}.\n"
    [q] = quotes(text)
    assert q.kind == "direct"
    assert q.text == STATEMENT
    assert q.cue == "وقال" and q.cue_lemma == "قال"
    assert "أحمد خليل" in q.speaker_text


def test_quote_introduced_by_a_colon_without_marks_runs_to_the_paragraph_end() -> None:
    text = "وقال المتحدث باسم الجيش: نحن مستعدون للرد على أي هجوم يستهدف قواتنا.\nوفي سياق آخر ارتفعت الأسعار."
    [q] = quotes(text)
    assert q.kind == "direct"
    assert q.text.startswith("نحن مستعدون") and "الأسعار" not in q.text
    assert q.speaker_text == "المتحدث باسم الجيش"


def test_quote_spanning_paragraphs_reopened_at_each_paragraph() -> None:
    text = (
        "وقال السفير كريم ناصر: «إن الحوار هو الطريق الوحيد لإنهاء هذه الأزمة.\n"
        "«ونحن نعمل مع شركائنا على تهدئة الأوضاع في المنطقة كلها».\n"
    )
    [q] = quotes(text)
    assert q.text.startswith("إن الحوار") and q.text.endswith("المنطقة كلها")
    assert "كريم ناصر" in q.speaker_text


def test_quote_spanning_paragraphs_closed_only_at_the_end() -> None:
    text = (
        'وقالت الوزيرة ليلى حداد: "الجملة الأولى من التصريح طويلة بما يكفي هنا\n'
        'والجملة الثانية تكمل الكلام نفسه حتى نهايته".\n'
    )
    [q] = quotes(text)
    assert q.text.endswith("حتى نهايته") and "\n" in q.text


def test_missing_closing_mark_ends_the_quote_with_its_paragraph() -> None:
    text = (
        'وقال النائب حسن علوان: "لن نقبل بأي وجود أجنبي على أرضنا مهما كانت الذرائع\n'
        "وفي سياق آخر، ارتفعت أسعار النفط في الأسواق العالمية.\n"
    )
    [q] = quotes(text)
    assert q.text == "لن نقبل بأي وجود أجنبي على أرضنا مهما كانت الذرائع"


def test_missing_closing_mark_before_the_next_quote_in_the_paragraph() -> None:
    text = (
        'وأكد المسؤول أن "الخطة تسير كما هو مقرر لها منذ البداية. وأوضح أن "التمويل متوفر بالكامل لهذا العام".\n'
    )
    found = quotes(text)
    assert [q.text for q in found] == [
        "الخطة تسير كما هو مقرر لها منذ البداية.",
        "التمويل متوفر بالكامل لهذا العام",
    ]
    assert found[1].continued_from == 0


def test_stray_doubled_opener_stays_inside_one_quote() -> None:
    text = "وقال المسؤول: “الوضع “خطير جداً ويحتاج إلى تدخل عاجل من الجميع”.\n"
    [q] = quotes(text)
    assert q.text == "الوضع “خطير جداً ويحتاج إلى تدخل عاجل من الجميع"


def test_scare_quotes_around_names_and_terms_are_not_quotes() -> None:
    text = 'هاجم تنظيم "داعش" مواقع لقوات "الحشد" قرب مدينة "القائم"، وانتهت المهمة "القتالية" للتحالف.\n'
    assert quotes(text) == []


def test_speaker_after_the_quote_and_continuation_after_an_interruption() -> None:
    text = (
        '"الانسحاب ليس مطروحاً الآن على طاولة المفاوضات"، قال الوزير سامي فرج، '
        'وأضاف أن "المفاوضات ستستمر خلال الأشهر المقبلة".\n'
    )
    first, second = quotes(text)
    assert first.text == "الانسحاب ليس مطروحاً الآن على طاولة المفاوضات"
    assert first.speaker_text == "الوزير سامي فرج" and first.cue_lemma == "قال"
    assert second.text == "المفاوضات ستستمر خلال الأشهر المقبلة"
    assert second.cue_lemma == "أضاف"
    assert second.speaker_text == "الوزير سامي فرج" and second.continued_from == 0


@pytest.mark.parametrize(
    "sentence, clause, speaker",
    [
        ("قال رئيس البرلمان إن الحكومة ماضية في خططها الإصلاحية.", "الحكومة ماضية في خططها الإصلاحية", "رئيس البرلمان"),
        ("وأكدت الوزارة أن القوات ستبقى في مواقعها الحالية.", "القوات ستبقى في مواقعها الحالية", "الوزارة"),
        ("وصرح المسؤول بأن المحادثات انتهت دون اتفاق نهائي.", "المحادثات انتهت دون اتفاق نهائي", "المسؤول"),
        ("وأشار المحلل السياسي عمر زكي إلى أن التوتر سيتراجع قريباً.", "التوتر سيتراجع قريباً",
         "المحلل السياسي عمر زكي"),
    ],
)
def test_indirect_quotes_after_complementizers(sentence: str, clause: str, speaker: str) -> None:
    [q] = quotes(sentence)
    assert q.kind == "indirect"
    assert q.text == clause
    assert q.speaker_text == speaker


def test_clause_with_pronoun_subject_keeps_the_complementizer_word() -> None:
    [q] = quotes("وأعلنت الشركة أنها ستفتتح فرعاً جديداً في المدينة.")
    assert q.text == "أنها ستفتتح فرعاً جديداً في المدينة"


def test_attribution_by_source_at_sentence_start() -> None:
    [q] = quotes("حسب وكالة الأنباء الرسمية، فإن الاجتماع سيعقد الأسبوع المقبل في العاصمة.")
    assert q.kind == "indirect"
    assert q.text == "الاجتماع سيعقد الأسبوع المقبل في العاصمة"
    assert q.speaker_text == "وكالة الأنباء الرسمية" and q.cue == "حسب"


def test_attribution_by_source_at_sentence_end() -> None:
    [q] = quotes("وارتفعت حصيلة القتلى في الهجوم إلى عشرين شخصاً، وفقاً لوزارة الصحة المحلية.")
    assert q.text == "وارتفعت حصيلة القتلى في الهجوم إلى عشرين شخصاً"
    assert "وزارة الصحة" in q.speaker_text


def test_attribution_to_something_that_is_not_a_source_is_ignored() -> None:
    assert quotes("وتتواجد القوات في البلاد وفقاً لاتفاقيات مع الحكومة.") == []


def test_subject_before_the_verb() -> None:
    [q] = quotes("الوزير أكد أيضاً أن الخطة جاهزة للتنفيذ خلال أسابيع.")
    assert q.speaker_text == "الوزير"
    assert q.text == "الخطة جاهزة للتنفيذ خلال أسابيع"


def test_subject_with_role_and_name_split_by_a_mention() -> None:
    text = "وقال رئيس الوزراء العراقي محمد شياع السوداني، إن بلاده تريد علاقات متوازنة مع الجميع."
    people = [mention(text, "محمد شياع السوداني"), mention(text, "العراقي", "GPE", adjectival=True)]
    [q] = quotes(text, people)
    assert q.speaker_text == "رئيس الوزراء العراقي محمد شياع السوداني"
    assert q.speaker_role == "رئيس الوزراء العراقي"
    assert q.speaker_mention_index == 0


def test_role_and_name_split_without_mentions() -> None:
    [q] = quotes("وقال وزير الخارجية الإيراني حسن موسوي إن المحادثات مفيدة للطرفين.")
    assert q.speaker_role == "وزير الخارجية الإيراني"
    assert q.speaker_mention_index is None


def test_setting_phrases_are_not_part_of_the_speaker() -> None:
    text = 'وأوضح الباحث في الشأن الأمني، سالم يوسف، في حديث لـ"الصحيفة"، أن "الهجمات ستتواصل في الأسابيع المقبلة".'
    [q] = quotes(text)
    assert q.speaker_text == "الباحث في الشأن الأمني، سالم يوسف"
    assert q.speaker_role == "الباحث في الشأن الأمني"


def test_role_phrase_without_a_name_can_speak() -> None:
    [q] = quotes("وأبلغ قيادي في الفصائل المسلحة اليوم الخميس «هناك هدنة مع الحكومة لمدة ستة أشهر».")
    assert q.speaker_text == "قيادي في الفصائل المسلحة"
    assert q.text == "هناك هدنة مع الحكومة لمدة ستة أشهر"


def test_continuation_cues_resolve_to_the_previous_speaker() -> None:
    text = (
        "وقال الوزير عادل حمدي إن الحكومة لن تتراجع عن قرارها، مشدداً على أن القانون سيطبق على الجميع.\n"
        "وأضاف: «سنعلن التفاصيل الكاملة خلال مؤتمر صحافي يوم الأحد».\n"
        "وتابع أن الموازنة الجديدة ستقدم إلى البرلمان قريباً.\n"
    )
    found = quotes(text)
    assert [q.cue_lemma for q in found] == ["قال", "شدد", "أضاف", "تابع"]
    assert all(q.speaker_text == "الوزير عادل حمدي" for q in found)
    assert [q.continued_from for q in found] == [None, 0, 1, 2]
    assert [q.kind for q in found] == ["indirect", "indirect", "direct", "indirect"]


def test_quote_paragraph_after_a_quote_continues_its_speaker() -> None:
    text = (
        "وقال المتحدث العسكري: «قواتنا تسيطر على الوضع بشكل كامل في المدينة».\n"
        "«ولن نسمح لأي جهة بتهديد أمن المواطنين مهما كانت الظروف».\n"
    )
    first, second = quotes(text)
    assert second.speaker_text == first.speaker_text == "المتحدث العسكري"
    assert second.continued_from == 0 and second.cue is None


def test_organisations_and_documents_as_speakers() -> None:
    found = quotes(
        "نفت وزارة الدفاع، الاثنين، وجود خطط لسحب القوات من البلاد.\n"
        "وقال البيان المشترك إن الطرفين اتفقا على مواصلة التعاون الأمني.\n"
    )
    assert [(q.kind, q.speaker_text) for q in found] == [
        ("indirect", "وزارة الدفاع"),
        ("indirect", "البيان المشترك"),
    ]
    assert found[0].text == "وجود خطط لسحب القوات من البلاد" and found[0].cue_lemma == "نفى"


def test_mixed_quote_keeps_the_reported_clause() -> None:
    [q] = quotes('وقال الوزير إن بلاده لن تقبل بذلك وإلا "سنشهد مزيداً من التصعيد في المنطقة".')
    assert q.kind == "mixed"
    assert q.text.startswith("بلاده لن تقبل") and q.text.endswith('في المنطقة"')


def test_unattributed_quote_has_no_speaker() -> None:
    text = ("ونشرت الصحف صوراً للمظاهرات.\n"
            "ورفع المحتجون لافتة كبيرة في الساحة العامة \"لا للحرب ولا للدمار في بلادنا الحبيبة أبداً\".\n")
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert len(found) == 1 and found[0].speaker_text is None and found[0].continued_from is None


def test_passive_cue_reports_without_a_speaker() -> None:
    [q] = quotes("وقيل إن الاجتماع تأجل إلى موعد غير محدد.")
    assert q.speaker_text is None and q.text == "الاجتماع تأجل إلى موعد غير محدد"


def test_cue_words_inside_a_direct_quote_do_not_start_quotes() -> None:
    [q] = quotes("وقال المدير: «لقد أكد الجميع أن المشروع ناجح وسيستمر العام المقبل».")
    assert q.cue == "وقال"


def test_same_input_gives_the_same_output() -> None:
    text = "وقال الوزير إن الوضع مستقر.\nوأضاف: «سنواصل العمل حتى النهاية دون توقف».\n"
    assert extract_quotes(text, [], []) == extract_quotes(text, [], [])


def test_empty_and_quote_free_text() -> None:
    assert quotes("") == []
    assert quotes("ارتفعت درجات الحرارة في معظم المناطق اليوم.") == []


def test_object_and_preposition_verbs_report_the_object() -> None:
    text = ("ودعا وزير الصحة سامي عادل المواطنين إلى الالتزام بالإرشادات الوقائية.\n"
            "فيما طالب نواب معارضون بإقالة الوزير.\n")
    first, second = quotes(text, [mention(text, "سامي عادل")])
    assert (first.text, first.speaker_text, first.cue_lemma) == (
        "المواطنين إلى الالتزام بالإرشادات الوقائية", "وزير الصحة سامي عادل", "دعا")
    assert (second.text, second.speaker_text) == ("إقالة الوزير", "نواب معارضون")


def test_a_name_is_not_a_cue_verb() -> None:
    assert quotes("وقتل مشتاق طالب السعيدي القيادي بالحشد في الضربة.") == []


def test_participle_with_object_continues_the_speaker() -> None:
    text = "وقال رئيس البلدية إن الأسعار ارتفعت كثيراً، داعياً التجار إلى مراقبة الأسعار.\n"
    first, second = quotes(text)
    assert second.text == "التجار إلى مراقبة الأسعار" and second.cue_lemma == "دعا"
    assert second.speaker_text == first.speaker_text == "رئيس البلدية" and second.continued_from == 0


def test_participle_object_leading_a_quote_is_mixed() -> None:
    text = "وقال الوزير إن الزيارة ناجحة، مؤكداً حرص بلاده على «علاقات حسن الجوار مع جميع الدول».\n"
    second = quotes(text)[1]
    assert second.kind == "mixed" and second.text == "حرص بلاده على «علاقات حسن الجوار مع جميع الدول»"


def test_quoted_subject_with_a_reported_predicate_is_mixed() -> None:
    [q] = quotes('وحذر الوزير من أن "الاعتداءات المتكررة" ما زالت تكلف القطاع خسائر كبيرة.')
    assert q.kind == "mixed" and q.text == '"الاعتداءات المتكررة" ما زالت تكلف القطاع خسائر كبيرة'


def test_second_complement_in_quote_marks_is_its_own_direct_quote() -> None:
    text = "وأوضح المدير أن الشركة طرحت مناقصة جديدة هذا الشهر، وأن “الإقبال فاق التوقعات”، على حد تعبيره.\n"
    first, second = quotes(text)
    assert (first.kind, first.text) == ("indirect", "الشركة طرحت مناقصة جديدة هذا الشهر")
    assert (second.kind, second.text, second.cue) == ("direct", "الإقبال فاق التوقعات", "وأوضح")


def test_quoted_sentence_after_a_complete_reported_clause() -> None:
    text = ("وقال البيان إن القواعد الموجودة في البلاد وطنية وليست أجنبية إطلاقاً "
            "“جددت الحكومة التزامها بحماية البعثات الدبلوماسية كافة”.\n")
    first, second = quotes(text)
    assert first.kind == "indirect" and first.text.endswith("وليست أجنبية إطلاقاً")
    assert second.kind == "direct" and second.text.startswith("جددت الحكومة")


def test_quote_interrupted_by_its_speaker_tag() -> None:
    text = '"المرحلة الأولى"، يقول المدير، "ستنتهي بحلول الصيف المقبل على أبعد تقدير".\n'
    first, second = quotes(text)
    assert [first.text, second.text] == ["المرحلة الأولى", "ستنتهي بحلول الصيف المقبل على أبعد تقدير"]
    assert first.speaker_text == second.speaker_text == "المدير"


def test_topicalised_subject_with_fa() -> None:
    [q] = quotes("أما رئيس النقابة خالد سعيد، فقال إن الإضراب مستمر حتى تلبية المطالب.")
    assert q.speaker_text == "رئيس النقابة خالد سعيد"


def test_verbless_speaker_and_colon_but_not_in_a_headline() -> None:
    text = ("مصدر حكومي: الرواتب ستصرف قريباً\n"
            "أعلنت الحكومة زيادة الرواتب.\n"
            "مصدر في وزارة المالية: الرواتب ستصرف الأسبوع المقبل دون تأخير.\n")
    [q] = quotes(text)
    assert q.text == "الرواتب ستصرف الأسبوع المقبل دون تأخير." and q.cue == ":"
    assert q.speaker_text == "مصدر في وزارة المالية"


def test_reported_through_an_agency_with_qawluhu() -> None:
    text = "ونقلت الوكالة عن مسؤول في وزارة الخارجية قوله إن «الزيارة ستتم في موعدها المحدد دون تغيير».\n"
    [q] = quotes(text)
    assert q.cue == "قوله" and q.cue_lemma == "قال"
    assert q.speaker_text == "مسؤول في وزارة الخارجية"


def test_anonymity_formula_is_not_part_of_the_speaker() -> None:
    [q] = quotes("وقال مسؤول طلب عدم كشف هويته إن المحادثات ستستأنف قريباً.")
    assert q.speaker_text == "مسؤول" and q.cue == "وقال"


def test_source_of_a_report_keeps_its_issuer() -> None:
    [q] = quotes("ووفقاً لتقرير صادر عن منظمة الصحة العالمية، فإن الوباء انحسر في معظم المناطق.")
    assert q.speaker_text == "تقرير صادر عن منظمة الصحة العالمية"
    assert q.text == "الوباء انحسر في معظم المناطق"


def test_attribution_relayed_through_a_channel_names_the_original_source() -> None:
    [q] = quotes('وبحسب ما نقلت قناة "المدينة" عن مسؤول حكومي، فإن الوفد سيصل مساء الخميس.')
    assert q.speaker_text == "مسؤول حكومي" and q.text == "الوفد سيصل مساء الخميس"


def test_fronted_phrase_before_the_verb_is_not_its_subject() -> None:
    text = ("وقال المتحدث إن الدعوات أرسلت.\n"
            "وعن سؤال حول مشاركة الجيران، أجاب: «الدعوات وجهت إلى جميع الدول دون استثناء».\n")
    second = quotes(text)[1]
    assert second.speaker_text == "المتحدث" and second.cue_lemma == "أجاب" and second.continued_from == 0


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("ولم يصدر تعليق من الوزارة، لكن مسؤولين كباراً قالوا سابقاً إن الخطة تأجلت.", "مسؤولين كباراً"),
        ("وكان وزير المالية، كريم سالم، قد قال الشهر الماضي إن العجز سيتراجع.", "وزير المالية، كريم سالم"),
    ],
)
def test_subject_before_the_verb_after_a_comma_or_before_qad(sentence: str, speaker: str) -> None:
    [q] = quotes(sentence)
    assert q.speaker_text == speaker


# -- caches and helpers behind the extractor's speed: each must give what it replaces ----------------

_CACHE_TEXT = "وقال الوزيرُ أحمد خليل، إنّ «الحكومة» ملتزمة بـ\"الإصلاح\" وأضاف: لن نتراجع عن ٣٫٥ مليار.\nأكد المتحدث، وأن"


def test_tokens_of_matches_folding_each_word_and_is_stable_across_calls() -> None:
    from pipeline.extract.quotes import tokens as tokens_module
    from pipeline.text.normalize import match_key
    from pipeline.text.tokenize import tokenize

    first = tokens_module.tokens_of(_CACHE_TEXT)
    assert [(t.start, t.end) for t in first] == tokenize(_CACHE_TEXT)
    for t in first:
        assert t.text == _CACHE_TEXT[t.start : t.end]
        assert t.key == match_key(t.text)
        assert t.plain == tokens_module._MARKS.sub("", t.text).translate(tokens_module._HAMZA_ALEF)
        assert t.word == t.text[0].isalnum()
        assert type(t) is tokens_module.Token
    assert tokens_module.tokens_of(_CACHE_TEXT) == first  # from the word cache
    tokens_module._WORDS.clear()  # and after it was emptied
    assert tokens_module.tokens_of(_CACHE_TEXT) == first
    assert tokens_module.tokens_of("") == []


def test_cue_lookups_per_document_match_the_lexicon() -> None:
    from pipeline.extract.quotes.document import Doc

    doc = Doc(_CACHE_TEXT, [], [])
    expected = {i: doc.lex.cue(t.text) for i, t in enumerate(doc.toks) if t.word and doc.lex.cue(t.text)}
    assert doc.cue_forms == expected and expected
    assert doc.lex.cues_of(doc.toks) == expected  # second time from the memo


@pytest.mark.parametrize("pos", range(0, 12))
def test_char_before_and_after_match_strip(pos: int) -> None:
    from pipeline.extract.quotes.document import _char_after, _char_before

    for text in ("”، وأن “", " \t، ,", "ab", ""):
        p = min(pos, len(text))
        assert _char_before(text, p, " \t،,") == text[:p].rstrip(" \t،,")[-1:]
        assert _char_after(text, p, " \t") == text[p:].lstrip(" \t")[:1]


def test_cached_role_test_matches_the_rule() -> None:
    from pipeline.extract.quotes.lexicon import load_lexicon
    from pipeline.extract.quotes.speaker import _bare, is_role
    from pipeline.extract.quotes.tokens import tokens_of

    lex = load_lexicon()
    for t in tokens_of("والمتحدث باسم الوزارة الناطق الرسمي رئيس والرئيس محمد " + _CACHE_TEXT):
        rule = t.key in lex.roles or _bare(t.key) in lex.roles or ("ال" + _bare(t.key)) in lex.roles
        assert is_role(t, lex) == rule


def test_a_name_in_quotes_after_the_subject_is_an_appositive_not_the_statement() -> None:
    text = 'نفت وزارة النقل البحرية "المرفأ"، الثلاثاء، وجود خطط لإغلاق الميناء أمام السفن التجارية.'
    ministry = mention(text, "وزارة النقل البحرية", "ORG")
    (q,) = quotes(text, [ministry, mention(text, "المرفأ", "LOC")])
    assert q.kind == "indirect" and q.text.startswith("وجود خطط")
    assert q.speaker_text == "وزارة النقل البحرية"


def test_without_is_not_a_cue_for_a_that_clause() -> None:
    text = "ووصل وفد الحركة إلى القاهرة للاستماع إلى الوسطاء، من دون أن يشارك في الاجتماعات بشكل مباشر."
    assert not [q for q in quotes(text) if q.cue == "دون"]


def test_a_clause_of_time_or_manner_after_the_cue_is_not_what_was_said() -> None:
    text = "وأعلن الهلال الأحمر في البداية مقتل أكثر من ألف شخص قبل أن يتراجع عن الرقم."
    assert not [q for q in quotes(text) if "يتراجع" in q.text]
    said = quotes("وأشار الوزير إلى أن المفاوضات ستستأنف الأسبوع المقبل.")  # إلى أن still reports
    assert [q.text for q in said] == ["المفاوضات ستستأنف الأسبوع المقبل"]
