"""``khabar eval quotes [--gold DIR]``: quote spans and speakers against hand-made gold.

Gold: ``<gold>/<stem>.jsonl``, one object per quote ``{file, kind, text, cue, speaker,
speaker_text, speaker_aliases, speaker_role}`` where ``text`` is an exact substring of the article
``file`` (a path relative to the repository root or to the gold folder). Each referenced article
runs the full path: clean (``clean_corpus``), split sentences, tag entities, extract quotes; the
gold text is then found in the clean text by string search.

- a prediction matches a gold quote when they share at least half of the gold span's characters;
  matching is one-to-one, largest overlap first;
- precision per kind counts predictions of that kind that matched any gold quote, recall per kind
  counts gold quotes of that kind that some prediction matched;
- speaker accuracy, on matched quotes: the predicted speaker text contains or is contained in the
  gold name or one of its aliases (compared by match key); both null also counts as correct.

Seeds (articles under ``seeds/``) and other articles are reported separately; the last line gives
the seed figures (the other articles' when the gold has no seed): ``direct_precision=…
direct_recall=… indirect_precision=… indirect_recall=… speaker_accuracy=…``. ``--strict`` exits 1
when a seed figure is below the issue's bar.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.mention import Mention
from pipeline.extract.quotes import Quote, extract_quotes
from pipeline.text.decode import decode_bytes
from pipeline.text.normalize import match_key

_ROOT = Path(__file__).resolve().parents[2]
_KINDS = ("direct", "indirect", "mixed")
_BARS = {"direct_precision": 0.95, "direct_recall": 0.95, "indirect_precision": 0.85,
         "indirect_recall": 0.8, "speaker_accuracy": 0.9}


@dataclass(frozen=True, slots=True)
class GoldQuote:
    file: str
    kind: str
    text: str
    speaker: str | None
    aliases: tuple[str, ...]


@dataclass(slots=True)
class Article:
    path: Path
    seed: bool
    clean_text: str
    quotes: list[Quote]
    notes: list[str]


def load_gold(folder: Path) -> list[GoldQuote]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                names = [row.get("speaker"), row.get("speaker_text"), *(row.get("speaker_aliases") or [])]
                rows.append(GoldQuote(row["file"], row["kind"], row["text"], row.get("speaker"),
                                      tuple(n for n in names if n)))
    return rows


def _article_path(name: str, gold_dir: Path) -> Path:
    for base in (_ROOT, gold_dir, Path.cwd()):
        if (base / name).is_file():
            return base / name
    raise FileNotFoundError(f"article {name!r} not found under the repository or {gold_dir}")


def _tagger():
    """The NER tagger when it is available; quotes also work without mentions."""
    try:
        from pipeline.extract.ner import load_tagger

        return load_tagger()
    except (ImportError, AttributeError, OSError, ValueError):  # not built yet, or artefact missing
        return None


def run_articles(paths: list[Path]) -> list[Article]:
    """Clean, segment, tag and extract, falling back to raw text / line sentences / no mentions."""
    raw_texts = [decode_bytes(p.read_bytes()).text for p in paths]
    notes: list[str] = []
    try:
        from pipeline.text.clean import RawDoc, clean_corpus

        fmt = ["html" if p.suffix in (".html", ".htm") else "txt" for p in paths]
        texts = [r.clean_text for r in clean_corpus([RawDoc(p.stem, t, f) for p, t, f in zip(paths, raw_texts, fmt)])]
    except ImportError:
        texts, notes = raw_texts, notes + ["no cleaner: raw text"]
    try:
        from pipeline.text.segment import split_sentences
    except ImportError:
        split_sentences, notes = None, notes + ["no segmenter: line sentences"]
    tagger = _tagger()
    if tagger is None:
        notes.append("no NER tagger: no mentions")
    out = []
    for path, text in zip(paths, texts):
        sentences = [(s.start, s.end) for s in split_sentences(text)] if split_sentences else []
        mentions: list[Mention] = tagger.tag(text, sentences) if tagger else []
        seed = path.resolve().parent == (_ROOT / "seeds").resolve()
        out.append(Article(path, seed, text, extract_quotes(text, sentences, mentions), notes))
    return out


def locate(text: str, needle: str, taken: set[tuple[int, int]]) -> tuple[int, int] | None:
    """Where the gold text sits in the clean text (whitespace may have been normalised)."""
    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    for m in re.finditer(pattern, text):
        if m.span() not in taken:
            return m.span()
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def speaker_correct(predicted: str | None, gold: GoldQuote) -> bool:
    if predicted is None or gold.speaker is None:
        return predicted is None and gold.speaker is None
    key = match_key(predicted)
    return any(k and (k in key or key in k) for k in (match_key(n) for n in gold.aliases))


@dataclass(slots=True)
class Tally:
    gold: dict[str, int]
    pred: dict[str, int]
    gold_hit: dict[str, int]
    pred_hit: dict[str, int]
    matched: int = 0
    speaker_ok: int = 0
    kind_ok: int = 0
    unlocated: int = 0

    @classmethod
    def empty(cls) -> Tally:
        return cls(defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int))


def score_article(article: Article, gold: list[GoldQuote], tally: Tally, errors: list[str]) -> None:
    spans: list[tuple[GoldQuote, tuple[int, int]]] = []
    taken: set[tuple[int, int]] = set()
    for g in gold:
        tally.gold[g.kind] += 1
        span = locate(article.clean_text, g.text, taken)
        if span is None:
            tally.unlocated += 1
            errors.append(f"  unlocated gold ({g.kind}): {g.text[:70]}")
            continue
        taken.add(span)
        spans.append((g, span))
    for q in article.quotes:
        tally.pred[q.kind] += 1
    pairs = []
    for gi, (g, span) in enumerate(spans):
        for qi, q in enumerate(article.quotes):
            shared = _overlap(span, (q.start, q.end))
            if shared * 2 >= span[1] - span[0] and shared:
                pairs.append((-shared / max(span[1] - span[0], q.end - q.start), gi, qi))
    used_g, used_q = set(), set()
    for _, gi, qi in sorted(pairs):
        if gi in used_g or qi in used_q:
            continue
        used_g.add(gi)
        used_q.add(qi)
        g, q = spans[gi][0], article.quotes[qi]
        tally.gold_hit[g.kind] += 1
        tally.pred_hit[q.kind] += 1
        tally.matched += 1
        tally.kind_ok += g.kind == q.kind
        if speaker_correct(q.speaker_text, g):
            tally.speaker_ok += 1
        else:
            errors.append(f"  speaker: got {q.speaker_text!r} want {g.speaker!r}: {g.text[:50]}")
    for gi, (g, _) in enumerate(spans):
        if gi not in used_g:
            errors.append(f"  missed ({g.kind}): {g.text[:80]}")
    for qi, q in enumerate(article.quotes):
        if qi not in used_q:
            errors.append(f"  spurious ({q.kind}, {q.cue}): {q.text[:80]}")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def figures(t: Tally) -> dict[str, float]:
    out = {}
    for kind in _KINDS:
        out[f"{kind}_precision"] = _ratio(t.pred_hit[kind], t.pred[kind])
        out[f"{kind}_recall"] = _ratio(t.gold_hit[kind], t.gold[kind])
    out["speaker_accuracy"] = _ratio(t.speaker_ok, t.matched)
    out["kind_accuracy"] = _ratio(t.kind_ok, t.matched)
    return out


def _report(name: str, t: Tally) -> dict[str, float]:
    f = figures(t)
    print(f"{name}: {sum(t.gold.values())} gold quotes ({t.unlocated} not found in clean text), "
          f"{sum(t.pred.values())} predicted, {t.matched} matched")
    for kind in _KINDS:
        print(f"  {kind:8s} gold={t.gold[kind]:3d} pred={t.pred[kind]:3d} "
              f"P={f[kind + '_precision']:.3f} R={f[kind + '_recall']:.3f}")
    print(f"  speaker accuracy {f['speaker_accuracy']:.3f} ({t.speaker_ok}/{t.matched}); "
          f"kind agreement {f['kind_accuracy']:.3f}")
    return f


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar eval quotes", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=_ROOT / "eval" / "gold" / "quotes")
    parser.add_argument("--verbose", "-v", action="store_true", help="list missed, spurious and mis-attributed quotes")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a seed figure is below its bar")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    if not gold:
        print(f"no gold quotes under {args.gold}")
        return 1
    by_file: dict[str, list[GoldQuote]] = defaultdict(list)
    for g in gold:
        by_file[g.file].append(g)
    names = sorted(by_file)
    articles = run_articles([_article_path(n, args.gold) for n in names])
    for note in articles[0].notes:
        print(f"note: {note}")
    tallies = {True: Tally.empty(), False: Tally.empty()}
    for name, article in zip(names, articles):
        errors: list[str] = []
        score_article(article, by_file[name], tallies[article.seed], errors)
        if args.verbose and errors:
            print(name)
            print("\n".join(errors))
    others = _report("other articles", tallies[False])
    seeds = _report("seeds", tallies[True])
    has_seeds = sum(tallies[True].gold.values()) > 0
    last = seeds if has_seeds else others
    print(" ".join(f"{k}={last[k]:.3f}" for k in _BARS))
    if args.strict and has_seeds and any(seeds[k] < bar for k, bar in _BARS.items()):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
