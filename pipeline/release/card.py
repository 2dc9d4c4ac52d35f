"""The release's README.md: a Hugging Face dataset card generated from the manifest and the schemas.

Column descriptions come from the pandera models (via ``column_docs``), row counts and files from
the manifest, scores from the caller; nothing here is written by hand per release, so the card
cannot drift from the data it describes.
"""

from __future__ import annotations

import json
from numbers import Real
from pathlib import Path

import yaml

from pipeline.release.column_docs import ColumnDoc, TableDoc, check_manifest, partition_docs, table_docs
from pipeline.release.views import views_sql

PRETTY_NAME = "khabar: entities, quotes and events from Arabic news"
LICENSE_ID = "cc-by-sa-4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
PLACEHOLDER_URL = "https://example.org/khabar"
TAGS = ["arabic", "news", "named-entity-recognition", "entity-linking", "quotation-attribution",
        "event-extraction", "plover", "political-events", "provenance", "parquet", "duckdb"]

SUMMARY = (
    "Named entities, canonical entities, speaker-attributed quotes and typed political events "
    "(PLOVER) extracted from Modern Standard Arabic news articles. Every extracted row points back "
    "to its source by `doc_id` and character offsets into the article's cleaned text, carries the "
    "name and version of the extractor that produced it and, for model outputs, a confidence."
)

LICENSE_NOTE = (
    "The annotations (all tables except article texts) are released under CC BY-SA 4.0, because the "
    "named-entity model that produced them was trained on ANERcorp, which is licensed CC BY-SA 4.0. "
    "The article texts belong to their publishers and are not covered by this licence: the `public` "
    "profile carries no article bodies, and the `full` profile (local builds) keeps them for your own "
    "research only; do not redistribute them without the publishers' permission."
)

# (stage, extractor name as written in the `extractor` column, method, tables written)
STAGES = (
    ("decode", "pipeline.text.decode",
     "Bytes to text; encoding detected with charset-normalizer (UTF-8, UTF-16, windows-1256); "
     "undecodable or non-text inputs are quarantined with the reason.",
     ("raw_documents", "quarantine")),
    ("clean", "khabar.clean",
     "Boilerplate removal (trafilatura for HTML, rules for text), Unicode and Arabic normalisation; "
     "title, publication date, byline, outlet and dateline; exact and near-duplicate flags across the corpus (copies point to the earlier document).",
     ("clean_documents", "removed_spans")),
    ("sentences", "khabar.segment",
     "Rule-based paragraph and sentence segmentation with character offsets.",
     ("sentences",)),
    ("NER", "khabar.ner-crf",
     "Conditional random field (python-crfsuite) trained on ANERcorp, with word clusters and "
     "gazetteer rules; labels PERSON, ORG, GPE, LOC, FAC; nationality adjectives as GPE.",
     ("entity_mentions",)),
    ("entity resolution", "khabar.resolve",
     "Rule-based cross-document linking of mentions to canonical entities (normalised name keys, "
     "alias lists, nationality adjectives to countries), with the reason for every merge.",
     ("entities",)),
    ("quotes", "khabar.quotes",
     "Rule-based direct and indirect quotes: quotation marks and cue verbs, speaker span, role and "
     "linked entity.",
     ("quotes",)),
    ("events", "khabar.events",
     "Rule-based PLOVER event triggers from a lexicon; actor, target and location arguments from the "
     "entity mentions; event date with granularity, magnitude, negation and modality. Sentences that "
     "produced no event are listed in event_audit.",
     ("events", "event_audit")),
)

LIMITATIONS = (
    "A release built from the bundled seed corpus covers five articles about Iraq and the United "
    "States; its counts and distributions describe those articles, not Arabic news in general "
    "(`raw_documents` lists what went into a release).",
    "Quotes, events, entity resolution, cleaning and segmentation are rule-based: they miss "
    "phrasings their lexicons do not cover, and confidences are heuristic rather than calibrated "
    "probabilities unless the scores below say otherwise.",
    "The CRF named-entity model was trained on ANERcorp (2000s newswire); names and organisations "
    "that became prominent later, and other genres, are recognised less reliably.",
    "Modern Standard Arabic only; dialectal Arabic is out of scope.",
    "Locations are not geocoded: location spans link to entities by name, without coordinates.",
)

BIASES = (
    "Topic and regional bias: the seed articles cover Iraq and US policy, so entities, speakers and "
    "event types from that context dominate.",
    "Training-data bias: ANERcorp newswire over-represents political and Middle-Eastern figures and "
    "organisations of its time; rarer names (notably women's names) may be missed or mistyped.",
    "Source bias: quotes and events reflect what outlets chose to report and whom they quoted; "
    "an event in the data is a report of an event, not a verified fact.",
)

