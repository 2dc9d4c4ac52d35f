"""`khabar`: build the dataset, query and validate releases, train and evaluate models."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from pipeline.settings import default_input_dir, default_output_dir

EVAL_TASKS = ("cleaning", "ner", "entities", "quotes", "events", "scores")
TRAIN_TASKS = {"ner": "pipeline.extract.ner.train"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build the dataset and publish a release")
    p.add_argument("--input", type=Path, default=Path(default_input_dir()), help="folder of articles")
    p.add_argument("--output", type=Path, default=Path(default_output_dir()), help="output folder")
    p.add_argument("--max-file-bytes", type=int, default=None, help="reject larger input files")
    p.add_argument("--profile", choices=["full", "public"], default="full")
    p.add_argument("--verbose", action="store_true", help="show Dagster's own log")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.add_argument("--storage", default=None, help="fsspec URL for intermediate tables (s3://…; default <output>/storage)")

    p = sub.add_parser("query", help="run DuckDB SQL over the latest release (tables by name)")
    p.add_argument("sql")
    p.add_argument("--output", type=Path, default=Path(default_output_dir()))
    p.add_argument("--release", default=None, help="version (default: latest)")

    p = sub.add_parser("validate", help="re-check a release's checksums and schemas")
    p.add_argument("release_dir", type=Path)

    p = sub.add_parser("diff", help="rows added/removed/changed and schema changes between two releases")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)

    p = sub.add_parser("release", help="release tools")
    p.add_argument("action", choices=["pack"])
    p.add_argument("release_dir", type=Path, nargs="?", default=None, help="default: latest")
    p.add_argument("--output", type=Path, default=Path(default_output_dir()))
    p.add_argument("--out", type=Path, default=None, help="where to write the archive (default: <output>/dist)")

    p = sub.add_parser("hydrate", help="re-attach article text to a public release from your own articles")
    p.add_argument("release_dir", type=Path)
    p.add_argument("--articles", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)

    p = sub.add_parser("eval", help="score an extractor against gold annotations")
    p.add_argument("task", choices=EVAL_TASKS)
    p = sub.add_parser("train", help="reproduce a shipped model")
    p.add_argument("task", choices=sorted(TRAIN_TASKS))

    args, rest = parser.parse_known_args(argv)
    if rest and args.command not in ("eval", "train"):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        if args.command == "eval":
            return importlib.import_module(f"pipeline.evaluation.{args.task}").main(rest)
        if args.command == "train":
            return importlib.import_module(TRAIN_TASKS[args.task]).main(rest)
        commands = {"build": _build, "query": _query, "validate": _validate, "diff": _diff,
                    "release": _pack, "hydrate": _hydrate}
        return commands[args.command](args)
    except FileNotFoundError as err:  # a path given (or defaulted) that is not there: say which
        print(f"khabar {args.command}: {err.strerror}: {err.filename}", file=sys.stderr)
        return 2


def _show_progress() -> None:
    """Print the stages' progress lines (documents done, rate, time left) on stderr."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    log = logging.getLogger("khabar.progress")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def _build(args) -> int:
    from pipeline.build import build

    if not args.input.is_dir():
        raise SystemExit(f"khabar build: the input folder {args.input} does not exist (--input)")
    if not args.quiet:
        _show_progress()
    result = build(args.input, args.output, args.max_file_bytes, args.profile,
                   log_level="DEBUG" if args.verbose else "WARNING", storage_url=args.storage)
    for name, rows in sorted(result.row_counts.items()):
        print(f"{name:28s} {rows:8d} rows")
    for check in result.failed_checks:
        print(f"FAILED CHECK {check}", file=sys.stderr)
    if result.release:
        state = "published" if result.release["created"] else "unchanged, kept"
        print(f"release {result.release['version']} {state}: {result.release['path']}")
    return 0 if result.success else 1


def _release_dir(output: Path, version: str | None) -> Path:
    from pipeline.release.writer import latest_version

    releases = output / "releases"
    version = version or latest_version(releases)
    if version is None:
        raise SystemExit(f"no release under {releases}: run `khabar build` first")
    return releases / version


def _query(args) -> int:
    import duckdb

    from pipeline.release.views import create_views
    from pipeline.release.writer import read_manifest

    release_dir = _release_dir(args.output, args.release)
    con = duckdb.connect()
    tables = list(read_manifest(release_dir)["tables"])
    create_views(con, release_dir, tables)
    try:
        rel = con.sql(args.sql)
        if rel is not None:
            rel.show(max_width=200, max_rows=100)
    except duckdb.Error as err:  # the analyst's SQL: say what is wrong, not where in duckdb it failed
        print(f"query failed: {err}\ntables: {', '.join(sorted(tables))}", file=sys.stderr)
        return 2
    return 0


def _validate(args) -> int:
    from pipeline.release.validate import validate_release

    problems = validate_release(args.release_dir)
    for problem in problems:
        print(f"INVALID {problem}", file=sys.stderr)
    if not problems:
        print(f"{args.release_dir}: valid")
    return 1 if problems else 0


def _diff(args) -> int:
    from pipeline.release.diff import diff_releases, render_changelog
    from pipeline.release.writer import read_manifest

    old, new = read_manifest(args.old)["version"], read_manifest(args.new)["version"]
    print(render_changelog(diff_releases(args.old, args.new), old, new), end="")
    return 0


def _pack(args) -> int:
    from pipeline.release.pack import pack_release

    release_dir = args.release_dir or _release_dir(args.output, None)
    archive, sums = pack_release(release_dir, args.out or args.output / "dist")
    print(f"{archive}\n{sums}")
    return 0


def _hydrate(args) -> int:
    from pipeline.release.hydrate import hydrate

    try:
        report = hydrate(args.release_dir, args.articles, args.out)
    except ValueError as err:  # not a public release
        print(f"khabar hydrate: {err}", file=sys.stderr)
        return 2
    print(f"hydrated {report.hydrated} documents into {report.path}")
    for doc_id in report.missing:
        print(f"MISSING article for doc {doc_id}", file=sys.stderr)
    for doc_id in report.mismatched:
        print(f"MISMATCH re-cleaned text of doc {doc_id} differs from the release's clean_sha256", file=sys.stderr)
    return 0 if not (report.missing or report.mismatched) else 1


if __name__ == "__main__":
    sys.exit(main())
