"""Rule-based event extraction: lexicon triggers, then arguments, date, count and modality.

Per sentence: find trigger words and phrases (``lexicon``), build argument candidates from
NER mentions and lexicon noun-phrase heads, assign actor / target / location from word order
(verb-subject-object, subject-verb, nominal trigger + genitive or nationality adjective,
prepositions), attach the nearest date and a count of the right kind, and read negation and
hypothetical cues before the trigger in its clause. Triggers of one type and modality in one
clause are merged into one event.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import replace

from pipeline.extract.events import calibrate, classifier, cues
from pipeline.extract.events.arguments import assign_roles, candidates, governor_subject, light_verb
from pipeline.extract.events.attributes import is_historical, pick_magnitude, read_mode, read_modality
from pipeline.extract.events.detection import find_triggers, with_troop_presence
from pipeline.extract.events.lexicon import preposition_clitic
from pipeline.extract.events.model import Event, EventResult, NoEvent
from pipeline.extract.events.tokens import Tok, Trigger, clause, tokens
from pipeline.extract.mention import Mention
from pipeline.text.dates import DateMention, apply_offset, find_dates, find_offsets, find_ranges
from pipeline.text.normalize import match_key
from pipeline.text.numbers import Quantity, find_quantities

# Lexicon-scored events below this are left out (ASSAULT and PROTEST carry the sentence
# classifier's probability instead, which callers threshold with ``classifier.threshold``).
MIN_CONFIDENCE = 0.45


def _find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Date mentions and the "منذ …" ranges that cover some of them."""
    dates = find_dates(text, published)
    return dates + find_ranges(text, dates, published)


class _Within:
    """Spans sorted by start: those inside a sentence, in order, by bisection rather than a scan
    of the whole document's list for every sentence."""

    def __init__(self, spans: list) -> None:
        self.spans = spans
        self.starts = [s.start for s in spans]

    def __call__(self, start: int, end: int) -> list:
        first, last = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return [s for s in self.spans[first:last] if s.end <= end]


def _sentence_events(text: str, s_start: int, s_end: int, mentions: list[Mention],
                     dates: list, quantities: list[Quantity],
                     now: dt.date | None) -> tuple[list[Event], str]:
    """Events of one sentence, or none and the reason (``mentions`` and ``dates`` are those
    inside the sentence, ``quantities`` those that overlap it)."""
    toks = tokens(text, s_start, s_end)
    pairs, reason = _raw_events(text, toks, s_start, s_end, mentions, dates, quantities, now)
    if any(ev.event_type == "ASSAULT" for _, ev in pairs) and _names_hazard(toks):
        pairs = [(t, ev) for t, ev in pairs if ev.event_type != "ASSAULT"]  # a flood kills; nobody assaults
        reason = reason or "natural hazard"
    date_found = bool(dates)
    scored = {t for t in classifier.CLASSIFIED_TYPES if any(ev.event_type == t for _, ev in pairs)}
    if not scored:
        return [ev for _, ev in pairs], reason
    probs = {}
    words = classifier.sentence_features([k.key for k in toks])
    for t, (vectors, types) in _classifier_evidence(pairs, toks, date_found, scored).items():
        probs[t] = classifier.probability(t, classifier.with_rules(words, vectors, types))
    events = [ev if probs.get(ev.event_type) is None
              else replace(ev, confidence=round(probs[ev.event_type], 3)) for _, ev in pairs]
    return events, reason


def _names_hazard(toks: list[Tok]) -> bool:
    """Whether a word of the sentence (one proclitic letter allowed) is a natural hazard."""
    return any(t.key in cues.HAZARDS or t.key[1:] in cues.HAZARDS for t in toks)


def _classifier_evidence(pairs: list[tuple[Trigger, Event]], toks: list[Tok], date_found: bool,
                         wanted) -> dict[str, tuple[list[list[float]], frozenset[str]]]:
    """Per classified type: the calibration features of the sentence's asserted events of that
    type, and the types of all asserted events the rules would keep."""
    others = [ev for _, ev in pairs]
    asserted = [(trig, ev) for trig, ev in pairs if not ev.negated and not ev.hypothetical]
    types = frozenset(ev.event_type for _, ev in asserted
                      if ev.event_type in calibrate.CALIBRATED_TYPES or ev.confidence >= MIN_CONFIDENCE)
    return {t: ([calibrate.features(ev, trig, toks, date_found, others)
                 for trig, ev in asserted if ev.event_type == t], types) for t in wanted}


