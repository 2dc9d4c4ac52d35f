"""What researchers do with a release: load it everywhere, diff versions, public profile, pack."""

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from pipeline.build import build
from pipeline.cli import main
from pipeline.release.fingerprints import sha256_file
from pipeline.release.hydrate import hydrate
from pipeline.release.layout import read_table
from pipeline.release.pack import pack_release
from pipeline.release.writer import read_manifest


def test_release_loads_in_duckdb_polars_pyarrow_and_datasets(split_seed_build, tmp_path):
    from datasets import load_dataset

    _, release = split_seed_build
    for name, entry in read_manifest(release)["tables"].items():
        glob, hive = str(release / entry["glob"]), bool(entry["partition_columns"])
        rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = {hive})").fetchall()
        assert rows[0][0] == entry["rows"], name
        scan = pl.scan_parquet(glob, hive_partitioning=hive, hive_schema={"batch": pl.String} if hive else None)
        assert scan.select(pl.len()).collect().item() == entry["rows"]
        assert list(scan.collect_schema()) == list(entry["schema"]) + entry["partition_columns"]
        dataset = pads.dataset(release / name, format="parquet", partitioning="hive" if hive else None)
        assert dataset.count_rows() == entry["rows"]
        assert sum(pq.read_metadata(release / f["path"]).num_rows for f in entry["files"]) == entry["rows"]
        if entry["rows"]:
            ds = load_dataset("parquet", data_files=glob, split="train", cache_dir=str(tmp_path))
            assert ds.num_rows == entry["rows"], name


def test_dataset_duckdb_opens_in_the_duckdb_shell(release_dir):
    shell = Path(sys.executable).with_name("duckdb")
    out = subprocess.run([str(shell), "dataset.duckdb", "-csv", "-c", "SELECT count(*) AS n FROM quotes"],
                         cwd=release_dir, capture_output=True, text=True, check=True).stdout
    assert int(out.split()[-1]) == read_manifest(release_dir)["tables"]["quotes"]["rows"]


def test_changing_one_article_bumps_minor_with_a_changelog(seeds_dir, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    out = tmp_path / "out"
    first = build(corpus, out)
    victim = sorted(corpus.iterdir())[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\nوقال مسؤول عراقي إن \"المحادثات ستستأنف الأسبوع المقبل في بغداد\".\n",
                      encoding="utf-8")
    second = build(corpus, out)
    assert (first.release["version"], second.release["version"]) == ("1.0.0", "1.1.0")
    new_dir = Path(second.release["path"])
    manifest = read_manifest(new_dir)
    assert manifest["bump"] == "minor" and manifest["previous_version"] == "1.0.0"
    changelog = (new_dir / "CHANGELOG.md").read_text()
    assert "Compared with 1.0.0" in changelog
    assert "| raw_documents | 1 | 1 | 0 |" in changelog
    assert main(["diff", first.release["path"], second.release["path"]]) == 0
    assert "| raw_documents | 1 | 1 | 0 |" in capsys.readouterr().out
    assert Path(first.release["path"]).exists()  # the old version is untouched


def test_public_profile_has_no_article_text_and_hydrates_back(seeds_dir, release_dir, tmp_path):
    result = build(seeds_dir, tmp_path, profile="public")
    public = Path(result.release["path"])
    assert public.parent.name == "releases-public"
    for table, column in (("raw_documents", "raw_text"), ("clean_documents", "clean_text"), ("sentences", "text")):
        assert read_table(public, table)[column].null_count() == read_manifest(public)["tables"][table]["rows"]
    assert read_table(public, "entity_mentions")["text"].null_count() == 0

    report = hydrate(public, seeds_dir, tmp_path / "hydrated")
    assert report.missing == [] and report.mismatched == [] and report.hydrated == 5
    for table in ("clean_documents", "sentences", "raw_documents"):
        full = read_table(release_dir, table, partitions=True)
        back = read_table(report.path, table, partitions=True)
        assert back.equals(full), table
    hydrated = read_manifest(report.path)["tables"]
    assert {n: [f["path"] for f in t["files"]] for n, t in hydrated.items()} == {
        n: [f["path"] for f in t["files"]] for n, t in read_manifest(public)["tables"].items()}
    assert subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=report.path).returncode == 0


def test_hydrate_reports_articles_it_cannot_match(seeds_dir, tmp_path):
    public = Path(build(seeds_dir, tmp_path / "out", profile="public").release["path"])
    partial = tmp_path / "mine"
    partial.mkdir()
    first = sorted(seeds_dir.iterdir())[0]
    (partial / first.name).write_bytes(first.read_bytes())
    report = hydrate(public, partial, tmp_path / "hydrated")
    assert report.hydrated == 1 and len(report.missing) == 4


def test_hydrating_a_full_release_is_refused_in_one_line(release_dir, seeds_dir, tmp_path, capsys):
    assert main(["hydrate", str(release_dir), "--articles", str(seeds_dir), "--out", str(tmp_path / "h")]) == 2
    assert capsys.readouterr().err == (
        f"khabar hydrate: {release_dir} is a 'full' release; only public releases need hydrating\n")
    assert not (tmp_path / "h").exists()


def test_pack_is_reproducible_and_checksummed(release_dir, tmp_path):
    archive, sums = pack_release(release_dir, tmp_path / "a")
    again, _ = pack_release(release_dir, tmp_path / "b")
    assert sha256_file(archive) == sha256_file(again)
    assert sums.read_text() == f"{sha256_file(archive)}  {archive.name}\n"
    with tarfile.open(archive) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames()}
    files = {f["path"] for t in read_manifest(release_dir)["tables"].values() for f in t["files"]}
    assert {"manifest.json", "SHA256SUMS", "CHANGELOG.md", "dataset.duckdb"} | files <= names
