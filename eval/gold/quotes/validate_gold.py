"""Check the hand-made gold for quotes, events and entities against the article files.

Every surface string must be an exact substring of its article (entity surfaces: of the article
body when eval/gold/cleaning/ labels the body lines; for eval/gold/entities/unseen/ and dev/, of the article
in eval/articles/entities/ or entities_dev/ after its title line). Run from the repository root:

    python eval/gold/quotes/validate_gold.py

Prints per-file counts and exits 1 on the first class of error found in any file.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "eval" / "gold"
KINDS = {"direct", "indirect", "mixed"}
FORMS = {"complement", "object", "attribution"}
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
GRANULARITIES = {"day", "week", "month", "year", "range"}
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
QUOTE_MARKS = "\"“”«»„'"

errors: list[str] = []


def article(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


def body(rel: str) -> str:
    """Body lines per the cleaning gold; the whole file when no cleaning gold exists."""
    cleaning = GOLD / "cleaning" / (Path(rel).stem + ".json")
    if not cleaning.exists():
        return article(rel)
    lines = json.loads(cleaning.read_text(encoding="utf-8"))["lines"]
    return "\n".join(line["text"] for line in lines if line["label"] == "body")


def need(cond: bool, where: str, msg: str) -> None:
    if not cond:
        errors.append(f"{where}: {msg}")


def substring(text: str, value, where: str, field: str) -> None:
    if value is not None:
        need(isinstance(value, str) and value in text, where, f"{field} not in article: {value!r}")


def check_quotes(path: Path) -> Counter:
    kinds: Counter = Counter()
    seen = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        q = json.loads(line)
        where = f"{path.name}:{n}"
        text = article(q["file"])
        need(q["kind"] in KINDS, where, f"bad kind {q['kind']}")
        need(q.get("form", "complement") in FORMS, where, f"bad form {q.get('form')}")
        substring(text, q["text"], where, "text")
        need(q["text"] not in seen, where, "duplicate quote text")
        seen.add(q["text"])
        if q["kind"] == "direct":
            need(q["text"][0] not in QUOTE_MARKS and q["text"][-1] not in QUOTE_MARKS, where,
                 "direct text must exclude its outer quote marks")
        if q["cue"] not in (None, ":"):
            substring(text, q["cue"], where, "cue")
        substring(text, q["speaker_text"], where, "speaker_text")
        for alias in q["speaker_aliases"]:
            substring(text, alias, where, "speaker_alias")
        need(q["speaker"] is not None or q["speaker_text"] is None, where, "speaker_text without speaker")
        kinds[q["kind"]] += 1
    return kinds


def check_events(path: Path) -> Counter:
    types: Counter = Counter()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        e = json.loads(line)
        where = f"{path.name}:{n}"
        text = article(e["file"])
        need(text.count(e["sentence"]) == 1, where, "sentence must occur exactly once")
        need(e["trigger"] in e["sentence"], where, "trigger not in sentence")
        need(e["type"] in PLOVER, where, f"bad type {e['type']}")
        for field in ("actor", "target", "location", "date_evidence"):
            substring(text, e[field], where, field)
        if e["date"] is not None:
            parts = e["date"].split("/")
            need(all(ISO_DATE.match(p) for p in parts) and len(parts) <= 2, where, f"bad date {e['date']}")
            need(e["date_granularity"] in GRANULARITIES, where, "date without granularity")
            need((len(parts) == 2) == (e["date_granularity"] == "range"), where, "range iff interval")
        else:
            need(e["date_granularity"] is None, where, "granularity without date")
        need((e["count"] is None) == (e["count_unit"] is None), where, "count and count_unit go together")
        for flag in ("negated", "hypothetical", "historical"):
            need(isinstance(e[flag], bool), where, f"{flag} must be a boolean")
        types[e["type"]] += 1
    return types


# Gold folder -> the folder of the articles written for it (the rest annotate the seeds).
ARTICLE_FOLDERS = {"unseen": "eval/articles/entities", "dev": "eval/articles/entities_dev"}


def check_entities(path: Path) -> Counter:
    types: Counter = Counter()
    ents = json.loads(path.read_text(encoding="utf-8"))
    if path.parent.name in ARTICLE_FOLDERS:  # articles written for this gold: a title line, then the body
        text = article(f"{ARTICLE_FOLDERS[path.parent.name]}/{path.stem}.txt").split("\n", 1)[1]
    else:
        text = body(f"seeds/{path.stem}.txt")
    names = [e["canonical"] for e in ents]
    need(len(names) == len(set(names)), path.name, "duplicate canonical names")
    for e in ents:
        where = f"{path.name}:{e['canonical']}"
        need(e["type"] in ENTITY_TYPES, where, f"bad type {e['type']}")
        need(bool(e["surfaces"] or e["adjectival"]), where, "no surface at all")
        for s in e["surfaces"] + e["adjectival"]:
            substring(text, s, where, "surface")
        for adj in e["adjectival"]:
            word = r"(?<!\w)(?:و|ف|ب|ل|ك)?" + re.escape(adj) + r"(?!\w)"
            need(re.search(word, text) is not None, where, f"adjectival not a whole word: {adj}")
        types[e["type"]] += 1
    return types


def main() -> int:
    for task, check, pattern in (
        ("quotes", check_quotes, "*.jsonl"),
        ("quotes", check_quotes, "unseen/*.jsonl"),
        ("quotes", check_quotes, "dev/*.jsonl"),
        ("events", check_events, "*.jsonl"),
        ("events", check_events, "unseen/*.jsonl"),
        ("events", check_events, "dev/*.jsonl"),
        ("entities", check_entities, "*.json"),
        ("entities", check_entities, "unseen/*.json"),
        ("entities", check_entities, "dev/*.json"),
    ):
        for path in sorted((GOLD / task).glob(pattern)):
            counts = check(path)
            print(f"{task:8} {path.stem:34} {sum(counts.values()):3}  {dict(sorted(counts.items()))}")
    for err in errors:
        print("ERROR", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
