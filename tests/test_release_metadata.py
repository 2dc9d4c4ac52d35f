"""The release's card (README.md), croissant.json and datapackage.json, checked by their own tools.

A tiny synthetic release (a few rows in the tables with list and struct columns, the rest empty) is
published with the real writer, once as single files and once partitioned by batch; the metadata is
validated by mlcroissant and frictionless with the network blocked, and compared with the Parquet
files themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import socket
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
import yaml

from pipeline.ids import stable_id
from pipeline.release.card import STAGES, render_card, size_category
from pipeline.release.column_docs import table_docs
from pipeline.release.croissant import build_croissant
from pipeline.release.datapackage import build_datapackage
from pipeline.release.layout import document_tables, read_table
from pipeline.release.writer import publish, read_manifest
from schemas import TABLES, polars_schema, to_frame

TEXT = ("قال وزير الخارجية المصري سامح شكري إن القاهرة ترحب بالاتفاق. "
        "وهاجمت قوات مسلحة قرية في دارفور.")


def _span(word: str, entity_id: str | None) -> dict:
    start = TEXT.index(word)
    return {"char_start": start, "char_end": start + len(word), "text": word, "entity_id": entity_id}


DOC = stable_id("doc", TEXT)
# The document's batch, and a second batch whose document has no rows: every document table gets an
# empty file for it.
BATCHES = {DOC: "day 1", "0" * 16: "يوم"}


def _tables() -> dict[str, pl.DataFrame]:
    doc = DOC
    sent = stable_id(doc, 0, 62)
    cairo, darfur = stable_id("GPE", "القاهرة"), stable_id("GPE", "دارفور")
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["entities"] = [
        {"entity_id": cairo, "canonical_name": "القاهرة", "entity_type": "GPE", "aliases": ["القاهرة", "المصري"],
         "mention_count": 2, "doc_count": 1, "merge_reasons": ["same key", "nisba"], "extractor": "khabar.resolve@0"},
        {"entity_id": darfur, "canonical_name": "دارفور", "entity_type": "LOC", "aliases": ["دارفور"],
         "mention_count": 1, "doc_count": 1, "merge_reasons": [], "extractor": "khabar.resolve@0"},
    ]
    trigger = _span("وهاجمت", None)
    rows["events"] = [{
        "char_start": trigger["char_start"], "char_end": trigger["char_end"],
        "event_id": stable_id(doc, trigger["char_start"], "ASSAULT"), "doc_id": doc, "sentence_id": sent,
        "trigger": "وهاجمت", "event_type": "ASSAULT", "mode": None,
        "actors": [_span("قوات مسلحة", None)], "targets": [_span("قرية", None)],
        "locations": [_span("دارفور", darfur)], "event_date": dt.date(2024, 3, 1), "date_granularity": "month",
        "date_evidence": None, "magnitude": None, "magnitude_unit": None, "magnitude_evidence": None,
        "negated": False, "hypothetical": False, "historical": False, "confidence": 0.6,
        "extractor": "khabar.events@0",
    }]
    quoted = "القاهرة ترحب بالاتفاق"
    start = TEXT.index(quoted)
    rows["quotes"] = [{
        "char_start": start, "char_end": start + len(quoted), "quote_id": stable_id(doc, start), "doc_id": doc,
        "sentence_id": sent, "text": quoted, "kind": "indirect", "cue": None, "cue_lemma": None,
        "cue_start": None, "cue_end": None, "speaker_text": "سامح شكري", "speaker_start": TEXT.index("سامح"),
        "speaker_end": TEXT.index("سامح") + 9, "speaker_role": "وزير الخارجية", "speaker_entity_id": None,
        "published_date": None, "confidence": 0.5, "extractor": "khabar.quotes@0",
    }]
    return {name: to_frame(rows[name], model) for name, (model, _) in TABLES.items()}


def _scores() -> dict:
    return {"ner": {"precision": 0.8125, "recall": 0.5, "f1": 0.619, "command": "khabar eval ner --conll X"},
            "quotes": {"f1": 0.7, "n_gold": 41}}


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return publish(_tables(), tmp_path_factory.mktemp("rel") / "releases", "f" * 64, scores=_scores()).path


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory) -> Path:
    return publish(_tables(), tmp_path_factory.mktemp("rel") / "releases", "f" * 64, batches=BATCHES).path


@pytest.fixture()
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- Croissant ---------------------------------------------------------------------------------

def test_croissant_passes_mlcroissant_validation_offline(release, offline):
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=release / "croissant.json")
    assert dataset.metadata.issues.errors == set()
    # datePublished is only recommended; the manifest records no date, so it is the one warning allowed.
    assert all("datePublished" in w for w in dataset.metadata.issues.warnings), dataset.metadata.issues.report()
    assert {rs.name for rs in dataset.metadata.record_sets} == set(TABLES)


def test_croissant_records_load_and_equal_the_parquet_rows(release, offline):
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=release / "croissant.json")
    manifest = read_manifest(release)

    entities = list(dataset.records("entities"))
    expected = read_table(release, "entities").to_dicts()
    assert len(entities) == manifest["tables"]["entities"]["rows"] == 2
    for record, row in zip(entities, expected):
        assert record["entities/canonical_name"].decode() == row["canonical_name"]
        assert [a.decode() for a in record["entities/aliases"]] == row["aliases"]
        assert record["entities/mention_count"] == row["mention_count"]

    (event,) = list(dataset.records("events"))
    row = read_table(release, "events").row(0, named=True)
    locations = [{k.rsplit("/", 1)[1]: v.decode() if isinstance(v, bytes) else v for k, v in loc.items()}
                 for loc in event["events/locations"]]
    assert locations == row["locations"]
    assert event["events/negated"] == row["negated"]
    assert event["events/event_date"].date() == row["event_date"]  # mlcroissant yields a pandas Timestamp

    (quote,) = list(dataset.records("quotes"))
    assert quote["quotes/speaker_text"].decode() == "سامح شكري"
    assert quote["quotes/cue_start"] is None or quote["quotes/cue_start"] != quote["quotes/cue_start"]  # null or NaN


@pytest.mark.parametrize("layout", ["release", "partitioned"])
def test_croissant_describes_every_file_and_column(layout, request):
    release = request.getfixturevalue(layout)
    meta = json.loads((release / "croissant.json").read_text())
    assert meta["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert isinstance(meta["@context"], dict)  # inline: nothing to fetch
    objects = {f["contentUrl"]: f for f in meta["distribution"] if f["@type"] == "cr:FileObject"}
    file_sets = {f["@id"]: f for f in meta["distribution"] if f["@type"] == "cr:FileSet"}
    record_sets = {rs["@id"]: rs for rs in meta["recordSet"]}
    manifest = read_manifest(release)
    assert len(objects) == sum(len(t["files"]) for t in manifest["tables"].values())
    for name, entry in manifest["tables"].items():
        for file in entry["files"]:
            assert objects[file["path"]]["sha256"] == _sha256(release / file["path"]) == file["sha256"]
            assert objects[file["path"]]["encodingFormat"] == "application/x-parquet"
        assert file_sets[f"{name}-files"]["includes"] == entry["glob"]
        fields = record_sets[name]["field"]
        columns = pq.read_schema(release / entry["files"][0]["path"]).names
        assert [f["name"] for f in fields] == columns + entry["partition_columns"]
        assert all(f["source"]["fileSet"] == {"@id": f"{name}-files"} for f in fields if "subField" not in f)
        assert all(f["source"]["extract"] == {"column": f["name"]} for f in fields
                   if "subField" not in f and f["name"] in columns)
        assert record_sets[name]["key"] == {"@id": f"{name}/{entry['primary_key']}"}
    for key in ("rai:dataCollection", "rai:dataCollectionType", "rai:dataLimitations", "rai:dataBiases",
                "rai:personalSensitiveInformation", "rai:dataUseCases", "rai:dataSocialImpact",
                "rai:hasSyntheticData"):
        assert meta[key] not in (None, "", [])


def test_croissant_types_follow_the_polars_dtypes(release):
    meta = json.loads((release / "croissant.json").read_text())
    fields = {f["@id"]: f for rs in meta["recordSet"] for f in rs["field"]}
    assert fields["raw_documents/n_bytes"]["dataType"] == "sc:Integer"
    assert fields["entity_mentions/confidence"]["dataType"] == "sc:Float"
    assert fields["events/negated"]["dataType"] == "sc:Boolean"
    assert fields["events/event_date"]["dataType"] == "sc:Date"
    assert fields["entities/aliases"]["dataType"] == "sc:Text" and fields["entities/aliases"]["isArray"]
    actors = fields["events/actors"]
    assert actors["isArray"] and [s["name"] for s in actors["subField"]] == [
        "char_start", "char_end", "text", "mention_id", "entity_id"]
    assert actors["subField"][0]["source"]["transform"] == {"jsonPath": "char_start"}


def test_base_url_makes_absolute_content_urls(release):
    meta = build_croissant(read_manifest(release), base_url="https://data.example.org/khabar/1.0.0/")
    assert meta["url"] == "https://data.example.org/khabar/1.0.0/"
    assert [f["contentUrl"] for f in meta["distribution"] if f["@type"] == "cr:FileObject"] == [
        f"https://data.example.org/khabar/1.0.0/{f['path']}"
        for t in read_manifest(release)["tables"].values() for f in t["files"]]


# --- Frictionless ------------------------------------------------------------------------------

def test_datapackage_descriptor_passes_frictionless(release, offline):
    import frictionless

    report = frictionless.Package.validate_descriptor(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("layout", ["release", "partitioned"])
def test_frictionless_validates_the_rows_apart_from_known_parquet_gaps(layout, request, offline, tmp_path):
    """frictionless reads Parquet through pyarrow and pandas, so it cannot count bytes, sees list
    cells as numpy arrays (type errors on `array` fields) and nulls in numeric columns as NaN (which
    fail `integer` and minimum/maximum); everything else (types, required, unique, enum, pattern,
    primary keys) is checked on every row. It joins the parts of a multipart resource byte-wise,
    which Parquet does not allow, so each part of a partitioned table is checked as a resource of
    its own with the table's schema (uniqueness then holds within a part)."""
    import frictionless

    release = request.getfixturevalue(layout)
    data = json.loads((release / "datapackage.json").read_text())
    fields = {(r["name"], f["name"]): f for r in data["resources"] for f in r["schema"]["fields"]}
    table_of = {}
    parts = []
    for resource in data["resources"]:
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        for i, path in enumerate(paths):
            part = {**resource, "name": f"{resource['name']}-{i}", "path": path}
            part.pop("bytes", None)
            part.pop("hash", None)
            parts.append(part)
            table_of[part["name"]] = resource["name"]
    assert layout == "release" or len(parts) > len(data["resources"])  # the partitioned one has multipart tables
    copy = shutil.copytree(release, tmp_path / "release")
    (copy / "datapackage.json").write_text(json.dumps({**data, "resources": parts}))
    report = frictionless.validate(str(copy / "datapackage.json"), skip_errors=["byte-count"])
    checked_rows = 0
    for task in report.tasks:
        checked_rows += task.stats.get("rows") or 0
        for error in task.errors:
            field = fields[(table_of[task.name], error.field_name)]
            nan_null = error.cell == "nan" and not field.get("constraints", {}).get("required")
            assert field["type"] == "array" and error.type == "type-error" or nan_null, error.message
    assert checked_rows == sum(t["rows"] for t in read_manifest(release)["tables"].values())


