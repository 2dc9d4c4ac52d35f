"""Recognising the site around an article: UI phrases, breadcrumbs, captions, widget titles.

Lexicons (``lexicons/*.txt|tsv``) say which words sites use; the line classifier in
``pipeline.text.clean`` combines them with structure (length, punctuation, repetition, position).
Everything here works on one line of clean-layer text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from pipeline.text.normalize import fuzzy_pattern, fuzzy_trie_pattern, match_key

_LEXICONS = Path(__file__).with_name("lexicons")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3]")
# A word: letters, with the Arabic diacritics inside it ("المسيّرة" is one word). Same matches as
# ``[^\W\d_](?:[^\W\d_]|[\u064b-\u065f\u0670])*``, written as an unrolled loop (single-class repeats
# run in the regex engine's fast path instead of one alternation per character).
_WORD = re.compile(r"[^\W\d_]+(?:[\u064b-\u065f\u0670]+[^\W\d_]*)*")
# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_FINAL_MARKS = frozenset(".!?؟…:؛")
_CLOSERS = " \t\"'”»’)]"
_LATIN_LETTER = re.compile("[A-Za-z]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
_UI_MAX_CHARS = 160  # a UI line is a label, never a paragraph
UI_MAX_CHARS = _UI_MAX_CHARS
# Words that join a widget's parts ("وقت القراءة 4 دقائق", "شارك على فيسبوك") and carry no content.
_FILLER_WORDS = ("دقائق", "دقيقة", "دقيقتان", "ثوان", "على", "عبر")
_FILLER = re.compile(rf"(?<!\w)(?:{'|'.join(_FILLER_WORDS)})(?!\w)")
# Marks after which a related-links phrase can be glued to a paragraph.
_SENTENCE_END = re.compile(r"[.!?؟…”»\"]")
# A bracketed photo or agency attribution closing a line: "(صورة: وات)", "(الوكالة الوطنية للإعلام)".
_ATTRIBUTION = re.compile(r"\((?:صورة|الصورة|تصوير|Photo|(?:ال)?وكال[ةه])[^()]{0,50}\)\s*$", re.IGNORECASE)
# Line-level recognisers are pure functions of the line: site furniture repeats across a site's
# documents, so each distinct short line is examined once (long lines never reach these caches).
line_cache = lru_cache(maxsize=1 << 14)
_CRUMB_MAX_WORDS = 5  # glued section labels: a few words at most
_ITEM_MAX_WORDS = 4  # one item of a breadcrumb, menu, ticker or tag row between separators
_MENU_MAX_WORDS = 12  # a menu row of section labels ("الرئيسية أمن سياسة اقتصاد مجتمع رياضة")
_CRUMB_SEPARATOR = re.compile(r"\s*[»>/|›]\s*|\s+[-–]\s+")
_CRUMB_SEPARATOR_CHAR = re.compile("[»>/|›\\-–]")


def lexicon(name: str) -> list[str]:
    """Entries of a lexicon file, one per line; ``#`` starts a comment line."""
    lines = (_LEXICONS / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _alternation(phrases: list[str], glued: bool) -> str:
    return "|".join(fuzzy_pattern(p, glued) for p in sorted(set(phrases), key=len, reverse=True))


def _phrase_key(text: str) -> str:
    return match_key(text).replace(" ", "")


@cache
def _ui_phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """Regex of all UI phrases and the category of each phrase's spacing-free key."""
    categories: dict[str, str] = {}
    for row in lexicon("ui_phrases.tsv"):
        category, phrase = row.split("\t")
        categories.setdefault(_phrase_key(phrase), category)
    # A phrase starts after a non-Arabic character and may run into the next word ("اقرأ أيضًارغم",
    # "time reading iconدقائق القراءة").
    trie = fuzzy_trie_pattern([row.split("\t")[1] for row in lexicon("ui_phrases.tsv")], glued=True)
    return re.compile(rf"(?<![\u0621-\u064a])(?:{trie})", re.IGNORECASE), categories


def _ui_regex() -> re.Pattern[str]:
    return _ui_phrases()[0]


@lru_cache(maxsize=1 << 12)  # keyed by a matched UI phrase as spelled: a few per lexicon entry
def _category(matched: str) -> str:
    return _ui_phrases()[1].get(_phrase_key(matched), "")


@cache
def _related_regex() -> re.Pattern[str]:
    phrases = [row.split("\t")[1] for row in lexicon("ui_phrases.tsv") if row.startswith("related_links\t")]
    return re.compile(rf"\s*(?:{fuzzy_trie_pattern(phrases, glued=True)})", re.IGNORECASE)



@cache
def _credit_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(credit after a bracket or a dash, bare credit), each closing a line."""
    entries = lexicon("photo_credits.txt")
    credits = _alternation(entries, glued=False)
    # Agency names count only in brackets or after a dash; "أرشيفية" / "تعبيرية" also stand alone
    # after a space (matched with it: a pattern that opens with a character class lets the regex
    # engine skip to the spaces instead of trying every position).
    bare = _alternation([e for e in entries if "أرشيف" in e or "تعبيري" in e], glued=False)
    # "...في العراق(Getty)", "... 2020 - REUTERS", "... - أرشيفية", "... (أ ف ب)"
    return (
        re.compile(
            rf"(?:\(\s*(?:{credits})(?:\s*[/\-–]\s*[\w ]+)?\s*\)|[-–—|]\s*(?:{credits})(?:\s*[/\-–]\s*\w+)?)\s*$",
            re.IGNORECASE,
        ),
        re.compile(rf"\s(?:{bare})\s*$", re.IGNORECASE),
    )


@cache
def _category_keys() -> frozenset[str]:
    return frozenset(match_key(c).replace(" ", "") for c in lexicon("categories.txt"))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """``len(words(text))``, faster: a whitespace token made only of letters is exactly one word,
    so the regex runs only on the tokens with digits, punctuation or diacritics in them."""
    tokens = text.split()
    if "".join(tokens).isalpha():  # letters and whitespace only: one word per token
        return len(tokens)
    rest = [token for token in tokens if not token.isalpha()]
    if not rest:
        return len(tokens)
    return len(tokens) - len(rest) + len(_WORD.findall(" ".join(rest)))


# A site's cookie banner is a whole sentence: it names cookies and what the site does with them.
_COOKIES = re.compile(r"ملفات\s+(?:تعريف\s+)?الارتباط|الكوكيز|كوكيز|\bcookies\b", re.IGNORECASE)
_COOKIE_CUE = re.compile(r"نستخدم|يستخدم\s+(?:هذا\s+)?الموقع|موقعنا|تجربت|الموافقة|توافق|we use|this site", re.IGNORECASE)


def cookie_notice(text: str) -> bool:
    """A cookie banner ("نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا...")."""
    if len(text) > 600 or not ("الارتباط" in text or "كوكيز" in text or "ookies" in text):  # plain finds first
        return False
    return _COOKIES.search(text) is not None and _COOKIE_CUE.search(text) is not None


def has_letter(text: str) -> bool:
    return _ANY_LETTER.search(text) is not None


def has_arabic(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


def is_terminal(text: str) -> bool:
    """Ends with sentence-final punctuation, possibly inside closing quotes or brackets."""
    tail = text.rstrip(_CLOSERS)
    return bool(tail) and tail[-1] in _FINAL_MARKS


def ui_matches(text: str) -> list[tuple[str, int, int]]:
    """(category, start, end) of every UI phrase in ``text``."""
    return [(_category(m.group()), m.start(), m.end()) for m in _ui_regex().finditer(text)]


def _leading_ui(text: str) -> tuple[str, int] | None:
    """(category, end) of a UI phrase opening ``text``."""
    m = _ui_regex().match(text)
    return (_category(m.group()), m.end()) if m else None


leading_ui = _leading_ui
_NOT_GIVEN: tuple = ()  # "lead not computed yet" (None means "no leading UI phrase")


def ui_line(text: str, lead: tuple[str, int] | None = _NOT_GIVEN) -> str | None:
    """Category when the whole line is UI: phrases plus only digits, symbols or icon words (``lead``
    as in ``labelled_list``)."""
    if len(text) > _UI_MAX_CHARS:
        return None
    # _ui_line's shortcut, when the caller has matched the leading phrase already.
    if lead is None and _ARABIC_LETTER.match(text) is not None and not text.startswith(_FILLER_WORDS):
        return None
    return _ui_line(text)


@line_cache
def _ui_line(text: str) -> str | None:
    # The residual must lose every Arabic letter: a phrase or a filler word covers it. Every phrase
    # opens with a letter, so with no letter between the end of the last phrase and the next Arabic
    # letter, a phrase that covers that letter starts there: one anchored match tells, and the first
    # letter a phrase does not cover settles the line (a related link's title, most headings)
    # without scanning for phrases everywhere.
    pos = 0
    while (first := _ARABIC_LETTER.search(text, pos)) is not None:
        at = first.start()
        if (at > pos and _ANY_LETTER.search(text, pos, at) is not None) or text.startswith(_FILLER_WORDS, at):
            break
        phrase = _ui_regex().match(text, at)
        if phrase is None:
            return None
        pos = phrase.end()
    return ui_residual_category(text)


def ui_residual_category(text: str) -> str | None:
    """``_ui_line`` without its shortcut: every UI phrase found, then what is left judged."""
    matches = ui_matches(text)
    if not matches:
        return None
    residual, pos = [], 0
    for _, start, end in matches:
        residual.append(text[pos:start])
        pos = end
    residual.append(text[pos:])
    rest = _FILLER.sub(" ", " ".join(residual))
    if has_arabic(rest) or word_count(rest) > 2:
        return None
    return matches[0][0]


def bar_row(text: str) -> bool:
    """Items of a few words between bars ("الملخص | الأحداث | التشكيلة"): a menu, tabs or tags, when
    it stands outside the article's text (a table row inside it is text)."""
    if "|" not in text:
        return False
    items = [item.strip() for item in text.split("|")]
    return len(items) >= 2 and all(item and len(item.split()) <= _ITEM_MAX_WORDS and not is_terminal(item)
                                   for item in items)


# "العدد 15417", "الصفحة 5": a print edition's issue and page numbers.
_PRINT_LABEL = re.compile(r"^(?:العدد|الصفحة|صفحة)\s*[:：]?\s*[0-9\u0660-\u0669]+$")


def print_label(text: str) -> bool:
    return text.startswith(("العدد", "الصفحة", "صفحة")) and _PRINT_LABEL.match(text) is not None


def hashtag_line(text: str) -> bool:
    """A line of hashtags only ("#لبنان #الكهرباء"): the article's tags as a social post prints them."""
    return text.startswith("#") and all(token.startswith("#") and len(token) > 1 for token in text.split())


# "— الاسم (@handle) April 5, 2025": the attribution under an embedded post.
_EMBED_ATTRIBUTION = re.compile(r"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)")


def embed_attribution(text: str) -> bool:
    return "(@" in text and _EMBED_ATTRIBUTION.match(text) is not None


def tail_widget(text: str) -> str | None:
    """Category of a UI phrase in a short prompt line ("تابعوا آخر الأخبار عبر قناتنا على واتساب")."""
    if len(text) > _UI_MAX_CHARS or is_terminal(text) or word_count(text) > 12:
        return None
    matches = ui_matches(text)
    return matches[0][0] if matches else None


def labelled_list(text: str, lead: tuple[str, int] | None = _NOT_GIVEN) -> str | None:
    """Category of a "label: item، item" line such as "وسوم: الجفاف، الفلاحة".

    ``lead`` is ``leading_ui(text)`` when the caller has it already."""
    if lead is _NOT_GIVEN:
        lead = _leading_ui(text)
    if lead and lead[0] == "tags" and re.match(r"\s*[:：]", text[lead[1] :]):
        return "tags"
    return None


def footer(text: str, lead: tuple[str, int] | None = _NOT_GIVEN) -> bool:
    """Copyright footer: a © sign or a leading copyright phrase (``lead`` as in ``labelled_list``)."""
    if "©" in text:
        return True
    if lead is _NOT_GIVEN:
        lead = _leading_ui(text)
    return lead is not None and lead[0] == "copyright"


def latin_widget(text: str) -> bool:
    """A short unpunctuated Latin line ("list of 3 items", "end of list") in an Arabic article."""
    return (
        not has_arabic(text)
        and _LATIN_LETTER.search(text) is not None
        and len(text.split()) <= 6
        and not is_terminal(text)
    )



def related_prefix(text: str, lead: tuple[str, int] | None = _NOT_GIVEN) -> int | None:
    """End of a leading related-links phrase followed by another article's title, else None.

    Catches "اقرأ أيضًا: عنوان" and the glued "اقرأ أيضًارغم ..." alike (``lead`` as in ``labelled_list``).
    """
    if lead is _NOT_GIVEN:
        lead = _leading_ui(text)
    if lead is None or lead[0] != "related_links":
        return None
    end = lead[1]
    rest = text[end:]
    stripped = rest.lstrip(" :：-–—|»>")
    if not has_arabic(stripped):
        return None
    return end + (len(rest) - len(stripped))


@cache
def _glued_related_probe() -> re.Pattern[str]:
    """Any sentence end followed by a related-links phrase: when it finds nothing, neither does the
    mark-by-mark loop below (one scan instead of a regex call per punctuation mark)."""
    return re.compile(_SENTENCE_END.pattern + _related_regex().pattern, re.IGNORECASE)


def glued_related_tail(text: str) -> int | None:
    """Start of a related-links phrase (and the title after it) glued to the end of a paragraph."""
    if _glued_related_probe().search(text) is None:
        return None
    related = _related_regex()
    for end_mark in _SENTENCE_END.finditer(text):
        m = related.match(text, end_mark.end())
        if m is not None and has_arabic(text[m.end() :]):
            return m.start() + len(m.group()) - len(m.group().lstrip())
    return None


@line_cache
def caption_credit(text: str) -> bool:
    """Line ends with a photo credit: "(Getty)", "- REUTERS", "- أرشيفية", "(صورة: وات)"."""
    marked, bare = _credit_regexes()
    # Most lines have no bracket or dash: only a bare credit can close them.
    if "(" in text or "-" in text or "–" in text or "—" in text or "|" in text:
        if marked.search(text) is not None or _ATTRIBUTION.search(text) is not None:
            return True
    return bare.search(text) is not None


def caption_label(text: str) -> bool:
    """Line opens with a caption label: "مصدر الصورة، ...", "صورة: ..."."""
    return _caption_label_regex().match(text) is not None



@cache
def _caption_label_regex() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alternation(lexicon('caption_labels.txt'), glued=False)})\s*[:،,]", re.IGNORECASE)


