"""Thin Dagster wiring: one module per stage; the work happens in pipeline.tables."""
