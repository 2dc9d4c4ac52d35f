import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
os.environ.setdefault("KHABAR_SHARED", str(REPO.parent / "shared"))

ARTICLE = (
    "أعلنت وزارة الدفاع العراقية، اليوم الأحد، أن قواتها نفذت عملية أمنية في محافظة نينوى.\n\n"
    "وقال المتحدث باسم الوزارة يحيى رسول إن \"العملية أسفرت عن اعتقال خمسة مطلوبين\".\n"
)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture()
def bad_input_dir(tmp_path: Path) -> Path:
    """A folder with every kind of bad input next to good documents."""
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "copy_of_good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 40)
    legacy = ARTICLE.replace("نينوى", "الأنبار")
    (folder / "legacy.txt").write_bytes(legacy.encode("cp1256"))
    wide = ARTICLE.replace("نينوى", "البصرة")
    (folder / "wide.txt").write_bytes(wide.encode("utf-16"))
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.replace("نينوى", "كركوك").split("\n\n"))
    (folder / "page.html").write_text(
        f"<html><head><title>عملية أمنية</title></head><body><nav>الرئيسية</nav>"
        f"<article><h1>عملية أمنية في كركوك</h1>{paragraphs}</article><footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8",
    )
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    return folder


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """One full build of the seeds shared by the end-to-end tests: (BuildResult, output folder)."""
    from pipeline.build import build

    out = tmp_path_factory.mktemp("seed_out")
    return build(SEEDS, out), out


@pytest.fixture(scope="session")
def release_dir(seed_build) -> Path:
    result, _ = seed_build
    assert result.success, result.failed_checks
    return Path(result.release["path"])


# Three batch folders whose names need the layout's care: a date (DuckDB would read it as DATE), a space
# and Arabic (percent-encoded in the paths).
SPLIT_BATCHES = ("2024-05-01", "day 2", "دفعة")


@pytest.fixture(scope="session")
def split_seed_build(tmp_path_factory):
    """The seeds dealt round-robin into SPLIT_BATCHES and built: (BuildResult, release folder)."""
    import shutil

    from pipeline.build import build

    root = tmp_path_factory.mktemp("split_seeds")
    for i, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        folder = root / "in" / SPLIT_BATCHES[i % len(SPLIT_BATCHES)]
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)
    result = build(root / "in", root / "out")
    assert result.success, result.failed_checks
    return result, Path(result.release["path"])
