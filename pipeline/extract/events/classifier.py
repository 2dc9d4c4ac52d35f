"""Sentence classifier for ASSAULT and PROTEST: is an event of this type reported here?

The lexicon finds a trigger in nearly every sentence the GSR annotators accepted, but also in
many they rejected (background mentions, statistics, investigations, metaphors). A logistic
regression over the sentence's words, clitic-stripped stems and character 3–5-grams (all on
match keys), plus the rule detector's own evidence (the calibration features of
``calibrate.features``, max-pooled over the sentence's asserted events of the type, and which
PLOVER types the rules found) and word groups that pool rare words into the distinctions the
annotators split on (``WORD_GROUPS``), scores the sentence. Every ASSAULT / PROTEST event of a
sentence carries that probability as its confidence; ``threshold(type)`` is the cut chosen by
cross-validation on the development half of the GSR (see ``train.py`` and the model card in
``pipeline/extract/models/events/``).

Features are computed by this module alone, for training and at run time, so both see the
same vectors. Values are binary and scaled by 1/sqrt(number of active features of their block)
(independent of the vocabulary), so features the model does not know can simply be ignored.
"""

from __future__ import annotations

import json
import math
from functools import cache, lru_cache
from pathlib import Path

from pipeline.extract.events.cues import _keys
from pipeline.extract.events.model import PLOVER_TYPES
from pipeline.extract.events.tokens import stem

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "events"
MODEL_FILE = MODEL_DIR / "sentence_classifier.json"
CLASSIFIED_TYPES = ("ASSAULT", "PROTEST")
N_RULE = 35  # length of ``calibrate.features`` vectors
RULE_WEIGHT = 0.3  # scale of the rule block against the text blocks
CHAR_NGRAMS = (3, 5)
GROUP_WEIGHT = 0.3  # scale of the word-group block, like the rule block

# With 30–90 positives a word seen in two sentences gets little weight on its own; these groups
# pool such words into the distinctions PLOVER draws and the GSR annotators split on: ASSAULT is
# unconventional violence (bombs, suicide attacks, assassinations, abductions, gunmen, civilians
# hit) against FIGHT (security forces, conventional military means); PROTEST is a crowd in the
# street against official or verbal protest (condemnations, diplomatic notes); both against
# legal follow-up, history, statistics and plans. The learned weights, not these names, decide
# which way a group counts. A word counts when it or its clitic-stripped stem is listed.
WORD_GROUPS = {name: _keys(words) for name, words in {
    "security": "شرطة الشرطة شرطي شرطيين شرطيا الشرطي جندي جنديا جنديين جنديان جنود الجنود "
                "الجيش جيش عسكري عسكريا عسكريين العسكري العسكرية عسكرية ضابط ضباط الضابط دورية "
                "دوريات تفتيش حاجز ثكنة معسكر رتل قافلة الامن أمنية الأمنية امنية عناصر افراد "
                "مجندين متطوعين القوات قوات",
    "military": "غارة غارات جوية جوي الجوية طائرة طائرات مروحية مروحيات هليكوبتر مقاتلة مقاتلات "
                "طيار مدفعية دبابة دبابات الدبابات قصف القصف اشتباك اشتباكات الاشتباكات مواجهات "
                "المواجهات معارك معركة المعارك اجتياح توغل عملية العملية العمليات عسكرية حملة "
                "التحالف الناتو الاطلسي الحلف الاحتلال المتمردين متمردين المتمردون مقاتلي مقاتلين",
    "unconventional": "انتحاري انتحارية انتحاريا انتحاريان انتحاريون مفخخة مفخخ مفخختين ملغومة "
                      "ملغوم ناسفة ناسف عبوة عبوات قنبلة قنابل متفجرات متفجرة حزام اغتيال اغتال "
                      "اغتيل خطف اختطف اختطاف الخطف خاطفون خاطفين رهائن رهينة مسلحون مسلحين مسلح "
                      "مجهولون مجهولين ذبح طعن تفجير تفجيرات التفجير انفجار انفجارات",
    "civilian": "مدنيين مدنيا مدني مدنيون المدنيين اشخاص شخصا شخص أطفال اطفال طفل طفلة نساء امرأة "
                "سوق مسجد كنيسة مدرسة طلاب حافلة مصلين زوار حجاج سكنية سكني مواطنين مواطنا عائلة "
                "مستشفى مطعم مقهى",
    "toll": "قتيل قتيلا قتلى جرحى جريح جريحا مقتل اصابة مصرع حصيلة ضحايا",
    "condemn": "دان أدان يدين تدين ادانة الادانة إدانة استنكر يستنكر استنكار شجب يشجب ندد يندد "
               "تنديد منددا منددين انتقد ينتقد انتقادات رفض يرفض مذكرة احتجت احتج رسميا بيان",
    "legal": "تحقيق التحقيق التحقيقات تحقيقات محاكمة المحكمة محكمة المتهمين المتهم متهم متهمين "
             "مشتبه المشتبه اعتقال اعتقل القبض حكم الحكم اعترف اتهم اتهام يشتبه",
    "history": "منذ عام العام سنوات ذكرى الذكرى سابق السابق الماضية تاريخ اجمالي إجمالي ارتفع "
               "ارتفاع ارتفعت حصيلة",
    "future": "سوف سيتم سيكون يهدد هدد تهديد تهديدات قد ربما محتمل خطة يخطط تعتزم يعتزم ستنظم "
              "سينظم مقرر المقرر المقبل المقبلة غدا دعا دعت دعوة",
    "crowd": "الاف آلاف الآلاف ألف الف مئات عشرات المئات العشرات حشود حشد الحشود مليون ملايين جموع",
    "street": "شارع شوارع الشوارع ساحة ميدان امام أمام مقر مبنى السفارة سفارة البرلمان الطريق طريق وسط",
    "police_response": "تفريق لتفريق الغاز المسيل مسيلة للدموع الشغب هراوات المطاطي اعتقلت طوقت",
    "official": "الحكومة حكومة وزارة الوزارة الخارجية السفير سفير الرئيس رئيس وزير الوزير المتحدث "
                "الناطق مسؤول مسؤولون السلطات",
    "slogans": "هتف هتفوا يهتفون هتافات شعارات لافتات ردد رددوا يرددون رفعوا يرفعون اعلام أعلاما",
}.items()}


