"""Event extraction on sentences composed for these tests."""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.extract.events import PLOVER_TYPES, Event, detect, extract_events
from pipeline.extract.mention import Mention


def one(sentence: str, event_type: str) -> Event:
    found = [e for e in detect(sentence) if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.trigger) for e in detect(sentence)]
    return found[0]


def texts(spans) -> list[str]:
    return [s[2] for s in spans]


@pytest.mark.parametrize(
    ("sentence", "event_type", "trigger"),
    [
        ("وقعت الحكومتان اتفاقا لتبادل الأسرى", "AGREE", "اتفاقا"),
        ("التقى وزير الخارجية نظيره الفرنسي في باريس", "CONSULT", "التقى"),
        ("أشاد الرئيس بجهود الوسطاء", "SUPPORT", "أشاد"),
        ("أفرجت السلطات عن عشرين معتقلا", "CONCEDE", "أفرجت"),
        ("وأكد الجانبان أهمية التعاون الأمني بين البلدين", "COOPERATE", "التعاون الأمني"),
        ("وصلت مساعدات إنسانية إلى المدينة", "AID", "مساعدات إنسانية"),
        ("انسحبت القوات من المدينة", "RETREAT", "انسحبت"),
        ("طالب المحتجون الحكومة بالاستقالة", "REQUEST", "طالب"),
        ("اتهمت الحكومة المعارضة بالتحريض", "ACCUSE", "اتهمت"),
        ("رفضت الحكومة العرض الأخير", "REJECT", "رفضت"),
        ("هددت الجماعة المسلحة الشركات الأجنبية", "THREATEN", "هددت"),
        ("تظاهر آلاف الطلاب أمام الوزارة", "PROTEST", "تظاهر"),
        ("فرضت الحكومة عقوبات على ثلاث شركات", "SANCTION", "عقوبات"),
        ("نشرت الحكومة قوات إضافية على الحدود", "MOBILIZE", "نشرت"),
        ("اعتقلت الشرطة خمسة أشخاص في المدينة", "COERCE", "اعتقلت"),
        ("هاجم مسلحون نقطة تفتيش قرب المدينة", "ASSAULT", "هاجم"),
    ],
)
def test_each_plover_type(sentence, event_type, trigger):
    assert event_type in PLOVER_TYPES
    ev = one(sentence, event_type)
    assert ev.trigger == trigger
    assert sentence[ev.trigger_start:ev.trigger_end] == trigger


def test_clitics_and_inflections_on_triggers():
    assert one("وباستهداف القافلة انتهت الهدنة", "ASSAULT").trigger == "وباستهداف"
    assert one("يهاجمون المواقع كل ليلة", "ASSAULT").trigger == "يهاجمون"
    assert one("وللمفاوضات جولة جديدة", "CONSULT").trigger == "وللمفاوضات"


@pytest.mark.parametrize(
    ("sentence", "mode"),
    [
        ("قصفت طائرة مسيرة موقعا للفصائل", "drone"),
        ("شنت المقاتلات غارة جوية على المعسكر", "aerial"),
        ("انفجرت سيارة مفخخة قرب السوق", "explosives"),
        ("أطلق مسلحون النار على الحراس", "firearms"),
        ("اغتال مجهولون قائدا في الفصيل", "targeted_killing"),
        ("سقطت صواريخ كاتيوشا على القاعدة", "heavy_weapons"),
    ],
)
def test_assault_modes(sentence, mode):
    assert one(sentence, "ASSAULT").mode == mode


def test_consult_modes():
    assert one("زار الرئيس بغداد أمس", "CONSULT").mode == "visit"
    assert one("أجرى الوزير اتصالا هاتفيا بنظيره", "CONSULT").mode == "phone"


def test_vso_arguments():
    ev = one("استهدفت الفصائل المسلحة قاعدة عسكرية", "ASSAULT")
    assert texts(ev.actors) == ["الفصائل المسلحة"]
    assert texts(ev.targets) == ["قاعدة عسكرية"]


def test_svo_arguments():
    ev = one("القوات الحكومية قصفت مواقع المتمردين", "ASSAULT")
    assert texts(ev.actors) == ["القوات الحكومية"]
    assert texts(ev.targets) == ["مواقع المتمردين"]


def test_nominal_trigger_genitive_is_target():
    ev = one("وأدان البيان استهداف القوات الأجنبية", "ASSAULT")
    assert texts(ev.targets) == ["القوات الأجنبية"]


