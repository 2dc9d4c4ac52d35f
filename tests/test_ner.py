"""The shipped NER model on sentences composed for these tests."""

import re

from pipeline.extract.ner import load_tagger


def _sentences(text):
    return [m.span() for m in re.finditer(r"[^.!؟]+[.!؟]?", text)]


def _tag(text):
    mentions = load_tagger().tag(text, _sentences(text))
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert 0.0 <= m.confidence <= 1.0
    return mentions


def test_obvious_person_and_place():
    text = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن المحادثات ستستمر."
    found = {(m.text, m.label) for m in _tag(text)}
    assert ("إيمانويل ماكرون", "PERSON") in found
    assert ("باريس", "GPE") in found


def test_offsets_are_exact_across_sentences_and_conjunction_is_trimmed():
    text = "التقى الوزير وفدا من العراق. ووصل وزير الخارجية إلى وواشنطن أمس."
    mentions = _tag(text)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    washington = [m for m in mentions if "واشنطن" in m.text]
    assert (
        washington and washington[0].text == "واشنطن" and washington[0].label == "GPE"
    )
    iraq = [m for m in mentions if m.text == "العراق"]
    assert iraq and iraq[0].label == "GPE" and not iraq[0].adjectival


def test_nationality_adjectives_are_adjectival_gpe():
    text = "أكدت الحكومة العراقية أن القوات الأمريكية باقية."
    adjectives = {m.text: m for m in _tag(text) if m.adjectival}
    assert set(adjectives) >= {"العراقية", "الأمريكية"}
    assert all(m.label == "GPE" for m in adjectives.values())


def test_facility_head_makes_fac():
    text = "وهبطت الطائرة في مطار بيروت صباح اليوم."
    fac = [m for m in _tag(text) if m.label == "FAC"]
    assert fac and fac[0].text.startswith("مطار")


def test_deterministic_and_empty():
    text = "زار الأمين العام للأمم المتحدة أنطونيو غوتيريش القاهرة."
    assert _tag(text) == _tag(text)
    assert load_tagger().tag("", []) == []
