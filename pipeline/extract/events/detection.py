"""Trigger detection: lexicon words and phrases, with the context some of them need."""

from __future__ import annotations

from pipeline.extract.events import cues
from pipeline.extract.events.lexicon import Entry, load, longest_phrase, strippings
from pipeline.extract.events.tokens import Tok, Trigger
from pipeline.text.numbers import Quantity


def _needs_met(toks: list[Tok], last: int, needs: tuple[str, ...]) -> bool:
    for tok in toks[last + 1:last + 5]:
        for stem, _ in strippings(tok.key):
            if any(stem.startswith(n) for n in needs):
                return True
    return False


def _as_subject(toks: list[Tok], i: int) -> bool:
    """A participant noun ("المتظاهرون") names a protest only as a subject: nominative,
    or counted ("آلاف المتظاهرين"), and never after a preposition."""
    key = toks[i].key
    prefix = strippings(key)[-1][1]
    prev = toks[i - 1].key if i else ""
    if "ب" in prefix or "ل" in prefix.replace("ال", "") or prev in cues.ALL_PREPS:
        return False
    return key.endswith("ون") or prev in cues.CROWD_COUNTS or prev[-1:].isdigit()


def find_triggers(toks: list[Tok], named: frozenset[int] = frozenset()) -> tuple[list[Trigger], str]:
    """Trigger words and phrases, skipping tokens inside names (``named`` token indices):
    "الإطار التنسيقي" is a coalition, "مشتاق طالب" a person."""
    lex = load()
    keys = [t.key for t in toks]
    found: list[Trigger] = []
    reasons: list[str] = []
    i = 0
    while i < len(toks):
        if toks[i].punct or i in named:
            i += 1
            continue
        starts, hit = lex.word(keys[i])
        phrase = longest_phrase(starts, keys, i) if starts else None
        if phrase is not None:
            width, entry = phrase
            if entry.type == "NONE":
                reasons.append(f"blocked phrase: {entry.lemma}")
            else:
                found.append(Trigger(i, i + width - 1, entry))
            i += width
            continue
        if hit is not None:
            entries = [e for e in hit[1] if (not e.needs or _needs_met(toks, i, e.needs))
                       and (e.pos != "S" or _as_subject(toks, i))]
            if any(e.type == "NONE" for e in entries):
                reasons.append(f"blocked word: {entries[0].lemma}")
            elif entries:
                # Prefer a passive reading only when the active one is not also listed.
                entry = max(entries, key=lambda e: (e.pos == "V", e.conf))
                found.append(Trigger(i, i, entry))
            else:
                reasons.append(f"trigger without required context: {hit[1][0].lemma}")
        i += 1
    return found, "; ".join(dict.fromkeys(reasons)) or "no trigger word"


_PRESENCE = Entry("MOBILIZE", "presence", "N", "A", 0.7, (), "<troop count> في")


def with_troop_presence(toks: list[Tok], triggers: list[Trigger],
                         counts: list[Quantity]) -> list[Trigger]:
    """"2500 جندي أميركي في العراق": a stated troop strength somewhere is a deployment, unless a
    deployment or withdrawal trigger already governs the count."""
    added = list(triggers)
    for q in counts:
        if q.unit != "troops" or q.value < 100 or q.unit_text is None:
            continue
        noun_start = q.end - len(q.unit_text)
        noun = next((k for k, t in enumerate(toks) if t.start <= noun_start < t.end), None)
        if noun is None:
            continue
        after = [t.key for t in toks[noun + 1:noun + 4]]
        if "في" not in after:
            continue
        governed = any(t.entry.type in ("MOBILIZE", "RETREAT") and 0 <= noun - t.last <= 8
                       for t in triggers)
        if not governed:
            added.append(Trigger(noun, noun, _PRESENCE))
    return sorted(added, key=lambda t: t.first)
