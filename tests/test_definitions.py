import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import polars as pl

from pipeline.definitions import defs
from schemas import TABLES

PER_BATCH = {"mentions_by_batch", "quotes_by_batch", "events_by_batch"}
LINKED = {"entity_mentions", "quotes", "events"}
EXPECTED_ASSETS = set(TABLES) | {"release", "entity_links", "document_sketches", "document_duplicates"} | PER_BATCH | {
    f"rejects_{s}" for s in ("raw_documents", "clean_documents", "sentences", "entities", *LINKED, *PER_BATCH)
}


def test_definitions_load_with_every_asset_and_a_schema_check_per_table():
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys == EXPECTED_ASSETS
    check_names = {k.name for k in graph.asset_check_keys}
    assert {f"{t}_schema" for t in TABLES} <= check_names
    for job in ("build_batch", "assemble", "link_batch", "publish"):
        assert defs.resolve_job_def(job) is not None


def test_a_tables_checks_run_in_one_step_and_report_schema_and_consistency_apart(release_dir):
    from pipeline.assets.checks import CONSISTENT, table_checks
    from pipeline.release.layout import read_table

    graph = defs.resolve_asset_graph()
    assert {k.name for k in graph.asset_check_keys} == {f"{t}_schema" for t in TABLES} | {f"{t}_consistency" for t in CONSISTENT}
    check = {c.op.name: c for c in table_checks}["sentences_checks"]
    sentences, raw, clean = (read_table(release_dir, t) for t in ("sentences", "raw_documents", "clean_documents"))
    shifted = sentences.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.col("char_start") + 1)
                                     .otherwise(pl.col("char_start")).alias("char_start"))
    passed = lambda df: {r.check_name: r.passed for r in check(df=df, raw_documents=raw, clean_documents=clean)}  # noqa: E731
    assert passed(sentences) == {"sentences_schema": True, "sentences_consistency": True}
    assert passed(shifted) == {"sentences_schema": True, "sentences_consistency": False}
    assert passed(sentences.with_columns(pl.lit(None, pl.Utf8).alias("sentence_id")))["sentences_schema"] is False


def test_per_document_stages_are_partitioned_by_input_batch_and_corpus_stages_are_not():
    graph = defs.resolve_asset_graph()
    partitioned = {k.to_user_string() for k in graph.get_all_asset_keys() if graph.get(k).partitions_def is not None}
    assert partitioned == {
        "raw_documents", "clean_documents", "removed_spans", "document_sketches", "sentences", "event_audit", *PER_BATCH,
        *LINKED,
        "rejects_raw_documents", "rejects_clean_documents", "rejects_sentences",
        *(f"rejects_{name}" for name in (*PER_BATCH, *LINKED)),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(port: int, query: str) -> dict:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def test_webserver_serves_the_asset_graph(tmp_path):
    port = _free_port()
    webserver = Path(sys.executable).with_name("dagster-webserver")
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [str(webserver), "-m", "pipeline.definitions", "-h", "127.0.0.1", "-p", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        nodes = None
        while time.monotonic() < deadline and nodes is None:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            try:
                data = _graphql(port, "{ assetNodes { assetKey { path } } }")
                nodes = data["data"]["assetNodes"]
            except (OSError, KeyError, TypeError):
                time.sleep(1)
        assert nodes is not None, "webserver did not answer in time"
        assert {"/".join(n["assetKey"]["path"]) for n in nodes} == EXPECTED_ASSETS
    finally:
        proc.terminate()
        proc.wait(timeout=30)
