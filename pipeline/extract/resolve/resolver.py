"""Entity resolution: every mention gets an entity, every link a reason.

1. Each mention gets an *anchor*: a country (names, nationality adjectives, a capital used for
   its government), a lexicon organisation, or its own name key (clitics, titles removed) within
   its type family (PERSON, ORG, PLACE = GPE/LOC, FAC).
2. Within a document, a person's family name alone and a role phrase ("رئيس الوزراء العراقي")
   take the anchor of the full name the text gives for them; a name the tagger cut before a
   nisba family name ("محمد شياع" + "السوداني") is rejoined.
3. Across documents, anchors with the same key are one entity; anchors are further joined by
   fuzzy spelling variants (blocked by type and name affixes, never all pairs), head nouns
   ("حركة X"/"X", "محافظة X"/"X") and a family name that only one person in the corpus carries.
Role phrases that are not mentions are returned as ``Resolution.descriptions``.
The entity id hashes the type and the canonical name's match key, so it is stable across runs.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from pipeline.extract import gazetteer
from pipeline.extract.mention import Mention
from pipeline.extract.resolve import lexicon, metonymy, names, roles
from pipeline.extract.resolve.model import Description, Entity, Link, Resolution
from pipeline.extract.resolve.surface import Surface, drop_letters, split_clitic, trim
from pipeline.ids import stable_id
from pipeline.text.normalize import match_key
from pipeline.text.tokenize import tokenize

# (kind, type family, key): kind is "country", "org" (lexicon), "name" or "title" (a role phrase
# tagged as a person, scoped to its document).
Anchor = tuple[str, str, str]
_FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "FAC"}
_COMMA = frozenset(("،", ","))
_CITY = match_key("مدينة")
_SEP = "\x1f"
_MAX_BLOCK = 5000  # larger blocks hold common prefixes, not spelling variants; they are skipped
_MAX_CONTEXT_DOCS = 200  # documents sampled (in id order) when looking for shared context
# News repeats the same words and names: memoised lookups keep resolution near linear in mentions.
_key = lru_cache(maxsize=1 << 18)(match_key)
_country_for = lru_cache(maxsize=1 << 16)(gazetteer.country_for)


@dataclass(slots=True)
class _Assigned:
    """One mention's resolution before entity ids exist."""

    anchor: Anchor
    display: str  # the name as written, without clitics and titles
    steps: list[str] = field(default_factory=list)
    is_name: bool = True  # adjectives, metonyms and role phrases are not names of the entity
    label: str = ""


