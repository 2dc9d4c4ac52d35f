"""Entity resolution: every mention gets an entity, every link a reason.

1. Each mention gets an *anchor*: a country (names, nationality adjectives, a capital used for
   its government), a lexicon organisation, a state's institution or mission keyed by its country
   ("السفارة الأميركية" = "سفارة الولايات المتحدة"), or its own name key (clitics, titles removed)
   within its type family (PERSON, ORG, PLACE = GPE/LOC, FAC).
2. Within a document, a person's family name alone and a role phrase ("رئيس الوزراء العراقي")
   take the anchor of the full name the text gives for them; a name the tagger cut before a
   nisba family name ("محمد شياع" + "السوداني") is rejoined.
3. Across documents, anchors with the same key are one entity; anchors are further joined by
   fuzzy spelling variants (blocked by type and name affixes, never all pairs), head nouns
   ("حركة X"/"X", "محافظة X"/"X") and a family name that only one person in the corpus carries.
Role phrases that are not mentions are returned as ``Resolution.descriptions``.
The entity id hashes the type and the canonical name's match key, so it is stable across runs.

``Resolver`` runs this in passes a corpus can stream through, one batch of documents at a time:
``count`` every mention (corpus-wide counts decide clitics and name continuations), ``document``
each document (whose per-mention result the caller keeps, e.g. on disk), ``link_across`` anchors,
then ``link`` each document's result to entity ids. Between documents it keeps only per-anchor
aggregates (display counts, labels, the smallest doc ids of a person name), never per mention;
``resolve`` runs the passes in memory.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping
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
from pipeline.text.normalize import match_key, match_keys
from pipeline.text.tokenize import tokenize

# (kind, type family, key): kind is "country", "org" (lexicon), "name" or "title" (a role phrase
# tagged as a person, scoped to its document).
Anchor = tuple[str, str, str]
_FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "FAC"}
_COMMA = frozenset(("،", ","))
_CITY = match_key("مدينة")
_SEP = "\x1f"
_MAX_BLOCK = 5000  # larger blocks hold common prefixes, not spelling variants; they are skipped
_SCORE_ROWS = 256  # block rows scored at once: a 256 x 5000 matrix, not 5000 x 5000 (100 MB)
_MAX_CONTEXT_DOCS = 200  # documents sampled (in id order) when looking for shared context
# News repeats the same words and names: memoised lookups keep resolution near linear in mentions.
_key = lru_cache(maxsize=1 << 18)(match_key)
_country_for = lru_cache(maxsize=1 << 16)(gazetteer.country_for)


@dataclass(slots=True)
class Assigned:
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
    # Written while the document is resolved: canonical names of country/lexicon anchors (the last
    # write wins) and role phrases that are not mentions (doc start, end, text, anchor, reason).
    named: dict[Anchor, lexicon.Alias] = field(default_factory=dict)
    descriptions: list[tuple[int, int, str, Anchor, str]] = field(default_factory=list)

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
def _state_body(text: str) -> tuple[str, str] | None:
    """A state's institution or mission named by its nationality adjective or by the country
    ("السفارة الأميركية", "سفارة الولايات المتحدة", "الحكومة العراقية"): a key that both ways of
    naming it share (head without article, middle words, the country) and the country."""
    words = text.split()
    if len(words) < 2 or not (gazetteer.is_state_institution(words[0]) or gazetteer.is_embassy_head(words[0])):
        return None
    head = match_key(words[0])
    head = head[2:] if head.startswith("ال") else head
    country = gazetteer.nisba_country(words[-1])
    middle = words[1:-1]
    if country is None:
        country, middle = _country_for(" ".join(words[1:])), []
    if country is None:
        return None
    return match_key(" ".join([head, *middle, country])), country


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


def _similar_pairs(folded: list[str]) -> Iterator[tuple[int, int]]:
    """Index pairs x < y of similar names, row by row: a C-speed prefilter on whole-name similarity
    (``variant_score`` applies the word rules), scored a slice of rows at a time to bound memory."""
    cutoff = min(names.NAME_SCORE.values())
    for first in range(0, len(folded), _SCORE_ROWS):
        scores = process.cdist(folded[first : first + _SCORE_ROWS], folded, scorer=fuzz.ratio, score_cutoff=cutoff)
        for x, y in zip(*np.nonzero(np.triu(scores, k=first + 1)), strict=True):
            yield first + int(x), int(y)


def _phrase_span(doc: _Doc, phrase: roles.RolePhrase) -> tuple[int, int]:
    """Character span of a role phrase without the clitic of its first word ("ووزير" -> "وزير")."""
    start, end = doc.tokens[phrase.first][0], doc.tokens[phrase.stop - 1][1]
    word = doc.text[start : doc.tokens[phrase.first][1]]
    extra = len(doc.keys[phrase.first]) - len(phrase.key.split(" ", 1)[0])
    return start + len(word) - len(drop_letters(word, max(extra, 0))), end


@dataclass(slots=True)
class DocResolution:
    """What ``Resolver.document`` gives for one document, for the caller to keep until ``link``."""

    doc_id: str
    assigned: list[Assigned]  # one per mention, in the order of the mentions given
    descriptions: list[tuple[int, int, str, Anchor, str]]  # (start, end, text, anchor, reason)
    context: set[Anchor]  # the persons and organisations it names (evidence for family names)
    named: dict[Anchor, lexicon.Alias] = field(default_factory=dict)  # canonical names it gives anchors


@dataclass(slots=True)
class _EntityStats:
    """An entity's counts while documents are linked; name and type come from its first mention."""

    first: tuple[str, int]  # (doc_id, mention index)
    name: str
    etype: str
    mentions: int = 0
    docs: int = 0
    aliases: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)