def test_argument_spans_leave_out_prepositions():
    ev = one("التقى رئيس الوزراء بوزير الدفاع", "CONSULT")
    assert texts(ev.actors) == ["رئيس الوزراء"]
    assert texts(ev.targets) == ["وزير الدفاع"]


def test_mentions_give_actor_and_location():
    text = "شنت طائرة فرنسية ضربة في طرابلس"
    adjective = text.index("فرنسية")
    city = text.index("طرابلس")
    mentions = [Mention(adjective, adjective + 6, "GPE", "فرنسية", adjectival=True),
                Mention(city, city + 6, "GPE", "طرابلس")]
    [ev] = extract_events(text, [(0, len(text))], mentions, None).events
    assert ev.event_type == "ASSAULT"
    assert texts(ev.locations) == ["طرابلس"]
    assert any("فرنسية" in a for a in texts(ev.actors))


def test_nationality_adjective_on_nominal_trigger_is_actor():
    text = "وقتل ثلاثة أشخاص في ضربة بريطانية"
    start = text.index("بريطانية")
    mentions = [Mention(start, start + 8, "GPE", "بريطانية", adjectival=True)]
    [ev] = extract_events(text, [(0, len(text))], mentions, None).events
    assert texts(ev.actors) == ["بريطانية"]


def test_participant_noun_trigger_names_its_own_actor():
    text = "وأحرق المتظاهرون الغاضبون إطارات في الشارع، ثم قطع محتجون آخرون الطريق."
    events = [e for e in extract_events(text, [(0, len(text))], [], None).events if e.event_type == "PROTEST"]
    actors = {a for e in events for a in texts(e.actors)}
    # the conjunction is left out; plural adjectives agreeing in definiteness are kept, "في" ends it
    assert {"المتظاهرون الغاضبون", "محتجون آخرون"} <= actors


def test_phrase_after_a_target_preposition_is_the_target_when_no_list_knows_it():
    text = "وشن مسلحون هجوما على قافلة سياحية قرب المدينة."
    [ev] = [e for e in extract_events(text, [(0, len(text))], [], None).events if e.event_type == "ASSAULT"]
    assert texts(ev.targets) == ["قافلة سياحية"]  # the indefinite adjective joins, "قرب" ends it
    text = "وخرجت مظاهرات ضد الحكم العسكري في المدينة."
    [ev] = [e for e in extract_events(text, [(0, len(text))], [], None).events if e.event_type == "PROTEST"]
    assert texts(ev.targets) == ["الحكم العسكري"]


def test_negated_plan_is_kept_and_flagged():
    ev = one("نفت الوزارة وجود خطط لسحب قواتها من البلاد", "RETREAT")
    assert ev.negated and not ev.hypothetical
    assert texts(ev.actors) == ["الوزارة"]


def test_simple_negation():
    assert one("لم تنسحب القوات من المدينة", "RETREAT").negated
    assert not one("انسحبت القوات من المدينة", "RETREAT").negated


def test_threat_makes_threatened_event():
    events = detect("هددت الجماعة باستئناف مهاجمة القوات الأجنبية")
    threat = [e for e in events if e.event_type == "THREATEN"]
    attack = [e for e in events if e.event_type == "ASSAULT"]
    assert threat and not threat[0].hypothetical
    assert attack and attack[0].hypothetical and attack[0].modality == "threatened"


def test_demanded_action_folds_into_the_request():
    sentence = "طالب النواب بانسحاب القوات الأجنبية"
    request = one(sentence, "REQUEST")
    assert request.mode == "retreat" and not request.hypothetical
    assert [t[2] for t in request.other_triggers] == ["بانسحاب"]
    assert not [e for e in detect(sentence) if e.event_type == "RETREAT"]


def test_plan_and_condition():
    assert one("تعتزم الحكومة سحب قواتها من الجنوب", "RETREAT").modality == "planned"
    assert one("إذا هاجمت الفصائل القاعدة فسيرد الجيش", "ASSAULT").modality == "conditional"


def test_counts_attach_with_what_they_count():
    ev = one("قتل ثلاثة جنود في هجوم على القاعدة", "ASSAULT")
    assert (ev.magnitude, ev.magnitude_unit) == (3, "killed")
    ev = one("نشرت الحكومة 2500 جندي في المحافظة", "MOBILIZE")
    assert (ev.magnitude, ev.magnitude_unit, ev.magnitude_evidence) == (2500, "troops", "2500 جندي")
    ev = one("أصيب 12 شخصا في انفجار عبوة ناسفة", "ASSAULT")
    assert (ev.magnitude, ev.magnitude_unit) == (12, "wounded")