def classifier_features(sentence: str, event_type: str) -> dict[str, float]:
    """The sentence classifier's features for one sentence alone (as ``detect`` sees it)."""
    toks = tokens(sentence, 0, len(sentence))
    dates = _find_dates(sentence, None)
    pairs, _ = _raw_events(sentence, toks, 0, len(sentence), [], dates,
                           find_quantities(sentence), None)
    vectors, types = _classifier_evidence(pairs, toks, bool(dates), (event_type,))[event_type]
    return classifier.features([k.key for k in toks], vectors, types)


def _raw_events(text: str, toks: list[Tok], s_start: int, s_end: int, mentions: list[Mention],
                dates: list, quantities: list[Quantity],
                now: dt.date | None) -> tuple[list[tuple[Trigger, Event]], str]:
    """Events of one sentence with their main triggers, before calibration; or the reason
    the sentence has none. ``mentions`` and ``dates`` lie inside the sentence; ``quantities``
    holds at least those that overlap it (no other is ever used)."""
    triggers, reason = find_triggers(toks, _named(toks, mentions))
    if not triggers and not any(q.unit == "troops" and s_start <= q.start < s_end for q in quantities):
        return [], reason
    # Counts that are really years or parts of dates are not magnitudes (a range's anchor
    # event may have its own count: only the innermost dates are looked at).
    innermost = [d for d in dates if not any(_inside(e, d) for e in dates)]
    counts = [q for q in quantities if (q.unit or not 1900 <= q.value <= 2100)
              and not any(d.start < q.end and q.start < d.end for d in innermost)]
    triggers = with_troop_presence(toks, triggers, counts)
    trigger_tokens = {k for t in triggers for k in range(t.first, t.last + 1)}
    units = candidates(text, toks, mentions, trigger_tokens)
    events: list[tuple[tuple[int, int, str], Trigger, Event]] = []
    for n, trig in enumerate(triggers):
        lo, hi = clause(toks, trig.first, trig.last)
        next_trigger = triggers[n + 1].first if n + 1 < len(triggers) else len(toks)
        t_start, t_end = toks[trig.first].start, toks[trig.last].end
        # Words of a time phrase ("منذ إغلاق المعبر في مدينة رفح") are arguments only of an
        # event named inside it.
        free = [u for u in units if not any(d.start <= u.start and u.end <= d.end
                                            and not d.start <= t_start < d.end for d in dates)]
        actors, targets, locations = assign_roles(text, toks, free, trig, lo, hi, next_trigger, counts)
        negated, modality, governor = read_modality(toks, trig, lo, hi)
        if not actors and governor is None and not trig.verbal:
            governor = light_verb(toks, trig, lo)
        if not actors and governor is not None:
            actors = governor_subject(text, toks, free, governor, trig, lo)
        mine = [d for d in dates if _date_owner(toks, triggers, d, dates) is trig]
        date = min(mine, key=lambda d: abs(d.start - t_start)) if mine else None
        quantity = pick_magnitude(text, toks, counts, trig, s_start, s_end,
                                  (toks[lo].start, toks[hi].end))
        mode = read_mode(toks, trig, lo, hi)
        historical = is_historical(date.value if date else None,
                                   date.granularity if date else None, now) or bool(
            {t.key for t in toks[lo:hi + 1]} & cues.HISTORY_CUES and trig.verbal)
        role = _role(toks, trig)
        counted = not trig.verbal and any(q.start < toks[trig.first].start < q.end for q in counts)
        # "تلك الهجمات": a demonstrative points back to an event already reported. A bare noun
        # after a preposition with no participant is usually a topic ("عقب الاجتماع", "عن
        # طريق التفاوض") rather than a reported event.
        anaphoric = not trig.verbal and trig.first > 0 and toks[trig.first - 1].key in cues.DEMONSTRATIVES
        resumptive = trig.verbal and trig.last + 1 < len(toks) and toks[trig.last + 1].key in cues.RESUMPTIVES
        confidence = (trig.entry.conf + (0.05 if actors or targets else -0.1) + (0.03 if mode else 0)
                      - (0.25 if role == "pp" and not (actors or targets) else 0)
                      - (0.3 if anaphoric else 0))
        segment = sum(1 for t in toks[:trig.first] if t.key in cues.SEGMENT_WORDS)
        events.append(((lo, segment, "refer" if anaphoric or counted or resumptive else role), trig, Event(
            sentence_start=s_start, sentence_end=s_end, trigger_start=t_start, trigger_end=t_end,
            trigger=text[t_start:t_end], event_type=trig.entry.type, mode=mode,
            actors=tuple(actors), targets=tuple(targets), locations=tuple(locations),
            date=date.value if date else None, date_granularity=date.granularity if date else None,
            date_evidence=date.evidence if date else None,
            date_start=date.start if date else None, date_end=date.end if date else None,
            magnitude=quantity.value if quantity else None,
            magnitude_unit=quantity.unit if quantity else None,
            magnitude_evidence=quantity.evidence if quantity else None,
            negated=negated, hypothetical=modality is not None, modality=modality,
            historical=historical, confidence=round(min(0.99, max(0.05, confidence)), 3),
        )))
    pairs = _fold_demands(_merge(_fold_references(events)))
    return _offset_dates(text, s_start, s_end, pairs, now), reason


