"""Actor, target and location of a trigger: candidates from NER mentions and lexicon noun
phrases, roles from word order (verb-subject-object, subject-verb, relative clauses, nominal
trigger + genitive or nationality adjective) and prepositions."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.events import cues
from pipeline.extract.events.lexicon import strippings
from pipeline.extract.events.model import Span
from pipeline.extract.events.tokens import Tok, Trigger, stem
from pipeline.extract.mention import Mention
from pipeline.text.normalize import match_key
from pipeline.text.numbers import Quantity


WINDOW = 12  # words after a trigger searched for its arguments


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
        key_stem = _singular(stem(toks[k].key))
        is_head = toks[k].key in cues.ACTOR_HEADS or key_stem in cues.ACTOR_HEADS
        is_place = toks[k].key in cues.PLACE_HEADS or key_stem in cues.PLACE_HEADS
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
                modifier = (nxt.key.startswith("ال") and nxt.key not in cues.CLAUSE_WORDS) or (
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


def _singular(key: str) -> str:
    """Fold a dual ("حكومتان", "جانبين") to its singular so dual heads are found."""
    for dual, single in (("تان", "ه"), ("تين", "ه"), ("ان", ""), ("ين", "")):
        if key.endswith(dual) and len(key) - len(dual) >= 3:
            base = key[: -len(dual)] + single
            if base in cues.ACTOR_HEADS or base in cues.PLACE_HEADS:
                return base
    return key


def _after_proclitic(text: str, tok: Tok) -> int:
    """Start of a word without its conjunction / preposition (the article stays: "القوات")."""
    heads = cues.ACTOR_HEADS | cues.PLACE_HEADS
    prefix = next((p for rest, p in strippings(tok.key)
                   if p and "س" not in p and (p == "لل" or not p.endswith("ال")) and rest in heads), "")
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
        if prev in ("«", '"', "“") and unit.first > 1:
            prev = toks[unit.first - 2].key
        if prev in cues.LOCATION_PREPS or prev in cues.TARGET_PREPS or prev in cues.PARTNER_PREPS \
                or prev in cues.AGENT_PREPS or prev in cues.OTHER_PREPS:
            return prev
        if prev.startswith("و") and prev[1:] in cues.LOCATION_PREPS:
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
    bare: list[Unit] = []  # right units with no preposition, in order
    for u in right:
        prep = prep_before(text, toks, u)
        if prep in cues.LOCATION_PREPS or (prep == "ب" and u.place):
            if u.place or prep in cues.LOCATION_PREPS - {"في"} or not bare:
                locations.append(unit_span(text, u))
                continue
        if prep in cues.AGENT_PREPS:
            actors.append(unit_span(text, u))
        elif prep in cues.TARGET_PREPS or (prep == "ل" and entry.type != "RETREAT"):
            targets.append(unit_span(text, u))
        elif prep in cues.PARTNER_PREPS or (prep == "ب" and entry.type == "CONSULT"):
            (actors if prep == "بين" else targets).append(unit_span(text, u))
        elif prep is None:
            if u.adjectival and u.first > trig.last + 2 and bare:
                continue  # adjective of an earlier noun phrase
            bare.append(u)
        if u.adjectival and u.first <= trig.last + 2 and not trig.verbal and not bare[:-1]:
            # "ضربة أميركية": a nationality adjective on a nominal trigger names its actor.
            if bare and bare[-1] is u:
                bare.pop()
            actors.append(unit_span(text, u))
    if trig.verbal:
        subject_left = left and left[-1].last >= trig.first - 2 and prep_before(text, toks, left[-1]) is None
        if entry.pos == "P" or (entry.pos == "M" and entry.genitive == "T"):
            targets.extend(unit_span(text, u) for u in (bare[:1] if bare else left[-1:] if subject_left else []))
            bare = bare[1:]
        elif subject_left:
            actors.insert(0, unit_span(text, left[-1]))
        elif trig.first > 1 and toks[trig.first - 1].key in cues.RELATIVE_PRONOUNS and any(
                u.last == trig.first - 2 for u in units):
            # "الفصائل التي تهاجم القواعد": the relative clause's antecedent does it.
            actors.append(unit_span(text, next(u for u in units if u.last == trig.first - 2)))
        elif bare and bare[0].first <= trig.last + 3:
            # "قتل ثلاثة جنود": a counted subject of a bare past verb reads as passive.
            victim = entry.type == "ASSAULT" and any(q.start <= bare[0].start <= q.end for q in counts)
            (targets if victim else actors).append(unit_span(text, bare[0]))
            bare = bare[1:]
        if bare and not targets and entry.pos != "P":
            targets.append(unit_span(text, bare[0]))
    elif bare and (bare[0].first == trig.last + 1
                   or (bare[0].first == trig.last + 2 and entry.genitive == "T")):  # إنهاء مهمة التحالف
        (actors if entry.genitive == "A" else targets).append(unit_span(text, bare[0]))
        bare = bare[1:]
        if entry.genitive == "A" and bare and not targets and entry.type in ("CONSULT", "AGREE"):
            targets.append(unit_span(text, bare[0]))
    _exposed_to(text, toks, units, trig, lo, targets)
    return _dedupe(actors), _dedupe(targets), _dedupe(locations)


def _exposed_to(text: str, toks: list[Tok], units: list[Unit], trig: Trigger, lo: int,
                targets: list[Span]) -> None:
    """"تعرضت القوات لهجوم": the subject of تعرض is the target of the nominal trigger."""
    if trig.verbal or targets:
        return
    for k in range(trig.first - 1, max(lo, trig.first - 6) - 1, -1):
        if stem(toks[k].key).startswith(("تعرض", "يتعرض", "تتعرض")):
            after = [u for u in units if k < u.first and u.last < trig.first]
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
