"""Score event extraction: ``khabar eval events --gsr FILE.csv`` or ``--gold DIR``.

--gsr: sentence-level detection on the Arabic event GSR files (PLOVER ASSAULT / PROTEST).
Each sentence is run alone through ``detect``; a prediction is positive when an asserted
(neither negated nor hypothetical) event of the file's type is found with confidence at or
above the type's threshold (``classifier.threshold``). Rows are split
deterministically by a salted sha256 of their ``id`` into a development half (used to build
the lexicons and to train the sentence classifier) and a held-out half (reported by default;
``--split dev|heldout|all``). The held-out half is never used for training, features or
thresholds; do not read its errors (``--errors``) while developing.

--gold: full ``extract_events`` on the articles the gold JSONL lines point to, matched to gold
events by sentence, type and trigger overlap; prints type-level precision / recall and
argument, date, count and negation accuracy.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.extract.events import Event, detect, extract_events
from pipeline.extract.events.classifier import threshold
from pipeline.text.normalize import match_key

_SPLIT_SALT = "khabar-events-split:"
_REPO = Path(__file__).resolve().parents[2]


def split_of(row_id: str) -> str:
    """'dev' or 'heldout' for a GSR row id (stable across runs and machines)."""
    digest = hashlib.sha256((_SPLIT_SALT + row_id).encode("utf-8")).hexdigest()
    return "dev" if int(digest, 16) % 2 == 0 else "heldout"


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def asserted(events: list[Event], event_type: str) -> bool:
    """An event of this type that is stated as happening, above the type's threshold."""
    cut = threshold(event_type)
    return any(e.event_type == event_type and not e.negated and not e.hypothetical
               and e.confidence >= cut for e in events)


def annotator_agreement(rows: list[dict]) -> tuple[float, float, float]:
    """Expected precision, recall and F1 of one annotator, drawn at random for each sentence,
    against the unanimous gold, from the GSR's ``accept`` / ``total`` counts.

    A "yes" row was accepted by every annotator, so that annotator finds it (recall 1, which
    flatters the figure: the annotator is part of the gold); a "no" row counts as a false
    positive with the share of annotators who accepted it. This is a rough ceiling for a
    detector scored against unanimity, printed beside its score.
    """
    tp = fp = 0.0
    for row in rows:
        total = int(row.get("total") or 0)
        if row["label"].strip() == "yes":
            tp += 1
        elif total:
            fp += int(row.get("accept") or 0) / total
    p = tp / (tp + fp) if tp + fp else 0.0
    r = 1.0 if tp else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_gsr(path: Path, split: str, show_errors: bool = False) -> float:
    tp = fp = fn = tn = 0
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [row for row in csv.DictReader(fh) if row["label"].strip() != "ambiguous"
                and (split == "all" or split_of(row["id"]) == split)]
    for row in rows:
        label = row["label"].strip()
        gold = label == "yes"
        predicted = asserted(detect(row["text"]), row["event_type"].strip())
        tp += gold and predicted
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not gold and not predicted
        if show_errors and gold != predicted:
            print(("FN " if gold else "FP ") + label + "\t" + row["text"][:200])
    p, r, f = _prf(tp, fp, fn)
    print(f"file={path.name} split={split} (rows chosen by sha256('{_SPLIT_SALT}'+id) % 2: "
          f"0 = dev, 1 = heldout)")
    print(f"tp={tp} fp={fp} fn={fn} tn={tn}")
    ap, _, af = annotator_agreement(rows)
    print(f"annotator_precision={ap:.4f} annotator_f1={af:.4f} (expected figures of one annotator, "
          "drawn at random per sentence, against the unanimous gold; recall 1)")
    print(f"precision={p:.4f} recall={r:.4f}")
    print(f"f1={f:.4f}")
    return f


# --- gold articles -----------------------------------------------------------------------


@dataclass
class _Doc:
    text: str
    sentences: list[tuple[int, int]]
    mentions: list = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def _shared_root() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", _REPO.parent / "shared"))


