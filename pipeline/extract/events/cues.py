"""Context word lists (as match keys) for arguments, modes, modality and magnitudes."""

from __future__ import annotations

from pipeline.text.normalize import match_key


def _keys(words: str) -> frozenset[str]:
    return frozenset(match_key(w) for w in words.split())


# Heads of noun phrases that can fill an argument when NER found no mention.
ACTOR_HEADS = _keys(
    "قوات قوة القوات الجيش جيش الفصائل فصائل فصيل ميليشيات مليشيات ميليشيا الميليشيات مسلحون "
    "مسلحين مسلح مجهولون مجهولين الشرطة شرطة متظاهرون متظاهرين محتجون محتجين الحكومة حكومة "
    "طائرة طائرات الاحتلال التحالف المقاومة الحشد جماعة الجماعة حركة الحركة تنظيم التنظيم "
    "البرلمان مجلس وزارة وزير وزيرة رئيس الرئيس الإدارة السلطات سلطات الأمن عناصر جنود جندي "
    "جماعات الجماعات كتل أحزاب الأحزاب دول حكومات البلدين البلدان الجانبين الجانبان الطرفين "
    "الطرفان "
    "مقاتلين مقاتلو مقاتلي انتحاري انتحاريون مهاجم مهاجمون وفد الوفد نواب زعيم زعماء قائد قادة "
    "مسؤولين مسؤول مسؤولون البنتاغون البنتاجون الكونغرس المتمردين المتمردون متمردون متمردين "
    "مدنيين مدنيون أشخاص شخصا طالبان الإطار دبابة مروحية سلاح حزب الحزب كتائب سرايا "
    # titles that head a named person: "الجنرال الفرنسي فلان", "قيادي في الحزب"
    "الجنرال جنرال العميد اللواء العقيد الشيخ القيادي قيادي قياديا المتحدث نائب "
    "شخصيات شخصية نظير نظيره نظيرها نظيرهم تنظيمات "
    # who attacks or is hit in violence news
    "مفجر مفجرون مفجرين انتحاريا انتحاريين انتحارية متشددون متشددين المتشددين مسلحي رجال رجل رجلا "
    "امرأة جنودا الجنود عسكريين العسكريين شرطيين قناصة "
    "مجموعة مجموعات المجموعات حرس الحرس مهربين المهربين مهربون المهربون"
)
# Heads of noun phrases naming places (locations, or targets after على).
PLACE_HEADS = _keys(
    "قاعدة القاعدة قواعد مطار سفارة السفارة مقر معسكر مدينة محافظة منطقة قضاء ناحية حي بلدة "
    "قرية شارع سوق ساحة مبنى نقطة حاجز مستشفى مسجد مدرسة المنطقة الخضراء العاصمة إقليم مواقع موقع "
    "مقرات مخازن مخزن منشأة منشآت الأراضي أراضي البلاد قطاع"
)
# Territory: after على it is where something happens, not what is hit ("على الأراضي السورية").
TERRITORY_HEADS = _keys("الأراضي أراضي")
# Claims of responsibility: the claimer of an attack is its actor.
CLAIM_VERBS = _keys("تبنى تبنت تبنوا يتبنى تتبنى يتبنون")
RESPONSIBILITY = _keys("مسؤولية المسؤولية مسؤوليته مسؤوليتها مسؤوليتهم")
PROPER_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# Clause boundaries (besides punctuation) that stop argument and modality windows.
CLAUSE_WORDS = _keys("فيما بينما حيث لكن لكنه لكنها غير أن إلا أنه أنها الذي التي الذين عندما")
PUNCT_BOUNDARY = frozenset("،,؛;:.!?()[]{}«»\"“”")

