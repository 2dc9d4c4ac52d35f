"""Tables and columns as the pandera models declare them: the one source for the card and metadata.

The dataset card, croissant.json and datapackage.json all describe columns from here, so a schema
change shows up in every one of them and none can drift from the contract in ``schemas/``. The one
column no model declares is the hive partition column ``batch``, which lives in the file paths.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from pipeline.release.fingerprints import schema_description
from pipeline.release.layout import PARTITION_COLUMN
from schemas import BODY_COLUMNS, TABLES


@dataclass(frozen=True, slots=True)
class Bound:
    value: float
    inclusive: bool


@dataclass(frozen=True, slots=True)
class ColumnDoc:
    name: str
    dtype: pl.DataType
    nullable: bool
    unique: bool
    description: str
    pattern: str | None = None
    allowed: tuple[str, ...] | None = None
    minimum: Bound | None = None
    maximum: Bound | None = None
    min_length: int | None = None
    other_checks: tuple[str, ...] = ()  # checks with no structured equivalent, as "name(args)"
    body_text: bool = False  # publisher's text: null in the public profile

    def constraints_text(self) -> str:
        """The checks in a short human-readable form, for the card."""
        parts = []
        if self.unique:
            parts.append("unique")
        if self.allowed is not None:
            parts.append("one of " + ", ".join(self.allowed))
        if self.pattern is not None:
            parts.append(f"matches `{self.pattern}`")
        if self.minimum is not None:
            parts.append(f"{'≥' if self.minimum.inclusive else '>'} {_number(self.minimum.value)}")
        if self.maximum is not None:
            parts.append(f"{'≤' if self.maximum.inclusive else '<'} {_number(self.maximum.value)}")
        if self.min_length is not None:
            parts.append(f"length ≥ {self.min_length}")
        parts.extend(self.other_checks)
        if self.body_text and "public profile" not in self.description:
            parts.append("null in the public profile")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class TableDoc:
    name: str
    description: str
    primary_key: str
    columns: tuple[ColumnDoc, ...]
    checks: tuple[str, ...]  # table-level (dataframe) checks, by their description


def table_docs() -> list[TableDoc]:
    """Every published table, in data-flow order."""
    return [table_doc(name) for name in TABLES]


def table_doc(name: str) -> TableDoc:
    model, key = TABLES[name]
    schema = model.to_schema()
    body = set(BODY_COLUMNS.get(name, ()))
    columns = tuple(_column_doc(col_name, col, col_name in body) for col_name, col in schema.columns.items())
    checks = tuple(check.description or check.name for check in schema.checks)
    return TableDoc(name, inspect.getdoc(model) or "", key, columns, checks)


PARTITION_DOCS = {
    PARTITION_COLUMN: ColumnDoc(
        name=PARTITION_COLUMN, dtype=pl.String, nullable=False, unique=False,
        description=("Input batch of the row's document: the first-level folder of the input it was read "
                     "from (`_root` for files at the top level; a document found in several batches belongs "
                     "to the first by name). Hive partition column: it is in the file path "
                     "(`batch=<key>/`, the key percent-encoded), not inside the Parquet files; DuckDB, "
                     "polars and pyarrow add it when reading with hive partitioning"),
    ),
}


def partition_docs(entry: dict) -> tuple[ColumnDoc, ...]:
    """The partition columns of a manifest table entry, which readers add after the file columns."""
    return tuple(PARTITION_DOCS[name] for name in entry.get("partition_columns", []))


def check_manifest(manifest: dict) -> None:
    """Refuse to describe a release whose tables or dtypes differ from the models in this code."""
    if set(manifest["tables"]) != set(TABLES):
        raise ValueError(f"release tables {sorted(manifest['tables'])} differ from the schemas' {sorted(TABLES)}")
    for name, (model, _) in TABLES.items():
        if manifest["tables"][name]["schema"] != schema_description(model):
            raise ValueError(f"release {manifest.get('version')}: table {name} has a different schema than the code")


def _column_doc(name: str, column: pa.Column, body_text: bool) -> ColumnDoc:
    fields: dict = {}
    other = []
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "str_matches":
            fields["pattern"] = str(stats["pattern"])
        elif check.name == "isin":
            fields["allowed"] = tuple(str(v) for v in stats["allowed_values"])
        elif check.name in ("greater_than_or_equal_to", "greater_than"):
            fields["minimum"] = Bound(stats["min_value"], check.name == "greater_than_or_equal_to")
        elif check.name in ("less_than_or_equal_to", "less_than"):
            fields["maximum"] = Bound(stats["max_value"], check.name == "less_than_or_equal_to")
        elif check.name == "str_length" and set(k for k, v in stats.items() if v is not None) == {"min_value"}:
            fields["min_length"] = int(stats["min_value"])
        else:
            args = ", ".join(f"{k}={v}" for k, v in stats.items() if v is not None)
            other.append(f"{check.name}({args})")
    return ColumnDoc(
        name=name,
        dtype=column.dtype.type,
        nullable=bool(column.nullable),
        unique=bool(column.unique),
        description=column.description or "",
        other_checks=tuple(other),
        body_text=body_text,
        **fields,
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
