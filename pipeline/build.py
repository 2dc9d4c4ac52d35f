"""`khabar build`: the asset graph run in-process, batch by batch, the same code the Dagster UI runs.

Incremental: ``<output>/.build_state.json`` records, per batch, the fingerprint of its files and of the
per-batch code at its last successful run. A batch whose stamp is unchanged is not run again; the
corpus-wide stages and the release run only when some batch changed, a batch disappeared, or their
own code changed. After resolution, only the batches whose rows of entity_links changed (by digest)
are linked again, with those just built. With nothing changed a build is a no-op that reports the
standing release.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from dagster import AssetSelection, DagsterInstance, materialize
from upath import UPath

from pipeline.assets.partitions import batches
from pipeline.batches import discover, fingerprint
from pipeline.definitions import (
    ASSETS, BATCH_ASSETS, CHECKS, CORPUS_ASSETS, LINK_ASSETS, PUBLISH_ASSETS, RELEASE_ASSETS, RESOLVE_ASSETS, resources,
)
from pipeline.settings import KhabarSettings

STATE_FILE = ".build_state.json"


@dataclass(frozen=True)
class BuildResult:
    success: bool
    release: dict | None
    row_counts: dict[str, int]
    failed_checks: list[str]
    batches_run: tuple[str, ...] = ()
    batches_linked: tuple[str, ...] = ()


def _code_key(assets) -> str:
    versions = sorted(f"{key.to_user_string()}={version}" for a in assets for key, version in a.code_versions_by_key.items())
    return hashlib.sha256("\n".join(versions).encode("utf-8")).hexdigest()


def _failed_checks(result) -> list[str]:
    return [
        f"{e.asset_check_key.asset_key.to_user_string()}:{e.asset_check_key.name}"
        for e in result.get_asset_check_evaluations()
        if not e.passed
    ]


def _drop_batch(storage: str, key: str) -> None:
    """Forget a batch whose folder is gone: its stored tables."""
    for asset in [*BATCH_ASSETS, *LINK_ASSETS]:
        for asset_key in asset.keys:
            path = UPath(storage) / asset_key.to_user_string() / f"{key}.parquet"
            if path.exists():
                path.unlink()


def _metadata(result, asset: str) -> dict | None:
    """The metadata values of ``asset``'s materialisation in a run's result (None if it has none)."""
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        if mat.asset_key.to_user_string() == asset:
            return {k: v.value for k, v in mat.metadata.items()}
    return None


def _release_of(result) -> dict | None:
    meta = _metadata(result, "release")
    return None if meta is None else {k: meta[k] for k in ("version", "path", "created")}


def _link_digests(result) -> dict[str, str]:
    """Per batch, the digest of its rows of entity_links that the resolution run reported."""
    return dict((_metadata(result, "entity_links") or {}).get("batch_digests", {}))


def _row_counts(release: dict | None) -> dict[str, int]:
    if release is None:
        return {}
    manifest = json.loads((Path(release["path"]) / "manifest.json").read_text(encoding="utf-8"))
    return {name: table["rows"] for name, table in manifest["tables"].items()}


def build(input_dir: Path, output_dir: Path, max_file_bytes: int | None = None,
          profile: str = "full", log_level: str = "WARNING", storage_url: str | None = None) -> BuildResult:
    """``storage_url`` (an fsspec URL) keeps the intermediate tables on object storage instead of
    ``<output_dir>/storage``."""
    settings = KhabarSettings(
        input_dir=str(input_dir), output_dir=str(output_dir), profile=profile,
        **({"max_file_bytes": max_file_bytes} if max_file_bytes else {}),
    )
    run = {
        "resources": resources(settings, storage_url),
        "run_config": {"loggers": {"console": {"config": {"log_level": log_level}}}},
        "raise_on_error": False,
    }
    everything = [*ASSETS, *RELEASE_ASSETS, *CHECKS]
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    state_path = Path(output_dir) / STATE_FILE
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    done_batches: dict[str, dict] = state.get("batches", {})
    batch_code = _code_key(BATCH_ASSETS)
    found = {key: {"input": fingerprint(Path(input_dir), files), "code": batch_code, "max_bytes": settings.max_file_bytes}
             for key, files in discover(Path(input_dir)).items()}
    failed: list[str] = []
    ran: list[str] = []  # batches built
    linked: list[str] = []  # batches linked to the corpus-wide entities
    for key in sorted(set(done_batches) - set(found)):
        _drop_batch(settings.storage(storage_url), key)
        del done_batches[key]
    if not found:
        return BuildResult(False, None, {}, [f"no input files in {input_dir}"], ())
    pending = [key for key, stamp in found.items() if done_batches.get(key) != stamp]
    corpus = {"batches": {**done_batches, **{key: found[key] for key in pending}}, "code": _code_key(CORPUS_ASSETS),
              "profile": profile}
    release = state.get("release")
    if not pending and state.get("corpus") == corpus and release and Path(release["path"]).exists():
        # Nothing to run: no Dagster instance either (setting one up is a fifth of a no-op build).
        release = {**release, "created": False}
        _save(state_path, {**state, "batches": done_batches, "corpus": corpus, "release": release})
        return BuildResult(True, release, _row_counts(release), [], ())
    # The partitions of this build are exactly the input's batches: the corpus stages read those.
    # Debug lines (the IO manager logs every partition it loads) would be a third of each run's stored events.
    with DagsterInstance.ephemeral(settings={"python_logs": {"python_log_level": "INFO"}}) as instance:
        instance.add_dynamic_partitions(batches.name, sorted(found))
        for key in pending:
            done_batches.pop(key, None)
            result = materialize(everything, selection=AssetSelection.assets(*BATCH_ASSETS),
                                 partition_key=key, instance=instance, **run)
            failed += _failed_checks(result)
            ran.append(key)
            if not result.success:
                _save(state_path, {"batches": done_batches})
                return BuildResult(False, None, {}, failed or [f"batch {key} failed"], tuple(ran))
            done_batches[key] = found[key]
        # Resolution over every batch; then the batches whose entity links changed (or that were just
        # built) are linked to their entities again; then the release.
        result = materialize(everything, selection=AssetSelection.assets(*RESOLVE_ASSETS), instance=instance, **run)
        failed += _failed_checks(result)
        digests = _link_digests(result)
        # Digests compare only under the same corpus code and profile as the last build's.
        same_code = all(state.get("corpus", {}).get(k) == corpus[k] for k in ("code", "profile"))
        before = state.get("linked", {}) if same_code else {}
        relink = [key for key in sorted(found) if key in ran or key not in digests or before.get(key) != digests[key]]
        phases = [*((LINK_ASSETS, key) for key in relink), (PUBLISH_ASSETS, None)]
        for assets, key in phases if result.success and not failed else ():
            result = materialize(everything, selection=AssetSelection.assets(*assets), partition_key=key,
                                 instance=instance, **run)
            failed += _failed_checks(result)
            if not result.success or failed:
                break
            if key is not None:
                linked.append(key)
        release = _release_of(result)
        if not result.success or failed or release is None:
            _save(state_path, {"batches": done_batches})
            return BuildResult(False, release, _row_counts(release), failed, tuple(ran), tuple(linked))
    _save(state_path, {"batches": done_batches, "corpus": corpus, "release": release, "linked": digests})
    return BuildResult(True, release, _row_counts(release), [], tuple(ran), tuple(linked))


def _save(path: Path, state: dict) -> None:
    path.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
