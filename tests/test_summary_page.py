"""The release's visual summary page: figures, self-containment, escaping, and that it draws in Chromium."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import quote as urlquote

import pytest
from lxml import html as lxml_html

from pipeline.release.summary import (
    SUMMARY_FILE,
    _period_bins,
    explorer_quotes,
    render_summary,
    summary_metadata,
    write_summary,
)
from schemas import TABLES, to_frame

EVIL = 'قال "</script><script>alert(1)</script>" ثم <!-- انصرف'
D = datetime.date


def hid(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


DOCS = [  # (key, title, published)
    ("a", "الحكومة تعلن خطة جديدة للطاقة", D(2024, 1, 15)),
    ("b", "اشتباكات على الحدود الشمالية", D(2024, 1, 28)),
    ("c", "وزير الخارجية يزور القاهرة", D(2024, 3, 2)),
    ("d", "بيان بلا تاريخ", None),
]
ENTITIES = [  # (name, type, mentions, docs)
    ("محمد بن سلمان", "PERSON", 9, 3),
    ("أنطونيو غوتيريش", "PERSON", 4, 2),
    ("سامح شكري", "PERSON", 2, 1),
    ("الأمم المتحدة", "ORG", 6, 3),
    ("مصر", "GPE", 7, 4),
    ("السعودية", "GPE", 3, 2),
]
QUOTES = [  # (doc, speaker_text, entity name or None, kind, cue lemma, text)
    ("a", "ولي العهد", "محمد بن سلمان", "direct", "قال", "سنمضي في خطة الطاقة حتى النهاية"),
    ("c", "الأمير محمد", "محمد بن سلمان", "indirect", "أكد", "المملكة تدعم الحل السلمي"),
    ("b", "غوتيريش", "أنطونيو غوتيريش", "direct", "قال", "ندعو إلى وقف فوري لإطلاق النار"),
    ("c", "مصدر دبلوماسي", None, "indirect", "أفاد", "المحادثات ستستأنف الأسبوع المقبل"),
    ("b", None, None, "mixed", None, "الوضع على الحدود مقلق"),
    ("d", "المتحدث باسم الوزارة", None, "direct", "قال", EVIL),
]
EVENTS = [  # (doc, type, event_date)
    ("a", "AGREE", D(2024, 1, 10)),
    ("a", "CONSULT", D(2024, 1, 12)),
    ("b", "ASSAULT", None),  # falls back to the document's date (2024-01)
    ("b", "ASSAULT", D(2024, 2, 1)),
    ("c", "CONSULT", D(2024, 3, 1)),
    ("c", "ACCUSE", D(2024, 3, 1)),
    ("d", "PROTEST", None),  # no date anywhere
    ("c", "ASSAULT", D(1967, 6, 5)),  # background: counted, but off the time chart
]


def build_tables() -> dict:
    ids = {key: hid("doc", key) for key, _, _ in DOCS}
    eids = {name: hid("ent", name) for name, *_ in ENTITIES}
    dates = {key: published for key, _, published in DOCS}
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for key, title, published in DOCS:
        text = f"{title}. نص المقال."
        rows["raw_documents"].append(dict(
            doc_id=ids[key], source_path=f"{key}.txt", source_format="txt", encoding="utf-8",
            sha256=hashlib.sha256(text.encode()).hexdigest(), n_bytes=len(text.encode()), raw_text=text))
        rows["clean_documents"].append(dict(
            doc_id=ids[key], title=title, published_date=published, clean_text=text, offset_map=[],
            n_chars=len(text), extractor="test@0"))
        rows["sentences"].append(dict(
            sentence_id=hid("s", key), doc_id=ids[key], paragraph_index=0, sentence_index=0, text=text,
            char_start=0, char_end=len(text), extractor="test@0"))
    for name, etype, mentions, docs in ENTITIES:
        rows["entities"].append(dict(
            entity_id=eids[name], canonical_name=name, entity_type=etype, aliases=[name],
            mention_count=mentions, doc_count=docs, merge_reasons=[], extractor="test@0"))
        rows["entity_mentions"].append(dict(
            mention_id=hid("m", name), doc_id=ids["a"], sentence_id=hid("s", "a"), text=name,
            entity_type=etype, adjectival=False, entity_id=eids[name], link_reason="exact",
            confidence=0.9, char_start=0, char_end=len(name), extractor="test@0"))
    for i, (doc, speaker, entity, kind, cue, text) in enumerate(QUOTES):
        rows["quotes"].append(dict(
            quote_id=hid("q", i), doc_id=ids[doc], sentence_id=hid("s", doc), text=text, kind=kind,
            cue=cue, cue_lemma=cue,
            speaker_text=speaker, speaker_entity_id=eids.get(entity), published_date=dates[doc],
            confidence=0.8, char_start=i, char_end=i + len(text), extractor="test@0"))
    for i, (doc, etype, date) in enumerate(EVENTS):
        rows["events"].append(dict(
            event_id=hid("e", i), doc_id=ids[doc], sentence_id=hid("s", doc), trigger="فعل",
            event_type=etype, actors=[], targets=[], locations=[], event_date=date,
            date_granularity="day" if date else None, negated=False, hypothetical=False,
            historical=False, confidence=0.7, char_start=i, char_end=i + 3, extractor="test@0"))
    rows["quarantine"].append(dict(
        quarantine_id=hid("qq"), stage="ingest", source_path="x.pdf", reason="unsupported_format", detail="pdf"))
    return {name: to_frame(rows[name], model) for name, (model, _) in TABLES.items()}


MANIFEST = {"name": "khabar", "version": "1.2.0", "previous_version": "1.1.0", "bump": "minor",
            "profile": "full", "code_version": "0.1.0"}


@pytest.fixture(scope="module")
def tables() -> dict:
    return build_tables()


@pytest.fixture(scope="module")
def empty_tables() -> dict:
    return {name: to_frame([], model) for name, (model, _) in TABLES.items()}


def expected_event_months() -> Counter:
    dates = {key: published for key, _, published in DOCS}
    return Counter(
        ((date or dates[doc]).strftime("%Y-%m"), etype)
        for doc, etype, date in EVENTS if (date or dates[doc])
    )


def in_publication_window(month: str) -> bool:
    published = [p for _, _, p in DOCS if p]
    lo, hi = min(published), max(published)
    return f"{lo.year - 1:04d}-{lo.month:02d}" <= month <= f"{hi.year + 1:04d}-{hi.month:02d}"


def expected_speakers() -> Counter:
    return Counter(entity or (speaker or "").strip() for _, speaker, entity, _, _, _ in QUOTES
                   if entity or (speaker or "").strip())


# ------------------------------------------------------------------------------------------ figures

def test_metadata_counts_events_by_month_and_type(tables):
    meta = summary_metadata(tables)
    got = Counter({(r["month"], r["event_type"]): r["events"] for r in meta["events_by_month"]})
    assert got == expected_event_months()
    assert meta["events_dated_by"] == {"event_date": 6, "published_date": 1, "undated": 1}
    outside = [k for k in expected_event_months() if not in_publication_window(k[0])]
    assert outside == [("1967-06", "ASSAULT")]
    assert meta["events_outside_window"] == sum(expected_event_months()[k] for k in outside)
    assert [r["month"] for r in meta["events_by_month"]] == sorted(r["month"] for r in meta["events_by_month"])


def test_metadata_names_speakers_by_entity_then_text(tables):
    meta = summary_metadata(tables)
    speakers = {s["speaker"]: s["quotes"] for s in meta["top_speakers"]}
    assert speakers == dict(expected_speakers())
    top = meta["top_speakers"][0]
    # Two quotes with different surface forms count for the one linked entity, under its canonical name.
    assert top["speaker"] == "محمد بن سلمان" and top["quotes"] == 2
    assert top["direct"] == 1 and top["indirect"] == 1
    assert meta["unattributed_quotes"] == sum(1 for _, s, e, _, _, _ in QUOTES if not s and not e)


def test_metadata_counts_cue_verbs(tables):
    cues = {c["cue_verb"]: c["quotes"] for c in summary_metadata(tables)["top_cue_verbs"]}
    assert cues == dict(Counter(cue for *_, cue, _ in QUOTES if cue))
    assert list(cues) == sorted(cues, key=lambda c: (-cues[c], c))


def test_metadata_entities_by_type_and_documents(tables):
    meta = summary_metadata(tables)
    by_type = {r["entity_type"]: r["entities"] for r in meta["entities_by_type"]}
    assert by_type == {"PERSON": 3, "ORG": 1, "GPE": 2, "LOC": 0, "FAC": 0}
    top = [e["canonical_name"] for e in meta["top_entities_by_documents"]]
    assert top == [n for n, *_ in sorted(ENTITIES, key=lambda e: (-e[3], -e[2], e[0]))]
    assert meta["counts"]["documents"] == len(DOCS) and meta["counts"]["quarantined"] == 1
    json.dumps(meta)  # plain values only, ready for Dagster metadata


def test_explorer_keeps_quotes_of_every_charted_speaker(tables):
    # Only one "newest" slot: the most quoted speakers' quotes still come along, unattributed ones do not.
    picked = explorer_quotes(tables, limit=1)
    dates = [q["date"] or "" for q in picked]
    assert dates == sorted(dates, reverse=True)
    assert {q["speaker"] for q in picked} == set(expected_speakers())
    assert len(picked) == sum(expected_speakers().values())


def test_time_axis_keeps_gaps_and_switches_to_years():
    unit, bins = _period_bins(["2023-11", "2024-02"])
    assert unit == "month" and bins == ["2023-11", "2023-12", "2024-01", "2024-02"]
    unit, bins = _period_bins(["2015-06", "2024-02"])
    assert unit == "year" and bins[0] == "2015" and bins[-1] == "2024" and len(bins) == 10


# ------------------------------------------------------------------------------------------ page text

def test_page_is_self_contained(tables):
    page = render_summary(tables, MANIFEST)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page.lower() and "@import" not in page and "url(" not in page
    assert page.count("<script") == page.count("</script>")  # the quote's '</script>' did not survive raw


def test_quote_json_escapes_script_breakout(tables):
    page = render_summary(tables, MANIFEST)
    doc = lxml_html.fromstring(page)
    data = json.loads(doc.get_element_by_id("quote-data").text)
    assert EVIL in [q["text"] for q in data]
    assert len(data) == len(QUOTES)
    scripts = doc.xpath("//script")
    assert len(scripts) == 3 and "alert(1)" not in scripts[-1].text


def test_arabic_is_marked_right_to_left(tables):
    page = render_summary(tables, MANIFEST)
    doc = lxml_html.fromstring(page)
    labels = doc.xpath('//*[@id="chart-speakers"]//svg//text[@direction="rtl"]')
    assert any("محمد بن سلمان" in "".join(t.itertext()) for t in labels)


def test_page_is_deterministic(tables):
    assert render_summary(tables, MANIFEST) == render_summary(build_tables(), dict(MANIFEST))


def test_empty_release_renders_no_data_notes(empty_tables, tmp_path):
    path = write_summary(tmp_path, empty_tables, {"version": "0.0.1"})
    assert path == tmp_path / SUMMARY_FILE
    doc = lxml_html.fromstring(path.read_text("utf-8"))
    charts = doc.xpath("//*[@data-chart]")
    assert len(charts) == 5
    assert all(c.xpath('.//p[@class="empty"]') and not c.xpath(".//svg") for c in charts)
    meta = summary_metadata(empty_tables)
    assert meta["events_by_month"] == [] and meta["top_speakers"] == [] and set(meta["counts"].values()) == {0}


def test_missing_tables_and_text_columns_are_tolerated(tables):
    # A public-profile release may drop text columns; the page must still come up.
    partial = {"events": tables["events"], "quotes": tables["quotes"].drop("text"),
               "clean_documents": tables["clean_documents"].drop("title")}
    page = render_summary(partial, {})
    assert 'id="chart-events"' in page and "No data in this release." in page


# ------------------------------------------------------------------------------------------ Chromium

def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "headless_shell"):
        if found := shutil.which(name):
            return found
    pytest.skip("no Chromium binary found: install it with `apt-get install -y chromium fonts-noto-core`")


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=True)


def dump_dom(tmp_path: Path, page: Path, fragment: str = ""):
    out = run_chromium(tmp_path, "--dump-dom", page.as_uri() + fragment).stdout
    return lxml_html.fromstring(out)


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_charts_draw_in_chromium(tables, tmp_path):
    page = write_summary(tmp_path, tables, MANIFEST)
    dom = dump_dom(tmp_path, page)
    bars = {c.get("id"): len(c.xpath(".//svg//rect[contains(@class, 'bar')]")) for c in dom.xpath("//*[@data-chart]")}
    drawn = {c.get("id"): c.get("data-drawn") for c in dom.xpath("//*[@data-chart]")}
    assert drawn == {k: "true" for k in ("chart-events", "chart-speakers", "chart-cues", "chart-entity-types",
                                         "chart-entity-documents")}
    # One stacked segment per (period, type) with events; one segment per speaker and kind quoted.
    assert bars["chart-events"] == len([k for k in expected_event_months() if in_publication_window(k[0])])
    assert bars["chart-speakers"] == len({(e or s, k) for _, s, e, k, _, _ in QUOTES if e or s})
    assert bars["chart-cues"] == len({(c, k) for *_, k, c, _ in QUOTES if c})
    assert bars["chart-entity-types"] == len({t for _, t, _, _ in ENTITIES})
    assert bars["chart-entity-documents"] == len(ENTITIES)
    assert dom.xpath('//*[@id="chart-events"]/@data-bars') == [str(bars["chart-events"])]

    explorer = dom.get_element_by_id("quote-explorer")
    assert explorer.get("data-drawn") == "true"
    rows = explorer.xpath('.//tbody[@id="quote-rows"]/tr')
    assert len(rows) == len(QUOTES) == int(explorer.get("data-rows"))
    assert EVIL in [r.xpath('./td[@class="q"]')[0].text for r in rows]
    options = dom.xpath('//select[@id="speaker-filter"]/option/@value')
    assert sorted(o for o in options if o) == sorted({*expected_speakers(), "(no speaker)"})


def test_quote_filters_apply_in_chromium(tables, tmp_path):
    page = write_summary(tmp_path, tables, MANIFEST)
    speaker = "محمد بن سلمان"
    dom = dump_dom(tmp_path, page, "#speaker=" + urlquote(speaker))  # filter restored from the address
    rows = dom.xpath('//tbody[@id="quote-rows"]/tr/td[@class="speaker"]')
    assert [r.text for r in rows] == [speaker] * expected_speakers()[speaker]


# Test-only script appended to the page: acts as a reader would and records what the page showed.
DRIVER = """<script>
(function () {
  var seen = document.body.dataset;
  var explorer = document.getElementById("quote-explorer");
  var search = document.getElementById("quote-search");
  search.value = "الاسبوع المقبل";
  search.dispatchEvent(new Event("input"));
  seen.searchMatches = explorer.dataset.matches;
  seen.searchText = document.querySelector("#quote-rows td.q").firstChild.textContent;
  search.value = "";
  search.dispatchEvent(new Event("input"));
  document.querySelector("#chart-speakers [data-speaker]").dispatchEvent(new MouseEvent("click"));
  seen.clickedSpeaker = document.getElementById("speaker-filter").value;
  seen.clickedMatches = explorer.dataset.matches;
  document.querySelector("#chart-events .legend li").click();
  seen.dimmed = document.querySelectorAll("#chart-events .bar.dim").length;
  seen.focused = document.querySelector("#chart-events .legend li").dataset.series;
})();
</script>"""


def test_page_responds_to_a_reader_in_chromium(tables, tmp_path):
    page = write_summary(tmp_path, tables, MANIFEST)
    page.write_text(page.read_text("utf-8").replace("</body>", DRIVER + "</body>"), encoding="utf-8")
    seen = dump_dom(tmp_path, page).body.attrib
    # Search folds hamza on alef: "الاسبوع" finds "الأسبوع".
    assert seen["data-search-text"] in [t for *_, t in QUOTES if "الأسبوع المقبل" in t]
    assert seen["data-search-matches"] == "1"
    top = expected_speakers().most_common(1)[0]
    assert (seen["data-clicked-speaker"], int(seen["data-clicked-matches"])) == top
    in_chart = [k for k in expected_event_months() if in_publication_window(k[0])]
    focused = [k for k in in_chart if k[1] == seen["data-focused"]]
    assert focused and int(seen["data-dimmed"]) == len(in_chart) - len(focused)


def test_empty_release_draws_in_chromium(empty_tables, tmp_path):
    page = write_summary(tmp_path, empty_tables, {"version": "0.0.1"})
    dom = dump_dom(tmp_path, page)
    assert {c.get("data-drawn") for c in dom.xpath("//*[@data-chart]")} == {"empty"}
    assert dom.get_element_by_id("quote-explorer").get("data-rows") == "0"


def test_screenshot_is_not_blank(tables, tmp_path):
    page = write_summary(tmp_path, tables, MANIFEST)
    shot = tmp_path / "summary.png"
    run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1800", "--hide-scrollbars",
                 page.as_uri())
    width, height, raw = png_pixels(shot)
    assert (width, height) == (1280, 1800)
    # A blank page compresses to a handful of distinct byte values; charts and text give many.
    assert len(set(raw)) > 64 and len(shot.read_bytes()) > 20_000


def test_a_releases_page_counts_every_table_from_its_manifest(release_dir):
    """The page reads back only the columns it charts; the counts of the other tables come from the manifest."""
    from pipeline.release.layout import read_manifest
    from pipeline.release.summary import HEADLINE

    rows = {name: entry["rows"] for name, entry in read_manifest(release_dir)["tables"].items()}
    page = lxml_html.fromstring((release_dir / "summary.html").read_text(encoding="utf-8"))
    for label, _, table in HEADLINE:
        (shown,) = page.xpath(f'//div[@data-stat="{label}"]/b/text()')
        assert int(shown.replace(",", "")) == rows[table], label
    assert rows["sentences"] > 0 and rows["entity_mentions"] > 0


def test_a_release_is_summarised_without_reading_every_quote_text(release_dir):
    """Quote texts stay on disk except those the page embeds, which match the quotes table."""
    from pipeline.release.layout import read_table
    from pipeline.release.summary import summary_tables

    tables = summary_tables(release_dir)
    assert "text" not in tables["quotes"].columns
    embedded = explorer_quotes(tables, limit=3)
    assert 3 <= len(embedded) < tables["quotes"].height
    stored = dict(read_table(release_dir, "quotes").select("quote_id", "text").iter_rows())
    assert all(q["text"] == stored[q["quote_id"]] for q in embedded)