def test_date_attached_relative_to_publication():
    text = "قصفت الطائرات مواقع المسلحين أمس."
    [ev] = extract_events(text, [(0, len(text))], [], dt.date(2024, 3, 5)).events
    assert ev.date == dt.date(2024, 3, 4) and ev.date_granularity == "day"
    assert text[ev.date_start:ev.date_end] == ev.date_evidence == "أمس"
    assert not ev.historical


def test_old_dates_are_historical():
    text = "وكانت القوات قد انسحبت من المدينة في عام 2011."
    [ev] = extract_events(text, [(0, len(text))], [], dt.date(2024, 3, 5)).events
    assert ev.event_type == "RETREAT" and ev.date.year == 2011 and ev.historical


def test_offsets_into_document_and_examined_sentences():
    text = "عنوان قصير\nكان الطقس جميلا في الصباح. ثم هاجم مسلحون القافلة."
    first = text.index("كان")
    second = text.index("ثم")
    result = extract_events(text, [(0, 10), (first, second - 1), (second, len(text))], [], None)
    [ev] = result.events
    assert text[ev.trigger_start:ev.trigger_end] == ev.trigger == "هاجم"
    assert (ev.sentence_start, ev.sentence_end) == (second, len(text))
    for start, end, span_text in ev.actors + ev.targets:
        assert text[start:end] == span_text
    reasons = {(n.sentence_start, n.reason) for n in result.examined}
    assert (0, "heading") in reasons and (first, "no trigger word") in reasons


def test_words_inside_names_are_not_triggers():
    text = "وقال مشتاق طالب إن الاجتماع انتهى"
    start = text.index("مشتاق")
    mentions = [Mention(start, start + len("مشتاق طالب"), "PERSON", "مشتاق طالب")]
    found = extract_events(text, [(0, len(text))], mentions, None).events
    assert not [e for e in found if e.event_type == "REQUEST"]
    assert [e for e in detect(text) if e.event_type == "REQUEST"]  # without the name it is one


def test_troop_strength_somewhere_is_a_deployment():
    ev = one("ويوجد نحو 3000 جندي بريطاني في القاعدة", "MOBILIZE")
    assert ev.trigger == "جندي" and ev.mode == "presence"
    assert (ev.magnitude, ev.magnitude_unit) == (3000, "troops")


def test_blocked_phrases_are_not_events():
    assert not [e for e in detect("دعا المجلس إلى وقف إطلاق النار فورا") if e.event_type == "ASSAULT"]
    assert not [e for e in detect("أفرجت السلطات عن المعتقلين فجر أمس") if e.event_type == "ASSAULT"]


def test_deterministic():
    sentence = "قتل خمسة أشخاص وأصيب عشرة في هجوم انتحاري بسيارة مفخخة أمس"
    assert detect(sentence) == detect(sentence)


def test_confidence_in_range():
    for ev in detect("هاجم مسلحون القافلة وقتلوا سائقها ثم انسحبوا"):
        assert 0.0 <= ev.confidence <= 1.0


_FRAGMENTS = ["هاجم مسلحون", "القوات الأجنبية", "في بغداد", "أمس،", "وقتل ثلاثة جنود", "نفت الوزارة",
              "وجود خطط لسحب قواتها", "«الفصائل»", "تظاهر آلاف الطلاب", "2500 جندي", "ثم", ".",
              "طالب البرلمان بانسحاب", "ضربة أميركية", "التقى الرئيس بنظيره"]


@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=12))
@settings(max_examples=150, deadline=None)
def test_every_span_is_exact_text(parts):
    text = " ".join(parts)
    result = extract_events(text, [(0, len(text))], [], dt.date(2024, 1, 10))
    for ev in result.events:
        assert text[ev.trigger_start:ev.trigger_end] == ev.trigger
        for start, end, span_text in ev.actors + ev.targets + ev.locations + ev.other_triggers:
            assert text[start:end] == span_text
        if ev.date_evidence is not None:
            assert text[ev.date_start:ev.date_end] == ev.date_evidence
        if ev.magnitude_evidence is not None:
            assert ev.magnitude_evidence in text
    assert bool(result.events) != bool(result.examined)


