"""The shipped NER model: file layout and loading (no download; read from the package)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from pipeline.extract.ner.clusters import load_clusters
from pipeline.extract.ner.document import document_features
from pipeline.extract.ner.features import Featurizer
from pipeline.extract.ner.propagate import propagate

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
CRF_FILE = "model.crfsuite"
FIRST_STAGE_FILE = "first_stage.crfsuite"  # optional: then CRF_FILE is the second stage
CLUSTERS_FILE = "clusters.tsv"
FORMS_FILE = "forms.txt"


@dataclass
class Model:
    featurizer: Featurizer
    crf: pycrfsuite.Tagger
    counts: dict[str, int]
    first: pycrfsuite.Tagger | None = None

    def tag_sentence(
        self,
        tokens: list[str],
        extra: list[dict[str, float]] | None = None,
        features: list[dict[str, float]] | None = None,
    ) -> tuple[list[str], list[float]]:
        """ANERcorp IOB2 labels for one sentence of tokens, with their CRF marginals.

        With a first stage, ``extra`` holds each token's document features (see
        ``document.py``); without it the sentence is its own document. ``features`` are the
        sentence's own features when already computed (``extra`` is added to them in place).
        """
        if not tokens:
            return [], []
        if self.first is not None and extra is None:
            labels, confidences = self.tag_document([tokens])
            return labels[0], confidences[0]
        features = features or self.featurizer.sentence(tokens)
        if extra:
            for f, e in zip(features, extra, strict=True):
                f.update(e)  # same keys and order as {**f, **e}, without copying
        labels = self.crf.tag(features)
        return labels, [self.crf.marginal(label, i) for i, label in enumerate(labels)]

    def tag_document(
        self, sentences: list[list[str]], window: int | None = None
    ) -> tuple[list[list[str]], list[list[float]]]:
        """Labels and confidences for a document's sentences, made consistent across them."""
        if self.first is None:
            tagged = [self.tag_sentence(tokens) for tokens in sentences]
        else:
            features = [self.featurizer.sentence(t) for t in sentences]
            first = [self.first.tag(f) if f else [] for f in features]
            extra = document_features(sentences, first, self.featurizer.stem, window)
            tagged = [
                self.tag_sentence(t, e, f)
                for t, e, f in zip(sentences, extra, features, strict=True)
            ]
        labels = [t[0] for t in tagged]
        confidences = [t[1] for t in tagged]
        return propagate(sentences, labels, confidences, self.featurizer.stem, window)


def read_forms(path: Path) -> dict[str, int]:
    """Word form (match key) -> count in the unlabelled text."""
    counts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            form, _, count = line.rstrip("\n").partition("\t")
            counts[form] = int(count)
    return counts


def write_forms(counts: dict[str, int], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(f"{form}\t{counts[form]}\n" for form in sorted(counts))


def crf_attributes(crf: pycrfsuite.Tagger) -> frozenset[str] | None:
    """The attributes (feature names) a CRF has weights for, read from its text dump; None if
    the dump does not list as many as its header says (a name spanning lines)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.txt"
        crf.dump(str(path))
        text = path.read_text(encoding="utf-8")
    header, _, rest = text.partition("\nATTRIBUTES = {\n")
    lines = rest.partition("\n}\n")[0].split("\n")
    names = frozenset(line.partition(": ")[2] for line in lines)
    size = re.search(r"num_attrs: (\d+)", header)
    return names if size and len(names) == int(size[1]) else None


def load_model(directory: Path = MODEL_DIR) -> Model:
    counts = read_forms(directory / FORMS_FILE)
    crf = pycrfsuite.Tagger()
    crf.open(str(directory / CRF_FILE))
    crfs = [crf]
    first = None
    if (directory / FIRST_STAGE_FILE).exists():
        first = pycrfsuite.Tagger()
        first.open(str(directory / FIRST_STAGE_FILE))
        crfs.append(first)
    attributes = [crf_attributes(c) for c in crfs]
    keep = None if None in attributes else frozenset().union(*attributes)
    featurizer = Featurizer(load_clusters(directory / CLUSTERS_FILE), counts, keep)
    return Model(featurizer, crf, counts, first)