# Prepositions marking argument roles (words before the argument or its proclitic).
LOCATION_PREPS = _keys("في داخل خارج قرب بالقرب عند شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي أنحاء")
TARGET_PREPS = _keys("على ضد تجاه نحو باتجاه بحياة")  # أودت بحياة: the victim
PARTNER_PREPS = _keys("مع بين")
AGENT_PREPS = _keys("قبل يد")  # من قبل / على يد
OTHER_PREPS = _keys("من إلى الى عن منذ خلال بعد قبل حول لدى عبر ضمن بشأن حتى بسبب لأجل أمام")
HAVE = _keys("لدى")  # "لدى فرنسا 800 جندي": the possessor of a stated presence
# Quantifiers between a preposition and its noun ("من بعض الأحزاب").
QUANTIFIERS = _keys("بعض معظم أغلب كل جميع عدد")
# Nominal triggers whose "من X" names who says or does it ("دعوات من بعض الأحزاب").
FROM_ACTOR_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT"})
# Pronoun subjects of a reported clause ("قالت الشرطة إنها اعتقلت …").
THAT_PRONOUNS = _keys("إنه أنه إنها أنها إنهم أنهم")
ADVERBS = _keys("قد لقد أيضا أيضاً كذلك أمس اليوم مجددا مجدداً فعلا ايضا")
# Words that may stand between a subject and its verb ("الجماعة ما زالت تنفذ هجمات").
AUXILIARIES = ADVERBS | _keys("ما لا زال زالت يزال تزال مازال لازال")

# Modality cues, looked for before the trigger in the same clause.
NEGATION_NEAR = _keys("لم لن لا ليس ليست ليسوا عدم دون بدون غير")
NEGATION_VERBS = _keys(
    "نفى نفت نفوا ينفي تنفي ينفون نفي نافيا نافية أنكر أنكرت ينكر تنكر استبعد استبعدت يستبعد"
)
THREAT_CUES = _keys("هدد هددت هددوا يهدد تهدد يهددون تهديد تهديدات توعد توعدت يتوعد لوح لوحت يلوح")
PLAN_CUES = _keys(
    "يعتزم تعتزم عزم عزمها عزمه اعتزام خطط خطة خطط يخطط تخطط ينوي تنوي نية سوف يستعد تستعد "
    "مقرر المقرر تهدف يهدف بهدف ترتيبات لإنهاء بصدد سيتم يجب ينبغي "
    "تعهد تعهدت تعهدوا يتعهد تسمح يسمح سيسمح جدول موعد قريبا قريباً مواصلة"
)
# Words after a nominal trigger that put it in the future ("محادثات فنية مقبلة").
FUTURE_AFTER = _keys("مقبلة المقبلة مقبل المقبل القادم القادمة مرتقبة المرتقبة المرتقب مرتقب")
DEMAND_CUES = _keys(
    "طالب طالبت طالبوا يطالب تطالب يطالبون مطالبة مطالبات المطالبات مطالب دعا دعت دعوا يدعو "
    "تدعو دعوة دعوات طلب طلبت ناشد حث حثت مطالبين مطالبا نريد تريد يريد يريدون حان ينص تنص نص"
)
CONDITION_CUES = _keys("إذا اذا لو حال شرط شريطة")
POSSIBLE_CUES = _keys("ربما يمكن محتمل المحتمل احتمال المرجح مرجح يتوقع المتوقع متوقع")  # قد: see modality
# Natural hazards: a sentence that names one counts its dead without an attacker ("ضحايا السيول").
HAZARDS = _keys("زلزال الزلزال زلازل هزة الهزة سيول السيول فيضان الفيضان فيضانات الفيضانات إعصار الإعصار "
                "عاصفة العاصفة")
HISTORY_CUES = _keys("سابقا سابقاً السابق الماضية السابقة")

# Mode cues anywhere in the trigger's clause, by type; first match in this order wins.
ASSAULT_MODE_CUES = (
    ("drone", _keys("مسيرة مسيرات مسيّرة مسيّرات درون درونز طيار")),
    ("aerial", _keys("جوية جوي جويا الجوية الجوي غارة غارات مقاتلات الطيران")),
    ("targeted_killing", _keys("اغتيال اغتال اغتيل اغتيلت تصفية")),
    ("explosives", _keys("مفخخة مفخخ ناسفة ناسف عبوة عبوات انتحاري انتحارية انتحاريا قنبلة قنابل تفجير انفجار متفجرات لغم ألغام")),
    ("heavy_weapons", _keys("صاروخ صواريخ صاروخا صاروخية قذيفة قذائف هاون كاتيوشا مدفعية مدفعي دبابة راجمات")),
    ("firearms", _keys("رصاص الرصاص النار نار نيران أسلحة خفيفة رشاش قناص قناصة مسلحون مسلحين")),
)
CONSULT_MODE_CUES = (
    ("phone", _keys("هاتفي هاتفيا هاتفية الهاتف")),
    ("multilateral", _keys("قمة مؤتمر القمة المؤتمر")),
    ("visit", _keys("زيارة زار زارت")),
)

