"""Code versions follow the code and data a stage uses, so Dagster marks exactly the stale assets."""

import shutil

import pytest

from pipeline import code_versions
from pipeline.code_versions import code_version, module_closure


def test_a_stage_depends_on_what_it_imports_not_on_other_stages():
    quotes = {p.relative_to(code_versions.ROOT).as_posix() for p in module_closure("pipeline.tables.quotes")}
    assert "pipeline/extract/quotes/speaker.py" in quotes and "schemas/quotes.py" in quotes
    assert not any(p.startswith("pipeline/extract/events/") for p in quotes)


@pytest.fixture()
def project_copy(tmp_path, monkeypatch):
    for name in ("pipeline", "schemas"):
        shutil.copytree(code_versions.ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(code_versions, "ROOT", tmp_path)
    for cached in (code_versions.code_version, code_versions._imports, code_versions._file_digest):
        cached.cache_clear()
    yield tmp_path
    for cached in (code_versions.code_version, code_versions._imports, code_versions._file_digest):
        cached.cache_clear()


def test_editing_a_lexicon_changes_only_the_stages_that_read_it(project_copy):
    before = {m: code_version(m) for m in ("pipeline.tables.quotes", "pipeline.tables.events")}
    lexicon = project_copy / "pipeline/extract/quotes/cue_verbs.json"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + " ", encoding="utf-8")
    code_versions.code_version.cache_clear()
    code_versions._file_digest.cache_clear()
    assert code_version("pipeline.tables.quotes") != before["pipeline.tables.quotes"]
    assert code_version("pipeline.tables.events") == before["pipeline.tables.events"]


def test_the_asset_graph_carries_the_versions():
    from pipeline.definitions import defs

    graph = defs.resolve_asset_graph()
    versions = {k.to_user_string(): graph.get(k).code_version for k in graph.get_all_asset_keys()}
    assert versions["quotes"] == code_version("pipeline.assets.quotes")
    assert versions["entities"] == versions["entity_mentions"] != versions["quotes"]
