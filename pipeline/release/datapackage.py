"""datapackage.json: a Frictionless Data Package with a Table Schema per table.

A table is a resource whose ``path`` lists its Parquet files (multipart when partitioned by batch).
Its schema describes the columns inside the files: the partition column ``batch`` lives in the paths,
which the Table Schema cannot express, so the description names it. frictionless concatenates the
parts of a multipart resource byte-wise, which Parquet does not allow: it checks the rows of a
single-file resource only.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipeline.release.card import LICENSE_ID, LICENSE_URL, PRETTY_NAME, SUMMARY, TAGS
from pipeline.release.column_docs import ColumnDoc, check_manifest, partition_docs, table_docs
from pipeline.release.jsonfile import write_json

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def build_datapackage(manifest: dict, release_dir: Path | None = None) -> dict:
    """The package descriptor; with ``release_dir`` each resource also gets its ``bytes``."""
    check_manifest(manifest)
    resources = []
    for doc in table_docs():
        entry = manifest["tables"][doc.name]
        paths = [f["path"] for f in entry["files"]]
        resource = {
            "name": doc.name,
            "path": paths,
            "profile": "tabular-data-resource",
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "description": doc.description + _partition_note(entry),
        }
        if len(paths) == 1:  # a multipart hash would be over the concatenated parts; see manifest.json
            resource["hash"] = f"sha256:{entry['files'][0]['sha256']}"
        if release_dir is not None:
            resource["bytes"] = sum((Path(release_dir) / p).stat().st_size for p in paths)
        resource["schema"] = {
            "fields": [_field(col) for col in doc.columns],
            "primaryKey": [doc.primary_key],
        }
        resources.append(resource)
    return {
        "profile": "data-package",
        "name": manifest["name"],
        "title": PRETTY_NAME,
        "description": SUMMARY,
        "version": manifest["version"],
        "keywords": TAGS,
        "licenses": [{"name": LICENSE_ID.upper(), "path": LICENSE_URL,
                      "title": "Creative Commons Attribution-ShareAlike 4.0"}],
        "resources": resources,
    }


def _partition_note(entry: dict) -> str:
    return "".join(f" Partitioned by `{col.name}` (one file per value, in the path): {col.description}."
                   for col in partition_docs(entry))


def write_datapackage(release_dir: Path, manifest: dict) -> Path:
    return write_json(Path(release_dir) / "datapackage.json", build_datapackage(manifest, release_dir))


def field_type(dtype: pl.DataType) -> str:
    """Table Schema type of a polars dtype."""
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_integer():
        return "integer"
    if dtype.is_float():
        return "number"
    if dtype == pl.Date:
        return "date"
    if dtype == pl.Datetime:
        return "datetime"
    if dtype == pl.String:
        return "string"
    if isinstance(dtype, pl.List):
        return "array"
    if isinstance(dtype, pl.Struct):
        return "object"
    raise ValueError(f"no Table Schema type for polars dtype {dtype}")


def _field(col: ColumnDoc) -> dict:
    field = {"name": col.name, "type": field_type(col.dtype), "description": col.description}
    if field["type"] in ("array", "object"):
        field["description"] += f" (Parquet type {col.dtype})"
    constraints: dict = {}
    if not col.nullable:
        constraints["required"] = True
    if col.unique:
        constraints["unique"] = True
    if col.allowed is not None:
        constraints["enum"] = list(col.allowed)
    if col.pattern is not None:
        # Table Schema patterns match the whole value, so the anchors are implied.
        constraints["pattern"] = col.pattern.removeprefix("^").removesuffix("$")
    if col.min_length is not None:
        constraints["minLength"] = col.min_length
    for key, bound, step, sign in (("minimum", col.minimum, 1, ">"), ("maximum", col.maximum, -1, "<")):
        if bound is None:
            continue
        if bound.inclusive or field["type"] == "integer":
            value = bound.value if bound.inclusive else bound.value + step
            constraints[key] = int(value) if field["type"] == "integer" else value
        else:
            # Table Schema v1 bounds are inclusive; the pandera schema enforces the exclusive one.
            field["description"] += f" ({sign} {bound.value})"
    if constraints:
        field["constraints"] = constraints
    return field

