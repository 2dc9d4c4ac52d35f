"""Arabic place names, nationality adjectives, titles and facility nouns for NER and resolution.

Country names come from CLDR (babel) and ISO 3166 (pycountry) Arabic translations, plus the
spellings news uses (``gazetteer_data/countries.json``); cities, regions, nisba adjectives and
closed word lists are curated data files beside this module. Every lookup goes through
``match_key`` and tolerates leading clitics (و ف ب ل ك, لل), so "وبالعراق" finds العراق.
"""

from __future__ import annotations

import gettext
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from babel import Locale

from pipeline.text.normalize import match_key

_DATA = Path(__file__).with_name("gazetteer_data")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_ARTICLE = "ال"
_CLITIC_LETTERS = frozenset("وفبلك")
_WORLD = "001"  # CLDR's "العالم": a common word, not a place name
# Regular nisba inflections after the masculine singular "ي": ة, ون, ين, ان, تان, تين (keyed: ة -> ه).
_NISBA_SUFFIXES = ("", "ه", "ون", "ين", "ان", "تان", "تين")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer place: ``kind`` is country, city or region; ``country`` its canonical name."""

    kind: str
    code: str
    country: str


def _load(name: str) -> dict:
    with open(_DATA / name, encoding="utf-8") as f:
        data = json.load(f)
    data.pop("_about", None)
    return data


def clitic_variants(word: str) -> list[str]:
    """Keys a word may stand for once leading clitics are removed, most literal first.

    ``word`` is a match key. "وبالعراق" -> ["وبالعراق", "بالعراق", "العراق"]; "للعراق" also
    yields "العراق" because ل + ال is written لل.
    """
    out = [word]
    stems = [word]
    if len(word) > 2 and word[0] in _CONJUNCTIONS:
        stems.append(word[1:])
    for stem in list(stems):
        if len(stem) > 2 and stem[0] in _PREPOSITIONS:
            rest = stem[1:]
            stems.append(rest)
            if stem.startswith("لل") and len(stem) > 3:
                stems.append(_ARTICLE + stem[2:])
    for stem in stems[1:]:
        if stem not in out:
            out.append(stem)
    return out


# Memoised folding and clitic variants of single words: NER looks every token of a text up
# several times (place, nisba, word lists, name lists).
_word_key = lru_cache(maxsize=1 << 16)(match_key)
_first_variants = lru_cache(maxsize=1 << 16)(lambda word: tuple(clitic_variants(word)))


def join_keys(keys: list[str]) -> str:
    """The match key of tokens joined by spaces, from the tokens' own match keys.

    Folding never reaches across a space, so this equals ``match_key(" ".join(tokens))``
    without folding each token again for every phrase it starts.
    """
    return " ".join(k for k in keys if k)


def _tails(keys) -> frozenset[str]:
    """What follows the first word of each key ("" for one-word keys). A phrase whose rest is not
    among them matches no key whatever clitics its first word carries: one set probe rules out
    most multi-word look-ups."""
    return frozenset(k.partition(" ")[2] for k in keys)


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(key -> ISO code, ISO code -> canonical Arabic name)."""
    extra = _load("countries.json")
    names = dict(Locale("ar").territories)
    canonical: dict[str, str] = {}
    keys: dict[str, str] = {}
    translations = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["ar"]
    )
    for country in pycountry.countries:
        code = country.alpha_2
        name = (
            extra["canonical"].get(code)
            or names.get(code)
            or translations.gettext(country.name)
        )
        canonical[code] = name
        forms = [name, names.get(code, "")]
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                # pycountry's inverted forms ("كوريا، جمهورية كوريا") are kept whole only.
                forms.append(translations.gettext(value))
        forms.extend(extra["aliases"].get(code, ()))
        for form in forms:
            key = match_key(form)
            if key and not key.isascii():
                keys.setdefault(key, code)
    # Explicit aliases win over anything CLDR/ISO gave to another code.
    for code, aliases in extra["aliases"].items():
        for alias in aliases:
            keys[match_key(alias)] = code
    return keys, canonical


@lru_cache(maxsize=1)
def _listed_places() -> tuple[tuple[str, Place], ...]:
    """(name as written, place) of the regions and cities ``places.json`` lists, in file order."""
    _, canonical = _countries()
    data = _load("places.json")
    return tuple((name, Place(kind, code, canonical[code]))
                 for kind, section in (("region", "regions"), ("city", "cities"))
                 for code, names in data[section].items() for name in names)


