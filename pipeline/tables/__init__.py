"""Table builders: polars frames in, polars frames out, calling the pure text/extract functions.

Dagster assets and the CLI both call these; nothing here imports Dagster.
"""
