"""Check the cleaning gold files against their raw articles and print line counts by label.

Run from the repo root: python eval/gold/cleaning/validate.py [GOLD_FOLDER ...]
(default: this folder; eval/gold/cleaning_unseen holds the out-of-sample set).
Exit status 1 when any gold file is inconsistent with its raw file.
"""
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOLD = Path(__file__).resolve().parent
LABELS = {"title", "subheading", "body", "metadata", "boilerplate"}
META_KEYS = {"title", "published_date", "date_precision", "date_evidence", "byline", "outlet", "dateline"}
DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def html_blocks(raw: str) -> dict[int, str]:
    """Visible text per source line of <body>, outside <script>: the unit the HTML gold labels."""
    blocks, in_body = {}, False
    for no, line in enumerate(raw.split("\n"), 1):
        in_body = in_body or line.lstrip().startswith("<body")
        if not in_body or line.lstrip().startswith("<script"):
            continue
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", line))).strip()
        if text:
            blocks[no] = text
    return blocks


def text_units(path: Path) -> tuple[str, dict[int, str]]:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return raw, html_blocks(raw)
    return raw, {no: line for no, line in enumerate(raw.split("\n"), 1) if line.strip()}


def check(gold_path: Path) -> tuple[list[str], Counter]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    errors, counts = [], Counter()
    raw, units = text_units(ROOT / gold["file"])
    seen = set()
    for item in gold["lines"]:
        no, label = item["line_no"], item["label"]
        counts[label] += 1
        if no in seen:
            errors.append(f"line {no} labelled twice")
        seen.add(no)
        if units.get(no) != item["text"]:
            errors.append(f"line {no}: text differs from the raw file")
        if label not in LABELS:
            errors.append(f"line {no}: unknown label {label!r}")
        if label in {"metadata", "boilerplate"} and not item.get("reason"):
            errors.append(f"line {no}: {label} without reason")
        for span in item.get("spans", []):
            if span["text"] not in item["text"] or span["label"] not in LABELS:
                errors.append(f"line {no}: bad span {span}")
    if missing := sorted(set(units) - seen):
        errors.append(f"unlabelled non-blank lines: {missing}")
    meta = gold["metadata"]
    if set(meta) != META_KEYS:
        errors.append(f"metadata keys {sorted(meta)}")
    titles = [i["text"] for i in gold["lines"] if i["label"] == "title"]
    if titles != [meta["title"]]:
        errors.append("metadata title must equal the one title line")
    date, prec = meta["published_date"], meta["date_precision"]
    if (date is None) != (prec is None) or (date is None) != (meta["date_evidence"] is None):
        errors.append("date, precision and evidence must be all null or all set")
    elif date is not None and not re.fullmatch(DATE_FORMS.get(prec, "x"), date):
        errors.append(f"date {date!r} does not match precision {prec!r}")
    for key in ("date_evidence", "byline", "dateline"):
        if meta[key] is not None and meta[key] not in raw:
            errors.append(f"{key} {meta[key]!r} not found in the raw file")
    for name in (meta["outlet"] or "").split("، "):
        if name and name not in raw:
            errors.append(f"outlet name {name!r} not found in the raw file")
    return errors, counts


def main(folders: list[str]) -> int:
    total, failed = Counter(), False
    for gold_path in sorted(p for folder in (folders or [GOLD]) for p in Path(folder).glob("*.json")):
        errors, counts = check(gold_path)
        total += counts
        print(f"{gold_path.name:40s} " + " ".join(f"{k}={counts[k]}" for k in sorted(LABELS)))
        for error in errors:
            print("   ERROR", error)
        failed |= bool(errors)
    print(f"{'TOTAL':40s} " + " ".join(f"{k}={total[k]}" for k in sorted(LABELS)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
