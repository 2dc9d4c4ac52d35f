"""End to end: build the seeds into a release, then check provenance, determinism and bad input."""

from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipeline.build import build
from pipeline.cli import main
from pipeline.release.layout import read_table
from pipeline.release.validate import validate_release
from pipeline.release.writer import CHECKSUMS, read_manifest
from schemas import TABLES

SPAN_TABLES = {"sentences": "text", "entity_mentions": "text", "quotes": "text", "events": "trigger"}


def _table(release_dir, name) -> pl.DataFrame:
    return read_table(release_dir, name)


def test_build_publishes_a_valid_first_release(seed_build, release_dir):
    result, _ = seed_build
    assert result.release["version"] == "1.0.0" and result.release["created"]
    assert result.failed_checks == []
    assert validate_release(release_dir) == []
    manifest = read_manifest(release_dir)
    assert set(manifest["tables"]) == set(TABLES)
    assert (release_dir / "views.sql").read_text().count("CREATE OR REPLACE VIEW") == len(TABLES)


def test_every_extraction_stage_produces_rows_on_the_seeds(release_dir):
    for name in ("raw_documents", "clean_documents", "removed_spans", "sentences", "entity_mentions",
                 "entities", "quotes", "events"):
        assert _table(release_dir, name).height > 0, name
    assert _table(release_dir, "raw_documents").height == 5


@pytest.mark.parametrize("table", sorted(SPAN_TABLES))
def test_rows_point_back_to_the_clean_text(release_dir, table):
    texts = dict(_table(release_dir, "clean_documents").select("doc_id", "clean_text").iter_rows())
    df = _table(release_dir, table)
    surface = SPAN_TABLES[table]
    for row in df.iter_rows(named=True):
        assert texts[row["doc_id"]][row["char_start"]:row["char_end"]] == row[surface]
    assert df["extractor"].str.contains("@").all()


def test_quote_speakers_and_event_arguments_point_back_too(release_dir):
    texts = dict(_table(release_dir, "clean_documents").select("doc_id", "clean_text").iter_rows())
    for q in _table(release_dir, "quotes").iter_rows(named=True):
        if q["speaker_start"] is not None:
            assert texts[q["doc_id"]][q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]
        if q["cue_start"] is not None:
            assert texts[q["doc_id"]][q["cue_start"]:q["cue_end"]] == q["cue"]
    for ev in _table(release_dir, "events").iter_rows(named=True):
        for arg in ev["actors"] + ev["targets"] + ev["locations"]:
            assert texts[ev["doc_id"]][arg["char_start"]:arg["char_end"]] == arg["text"]


def test_clean_offsets_map_back_to_the_raw_text(release_dir):
    raw = dict(_table(release_dir, "raw_documents").select("doc_id", "raw_text").iter_rows())
    for doc in _table(release_dir, "clean_documents").iter_rows(named=True):
        source = doc["source_text"] or raw[doc["doc_id"]]
        covered = 0
        for seg in doc["offset_map"]:
            clean_part = doc["clean_text"][seg["clean_start"]:seg["clean_start"] + seg["length"]]
            raw_part = source[seg["raw_start"]:seg["raw_start"] + seg["length"]]
            assert clean_part == raw_part
            covered += seg["length"]
        # Everything but normalised whitespace comes straight from the raw text.
        assert covered >= 0.95 * len(doc["clean_text"].replace(" ", "").replace("\n", ""))


def test_rebuilding_the_same_input_keeps_the_release(seeds_dir, seed_build):
    _, out = seed_build
    again = build(seeds_dir, out)
    assert again.success and not again.release["created"] and again.release["version"] == "1.0.0"


def _sums(release_dir) -> dict[str, str]:
    return dict(line.split("  ", 1)[::-1] for line in (release_dir / CHECKSUMS).read_text().splitlines())


def test_two_builds_give_byte_identical_releases(seeds_dir, release_dir, tmp_path):
    other = build(seeds_dir, tmp_path)
    assert other.success
    first, second = _sums(release_dir), _sums(tmp_path / "releases" / "1.0.0")
    # DuckDB database files are not byte-reproducible; every other file is.
    first.pop("dataset.duckdb"), second.pop("dataset.duckdb")
    assert first == second
    assert any(path.startswith("events/batch=") for path in first)


def test_duckdb_reads_the_release_directly(release_dir):
    glob = read_manifest(release_dir)["tables"]["quotes"]["glob"]
    sql = f"SELECT count(*) FROM read_parquet('{release_dir}/{glob}', hive_partitioning = true)"
    assert duckdb.sql(sql).fetchall()[0][0] == _table(release_dir, "quotes").height


def test_cli_query_and_validate(seed_build, release_dir, capsys):
    _, out = seed_build
    assert main(["query", "SELECT count(*) AS n FROM raw_documents", "--output", str(out)]) == 0
    assert "5" in capsys.readouterr().out
    assert main(["validate", str(release_dir)]) == 0
    # A mistake in the SQL is reported in a line, with the tables there are, not as a traceback.
    assert main(["query", "SELECT document_count FROM entities", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("query failed: Binder Error") and '"document_count" not found' in err
    assert "entities" in err.splitlines()[-1] and "Traceback" not in err


def test_cli_names_a_missing_path_instead_of_a_traceback(tmp_path, capsys):
    with pytest.raises(SystemExit, match="input folder .*/absent does not exist"):
        main(["build", "--input", str(tmp_path / "absent"), "--output", str(tmp_path / "out")])
    assert main(["eval", "ner", "--conll", str(tmp_path / "absent.txt")]) == 2
    assert main(["diff", str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"khabar eval: No such file or directory: {tmp_path / 'absent.txt'}",
                   f"khabar diff: No such file or directory: {tmp_path / 'a' / 'manifest.json'}"]


def test_the_readme_queries_run_against_the_release(seed_build, capsys):
    _, out = seed_build
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sql\n", 1)[1].split("```", 1)[0]
    queries = [q.strip() for q in block.split(";") if q.strip()]
    assert len(queries) >= 4
    for query in queries:
        assert main(["query", query, "--output", str(out)]) == 0, query
    assert "ASSAULT" in capsys.readouterr().out


def test_bad_input_loses_nothing(bad_input_dir, tmp_path):
    result = build(bad_input_dir, tmp_path)
    assert result.success, result.failed_checks
    release = tmp_path / "releases" / result.release["version"]
    quarantine = _table(release, "quarantine")
    assert set(quarantine["reason"]) >= {"exact_duplicate", "empty", "binary", "unsupported_type"}
    assert set(quarantine["source_path"]) >= {"empty.txt", "image.txt", "notes.pdf"}
    clean = _table(release, "clean_documents")
    assert clean.height == 4
    text = "\n".join(clean["clean_text"])
    for place in ("الأنبار", "البصرة", "كركوك", "نينوى"):
        assert place in text
    assert "جميع الحقوق محفوظة" not in text
