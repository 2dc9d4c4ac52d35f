"""Arabic named-entity recognition: a CRF trained on ANERcorp plus gazetteer rules.

``load_tagger().tag(text, sentences)`` returns ``Mention``s with offsets into ``text``.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.extract.ner.artefact import Model
from pipeline.extract.ner.artefact import load_model as _load_model
from pipeline.extract.ner.tagger import Tagger


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped CRF with its word clusters (loaded once per process)."""
    return _load_model()


@lru_cache(maxsize=1)
def load_tagger() -> Tagger:
    """The document tagger used by the pipeline (cached: the model loads once per process)."""
    return Tagger(load_model())


__all__ = ["Tagger", "load_model", "load_tagger"]