REFERENCES_BIBTEX = r"""@inproceedings{benajiba2007anersys,
  title     = {{ANERsys}: An {Arabic} Named Entity Recognition System Based on Maximum Entropy},
  author    = {Benajiba, Yassine and Rosso, Paolo and Bened{\'i} Ruiz, Jos{\'e} Miguel},
  booktitle = {Computational Linguistics and Intelligent Text Processing (CICLing 2007)},
  series    = {Lecture Notes in Computer Science},
  volume    = {4394},
  pages     = {143--153},
  publisher = {Springer},
  year      = {2007}
}

@inproceedings{obeid2020camel,
  title     = {{CAMeL} Tools: An Open Source Python Toolkit for {Arabic} Natural Language Processing},
  author    = {Obeid, Ossama and Zalmout, Nasser and Khalifa, Salam and Taji, Dima and Oudah, Mai and
               Alhafni, Bashar and Inoue, Go and Eryani, Fadhl and Erdmann, Alexander and Habash, Nizar},
  booktitle = {Proceedings of the 12th Language Resources and Evaluation Conference (LREC 2020)},
  pages     = {7022--7032},
  year      = {2020}
}

@misc{plover,
  title  = {{PLOVER}: Political Language Ontology for Verifiable Event Records},
  author = {{Open Event Data Alliance}},
  url    = {https://github.com/openeventdata/PLOVER}
}"""

SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                   (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"),
                   (1_000_000_000, "100M<n<1B"), (10**10, "1B<n<10B"), (10**11, "10B<n<100B"),
                   (10**12, "100B<n<1T"))


def render_card(manifest: dict, scores: dict | None, base_url: str | None = None) -> str:
    """README.md for a release; ``scores`` is {task: {metric: value}} or None if nothing was measured."""
    check_manifest(manifest)
    docs = table_docs()
    base = (base_url or f"{PLACEHOLDER_URL}/{manifest['version']}").rstrip("/")
    sections = [
        _front_matter(manifest),
        _summary(manifest),
        "## Licence\n\n" + LICENSE_NOTE,
        _tables_section(manifest, docs),
        _build_section(manifest, scores),
        _versioning_section(),
        _loading_section(manifest, base),
        _provenance_section(),
        "## Limitations\n\n" + _bullets(LIMITATIONS),
        "## Known biases\n\n" + _bullets(BIASES),
        "## Citation\n\n" + _citation_section(manifest, base_url),
    ]
    return "\n\n".join(sections) + "\n"


def write_card(release_dir: Path, manifest: dict, scores: dict | None, base_url: str | None = None) -> Path:
    path = Path(release_dir) / "README.md"
    path.write_text(render_card(manifest, scores, base_url), encoding="utf-8")
    return path


def dataset_bibtex(manifest: dict, url: str | None = None) -> str:
    fields = [("title", PRETTY_NAME),
              ("note", f"Version {manifest['version']}; generated by khabar {manifest['code_version']}"),
              ("howpublished", "Dataset release")]
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {key:<12} = {{{value}}}" for key, value in fields)
    return f"@misc{{khabar_{manifest['version'].replace('.', '_')},\n{body}\n}}"


def size_category(rows: int) -> str:
    for bound, label in SIZE_CATEGORIES:
        if rows < bound:
            return label
    return "n>1T"


def _front_matter(manifest: dict) -> str:
    tables = manifest["tables"]
    meta = {
        "pretty_name": PRETTY_NAME,
        "language": ["ar"],
        "license": LICENSE_ID,
        "multilinguality": "monolingual",
        "annotations_creators": ["machine-generated"],
        "language_creators": ["found"],
        "source_datasets": ["original"],
        # The Hub takes one size; the largest table is the number of records a user handles.
        "size_categories": [size_category(max(t["rows"] for t in tables.values()))],
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": ["named-entity-recognition", "multi-class-classification"],
        "tags": TAGS,
        "configs": [
            {"config_name": name, "data_files": [{"split": "train", "path": t["glob"]}]}
            for name, t in tables.items()
        ],
    }
    body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---"


