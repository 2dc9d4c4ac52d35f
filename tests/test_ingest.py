import json

from pipeline.ingest import ingest_folder
from pipeline.validation import split_valid
from schemas import RawDocuments


def test_bad_inputs_are_quarantined_and_good_ones_decoded(bad_input_dir):
    result = ingest_folder(bad_input_dir)
    docs = {row["source_path"]: row for row in result.documents.iter_rows(named=True)}
    reasons = {row["source_path"]: row["reason"] for row in result.rejects}
    assert reasons == {
        "copy_of_good.txt": "exact_duplicate",
        "empty.txt": "empty",
        "image.txt": "binary",
        "notes.pdf": "unsupported_type",
    } or reasons == {
        "good.txt": "exact_duplicate",
        "empty.txt": "empty",
        "image.txt": "binary",
        "notes.pdf": "unsupported_type",
    }
    assert "الأنبار" in docs["legacy.txt"]["raw_text"] and docs["legacy.txt"]["encoding"] == "cp1256"
    assert "البصرة" in docs["wide.txt"]["raw_text"] and docs["wide.txt"]["encoding"].startswith("utf")
    assert docs["page.html"]["source_format"] == "html"
    good, bad = split_valid(result.documents, RawDocuments, "raw_documents", "doc_id")
    assert bad == [] and good.height == 4


def test_duplicate_names_its_original(bad_input_dir):
    rejects = [r for r in ingest_folder(bad_input_dir).rejects if r["reason"] == "exact_duplicate"]
    assert len(rejects) == 1 and ".txt" in rejects[0]["detail"]


def test_too_large_files_are_rejected_without_reading(bad_input_dir):
    result = ingest_folder(bad_input_dir, max_bytes=100)
    assert result.documents.height == 0
    assert {r["reason"] for r in result.rejects} >= {"too_large"}


def test_jsonl_lines_become_documents(tmp_path):
    lines = [json.dumps({"text": "خبر أول عن بغداد."}, ensure_ascii=False), "not json",
             json.dumps({"html": "<p>خبر ثان</p>"}, ensure_ascii=False), json.dumps({"title": "x"})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = ingest_folder(tmp_path)
    assert sorted(result.documents["source_path"]) == ["batch.jsonl#L1", "batch.jsonl#L3"]
    assert sorted(result.documents["source_format"]) == ["html", "jsonl"]
    assert [r["source_path"] for r in result.rejects] == ["batch.jsonl#L2", "batch.jsonl#L4"]


def test_doc_ids_are_content_hashes(seeds_dir, tmp_path):
    first = ingest_folder(seeds_dir).documents
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for path in seeds_dir.iterdir():
        (renamed / f"x_{path.name}").write_bytes(path.read_bytes())
    second = ingest_folder(renamed).documents
    assert first["doc_id"].to_list() == second["doc_id"].to_list()