def test_frictionless_rejects_a_broken_descriptor(release, tmp_path):
    import frictionless

    data = json.loads((release / "datapackage.json").read_text())
    data["resources"][0]["schema"]["fields"][0]["type"] = "not-a-type"
    broken = tmp_path / "datapackage.json"
    broken.write_text(json.dumps(data))
    assert not frictionless.Package.validate_descriptor(str(broken)).valid


@pytest.mark.parametrize("layout", ["release", "partitioned"])
def test_datapackage_resources_match_the_files(layout, request):
    release = request.getfixturevalue(layout)
    data = json.loads((release / "datapackage.json").read_text())
    manifest = read_manifest(release)
    assert [r["name"] for r in data["resources"]] == list(manifest["tables"])
    for resource in data["resources"]:
        entry = manifest["tables"][resource["name"]]
        paths = [release / p for p in resource["path"]]
        assert resource["path"] == [f["path"] for f in entry["files"]]
        # A multipart hash would be over the concatenated parts, which no reader checks; one file has its own.
        assert resource.get("hash") == (f"sha256:{_sha256(paths[0])}" if len(paths) == 1 else None)
        assert resource["bytes"] == sum(p.stat().st_size for p in paths)
        assert resource["format"] == "parquet"
        assert all([f["name"] for f in resource["schema"]["fields"]] == pq.read_schema(p).names for p in paths)
        assert resource["schema"]["primaryKey"] == [entry["primary_key"]]
        assert ("Partitioned by `batch`" in resource["description"]) is bool(entry["partition_columns"])


