"""Pure extractors (NER, entity resolution, quotes, events). Nothing here imports Dagster."""
