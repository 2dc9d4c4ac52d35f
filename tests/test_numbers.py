from hypothesis import given, strategies as st

from pipeline.text.numbers import find_quantities


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_digits_with_unit_noun():
    q = only("نشرت الحكومة 2500 جندي على الحدود")
    assert (q.value, q.unit, q.unit_text) == (2500, "troops", "جندي")
    assert q.evidence == "2500 جندي"


def test_offsets_point_into_text():
    text = "وقالت المصادر إن 110 هجوماً استهدفت القواعد"
    q = only(text)
    assert text[q.start:q.end] == q.evidence == "110 هجوماً"
    assert q.unit == "attacks"


def test_number_words():
    assert only("قتل ثلاثة جنود").value == 3
    assert only("وصل ألفين وخمسمائة جندي").value == 2500
    assert only("تظاهر خمسة وعشرون ألف شخص").value == 25000
    assert only("سقط ثلاثة عشر قتيلا").value == 13
    assert only("حضر ثلاثمائة شخص").value == 300


def test_eastern_digits_and_separators():
    assert only("وصل ٢٥٠٠ جندي").value == 2500
    assert only("وصل 2,500 جندي").value == 2500
    assert only("أكثر من 60 ألفا من القوات").value == 60000


def test_vague_plurals_are_lower_bounds():
    q = only("خرج عشرات الآلاف من المحتجين")
    assert q.value == 10000 and q.approximate and q.unit == "protesters"


def test_dual_noun_counts_two():
    q = only("قتل جنديان في الهجوم")
    assert q.value == 2 and q.unit == "troops"


def test_number_after_conjunction_is_separate():
    found = find_quantities("أطلقت 5 صواريخ و18 قذيفة")
    assert [(q.value, q.unit) for q in found] == [(5, "missiles"), (18, "missiles")]


def test_years_have_no_unit():
    assert only("في عام 2003").unit is None


@given(st.integers(min_value=1, max_value=999_999))
def test_any_digit_count_round_trips(n):
    q = only(f"وصل {n} جندي")
    assert q.value == n and q.unit == "troops"


def test_number_word_with_conjunction():
    text = "قتل عشرة جنود وألف شخص"
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(10, "troops"), (1000, "people")]
    assert text[found[1].start:found[1].end] == found[1].evidence == "ألف شخص"


def test_number_value_of_one_word():
    from pipeline.text.numbers import number_value

    assert [number_value(w) for w in ("الثلاثة", "عشرة", "١٢", "7", "الخامس", "البيت")] == [
        3, 10, 12, 7, None, None]


def test_word_before_a_number_is_read_without_its_conjunction():
    # "ونحو" is read as "نحو" (about): the count is approximate
    assert only("قتل ونحو 500 جندي").approximate
    found = find_quantities("قتل وعشرات 500 جندي")  # "وعشرات" is a number of its own
    assert [(q.value, q.approximate) for q in found] == [(10, True), (500, False)]