def test_datapackage_constraints_come_from_the_pandera_checks(release):
    data = json.loads((release / "datapackage.json").read_text())
    fields = {(r["name"], f["name"]): f for r in data["resources"] for f in r["schema"]["fields"]}
    for doc in table_docs():
        for col in doc.columns:
            constraints = fields[(doc.name, col.name)].get("constraints", {})
            assert constraints.get("required", False) is (not col.nullable)
            assert constraints.get("unique", False) is col.unique
            assert constraints.get("enum") == (list(col.allowed) if col.allowed else None)
    assert fields[("raw_documents", "n_bytes")]["constraints"]["minimum"] == 1  # gt=0 on an integer
    assert fields[("entity_mentions", "confidence")]["constraints"]["maximum"] == 1
    pattern = fields[("entities", "entity_id")]["constraints"]["pattern"]
    assert re.fullmatch(pattern, "0123456789abcdef") and not re.fullmatch(pattern, "XYZ")
    assert fields[("entities", "aliases")]["type"] == "array"


# --- dataset card ------------------------------------------------------------------------------

def _front_matter(card: str) -> dict:
    assert card.startswith("---\n")
    return yaml.safe_load(card.split("---\n", 2)[1])


def test_card_front_matter_is_a_hub_config_per_table(release):
    meta = _front_matter((release / "README.md").read_text())
    manifest = read_manifest(release)
    assert [c["config_name"] for c in meta["configs"]] == list(TABLES)
    for config in meta["configs"]:
        (data_file,) = config["data_files"]
        files = manifest["tables"][config["config_name"]]["files"]
        assert sorted(p.relative_to(release).as_posix() for p in release.glob(data_file["path"])) == [
            f["path"] for f in files]
    assert meta["language"] == ["ar"]
    assert meta["license"] == "cc-by-sa-4.0"
    assert meta["size_categories"] == [size_category(max(t["rows"] for t in manifest["tables"].values()))]
    assert "token-classification" in meta["task_categories"]
    assert meta["pretty_name"]


