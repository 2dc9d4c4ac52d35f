"""From CRF labels on tokens to dataset ``Mention``s with exact offsets into the clean text.

ANERcorp types map onto the dataset's: PERS -> PERSON, ORG -> ORG, LOC -> GPE when the
gazetteer knows the place as a country, city or governed region, FAC when a facility noun heads
it ("مطار بغداد"), else LOC. MISC is not emitted. Nationality adjectives outside entities become
adjectival GPE mentions, and countries and organisations the CRF missed are added from the
gazetteers.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from pipeline.evaluation.ner import chunks
from pipeline.extract import gazetteer
from pipeline.extract.mention import Mention
from pipeline.extract.ner.artefact import Model
from pipeline.extract.ner.features import Layout
from pipeline.extract.resolve.lexicon import place_head, place_heads
from pipeline.text.normalize import match_key
from pipeline.text.tokenize import tokenize

_CONJ = "وف"
_PREP = "بل"
# Country names that are also common words ("مالي" financial, "قطر" diameter, "عمان" Amman/Oman):
# the gazetteer alone may not turn these into mentions; the CRF still can.
_AMBIGUOUS = frozenset(
    match_key(w) for w in ("مالي", "قطر", "عمان", "المغرب", "جورجيا", "تشاد", "الجزائر")
)
_GAZETTEER_CONFIDENCE = 0.6
_OPENING_QUOTES = frozenset('"«“')
_ARTICLE = "ال"
# Cue kinds whose phrases become mentions: (label, whether a word heads such names).
_NAMED = {"org": ("ORG", gazetteer.is_org_head), "loc": ("LOC", gazetteer.is_natural_head)}


def _ambiguous(key: str) -> bool:
    return any(v in _AMBIGUOUS for v in gazetteer.clitic_variants(key))


@lru_cache(maxsize=1 << 16)
def _heads(word: str) -> tuple[bool, bool, bool]:
    """Whether a word heads a facility ("قاعدة"), a state's institution ("الحكومة") and a diplomatic
    mission ("السفارة"): asked of every word of a text, so once per word form."""
    return (gazetteer.is_facility_head(word), gazetteer.is_state_institution(word),
            gazetteer.is_embassy_head(word))


@lru_cache(maxsize=1)
def _lone_place_heads() -> frozenset[str]:
    """Place head nouns that name no place on their own ("المدينة", "المنطقة"); not "الجزيرة", which
    may be the Jazira or the peninsula."""
    return place_heads() - {match_key("جزيرة")}


def _letters(key: str) -> bool:
    """A word of three letters or more, the article allowed, and nothing else."""
    return len(key) >= 3 and key.replace(_ARTICLE, "", 1).isalpha()


def _is_city(key: str) -> bool:
    """Whether a match key, as written (no clitic or article added or dropped), is a city's name."""
    place = gazetteer.place_for_key(key, clitics=False)
    return place is not None and place.kind == "city"


@lru_cache(maxsize=1 << 16)
def _gazetteer_kind(key: str) -> str | None:
    """"nisba" for a nationality adjective, "country" for an unambiguous country name, else None."""
    if gazetteer.nisba_for_key(key):
        return "nisba"
    if gazetteer.country_for_key(key) and not _ambiguous(key):
        return "country"
    return None


