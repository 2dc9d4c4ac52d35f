"""Visual summary of a release: one self-contained HTML page (inline SVG charts, inline JS quote explorer).

The page needs no server and loads nothing from the network, so it opens from the release folder or an
archive as it is. Charts are drawn here in Python as SVG; the inline script only adds interactivity (legend
focus, speaker click-through, quote filters) and marks each chart ``data-drawn`` so a headless browser
test can tell that the page came up.
"""

from __future__ import annotations

import datetime
import json
import math
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template

import polars as pl

from pipeline.release.layout import read_entry, read_manifest, scan_entry
from schemas import TABLES, to_frame
from schemas._common import ENTITY_TYPES
from schemas.events import PLOVER_TYPES

SUMMARY_FILE = "summary.html"
TOP_N = 15
MAX_QUOTES = 5000  # newest quotes embedded in the page; the rest stay in the quotes table
PER_TOP_SPEAKER = 50  # and this many of each most-quoted speaker's
MAX_MONTH_BINS = 60  # longer spans are charted by year
NO_SPEAKER = "(no speaker)"

# Cooperative PLOVER types in greens/blues, REQUEST neutral, conflictual ones in oranges/reds/purples,
# so the balance of a period shows at a glance. Fixed per type so releases compare by eye.
EVENT_COLOURS = dict(zip(PLOVER_TYPES, [
    "#1b7837", "#5aae61", "#a6dba0", "#66c2a5", "#2166ac", "#4393c3", "#92c5de", "#9e9e9e",
    "#fdb863", "#e08214", "#b35806", "#f4a582", "#8073ac", "#542788", "#d6604d", "#b2182b",
]))
ENTITY_COLOURS = dict(zip(ENTITY_TYPES, ["#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#b07aa1"]))
KIND_COLOURS = {"direct": "#1f4e79", "indirect": "#4a90c2", "mixed": "#3a7d44"}

HEADLINE = [  # (label, Arabic label, table)
    ("documents", "المقالات", "clean_documents"),
    ("sentences", "الجمل", "sentences"),
    ("entity mentions", "إشارات الكيانات", "entity_mentions"),
    ("entities", "الكيانات", "entities"),
    ("quotes", "الاقتباسات", "quotes"),
    ("events", "الأحداث", "events"),
    ("quarantined", "المستبعدة", "quarantine"),
]
WINDOW_YEARS = 1  # the time chart shows the publication period plus this much either side
WIDE, HALF = 1100, 520  # SVG widths matching the page's full and half panels, so text keeps its size


# ---------------------------------------------------------------------------------------------- figures

# What the summary reads of each table read back from a release; the other tables it only counts (the
# manifest's rows), and article texts stay on disk.
SUMMARY_COLUMNS = {
    "clean_documents": ["doc_id", "published_date", "title"],
    "events": ["doc_id", "event_type", "event_date"],
    "quotes": ["quote_id", "doc_id", "char_start", "published_date", "kind", "cue", "cue_lemma", "speaker_text",
               "speaker_entity_id"],
    "entities": ["entity_id", "canonical_name", "entity_type", "doc_count", "mention_count"],
}


QUOTE_TEXTS = "quote_texts"  # (quote_id, text) as a LazyFrame: only the quotes the page embeds are read


def summary_tables(release_dir: Path) -> dict[str, pl.DataFrame | pl.LazyFrame]:
    """The tables the summary needs, read back from a written release (quote texts left on disk)."""
    entries = read_manifest(release_dir)["tables"]
    tables = {name: read_entry(release_dir, entries[name], columns=columns) for name, columns in SUMMARY_COLUMNS.items()}
    return {**tables, QUOTE_TEXTS: scan_entry(release_dir, entries["quotes"], ["quote_id", "text"])}


def _table(tables: dict[str, pl.DataFrame], name: str) -> pl.DataFrame:
    df = tables.get(name)
    return df if df is not None else to_frame([], TABLES[name][0])


def _column(df: pl.DataFrame, name: str, dtype: pl.DataType = pl.Utf8) -> pl.Expr:
    # Public-profile tables may drop text columns; treat a missing column as all-null.
    return pl.col(name) if name in df.columns else pl.lit(None, dtype=dtype).alias(name)


