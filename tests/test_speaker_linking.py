from pipeline.extract.mention import Mention
from pipeline.extract.resolve.speakers import speaker_entity


def _m(text, label="PERSON", adjectival=False):
    return Mention(0, len(text), label, text, 0.9, adjectival)


def test_a_family_name_links_to_the_one_person_who_carries_it():
    mentions = [_m("قيس الخزعلي"), _m("محمد شياع السوداني"), _m("العراق", "GPE")]
    assert speaker_entity("الخزعلي", mentions, ["k", "s", "iq"]) == "k"
    assert speaker_entity("والسوداني،", mentions, ["k", "s", "iq"]) is None  # clitic form: not the same key
    assert speaker_entity("السوداني", mentions, ["k", "s", "iq"]) == "s"


def test_an_exact_surface_of_an_organisation_links_to_it():
    mentions = [_m("وزارة الدفاع الأميركية", "ORG"), _m("البنتاغون", "ORG")]
    assert speaker_entity("«وزارة الدفاع الأمريكية»", mentions, ["dod", "dod"]) == "dod"


def test_ambiguous_or_unknown_speakers_stay_unlinked():
    mentions = [_m("علي الأسدي"), _m("حسن الأسدي"), _m("الأميركية", "GPE", adjectival=True)]
    assert speaker_entity("الأسدي", mentions, ["a", "b", "us"]) is None
    assert speaker_entity("الأميركية", mentions, ["a", "b", "us"]) is None
    assert speaker_entity("محللون", mentions, ["a", "b", "us"]) is None
    assert speaker_entity("", mentions, ["a", "b", "us"]) is None
