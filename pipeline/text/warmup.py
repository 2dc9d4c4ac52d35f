"""Importing this module compiles the cleaner's lazy regexes and lexicons (about a second) and
builds the duplicate sketches' fold table and sentence splitting's character table.

``pipeline.text.parallel`` preloads it in the fork server, so that every worker forked from there
starts warm instead of compiling the same patterns again.
"""

from __future__ import annotations

from pipeline.text.clean import clean_document
from pipeline.text.dedup import sketches_of
from pipeline.text.segment import sentence_bounds, split_sentences

_SAMPLE = "\n".join([
    "الرئيسية » أخبار » سياسة",
    "+ الخط -",
    "عنوان الخبر هنا",
    "الثلاثاء 14 تشرين الأول 2025 - 10:35",
    "كتب: سامر الحلبي",
    "بيروت (رويترز) - قال المتحدث باسم الوزارة إن الخطة ستبدأ قريبا في المحافظات الجنوبية كلها.",
    "صورة أرشيفية (Getty)",
    "اقرأ أيضًا: عنوان آخر",
    "وقال الوزير إن \"العمل سيبدأ\". اقرأ أيضا عنوان آخر",
    "مقالات ذات صلة",
    "جميع الحقوق محفوظة © 2024",
])

_CLEAN = clean_document(_SAMPLE).clean_text
split_sentences(_CLEAN)
sentence_bounds([_CLEAN])
sketches_of([("warm-up", _CLEAN)])