def test_later_mentions_of_the_same_event_add_their_count():
    sentence = "تتواصل الهجمات على القواعد، وقد ارتفعت تلك الهجمات إلى 12 هجوماً خلال أسبوعين"
    attacks = [e for e in detect(sentence) if e.event_type == "ASSAULT"]
    assert len(attacks) == 1
    assert (attacks[0].magnitude, attacks[0].magnitude_unit) == (12, "attacks")
    assert len(attacks[0].other_triggers) == 2


def test_upcoming_talks_are_planned():
    ev = one("اتفق الطرفان على عقد محادثات فنية مقبلة", "CONSULT")
    assert ev.hypothetical and ev.modality == "planned"


def test_historical_without_publication_date_uses_latest_date_in_text():
    text = "انسحبت القوات من المدينة في 2011. وفي 5 مارس 2024 وصل وفد إلى بغداد."
    events = extract_events(text, [(0, 33), (34, len(text))], [], None).events
    retreat = [e for e in events if e.event_type == "RETREAT"]
    assert retreat and retreat[0].historical


def test_demand_without_a_demand_word_is_a_request():
    sentence = "وقال المسؤول إنه حان وقت مغادرة القوات الأجنبية البلاد"
    [request] = [e for e in detect(sentence) if e.event_type == "REQUEST"]
    assert request.trigger == "مغادرة" and request.mode == "retreat"
    assert texts(request.targets) == ["القوات الأجنبية"]
    assert not [e for e in detect(sentence) if e.event_type == "RETREAT"]


def test_event_after_a_distance_phrase_is_dated_from_the_event_before():
    text = "اعتقلت الشرطة في 12 مارس 2021 ثلاثة مشتبهين، وذلك بعد يومين من هجوم على مركز تجاري."
    events = {e.event_type: e for e in extract_events(text, [(0, len(text))], [], None).events}
    assert events["COERCE"].date == dt.date(2021, 3, 12)
    attack = events["ASSAULT"]
    assert (attack.date, attack.date_granularity, attack.date_evidence) == (
        dt.date(2021, 3, 10), "day", "بعد يومين من")
    assert text[attack.date_start:attack.date_end] == attack.date_evidence


def test_verb_with_resumptive_pronoun_restates_the_event_before():
    text = "كان المجلس البلدي قد أصدر قرارا في 3 مايو 2019 طالب فيه الحكومة بإصلاح الطريق."
    [ev] = [e for e in extract_events(text, [(0, len(text))], [], None).events if e.event_type == "REQUEST"]
    assert "طالب" in [t[2] for t in ev.other_triggers] or ev.trigger == "طالب"
    assert ev.date == dt.date(2019, 5, 3)
    assert texts(ev.actors) == ["المجلس البلدي"] and texts(ev.targets) == ["الحكومة"]


def test_feminine_noun_after_masculine_verb_is_its_object():
    assert texts(one("طالب الحكومة بفتح المعابر", "REQUEST").targets) == ["الحكومة"]
    ev = one("طالبت الحكومة بفتح المعابر", "REQUEST")
    assert texts(ev.actors) == ["الحكومة"] and not ev.targets


def test_since_range_goes_to_the_event_outside_its_anchor():
    text = "تتعرض القوات منذ انسحاب الجيش في مارس 2020 لهجمات متواصلة."
    events = {e.event_type: e for e in extract_events(text, [(0, len(text))], [], dt.date(2020, 6, 1)).events}
    assert (events["RETREAT"].date, events["RETREAT"].date_granularity) == (dt.date(2020, 3, 1), "month")
    attack = events["ASSAULT"]
    assert (attack.date, attack.date_granularity) == (dt.date(2020, 3, 1), "range")
    assert attack.date_evidence == "منذ انسحاب الجيش في مارس 2020" and not attack.historical
    assert texts(attack.targets) == ["القوات"]  # تتعرض القوات … لهجمات, across the time phrase


def test_counted_past_span_dates_an_event():
    text = "شنت الطائرات خمس غارات على المعسكر خلال الأسبوعين الماضيين."
    [ev] = extract_events(text, [(0, len(text))], [], dt.date(2022, 8, 20)).events
    assert (ev.date, ev.date_granularity) == (dt.date(2022, 8, 6), "range")