# doc ids -> the context anchors of those documents (see ``DocResolution.context``)
Contexts = Callable[[Collection[str]], Mapping[str, Collection[Anchor]]]


class Resolver:
    """Corpus-wide resolution in passes (see the module docstring); state is per anchor, not per mention."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.person_names: set[str] = set()
        self._counted = False
        self.anchor_ids: dict[Anchor, int] = {}  # a compact id per anchor, for callers that store results
        self.anchors: list[Anchor] = []
        self.display: dict[Anchor, Counter[tuple[str, bool]]] = defaultdict(Counter)  # (display, is_name) -> mentions
        self.labels: dict[Anchor, Counter[str]] = defaultdict(Counter)
        # Canonical names of country and lexicon anchors with the doc id that wrote them: the last
        # document in id order wins, whatever order documents come in.
        self.named: dict[Anchor, tuple[str, lexicon.Alias]] = {}
        self.anchor_docs: dict[Anchor, list[str]] = {}  # person names: their smallest doc ids, sorted
        self.parent: dict[Anchor, Anchor] = {}
        self.joins: dict[Anchor, list[str]] = defaultdict(list)
        self.entity_of: dict[Anchor, tuple[str, str, str]] = {}
        self.stats: dict[str, _EntityStats] = {}

    # ---- pass 1: corpus counts ---------------------------------------------------------
    def count(self, text: str, label: str, n: int = 1) -> None:
        """Count ``n`` mentions with this text and label (every mention of the corpus, before ``document``)."""
        self.counts[_key(trim(text))] += n
        if label == "PERSON":
            self.person_names.add(_key(_split_title(trim(text))[1]))

    def counted(self) -> None:
        # A family name attests a clitic-stripped form too ("ورايدر" -> "رايدر" after "باتريك رايدر").
        family: Counter[str] = Counter()
        for k, n in self.counts.items():
            if " " in k:
                family[k.split()[-1]] += n
        self.counts.update(family)
        self._counted = True

    # ---- per mention -------------------------------------------------------------------
    def _surface(self, text: str) -> Surface:
        return split_clitic(text, self.counts.__getitem__)

    def _base(self, doc: _Doc, index: int, state_before: bool) -> Assigned:
        m = doc.mentions[index]
        family = _FAMILY.get(m.label, m.label)
        if family == "PERSON":
            title, name = _split_title(trim(m.text))
            if not name:  # a role phrase tagged as a name: resolved with role phrases, else kept to its document
                return Assigned(("title", "PERSON", f"{match_key(title)}{_SEP}{doc.doc_id}"), title, [], is_name=False)
            surface = self._surface(name)
            steps = ["clitic_variant"] if surface.clitic else []
            if title:
                steps.append("title_removed")
            return Assigned(("name", "PERSON", surface.key), surface.text, steps)
        surface = self._surface(m.text)
        steps = ["clitic_variant"] if surface.clitic else []
        country = _country_for(surface.text)
        if country is None and (m.adjectival or family == "PLACE"):
            nisba = _nisba(surface.text)
            if nisba:
                return self._country(doc, nisba, surface.text, [*steps, f"nisba_adjective:{nisba}"], is_name=False)
            typo = _nisba_typo(surface.text) if m.adjectival else None
            if typo:
                return self._country(doc, typo, surface.text, [*steps, f"nisba_adjective:{typo}", "misspelt"], is_name=False)
        if country is not None:
            alias = [] if _key(country) == surface.key else ["alias_lexicon"]
            return self._country(doc, country, surface.text, steps + alias)
        org = self._named(surface.key)
        if org is not None:
            anchor = ("org", _FAMILY[org.entity_type], match_key(org.canonical))
            doc.named[anchor] = org
            alias = [] if anchor[2] == surface.key else ["alias_lexicon"]
            return Assigned(anchor, surface.text, steps + alias)
        state = _state_body(surface.text) if family in ("ORG", "FAC") else None
        if state is not None:
            key, country = state
            return Assigned(("name", family, key), surface.text, [*steps, f"state_body:{country}"])
        capital_of = lexicon.capitals().get(surface.key)
        if capital_of is not None:
            first = doc.token_index(m.start)
            stop = max(first + 1, doc.token_index(m.end - 1) + 1)
            # A tagger may leave the clitic outside the span: "و" + [طهران].
            outer = match_key(doc.text[doc.tokens[first][0] : m.start]) if first < len(doc.tokens) else ""
            if metonymy.governs(doc.text, doc.tokens, doc.keys, first, stop, outer + surface.clitic, state_before):
                country = gazetteer.country_for(capital_of) or capital_of
                reason = f"capital_metonymy:{surface.text}->{country}"
                return self._country(doc, country, surface.text, [*steps, reason], is_name=False)
        head = self._place_head_before(doc, m) if family == "PLACE" else None
        if head and not surface.key.startswith(f"{match_key(head)} "):
            name = f"{head} {surface.text}"
            return Assigned(("name", family, match_key(name)), name, [*steps, "head_noun_in_context"])
        return Assigned(("name", family, surface.key), surface.text, steps)

    @staticmethod
    def _place_head_before(doc: _Doc, m: Mention) -> str | None:
        """The place head noun the tagger left before the span: "ومحافظة [الأنبار]" -> "محافظة"."""
        i = doc.token_index(m.start) - 1
        if i < 0 or doc.tokens[i][1] + 1 < m.start:
            return None
        key = doc.keys[i]
        head = lexicon.place_head(key)
        if head is None:
            return None
        return drop_letters(doc.text[doc.tokens[i][0] : doc.tokens[i][1]], len(key) - len(head))

    @staticmethod
    def _country(doc: _Doc, country: str, display: str, steps: list[str], is_name: bool = True) -> Assigned:
        anchor = _country_anchor(country)
        doc.named[anchor] = lexicon.Alias(country, "GPE")
        return Assigned(anchor, display, steps, is_name)

    @staticmethod
    def _named(key: str) -> lexicon.Alias | None:
        """The organisation or natural place the lexicons name by ``key``, or the organisation they
        name by what follows a head noun in it ("تنظيم داعش") or by what precedes its state's nisba
        adjective ("حزب الله اللبناني")."""
        named = lexicon.named_entities()
        if key in named:
            return named[key]
        head, _, rest = key.partition(" ")
        org = named.get(rest) if rest and gazetteer.is_org_head(head) else None
        if org is None and " " in key:
            name, _, last = key.rpartition(" ")
            org = named.get(name) if gazetteer.nisba_for_key(last) else None
        return org if org is not None and org.entity_type == "ORG" else None

    # ---- pass 2: per document ----------------------------------------------------------
    def document(self, doc_id: str, text: str, mentions: list[Mention]) -> DocResolution:
        """Resolve one document's mentions (offset order) to anchors and fold the result into the
        corpus state (``local`` then ``fold``). Documents may come in any order; each must come once."""
        done = self.local(doc_id, text, mentions)
        self.fold(done)
        return done

    def pass_one(self) -> Resolver:
        """A resolver with only this one's pass-1 counts: what ``local`` reads, small enough to hand
        to worker processes, which resolve documents while this one folds them."""
        assert self._counted, "count every mention and call counted() first"
        other = Resolver()
        other.counts, other.person_names, other._counted = self.counts, self.person_names, True
        return other

    def local(self, doc_id: str, text: str, mentions: list[Mention]) -> DocResolution:
        """One document's mentions resolved to anchors. Reads only the counts of pass 1, never what
        other documents gave, so documents can be resolved anywhere, in any order."""
        assert self._counted, "count every mention and call counted() first"
        spans = tokenize(text)  # tokens live only while their document is resolved
        keys = match_keys([text[s:e] for s, e in spans])  # one folding pass over the document's words
        doc = _Doc(doc_id, text, mentions, spans, keys, [s for s, _ in spans])
        order = sorted(range(len(doc.mentions)), key=lambda i: (doc.mentions[i].start, doc.mentions[i].end))
        local: dict[int, Assigned] = {}
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
        assigned = [local[i] for i in range(len(mentions))]
        context = {a.anchor for a in assigned if a.is_name and a.anchor[1] in ("PERSON", "ORG", "FAC")}
        return DocResolution(doc_id, assigned, doc.descriptions, context, doc.named)

    def fold(self, done: DocResolution) -> None:
        """Fold one document's ``local`` result into the per-anchor state that linking and naming need."""
        assigned = done.assigned
        for a in assigned:
            self.display[a.anchor][(a.display, a.is_name)] += 1
            self.labels[a.anchor][a.label] += 1
        for anchor in {a.anchor for a in assigned}:
            if anchor not in self.anchor_ids:
                self.anchor_ids[anchor] = len(self.anchors)
                self.anchors.append(anchor)
            if anchor[:2] == ("name", "PERSON"):
                self._add_doc(anchor, done.doc_id)
        for anchor, name in done.named.items():
            if anchor not in self.named or self.named[anchor][0] < done.doc_id:
                self.named[anchor] = (done.doc_id, name)

    def _add_doc(self, anchor: Anchor, doc_id: str) -> None:
        """Keep the ``_MAX_CONTEXT_DOCS`` smallest doc ids of a person name, the sample ``_shared_context`` reads."""
        docs = self.anchor_docs.setdefault(anchor, [])
        if len(docs) < _MAX_CONTEXT_DOCS or doc_id < docs[-1]:
            bisect.insort(docs, doc_id)
            del docs[_MAX_CONTEXT_DOCS:]

    @staticmethod
    def _acts_as_state(doc: _Doc, m: Mention, assigned: Assigned) -> bool:
        """A governing capital, or a country name right after "بين" or a political word."""
        if assigned.anchor[0] != "country" or m.adjectival:
            return False
        first = doc.token_index(m.start)
        stop = max(first + 1, doc.token_index(m.end - 1) + 1)
        return any(s.startswith("capital_metonymy") for s in assigned.steps) or metonymy.actor_context(
            doc.keys, first, stop
        )

    def _split_names(self, doc: _Doc, order: list[int], local: dict[int, Assigned]) -> None:
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
                local[i] = Assigned(anchor, whole_name, [*local[i].steps, reason], label=first.label)
                local[j] = Assigned(anchor, trim(second.text), [reason], is_name=False, label=second.label)

    @staticmethod
    def _family_names(doc: _Doc, order: list[int], local: dict[int, Assigned]) -> None:
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

    def _role_phrases(self, doc: _Doc, local: dict[int, Assigned]) -> None:
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
                doc.descriptions.append((start, end, doc.text[start:end], local[person].anchor, reason))
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
            doc.descriptions.append((start, end, text, anchor, reason))
            head_start, head_end = doc.tokens[phrase.first]
            for i, m in enumerate(doc.mentions):
                if m.start < head_end and m.end > head_start:
                    local[i] = Assigned(anchor, display, [reason], is_name=False, label=m.label)

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

    # ---- between passes: across documents ----------------------------------------------
    def link_across(self, contexts: Contexts) -> None:
        """Join anchors across the corpus and name the entities, after every ``document``.
        ``contexts`` gives the ``DocResolution.context`` of the documents asked for (a sample of
        those naming a family name alone or a full name that ends with it)."""
        anchors = sorted(self.display)
        label = {a: self._label(a) for a in anchors}
        self._spelling_variants([a for a in anchors if a[0] == "name"], label)
        self._head_nouns([a for a in anchors if a[:2] in (("name", "ORG"), ("name", "PLACE"))], label)
        self._unique_family_names([a for a in anchors if a[:2] == ("name", "PERSON")], label, contexts)
        self._name_entities(anchors)

    def _label(self, anchor: Anchor) -> str:
        """The anchor's most frequent display, names or not."""
        shown: Counter[str] = Counter()
        for (text, _), n in self.display[anchor].items():
            shown[text] += n
        return max(shown, key=lambda t: (shown[t], t))

    def _spelling_variants(self, anchors: list[Anchor], label: dict[Anchor, str]) -> None:
        blocks: dict[tuple[str, str], list[Anchor]] = defaultdict(list)
        for a in anchors:
            for block in names.blocks(a[2]):
                blocks[(a[1], block)].append(a)
        for (family, _), members in sorted(blocks.items()):
            if len(members) < 2 or len(members) > _MAX_BLOCK:
                continue
            for x, y in _similar_pairs([names.compact(a[2]) for a in members]):
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

    def _unique_family_names(self, anchors: list[Anchor], label: dict[Anchor, str], contexts: Contexts) -> None:
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
        pairs = [(a, min(by_family[a[2]])) for a in anchors
                 if " " not in a[2] and a[2] in by_family and a[2] not in given]
        # One fetch for every document any pair may read (the loop skips some pairs, never adds one).
        doc_context = contexts({d for pair in pairs for a in pair for d in self.anchor_docs[a]})
        for a, full in pairs:
            people = {self.find(b) for b in by_family[a[2]]}
            if len(people) != 1:
                continue
            shared = self._shared_context(a, full, doc_context)
            if shared is not None:
                reason = f"surname_unique_in_corpus:{{}};shared_context:{label[shared]}"
                self.union(a, full, reason.format(label[full]), reason.format(label[a]))

    def _shared_context(self, a: Anchor, b: Anchor, doc_context: Mapping[str, Collection[Anchor]]) -> Anchor | None:
        """A person or organisation (other than ``a`` and ``b``) in a document of each, if any."""
        def context(anchor: Anchor) -> set[Anchor]:
            return set().union(*(doc_context.get(d, ()) for d in self.anchor_docs[anchor]))

        common = (context(a) & context(b)) - {a, b}
        return min(common) if common else None

    # ---- entities ----------------------------------------------------------------------
    def _canonical(self, members: list[Anchor], shown: Counter, labels: Counter) -> tuple[str, str]:
        """(canonical name, type) of a group of anchors."""
        for kind in ("country", "org"):
            named = sorted(a for a in members if a[0] == kind)
            if named:
                alias = self.named[named[0]][1]
                return alias.canonical, alias.entity_type
        name = _longest_name(shown)
        family = members[0][1]
        if family != "PLACE":
            return name, family
        return name, "GPE" if gazetteer.lookup_place(name) or labels["GPE"] >= labels["LOC"] else "LOC"

    def _name_entities(self, anchors: list[Anchor]) -> None:
        groups: dict[Anchor, list[Anchor]] = defaultdict(list)
        for anchor in anchors:
            groups[self.find(anchor)].append(anchor)
        for root, members in groups.items():
            shown: Counter[str] = Counter()
            fallback: Counter[str] = Counter()
            labels: Counter[str] = Counter()
            for a in members:
                for (text, is_name), n in self.display[a].items():
                    (shown if is_name else fallback)[text] += n
                labels.update(self.labels[a])
            name, etype = self._canonical(members, shown or fallback, labels)
            # An unresolved role phrase ("رئيس الوزراء") names someone different in each document.
            scope = root[2].split(_SEP)[1:] if root[0] == "title" else []
            entity_id = stable_id(etype, _key(name), *scope)
            for a in members:
                self.entity_of[a] = (entity_id, name, etype)

    # ---- pass 3: entity ids ------------------------------------------------------------
    def link(self, doc_id: str, assigned: list[Assigned]) -> list[tuple[str, str]]:
        """(entity id, reason) of each mention of a document (``DocResolution.assigned``; only
        anchor, display, steps and is_name are read). Counts the entities: call once per document."""
        out = []
        for index, a in enumerate(assigned):
            entity_id, name, etype = self.entity_of[a.anchor]
            reasons = list(a.steps) + self.joins.get(a.anchor, [])
            if (a.is_name and a.display == name) or not reasons:
                reasons.insert(0, "exact_match_key")
            elif a.is_name and _key(a.display) == _key(name):
                reasons.insert(0, "spelling_variant")
            reason = ";".join(dict.fromkeys(reasons))
            out.append((entity_id, reason))
            self._count_entity(entity_id, (doc_id, index), name, etype, a, reason)
        for entity_id in {entity_id for entity_id, _ in out}:
            self.stats[entity_id].docs += 1
        return out

    def _count_entity(self, entity_id: str, at: tuple[str, int], name: str, etype: str, a: Assigned, reason: str) -> None:
        info = self.stats.get(entity_id)
        if info is None:
            info = self.stats[entity_id] = _EntityStats(at, name, etype)
        elif at < info.first:  # groups may share an id (one name key): the first mention in id order names it
            info.first, info.name, info.etype = at, name, etype
        info.mentions += 1
        info.reasons.update(reason.split(";"))
        if a.is_name and a.display != name:
            info.aliases.add(a.display)

    def description(self, doc_id: str, description: tuple[int, int, str, Anchor, str]) -> Description:
        start, end, text, anchor, reason = description
        return Description(doc_id, start, end, text, self.entity_of[anchor][0], reason)

    def entities(self) -> list[Entity]:
        """Every entity ``link`` has met, by id."""
        return [
            Entity(eid, v.name, v.etype, tuple(sorted(v.aliases)), v.mentions, v.docs, tuple(sorted(v.reasons)))
            for eid, v in sorted(self.stats.items())
        ]


def resolve(docs: list[tuple[str, str, list[Mention]]]) -> Resolution:
    """Resolve the mentions of ``docs`` (doc_id, clean text, mentions) to corpus-wide entities, in memory.
    The result does not depend on the order of ``docs``."""
    resolver = Resolver()
    for _, _, mentions in docs:
        for m in mentions:
            resolver.count(m.text, m.label)
    resolver.counted()
    done = sorted((resolver.document(*d) for d in docs), key=lambda r: r.doc_id)
    contexts = {r.doc_id: r.context for r in done}
    resolver.link_across(lambda _ids: contexts)
    resolution = Resolution()
    for r in done:
        for index, (entity_id, reason) in enumerate(resolver.link(r.doc_id, r.assigned)):
            resolution.mention_entity[(r.doc_id, index)] = entity_id
            resolution.links.append(Link(r.doc_id, index, entity_id, reason))
    described = sorted((r.doc_id, *d) for r in done for d in r.descriptions)
    resolution.descriptions = [resolver.description(d[0], d[1:]) for d in described]
    resolution.entities = resolver.entities()
    return resolution
