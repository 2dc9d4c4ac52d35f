from pipeline.extract import gazetteer as g


def test_country_names_with_clitics_and_spelling_variants():
    assert g.country_for("العراق") == "العراق"
    assert g.country_for("وبالعراق") == "العراق"
    assert g.country_for("للعراق") == "العراق"
    assert (
        g.country_for("أميركا")
        == g.country_for("أمريكا")
        == g.country_for("الولايات المتحدة")
    )
    assert g.country_for("وسورية") == g.country_for("سوريا")
    assert g.country_for("بغداد") is None
    assert g.country_for("كتاب") is None


def test_cities_and_regions():
    assert g.is_city("بغداد") and g.is_city("ببغداد") and g.is_city("وطهران")
    assert g.lookup_place("بغداد").country == "العراق"
    assert g.is_region("إقليم كردستان")
    assert not g.is_city("العراق")
    assert g.lookup_place("لبنان", clitics=False).kind == "country"


def test_nisba_inflections_map_to_country():
    iraq = g.country_for("العراق")
    for form in ("العراقي", "العراقية", "العراقيين", "والعراقيون", "عراقيتين"):
        assert g.nisba_country(form) == iraq, form
    assert (
        g.nisba_country("الأميركية")
        == g.nisba_country("الأمريكي")
        == g.country_for("أمريكا")
    )
    assert g.nisba_country("الكورية الشمالية") == g.country_for("كوريا الشمالية")
    assert g.nisba_country("الأتراك") == g.country_for("تركيا")
    assert g.nisba_country("العربية") is None
    assert g.nisba_country("المالية") is None


def test_word_lists():
    assert "وزير" in g.ROLE_NOUNS and "قاعدة" in g.FACILITY_HEADS
    assert g.is_role_noun("والوزير") and g.is_role_noun("المتحدث باسم")
    assert g.is_facility_head("بمطار") and g.is_facility_head("السفارة")
    assert not g.is_facility_head("العراق")


def test_clitic_variants_order():
    assert g.clitic_variants("وبالعراق") == ["وبالعراق", "بالعراق", "العراق"]
    assert "العراق" in g.clitic_variants("للعراق")


def test_person_name_lists_tolerate_clitics():
    assert "jrc" in g.person_name_sources("ساركوزي")
    assert g.person_name_sources("وساركوزي") == g.person_name_sources("ساركوزي")
    assert "common" in g.person_name_sources("محمد")
    assert g.person_name_sources("والصادرات") == ""


def test_phrase_marks_find_organisations_and_cities():
    words = "وقال مسؤول في ريال مدريد إن ووكالة رويترز في هلسنكي".split()
    assert g.phrase_marks(words) == [
        "", "", "", "B-org", "I-org", "", "B-org", "I-org", "", "B-city",
    ]
    assert g.phrase_marks([]) == []