# Words near a count that say what it counts.
KILLED_CUES = _keys("قتل مقتل قتلوا قتلا قتلى قتيلا قتيل حتفه حتفهم مصرع أودى أسفر سقوط لقي")
WOUNDED_CUES = _keys("أصيب أصيبوا إصابة إصابات بجروح جرح جرحى جريحا أصابت مصابين اصابة اصيب")

# Magnitude categories each type cares about.
MAGNITUDE_UNITS = {
    "ASSAULT": ("killed", "wounded", "attacks", "strikes", "missiles", "drones", "explosions",
                "people", "civilians", "troops", "police", "fighters"),
    "MOBILIZE": ("troops", "fighters", "police", "aircraft", "vehicles", "missiles", "bases"),
    "RETREAT": ("troops", "fighters", "police"),
    "PROTEST": ("protesters", "people"),
    "COERCE": ("people", "fighters", "civilians", "protesters"),
    "CONCEDE": ("people", "fighters", "civilians"),
    "AID": ("dollars",),
    "SANCTION": ("dollars",),
}
ALL_PREPS = LOCATION_PREPS | TARGET_PREPS | PARTNER_PREPS | OTHER_PREPS | _keys("لدى أمام بحق صفوف")
CROWD_COUNTS = _keys("آلاف ألوف مئات عشرات ألف مليون ملايين حشود حشد نحو حوالي آلاف الآلاف مئات")

# Calibration cues: a fresh report ("أمس"), a reporting verb, or a background context.
RECENT_CUES = _keys("أمس امس اليوم الليلة صباح مساء ظهر فجر ليل الليلة أمس الماضية")
REPORTING_CUES = _keys(
    "قال قالت أعلن أعلنت ذكر ذكرت أفاد أفادت أكد أكدت أوضح أوضحت مصدر مصادر بيان الشرطة"
)
BACKGROUND_CUES = _keys(
    "جريمة جرائم محكمة المحكمة التحقيق تحقيق محاكمة المتهمين المتهم متهم ذكرى الذكرى مسؤولية "
    "ضد الإنسانية ملف قضية القضية حملة ظاهرة سياسة مكافحة منع لمنع إدانة تهمة بتهمة"
)
TOLL_CUES = _keys("حصيلة ارتفع ارتفعت ارتفاع يرتفع عدد إجمالي بلغ بلغت")
# Verbs that carry a nominal trigger ("شن هجوما"), whose subject is the event's actor.
LIGHT_VERBS = _keys(
    "شن شنت شنوا يشن تشن نفذ نفذت نفذوا ينفذ تنفذ وجه وجهت أطلق أطلقت قام قامت أجرى أجرت عقد عقدت "
    "وقع وقعت وقعا وقعوا يوقع أبرم أبرمت أبرما "
    # resuming, continuing or starting an action is doing it
    "استأنف استأنفت استأنفوا يستأنف تستأنف واصل واصلت واصلوا يواصل تواصل بدأ بدأت بدأوا يبدأ تبدأ"
)
# Endings of relational adjectives that extend an indefinite noun phrase ("قاعدة عسكرية").
NISBA_ENDINGS = ("يه", "يين", "يون", "يان", "ي")
# Lexicon words naming the means of an attack, or its outcome, rather than the attack itself.
MEANS_WORDS = _keys("مفخخة ناسفة ناسف مسيرة طيار هاون بنيران برصاص الرصاص صواريخ صاروخا قذائف قذيفة")
OUTCOME_WORDS = _keys("مقتل قتلى قتيل جرحى إصابة جرح ضحايا حتفه حتفهم لقوا لقي سقوط سقط قتل")
DEMONSTRATIVES = _keys("هذه هذا ذلك تلك هذين هاتين هؤلاء أولئك")
RELATIVE_PRONOUNS = _keys("الذي التي الذين اللذين اللتين اللواتي")
# A pronoun right after a verb that points back to a noun: "أقر المجلس قرارا دعا فيه …" (the
# verb restates the event the noun named).
RESUMPTIVES = _keys("فيه فيها فيهما فيهم خلاله خلالها بموجبه بموجبها")
# Broken plurals of men ending in ta marbuta: masculine despite the ending ("طالب القادة").
MASCULINE_IN_TA = _keys("القادة الساسة القضاة الطلبة الرعاة الدعاة الغزاة البغاة الرماة الحماة")
# Words that start a new part of a sentence, with events of its own ("…، فيما قتل …").
SEGMENT_WORDS = _keys("فيما بينما ؛ ;")