@lru_cache(maxsize=1)
def _places() -> dict[str, Place]:
    keys, canonical = _countries()
    index = {match_key(name): place for name, place in _listed_places()}
    for key, code in keys.items():  # a country name beats a same-named city (الكويت)
        index[key] = Place("country", code, canonical[code])
    return index


@lru_cache(maxsize=1)
def _nisbas() -> dict[str, str]:
    """Inflected nisba key (without article) -> ISO code."""
    data = _load("nisba.json")
    index: dict[str, str] = {}
    for code, stems in data["singular"].items():
        for stem in stems:
            words = match_key(stem).split()
            for suffix in _NISBA_SUFFIXES:
                index[" ".join(w + suffix for w in words)] = code
    for code, forms in data["broken_plurals"].items():
        for form in forms:
            index[match_key(form)] = code
    return index


@lru_cache(maxsize=1)
def _place_tails() -> frozenset[str]:
    return _tails(_places())


@lru_cache(maxsize=1)
def _written_places() -> dict[str, Place]:
    """Places whose listed spelling carries diacritics that tell them from a same-key place: "عمّان"
    (Amman) and "عُمان" (Oman) share the match key عمان."""
    _, canonical = _countries()
    countries = [(name, Place("country", code, canonical[code]))
                 for code, aliases in _load("countries.json")["aliases"].items() for name in aliases]
    by_key: dict[str, list[tuple[str, Place]]] = {}
    for name, place in (*_listed_places(), *countries):
        by_key.setdefault(match_key(name), []).append((name, place))
    return {name: place for named in by_key.values() if len({p for _, p in named}) > 1
            for name, place in named if name != match_key(name)}


def _written(surface: str) -> Place | None:
    """The place a diacritised spelling names (``_written_places``), after one leading clitic letter."""
    written = _written_places()
    if surface in written:
        return written[surface]
    return written.get(surface[1:]) if surface[:1] in _CLITIC_LETTERS else None


def lookup_place(surface: str, clitics: bool = True) -> Place | None:
    """The country, city or region a surface form names, tolerating leading clitics unless told not to."""
    return _written(surface) or place_for_key(_word_key(surface), clitics)


@lru_cache(maxsize=1 << 16)  # NER asks about every token of a text
def place_for_key(key: str, clitics: bool = True) -> Place | None:
    """``lookup_place`` for a match key (clitics are only stripped from its first word)."""
    places = _places()
    if not clitics:
        return places.get(key)
    first, _, rest = key.partition(" ")
    if not key or rest not in _place_tails():
        return None
    for variant in _first_variants(first):
        place = places.get(f"{variant} {rest}" if rest else variant)
        if place:
            return place
    return None


def country_for(surface: str) -> str | None:
    """Canonical Arabic name of the country ``surface`` names ("وأمريكا" -> "الولايات المتحدة"; not
    "عمّان", Amman)."""
    written = _written(surface)
    if written is not None:
        return written.country if written.kind == "country" else None
    return country_for_key(_word_key(surface))


def country_for_key(key: str) -> str | None:
    place = place_for_key(key)
    return place.country if place and place.kind == "country" else None


def is_city(surface: str) -> bool:
    place = lookup_place(surface)
    return bool(place and place.kind == "city")


def is_region(surface: str) -> bool:
    place = lookup_place(surface)
    return bool(place and place.kind == "region")


@lru_cache(maxsize=1)
def _nisba_tails() -> frozenset[str]:
    return _tails(_nisbas())


def _bare(key: str) -> str:
    """A key with the article dropped from each word, as nisba index keys are."""
    return " ".join(
        w[2:] if w.startswith(_ARTICLE) and len(w) > 4 else w for w in key.split()
    )


@lru_cache(maxsize=1)
def _second_words() -> frozenset[str]:
    """Second words of multi-word place and nisba keys (nisba words also with the article)."""
    words = {t.partition(" ")[0] for t in _place_tails() | _nisba_tails() if t}
    return frozenset(words | {_ARTICLE + w for w in words})