def _event_dates(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Events with the date they are charted at: event_date, else the document's published_date."""
    events = _table(tables, "events")
    docs = _table(tables, "clean_documents").select("doc_id", "published_date")
    return (
        events.select("doc_id", "event_type", "event_date")
        .join(docs, on="doc_id", how="left")
        .with_columns(
            date=pl.coalesce("event_date", "published_date"),
            dated_by=pl.when(pl.col("event_date").is_not_null()).then(pl.lit("event_date"))
            .when(pl.col("published_date").is_not_null()).then(pl.lit("published_date"))
            .otherwise(pl.lit("undated")),
        )
    )


def events_by_month(tables: dict[str, pl.DataFrame]) -> list[dict]:
    dated = _event_dates(tables).filter(pl.col("date").is_not_null())
    counts = (  # truncate before formatting: strftime on every row is the slow part
        dated.group_by(month=pl.col("date").dt.truncate("1mo"), event_type="event_type")
        .agg(events=pl.len())
        .sort("month", "event_type")
        .with_columns(pl.col("month").dt.strftime("%Y-%m"))
    )
    return counts.to_dicts()


def publication_span(tables: dict[str, pl.DataFrame]) -> tuple[datetime.date, datetime.date] | None:
    dates = _table(tables, "clean_documents")["published_date"].drop_nulls()
    if dates.is_empty():
        return None
    lo, hi = dates.min(), dates.max()
    assert isinstance(lo, datetime.date) and isinstance(hi, datetime.date)
    return lo, hi


def chart_window(tables: dict[str, pl.DataFrame]) -> dict[str, str] | None:
    """Months the time chart shows: the publication period widened by a year each side.

    Background events (a war decades ago) and misread dates would otherwise stretch the axis until the
    reporting period is a sliver.
    """
    span = publication_span(tables)
    if span is None:
        return None
    lo, hi = span
    return {"from": f"{lo.year - WINDOW_YEARS:04d}-{lo.month:02d}",
            "to": f"{hi.year + WINDOW_YEARS:04d}-{hi.month:02d}"}


def _speaker_quotes(tables: dict[str, pl.DataFrame], quotes: pl.DataFrame | None = None) -> pl.DataFrame:
    """Quotes with a display name for the speaker: the entity's canonical name, else the text as written."""
    quotes = _table(tables, "quotes") if quotes is None else quotes
    names = _table(tables, "entities").select(
        speaker_entity_id="entity_id", canonical_name="canonical_name")
    written = pl.col("speaker_text").str.strip_chars()
    return quotes.join(names, on="speaker_entity_id", how="left", maintain_order="left").with_columns(
        speaker=pl.coalesce("canonical_name", pl.when(written != "").then(written), pl.lit(NO_SPEAKER)),
    )


def top_speakers(tables: dict[str, pl.DataFrame], n: int = TOP_N) -> list[dict]:
    quotes = _speaker_quotes(tables).filter(pl.col("speaker") != NO_SPEAKER)
    kinds = [pl.col("kind").eq(k).sum().alias(k) for k in KIND_COLOURS]
    return (
        quotes.group_by("speaker")
        .agg(pl.col("speaker_entity_id").min().alias("entity_id"), pl.len().alias("quotes"), *kinds)
        .sort(["quotes", "speaker"], descending=[True, False])
        .head(n)
        .to_dicts()
    )


def top_cue_verbs(tables: dict[str, pl.DataFrame], n: int = TOP_N) -> list[dict]:
    """How speakers are quoted: the cue verb's dictionary form (else as written), by quote kind."""
    quotes = _table(tables, "quotes").with_columns(cue_verb=pl.coalesce("cue_lemma", "cue"))
    kinds = [pl.col("kind").eq(k).sum().alias(k) for k in KIND_COLOURS]
    return (
        quotes.filter(pl.col("cue_verb").is_not_null())
        .group_by("cue_verb")
        .agg(pl.len().alias("quotes"), *kinds)
        .sort(["quotes", "cue_verb"], descending=[True, False])
        .head(n)
        .to_dicts()
    )


def entities_by_type(tables: dict[str, pl.DataFrame]) -> list[dict]:
    entities = _table(tables, "entities")
    counts = {
        row["entity_type"]: row
        for row in entities.group_by("entity_type")
        .agg(entities=pl.len(), mentions=pl.col("mention_count").sum())
        .to_dicts()
    }
    return [
        {"entity_type": t, "entities": counts.get(t, {}).get("entities", 0),
         "mentions": counts.get(t, {}).get("mentions", 0)}
        for t in ENTITY_TYPES
    ]


def top_entities_by_documents(tables: dict[str, pl.DataFrame], n: int = TOP_N) -> list[dict]:
    return (
        _table(tables, "entities")
        .select("entity_id", "canonical_name", "entity_type", "doc_count", "mention_count")
        .sort(["doc_count", "mention_count", "canonical_name", "entity_id"],
              descending=[True, True, False, False])
        .head(n)
        .to_dicts()
    )


def _in_window(month: str, window: dict[str, str] | None) -> bool:
    return window is None or window["from"] <= month <= window["to"]


def headline_counts(tables: dict[str, pl.DataFrame], rows: dict[str, int] | None = None) -> dict[str, int]:
    """Rows per headline table: ``rows`` (a manifest's counts) where given, else the frames' heights."""
    return {label: (rows or {}).get(name, _table(tables, name).height) for label, _, name in HEADLINE}


def manifest_rows(manifest: dict) -> dict[str, int]:
    return {name: entry["rows"] for name, entry in manifest.get("tables", {}).items()}


def summary_metadata(tables: dict[str, pl.DataFrame], rows: dict[str, int] | None = None) -> dict:
    """The page's figures as plain JSON-ready values (for Dagster asset metadata); ``rows`` as in
    ``headline_counts``."""
    dated_by = _event_dates(tables)["dated_by"].value_counts().sort("dated_by")
    by_month = events_by_month(tables)
    window = chart_window(tables)
    return {
        "counts": headline_counts(tables, rows),
        "events_by_month": by_month,
        "events_dated_by": dict(zip(dated_by["dated_by"].to_list(), dated_by["count"].to_list())),
        "chart_window": window,
        "events_outside_window": sum(r["events"] for r in by_month if not _in_window(r["month"], window)),
        "top_speakers": top_speakers(tables),
        "unattributed_quotes": _speaker_quotes(tables).filter(pl.col("speaker") == NO_SPEAKER).height,
        "top_cue_verbs": top_cue_verbs(tables),
        "entities_by_type": entities_by_type(tables),
        "top_entities_by_documents": top_entities_by_documents(tables),
    }


# ---------------------------------------------------------------------------------------------- SVG

def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _short(n: int) -> str:
    """Compact count for chart labels: 950, 9,500, 95k, 9.5M."""
    if n < 10_000:
        return f"{n:,}"
    value, unit = (n / 1e6, "M") if n >= 999_500 else (n / 1e3, "k")
    return f"{value:.1f}".removesuffix(".0") + unit if value < 100 else f"{value:.0f}{unit}"


def _ticks(top: int) -> list[int]:
    """Round tick values (1, 2 or 5 times a power of ten) from 0 to at least ``top``."""
    if top <= 0:
        return [0, 1]
    raw = top / 4
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return list(range(0, math.ceil(top / step) * step + 1, step))


def _has_arabic(s: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in s)


def _label(x: float, y: float, text: str, limit: int = 30) -> str:
    """A bar label whose right edge sits at ``x``; Arabic runs right-to-left from there."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    # In RTL text, "start" is the right edge.
    rtl = ' text-anchor="start" direction="rtl" lang="ar"' if _has_arabic(short) else ' text-anchor="end"'
    return (f'<text class="label" x="{_num(x)}" y="{_num(y)}" dominant-baseline="middle"{rtl}>'
            f"<title>{escape(text)}</title>{escape(short)}</text>")


def _legend(series: list[str], colours: dict[str, str]) -> str:
    items = "".join(
        f'<li data-series="{escape(s)}"><span class="swatch" style="background:{colours[s]}"></span>{escape(s)}</li>'
        for s in series
    )
    return f'<ul class="legend">{items}</ul>'


def _svg(width: float, height: float, parts: list[str]) -> str:
    return (f'<svg class="chart-svg" viewBox="0 0 {_num(width)} {_num(height)}" '
            f'style="max-width:{_num(width)}px" role="img">{"".join(parts)}</svg>')


def stacked_columns(bins: list[str], series: list[str], values: dict[tuple[str, str], int],
                    colours: dict[str, str], width: int = WIDE) -> str:
    """Vertical stacked bars: one column per bin, one segment per series, with a legend."""
    height = 320
    rotate = len(bins) > 10
    left, right, top, bottom = 44, 10, 12, 56 if rotate else 28
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values.get((b, s), 0) for s in series) for b in bins]
    ticks = _ticks(max(totals, default=0))
    scale = plot_h / ticks[-1]
    slot = plot_w / max(len(bins), 1)
    bar_w = min(max(slot * 0.78, 1.0), 64.0)
    every = math.ceil(len(bins) / 24)  # keep x labels from overlapping
    labelled = bar_w >= 7 * max((len(_short(t)) for t in totals), default=0)  # totals fit over every column
    parts = ['<g class="axis">']
    for t in ticks:
        y = top + plot_h - t * scale
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{_num(y)}" y2="{_num(y)}"/>'
                     f'<text x="{left - 6}" y="{_num(y)}" text-anchor="end" dominant-baseline="middle">'
                     f"{_short(t)}</text>")
    for i, b in enumerate(bins):
        if i % every:
            continue
        x, y = left + slot * i + slot / 2, height - bottom + 16
        turn = f' transform="rotate(-40 {_num(x)} {y})"' if rotate else ""
        parts.append(f'<text x="{_num(x)}" y="{y}" text-anchor="{"end" if rotate else "middle"}"{turn}>'
                     f"{escape(b)}</text>")
    parts.append("</g>")
    for i, (b, total) in enumerate(zip(bins, totals)):
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h
        for s in series:
            v = values.get((b, s), 0)
            if not v:
                continue
            h = v * scale
            y -= h
            parts.append(f'<rect class="bar" data-series="{escape(s)}" x="{_num(x)}" y="{_num(y)}" '
                         f'width="{_num(bar_w)}" height="{_num(h)}" fill="{colours[s]}" stroke="#fff" '
                         f'stroke-width="0.5"><title>{escape(b)} · {escape(s)}: {v}</title></rect>')
        if total and labelled:
            parts.append(f'<text class="value" x="{_num(x + bar_w / 2)}" y="{_num(y - 5)}" '
                         f'text-anchor="middle">{_short(total)}</text>')
    present = [s for s in series if any(values.get((b, s), 0) for b in bins)]
    return f'<div class="scroll">{_svg(width, height, parts)}</div>' + _legend(present, colours)


def horizontal_bars(rows: list[tuple[str, list[tuple[str, int]]]], colours: dict[str, str],
                    row_attrs: list[str] | None = None, legend: bool = True, tips: list[str] | None = None,
                    width: int = HALF) -> str:
    """Horizontal stacked bars, one row per label; labels end where the bars start."""
    label_w, right, row_h, top = 190, 40, 28, 2
    plot_w = width - label_w - right
    height = top + row_h * len(rows) + 2
    biggest = max((sum(v for _, v in segs) for _, segs in rows), default=0) or 1
    scale = plot_w / biggest
    attrs = row_attrs or [""] * len(rows)
    series: set[str] = set()
    parts = []
    for i, (label, segs) in enumerate(rows):
        y = top + i * row_h
        parts.append(f"<g{attrs[i]}>" + _label(label_w - 10, y + row_h / 2, label))
        x = float(label_w)
        for s, v in segs:
            if not v:
                continue
            series.add(s)
            w = v * scale
            tip = tips[i] if tips else f"{label} · {s}: {v}"
            parts.append(f'<rect class="bar" data-series="{escape(s)}" x="{_num(x)}" y="{_num(y + 4)}" '
                         f'width="{_num(w)}" height="{row_h - 8}" fill="{colours[s]}">'
                         f'<title>{escape(tip)}</title></rect>')
            x += w
        parts.append(f'<text class="value" x="{_num(x + 6)}" y="{_num(y + row_h / 2)}" '
                     f'dominant-baseline="middle">{_short(sum(v for _, v in segs))}</text></g>')
    present = [s for s in colours if s in series]
    return _svg(width, height, parts) + (_legend(present, colours) if legend and len(present) > 1 else "")


# ---------------------------------------------------------------------------------------------- page

def _panel(chart_id: str, title: str, title_ar: str, note: str, body: str | None, wide: bool = False) -> str:
    inner = body if body else '<p class="empty">No data in this release.</p>'
    cls = "panel wide" if wide else "panel"
    return (f'<section class="{cls}" id="{chart_id}" data-chart data-drawn="false">'
            f'<h2>{escape(title)} <span lang="ar" dir="rtl">{escape(title_ar)}</span></h2>'
            f'<p class="note">{escape(note)}</p>{inner}</section>')


def _period_bins(months: list[str]) -> tuple[str, list[str]]:
    """Contiguous month bins (gaps shown as gaps), or year bins when the span is long."""
    y0, m0 = map(int, months[0].split("-"))
    y1, m1 = map(int, months[-1].split("-"))
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span <= MAX_MONTH_BINS:
        return "month", [f"{(m0 - 1 + k) // 12 + y0:04d}-{(m0 - 1 + k) % 12 + 1:02d}" for k in range(span)]
    years = [f"{y:04d}" for y in range(y0, y1 + 1)]
    return "year", years if len(years) <= 120 else sorted({m[:4] for m in months})


def _events_chart(meta: dict) -> str:
    window = meta["chart_window"]
    rows = [r for r in meta["events_by_month"] if _in_window(r["month"], window)]
    dated = meta["events_dated_by"]
    unit, bins = _period_bins(sorted({r["month"] for r in rows})) if rows else ("month", [])
    outside = (f" Left out as far from the publication period (charted: {window['from']} to {window['to']}): "
               f"{meta['events_outside_window']:,}." if window else "")
    note = (f"Events per {unit} by PLOVER type, dated by the event date the text states "
            f"({dated.get('event_date', 0):,}) or else the article's publication date "
            f"({dated.get('published_date', 0):,}); undated: {dated.get('undated', 0):,}.{outside} "
            "Dates known only to the year count in January. Click a type in the legend to pick it out.")
    values: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r["month"] if unit == "month" else r["month"][:4], r["event_type"])
        values[key] = values.get(key, 0) + r["events"]
    body = stacked_columns(bins, list(EVENT_COLOURS), values, EVENT_COLOURS) if rows else None
    return _panel("chart-events", "Events over time", "الأحداث عبر الزمن", note, body, wide=True)


def _speakers_chart(meta: dict) -> str:
    speakers = meta["top_speakers"]
    note = (f"Quotes per speaker (entity name when the speaker is linked, else as written); "
            f"quotes without a speaker: {meta['unattributed_quotes']:,}. Click a bar to read the quotes.")
    rows = [(s["speaker"], [(k, s[k]) for k in KIND_COLOURS]) for s in speakers]
    attrs = [f' class="clickable" data-speaker="{escape(s["speaker"])}"' for s in speakers]
    body = horizontal_bars(rows, KIND_COLOURS, attrs) if rows else None
    return _panel("chart-speakers", "Most quoted speakers", "الأكثر اقتباسًا", note, body)


def _cue_chart(meta: dict) -> str:
    cues = meta["top_cue_verbs"]
    note = "The verbs that introduce quotes (dictionary form), by kind of quote."
    rows = [(c["cue_verb"], [(k, c[k]) for k in KIND_COLOURS]) for c in cues]
    body = horizontal_bars(rows, KIND_COLOURS) if rows else None
    return _panel("chart-cues", "How speakers are quoted", "أفعال القول", note, body)


def _entity_type_chart(meta: dict) -> str:
    by_type = meta["entities_by_type"]
    note = "Distinct entities per type; the tooltip gives the number of mentions."
    rows = [(r["entity_type"], [(r["entity_type"], r["entities"])]) for r in by_type]
    tips = [f"{r['entity_type']}: {r['entities']} entities, {r['mentions']} mentions" for r in by_type]
    body = (horizontal_bars(rows, ENTITY_COLOURS, legend=False, tips=tips)
            if any(r["entities"] for r in by_type) else None)
    return _panel("chart-entity-types", "Entities by type", "الكيانات حسب النوع", note, body)


def _top_entities_chart(meta: dict) -> str:
    top = meta["top_entities_by_documents"]
    note = f"The {len(top)} entities named in the most documents, coloured by type."
    rows = [(e["canonical_name"], [(e["entity_type"], e["doc_count"])]) for e in top]
    body = horizontal_bars(rows, ENTITY_COLOURS) if rows else None
    return _panel("chart-entity-documents", "Entities by number of documents", "الكيانات حسب عدد المقالات",
                  note, body)


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no '</script>', '<!--' or line separators can break out."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def explorer_quotes(tables: dict[str, pl.DataFrame], limit: int = MAX_QUOTES) -> list[dict]:
    """The quotes embedded in the page: the newest ``limit``, plus the newest few of each top speaker
    so that clicking a speaker's bar always finds quotes; newest first, then in document order."""
    top = [s["speaker"] for s in top_speakers(tables)]
    quotes = _speaker_quotes(tables).sort(
        ["published_date", "doc_id", "char_start", "quote_id"], descending=[True, False, False, False],
        nulls_last=True,
    )
    rank_in_speaker = pl.int_range(pl.len()).over("speaker")
    newest = pl.int_range(pl.len()) < limit
    quotes = quotes.filter(newest | (pl.col("speaker").is_in(top) & (rank_in_speaker < PER_TOP_SPEAKER)))
    if "text" not in quotes.columns and QUOTE_TEXTS in tables:
        texts = tables[QUOTE_TEXTS].filter(pl.col("quote_id").is_in(quotes["quote_id"].implode())).collect()
        quotes = quotes.join(texts, on="quote_id", how="left", maintain_order="left")
    docs = _table(tables, "clean_documents")
    titles = docs.select("doc_id", _column(docs, "title"))
    rows = (
        quotes.join(titles, on="doc_id", how="left", maintain_order="left")
        .select(
            "quote_id", "doc_id", "speaker", "kind", "title",
            date=pl.col("published_date").cast(pl.Utf8),
            text=_column(quotes, "text"),
        )
    )
    return rows.to_dicts()


def _date_range(tables: dict[str, pl.DataFrame]) -> str:
    span = publication_span(tables)
    return f" · articles published {span[0].isoformat()} to {span[1].isoformat()}" if span else ""


def _headline(counts: dict[str, int], version: str) -> str:
    cards = [(label, ar, f"{counts[label]:,}", label == "quarantined" and counts[label] > 0)
             for label, ar, _ in HEADLINE] + [("release", "الإصدار", version, False)]
    return "".join(
        f'<div class="stat{" warn" if warn else ""}" data-stat="{escape(label)}"><b>{escape(value)}</b>'
        f'<span>{escape(label)}</span><span lang="ar" dir="rtl">{escape(ar)}</span></div>'
        for label, ar, value, warn in cards
    )


def render_summary(tables: dict[str, pl.DataFrame], manifest: dict, meta: dict | None = None) -> str:
    """The release's visual summary as one self-contained HTML page (deterministic for the same input);
    ``meta``: its ``summary_metadata`` if already computed."""
    meta = meta if meta is not None else summary_metadata(tables, manifest_rows(manifest))
    version = str(manifest.get("version") or "unreleased")
    name = str(manifest.get("name") or "khabar")
    subtitle = f"Release {version} · profile {manifest.get('profile') or 'full'}{_date_range(tables)}"
    if manifest.get("previous_version"):
        subtitle += f" · {manifest.get('bump') or 'new'} release after {manifest['previous_version']}"
    quotes = explorer_quotes(tables)
    total = meta["counts"]["quotes"]
    explorer_note = (
        f"{len(quotes):,} quotes" + (f" of {total:,} (the newest, and the most quoted speakers' latest; "
                                     "the rest are in the quotes table)"
                                     if len(quotes) < total else "")
        + ". Filter by speaker or kind, or search the text; the address bar keeps the filter for sharing."
    )
    charts = [_events_chart(meta), _speakers_chart(meta), _cue_chart(meta), _entity_type_chart(meta),
              _top_entities_chart(meta)]
    footer = (f"Generated from the release's Parquet files by {name} {manifest.get('code_version') or ''}. "
              "Figures count extracted rows; the dataset card says how they were made "
              "and where they fall short.")
    template = Template(files("pipeline.release").joinpath("templates", "summary.html").read_text("utf-8"))
    return template.substitute(
        title=escape(f"{name} {version}: dataset summary"),
        subtitle=escape(subtitle),
        headline=_headline(meta["counts"], version),
        charts="\n".join(charts),
        explorer_note=escape(explorer_note),
        footer=escape(footer),
        quote_json=_script_json(quotes),
        kind_json=_script_json(KIND_COLOURS),
    )


def write_summary(release_dir: Path, tables: dict[str, pl.DataFrame], manifest: dict,
                  meta: dict | None = None) -> Path:
    """Write ``summary.html`` into the release folder and return its path (``meta`` as in ``render_summary``)."""
    path = Path(release_dir) / SUMMARY_FILE
    path.write_text(render_summary(tables, manifest, meta), encoding="utf-8")
    return path
