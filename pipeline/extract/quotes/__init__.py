"""Quote extraction: direct, indirect and mixed quotes with cue, speaker and role."""

from pipeline.extract.quotes.extract import extract_quotes
from pipeline.extract.quotes.model import Quote

__all__ = ["Quote", "extract_quotes"]