def test_hugging_face_datasets_loads_a_table_by_config_name(release, tmp_path, monkeypatch, offline):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")

    ds = datasets.load_dataset(str(release), "entities", split="train", cache_dir=str(tmp_path))
    assert ds.num_rows == read_manifest(release)["tables"]["entities"]["rows"]
    assert ds.column_names == list(polars_schema(TABLES["entities"][0]))


def test_card_documents_every_table_and_column_from_the_schemas(release):
    card = (release / "README.md").read_text()
    sections = dict(re.findall(r"^### (\w+)\n(.*?)(?=^### |^## )", card, flags=re.S | re.M))
    for name, (model, _) in TABLES.items():
        section = sections[name]
        schema = model.to_schema()
        for column, dtype in polars_schema(model).items():
            row = next(line for line in section.splitlines() if line.startswith(f"| `{column}` |"))
            assert f"`{dtype}`" in row
            assert schema.columns[column].description, f"{name}.{column} has no description"
            assert schema.columns[column].description.replace("|", "\\|") in row
            assert ("| yes |" in row) is bool(schema.columns[column].nullable)


def test_the_writer_ships_card_metadata_and_summary_under_the_checksums(release):
    sums = dict(line.split()[::-1] for line in (release / "SHA256SUMS").read_text().splitlines())
    for name in ("README.md", "croissant.json", "datapackage.json", "summary.html", "manifest.json"):
        assert sums[name] == _sha256(release / name), name


