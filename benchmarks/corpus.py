"""Synthetic but realistic corpora for benchmarks: real seed paragraphs recombined with boilerplate.

Each generated article takes a headline and 4-12 body paragraphs drawn (with a fixed seed) from the
seed articles and the cleaning-eval articles, shuffles them, adds site furniture (share widgets,
"اقرأ أيضا" links, captions, tags) and sometimes encodes it as windows-1256 or wraps it in HTML,
so every stage sees the variety it sees in real input, not five files copied.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "seeds", REPO / "eval" / "articles" / "cleaning"]
FURNITURE = [
    "شارك", "+ الخط -", "حجم الخط", "time reading iconدقائق القراءة - 4", "زر الذهاب إلى الأعلى",
    "اقرأ أيضًا: {title}", "اقرأ المزيد", "مقالات ذات صلة", "قصص قد تهمك", "ربما يعجبك أيضا",
    "تصنيفات", "المساهمون", "الأخبارتقاريرسياسة", "{title} - أرشيفية",
]


def paragraphs() -> tuple[list[str], list[str]]:
    """(headline-like short lines, body paragraphs) from the bundled articles."""
    heads, body = [], []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            heads.append(lines[0])
            body.extend(ln for ln in lines[1:] if len(ln) > 120)
    return heads, body


def make_article(rng: random.Random, heads: list[str], body: list[str]) -> str:
    title = rng.choice(heads)
    paras = rng.sample(body, rng.randint(4, min(12, len(body))))
    lines = [title, ""]
    for para in paras:
        lines += [para, ""]
        if rng.random() < 0.25:
            lines += [rng.choice(FURNITURE).format(title=rng.choice(heads)), ""]
    lines += [rng.choice(FURNITURE).format(title=rng.choice(heads)) for _ in range(rng.randint(1, 4))]
    return "\n".join(lines) + "\n"


def write_corpus(out: Path, n_docs: int, seed: int = 7, batch_size: int | None = None) -> Path:
    """``n_docs`` articles under ``out``; with ``batch_size``, in batch folders of that many."""
    rng = random.Random(seed)
    heads, body = paragraphs()
    out.mkdir(parents=True, exist_ok=True)
    folder = out
    for i in range(n_docs):
        if batch_size:
            folder = out / f"batch{i // batch_size:04d}"
            folder.mkdir(exist_ok=True)
        text = make_article(rng, heads, body)
        kind = rng.random()
        if kind < 0.1:
            (folder / f"doc{i:07d}.txt").write_bytes(text.encode("cp1256", errors="replace"))
        elif kind < 0.2:
            paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
            (folder / f"doc{i:07d}.html").write_text(
                f"<html><head><title>{text.splitlines()[0]}</title></head><body><nav>الرئيسية</nav>"
                f"<article><h1>{text.splitlines()[0]}</h1>{paras}</article><footer>جميع الحقوق محفوظة</footer></body></html>",
                encoding="utf-8")
        else:
            (folder / f"doc{i:07d}.txt").write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(write_corpus(args.out, args.docs, args.seed))
