"""The shipped NER model: file layout and loading (no download; read from the package)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from pipeline.extract.ner.clusters import load_clusters
from pipeline.extract.ner.features import Featurizer
from pipeline.extract.ner.propagate import propagate

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
CRF_FILE = "model.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
FORMS_FILE = "forms.txt"


@dataclass
class Model:
    featurizer: Featurizer
    crf: pycrfsuite.Tagger
    counts: dict[str, int]

    def tag_sentence(self, tokens: list[str]) -> tuple[list[str], list[float]]:
        """ANERcorp IOB2 labels for one sentence of tokens, with their CRF marginals."""
        if not tokens:
            return [], []
        labels = self.crf.tag(self.featurizer.sentence(tokens))
        return labels, [self.crf.marginal(label, i) for i, label in enumerate(labels)]

    def tag_document(
        self, sentences: list[list[str]], window: int | None = None
    ) -> tuple[list[list[str]], list[list[float]]]:
        """Labels and confidences for a document's sentences, made consistent across them."""
        tagged = [self.tag_sentence(tokens) for tokens in sentences]
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


def load_model(directory: Path = MODEL_DIR) -> Model:
    counts = read_forms(directory / FORMS_FILE)
    crf = pycrfsuite.Tagger()
    crf.open(str(directory / CRF_FILE))
    return Model(
        Featurizer(load_clusters(directory / CLUSTERS_FILE), counts), crf, counts
    )