def test_card_reports_scores_or_says_not_measured(release):
    manifest = read_manifest(release)
    card = (release / "README.md").read_text()
    assert "| ner | precision 0.812, recall 0.500, f1 0.619 | `khabar eval ner --conll X` |" in card
    assert "| quotes | f1 0.700, n_gold 41 | – |" in card
    assert "Not measured" in render_card(manifest, None)
    assert "Not measured" not in card


def test_card_covers_loading_provenance_limits_and_citation(release):
    card = (release / "README.md").read_text()
    for needle in ("read_parquet(", "hive_partitioning", "pl.read_parquet", "pd.read_parquet",
                   'load_dataset("parquet"', "khabar hydrate", "clean_documents.clean_text",
                   "@misc{khabar_", "Benajiba", "Obeid", "PLOVER", "MAJOR", "MINOR", "PATCH", "immutable"):
        assert needle in card, needle
    manifest = read_manifest(release)
    for table, entry in manifest["tables"].items():
        assert f"s3://<bucket>/khabar/{manifest['version']}/{entry['glob']}" in card


def test_card_stages_name_the_extractors_the_tables_record():
    from pipeline.tables import documents, entities, events, quotes, sentences

    recorded = {documents.CLEANER, sentences.SEGMENTER, entities.NER, entities.RESOLVER, quotes.QUOTER, events.EVENTS}
    assert {name.split("@")[0] for name in recorded} == {name for _, name, _, _ in STAGES[1:]}


def test_card_with_a_base_url_points_queries_and_citation_at_it(release):
    base = "https://data.example.org/khabar/1.0.0"
    card = render_card(read_manifest(release), None, base_url=base)
    assert f'base = "{base}/"' in card
    assert f"url          = {{{base}}}" in card
    assert "example.org/khabar/1.0.0" not in card.replace(base, "")


def test_public_release_card_says_bodies_are_absent(tmp_path):
    info = publish(_tables(), tmp_path / "releases", "e" * 64, profile="public")
    manifest = read_manifest(info.path)
    card = render_card(manifest, None)
    assert "**public** profile" in card and "khabar hydrate" in card
    assert "null in the public profile" in card  # body columns are flagged in the column tables
    assert build_croissant(manifest)["rai:dataCollectionRawData"].startswith("Article bodies are null")


def test_metadata_refuses_a_manifest_with_another_schema(release):
    manifest = read_manifest(release)
    manifest["tables"]["entities"]["schema"]["aliases"] = "String"
    for build in (lambda m: render_card(m, None), build_croissant, build_datapackage):
        with pytest.raises(ValueError, match="entities"):
            build(manifest)


@pytest.mark.parametrize(("rows", "label"), [(0, "n<1K"), (999, "n<1K"), (1_000, "1K<n<10K"),
                                             (250_000, "100K<n<1M"), (5_000_000_000, "1B<n<10B"),
                                             (10**12, "n>1T")])