def _named(toks: list[Tok], mentions: list[Mention]) -> frozenset[int]:
    """Indices of the tokens inside a mention that is not a nationality adjective (tokens are
    in order and do not overlap: those inside a span are a run found by bisection)."""
    if not mentions:
        return frozenset()
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    return frozenset(k for m in mentions if not m.adjectival
                     for k in range(bisect_left(starts, m.start), bisect_right(ends, m.end)))


def _offset_dates(text: str, s_start: int, s_end: int, pairs: list[tuple[Trigger, Event]],
                  now: dt.date | None) -> list[tuple[Trigger, Event]]:
    """"اعتقلت الشرطة في 12 مارس 2021 ثلاثة، بعد يومين من هجوم على مركز": an event right
    after a distance phrase is dated from the event before the phrase, or the other way round."""
    out = list(pairs)
    for offset in find_offsets(text[s_start:s_end]):
        start, end = s_start + offset.start, s_start + offset.end
        after = next((n for n, (_, ev) in enumerate(out)
                      if ev.trigger_start >= end and not text[end:ev.trigger_start].strip()), None)
        before = max((n for n, (_, ev) in enumerate(out) if ev.trigger_end <= start),
                     key=lambda n: out[n][1].trigger_start, default=None)
        if after is None or before is None:
            continue
        for src, dst, sign in ((before, after, 1), (after, before, -1)):
            anchor, ev = out[src][1], out[dst][1]
            if ev.date is not None or anchor.date is None:
                continue
            shifted = apply_offset(anchor.date, anchor.date_granularity,
                                   replace(offset, amount=sign * offset.amount))
            if shifted is not None:
                out[dst] = (out[dst][0], replace(
                    ev, date=shifted[0], date_granularity=shifted[1], date_evidence=offset.evidence,
                    date_start=start, date_end=end,
                    historical=ev.historical or is_historical(*shifted, now)))
    return out


def _fold_demands(pairs: list[tuple[Trigger, Event]]) -> list[tuple[Trigger, Event]]:
    """A demanded action belongs to the demand: "طالب البرلمان بسحب القوات" is one REQUEST
    whose mode names what is requested (PLOVER), with the action word as a further trigger.
    Demanded with no demand word ("حان وقت مغادرة واشنطن"), the action word names a REQUEST
    whose target is the party asked to act."""
    out: list[tuple[Trigger, Event]] = []
    for trig, ev in pairs:
        if ev.modality == "demanded" and not ev.negated and not any(
                e.event_type == "REQUEST" for _, e in out):
            out.append((trig, replace(ev, event_type="REQUEST", mode=ev.event_type.lower(),
                                      actors=(), targets=ev.actors or ev.targets,
                                      hypothetical=False, modality=None)))
            continue
        k = next((n for n in range(len(out) - 1, -1, -1) if out[n][1].event_type == "REQUEST"), None)
        if ev.modality == "demanded" and k is not None:
            req_trig, req = out[k]
            out[k] = (req_trig, replace(
                req, mode=req.mode or ev.event_type.lower(),
                targets=req.targets or ev.actors or ev.targets, locations=req.locations or ev.locations,
                date=req.date or ev.date, date_granularity=req.date_granularity or ev.date_granularity,
                date_evidence=req.date_evidence or ev.date_evidence,
                date_start=req.date_start if req.date else ev.date_start,
                date_end=req.date_end if req.date else ev.date_end,
                other_triggers=req.other_triggers + ((ev.trigger_start, ev.trigger_end, ev.trigger),)
                + ev.other_triggers))
            continue
        out.append((trig, ev))
    return out


