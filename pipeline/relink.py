"""Which batches a finished entity resolution (an ``assemble`` run) must link again, from the Dagster
instance's history: the UI's counterpart of the ``linked`` digests ``khabar build`` keeps in its state file.

A batch is linked again unless its linked tables were all materialised by link runs of one earlier
assembly whose ``entity_links`` digest for the batch equals this assembly's, with the link code that
runs now, and after the batch's own tables were last materialised. Linking it again would write the
same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dagster import AssetKey, AssetRecordsFilter, AssetsDefinition, DagsterEventType, DagsterInstance, EventLogRecord

# Runs of one assembly (link_batch for each batch it relinks) carry its run id and how many batches it
# relinks, so publishing waits for all of them.
ASSEMBLY_TAG = "khabar/assembly"
LINKS_TAG = "khabar/assembly_links"
_CODE_VERSION_TAG = "dagster/code_version"
_LINKS_ASSET = AssetKey("entity_links")


def batch_digests(instance: DagsterInstance, run_id: str) -> dict[str, str] | None:
    """entity_links' per-batch digests as run ``run_id`` materialised it (None if it did not)."""
    for entry in instance.all_logs(run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION):
        materialization = entry.asset_materialization
        if materialization is not None and materialization.asset_key == _LINKS_ASSET:
            digests = materialization.metadata.get("batch_digests")
            return None if digests is None else dict(digests.value)
    return None


def batches_to_link(instance: DagsterInstance, assembly: str, partitions: Iterable[str],
                    link_assets: Sequence[AssetsDefinition], batch_assets: Sequence[AssetsDefinition]) -> list[str]:
    """The ``partitions`` (sorted) whose linked tables run ``assembly``'s resolution would change."""
    now = batch_digests(instance, assembly) or {}
    versions = {key: a.code_versions_by_key.get(key) for a in link_assets for key in a.keys}
    batch_keys = [key for a in batch_assets for key in a.keys]
    earlier: dict[str, dict[str, str]] = {}  # digests of earlier assemblies, read once each

    def linked_under(partition: str) -> dict[str, str]:
        """The digests the partition's tables were linked under ({} if unknown or stale)."""
        linked = [_latest(instance, key, partition) for key in versions]
        if any(record is None for record in linked):
            return {}
        if any(r.asset_materialization.tags.get(_CODE_VERSION_TAG) != versions[r.asset_key] for r in linked):
            return {}
        runs = [instance.get_run_by_id(run_id) for run_id in {record.run_id for record in linked}]
        assemblies = {run.tags.get(ASSEMBLY_TAG) if run is not None else None for run in runs}
        if len(assemblies) != 1 or None in assemblies:  # linked by hand, or by two assemblies
            return {}
        since = min(record.timestamp for record in linked)
        if any(record is not None and record.timestamp > since
               for record in (_latest(instance, key, partition) for key in batch_keys)):
            return {}  # the batch was built again after it was linked
        (previous,) = assemblies
        if previous not in earlier:
            earlier[previous] = batch_digests(instance, previous) or {}
        return earlier[previous]

    return [p for p in sorted(partitions) if p not in now or linked_under(p).get(p) != now[p]]


def _latest(instance: DagsterInstance, key: AssetKey, partition: str) -> EventLogRecord | None:
    found = instance.fetch_materializations(AssetRecordsFilter(asset_key=key, asset_partitions=[partition]), limit=1)
    return found.records[0] if found.records else None
