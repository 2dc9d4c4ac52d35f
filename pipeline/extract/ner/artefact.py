"""The shipped NER model: file layout and loading (no download; read from the package)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.ner.clusters import load_clusters
from pipeline.extract.ner.crf import CRFStack, LinearCRF, marginals, viterbi
from pipeline.extract.ner.features import Featurizer
from pipeline.extract.ner.propagate import propagate
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
        where = [(d, k) for d, doc in enumerate(documents) for k, tokens in enumerate(doc) if tokens]
        emissions = [self.scorer.emissions(documents[d][k]) for d, k in where]
        last = len(self.crfs.transitions) - 1
        if last:
            first = viterbi([e[:, 0] for e in emissions], self.crfs.transitions[0])
            start = 0
            for doc in documents:
                tokens = [t for t in doc if t]
                stop = start + len(tokens)
                extra = self.scorer.document_emissions(tokens, first[start:stop], window)
                for e, x in zip(emissions[start:stop], extra, strict=True):
                    e[:, last] += x[:, last]
                start = stop
        paths = viterbi([e[:, last] for e in emissions], self.crfs.transitions[last])
        probabilities = marginals(
            [e[:, last] for e in emissions], self.crfs.transitions[last], paths
        )
        labels = [[[] for _ in doc] for doc in documents]
        confidences = [[[] for _ in doc] for doc in documents]
        for (d, k), path, p in zip(where, paths, probabilities, strict=True):
            labels[d][k] = [self.crfs.labels[y] for y in path]
            confidences[d][k] = p.tolist()
        return [
            propagate(doc, labels[d], confidences[d], self.featurizer.stem, window)
            for d, doc in enumerate(documents)
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