@dataclass(slots=True)
class _Doc:
    doc_id: str
    text: str
    mentions: list[Mention]
    tokens: list[tuple[int, int]]
    keys: list[str]
    starts: list[int] = field(default_factory=list)

    def token_index(self, offset: int) -> int:
        """Index of the token containing or following ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and self.tokens[i][1] > offset else i + 1


def _country_anchor(name: str) -> Anchor:
    return ("country", "GPE", match_key(name))


@lru_cache(maxsize=1 << 16)
def _nisba(text: str) -> str | None:
    """Country of a nationality adjective, or of the first word of a phrase ("العراقية الكردية")."""
    country = gazetteer.nisba_country(text)
    if country is None:
        for word in text.split():
            country = gazetteer.nisba_country(word)
            if country:
                break
    return country


@lru_cache(maxsize=1 << 16)
def _nisba_typo(word: str) -> str | None:
    """Country of a tagged adjective with one vowel letter dropped or added ("الأمركية"); long words only,
    since one letter separates short ones."""
    if " " in word or len(word) < 7:
        return None
    edits = [word[:i] + c + word[i:] for i in range(2, len(word)) for c in "يوا"]
    edits += [word[:i] + word[i + 1 :] for i in range(2, len(word)) if word[i] in "يوا"]
    return next((c for c in map(gazetteer.nisba_country, edits) if c), None)


@lru_cache(maxsize=1 << 16)
def _split_title(text: str) -> tuple[str, str]:
    """(title, name) of a PERSON mention that includes its title ("الرئيس بايدن")."""
    spans = tokenize(text)
    keys = [_key(text[s:e]) for s, e in spans]
    phrase = roles.phrase_at(keys, 0) if keys else None
    if phrase is None or phrase.stop >= len(spans):
        return ("", text) if phrase is None else (text, "")
    return text[: spans[phrase.stop - 1][1]], text[spans[phrase.stop][0] :]


def _longest_name(shown: Counter) -> str:
    """The longest name by words, then the most frequent; a spacing variant with more words
    than another spelling of the same letters ("با تريك رايدر" beside "باتريك رايدر") is a typo."""
    fewest: dict[str, int] = {}
    for text in shown:
        c = names.compact(_key(text))
        fewest[c] = min(fewest.get(c, 99), len(text.split()))
    eligible = [t for t in shown if len(t.split()) == fewest[names.compact(_key(t))]]
    return max(eligible, key=lambda t: (len(t.split()), shown[t], len(t), t))


def _phrase_span(doc: _Doc, phrase: roles.RolePhrase) -> tuple[int, int]:
    """Character span of a role phrase without the clitic of its first word ("ووزير" -> "وزير")."""
    start, end = doc.tokens[phrase.first][0], doc.tokens[phrase.stop - 1][1]
    word = doc.text[start : doc.tokens[phrase.first][1]]
    extra = len(doc.keys[phrase.first]) - len(phrase.key.split(" ", 1)[0])
    return start + len(word) - len(drop_letters(word, max(extra, 0))), end


class _Resolver:
    def __init__(self, docs: list[tuple[str, str, list[Mention]]]):
        self.counts = Counter(_key(trim(m.text)) for _, _, ms in docs for m in ms)
        # A family name attests a clitic-stripped form too ("ورايدر" -> "رايدر" after "باتريك رايدر").
        self.counts.update(k.split()[-1] for k in list(self.counts.elements()) if " " in k)
        self.person_names = {
            _key(_split_title(trim(m.text))[1]) for _, _, ms in docs for m in ms if m.label == "PERSON"
        }
        self.assigned: dict[tuple[str, int], _Assigned] = {}
        self.descriptions: list[tuple[str, int, int, str, Anchor, str]] = []
        self.country_names: dict[Anchor, str] = {}
        self.org_names: dict[Anchor, lexicon.Alias] = {}
        self.parent: dict[Anchor, Anchor] = {}
        self.joins: dict[Anchor, list[str]] = defaultdict(list)
        self.anchor_docs: dict[Anchor, set[str]] = defaultdict(set)
        self.doc_context: dict[str, set[Anchor]] = defaultdict(set)  # persons and organisations per document

    # ---- per mention -------------------------------------------------------------------
    def _surface(self, text: str) -> Surface:
        return split_clitic(text, self.counts.__getitem__)

    def _base(self, doc: _Doc, index: int, state_before: bool) -> _Assigned:
        m = doc.mentions[index]
        family = _FAMILY.get(m.label, m.label)
        if family == "PERSON":
            title, name = _split_title(trim(m.text))
            if not name:  # a role phrase tagged as a name: resolved with role phrases, else kept to its document
                return _Assigned(("title", "PERSON", f"{match_key(title)}{_SEP}{doc.doc_id}"), title, [], is_name=False)
            surface = self._surface(name)
            steps = ["clitic_variant"] if surface.clitic else []
            if title:
                steps.append("title_removed")
            return _Assigned(("name", "PERSON", surface.key), surface.text, steps)
        surface = self._surface(m.text)
        steps = ["clitic_variant"] if surface.clitic else []
        country = _country_for(surface.text)
        if country is None and (m.adjectival or family == "PLACE"):
            nisba = _nisba(surface.text)
            if nisba:
                return self._country(nisba, surface.text, [*steps, f"nisba_adjective:{nisba}"], is_name=False)
            typo = _nisba_typo(surface.text) if m.adjectival else None
            if typo:
                return self._country(typo, surface.text, [*steps, f"nisba_adjective:{typo}", "misspelt"], is_name=False)
        if country is not None:
            alias = [] if _key(country) == surface.key else ["alias_lexicon"]
            return self._country(country, surface.text, steps + alias)
        org = self._organization(surface.key)
        if org is not None:
            anchor = ("org", org.entity_type, match_key(org.canonical))
            self.org_names[anchor] = org
            alias = [] if anchor[2] == surface.key else ["alias_lexicon"]
            return _Assigned(anchor, surface.text, steps + alias)
        capital_of = lexicon.capitals().get(surface.key)
        if capital_of is not None:
            first = doc.token_index(m.start)
            stop = max(first + 1, doc.token_index(m.end - 1) + 1)
            # A tagger may leave the clitic outside the span: "و" + [طهران].
            outer = match_key(doc.text[doc.tokens[first][0] : m.start]) if first < len(doc.tokens) else ""
            if metonymy.governs(doc.text, doc.tokens, doc.keys, first, stop, outer + surface.clitic, state_before):
                country = gazetteer.country_for(capital_of) or capital_of
                reason = f"capital_metonymy:{surface.text}->{country}"
                return self._country(country, surface.text, [*steps, reason], is_name=False)
        head = self._place_head_before(doc, m) if family == "PLACE" else None
        if head and not surface.key.startswith(f"{match_key(head)} "):
            name = f"{head} {surface.text}"
            return _Assigned(("name", family, match_key(name)), name, [*steps, "head_noun_in_context"])
        return _Assigned(("name", family, surface.key), surface.text, steps)

    @staticmethod
    def _place_head_before(doc: _Doc, m: Mention) -> str | None:
        """The place head noun the tagger left before the span: "ومحافظة [الأنبار]" -> "محافظة"."""
        i = doc.token_index(m.start) - 1
        if i < 0 or doc.tokens[i][1] + 1 < m.start:
            return None
        key = doc.keys[i]
        for variant in gazetteer.clitic_variants(key):
            if variant in lexicon.place_heads():
                text = doc.text[doc.tokens[i][0] : doc.tokens[i][1]]
                return drop_letters(text, len(key) - len(variant))
        return None

    def _country(self, country: str, display: str, steps: list[str], is_name: bool = True) -> _Assigned:
        anchor = _country_anchor(country)
        self.country_names[anchor] = country
        return _Assigned(anchor, display, steps, is_name)

    @staticmethod
    def _organization(key: str) -> lexicon.Alias | None:
        orgs = lexicon.organizations()
        if key in orgs:
            return orgs[key]
        head, _, rest = key.partition(" ")
        return orgs.get(rest) if rest and gazetteer.is_org_head(head) else None

    # ---- per document ------------------------------------------------------------------
    def document(self, doc_id: str, text: str, mentions: list[Mention]) -> None:
        spans = tokenize(text)  # tokens live only while their document is resolved
        doc = _Doc(doc_id, text, mentions, spans, [_key(text[s:e]) for s, e in spans], [s for s, _ in spans])
        order = sorted(range(len(doc.mentions)), key=lambda i: (doc.mentions[i].start, doc.mentions[i].end))
        local: dict[int, _Assigned] = {}
        previous_end, previous_state = -1, False
        for i in order:
            m = doc.mentions[i]
            adjacent = previous_end >= 0 and doc.text[previous_end : m.start].strip() in ("", "و")
            local[i] = self._base(doc, i, adjacent and previous_state)
            local[i].label = m.label
            previous_end, previous_state = m.end, self._acts_as_state(doc, m, local[i])
        self._split_names(doc, order, local)
        self._family_names(doc, order, local)
        self._role_phrases(doc, local)
        for i, a in local.items():
            self.assigned[(doc.doc_id, i)] = a
            self.anchor_docs[a.anchor].add(doc.doc_id)
            if a.is_name and a.anchor[1] in ("PERSON", "ORG", "FAC"):
                self.doc_context[doc.doc_id].add(a.anchor)

    @staticmethod
    def _acts_as_state(doc: _Doc, m: Mention, assigned: _Assigned) -> bool:
        """A governing capital, or a country name right after "بين" or a political word."""
        if assigned.anchor[0] != "country" or m.adjectival:
            return False
        first = doc.token_index(m.start)
        stop = max(first + 1, doc.token_index(m.end - 1) + 1)
        return any(s.startswith("capital_metonymy") for s in assigned.steps) or metonymy.actor_context(
            doc.keys, first, stop
        )

    def _split_names(self, doc: _Doc, order: list[int], local: dict[int, _Assigned]) -> None:
        """A person name cut before a nisba family name ("محمد شياع" + "السوداني") is rejoined when
        the corpus has the whole name as a person."""
        for i, j in zip(order, order[1:]):
            first, second = doc.mentions[i], doc.mentions[j]
            if local[i].anchor[:2] != ("name", "PERSON") or not second.adjectival or doc.text[first.end : second.start].strip():
                continue
            whole = f"{local[i].anchor[2]} {_key(trim(second.text))}"
            if whole in self.person_names:
                anchor = ("name", "PERSON", whole)
                reason = f"name_continuation:{local[i].display} {trim(second.text)}"
                whole_name = f"{local[i].display} {trim(second.text)}"
                local[i] = _Assigned(anchor, whole_name, [*local[i].steps, reason], label=first.label)
                local[j] = _Assigned(anchor, trim(second.text), [reason], is_name=False, label=second.label)

    @staticmethod
    def _family_names(doc: _Doc, order: list[int], local: dict[int, _Assigned]) -> None:
        """A one-word person name takes the nearest full name in the document it ends."""
        people = [i for i in order if local[i].anchor[:2] == ("name", "PERSON")]
        full = [i for i in people if " " in local[i].anchor[2]]
        for i in people:
            key = local[i].anchor[2]
            candidates = [j for j in full if names.is_short_form(key, local[j].anchor[2])]
            if not candidates:
                continue
            start = doc.mentions[i].start
            before = [j for j in candidates if doc.mentions[j].start < start]
            j = before[-1] if before else candidates[0]
            local[i].anchor = local[j].anchor
            local[i].steps.append(f"surname_of:{local[j].display}")

    def _role_phrases(self, doc: _Doc, local: dict[int, _Assigned]) -> None:
        """Role phrases in apposition to a person's name ("وزير الخارجية العراقي فؤاد حسين" or
        "فؤاد حسين، وزير الخارجية العراقي") name that person wherever else the document uses them."""
        people = [i for i, m in enumerate(doc.mentions) if local[i].anchor[:2] == ("name", "PERSON")]
        starts = {doc.token_index(doc.mentions[i].start): i for i in people}
        ends = {doc.token_index(doc.mentions[i].end - 1): i for i in people}
        inside = {t for i in people for t in range(doc.token_index(doc.mentions[i].start), doc.token_index(doc.mentions[i].end - 1) + 1)}
        named: dict[str, list[tuple[int, Anchor, str]]] = defaultdict(list)
        bare: list[roles.RolePhrase] = []
        for phrase in roles.find_phrases(doc.keys, frozenset(starts)):
            if phrase.first in inside:  # a title the tagger kept inside the name: handled below
                continue
            comma_after = phrase.stop < len(doc.keys) and doc.keys[phrase.stop] in _COMMA
            person = starts.get(phrase.stop + comma_after)
            if person is None and phrase.first > 1 and doc.keys[phrase.first - 1] in _COMMA:
                person = ends.get(phrase.first - 2)
            if person is None:
                bare.append(phrase)
            elif " " in local[person].anchor[2]:
                start, end = _phrase_span(doc, phrase)
                named[phrase.key].append((start, local[person].anchor, local[person].display))
                reason = f"role_apposition:{local[person].display}"
                self.descriptions.append((doc.doc_id, start, end, doc.text[start:end], local[person].anchor, reason))
        for i in people:
            title, _name = _split_title(trim(doc.mentions[i].text))
            if title and " " in local[i].anchor[2]:
                key = roles.phrase_at([match_key(title[s:e]) for s, e in tokenize(title)], 0).key
                named[key].append((doc.mentions[i].start, local[i].anchor, local[i].display))
        for phrase in bare:
            if phrase.stop - phrase.first < 2 or phrase.key not in named:
                continue
            start, end = _phrase_span(doc, phrase)
            found = sorted(named[phrase.key], key=lambda t: (t[0] > start, abs(t[0] - start)))
            _, anchor, display = found[0]
            text = doc.text[start:end]
            reason = f"role_description:{text} in same document"
            self.descriptions.append((doc.doc_id, start, end, text, anchor, reason))
            head_start, head_end = doc.tokens[phrase.first]
            for i, m in enumerate(doc.mentions):
                if m.start < head_end and m.end > head_start:
                    local[i] = _Assigned(anchor, display, [reason], is_name=False, label=m.label)

    # ---- across documents --------------------------------------------------------------
    def find(self, a: Anchor) -> Anchor:
        root = a
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while a != root:
            self.parent[a], a = root, self.parent[a]
        return root

    def union(self, a: Anchor, b: Anchor, reason_a: str, reason_b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.parent[max(ra, rb)] = min(ra, rb)
        self.joins[a].append(reason_a)
        self.joins[b].append(reason_b)

    def link_across(self) -> None:
        display: dict[Anchor, Counter] = defaultdict(Counter)
        for a in self.assigned.values():
            display[a.anchor][a.display] += 1
        anchors = sorted(display)
        label = {a: max(display[a], key=lambda t, c=display[a]: (c[t], t)) for a in anchors}
        self._spelling_variants([a for a in anchors if a[0] == "name"], label)
        self._head_nouns([a for a in anchors if a[:2] in (("name", "ORG"), ("name", "PLACE"))], label)
        self._unique_family_names([a for a in anchors if a[:2] == ("name", "PERSON")], label)

    def _spelling_variants(self, anchors: list[Anchor], label: dict[Anchor, str]) -> None:
        blocks: dict[tuple[str, str], list[Anchor]] = defaultdict(list)
        for a in anchors:
            for block in names.blocks(a[2]):
                blocks[(a[1], block)].append(a)
        for (family, _), members in sorted(blocks.items()):
            if len(members) < 2 or len(members) > _MAX_BLOCK:
                continue
            folded = [names.compact(a[2]) for a in members]
            # A C-speed prefilter on whole-name similarity; variant_score applies the word rules.
            scores = process.cdist(folded, folded, scorer=fuzz.ratio, score_cutoff=min(names.NAME_SCORE.values()))
            for x, y in zip(*np.nonzero(np.triu(scores, k=1)), strict=True):
                a, b = members[x], members[y]
                score = names.variant_score(a[2], b[2], family)
                if score is not None:
                    self.union(a, b, f"spelling_variant:{label[b]}:{score}", f"spelling_variant:{label[a]}:{score}")

    def _head_nouns(self, anchors: list[Anchor], label: dict[Anchor, str]) -> None:
        """"تنظيم X"/"X" name one organisation and "محافظة X"/"X" one place (unless X is a city, which
        only "مدينة X" names). An organisation's X may not start with the article: "حزب الله" is not
        "الله", "جيش المهدي" not "المهدي"."""
        present = set(anchors)
        for a in anchors:
            head, _, rest = a[2].partition(" ")
            other = ("name", a[1], rest)
            if not rest or other not in present:
                continue
            # "محافظة البصرة" is not the city البصرة, "مدينة البصرة" is.
            place = head in lexicon.place_heads() and (head == _CITY or not gazetteer.is_city(rest))
            if a[1] == "PLACE" and place or (a[1] == "ORG" and not rest.startswith("ال") and gazetteer.is_org_head(head)):
                self.union(a, other, f"head_noun_variant:{label[other]}", f"head_noun_variant:{label[a]}")

    def _unique_family_names(self, anchors: list[Anchor], label: dict[Anchor, str]) -> None:
        """A family name alone joins a full name from other documents only with evidence: one
        person in the corpus carries it, no one uses it as a given name ("خليل", "حسين"), and a
        document of each shares another person or organisation."""
        by_family: dict[str, set[Anchor]] = defaultdict(set)
        given: set[str] = set()
        for a in anchors:
            words = a[2].split()
            if len(words) > 1:
                by_family[words[-1]].add(a)
                given.update(words[:-1])
        for a in anchors:
            if " " in a[2] or a[2] not in by_family or a[2] in given:
                continue
            people = {self.find(b) for b in by_family[a[2]]}
            if len(people) != 1:
                continue
            full = min(by_family[a[2]])
            shared = self._shared_context(a, full)
            if shared is not None:
                reason = f"surname_unique_in_corpus:{{}};shared_context:{label[shared]}"
                self.union(a, full, reason.format(label[full]), reason.format(label[a]))

    def _shared_context(self, a: Anchor, b: Anchor) -> Anchor | None:
        """A person or organisation (other than ``a`` and ``b``) in a document of each, if any."""
        def context(anchor: Anchor) -> set[Anchor]:
            docs = sorted(self.anchor_docs[anchor])[:_MAX_CONTEXT_DOCS]
            return set().union(*(self.doc_context[d] for d in docs))

        common = (context(a) & context(b)) - {a, b}
        return min(common) if common else None

    # ---- entities ----------------------------------------------------------------------
    def _canonical(self, members: list[Anchor], shown: Counter, labels: Counter) -> tuple[str, str]:
        """(canonical name, type) of a group of anchors."""
        countries = sorted(a for a in members if a[0] == "country")
        if countries:
            return self.country_names[countries[0]], "GPE"
        orgs = sorted(a for a in members if a[0] == "org")
        if orgs:
            org = self.org_names[orgs[0]]
            return org.canonical, org.entity_type
        name = _longest_name(shown)
        family = members[0][1]
        if family != "PLACE":
            return name, family
        return name, "GPE" if gazetteer.lookup_place(name) or labels["GPE"] >= labels["LOC"] else "LOC"

    def result(self) -> Resolution:
        groups: dict[Anchor, list[Anchor]] = defaultdict(list)
        for anchor in sorted({a.anchor for a in self.assigned.values()}):
            groups[self.find(anchor)].append(anchor)
        shown: dict[Anchor, Counter] = defaultdict(Counter)
        fallback: dict[Anchor, Counter] = defaultdict(Counter)
        labels: dict[Anchor, Counter] = defaultdict(Counter)
        for a in self.assigned.values():
            root = self.find(a.anchor)
            (shown if a.is_name else fallback)[root][a.display] += 1
            labels[root][a.label] += 1
        entity_of: dict[Anchor, tuple[str, str, str]] = {}
        for root, members in groups.items():
            name, etype = self._canonical(members, shown[root] or fallback[root], labels[root])
            # An unresolved role phrase ("رئيس الوزراء") names someone different in each document.
            scope = root[2].split(_SEP)[1:] if root[0] == "title" else []
            entity_id = stable_id(etype, _key(name), *scope)
            for a in members:
                entity_of[a] = (entity_id, name, etype)
        resolution = Resolution()
        per_entity: dict[str, dict] = {}
        for (doc_id, index), a in sorted(self.assigned.items()):
            entity_id, name, etype = entity_of[a.anchor]
            reasons = list(a.steps) + self.joins.get(a.anchor, [])
            if (a.is_name and a.display == name) or not reasons:
                reasons.insert(0, "exact_match_key")
            elif a.is_name and _key(a.display) == _key(name):
                reasons.insert(0, "spelling_variant")
            reason = ";".join(dict.fromkeys(reasons))
            resolution.mention_entity[(doc_id, index)] = entity_id
            resolution.links.append(Link(doc_id, index, entity_id, reason))
            info = per_entity.setdefault(entity_id, {"name": name, "type": etype, "aliases": set(), "docs": set(), "n": 0, "reasons": set()})
            info["n"] += 1
            info["docs"].add(doc_id)
            info["reasons"].update(reason.split(";"))
            if a.is_name and a.display != name:
                info["aliases"].add(a.display)
        for doc_id, start, end, text, anchor, reason in sorted(self.descriptions):
            resolution.descriptions.append(Description(doc_id, start, end, text, entity_of[anchor][0], reason))
        resolution.entities = [
            Entity(eid, v["name"], v["type"], tuple(sorted(v["aliases"])), v["n"], len(v["docs"]), tuple(sorted(v["reasons"])))
            for eid, v in sorted(per_entity.items())
        ]
        return resolution


def resolve(docs: list[tuple[str, str, list[Mention]]]) -> Resolution:
    """Resolve the mentions of ``docs`` (doc_id, clean text, mentions) to corpus-wide entities."""
    resolver = _Resolver(docs)
    for doc_id, text, mentions in docs:
        resolver.document(doc_id, text, mentions)
    resolver.link_across()
    return resolver.result()