@line_cache
def breadcrumb_parts(text: str) -> tuple[str, ...] | None:
    """Parts of a breadcrumb line, else None: section labels glued ("الأخبارتقاريرسياسة") or a
    chain of short parts joined by » > / | of which at least one is a section label."""
    keys = _category_keys()
    if _CRUMB_SEPARATOR_CHAR.search(text) is None:  # no separator: one part (the split below)
        chain = (text.strip(),) if text.strip() else ()
    else:
        chain = tuple(p.strip() for p in _CRUMB_SEPARATOR.split(text) if p.strip())
    if len(chain) >= 2:
        if (all(len(p.split()) <= _ITEM_MAX_WORDS for p in chain)
                and any(match_key(p).replace(" ", "") in keys for p in chain)):
            return chain
        return None
    words = text.split()
    # A longer line is a menu row only if it opens with a section label (one cached key settles most).
    if len(words) > _MENU_MAX_WORDS or (len(words) > _CRUMB_MAX_WORDS and match_key(words[0]) not in keys):
        return None
    return (text,) if _segments_into(match_key(text).replace(" ", ""), keys) else None



@cache
def _items_and_lengths(vocabulary: frozenset[str]) -> tuple[tuple[str, ...], list[int]]:
    return tuple(vocabulary), sorted({len(v) for v in vocabulary})


def _segments_into(key: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``key`` is a concatenation of vocabulary items (word-break dynamic programming)."""
    items, lengths = _items_and_lengths(vocabulary)
    # Such a key starts and ends with an item: two scans settle most keys.
    if not key or not key.startswith(items) or not key.endswith(items):
        return False
    reachable = [True] + [False] * len(key)
    for end in range(1, len(key) + 1):
        for size in lengths:
            start = end - size
            if start < 0:
                break
            if reachable[start] and key[start:end] in vocabulary:
                reachable[end] = True
                break
    return reachable[-1]
