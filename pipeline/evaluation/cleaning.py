"""Score the cleaner against the line-level gold in ``eval/gold/cleaning``.

``khabar eval cleaning [--gold DIR]`` prints, separately for the seed articles and the others:
precision and recall of removal (positive = lines labelled metadata or boilerplate; a line counts as
removed when most of its characters were removed), body/title/subheading lines lost, gold spans
removed, and per-field metadata accuracy. The last line, ``boilerplate_precision=…
boilerplate_recall=…``, is for the seeds, where the issue sets its bars; for a gold folder without
seeds (``eval/gold/cleaning_dev``, ``eval/gold/cleaning_unseen``) it is for its pages, with the lines
they should have kept that were lost and the accuracy of the main metadata fields.

HTML gold labels the visible text blocks of the page; a block counts as kept when a paragraph of the
clean text matches it (matching keys, one containing the other at half the length or more).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.text.clean import CleanResult, RawDoc, clean_corpus
from pipeline.text.normalize import match_key

_ROOT = Path(__file__).resolve().parents[2]
_POSITIVE = {"metadata", "boilerplate"}
_KEPT = ("body", "title", "subheading")
_FIELDS = ("title", "published_date", "date_precision", "date_evidence", "byline", "outlet", "dateline")


@dataclass
class _Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    lost: Counter = field(default_factory=Counter)
    spans: list[int] = field(default_factory=lambda: [0, 0])
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in _FIELDS})
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _removed_fraction(text: str, start: int, removed: list[tuple[int, int]]) -> float:
    """Share of the non-space characters of ``text`` (at raw ``start``) inside removed spans."""
    end = start + len(text)
    covered = total = 0
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        total += 1
        pos = start + i
        covered += any(a <= pos < b for a, b in removed if a < end and b > start)
    return covered / total if total else 0.0


def _txt_removed(raw: str, result: CleanResult) -> dict[int, bool]:
    spans = [(r.raw_start, r.raw_end) for r in result.removed]
    out, pos = {}, 0
    for no, line in enumerate(raw.split("\n"), 1):
        if line.strip():
            out[no] = _removed_fraction(line, pos, spans) > 0.5
        pos += len(line) + 1
    return out


def _html_kept(text: str, paragraphs: list[str]) -> bool:
    key = match_key(text)
    for para in paragraphs:
        shorter, longer = sorted((key, para), key=len)
        if shorter and shorter in longer and len(shorter) * 2 >= len(longer):
            return True
    return False


def _predicted_date(result: CleanResult) -> str | None:
    if result.published_date is None:
        return None
    iso = result.published_date.isoformat()
    return {"month": iso[:7], "year": iso[:4]}.get(result.date_precision or "day", iso)


def _norm(value: str | None) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) else value


def _same(a: str | None, b: str | None) -> bool:
    return _norm(a) == _norm(b)


def _field_ok(name: str, gold: str | None, result: CleanResult) -> bool:
    if name == "published_date":
        return _predicted_date(result) == gold
    predicted = getattr(result, name)
    if name == "date_evidence" and gold and predicted:
        return gold in predicted or predicted in gold
    return _same(predicted, gold)


def _score_file(gold: dict, raw: str, result: CleanResult, score: _Score, label: str) -> None:
    if gold["file"].endswith(".html"):
        paragraphs = [match_key(p) for p in result.clean_text.split("\n") if p.strip()]
        removed = {item["line_no"]: not _html_kept(item["text"], paragraphs) for item in gold["lines"]}
    else:
        removed = _txt_removed(raw, result)
    removed_texts = [r.text for r in result.removed]
    for item in gold["lines"]:
        was_removed = removed.get(item["line_no"], False)
        positive = item["label"] in _POSITIVE
        if positive and was_removed:
            score.tp += 1
        elif positive:
            score.fn += 1
            kind = f"{item['label']}/{item.get('reason')}"
            score.errors.append(f"{label}:{item['line_no']} kept {kind}: {item['text'][:60]}")
        elif was_removed:
            score.fp += 1
            score.lost[item["label"]] += 1
            score.errors.append(f"{label}:{item['line_no']} removed {item['label']}: {item['text'][:60]}")
        for span in item.get("spans", []):
            if span["label"] in _POSITIVE:
                score.spans[1] += 1
                score.spans[0] += any(span["text"].strip() in t or t.strip() in span["text"] for t in removed_texts)
    for name in _FIELDS:
        ok = _field_ok(name, gold["metadata"].get(name), result)
        score.fields[name][0] += ok
        score.fields[name][1] += 1
        if not ok:
            score.errors.append(
                f"{label}: {name} gold={gold['metadata'].get(name)!r} got={getattr(result, name)!r}"
            )


_HEADLINE_FIELDS = ("title", "published_date", "byline", "outlet", "dateline")


def _report(name: str, score: _Score, verbose: bool) -> None:
    print(f"[{name}] removal precision={score.precision:.3f} recall={score.recall:.3f} "
          f"(tp={score.tp} fp={score.fp} fn={score.fn})")
    lost = ", ".join(f"{k}={score.lost[k]}" for k in _KEPT)
    print(f"[{name}] kept lines lost: {lost}; gold spans removed: {score.spans[0]}/{score.spans[1]}")
    fields = " ".join(f"{f}={ok}/{n}" for f, (ok, n) in score.fields.items())
    print(f"[{name}] metadata: {fields}")
    if verbose:
        for error in score.errors:
            print(f"    {error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar eval cleaning", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=_ROOT / "eval" / "gold" / "cleaning")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    gold_files = sorted(args.gold.glob("*.json"))
    if not gold_files:
        print(f"no gold files in {args.gold}")
        return 2
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in gold_files]
    raws = [(_ROOT / g["file"]).read_text(encoding="utf-8") for g in golds]
    docs = [
        RawDoc(Path(g["file"]).stem, raw, "html" if g["file"].endswith(".html") else "txt")
        for g, raw in zip(golds, raws)
    ]
    results = clean_corpus(docs)
    scores = {"seeds": _Score(), "other": _Score()}
    for gold, raw, result in zip(golds, raws, results):
        group = "seeds" if re.match(r"seeds/", gold["file"]) else "other"
        _score_file(gold, raw, result, scores[group], Path(gold["file"]).stem)
    for name, score in scores.items():
        _report(name, score, args.verbose)
    # The headline: the seeds, where the issue sets its bars; for a folder of other pages, those pages.
    seeds, other = scores["seeds"], scores["other"]
    if seeds.tp + seeds.fp + seeds.fn:
        print(f"boilerplate_precision={seeds.precision:.3f} boilerplate_recall={seeds.recall:.3f}")
    else:
        fields = " ".join(f"{f}_accuracy={ok / n:.3f}" for f, (ok, n) in other.fields.items() if f in _HEADLINE_FIELDS)
        print(f"boilerplate_precision={other.precision:.3f} boilerplate_recall={other.recall:.3f} "
              f"kept_lines_lost={sum(other.lost.values())} {fields}")
    return 0