@lru_cache(maxsize=1 << 16)
def _word_features(key: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A word's lexical names (none for punctuation) and character n-gram names."""
    if not any(c.isalnum() for c in key):
        return (), frozenset()
    lo, hi = CHAR_NGRAMS
    padded = f" {key} "
    chars = frozenset(
        "c:" + padded[i:i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1)
    )
    return ("w:" + key, "s:" + stem(key)), chars


def text_features(keys: list[str]) -> dict[str, float]:
    """Words (``w:``), stems (``s:``) and character n-grams of words padded with spaces (``c:``)."""
    lexical: set[str] = set()
    chars: set[str] = set()
    for key in keys:
        names, grams = _word_features(key)
        lexical.update(names)
        chars |= grams
    out: dict[str, float] = {}
    if lexical:
        v = 1.0 / math.sqrt(len(lexical))
        out.update(dict.fromkeys(lexical, v))
    if chars:
        v = 1.0 / math.sqrt(len(chars))
        out.update(dict.fromkeys(chars, v))
    return out


def rule_features(vectors: list[list[float]], types: set[str] | frozenset[str]) -> dict[str, float]:
    """The rule detector's evidence: calibration features max-pooled over the asserted events
    of the type (``r0``…), how many there are (``r_n``), and the types found (``t:TYPE``)."""
    out: dict[str, float] = {}
    if vectors:
        for i in range(N_RULE):
            v = max(vec[i] for vec in vectors)
            if v:
                out[f"r{i}"] = RULE_WEIGHT * v
        out["r_n"] = RULE_WEIGHT * min(len(vectors), 3) / 3
    for t in PLOVER_TYPES:
        if t in types:
            out["t:" + t] = RULE_WEIGHT
    return out


@lru_cache(maxsize=1 << 16)
def _word_groups(key: str) -> tuple[str, ...]:
    """The ``WORD_GROUPS`` a word (or its stem) belongs to."""
    s = stem(key)
    return tuple(name for name, words in WORD_GROUPS.items() if key in words or s in words)


def group_features(keys: list[str]) -> dict[str, float]:
    """``g:NAME`` for each of ``WORD_GROUPS`` with a word (or its stem) in the sentence."""
    found: set[str] = set()
    for k in keys:
        found.update(_word_groups(k))
    return {"g:" + name: GROUP_WEIGHT for name in sorted(found)}


def sentence_features(keys: list[str]) -> dict[str, float]:
    """The features that depend on the sentence's words alone (the same for every type)."""
    out = text_features(keys)
    out.update(group_features(keys))
    return out


def features(keys: list[str], vectors: list[list[float]], types) -> dict[str, float]:
    return with_rules(sentence_features(keys), vectors, types)


def with_rules(sentence: dict[str, float], vectors: list[list[float]], types) -> dict[str, float]:
    """``sentence_features`` with the rule features of one type added (a new dict)."""
    out = dict(sentence)
    out.update(rule_features(vectors, types))
    return out


@cache
def _model() -> dict:
    if not MODEL_FILE.is_file():
        return {}
    return json.loads(MODEL_FILE.read_text(encoding="utf-8"))


def probability(event_type: str, feats: dict[str, float]) -> float | None:
    """P(the sentence reports an event of this type), or None without a model for the type."""
    m = _model().get("types", {}).get(event_type)
    if m is None:
        return None
    weights = m["weights"]
    # Only the features with a weight (the others add 0.0); fsum is exact, so the order of the
    # features (set order differs between processes) cannot change the result.
    z = m["bias"] + math.fsum([weights[f] * v for f, v in feats.items() if f in weights])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold(event_type: str) -> float:
    """The cut above which an event of this type counts as reported (0.5 without a model)."""
    return _model().get("types", {}).get(event_type, {}).get("threshold", 0.5)


def reload() -> None:
    _model.cache_clear()