def may_start_phrase(keys: list[str], i: int) -> bool:
    """False when no place or nisba of two or more tokens can start at token ``i`` of a token
    sequence's match keys (its next token is no second word of any): most tokens are ruled out
    with one set probe before their phrases are joined and looked up."""
    if i + 1 >= len(keys):
        return False
    first, second = keys[i], keys[i + 1]
    if not first or not second or " " in first or " " in second:
        return True  # the phrase key's second word comes from elsewhere: look up as usual
    return second in _second_words()


def nisba_country(word: str) -> str | None:
    """Canonical country of a nationality adjective ("والعراقيين" -> "العراق"), else None.

    Multi-word adjectives ("الكورية الشمالية") are accepted; each word may carry the article.
    """
    return nisba_for_key(_word_key(word))


@lru_cache(maxsize=1 << 16)
def nisba_for_key(key: str) -> str | None:
    """``nisba_country`` for a match key."""
    first, _, rest = key.partition(" ")
    tail = _bare(rest)
    if not key or tail not in _nisba_tails():
        return None
    nisbas = _nisbas()
    for variant in _first_variants(first):
        code = nisbas.get(f"{_bare(variant)} {tail}" if tail else _bare(variant))
        if code:
            return _countries()[1][code]
    return None


def _word_set(name: str) -> frozenset[str]:
    words = _load("lexicon.json")[name]
    # Both the written forms and their match keys, so callers may test either.
    return frozenset(words) | frozenset(match_key(w) for w in words)


ROLE_NOUNS: frozenset[str] = _word_set("role_nouns")
FACILITY_HEADS: frozenset[str] = _word_set("facility_heads")
ORG_HEADS: frozenset[str] = _word_set("org_heads")
STATE_INSTITUTIONS: frozenset[str] = _word_set("state_institutions")
EMBASSY_HEADS: frozenset[str] = _word_set("embassy_heads")
NATURAL_HEADS: frozenset[str] = _word_set("natural_heads")
NAMED_FACILITY_HEADS: frozenset[str] = _word_set("named_facility_heads")
FACILITY_MODIFIERS: frozenset[str] = _word_set("facility_modifiers")
REGNAL_ORDINALS: frozenset[str] = _word_set("regnal_ordinals")


def in_word_set(word: str, words: frozenset[str]) -> bool:
    for key in _first_variants(_word_key(word)):
        if key in words:
            return True
        if key.startswith(_ARTICLE) and key[2:] in words:
            return True
    return False


def is_role_noun(word: str) -> bool:
    """Whether a word (clitics and article allowed) is a title or role noun such as وزير."""
    return in_word_set(word, ROLE_NOUNS)


def is_facility_head(word: str) -> bool:
    """Whether a word (clitics and article allowed) heads facility names: قاعدة، مطار، السفارة."""
    return in_word_set(word, FACILITY_HEADS)


def is_org_head(word: str) -> bool:
    return in_word_set(word, ORG_HEADS)


def is_natural_head(word: str) -> bool:
    """Whether a word (clitics and article allowed) heads a natural place's name: نهر، جبل، وادي."""
    return in_word_set(word, NATURAL_HEADS)


def is_named_facility_head(word: str) -> bool:
    """Whether a word heads facilities that may bear a person's name: سد، مستشفى، مخيم."""
    return in_word_set(word, NAMED_FACILITY_HEADS)


def is_facility_modifier(key: str) -> bool:
    """Whether a match key is an adjective that ends a facility's name: الدولي، الحدودي."""
    return key in FACILITY_MODIFIERS


def is_regnal_ordinal(key: str) -> bool:
    """Whether a match key is an ordinal that ends a monarch's name: الثاني، السادس."""
    return key in REGNAL_ORDINALS


@lru_cache(maxsize=1)
def natural_places() -> dict[str, str]:
    """Match key -> canonical name of the seas, rivers, mountains, deserts and regions without a
    government that ``places.json`` lists, and of CLDR's continents and UN M.49 subregions (LOC)."""
    index: dict[str, str] = {}
    for code, name in Locale("ar").territories.items():
        if code.isdigit() and code != _WORLD:
            index[match_key(name)] = name
    for canonical, *aliases in _load("places.json")["natural"]:
        for name in (canonical, *aliases):
            index[match_key(name)] = canonical
    return index


def is_embassy_head(word: str) -> bool:
    """Whether a word (clitics and article allowed) heads a diplomatic mission's name: السفارة، قنصلية."""
    return in_word_set(word, EMBASSY_HEADS)


