"""The shipped NER model: file layout and loading (no download; read from the package)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.extract.ner.clusters import load_clusters
from pipeline.extract.ner.crf import CRFStack, LinearCRF, marginals, viterbi
from pipeline.extract.ner.features import Featurizer, Layout
from pipeline.extract.ner.propagate import propagate_stems
from pipeline.extract.ner.scorer import Scorer

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
CRF_FILE = "model.crfsuite"
FIRST_STAGE_FILE = "first_stage.crfsuite"  # optional: then CRF_FILE is the second stage
CLUSTERS_FILE = "clusters.tsv"
FORMS_FILE = "forms.txt"


@dataclass
class Model:
    """The featurizer and the CRFs: one, or a first stage and a second stage (in that order)."""

    featurizer: Featurizer
    crfs: CRFStack
    counts: dict[str, int]

    def __post_init__(self):
        self.scorer = Scorer(self.featurizer, self.crfs)

    def tag_sentence(self, tokens: list[str]) -> tuple[list[str], list[float]]:
        """ANERcorp IOB2 labels for one sentence alone (its own document), with marginals."""
        labels, confidences = self.tag_document([tokens])
        return labels[0], confidences[0]

    def tag_document(
        self, sentences: list[list[str]], window: int | None = None
    ) -> tuple[list[list[str]], list[list[float]]]:
        """Labels and confidences (CRF marginals) for a document's sentences, made consistent
        across them; the second stage sees the first stage's labels of the whole document."""
        return self.tag_documents([sentences], window)[0]

    def tag_documents(
        self, documents: list[list[list[str]]], window: int | None = None
    ) -> list[tuple[list[list[str]], list[list[float]]]]:
        """``tag_document`` of each document, decoding the sentences of all at once (faster)."""
        layout = self.featurizer.layout
        return self.tag_layouts([[layout(tokens) for tokens in doc] for doc in documents], window)

    def tag_layouts(
        self, documents: list[list[Layout]], window: int | None = None
    ) -> list[tuple[list[list[str]], list[list[float]]]]:
        """``tag_documents`` of the documents' sentences laid out by ``featurizer.layout``."""
        where = [
            (d, k) for d, doc in enumerate(documents) for k, layout in enumerate(doc) if layout.tokens
        ]
        layouts = [documents[d][k] for d, k in where]
        stems = [[[r.stem for r in layout.records] for layout in doc] for doc in documents]
        # all sentences' emissions end to end; ``rows`` those of each sentence
        emissions = self.scorer.emissions_many(layouts)
        ends = np.cumsum([len(layout.tokens) for layout in layouts]).tolist()
        rows = [slice(a, b) for a, b in zip([0, *ends], ends)]
        last = len(self.crfs.transitions) - 1
        if last and layouts:
            first = viterbi([emissions[r, 0] for r in rows], self.crfs.transitions[0])
            firsts = [[] for _ in documents]
            for (d, _), path in zip(where, first, strict=True):
                firsts[d].append(path)
            stems_found = [[s for s in doc if s] for doc in stems]
            extra = self.scorer.documents_emissions(stems_found, firsts, window)
            emissions[:, last] += extra[:, last]
        scores = [emissions[r, last] for r in rows]
        paths = viterbi(scores, self.crfs.transitions[last])
        probabilities = marginals(scores, self.crfs.transitions[last], paths)
        labels = [[[] for _ in doc] for doc in documents]
        confidences = [[[] for _ in doc] for doc in documents]
        for (d, k), path, p in zip(where, paths, probabilities, strict=True):
            labels[d][k] = [self.crfs.labels[y] for y in path]
            confidences[d][k] = p.tolist()
        return [
            propagate_stems(stems[d], labels[d], confidences[d], window)
            for d in range(len(documents))
        ]


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
    files = [FIRST_STAGE_FILE, CRF_FILE] if (directory / FIRST_STAGE_FILE).exists() else [CRF_FILE]
    crfs = CRFStack([LinearCRF.read(directory / name) for name in files])
    # only the features some CRF has weights for are worth building
    featurizer = Featurizer(load_clusters(directory / CLUSTERS_FILE), counts, crfs.names.keys())
    return Model(featurizer, crfs, counts)
