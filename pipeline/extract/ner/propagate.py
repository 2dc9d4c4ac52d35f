"""Label consistency within a document: a name the CRF found once is the same name elsewhere.

News repeats its entities; the CRF, seeing one sentence at a time, often tags a name in one
sentence and misses it in the next. Entities tagged with enough confidence are looked up again
(by clitic-free stem sequence) in the untagged tokens of nearby sentences.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.evaluation.ner import chunks

MIN_CONFIDENCE = 0.7  # chosen on a held-out part of the train split
_MAX_LEN = 4
_PROPAGATED = {
    "PERS",
    "ORG",
    "LOC",
}  # MISC spans (events, products) repeat less reliably


def _lexicon(
    stems, labels, confidences, sentences
) -> dict[tuple[str, ...], tuple[str, float]]:
    lexicon: dict[tuple[str, ...], tuple[str, float]] = {}
    for s in sentences:
        for a, b, kind in sorted(chunks(labels[s])):
            if kind not in _PROPAGATED or b - a > _MAX_LEN:
                continue
            confidence = sum(confidences[s][a:b]) / (b - a)
            if confidence >= MIN_CONFIDENCE:
                lexicon.setdefault(tuple(stems[s][a:b]), (kind, confidence))
    return lexicon


def propagate(
    tokens: list[list[str]],
    labels: list[list[str]],
    confidences: list[list[float]],
    stem: Callable[[str], str],
    window: int | None = None,
) -> tuple[list[list[str]], list[list[float]]]:
    """Labels and confidences with repeated entities filled in.

    ``window`` limits the look-up to that many sentences either side (for files without document
    boundaries); ``None`` uses the whole document.
    """
    stems = [[stem(t) for t in sent] for sent in tokens]
    return propagate_stems(stems, labels, confidences, window)


def propagate_stems(
    stems: list[list[str]],
    labels: list[list[str]],
    confidences: list[list[float]],
    window: int | None = None,
) -> tuple[list[list[str]], list[list[float]]]:
    """``propagate`` from the tokens' stems."""
    whole = _lexicon(stems, labels, confidences, range(len(stems))) if window is None else None
    firsts = None if whole is None else {key[0] for key in whole}
    out_labels, out_conf = [], []
    for s, sent in enumerate(stems):
        lexicon = whole
        if lexicon is None:
            near = range(max(0, s - window), min(len(stems), s + window + 1))
            lexicon = _lexicon(stems, labels, confidences, near)
            firsts = {key[0] for key in lexicon}
        new, conf = list(labels[s]), list(confidences[s])
        end = 0  # the tokens before it were just filled in
        # most tokens start no entry: only the others are looked up
        for i in [i for i, st in enumerate(sent) if st in firsts]:
            if i < end:
                continue
            for n in range(min(_MAX_LEN, len(sent) - i), 0, -1):
                hit = lexicon.get(tuple(sent[i : i + n]))
                if hit and all(label == "O" for label in new[i : i + n]):
                    kind, confidence = hit
                    new[i : i + n] = ["B-" + kind] + ["I-" + kind] * (n - 1)
                    conf[i : i + n] = [confidence] * n
                    end = i + n
                    break
        out_labels.append(new)
        out_conf.append(conf)
    return out_labels, out_conf
