"""Input batches: partitions of the per-document stages, incremental builds, the corpus assembled."""

import json
import shutil
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from pipeline.batches import ROOT_BATCH, batch_files, discover, fingerprint
from pipeline.build import build
from pipeline.release.layout import document_tables, part_path, read_manifest, read_table
from schemas import TABLES
from tests.conftest import ARTICLE, SPLIT_BATCHES


def _article(folder: Path, name: str, place: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(ARTICLE.replace("نينوى", place), encoding="utf-8")


def _table(result, name: str, partitions: bool = False) -> pl.DataFrame:
    return read_table(Path(result.release["path"]), name, partitions)


def test_first_level_folders_are_batches_and_loose_files_the_root_batch(tmp_path):
    _article(tmp_path, "loose.txt", "كركوك")
    _article(tmp_path / "2024-05-01", "a.txt", "البصرة")
    _article(tmp_path / "2024-05-01" / "deeper", "b.txt", "الأنبار")
    found = discover(tmp_path)
    assert list(found) == ["2024-05-01", ROOT_BATCH]
    assert [p.name for p in found["2024-05-01"]] == ["a.txt", "b.txt"]
    assert {key: batch_files(tmp_path, key) for key in found} == found
    assert batch_files(tmp_path, "gone") == []
    before = fingerprint(tmp_path, found["2024-05-01"])
    stamp = fingerprint(tmp_path, found["2024-05-01"], contents=False)
    (tmp_path / "2024-05-01" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert fingerprint(tmp_path, found["2024-05-01"]) != before
    assert fingerprint(tmp_path, found["2024-05-01"], contents=False) != stamp


def test_a_folder_named_like_the_root_batch_joins_the_loose_files_instead_of_being_dropped(tmp_path):
    _article(tmp_path, "loose.txt", "كركوك")
    _article(tmp_path / ROOT_BATCH, "a.txt", "البصرة")
    found = discover(tmp_path)
    assert [p.name for p in found[ROOT_BATCH]] == ["a.txt", "loose.txt"]
    assert batch_files(tmp_path, ROOT_BATCH) == found[ROOT_BATCH]


def test_a_new_batch_runs_alone_an_unchanged_input_runs_nothing_and_a_removed_batch_leaves(tmp_path):
    articles, out = tmp_path / "in", tmp_path / "out"
    _article(articles / "day1", "a.txt", "البصرة")
    _article(articles / "day1", "b.txt", "كركوك")
    first = build(articles, out)
    assert first.success and first.batches_run == ("day1",) and first.row_counts["raw_documents"] == 2

    _article(articles / "day2", "c.txt", "الأنبار")
    second = build(articles, out)
    assert second.success and second.batches_run == ("day2",)
    assert second.release["created"] and second.release["version"] != first.release["version"]
    assert second.row_counts["raw_documents"] == 3
    assert sorted(_table(second, "raw_documents")["source_path"]) == ["day1/a.txt", "day1/b.txt", "day2/c.txt"]

    again = build(articles, out)
    assert again.success and again.batches_run == () and not again.release["created"]
    assert again.release["version"] == second.release["version"]

    shutil.rmtree(articles / "day2")
    third = build(articles, out)
    assert third.success and third.batches_run == ()
    assert third.row_counts["raw_documents"] == 2
    assert not (out / "storage" / "raw_documents" / "day2.parquet").exists()


def test_a_new_batch_relinks_only_batches_whose_entity_links_changed_and_gives_the_full_builds_release(tmp_path):
    articles, out = tmp_path / "in", tmp_path / "out"
    _article(articles / "day1", "a.txt", "البصرة")
    _article(articles / "day2", "b.txt", "كركوك")
    first = build(articles, out)
    assert first.success and first.batches_linked == ("day1", "day2")

    _article(articles / "day3", "c.txt", "الأنبار")
    added = build(articles, out)
    assert added.success and added.batches_run == ("day3",)
    assert added.batches_linked == ("day3",)  # the same article: day1's and day2's entities are unchanged
    scratch = build(articles, tmp_path / "scratch")
    assert scratch.batches_linked == ("day1", "day2", "day3")
    for name in ("entity_mentions", "quotes", "events", "entities"):
        assert_frame_equal(_table(added, name, partitions=True), _table(scratch, name, partitions=True)), name

    # A batch whose digest differs from the one its tables were linked under is linked again.
    state = json.loads((out / ".build_state.json").read_text(encoding="utf-8"))
    state["linked"]["day1"] = "0" * 16
    (out / ".build_state.json").write_text(json.dumps(state), encoding="utf-8")
    _article(articles / "day4", "d.txt", "ديالى")
    assert build(articles, out).batches_linked == ("day1", "day4")


def test_link_digests_follow_a_batchs_rows_of_entity_links_not_their_order():
    from pipeline.tables.entities import link_digests

    links = pl.DataFrame({"mention_id": ["m1", "m2", "m3"], "entity_id": ["e1", "e2", "e1"],
                          "link_reason": ["exact_match_key"] * 3})
    ids = {"a": pl.LazyFrame({"mention_id": ["m1", "m2"]}), "b": pl.LazyFrame({"mention_id": ["m3"]}),
           "empty": pl.LazyFrame({"mention_id": []}, schema={"mention_id": pl.Utf8})}
    digests = link_digests(links, ids)
    assert digests == link_digests(links.reverse(), {"b": ids["b"], "a": ids["a"].reverse(), "empty": ids["empty"]})
    assert len(set(digests.values())) == 3
    moved = link_digests(links.with_columns(pl.when(pl.col("mention_id") == "m2").then(pl.lit("e9"))
                                            .otherwise(pl.col("entity_id")).alias("entity_id")), ids)
    assert moved["a"] != digests["a"] and moved["b"] == digests["b"]
    reason = link_digests(links.with_columns(pl.lit("spelling_variant").alias("link_reason")), ids)
    assert reason["b"] != digests["b"]


def test_copies_across_batches_the_same_file_quarantined_the_same_story_flagged(tmp_path):
    articles = tmp_path / "in"
    _article(articles / "day1", "a.txt", "البصرة")
    _article(articles / "day2", "again.txt", "البصرة")
    _article(articles / "day2", "c.txt", "كركوك")
    # The same story under other site furniture (an exact copy once cleaned) and in another spelling.
    (articles / "day2" / "shared.txt").write_text("شارك على فيسبوك\n" + ARTICLE.replace("نينوى", "البصرة"),
                                                 encoding="utf-8")
    (articles / "day2" / "respelled.txt").write_text(ARTICLE.replace("نينوى", "البصرة").replace("الأحد", "الاحد"),
                                                    encoding="utf-8")
    result = build(articles, tmp_path / "out")
    assert result.success, result.failed_checks
    raw = _table(result, "raw_documents")
    assert sorted(raw["source_path"]) == ["day1/a.txt", "day2/c.txt", "day2/respelled.txt", "day2/shared.txt"]
    quarantine = _table(result, "quarantine")
    assert quarantine.filter(pl.col("reason") == "exact_duplicate")["source_path"].to_list() == ["day2/again.txt"]
    # The release flags copies across batches, pointing to the first batch's document.
    doc_of = dict(zip(raw["source_path"], raw["doc_id"]))
    (doc,) = [doc_of["day1/a.txt"]]
    clean = _table(result, "clean_documents").select("doc_id", "duplicate_of", "near_duplicate_of")
    assert clean.filter(pl.col("duplicate_of").is_not_null()).rows() == [(doc_of["day2/shared.txt"], doc, None)]
    assert clean.filter(pl.col("near_duplicate_of").is_not_null()).rows() == [(doc_of["day2/respelled.txt"], None, doc)]
    # The release files each document's rows once, under the first batch that holds it.
    for name in document_tables():
        rows = _table(result, name, partitions=True)
        assert rows[TABLES[name][1]].is_unique().all(), name
        assert set(rows.filter(pl.col("doc_id") == doc)["batch"]) <= {"day1"}, name
    assert set(_table(result, "sentences", partitions=True).filter(pl.col("doc_id") == doc)["batch"]) == {"day1"}


def test_splitting_the_seeds_into_batches_gives_the_same_corpus_tables(split_seed_build, release_dir):
    result, _ = split_seed_build
    assert result.batches_run == tuple(sorted(SPLIT_BATCHES))
    for name in ("entity_mentions", "entities", "quotes", "events", "sentences", "clean_documents"):
        split = _table(result, name)
        whole = read_table(release_dir, name)
        sort = [c for c in ("doc_id", "char_start", "entity_id") if c in whole.columns]
        assert_frame_equal(split.sort(sort), whole.sort(sort), check_row_order=False), name


def test_the_document_tables_have_a_file_per_batch_holding_that_batchs_documents(split_seed_build):
    result, release = split_seed_build
    manifest = read_manifest(release)
    raw = read_table(release, "raw_documents", partitions=True)
    batch_of_doc = dict(zip(raw["doc_id"], raw["source_path"].str.split("/").list.first()))
    for name, entry in manifest["tables"].items():
        if name not in document_tables():
            assert entry["partition_columns"] == [] and [f["path"] for f in entry["files"]] == [part_path(name, None)]
            continue
        assert entry["partition_columns"] == ["batch"] and entry["glob"] == f"{name}/*/*.parquet"
        assert sorted(f["path"] for f in entry["files"]) == sorted(part_path(name, b) for b in SPLIT_BATCHES)
        for file in entry["files"]:
            rows = pl.read_parquet(release / file["path"])
            assert rows.height == file["rows"] and "batch" not in rows.columns
            batch = next(b for b in SPLIT_BATCHES if part_path(name, b) == file["path"])
            assert {batch_of_doc[d] for d in rows["doc_id"]} <= {batch}, (name, file["path"])
        assert sum(f["rows"] for f in entry["files"]) == entry["rows"] == result.row_counts[name]


def test_the_sensor_requests_runs_for_new_and_changed_batches_only(tmp_path):
    from dagster import DagsterInstance, build_sensor_context

    from pipeline.definitions import input_batches
    from pipeline.settings import KhabarSettings

    articles = tmp_path / "in"
    _article(articles / "day1", "a.txt", "البصرة")
    _article(articles / "day2", "b.txt", "كركوك")
    settings = KhabarSettings(input_dir=str(articles), output_dir=str(tmp_path / "out"))
    with DagsterInstance.ephemeral() as instance:
        def tick(cursor):
            return input_batches(build_sensor_context(instance=instance, cursor=cursor, resources={"settings": settings}))

        first = tick(None)
        assert [r.partition_key for r in first.run_requests] == ["day1", "day2"]
        assert first.dynamic_partitions_requests[0].partition_keys == ["day1", "day2"]
        assert tick(first.cursor).run_requests == []
        _article(articles / "day2", "b.txt", "الأنبار")
        changed = tick(first.cursor)
        assert [r.partition_key for r in changed.run_requests] == ["day2"]
        assert changed.dynamic_partitions_requests[0].partition_keys == []


def test_resolution_fans_out_one_link_run_per_batch_and_publishing_waits_for_all_of_them():
    from dagster import (
        DagsterEvent, DagsterEventType, DagsterInstance, DagsterRun, DagsterRunStatus, build_run_status_sensor_context,
    )

    from pipeline.assets.partitions import batches
    from pipeline.definitions import ASSEMBLY_TAG, link_after_assemble, publish_after_linking
    from pipeline.relink import LINKS_TAG

    def context(instance, run):
        event = DagsterEvent(DagsterEventType.RUN_SUCCESS.value, job_name=run.job_name)
        return build_run_status_sensor_context(sensor_name="s", dagster_event=event, dagster_instance=instance,
                                               dagster_run=run)

    with DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(batches.name, ["day1", "day2"])
        assembled = instance.add_run(DagsterRun(job_name="assemble", run_id="a" * 36, status=DagsterRunStatus.SUCCESS))
        requests = link_after_assemble(context(instance, assembled))
        assert [r.partition_key for r in requests] == ["day1", "day2"]
        assert {r.tags[ASSEMBLY_TAG] for r in requests} == {assembled.run_id}
        assert {r.tags[LINKS_TAG] for r in requests} == {"2"}  # no digests recorded: every batch

        def linked(key, status=DagsterRunStatus.SUCCESS):
            tags = {ASSEMBLY_TAG: assembled.run_id, "dagster/partition": key}
            return instance.add_run(DagsterRun(job_name="link_batch", run_id=key.ljust(36, "0"), tags=tags, status=status))

        first = linked("day1")
        assert publish_after_linking(context(instance, first)) is None  # day2 not linked yet
        second = linked("day2")
        assert publish_after_linking(context(instance, second)).run_key == assembled.run_id
        by_hand = instance.add_run(DagsterRun(job_name="link_batch", run_id="h" * 36, status=DagsterRunStatus.SUCCESS))
        assert publish_after_linking(context(instance, by_hand)) is None


def test_the_link_sensor_relinks_only_batches_whose_links_or_tables_changed_since_they_were_linked(tmp_path):
    from dagster import (
        AssetSelection, DagsterEvent, DagsterEventType, DagsterInstance, build_run_status_sensor_context, materialize,
    )

    from pipeline.assets.partitions import batches
    from pipeline.definitions import (
        ASSETS, BATCH_ASSETS, LINK_ASSETS, RELEASE_ASSETS, RESOLVE_ASSETS, link_after_assemble, publish_job, resources,
    )
    from pipeline.relink import ASSEMBLY_TAG, LINKS_TAG, batches_to_link
    from pipeline.settings import KhabarSettings

    articles = tmp_path / "in"
    _article(articles / "day1", "a.txt", "البصرة")
    _article(articles / "day2", "b.txt", "كركوك")
    settings = KhabarSettings(input_dir=str(articles), output_dir=str(tmp_path / "out"))
    everything = [*ASSETS, *RELEASE_ASSETS]

    with DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(batches.name, ["day1", "day2"])

        def run(assets, partition=None, tags=None):
            result = materialize(everything, selection=AssetSelection.assets(*assets), partition_key=partition,
                                 instance=instance, resources=resources(settings), tags=tags)
            assert result.success
            return result.run_id

        def to_link(assembly):
            return batches_to_link(instance, assembly, ["day1", "day2"], LINK_ASSETS, BATCH_ASSETS)

        def assembled(assembly):  # the link sensor's context after the assembly run
            event = DagsterEvent(DagsterEventType.RUN_SUCCESS.value, job_name="assemble")
            return build_run_status_sensor_context(sensor_name="s", dagster_event=event, dagster_instance=instance,
                                                   dagster_run=instance.get_run_by_id(assembly))

        for key in ("day1", "day2"):
            run(BATCH_ASSETS, key)
        first = run(RESOLVE_ASSETS)
        assert to_link(first) == ["day1", "day2"]  # never linked
        for key in ("day1", "day2"):
            run(LINK_ASSETS, key, {ASSEMBLY_TAG: first})

        again = run(RESOLVE_ASSETS)
        assert to_link(again) == []  # same entities, same links: nothing to do but publish
        (publish,) = link_after_assemble(assembled(again))
        assert publish.job_name == publish_job.name and publish.partition_key is None

        run(BATCH_ASSETS, "day2")  # day2 built again: its unlinked tables are newer than its links
        rebuilt = run(RESOLVE_ASSETS)
        assert to_link(rebuilt) == ["day2"]
        (request,) = link_after_assemble(assembled(rebuilt))
        assert request.partition_key == "day2" and request.tags[LINKS_TAG] == "1"

        run(LINK_ASSETS, "day1")  # linked by hand: under which entities is unknown
        assert to_link(rebuilt) == ["day1", "day2"]
