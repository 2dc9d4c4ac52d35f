"""Row-level and schema differences between two releases, and the changelog made from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipeline.release.layout import entry_frames, read_entry, read_manifest


@dataclass
class TableDiff:
    added: int = 0
    removed: int = 0
    changed: int = 0
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    dtype_changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added
                    or self.columns_removed or self.dtype_changes)


def diff_tables(old: pl.DataFrame, new: pl.DataFrame, key: str, old_schema: dict, new_schema: dict,
                n_examples: int = 5) -> TableDiff:
    d = TableDiff(
        columns_added=sorted(set(new_schema) - set(old_schema)),
        columns_removed=sorted(set(old_schema) - set(new_schema)),
        dtype_changes={c: (old_schema[c], new_schema[c]) for c in sorted(set(old_schema) & set(new_schema))
                       if old_schema[c] != new_schema[c]},
    )
    common = [c for c in old.columns if c in new.columns and c not in d.dtype_changes]
    old_h = old.select(key, pl.struct(common).hash(seed=0).alias("_h"))
    new_h = new.select(key, pl.struct(common).hash(seed=0).alias("_h"))
    added = new_h.join(old_h, on=key, how="anti")[key]
    removed = old_h.join(new_h, on=key, how="anti")[key]
    both = old_h.join(new_h, on=key, suffix="_new")
    changed = both.filter(pl.col("_h") != pl.col("_h_new"))[key]
    d.added, d.removed, d.changed = added.len(), removed.len(), changed.len()
    d.examples = {name: sorted(s.to_list())[:n_examples]
                  for name, s in (("added", added), ("removed", removed), ("changed", changed)) if s.len()}
    return d


def diff_releases(old_dir: Path, new_dir: Path) -> dict[str, TableDiff]:
    old_m, new_m = read_manifest(old_dir), read_manifest(new_dir)
    out = {}
    for name in sorted(set(old_m["tables"]) | set(new_m["tables"])):
        old_e, new_e = old_m["tables"].get(name), new_m["tables"].get(name)
        if old_e is None or new_e is None:
            entry = new_e or old_e
            frame = read_entry(new_dir if new_e else old_dir, entry)
            out[name] = TableDiff(added=frame.height if new_e else 0, removed=0 if new_e else frame.height,
                                  columns_added=list(entry["schema"]) if new_e else [],
                                  columns_removed=[] if new_e else list(entry["schema"]))
            continue
        # With the partition columns: a document moved to another batch shows as changed rows.
        old_cols, new_cols = _columns(old_e), _columns(new_e)
        common = [c for c in old_cols if c in new_cols and old_cols[c] == new_cols[c]]
        key = new_e["primary_key"]
        out[name] = diff_tables(_row_hashes(old_dir, old_e, key, common), _row_hashes(new_dir, new_e, key, common),
                                key, old_cols, new_cols)
    return out


def _row_hashes(release_dir: Path, entry: dict, key: str, common: list[str]) -> pl.DataFrame:
    """(key, hash of the row's common columns), one file at a time: two releases' tables are never
    held whole."""
    stored = [c for c in common if c in entry["schema"]]
    frames = entry_frames(release_dir, entry, partitions=True, columns=stored)
    return pl.concat([df.select(key, pl.struct(common).hash(seed=0).alias("_row")) for df in frames], how="vertical")


def _columns(entry: dict) -> dict[str, str]:
    """Column -> dtype as readers see the table: the files' columns, then the partition columns (text)."""
    return {**entry["schema"], **{c: "String" for c in entry.get("partition_columns", [])}}


def render_changelog(diffs: dict[str, TableDiff], old_version: str | None, new_version: str,
                     bump: str | None = None) -> str:
    lines = [f"# Changelog: {new_version}", ""]
    if old_version is None:
        lines += ["First release.", ""]
        return "\n".join(lines)
    lines += [f"Compared with {old_version}" + (f" ({bump} release)." if bump else "."), "",
              "| table | added | removed | changed | schema |", "|---|---:|---:|---:|---|"]
    for name, d in diffs.items():
        schema = "; ".join(
            [f"+{c}" for c in d.columns_added] + [f"-{c}" for c in d.columns_removed]
            + [f"{c}: {a} → {b}" for c, (a, b) in d.dtype_changes.items()]
        ) or "unchanged"
        lines.append(f"| {name} | {d.added} | {d.removed} | {d.changed} | {schema} |")
    examples = [(n, k, ids) for n, d in diffs.items() for k, ids in d.examples.items()]
    if examples:
        lines += ["", "Example IDs:", ""]
        lines += [f"- {name} {kind}: {', '.join(ids)}" for name, kind, ids in examples]
    return "\n".join(lines) + "\n"
