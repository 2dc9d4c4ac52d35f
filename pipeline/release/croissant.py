"""croissant.json: MLCommons Croissant 1.1 metadata with a RecordSet per table and the RAI fields."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipeline.release.card import (
    BIASES,
    LICENSE_URL,
    LIMITATIONS,
    PRETTY_NAME,
    STAGES,
    SUMMARY,
    TAGS,
    dataset_bibtex,
)
from pipeline.release.column_docs import ColumnDoc, check_manifest, partition_docs, table_docs
from pipeline.release.jsonfile import write_json

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
PARQUET = "application/x-parquet"

# The 1.1 context (spec appendix 1, plus the terms mlcroissant 1.1 writes) with the RAI and PROV
# prefixes. It is inline, so reading the file never fetches anything.
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "annotation": "cr:annotation",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "excludes": "cr:excludes",
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "readLines": "cr:readLines",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sdVersion": "cr:sdVersion",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
    "unArchive": "cr:unArchive",
    "value": "cr:value",
}


def build_croissant(manifest: dict, base_url: str | None = None, release_dir: Path | None = None) -> dict:
    """Croissant JSON-LD for a release; file URLs are relative unless ``base_url`` is given.

    Each table is a FileSet (its glob), which its RecordSet reads; each of its Parquet files is also a
    FileObject with its sha256 (and, with ``release_dir``, its ``contentSize``) for integrity checks.
    """
    check_manifest(manifest)
    prefix = f"{base_url.rstrip('/')}/" if base_url else ""
    tables = manifest["tables"]
    distribution = []
    for name, entry in tables.items():
        distribution.append(_file_set(name, entry))
        distribution += [_file_object(name, file, prefix, release_dir) for file in entry["files"]]
    record_sets = [
        {
            "@type": "cr:RecordSet",
            "@id": doc.name,
            "name": doc.name,
            "description": doc.description,
            "key": {"@id": f"{doc.name}/{doc.primary_key}"},
            "field": [_field(doc.name, col) for col in doc.columns]
            + [_partition_field(doc.name, col) for col in partition_docs(tables[doc.name])],
        }
        for doc in table_docs()
    ]
    metadata = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": manifest["name"],
        "alternateName": PRETTY_NAME,
        "description": SUMMARY,
        "license": LICENSE_URL,
        "version": manifest["version"],
        "inLanguage": "ar",
        "keywords": TAGS,
        "citeAs": dataset_bibtex(manifest, base_url),
        "isLiveDataset": False,
        "distribution": distribution,
        "recordSet": record_sets,
        **_responsible_ai(manifest),
    }
    if base_url:
        metadata["url"] = base_url
    return metadata


def write_croissant(release_dir: Path, manifest: dict, base_url: str | None = None) -> Path:
    return write_json(Path(release_dir) / "croissant.json", build_croissant(manifest, base_url, release_dir))


def data_type(dtype: pl.DataType) -> str:
    """Croissant dataType of a scalar polars dtype."""
    if dtype == pl.Boolean:
        return "sc:Boolean"
    if dtype.is_integer():
        return "sc:Integer"
    if dtype.is_float():
        return "sc:Float"
    if dtype == pl.Date:
        return "sc:Date"
    if dtype == pl.Datetime:
        return "sc:DateTime"
    if dtype == pl.String:
        return "sc:Text"
    raise ValueError(f"no Croissant dataType for polars dtype {dtype}")


def _file_set_id(table: str) -> str:
    return f"{table}-files"


def _file_set(table: str, entry: dict) -> dict:
    layout = " per input batch (hive partitions `batch=<key>/`)" if entry["partition_columns"] else ""
    return {
        "@type": "cr:FileSet",
        "@id": _file_set_id(table),
        "name": _file_set_id(table),
        "description": f"Table {table}: {len(entry['files'])} Parquet file(s){layout}, {entry['rows']} rows",
        "encodingFormat": PARQUET,
        "includes": entry["glob"],
    }


def _file_object(table: str, file: dict, prefix: str, release_dir: Path | None) -> dict:
    obj = {
        "@type": "cr:FileObject",
        "@id": file["path"],
        "name": file["path"],
        "description": f"Part of table {table} ({file['rows']} rows)",
        "contentUrl": prefix + file["path"],
        "encodingFormat": PARQUET,
        "sha256": file["sha256"],
    }
    if release_dir is not None:
        obj["contentSize"] = f"{(Path(release_dir) / file['path']).stat().st_size} B"
    return obj


def _field(table: str, col: ColumnDoc) -> dict:
    description = col.description
    if constraints := col.constraints_text():
        description += f" ({constraints})"
    if col.nullable:
        description += " May be null."
    return _typed_field(f"{table}/{col.name}", col.name, description, col.dtype,
                        {"fileSet": {"@id": _file_set_id(table)}, "extract": {"column": col.name}}, ())


def _partition_field(table: str, col: ColumnDoc) -> dict:
    """A hive partition column, taken from each file's path (the value as written there, percent-encoded)."""
    source = {"fileSet": {"@id": _file_set_id(table)}, "extract": {"fileProperty": "fullpath"},
              "transform": {"regex": f"^(?:.*/)?{col.name}=([^/]*)/[^/]*$"}}
    return {"@type": "cr:Field", "@id": f"{table}/{col.name}", "name": col.name,
            "description": f"{col.description}. Here as written in the path, percent-encoded",
            "dataType": data_type(col.dtype), "source": source}