def test_verbal_noun_after_li_governs_its_object():
    ev = one("أعلنت الحكومة خطة لسحب قواتها من المدينة", "RETREAT")
    assert texts(ev.targets)[0].startswith("قواتها") and texts(ev.locations) == ["المدينة"]
    ev = one("وقررت الوزارة زيادة الميزانية لدعم الحكومة للمدنيين", "SUPPORT")
    assert texts(ev.actors) == ["الحكومة"] and texts(ev.targets) == ["مدنيين"]


def test_genitive_is_not_a_nationality_adjective():
    text = "وتوعد الحزب بمهاجمة الفرنسيين في كل مكان"
    start = text.index("الفرنسيين")
    mentions = [Mention(start, start + 9, "GPE", "الفرنسيين", adjectival=True)]
    ev = next(e for e in extract_events(text, [(0, len(text))], mentions, None).events
              if e.event_type == "ASSAULT")
    assert "الفرنسيين" not in texts(ev.actors) and texts(ev.targets) == ["الفرنسيين"]


def test_claim_of_responsibility_names_the_actor():
    ev = one("وتبنت جماعة الشباب الهجوم على الحاجز", "ASSAULT")
    assert texts(ev.actors) == ["جماعة الشباب"]
    ev = one("تعرض الحاجز لهجوم، وأعلنت حركة الشباب مسؤوليتها عنه", "ASSAULT")
    assert texts(ev.actors) == ["حركة الشباب"]


def test_between_x_and_y_names_both_sides():
    ev = one("بدأت جولة مفاوضات بين الحكومة والمتمردين في جنيف", "CONSULT")
    assert texts(ev.actors) == ["الحكومة"] and texts(ev.targets) == ["المتمردين"]


def test_retreat_and_deployment_places():
    ev = one("انسحب الجيش من قاعدة الشمال وقرية مجاورة", "RETREAT")
    assert texts(ev.locations)[0].startswith("قاعدة")
    ev = one("وعادت القوات إلى المدينة بعد عام", "MOBILIZE")
    assert texts(ev.locations) == ["المدينة"]
    ev = one("نفذ المسلحون هجمات في بلدة حدودية وقرية جبلية", "ASSAULT")
    assert texts(ev.locations) == ["بلدة حدودية", "قرية جبلية"] and not ev.targets


def test_subjects_across_auxiliaries_pronouns_and_relatives():
    ev = one("الجماعة ما زالت تنفذ هجمات متفرقة", "ASSAULT")
    assert texts(ev.actors) == ["الجماعة"]
    ev = one("وقالت الحكومة إنها رفضت العرض", "REJECT")
    assert texts(ev.actors) == ["الحكومة"]
    ev = one("تراجع نفوذ الحزب الذي هاجمه الجيش في الربيع", "ASSAULT")
    assert texts(ev.targets) == ["الحزب"] and texts(ev.actors) == ["الجيش"]


def test_stated_troop_presence_with_possessor_and_nationality():
    text = "ولدى بريطانيا حاليا 800 جندي في قبرص."
    start = text.index("بريطانيا")
    [ev] = extract_events(text, [(0, len(text))], [Mention(start, start + 8, "GPE", "بريطانيا")], None).events
    assert ev.event_type == "MOBILIZE" and texts(ev.actors) == ["بريطانيا"]
    text = "ويوجد 300 جندي كندي في لاتفيا."
    start = text.index("كندي")
    mentions = [Mention(start, start + 4, "GPE", "كندي", adjectival=True)]
    [ev] = extract_events(text, [(0, len(text))], mentions, None).events
    assert texts(ev.actors) == ["كندي"]


def test_gold_arguments_are_found_as_whole_words_anywhere_in_the_sentence():
    from pipeline.evaluation.events import _arg_ok

    text = "رحب الجانب الأميركي بالموقف، وقالت السفارة الأميركية إن الأميركي وصل."
    whole_word = text.index("الأميركي ")
    later = text.rindex("الأميركي")
    span = (0, len(text))
    assert _arg_ok(text, "الأميركي", [(later, later + 8, "الأميركي")], span)
    assert _arg_ok(text, "الأميركي", [(whole_word, whole_word + 8, "الأميركي")], span)
    inside = text.index("الأميركية")
    assert not _arg_ok(text, "الأميركي", [(inside, inside + 9, "الأميركية")], span)