@lru_cache(maxsize=1)
def _facility_names() -> frozenset[str]:
    names = _load("places.json")["facilities"].values()
    return frozenset(match_key(name) for section in names for name in section)


def facility_name_length(keys: list[str], i: int) -> int:
    """How many tokens from ``i`` (match keys) spell a named base or airfield of ``places.json``
    ("عين الأسد", "التنف"), the longest first; 0 for none."""
    names = _facility_names()
    for n in (3, 2, 1):
        if i + n <= len(keys) and join_keys(keys[i : i + n]) in names:
            return n
    return 0


def is_state_institution(word: str) -> bool:
    """Whether a word (clitics and article allowed) names a kind of state institution: حكومة، وزارة، جيش."""
    return in_word_set(word, STATE_INSTITUTIONS)


@lru_cache(maxsize=1)
def _person_names() -> dict[str, str]:
    """Match key of a personal-name token -> its source list ("jrc", "common" or both)."""
    names: dict[str, str] = {}
    with open(_DATA / "person_names.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            token, _, source = line.rstrip("\n").partition("\t")
            names[match_key(token)] = source
    return names


def is_person_name_key(key: str) -> bool:
    """Whether a match key, as it stands (no clitic stripped), is a listed personal-name token ("فيصل")."""
    return key in _person_names()


def person_name_sources(word: str) -> str:
    """Which name lists know ``word`` (a name token, leading clitics allowed): "jrc", "common",
    "jrc,common" or "" for none. Used as NER features only: many names are also common words."""
    names = _person_names()
    for key in _first_variants(_word_key(word)):
        if key in names:
            return names[key]
    return ""


@lru_cache(maxsize=1)
def ner_phrases() -> tuple[dict[str, str], int, frozenset[str]]:
    """NER cue phrases: match key -> "org" (``org_names.txt`` and the organisations of the
    resolver's lexicon with their aliases), "loc" (``natural_places``) or "city" (Arabic CLDR
    exemplar cities, via babel); the longest phrase length in words; the set of first words."""
    from pipeline.extract.resolve.lexicon import named_entities  # it imports this module

    table: dict[str, str] = {}
    with open(_DATA / "org_names.txt", encoding="utf-8") as f:
        for line in f:
            key = match_key(line.strip())
            if key and not line.startswith("#"):
                table[key] = "org"
    table.update((key, "org") for key, alias in named_entities().items() if alias.entity_type == "ORG")
    for key in natural_places():
        table.setdefault(key, "loc")
    for zone in Locale("ar").time_zones.values():
        if "city" in zone:
            table.setdefault(match_key(zone["city"]), "city")
    firsts = frozenset(k.split()[0] for k in table)
    return table, max(len(k.split()) for k in table), firsts


def is_named_org(keys: list[str]) -> bool:
    """Whether words (match keys; clitics allowed on the first) spell an organisation the lists name."""
    table, _, _ = ner_phrases()
    rest = " ".join(keys[1:])
    return any(table.get(f"{v} {rest}" if rest else v) == "org" for v in clitic_variants(keys[0]))


@lru_cache(maxsize=50_000)
def _phrase_starts(word: str) -> tuple[str, ...]:
    """The clitic variants of a word that begin some cue phrase."""
    firsts = ner_phrases()[2]
    return tuple(v for v in clitic_variants(match_key(word)) if v in firsts)


def phrase_marks(words: list[str], keys: list[str] | None = None) -> list[str]:
    """B-/I- marks (``B-org``, ``I-city`` ...) of the longest ``ner_phrases`` matches in a token
    sequence; the first word of a phrase may carry leading clitics ("ووكالة رويترز"). ``keys``
    are the words' match keys when already computed."""
    table, longest, _ = ner_phrases()
    marks = [""] * len(words)
    i = 0
    while i < len(words):
        step = 1
        starts = _phrase_starts(words[i])
        if starts:
            keys = keys or [match_key(w) for w in words]
            for n in range(min(longest, len(words) - i), 0, -1):
                rest = " ".join(keys[i + 1 : i + n])
                kind = next(
                    (table[p] for v in starts if (p := f"{v} {rest}" if rest else v) in table),
                    None,
                )
                if kind:
                    marks[i : i + n] = ["B-" + kind] + ["I-" + kind] * (n - 1)
                    step = n
                    break
        i += step
    return marks
