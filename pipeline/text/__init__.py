"""Pure functions on Arabic text. Nothing here imports Dagster."""