class Tagger:
    """Tags documents with a loaded ``Model``; see :func:`pipeline.extract.ner.load_tagger`."""

    def __init__(self, model: Model):
        self._model = model
        self._trim = lru_cache(maxsize=1 << 16)(self._trim_word)  # a pure function of the word

    def _trim_word(self, word: str) -> int:
        """How many leading characters of ``word`` are a conjunction or preposition to drop.

        Only when the rest is itself a known form, a place or the first word of a named
        organisation ("وواشنطن" -> 1, "بالعراق" -> 1, "وداعش" -> 1)
        and the whole word is not a place name, natural-place head or personal name of its own
        ("لبنان", "بغداد", "وادي", "فيصل" -> 0).
        """
        key = match_key(word)
        if (
            len(key) < 4
            or len(key) != len(word)
            or gazetteer.lookup_place(key, clitics=False)
            or key in gazetteer.NATURAL_HEADS  # "وادي" is not "و" + "ادي"
            or gazetteer.is_person_name_key(key)  # nor is "فيصل" "ف" + "يصل"
        ):
            return (
                0  # len differs when diacritics are present: offsets would not map back
            )
        cut = 0
        for letters in (_CONJ, _PREP):
            rest = key[cut + 1 :]
            word_follows = (
                rest in self._model.counts
                or rest.startswith("ال")
                or rest in gazetteer.ner_phrases()[2]  # "وداعش"
                or gazetteer.lookup_place(rest, False)
                or place_head(rest) == rest  # "وسلطنة"
            )
            if key[cut] in letters and len(rest) >= 3 and word_follows:
                cut += 1
        return cut

    def _label(self, kind: str, words: list[str]) -> str | None:
        if kind == "PERS":
            return "PERSON"
        if kind == "ORG":
            return "ORG"
        if kind != "LOC":
            return None
        if gazetteer.is_facility_head(words[0]):
            return "FAC"
        return "GPE" if gazetteer.lookup_place(" ".join(words)) else "LOC"

    def _sentence(self, text, spans, layout: Layout, labels, confidences) -> list[Mention]:
        words, keys = layout.tokens, layout.keys
        mentions: list[Mention] = []
        covered = [False] * len(words)
        for i, j, kind in sorted(chunks(labels)):
            if covered[i]:  # taken in by the mention before it
                continue
            if kind == "LOC" and j - i == 1 and gazetteer.in_word_set(words[i], _lone_place_heads()):
                # "وسلطنة" + "عُمان" as two chunks: the name after the head takes it in; alone,
                # "المدينة" or "المنطقة" names no place ("الجزيرة" may: the Jazira, the peninsula)
                continue
            i, label = self._head_joined(words, keys, covered, i, j, kind)
            j = self._extended(text, spans, keys, i, j, label)
            for k in range(i, j):
                covered[k] = True
            if label is None:
                continue
            confidence = sum(confidences[i:j]) / (j - i)
            phrase = " ".join(words[i:j])
            # an adjective the CRF took for a place ("الأميركية") is recorded as adjectival
            adjectival = label == "LOC" and gazetteer.nisba_country(phrase) is not None
            label = "GPE" if adjectival else label
            mentions.append(
                self._mention(text, spans, i, j, label, confidence, adjectival)
            )
        mentions = self._named_mentions(text, spans, layout, covered, mentions)
        mentions = self._facility_mentions(text, spans, layout, covered, mentions)
        mentions = self._institution_mentions(text, spans, layout, covered, mentions)
        mentions += self._gazetteer_mentions(text, spans, layout, covered, labels)
        return mentions

    def _head_joined(self, words, keys, covered, i, j, kind) -> tuple[int, str | None]:
        """(first word, dataset label) of the CRF chunk ``i:j`` of ANERcorp type ``kind``, taking in a
        head noun the CRF left before it, which decides what the name names."""
        head = i > 0 and not covered[i - 1]
        if head and kind == "LOC":
            before = words[i - 1]
            if gazetteer.lookup_place(" ".join(words[i - 1 : j])):
                return i - 1, "GPE"  # "جنوب" + "السودان": another country than the one named after it
            if gazetteer.is_facility_head(before):
                return i - 1, self._label(kind, words[i - 1 : j])  # "مطار" + "بغداد": the airport
            if gazetteer.is_natural_head(before):
                return i - 1, "LOC"  # "وادي" + "درنة": the valley, not the city
            if place_head(keys[i - 1]) is not None:
                # "محافظة" + "الأنبار": the governorate's name holds its head noun
                return i - 1, self._label(kind, words[i:j])
            if gazetteer.is_org_head(before) and not gazetteer.nisba_country(" ".join(words[i:j])):
                return i - 1, "ORG"  # "فيلق" + "القدس": an organisation named after a place
        if head and kind == "PERS" and gazetteer.is_named_facility_head(words[i - 1]):
            return i - 1, "FAC"  # "سد" + "أبو منصور", "مخيم" + "أبو شوك": named after a person
        if head and kind == "ORG" and gazetteer.is_org_head(words[i - 1]):
            return i - 1, "ORG"  # "جهاز" + "المخابرات العامة"
        return i, self._label(kind, words[i:j])

    def _extended(self, text, spans, keys, i, j, label) -> int:
        """End of the mention ``i:j`` once a word right after it (one space between) that belongs to
        the name is taken in: after a full name, a definite masculine nisba is the family name
        ("محمد شياع السوداني") and a regnal ordinal is part of it ("عبد الله الثاني"); after a name of one
        or two words, so is a definite word the training text never shows ("عبد الحميد الدبيبة"); a nisba adjective
        names the state of an organisation the lists do not name ("مجلس النواب الليبي"); "الدولي",
        "الحدودي" end a facility's name ("مطار حلب الدولي")."""
        if label is None or j >= len(keys) or text[spans[j - 1][1] : spans[j][0]] != " ":
            return j
        key = keys[j]
        if label == "PERSON" and key.startswith(_ARTICLE):
            if j - i >= 2 and ((key.endswith("ي") and gazetteer.nisba_for_key(key) is not None)
                               or gazetteer.is_regnal_ordinal(key)):
                return j + 1
            if j - i <= 2 and self._unseen_word(key):
                return j + 1  # "عبد الحميد" + "الدبيبة": a family name the training text never shows
        elif (label == "ORG" and key.startswith(_ARTICLE) and gazetteer.nisba_for_key(key) is not None
              and not gazetteer.is_named_org(keys[i:j])):  # "حركة النجباء" is named without its state
            return j + 1
        elif label == "FAC" and gazetteer.is_facility_modifier(key):
            return j + 1
        return j

    def _named_mentions(self, text, spans, layout: Layout, covered, mentions) -> list[Mention]:
        """``mentions`` plus the organisations and natural places the gazetteers name
        (``gazetteer.ner_phrases``: "داعش", "المقاومة الإسلامية في العراق", "البحر الأحمر", "الفرات")
        where the CRF found no such mention. A place or person the CRF tagged inside the name becomes
        part of it (nested entities are not represented), and a head noun of the kind just before the
        name joins it ("تنظيم داعش", "قوات الحشد الشعبي", "نهر الفرات"), and so does a shorter CRF
        mention ("قوات سوريا" of "قوات سوريا الديمقراطية"). A CRF mention reaching outside the name wins."""
        words, marks = layout.tokens, layout.cues
        i = 0
        while i < len(marks):
            kind = marks[i][2:] if marks[i].startswith("B-") else ""
            if kind not in _NAMED:
                i += 1
                continue
            label, is_head = _NAMED[kind]
            j = i + 1
            while j < len(marks) and marks[j] == "I-" + kind:
                j += 1
            # not across a conjunction: "الوزارة والقاعدة" is two names
            if i > 0 and not covered[i - 1] and not self._trim(words[i]) and is_head(words[i - 1]):
                i -= 1
            if label == "ORG":
                self._split_trailing_name(text, spans, layout.keys, mentions, i, j)
            self._claim(text, spans, covered, mentions, i, j, label)
            i = j
        return mentions

    def _split_trailing_name(self, text, spans, keys, mentions, i, j) -> None:
        """A CRF organisation that runs from the listed organisation ``i:j`` on into up to four words
        without the article is the organisation and then a person's name ("منظمة الصحة العالمية" +
        "تيدروس أدهانوم غيبريسوس", after "مدير"): it is split in two."""
        a, b = spans[i][0], spans[j - 1][1]
        for m in mentions:
            if m.label == "ORG" and m.start == a + self._trim(text[a : spans[i][1]]) and m.end > b:
                end = next((k for k in range(j, min(j + 4, len(spans))) if spans[k][1] == m.end), None)
                if end is not None and not any(keys[k].startswith(_ARTICLE) for k in range(j, end + 1)):
                    mentions.remove(m)
                    # the CRF may have tagged the rest of the name as a person of its own
                    rest = next((p for p in mentions if p.label == "PERSON" and end + 1 < len(spans)
                                 and p.start == spans[end + 1][0]), None)
                    if rest is not None:
                        mentions.remove(rest)
                        end = next((k for k in range(end + 1, len(spans)) if spans[k][1] == rest.end), end)
                    mentions.append(self._mention(text, spans, j, end + 1, "PERSON", m.confidence))
                return

    def _facility_mentions(self, text, spans, layout: Layout, covered, mentions) -> list[Mention]:
        """``mentions`` plus the bases and airfields ``places.json`` names after a facility head noun
        ("قاعدة عين الأسد", "قاعدة التنف"): the CRF rarely knows them, or takes "الأسد" for a person;
        and facilities named after a city or a name the CRF did not tag ("مطار حلب الدولي", "مخيم زمزم")."""
        words, keys = layout.tokens, layout.keys
        for i, word in enumerate(words[:-1]):
            if covered[i] or not _heads(word)[0]:
                continue
            if n := gazetteer.facility_name_length(keys, i + 1):
                end = self._extended(text, spans, keys, i, i + 1 + n, "FAC")
                self._claim(text, spans, covered, mentions, i, end, "FAC")
            elif words[i + 1] in _OPENING_QUOTES and (n := gazetteer.facility_name_length(keys, i + 2)):
                self._claim(text, spans, covered, mentions, i + 2, i + 2 + n, "FAC")  # the quoted name alone
            elif not covered[i + 1] and (_is_city(keys[i + 1]) or (
                    gazetteer.is_named_facility_head(word) and self._unknown_name(keys[i], keys[i + 1]))):
                end = self._extended(text, spans, keys, i, i + 2, "FAC")
                self._claim(text, spans, covered, mentions, i, end, "FAC")
        return mentions

    def _unseen_word(self, key: str) -> bool:
        """A word of letters (article allowed) that the training text never shows, without a
        preposition before it: in the news, most often a name."""
        return _letters(key) and key not in self._model.counts and key[0] not in _PREP

    def _unknown_name(self, head_key: str, key: str) -> bool:
        """Whether, after a facility head noun that may bear a name (in the construct state: no
        article), ``key`` reads as that name: a personal name, or a word the training text never
        shows ("مخيم زمزم", "جسر الحلفايا", "معبر جابر")."""
        if head_key.startswith(_ARTICLE):
            return False
        return (_letters(key) and gazetteer.is_person_name_key(key)) or self._unseen_word(key)

    def _claim(self, text, spans, covered, mentions, i, j, label) -> None:
        """Make words ``i:j`` one gazetteer mention of ``label``, replacing the CRF mentions inside
        them, unless a CRF mention reaches outside them or already is exactly this mention."""
        a, b = spans[i][0], spans[j - 1][1]
        named = self._mention(text, spans, i, j, label, _GAZETTEER_CONFIDENCE)
        overlapping = [m for m in mentions if m.start < b and a < m.end]
        if any(m.start < a or b < m.end for m in overlapping) or any(
            (m.start, m.end, m.label) == (named.start, named.end, label) for m in overlapping
        ):
            return
        for m in overlapping:
            mentions.remove(m)
        mentions.append(named)
        for k in range(i, j):
            covered[k] = True

    def _institution_mentions(self, text, spans, layout: Layout, covered, mentions) -> list[Mention]:
        """``mentions`` plus a state's institutions named by a nationality adjective, which ANERcorp
        (and so the CRF) leaves untagged but the dataset records as ORG: "الحكومة العراقية", "وزارة
        الخارجية الأميركية", "الحرس الثوري الإيراني" (at most two definite words between head and
        adjective); its embassies and consulates likewise as FAC ("السفارة الأميركية"). An
        adjective the CRF tagged alone becomes part of the name."""
        words, keys = layout.tokens, layout.keys
        adjective_only = {(m.start, m.end): m for m in mentions if m.adjectival}
        for i, word in enumerate(words):
            if covered[i]:
                continue
            _, institution, embassy = _heads(word)
            if not (institution or embassy):
                continue
            label = "ORG" if institution else "FAC"
            for j in range(i + 1, min(i + 4, len(words))):
                nisba = keys[j].startswith(_ARTICLE) and gazetteer.nisba_country(words[j]) is not None
                if nisba:
                    own = adjective_only.get((spans[j][0], spans[j][1]))
                    if covered[j] and own is None:
                        break
                    if own is not None:
                        mentions.remove(own)
                    mentions.append(self._mention(text, spans, i, j + 1, label, _GAZETTEER_CONFIDENCE))
                    for k in range(i, j + 1):
                        covered[k] = True
                    break
                if covered[j] or not keys[j].startswith(_ARTICLE):
                    break
        return mentions

    def _mention(
        self, text, spans, i, j, label, confidence, adjectival=False
    ) -> Mention:
        a = spans[i][0] + self._trim(text[spans[i][0] : spans[i][1]])
        b = spans[j - 1][1]
        return Mention(a, b, label, text[a:b], round(confidence, 4), adjectival)

    def _gazetteer_mentions(self, text, spans, layout: Layout, covered, labels) -> list[Mention]:
        """Nationality adjectives and unambiguous country names outside CRF entities (MISC aside)."""
        keys = layout.keys
        # one starts where a word is one, or where a phrase of several words may start
        found = [i for i, key in enumerate(keys) if _gazetteer_kind(key)]
        starts = set(layout.starts)
        if not found and not starts:
            return []
        free = [not c or label.endswith("MISC") for c, label in zip(covered, labels, strict=True)]
        out = []
        end = 0  # the words before it are in a mention
        for i in sorted(starts.union(found)) if starts else found:
            if i < end:
                continue
            for n in (3, 2, 1) if i in starts else (1,):
                j = i + n
                if j > len(keys) or not all(free[i:j]):
                    continue
                kind = _gazetteer_kind(keys[i] if n == 1 else gazetteer.join_keys(keys[i:j]))
                if kind is None:
                    continue
                out.append(
                    self._mention(
                        text, spans, i, j, "GPE", _GAZETTEER_CONFIDENCE, adjectival=kind == "nisba"
                    )
                )
                end = j
                break
        return out

    def tag(self, text: str, sentences: list[tuple[int, int]]) -> list[Mention]:
        """Mentions in ``text``, sentence by sentence, ordered by offset.

        With no sentence spans the whole text is tagged as one sentence.
        """
        return self.tag_many([(text, sentences)])[0]

    def tag_many(self, documents: Sequence[tuple[str, list[tuple[int, int]]]]) -> list[list[Mention]]:
        """``tag`` of each (text, sentence spans); the CRFs decode all the documents' sentences
        together, which is faster than one document at a time."""
        spans = []
        for text, sentences in documents:
            found = (tokenize(text, start, end) for start, end in sentences or [(0, len(text))])
            spans.append([s for s in found if s])
        layout = self._model.featurizer.layout
        layouts = [
            [layout([text[a:b] for a, b in s]) for s in doc_spans]
            for (text, _), doc_spans in zip(documents, spans, strict=True)
        ]
        out = []
        for (text, _), doc_spans, doc_layouts, (labels, confidences) in zip(
            documents, spans, layouts, self._model.tag_layouts(layouts), strict=True
        ):
            mentions: list[Mention] = []
            for sentence in zip(doc_spans, doc_layouts, labels, confidences, strict=True):
                mentions += self._sentence(text, *sentence)
            out.append(sorted(mentions, key=lambda m: (m.start, m.end, m.label)))
        return out
