"""Exact and near-duplicate detection over clean text."""

from __future__ import annotations

from pipeline.text.dedup import near_duplicates

STORY = (
    "أعلنت وزارة الطاقة عن خطة لزيادة إنتاج الكهرباء من المحطات الشمسية خلال السنوات الثلاث المقبلة "
    "في إطار برنامج لخفض الاعتماد على الوقود المستورد وقال المتحدث باسم الوزارة إن المرحلة الأولى "
    "ستبدأ في المحافظات الجنوبية حيث تتوفر مساحات واسعة وأشعة شمس طوال العام مضيفا أن التمويل مؤمن "
    "بالكامل ويرى خبراء أن نجاح الخطة يتوقف على تحديث شبكة النقل التي تعاني من أعطال متكررة"
)
OTHER = (
    "فاز المنتخب الوطني على ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء السبت على الملعب "
    "الأولمبي أمام جمهور غفير وسجل المهاجم هدفين في الشوط الثاني بينما أضاف المدافع الهدف الثالث"
)


def test_exact_and_near_copies_point_to_the_earliest_id():
    near = STORY.replace("أعلنت", "وأعلنت").replace("الوزارة", "الوزاره") + " اقرأ أيضا خبرا آخر"
    docs = [("c", STORY), ("a", STORY), ("b", near), ("d", OTHER)]
    result = near_duplicates(docs)
    assert result["c"] == ("a", 1.0)
    assert result["b"][0] == "a" and 0.8 <= result["b"][1] < 1.0
    assert "a" not in result and "d" not in result


def test_different_stories_are_not_duplicates():
    assert near_duplicates([("a", STORY), ("b", OTHER)]) == {}


def test_deterministic_regardless_of_input_order():
    docs = [("x", STORY), ("y", STORY + " وأضاف أن العمل سيبدأ قريبا"), ("z", OTHER)]
    assert near_duplicates(docs) == near_duplicates(list(reversed(docs)))
