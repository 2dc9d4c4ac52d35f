"""Scorers that compare extractor output with the gold annotations under eval/gold/."""