def _typed_field(field_id: str, name: str, description: str, dtype: pl.DataType,
                 source: dict, json_path: tuple[str, ...]) -> dict:
    """A Field for ``dtype``: lists become arrays, structs sub-fields read by JSON path."""
    field = {"@type": "cr:Field", "@id": field_id, "name": name, "description": description}
    if isinstance(dtype, pl.List):
        if isinstance(dtype.inner, pl.List):
            raise ValueError(f"{field_id}: nested lists have no Croissant description here")
        inner = _typed_field(field_id, name, description, dtype.inner, source, json_path)
        return {**inner, "isArray": True, "arrayShape": "-1"}
    if isinstance(dtype, pl.Struct):
        field["subField"] = [
            _typed_field(f"{field_id}/{sub.name}", sub.name, f"{name}.{sub.name}", sub.dtype, source,
                         (*json_path, sub.name))
            for sub in dtype.fields
        ]
        return field
    field["dataType"] = data_type(dtype)
    field["source"] = {**source, "transform": {"jsonPath": ".".join(json_path)}} if json_path else source
    return field


def _responsible_ai(manifest: dict) -> dict:
    stages = "; ".join(f"{stage}: {method}" for stage, _, method, _ in STAGES)
    body = ("Article bodies are null in this public release; offsets and hashes are kept so that "
            "`khabar hydrate` can re-attach them from the user's own copy."
            if manifest["profile"] == "public" else
            "This full-profile release includes the article texts, which belong to their publishers.")
    return {
        "rai:dataCollection": (
            "Published Arabic news articles supplied by the operator as text, HTML or JSON Lines files "
            f"(the bundled corpus: five seed articles), processed automatically. {stages}"
        ),
        "rai:dataCollectionType": ["Document Analysis", "Software Collection"],
        "rai:dataCollectionRawData": body,
        "rai:dataPreprocessingProtocol": [method for _, _, method, _ in STAGES[:3]],
        "rai:dataAnnotationProtocol": [method for _, _, method, _ in STAGES[3:]],
        "rai:machineAnnotationTools": [f"{name}@{manifest['code_version']}" for _, name, _, _ in STAGES[1:]],
        "rai:dataLimitations": list(LIMITATIONS),
        "rai:dataBiases": list(BIASES),
        "rai:personalSensitiveInformation": [
            "Names, roles and quoted statements of people as reported in published news, mostly "
            "public figures; statements attributed to them are the outlets' reports and the "
            "extractor's attribution, either of which can be wrong.",
            "Political opinions and affiliations of named people can be inferred from quotes and events.",
        ],
        "rai:dataUseCases": [
            "Research on Arabic named-entity recognition, quotation attribution and event extraction.",
            "Media and political-event analysis with every row traceable to its source text.",
            "Not validated for automated decisions about individuals or for conflict early warning.",
        ],
        "rai:dataSocialImpact": (
            "Makes Arabic-language news analysable with open tools instead of through machine "
            "translation. Misattributed quotes or events could misrepresent real people; every row "
            "carries offsets into the source text so claims can be checked before use."
        ),
        "rai:hasSyntheticData": False,
        "rai:dataReleaseMaintenancePlan": (
            "Versions are immutable; a new version (MAJOR schema, MINOR rows, PATCH re-serialised) "
            "is published with a changelog against the previous one."
        ),
        "prov:wasGeneratedBy": [
            {"@type": "prov:Activity", "prov:label": f"{stage} ({name})", "sc:description": method}
            for stage, name, method, _ in STAGES
        ],
    }
