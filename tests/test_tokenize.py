from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.tokenize import tokenize


def _words(text):
    return [text[a:b] for a, b in tokenize(text)]


def test_punctuation_is_split_and_clitics_stay():
    text = "قال الوزير: «سنعود إلى بغداد»، وأضاف (رويترز)."
    assert _words(text) == [
        "قال",
        "الوزير",
        ":",
        "«",
        "سنعود",
        "إلى",
        "بغداد",
        "»",
        "،",
        "وأضاف",
        "(",
        "رويترز",
        ")",
        ".",
    ]


def test_numbers_keep_separators_and_diacritics_stay_in_words():
    text = "قُتل 1,250 شخصا و3.5 مليون نزحوا ٣٫٥"
    assert _words(text) == ["قُتل", "1,250", "شخصا", "و3.5", "مليون", "نزحوا", "٣٫٥"]


def test_latin_and_window():
    text = "عن وكالة AFP. اليوم"
    spans = tokenize(text, 3, 13)
    assert [text[a:b] for a, b in spans] == ["وكالة", "AFP", "."]
    assert spans[0][0] == 3


@given(
    st.text(
        alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويةءأإآى َُِّ.,،:؛!؟()«»\"' 0123456789abc\n\t"
    )
)
def test_offsets_cover_every_visible_character(text):
    spans = tokenize(text)
    assert all(a < b for a, b in spans)
    assert all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    joined = "".join(text[a:b] for a, b in spans)
    assert joined == "".join(text.split())