def prepare(path: Path) -> _Doc:
    """Clean, split and tag one article with whatever pipeline stages exist."""
    raw = path.read_text(encoding="utf-8")
    text, published, title = raw, None, None
    try:
        from pipeline.text.clean import RawDoc, clean_corpus

        result = clean_corpus([RawDoc(path.stem, raw, "html" if path.suffix == ".html" else "txt")])[0]
        text, published, title = result.clean_text, result.published_date, result.title
    except ImportError:
        pass
    try:
        from pipeline.text.segment import split_sentences

        sentences = [(s.start, s.end) for s in split_sentences(text)]
    except ImportError:
        sentences, pos = [], 0
        for line in text.split("\n"):
            if line.strip():
                sentences.append((pos, pos + len(line)))
            pos += len(line) + 1
    try:
        from pipeline.extract.ner import load_tagger

        mentions = load_tagger().tag(text, sentences)
    except (ImportError, OSError, ValueError) as err:  # NER is optional for this scorer
        print(f"note: no NER mentions ({type(err).__name__}: {err})", file=sys.stderr)
        mentions = []
    doc = _Doc(text, sentences, mentions)
    doc.events = extract_events(text, sentences, mentions, published, title).events
    return doc


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _find(text: str, needle: str | None, within: tuple[int, int]) -> tuple[int, int] | None:
    """Locate a gold string inside a sentence (exactly, else by match key)."""
    if not needle:
        return None
    start = text.find(needle, within[0], within[1])
    if start >= 0:
        return start, start + len(needle)
    key, window = match_key(needle), text[within[0]:within[1]]
    for i in range(len(window)):
        if match_key(window[i:i + len(needle) + 4]).startswith(key):
            return within[0] + i, within[0] + i + len(needle)
    return None


def _occurrences(text: str, needle: str, within: tuple[int, int]) -> list[tuple[int, int]]:
    """Every place of a gold argument in the sentence that does not run on into a longer word
    ("الأميركي" is not inside "الأميركية"; a proclitic before it is fine), else ``_find``'s."""
    window = text[within[0]:within[1]]
    hits = [(within[0] + m.start(), within[0] + m.end()) for m in re.finditer(re.escape(needle) + r"(?!\w)", window)]
    if hits:
        return hits
    found = _find(text, needle, within)
    return [found] if found else []


def _arg_ok(text: str, gold: str | list | None, spans, sentence) -> bool | None:
    golds = [g for g in ([gold] if isinstance(gold, str) else gold or []) if g]
    if not golds:
        return None
    located = [loc for g in golds for loc in _occurrences(text, g, sentence)]
    return any(_overlaps(loc, (s, e)) for loc in located for s, e, _ in spans)


def _sentence_span(doc: _Doc, gold_sentence: str) -> tuple[int, int] | None:
    for s, e in doc.sentences:
        if match_key(gold_sentence)[:60] and match_key(doc.text[s:e]).find(match_key(gold_sentence)[:60]) >= 0:
            return s, e
    start = doc.text.find(gold_sentence)
    return (start, start + len(gold_sentence)) if start >= 0 else None