def test_size_category(rows, label):
    assert size_category(rows) == label


def test_metadata_is_deterministic(release):
    manifest = read_manifest(release)
    assert build_croissant(manifest, release_dir=release) == json.loads((release / "croissant.json").read_text())
    assert render_card(manifest, _scores()) == (release / "README.md").read_text()


# --- batch partitions --------------------------------------------------------------------------

def test_partitioned_release_has_a_file_per_batch_for_the_document_tables(partitioned):
    tables = read_manifest(partitioned)["tables"]
    for name, entry in tables.items():
        paths = [f["path"] for f in entry["files"]]
        if name in document_tables():
            assert paths == [f"{name}/batch=%D9%8A%D9%88%D9%85/part-0.parquet", f"{name}/batch=day%201/part-0.parquet"]
        else:
            assert paths == [f"{name}/part-0.parquet"]
    assert [f["rows"] for f in tables["events"]["files"]] == [0, 1]
    assert read_table(partitioned, "events", partitions=True)["batch"].to_list() == ["day 1"]


def test_croissant_reads_the_batch_from_the_paths_offline(partitioned, offline):
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=partitioned / "croissant.json")
    assert dataset.metadata.issues.errors == set()
    (event,) = list(dataset.records("events"))
    assert event["events/batch"].decode() == "day%201"  # as the path has it; hive readers decode it
    assert event["events/trigger"].decode() == "وهاجمت"


def test_partitioned_datapackage_passes_frictionless(partitioned, offline):
    import frictionless

    report = frictionless.Package.validate_descriptor(str(partitioned / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_card_documents_the_batch_column_of_partitioned_tables(partitioned):
    card = (partitioned / "README.md").read_text()
    sections = dict(re.findall(r"^### (\w+)\n(.*?)(?=^### |^## )", card, flags=re.S | re.M))
    for name in TABLES:
        has_batch = any(line.startswith("| `batch` | `String` | no |") for line in sections[name].splitlines())
        assert has_batch is (name in document_tables()), name
    assert "WHERE batch = '<batch>'" in card


def test_hugging_face_datasets_loads_a_partitioned_table_by_config_name(partitioned, tmp_path, monkeypatch, offline):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")

    ds = datasets.load_dataset(str(partitioned), "events", split="train", cache_dir=str(tmp_path))
    assert ds.num_rows == 1 and ds[0]["trigger"] == "وهاجمت"


def test_partitioning_and_moving_a_document_between_batches_are_versioned(tmp_path):
    releases = tmp_path / "releases"
    single = publish(_tables(), releases, "a" * 64)
    split = publish(_tables(), releases, "a" * 64, batches=BATCHES)
    moved = publish(_tables(), releases, "a" * 64, batches={DOC: "يوم"})
    assert [single.version, split.version, moved.version] == ["1.0.0", "2.0.0", "2.1.0"]
    assert "| events | 0 | 0 | 0 | +batch |" in (split.path / "CHANGELOG.md").read_text()
    assert "| events | 0 | 0 | 1 | unchanged |" in (moved.path / "CHANGELOG.md").read_text()
    assert [f["path"] for f in read_manifest(moved.path)["tables"]["events"]["files"]] == [
        "events/batch=%D9%8A%D9%88%D9%85/part-0.parquet"]


def test_a_new_release_brings_the_figures_its_summary_page_charts(tmp_path):
    from pipeline.release.summary import manifest_rows, summary_metadata, summary_tables

    releases = tmp_path / "releases"
    info = publish(_tables(), releases, "c" * 64)
    assert info.created and info.summary["counts"]["events"] == 1
    assert info.summary == summary_metadata(summary_tables(info.path), manifest_rows(read_manifest(info.path)))
    assert publish(_tables(), releases, "c" * 64).summary is None  # unchanged data: the release stands