def _inside(inner, outer) -> bool:
    """Whether span ``inner`` lies within span ``outer`` (a different object)."""
    return inner is not outer and outer.start <= inner.start and inner.end <= outer.end


def _date_owner(toks: list[Tok], triggers: list[Trigger], date: DateMention,
                dates: list[DateMention]) -> Trigger | None:
    """The trigger a date belongs to. In "تتعرض القوات منذ انسحاب الجيش في مارس 2020 لهجمات"
    the range belongs to a trigger outside it (هجمات) and the date inside the range only to
    the anchor event inside it (انسحاب), or to none."""
    outer = next((o for o in dates if _inside(date, o)), None)
    spans = [(t, toks[t.first].start, toks[t.last].end) for t in triggers]
    if outer is not None:
        pool = [t for t, s, e in spans if outer.start <= s and e <= date.start]
    else:
        pool = [t for t, s, e in spans if not (date.start <= s and e <= date.end)]
    return _nearest_trigger(toks, pool, date.start) if pool else None


def _nearest_trigger(toks: list[Tok], triggers: list[Trigger], offset: int) -> Trigger:
    """The trigger a date belongs to: one in the date's clause, preferably before it (an
    adverbial follows its verb: "المنتشرة في العراق منذ العام 2014"), else the closest."""
    k = next((n for n, t in enumerate(toks) if t.end > offset), len(toks) - 1)
    home = clause(toks, k, k)

    def rank(t: Trigger) -> tuple[int, int, int]:
        distance = min(abs(offset - toks[t.first].start), abs(offset - toks[t.last].end))
        return (clause(toks, t.first, t.last) != home, toks[t.first].start > offset, distance)

    return min(triggers, key=rank)


def _role(toks: list[Tok], trig: Trigger) -> str:
    """How a trigger relates to others of its clause: "means" (سيارة مفخخة), "outcome"
    (مقتل، أصيب), "pp" (a noun after a preposition: "في هجوم") or "main"."""
    words = set(match_key(trig.entry.lemma.replace("/", " ")).split())
    if words & cues.MEANS_WORDS:
        return "means"
    if words & cues.OUTCOME_WORDS or trig.entry.pos == "P":
        return "outcome"
    prev = toks[trig.first - 1].key if trig.first else ""
    if not trig.verbal and (prev in cues.ALL_PREPS or preposition_clitic(toks[trig.first].key)):
        return "pp"
    return "main"


def _fold_references(events: list[tuple[tuple[int, int, str], Trigger, Event]]
                     ) -> list[tuple[tuple[int, int, str], Trigger, Event]]:
    """"الهجمات المتكررة … تلك الهجمات التي ارتفعت إلى 12 هجوماً": a demonstrative, a counted
    noun or a verb with a resumptive pronoun ("أقر قرارا … دعا فيه") names an event already
    named earlier in the sentence; it adds its arguments, count and date."""
    out: list[tuple[tuple[int, int, str], Trigger, Event]] = []
    for (clause_start, segment, role), trig, ev in events:
        if role == "refer":
            n = next((n for n in range(len(out) - 1, -1, -1)
                      if out[n][2].event_type == ev.event_type and out[n][2].negated == ev.negated
                      and out[n][2].hypothetical == ev.hypothetical), None)
            if n is not None:
                key, main_trig, main = out[n]
                out[n] = (key, main_trig, _absorb(main, ev))
                continue
            role = "main"
        out.append(((clause_start, segment, role), trig, ev))
    return out


def _absorb(main: Event, other: Event) -> Event:
    """``main`` with what it lacks taken from ``other``, and ``other``'s trigger recorded."""
    return replace(
        main,
        mode=main.mode or other.mode,
        actors=main.actors or other.actors,
        targets=main.targets or other.targets,
        locations=main.locations or other.locations,
        date=main.date or other.date,
        date_granularity=main.date_granularity or other.date_granularity,
        date_evidence=main.date_evidence or other.date_evidence,
        date_start=main.date_start if main.date_evidence else other.date_start,
        date_end=main.date_end if main.date_evidence else other.date_end,
        magnitude=main.magnitude if main.magnitude is not None else other.magnitude,
        magnitude_unit=main.magnitude_unit or other.magnitude_unit,
        magnitude_evidence=main.magnitude_evidence or other.magnitude_evidence,
        historical=main.historical or other.historical,
        confidence=max(main.confidence, other.confidence),
        other_triggers=main.other_triggers + ((other.trigger_start, other.trigger_end, other.trigger),)
        + other.other_triggers,
    )