def _summary(manifest: dict) -> str:
    profile = manifest["profile"]
    profile_note = (
        "This is the **public** profile: article bodies are null; run `khabar hydrate` with your own "
        "copy of the articles to re-attach them (hashes are checked)."
        if profile == "public" else
        f"This is the **{profile}** profile: it includes the article texts (see Licence)."
    )
    rows = "\n".join(
        f"| [{name}](#{name}) | {t['rows']:,} | `{t['primary_key']}` | `{t['glob']}` ({_files_text(t)}) |"
        for name, t in manifest["tables"].items()
    )
    previous = manifest.get("previous_version") or "none"
    return (
        f"# {PRETTY_NAME}\n\n{SUMMARY}\n\n"
        f"Version **{manifest['version']}** (previous: {previous}; bump: {manifest.get('bump')}), "
        f"built by khabar {manifest['code_version']} from input fingerprint "
        f"`{manifest['input_fingerprint']}`. {profile_note}\n\n"
        "| table | rows | primary key | files |\n|---|---:|---|---|\n" + rows + "\n\n"
        "Every file's rows and sha256 are in `manifest.json` (`tables.<name>.files`) and `SHA256SUMS`."
    )


def _files_text(entry: dict) -> str:
    n = len(entry["files"])
    text = f"{n} file" + ("s" if n != 1 else "")
    return text + (", one per input batch" if entry["partition_columns"] else "")


def _tables_section(manifest: dict, docs: list[TableDoc]) -> str:
    parts = ["## Tables and columns\n\nGenerated from the pandera schemas that validate every table "
             "before release. Types are polars dtypes; offsets are code-point indices, half-open "
             "`[start, end)`."]
    for doc in docs:
        entry = manifest["tables"][doc.name]
        head = (f"### {doc.name}\n\n{doc.description}\n\n"
                f"Files `{entry['glob']}` ({_files_text(entry)}); rows: {entry['rows']:,}; "
                f"primary key `{doc.primary_key}`.")
        if doc.checks:
            head += " Row checks: " + "; ".join(doc.checks) + "."
        rows = "\n".join(_column_row(col) for col in doc.columns + partition_docs(entry))
        parts.append(f"{head}\n\n| column | type | nullable | description | constraints |\n"
                     f"|---|---|---|---|---|\n{rows}")
    return "\n\n".join(parts)


def _column_row(col: ColumnDoc) -> str:
    cells = [f"`{col.name}`", f"`{col.dtype}`", "yes" if col.nullable else "no",
             col.description, col.constraints_text()]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _build_section(manifest: dict, scores: dict | None) -> str:
    stages = "\n".join(
        f"| {stage} | `{name}` | {method} | {', '.join(tables)} |" for stage, name, method, tables in STAGES
    )
    return (
        "## How it was built\n\n"
        "decode → clean → sentences → NER (CRF) → entity resolution → quotes → events. Each stage is a "
        "Dagster asset whose output is validated against its schema; rows that fail go to `quarantine` "
        "with the reason. The `extractor` column of every row names the component and code version "
        f"(`name@{manifest['code_version']}`).\n\n"
        f"| stage | extractor | method | tables |\n|---|---|---|---|\n{stages}\n\n"
        "### Measured scores\n\nAs measured by `khabar eval <task>` against public benchmarks (ANERcorp test "
        "split, the PLOVER Arabic gold sentences) and the project's own gold annotations (`eval/gold/<task>/`), "
        "recorded in `eval/scores.json` for the models that built this release.\n\n" + _scores_table(scores)
    )


def _scores_table(scores: dict | None) -> str:
    if not scores:
        return "Not measured for this release."
    rows = "\n".join(
        f"| {task} | "
        + ", ".join(f"{m} {_score(v)}" for m, v in values.items() if m != "command")
        + f" | {('`' + values['command'] + '`') if values.get('command') else '–'} |"
        for task, values in scores.items()
    )
    return f"| task | figures | command |\n|---|---|---|\n{rows}"