def score_gold(folder: Path, articles: Path, show_errors: bool = False) -> float:
    rows = []
    for file in sorted(folder.glob("*.jsonl")):
        rows += [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs: dict[str, _Doc] = {}
    tp = fn = 0
    checks: Counter = Counter()
    per_type: Counter = Counter()
    used: set[tuple[str, int]] = set()
    for g in rows:
        name = g["file"]
        if name not in docs:
            docs[name] = prepare(articles / Path(name).name)
        doc = docs[name]
        sent = _sentence_span(doc, g["sentence"])
        match = None
        if sent is not None:
            trig = _find(doc.text, g.get("trigger"), sent)
            candidates = [
                (k, ev) for k, ev in enumerate(doc.events)
                if (name, k) not in used and ev.event_type == g["type"]
                and _overlaps((ev.sentence_start, ev.sentence_end), sent)
            ]
            for k, ev in candidates:
                spans = [(ev.trigger_start, ev.trigger_end)] + [(s, e) for s, e, _ in ev.other_triggers]
                if trig is None or any(_overlaps(trig, sp) for sp in spans):
                    match = (k, ev)
                    break
        per_type[(g["type"], "gold")] += 1
        if match is None:
            fn += 1
            if show_errors:
                print(f"FN {g['type']} {g.get('trigger')!r} in {g['sentence'][:90]!r}")
            continue
        tp += 1
        per_type[(g["type"], "tp")] += 1
        used.add((name, match[0]))
        ev = match[1]
        for role, spans in (("actor", ev.actors), ("target", ev.targets), ("location", ev.locations)):
            ok = _arg_ok(doc.text, g.get(role), spans, sent)
            if ok is not None:
                checks[(role, "n")] += 1
                checks[(role, "ok")] += ok
                if show_errors and not ok:
                    print(f"ARG {g['type']} {role}: gold {g.get(role)!r}, found {[t for _, _, t in spans]} "
                          f"(trigger {ev.trigger!r})")
        if g.get("date"):
            checks[("date", "n")] += 1
            # Exact at the gold's own precision: "2021", "2023-10", "2023-10-31", or a range's start.
            stated = str(g["date"]).split("/")[0]
            checks[("date", "ok")] += ev.date is not None and ev.date.isoformat().startswith(stated)
        if g.get("count") not in (None, ""):
            checks[("count", "n")] += 1
            checks[("count", "ok")] += ev.magnitude is not None and float(ev.magnitude) == float(g["count"])
        for flag in ("negated", "hypothetical", "historical"):
            if flag in g:
                checks[(flag, "n")] += 1
                checks[(flag, "ok")] += bool(getattr(ev, flag)) == bool(g[flag])
    if show_errors:
        for name, doc in sorted(docs.items()):
            for k, ev in enumerate(doc.events):
                if (name, k) not in used:
                    context = doc.text[max(ev.sentence_start, ev.trigger_start - 50):ev.trigger_end + 40]
                    print(f"FP {ev.event_type} {ev.trigger!r} in {context!r}")
    predicted = sum(len(d.events) for d in docs.values())
    fp = predicted - tp
    for name, doc in sorted(docs.items()):
        for k, ev in enumerate(doc.events):
            per_type[(ev.event_type, "pred")] += 1
    p, r, f = _prf(tp, fp, fn)
    print(f"gold events={tp + fn} predicted={predicted} matched={tp} (articles={len(docs)})")
    for t in sorted({t for t, _ in per_type}):
        tp_t, gold_t, pred_t = per_type[(t, "tp")], per_type[(t, "gold")], per_type[(t, "pred")]
        pt, rt, _ = _prf(tp_t, pred_t - tp_t, gold_t - tp_t)
        print(f"  {t:<10} gold={gold_t:<3} pred={pred_t:<3} precision={pt:.3f} recall={rt:.3f}")
    for check in ("actor", "target", "location", "date", "count", "negated", "hypothetical", "historical"):
        n = checks[(check, "n")]
        if n:
            print(f"{check} accuracy={checks[(check, 'ok')] / n:.3f} ({checks[(check, 'ok')]}/{n})")
    print(f"precision={p:.4f} recall={r:.4f}")
    print(f"f1={f:.4f}")
    return f


_PUNCT = "«»\"'“”()[].,،:؛!؟?"


def _words(text: str) -> set[str]:
    """Match keys of the words of a span, punctuation stripped."""
    return {k for w in text.split() if (k := match_key(w.strip(_PUNCT)))}


def score_spans(path: Path, split: str) -> tuple[float, float]:
    """Actor and target of the GSR span annotations (``*_spans_dev.json``: the words every coder
    marked as source and target actor of an accepted sentence) against the events the pipeline
    extracts from the sentence alone, NER included. An argument counts as found when an actor
    (target) span of an asserted event of the file's type shares a word with the gold one."""
    from pipeline.extract.ner import load_tagger

    tagger = load_tagger()
    rows = [r for r in json.loads(path.read_text(encoding="utf-8"))
            if split == "all" or split_of(r["source"]) == split]
    found = Counter()
    for row in rows:
        text, event_type = row["text"], row["event_type"]
        mentions = tagger.tag(text, [(0, len(text))])
        events = [e for e in extract_events(text, [(0, len(text))], mentions, None).events
                  if e.event_type == event_type and not e.negated and not e.hypothetical]
        found["detected"] += bool(events)
        for role, spans in (("source", [a for e in events for a in e.actors]),
                            ("target", [t for e in events for t in e.targets])):
            gold = _words(row.get(f"{role}_gold") or "")
            if gold and events:
                found[f"{role}_n"] += 1
                found[f"{role}_ok"] += any(_words(span[2]) & gold for span in spans)
    actor = found["source_ok"] / found["source_n"] if found["source_n"] else 0.0
    target = found["target_ok"] / found["target_n"] if found["target_n"] else 0.0
    print(f"file={path.name} split={split} sentences={len(rows)} with an asserted event of the type: "
          f"{found['detected']}")
    print(f"scored where an event was found and the coders agreed on the argument: "
          f"actor {found['source_ok']}/{found['source_n']}, target {found['target_ok']}/{found['target_n']}")
    print(f"actor_accuracy={actor:.4f} target_accuracy={target:.4f}")
    return actor, target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar eval events", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--gsr", type=Path, help="a *_gsr_dev.csv file (text, label, event_type)")
    group.add_argument("--spans", type=Path, help="a *_spans_dev.json file (source / target actors of accepted sentences)")
    group.add_argument("--gold", type=Path, nargs="?", const=_REPO / "eval" / "gold" / "events",
                       help="folder of gold events JSONL (default eval/gold/events)")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="heldout",
                        help="which half of the GSR file to score (default heldout)")
    parser.add_argument("--articles", type=Path, default=_REPO / "seeds",
                        help="folder holding the articles named in the gold file")
    parser.add_argument("--errors", action="store_true", help="print misclassified sentences / unmatched events")
    args = parser.parse_args(argv)
    if args.gsr is not None:
        score_gsr(args.gsr, args.split, args.errors)
        return 0
    if args.spans is not None:
        score_spans(args.spans, args.split)
        return 0
    score_gold(args.gold or _REPO / "eval" / "gold" / "events", args.articles, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