def _merge(events: list[tuple[tuple[int, int, str], Trigger, Event]]) -> list[tuple[Trigger, Event]]:
    """Merge triggers of one type and modality that name the same event: the means, outcome
    or prepositional phrase of a main trigger in its clause ("قتل 20 شخصا في هجوم بسيارة
    مفخخة"), and such secondary mentions across clauses of one sentence part ("مقتل سليماني،
    قائد فيلق القدس، في ضربة أميركية"; "زار واشنطن، للتفاوض"). Two main triggers stay two events; a main trigger
    names the merged event."""
    groups: list[tuple[tuple, list[tuple[str, Trigger, Event]]]] = []
    for (clause_start, segment, role), trig, ev in events:
        key = (ev.event_type, ev.negated, ev.hypothetical)

        def fits(place: tuple, members: list) -> bool:
            has_main = any(r == "main" for r, _, _ in members)
            if place[0] == clause_start:
                return not (role == "main" and has_main)
            return place[1] == segment and role != "main"

        home = next((members for (k, place), members in groups if k == key and fits(place, members)),
                    None)
        if home is None:
            groups.append(((key, (clause_start, segment)), [(role, trig, ev)]))
        else:
            home.append((role, trig, ev))
    merged: list[tuple[Trigger, Event]] = []
    for _, members in groups:
        members.sort(key=lambda m: m[0] != "main")  # stable: the first main trigger leads
        _, trig, main = members[0]
        for _, _, other in members[1:]:
            main = _absorb(main, other)
        merged.append((trig, main))
    merged.sort(key=lambda pair: (pair[1].trigger_start, pair[1].event_type))
    return merged


def _is_heading(text: str, start: int, end: int, title: str | None = None) -> bool:
    """The document's title on a line of its own, or a short line without final punctuation: a
    headline or subheading, which restates the body's events without their context."""
    line = text[start:end].strip()
    alone = (start == 0 or text[start - 1] == "\n") and (end >= len(text) or text[end] == "\n")
    if alone and title is not None and line == title.strip():
        return True
    return alone and len(line.split()) <= 12 and not line.endswith((".", "!", "»", '"', "”", ":"))


def extract_events(text: str, sentences: list[tuple[int, int]], mentions: list[Mention],
                   published: dt.date | None, title: str | None = None) -> EventResult:
    """Events of a document's clean text; offsets index ``text``. The sentence that is the
    document's ``title`` (when the cleaner found one) is a heading, whatever its length."""
    dates = find_dates(text, published)
    ranges = find_ranges(text, dates, published)
    # Without a publication date, the latest date in the text stands in for "now" when
    # deciding whether an event is historical.
    now = published or max((d.value for d in dates + ranges if d.value), default=None)
    dates_in, ranges_in = _Within(dates), _Within(ranges)
    mentions_in = _Within(sorted(mentions, key=lambda m: (m.start, m.end)))
    # Quantities are in text order and do not overlap: their starts and ends both ascend.
    quantities = find_quantities(text)
    q_starts, q_ends = [q.start for q in quantities], [q.end for q in quantities]
    events: list[Event] = []
    examined: list[NoEvent] = []
    for s_start, s_end in sentences:
        if len(sentences) > 1 and _is_heading(text, s_start, s_end, title):
            examined.append(NoEvent(s_start, s_end, "heading"))
            continue
        overlapping = quantities[bisect_left(q_ends, s_start):bisect_right(q_starts, s_end)]
        found, reason = _sentence_events(text, s_start, s_end, mentions_in(s_start, s_end),
                                         dates_in(s_start, s_end) + ranges_in(s_start, s_end),
                                         overlapping, now)
        kept = [e for e in found if e.event_type in calibrate.CALIBRATED_TYPES
                or e.confidence >= MIN_CONFIDENCE]
        if kept:
            events.extend(kept)
        elif found:
            examined.append(NoEvent(s_start, s_end, "only low-confidence triggers: "
                                    + ", ".join(e.trigger for e in found)))
        else:
            examined.append(NoEvent(s_start, s_end, reason))
    return EventResult(events, examined)


def detect(sentence: str) -> list[Event]:
    """The same detector on one sentence alone (no mentions, no publication date)."""
    return extract_events(sentence, [(0, len(sentence))], [], None).events