def test_sentence_lookups_match_a_scan_of_the_document():
    """Mentions, dates and named tokens are found per sentence by bisection: the same as a scan."""
    from pipeline.extract.events.extract import _named, _Within
    from pipeline.extract.events.tokens import tokens
    from pipeline.text.dates import find_dates

    text = "قتل 3 جنود أمس في بغداد. وفي 5 مارس 2024 تظاهر الآلاف في ساحة التحرير ببغداد."
    mentions = [Mention(21, 25, "GPE", "بغداد"), Mention(60, 72, "FAC", text[60:72]),
                Mention(73, 79, "GPE", text[73:79])]
    dates = find_dates(text, None)
    for start, end in ((0, 24), (25, len(text)), (0, len(text)), (10, 10)):
        assert _Within(mentions)(start, end) == [m for m in mentions if start <= m.start and m.end <= end]
        assert _Within(dates)(start, end) == [d for d in dates if start <= d.start and d.end <= end]
        toks = tokens(text, start, end)
        assert _named(toks, mentions) == {k for k, t in enumerate(toks) for m in mentions
                                          if m.start <= t.start and t.end <= m.end}
        assert [t.punct for t in toks] == [t.end - t.start == 1 and not t.key.isalnum() for t in toks]


def test_the_documents_title_is_a_heading_whatever_its_length():
    title = "مفاوضات جديدة في القاهرة بشأن الهدنة وسط خلاف على الممر الحدودي بين الطرفين المتحاربين"
    body = "انطلقت في القاهرة الأحد جولة مفاوضات جديدة بين الوفدين."
    text = f"{title}\n\n{body}"
    sentences = [(0, len(title)), (len(title) + 2, len(text))]
    with_title = extract_events(text, sentences, [], None, title)
    assert all(e.sentence_start > 0 for e in with_title.events)
    assert (0, "heading") in {(n.sentence_start, n.reason) for n in with_title.examined}
    # without the title, a long line is read like any other
    assert any(e.sentence_start == 0 for e in extract_events(text, sentences, [], None).events)


def test_natural_hazards_kill_without_an_assault_and_dawn_is_not_a_detonation():
    assert not [e for e in detect("وارتفع عدد ضحايا السيول في المدينة إلى ألفي قتيل") if e.event_type == "ASSAULT"]
    assert not [e for e in detect("وضرب الزلزال المنطقة فجر الاثنين مخلفا آلاف القتلى") if e.event_type == "ASSAULT"]
    assert one("قتل مسلحون خمسة مدنيين في هجوم على القرية", "ASSAULT")
    assert one("فجر انتحاري نفسه وسط السوق", "ASSAULT").trigger == "فجر"


@pytest.mark.parametrize(
    ("sentence", "event_type", "trigger"),
    [
        ("اشتبكت قوات حرس الحدود مع مجموعات مسلحة", "ASSAULT", "اشتبكت"),
        ("وأضرم محتجون النار في مبنى البلدية", "ASSAULT", "وأضرم"),
        ("وقطعت الرياض علاقاتها مع طهران", "SANCTION", "وقطعت"),
        ("أعلن الرئيس حالة الطوارئ في عشر ولايات", "COERCE", "حالة الطوارئ"),
        ("وأعلن النائب العام فتح تحقيق في أسباب الانهيار", "ACCUSE", "فتح تحقيق"),
        ("وقال المبعوث إن الوضع خطير، داعيا المانحين إلى زيادة التمويل", "REQUEST", "داعيا"),
        ("فيما وصل وفد من الحركة إلى القاهرة للاستماع إلى الوسطاء", "CONSULT", "وصل"),
        ("وقال الوزير بعد لقائه رئيس الوزراء إن الأجواء إيجابية", "CONSULT", "لقائه"),
    ],
)
def test_more_trigger_forms(sentence, event_type, trigger):
    assert one(sentence, event_type).trigger == trigger


def test_the_opposition_as_a_camp_objects_to_nothing():
    assert not detect("في المناطق التي تسيطر عليها فصائل المعارضة في شمال غرب سوريا")
    assert one("أعلن الحزب معارضة المشروع", "REJECT").trigger == "معارضة"


def test_guards_groups_and_smugglers_head_arguments():
    ev = one("وأعلنت القيادة أن قوات حرس الحدود اشتبكت لساعات مع مجموعات مسلحة", "ASSAULT")
    assert [a[2] for a in ev.actors] == ["قوات حرس الحدود"]
    assert [t[2] for t in ev.targets][:1] == ["مجموعات"]