def _score(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, Real):
        return _cell(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _versioning_section() -> str:
    return (
        "## Versioning\n\n"
        "Versions follow semantic versioning, decided by code from the manifests:\n\n"
        "- **MAJOR**: a table's schema changed (columns or dtypes), or a table was added or removed.\n"
        "- **MINOR**: the rows of some table changed (added, removed or edited).\n"
        "- **PATCH**: the same rows re-serialised (different Parquet bytes).\n\n"
        "A version is immutable once written: files are never replaced in place. Row IDs are content "
        "hashes, so `khabar diff OLD NEW` reports rows added, removed and changed per table, and "
        "`CHANGELOG.md` records the differences from the previous release."
    )


# The file list comes from the manifest: plain https lists no folders, so globs do not work there.
HTTPS_VIEWS = """import json, urllib.request, duckdb
base = "BASE/"
manifest = json.load(urllib.request.urlopen(base + "manifest.json"))
con = duckdb.connect()
for name, table in manifest["tables"].items():
    files = ", ".join(f"'{base}{f['path']}'" for f in table["files"])
    types = ", ".join(f"'{c}': VARCHAR" for c in table["partition_columns"])
    hive = f"hive_partitioning = true, hive_types = {{{types}}}" if types else "hive_partitioning = false"
    con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{files}], {hive})")"""


def _loading_section(manifest: dict, base: str) -> str:
    tables = manifest["tables"]
    first = "entity_mentions" if "entity_mentions" in tables else next(iter(tables))
    glob = tables[first]["glob"]
    partitioned = next((name for name in (first, *tables) if tables[name]["partition_columns"]), None)
    s3 = f"s3://<bucket>/khabar/{manifest['version']}"
    by_batch = s3_query = ""
    if partitioned:
        by_batch = f"\nSELECT batch, count(*) FROM {partitioned} GROUP BY ALL ORDER BY batch;"
        s3_query = f"\nSELECT count(*) FROM {partitioned} WHERE batch = '<batch>';  -- reads that batch's files only"
    return f"""## How to load

Each table is a folder of Parquet files. Tables whose rows belong to a document are hive-partitioned by
input batch, `<table>/batch=<key>/part-0.parquet` (the key percent-encoded): readers that know hive
partitioning add a `batch` column and skip the files of batches a filter excludes. The others are
`<table>/part-0.parquet`. `manifest.json` gives each table's `glob`, `partition_columns` and `files`.

Local files with DuckDB, from inside the release folder: `duckdb dataset.duckdb` opens a database with
one view per table (the `duckdb` shell from PyPI is `pip install duckdb-cli`), or `.read views.sql` in any
DuckDB session creates the same views:

```sql
SELECT entity_type, count(*) FROM {first} GROUP BY ALL;{by_batch}
```

Straight from S3 (or GCS, R2) without downloading, with DuckDB's httpfs extension (`hive_types` keeps
`batch` text even where keys look like dates):

```sql
INSTALL httpfs; LOAD httpfs;
CREATE SECRET (TYPE s3, PROVIDER credential_chain);
-- or: SET s3_region = '<region>'; SET s3_access_key_id = '<key id>'; SET s3_secret_access_key = '<secret>';
{views_sql(tables, s3).strip()}{s3_query}
```

From a web server (`{base}/`), which lists no folders, with the file list from the manifest:

```python
{HTTPS_VIEWS.replace("BASE", base)}
```

polars and pandas:

```python
import polars as pl, pandas as pd
mentions = pl.read_parquet("{glob}", hive_partitioning=True, hive_schema={{"batch": pl.String}})
# remote and lazy: pl.scan_parquet("{s3}/{glob}", hive_partitioning=True, hive_schema={{"batch": pl.String}})
mentions_pd = pd.read_parquet("{first}/")   # pyarrow adds batch from the folder names
```

Hugging Face `datasets` (one configuration per table; it reads the rows without the `batch` column):

```python
from datasets import load_dataset
mentions = load_dataset("parquet", data_files={{"train": "{glob}"}}, split="train")
# From the Hub, by configuration name: load_dataset("<namespace>/khabar", "{first}", split="train")
```"""


def _provenance_section() -> str:
    return (
        "## Provenance\n\n"
        "Every extracted row (sentence, entity mention, quote, event, audit row) points back to its "
        "source by `doc_id` plus `char_start`/`char_end` into `clean_documents.clean_text`; "
        "`clean_documents.offset_map` maps clean offsets back to the raw text, and `removed_spans` "
        "lists what cleaning removed and why. `raw_documents.sha256` identifies the input bytes and "
        "`clean_documents.clean_sha256` the clean text. The `public` profile carries no article bodies "
        "(those columns are null) but keeps offsets and hashes; `khabar hydrate` re-attaches the text "
        "from your own copy of the articles and refuses text whose hash differs. Rejected inputs and "
        "rows are listed in `quarantine`; nothing is dropped silently."
    )


def _citation_section(manifest: dict, url: str | None) -> str:
    return (
        "If you use this dataset, cite it and the resources it builds on: ANERcorp (Benajiba et al., "
        "2007; distributed through CAMeL Tools, Obeid et al., 2020) for the named-entity model, and "
        "PLOVER (Open Event Data Alliance) for the event ontology.\n\n"
        f"```bibtex\n{dataset_bibtex(manifest, url)}\n\n{REFERENCES_BIBTEX}\n```"
    )


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
