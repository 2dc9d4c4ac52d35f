"""One archive per release plus SHA256SUMS, byte-reproducible (sorted members, fixed mtimes/owners)."""

from __future__ import annotations

import gzip
import tarfile
from pathlib import Path

from pipeline.release.fingerprints import sha256_file
from pipeline.release.writer import CHECKSUMS, read_manifest, release_files


def pack_release(release_dir: Path, out_dir: Path) -> tuple[Path, Path]:
    version = read_manifest(release_dir)["version"]
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"khabar-{version}.tar.gz"
    prefix = f"khabar-{version}"
    with open(archive, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for relative in release_files(release_dir) + [CHECKSUMS]:
            path = release_dir / relative
            info = tar.gettarinfo(str(path), arcname=f"{prefix}/{relative}")
            info.mtime, info.uid, info.gid, info.uname, info.gname, info.mode = 0, 0, 0, "", "", 0o644
            with open(path, "rb") as fh:
                tar.addfile(info, fh)
    sums = out_dir / CHECKSUMS
    sums.write_text(f"{sha256_file(archive)}  {archive.name}\n")
    return archive, sums
