"""Actor, target and location of a trigger: candidates from NER mentions and lexicon noun
phrases, roles from word order (verb-subject-object, subject-verb, relative clauses, nominal
trigger + genitive or nationality adjective) and prepositions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.events import cues
from pipeline.extract.events.lexicon import Entry, preposition_clitic, strippings
from pipeline.extract.events.model import Span
from pipeline.extract.events.tokens import Tok, Trigger, stem
from pipeline.extract.mention import Mention
from pipeline.text.normalize import match_key
from pipeline.text.numbers import Quantity


WINDOW = 12  # words after a trigger searched for its arguments
_AND_PREPS = cues.ALL_PREPS - cues.AGENT_PREPS  # after و ("وقبل" is "and before", not an agent)


@dataclass(slots=True)
class Unit:
    """An argument candidate: a mention or a noun phrase, as a token range."""

    first: int
    last: int
    start: int
    end: int
    place: bool
    adjectival: bool


def candidates(text: str, toks: list[Tok], mentions: list[Mention], trigger_tokens: set[int]) -> list[Unit]:
    """Argument candidates: mentions, and lexicon noun phrases extended over their modifiers."""
    if mentions:
        index = {t.start: k for k, t in enumerate(toks)}
        end_index = {t.end: k for k, t in enumerate(toks)}
    by_token: dict[int, Mention] = {}
    units: list[Unit] = []
    for m in mentions:
        first = _token_at(toks, m.start, index)
        last = _token_at(toks, m.end, end_index, ending=True)
        if first is None or last is None:
            continue
        for k in range(first, last + 1):
            by_token[k] = m
        units.append(Unit(first, last, m.start, m.end, m.label in cues.PROPER_PLACE_LABELS,
                           m.adjectival))
    k = 0
    while k < len(toks):
        is_head, is_place = _head_kinds(toks[k].key)
        if (is_head or is_place) and k not in trigger_tokens and k not in by_token:
            last = k
            while last + 1 < len(toks) and last - k < 3:
                nxt = toks[last + 1]
                if nxt.punct and nxt.key not in "\"«»“”":
                    break
                nxt_stem = stem(nxt.key)
                # After an adjective only adjectives follow: "القوات الأجنبية البلاد" ends
                # before its object "البلاد".
                after_adjective = last > k and toks[last].key.endswith(cues.NISBA_ENDINGS)
                if after_adjective and not nxt.key.endswith(cues.NISBA_ENDINGS) and last + 1 not in by_token:
                    break
                modifier = (nxt.key.startswith("ال") and nxt.key not in cues.CLAUSE_WORDS
                            and nxt.key not in cues.ALL_PREPS) or (
                    nxt_stem in cues.ACTOR_HEADS and nxt_stem == nxt.key) or (
                    not toks[k].key.startswith("ال") and last == k
                    and nxt.key.endswith(cues.NISBA_ENDINGS) and nxt.key not in cues.ALL_PREPS)
                if last + 1 in by_token or (modifier and last + 1 not in trigger_tokens):
                    last += 1
                    if last in by_token:  # swallow the whole mention
                        m = by_token[last]
                        while last + 1 < len(toks) and by_token.get(last + 1) is m:
                            last += 1
                elif nxt.key in "\"«“" and last + 2 in by_token:
                    last += 1
                else:
                    break
            while toks[last].punct:
                last -= 1
            units = [u for u in units if not (k <= u.first and u.last <= last)]
            start = _after_proclitic(text, toks[k])
            units.append(Unit(k, last, start, toks[last].end, is_place and not is_head, False))
            k = last + 1
            continue
        k += 1
    units.sort(key=lambda u: (u.first, -u.last))
    kept: list[Unit] = []
    for u in units:
        if kept and u.first <= kept[-1].last:
            continue
        kept.append(u)
    return kept


def _token_at(toks: list[Tok], offset: int, table: dict[int, int], ending: bool = False) -> int | None:
    if offset in table:
        return table[offset]
    for k, t in enumerate(toks):  # a mention boundary inside a token (clitics)
        if t.start <= offset < t.end or (ending and t.start < offset <= t.end):
            return k
    return None


_HEADS = cues.ACTOR_HEADS | cues.PLACE_HEADS  # built once: the helpers below run for every word


@lru_cache(maxsize=1 << 16)
def _head_kinds(key: str) -> tuple[bool, bool]:
    """Whether a word is (or inflects) an actor head, and a place head."""
    key_stem = _singular(_without_possessive(stem(key)))
    return (key in cues.ACTOR_HEADS or key_stem in cues.ACTOR_HEADS,
            key in cues.PLACE_HEADS or key_stem in cues.PLACE_HEADS)


def _without_possessive(key: str) -> str:
    """Fold a head with a possessive pronoun to the bare head: "قواتها" -> "قوات",
    "حكومتها" -> "حكومه"."""
    for suffix in ("هما", "هم", "ها"):
        base = key.removesuffix(suffix)
        if base != key and len(base) >= 3:
            for candidate in (base, base[:-1] + "ه" if base.endswith("ت") else base):
                if candidate in _HEADS:
                    return candidate
    return key


def _singular(key: str) -> str:
    """Fold a dual ("حكومتان", "جانبين") to its singular so dual heads are found."""
    for dual, single in (("تان", "ه"), ("تين", "ه"), ("ان", ""), ("ين", "")):
        if key.endswith(dual) and len(key) - len(dual) >= 3:
            base = key[: -len(dual)] + single
            if base in _HEADS:
                return base
    return key


def _after_proclitic(text: str, tok: Tok) -> int:
    """Start of a word without its conjunction / preposition (the article stays: "القوات")."""
    prefix = next((p for rest, p in strippings(tok.key)
                   if p and "س" not in p and (p == "لل" or not p.endswith("ال")) and rest in _HEADS), "")
    letters = 0
    pos = tok.start
    while letters < len(prefix) and pos < tok.end:
        if text[pos].isalpha():
            letters += 1
        pos += 1
    return pos


def prep_before(text: str, toks: list[Tok], unit: Unit) -> str | None:
    """The preposition governing a unit: the word before it, or its own proclitic."""
    if unit.first > 0:
        prev = toks[unit.first - 1].key
        if (prev in ("«", '"', "“") or prev in cues.QUANTIFIERS) and unit.first > 1:
            prev = toks[unit.first - 2].key
        if prev in cues.LOCATION_PREPS or prev in cues.TARGET_PREPS or prev in cues.PARTNER_PREPS \
                or prev in cues.AGENT_PREPS or prev in cues.OTHER_PREPS:
            return prev
        if prev.startswith("و") and prev[1:] in _AND_PREPS:  # "ولدى", "وفي"
            return prev[1:]
    tok = toks[unit.first]
    if unit.start > tok.start:  # the unit starts after a proclitic of its first word
        clitic = match_key(text[tok.start:unit.start])
        return "ل" if clitic.endswith("لل") else (clitic[-1] if clitic[-1:] in "بلك" else None)
    return None


def unit_span(text: str, unit: Unit) -> Span:
    return (unit.start, unit.end, text[unit.start:unit.end])


def assign_roles(text: str, toks: list[Tok], units: list[Unit], trig: Trigger, lo: int, hi: int,
           next_trigger: int, counts: list[Quantity]) -> tuple[list[Span], list[Span], list[Span]]:
    actors: list[Span] = []
    targets: list[Span] = []
    locations: list[Span] = []
    stop = min(hi, trig.last + WINDOW, next_trigger - 1)
    right = [u for u in units if trig.last < u.first and u.last <= stop]
    left = [u for u in units if lo <= u.first and u.last < trig.first]
    entry = trig.entry
    verbal = trig.verbal and not _masdar(toks[trig.first], entry)
    bare: list[Unit] = []  # right units with no preposition, in order
    after_l: list[Unit] = []  # units after ل: a verb's targets only if it has no object
    between = False  # "بين X وY": Y, the next unit with و, is the other side
    prev_location = False
    for u in right:
        prep = prep_before(text, toks, u)
        if prep is None and prev_location and _conjoined(text, toks, u):
            locations.append(unit_span(text, u))  # "في لبنان وسوريا"
            continue
        prev_location = False
        moved = (entry.type, prep) in (("RETREAT", "من"), ("RETREAT", "عن"), ("MOBILIZE", "الي"))
        if prep in cues.LOCATION_PREPS or (prep == "ب" and u.place) or (moved and u.place) or (
                prep == "على" and toks[u.first].key in cues.TERRITORY_HEADS):
            # "انسحاب … من المدينة", "عادت القوات إلى الحدود", "على الأراضي السورية"
            if u.place or prep in cues.LOCATION_PREPS - {"في"} or not bare:
                locations.append(unit_span(text, u))
                prev_location = True
                continue
        if prep in cues.AGENT_PREPS or (prep == "من" and not verbal and entry.type in cues.FROM_ACTOR_TYPES):
            actors.append(unit_span(text, u))
        elif prep in cues.TARGET_PREPS:
            targets.append(unit_span(text, u))
        elif prep == "ل" and entry.type == "RETREAT":
            bare.append(u)  # "انسحابا كاملا للقوات": the genitive with ل
        elif prep == "ل" and verbal:
            after_l.append(u)
        elif prep == "ل":
            targets.append(unit_span(text, u))
        elif prep == "بين" or (prep == "مع" and not between) or (prep == "ب" and entry.type == "CONSULT"):
            (actors if prep == "بين" else targets).append(unit_span(text, u))
            between = between or prep == "بين"
        elif prep is None and between and _conjoined(text, toks, u):
            targets.append(unit_span(text, u))
            between = False
        elif prep is None:
            if u.adjectival and (u.first > trig.last + 2 and bare or _describes_word(toks, units, trig, u)):
                continue  # adjective of an earlier noun ("انتقد القرار الفرنسي")
            bare.append(u)
        if (u.adjectival and u.first <= trig.last + 2 and not verbal and not bare[:-1]
                and _definite(toks[trig.first]) == _definite(toks[u.first])):
            # "ضربة أميركية", "الدعم الأميركي": a nationality adjective on a nominal trigger
            # names its actor ("مهاجمة الأميركيين", a genitive, does not agree).
            if bare and bare[-1] is u:
                bare.pop()
            actors.append(unit_span(text, u))
    # A verbal noun's genitive is its subject when the object follows with ل ("دعم موسكو
    # للحكومة"), else the object of a transitive verb ("سحب قواتها").
    genitive = "A" if trig.verbal and not verbal and targets else entry.genitive
    if verbal:
        subject_left = left and prep_before(text, toks, left[-1]) is None and (
            left[-1].last >= trig.first - 2
            or all(t.key in cues.AUXILIARIES for t in toks[left[-1].last + 1:trig.first]))
        if entry.pos == "P" or (entry.pos == "M" and entry.genitive == "T"):
            targets.extend(unit_span(text, u) for u in (bare[:1] if bare else left[-1:] if subject_left else []))
            bare = bare[1:]
        elif subject_left:
            actors.insert(0, unit_span(text, left[-1]))
        elif trig.first > 1 and toks[trig.first - 1].key in cues.RELATIVE_PRONOUNS and any(
                trig.first - 3 <= u.last <= trig.first - 2 for u in units):
            # "الفصائل التي تهاجم القواعد": the relative clause's antecedent does it; with an
            # object pronoun ("الحزب الذي هاجمه الجيش") it undergoes it.
            antecedent = unit_span(text, next(u for u in units if trig.first - 3 <= u.last <= trig.first - 2))
            if _object_pronoun(toks[trig.first], entry.lemma):
                targets.append(antecedent)
                actors.extend(unit_span(text, u) for u in bare[:1] if u.first <= trig.last + 2)
                bare = bare[1:]
            else:
                actors.append(antecedent)
        elif bare and bare[0].first <= trig.last + 3:
            # "قتل ثلاثة جنود": a counted subject of a bare past verb reads as passive;
            # "طالب الحكومة": a feminine noun after a masculine verb is its object.
            victim = entry.type == "ASSAULT" and any(q.start <= bare[0].start <= q.end for q in counts)
            object_ = victim or (_masculine_verb(toks[trig.first], entry.lemma)
                                 and _feminine_noun(toks[bare[0].first]))
            (targets if object_ else actors).append(unit_span(text, bare[0]))
            bare = bare[1:]
        if bare and not targets and entry.pos != "P":
            targets.append(unit_span(text, bare[0]))
    elif bare and (bare[0].first == trig.last + 1
                   or (bare[0].first == trig.last + 2 and genitive == "T")):  # إنهاء مهمة التحالف
        (actors if genitive == "A" else targets).append(unit_span(text, bare[0]))
        bare = bare[1:]
        if genitive == "A" and bare and not targets and entry.type in ("CONSULT", "AGREE"):
            targets.append(unit_span(text, bare[0]))
    if entry.type == "RETREAT":  # "مغادرة الجيش المدينة": the place left
        locations.extend(unit_span(text, u) for u in bare if u.place)
    if not verbal and not actors:
        actors.extend(unit_span(text, u) for u in _left_actor(text, toks, left, trig))
    if verbal and not actors and trig.first > 0 and toks[trig.first - 1].key in cues.THAT_PRONOUNS:
        # "قالت الشرطة إنها اعتقلت …": the pronoun stands for the reporting subject.
        actors.extend([unit_span(text, u) for u in units if trig.first - 6 <= u.last < trig.first - 1
                       and prep_before(text, toks, u) is None][-1:])
    if entry.pos == "S":  # "المتظاهرون الغاضبون": the participants are the ones protesting
        actors.insert(0, _participants(text, toks, trig))
    if not targets:
        targets.extend(unit_span(text, u) for u in after_l)
    if not targets:  # "هجوم على قافلة سياحية", "مظاهرات ضد الحكم": a phrase no list knows
        targets.extend(_phrase_after_target_prep(text, toks, trig, stop))
    if not actors and entry.type == "ASSAULT":
        actors.extend(unit_span(text, u) for u in _claimer(toks, units, trig))
    _exposed_to(text, toks, units, trig, lo, targets)
    return _dedupe(actors), _dedupe(targets), _dedupe(locations)


def _phrase_after_target_prep(text: str, toks: list[Tok], trig: Trigger, stop: int) -> list[Span]:
    """The noun phrase after a target preposition right after the trigger (على، ضد), when no
    candidate fills it: its first word and the adjectives or definite genitives that follow."""
    k = next((k for k in range(trig.last + 1, min(trig.last + 3, stop) + 1)
              if toks[k].key in cues.TARGET_PREPS), None)
    if k is None or k + 1 > stop:
        return []
    first = k + 1
    head = toks[first]
    if head.punct or not head.key.isalpha() or head.key in cues.ALL_PREPS or head.key in cues.CLAUSE_WORDS \
            or head.key in cues.TERRITORY_HEADS:
        return []
    last = first
    while last + 1 <= stop and last - first < 2:
        nxt = toks[last + 1]
        if nxt.punct or nxt.key in cues.ALL_PREPS or nxt.key in cues.CLAUSE_WORDS:
            break
        definite = nxt.key.startswith("ال")
        if not (definite or (not _definite(head) and nxt.key.endswith(cues.NISBA_ENDINGS))):
            break
        last += 1
    return [(head.start, toks[last].end, text[head.start:toks[last].end])]


def _participants(text: str, toks: list[Tok], trig: Trigger) -> Span:
    """A participant noun with the plural adjectives that follow it, agreeing in definiteness
    ("المتظاهرون الغاضبون", "متظاهرون غاضبون"), without a leading conjunction."""
    definite = _definite(toks[trig.first])
    last = trig.last
    while last + 1 < len(toks) and last - trig.last < 2:
        key = toks[last + 1].key
        if (toks[last + 1].punct or key in cues.CLAUSE_WORDS or key in cues.ALL_PREPS
                or _definite(toks[last + 1]) != definite or not key.endswith(("ون", "ين"))):
            break
        last += 1
    start = _after_proclitic(text, toks[trig.first])
    return start, toks[last].end, text[start:toks[last].end]


def _masdar(tok: Tok, entry: Entry) -> bool:
    """A verb's past form after the preposition ل is its verbal noun: "لسحب قواتها" (the
    genitive is then what the noun governs)."""
    past = match_key(entry.lemma.split()[0]).split("/")[0]
    return entry.pos == "V" and any(rest == past and prefix.endswith("ل")
                                    for rest, prefix in strippings(tok.key))


def _claimer(toks: list[Tok], units: list[Unit], trig: Trigger) -> list[Unit]:
    """Who claims an attack: the subject of تبنى near the trigger ("وتبنت معظم الهجمات جماعة
    الشباب"), or whoever announced its responsibility ("أعلنت الحركة مسؤوليتها عنه")."""
    for k in range(max(0, trig.first - 4), min(len(toks), trig.last + 8)):
        if stem(toks[k].key) in cues.CLAIM_VERBS:
            return [u for u in units if u.first > k and not trig.first <= u.first <= trig.last][:1]
        if toks[k].key in cues.RESPONSIBILITY:
            return [u for u in units if k - 3 <= u.last < k and u.first > trig.last][-1:]
    return []


def _describes_word(toks: list[Tok], units: list[Unit], trig: Trigger, unit: Unit) -> bool:
    """A nationality adjective right after a word that is neither the trigger nor part of a
    candidate describes that word: "انتقد القرار الفرنسي"."""
    before = unit.first - 1
    return before > trig.last and not toks[before].punct and not any(
        u.first <= before <= u.last for u in units)


def _conjoined(text: str, toks: list[Tok], unit: Unit) -> bool:
    """Whether a unit opens with the conjunction و ("وبغداد", "و القوات")."""
    tok = toks[unit.first]
    return (unit.start > tok.start and match_key(text[tok.start:unit.start]) == "و") or (
        unit.first > 0 and toks[unit.first - 1].key == "و")


def _definite(tok: Tok) -> bool:
    """A word with the article (after any proclitic): "الدعم", "بالقوات", "للقوات"."""
    return any("ال" in prefix or prefix.endswith("لل") for _, prefix in strippings(tok.key))


def _left_actor(text: str, toks: list[Tok], left: list[Unit], trig: Trigger) -> list[Unit]:
    """The actor named before a nominal trigger: the noun a definite participle describes
    ("القوات المنتشرة"), or the possessor of a stated presence ("لدى فرنسا 800 جندي")."""
    if not left:
        return []
    last = left[-1]
    prep = prep_before(text, toks, last)
    if prep is None and last.last == trig.first - 1 and trig.entry.genitive == "A" \
            and _definite(toks[trig.first]) and _definite(toks[last.last]):
        return [last]
    return [u for u in left if prep_before(text, toks, u) in cues.HAVE and trig.first - u.last <= 4][-1:]


def _masculine_verb(tok: Tok, lemma: str) -> bool:
    """A third-person masculine singular verb: the bare past stem or the present with ي- of a
    "past/present" entry, or a listed form without a feminine or plural mark."""
    word = match_key(lemma.split()[0])
    if "/" not in word:
        return not (word.endswith(("ت", "وا", "ون", "ان")) or word[:1] in "تن")
    past, present = word.split("/")
    return any(rest == past or (rest[:1] == "ي" and rest[1:] == present)
               for rest, prefix in strippings(tok.key) if prefix in ("", "و", "ف"))


def _object_pronoun(tok: Tok, lemma: str) -> bool:
    """A "past/present" verb with an object pronoun attached: "هزمه", "يهاجمها"."""
    word = match_key(lemma.split()[0])
    if "/" not in word:
        return False
    past, present = word.split("/")
    return any(rest.removesuffix(o) in (past, "ي" + present, "ت" + present)
               for rest, _ in strippings(tok.key) for o in ("ه", "ها", "هم", "هما") if rest.endswith(o))


def _feminine_noun(tok: Tok) -> bool:
    """A definite noun with a feminine ending ("الحكومة", "القوات", "قواتها"), which a verb
    before it would agree with if it were the subject."""
    key = next((rest for rest, prefix in strippings(tok.key) if prefix.endswith("ال")), "")
    if not key:
        key = _without_possessive(tok.key)
        key = key if key != tok.key else ""
    return bool(key) and "ال" + key not in cues.MASCULINE_IN_TA and key.endswith(("ه", "ات"))


def _exposed_to(text: str, toks: list[Tok], units: list[Unit], trig: Trigger, lo: int,
                targets: list[Span]) -> None:
    """"تعرضت القوات لهجوم": the subject of تعرض is the target of the nominal trigger that
    its ل-complement names."""
    if trig.verbal or targets:
        return
    for k in range(trig.first - 1, max(0, trig.first - 12) - 1, -1):  # commas may intervene
        if stem(toks[k].key).startswith(("تعرض", "يتعرض", "تتعرض")):
            if not any(preposition_clitic(t.key) == "ل" or t.key == "ل" for t in toks[k + 1:trig.first + 1]):
                return
            after = [u for u in units if k < u.first and u.last < trig.first
                     and prep_before(text, toks, u) is None]
            before = [u for u in units if u.last < k and u.last >= k - 2]
            chosen = after[:1] or before[-1:]
            targets.extend(unit_span(text, u) for u in chosen)
            return


def _dedupe(spans: list[Span]) -> list[Span]:
    return list(dict.fromkeys(spans))


def light_verb(toks: list[Tok], trig: Trigger, lo: int) -> int | None:
    """"شنت الطائرات غارة": the verb that carries a nominal trigger lends it its subject."""
    for k in range(trig.first - 1, max(lo, trig.first - 6) - 1, -1):
        if toks[k].key in cues.LIGHT_VERBS or stem(toks[k].key) in cues.LIGHT_VERBS:
            return k
    return None


def governor_subject(text: str, toks: list[Tok], units: list[Unit], governor: int,
                      trig: Trigger, lo: int) -> list[Span]:
    """A denied, threatened or planned event is done by the subject of the verb that denies,
    threatens or plans it ("نفت الوزارة وجود خطط لسحب قواتها")."""
    after = [u for u in units if governor < u.first < trig.first and prep_before(text, toks, u) is None]
    if after and after[0].first <= governor + 3:
        return [unit_span(text, after[0])]
    before = [u for u in units if lo <= u.first and u.last < governor and u.last >= governor - 2]
    return [unit_span(text, before[-1])] if before else []
