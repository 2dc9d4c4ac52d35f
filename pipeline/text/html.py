"""HTML pages to article text and page metadata through trafilatura (no network access)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import lxml.html
import trafilatura

from pipeline.text.dates import find_dates
from pipeline.text.normalize import match_key

# Only dates the page states in its markup (meta tags, time elements); no guessing from URLs or text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str  # main text, title as its first line
    title: str | None
    published_date: dt.date | None
    date_evidence: str | None
    byline: str | None
    outlet: str | None


def extract_html(html: str) -> HtmlArticle:
    """Main text and metadata of a page; an empty text when trafilatura finds no article."""
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return HtmlArticle("", None, None, None, None, None)
    text = (doc.text or "").strip()
    title = (doc.title or "").strip() or None
    first_line = text.split("\n", 1)[0].strip()
    if title and _same_heading(first_line, title):
        title = first_line  # the page's own headline, without a "| site" suffix
    elif title:
        text = f"{title}\n\n{text}"
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return HtmlArticle(
        text=text,
        title=title,
        published_date=published,
        date_evidence=_visible_date(html, published) or doc.date if published else None,
        byline=(doc.author or "").strip() or None,
        outlet=(doc.sitename or "").strip() or None,
    )


def _same_heading(line: str, title: str) -> bool:
    a, b = match_key(line), match_key(title)
    return bool(a) and (a == b or (len(a) >= len(b) / 2 and (a in b or b in a)))


def _visible_date(html: str, published: dt.date) -> str | None:
    """The page's own wording of the date, from a ``<time>`` element stating the same day."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for element in tree.iter("time"):
        text = " ".join(element.text_content().split())
        if any(d.value == published for d in find_dates(text)):
            return text
    return None
