"""Which batches a finished entity resolution (an ``assemble`` run) must link again, from the Dagster
instance's history: the UI's counterpart of the ``linked`` digests ``khabar build`` keeps in its state file.

A batch is linked again unless its linked tables were all materialised by link runs of one earlier
assembly whose ``entity_links`` digest for the batch equals this assembly's, with the link code that
runs now, and after the batch's own tables were last materialised. Linking it again would write the
same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dagster import (
    AssetKey, AssetRecordsFilter, AssetsDefinition, DagsterEventType, DagsterInstance, EventLogRecord, RunsFilter,
)

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
    """The ``partitions`` (sorted) whose linked tables run ``assembly``'s resolution would change.
    A few queries per asset, whatever the number of partitions."""
    partitions = sorted(partitions)
    now = batch_digests(instance, assembly) or {}
    versions = {key: a.code_versions_by_key.get(key) for a in link_assets for key in a.keys}
    linked = {key: _latest(instance, key, partitions) for key in versions}
    built: dict[str, float] = {}  # partition -> when its batch tables were last materialised
    for key in (key for a in batch_assets for key in a.keys):
        for partition, record in _latest(instance, key, partitions).items():
            built[partition] = max(built.get(partition, 0.0), record.timestamp)
    run_ids = {record.run_id for records in linked.values() for record in records.values()}
    assembly_of = {run.run_id: run.tags.get(ASSEMBLY_TAG)
                   for run in (instance.get_runs(RunsFilter(run_ids=sorted(run_ids))) if run_ids else [])}
    earlier: dict[str, dict[str, str]] = {}  # digests of earlier assemblies, read once each

    def linked_under(partition: str) -> dict[str, str]:
        """The digests the partition's tables were linked under ({} if unknown or stale)."""
        records = [linked[key].get(partition) for key in versions]
        if any(record is None for record in records):
            return {}
        if any(r.asset_materialization.tags.get(_CODE_VERSION_TAG) != versions[r.asset_key] for r in records):
            return {}
        assemblies = {assembly_of.get(record.run_id) for record in records}
        if len(assemblies) != 1 or None in assemblies:  # linked by hand, or by two assemblies
            return {}
        if built.get(partition, 0.0) > min(record.timestamp for record in records):
            return {}  # the batch was built again after it was linked
        (previous,) = assemblies
        if previous not in earlier:
            earlier[previous] = batch_digests(instance, previous) or {}
        return earlier[previous]

    return [p for p in partitions if p not in now or linked_under(p).get(p) != now[p]]


def _latest(instance: DagsterInstance, key: AssetKey, partitions: list[str]) -> dict[str, EventLogRecord]:
    """Partition -> the record of its latest materialisation of ``key`` (two queries)."""
    ids = instance.get_latest_storage_id_by_partition(key, DagsterEventType.ASSET_MATERIALIZATION, set(partitions))
    if not ids:
        return {}
    found = instance.fetch_materializations(AssetRecordsFilter(asset_key=key, storage_ids=list(ids.values())),
                                            limit=len(ids))
    by_id = {record.storage_id: record for record in found.records}
    return {partition: by_id[i] for partition, i in ids.items() if i in by_id}
