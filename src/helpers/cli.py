"""The ``parley`` command line: extract, run, timexes, evaluate.

This module owns the user-facing commands, their options, their messages and their exit
codes; the work itself is done by :mod:`helpers.pipeline`, :mod:`helpers.runner`,
:mod:`helpers.temporal` and :mod:`helpers.evaluate`. Logs go to stderr with timestamps;
an error is one line that names the file, line or notebook cell, never a traceback
(``PARLEY_DEBUG=1`` shows it).

Exit codes: 0 success; 1 a run or extraction failed; 2 bad usage or input that cannot be
read; 3 ``--strict`` and some inputs were rejected; 4 another run holds the lock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import helpers

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REJECTED, EXIT_LOCKED = 0, 1, 2, 3, 4
log = logging.getLogger("parley")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parley",
        description="Dated, sourced records of diplomatic engagements from news text.",
        epilog="Exit codes: 0 ok, 1 failed, 2 usage or unreadable input, "
               "3 --strict with rejected inputs, 4 another run holds the lock.",
    )
    parser.add_argument("--version", action="version", version=f"parley {helpers.__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="more log output")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract engagements from files into Parquet",
                        description="Read .txt/.md (optional YAML front matter), .html and "
                                    ".jsonl files or folders and write the engagements "
                                    "table as Parquet, one row per engagement per document.")
    ex.add_argument("paths", nargs="+", type=Path, help="raw files or folders")
    ex.add_argument("--output", "-o", required=True, type=Path, help="engagements .parquet")
    ex.add_argument("--published", type=_date,
                    help="publication date for documents that carry none (YYYY-MM-DD)")
    ex.add_argument("--documents", type=Path, help="also write the documents table here")
    ex.add_argument("--mentions", type=Path, help="also write the mentions table here")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="run in this process (default) or on dask.distributed")
    ex.add_argument("--scheduler", help="address of an existing Dask scheduler "
                                        "(tcp://host:8786); a local cluster when omitted")
    ex.add_argument("--partition-dir", type=Path,
                    help="with --engine dask: also write engagements partitioned by year")
    ex.add_argument("--batch-size", type=int, default=1000, help="documents per batch")
    ex.add_argument("--strict", action="store_true",
                    help="exit 3 when any input is rejected")

    rn = sub.add_parser("run", help="run the notebooks: tables and HTML reports",
                        description="Run notebooks/01_clean, 02_sequence and 03_report with "
                                    "papermill; publish Parquet to the processed folder and "
                                    "HTML to the reports folder. Unchanged stages are "
                                    "skipped.")
    rn.add_argument("--raw", action="append", type=Path,
                    help="raw folder or file (repeatable; default data/raw)")
    rn.add_argument("--processed", type=Path, help="Parquet folder (default data/processed)")
    rn.add_argument("--reports", type=Path, help="HTML folder (default reports)")
    rn.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                    metavar=("NAME", "VALUE"),
                    help="a parameter; VALUE is YAML ('[\"A\", \"B\"]', 2021-09-01, 3)")
    rn.add_argument("-f", "--parameters-file", type=Path, help="YAML file of parameters")
    rn.add_argument("--force", action="store_true", help="re-run every stage")
    rn.add_argument("--timeout", type=int, default=None,
                    help="seconds a notebook cell may run (default 600)")
    rn.add_argument("--strict", action="store_true",
                    help="exit 3 when any input was rejected")

    tx = sub.add_parser("timexes", help="find and resolve dates in a JSONL corpus",
                        description="One output line per temporal expression: doc_id, "
                                    "start, end, text, type, value (TimeML), date_start, "
                                    "date_end, precision.")
    tx.add_argument("input", type=Path, help="JSONL with id, published, text")
    tx.add_argument("--output", "-o", required=True, type=Path, help="output JSONL")

    ev = sub.add_parser("evaluate", help="score extracted engagements against gold",
                        description="Precision, recall, F1, per-field accuracy, and the "
                                    "misses and spurious rows.")
    ev.add_argument("gold", type=Path, help="gold JSONL (one line per document)")
    ev.add_argument("pred", type=Path, help="engagements .parquet or .jsonl")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON only")
    ev.add_argument("--details", action="store_true", help="list misses and spurious rows")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S%z",
        stream=sys.stderr,
    )
    try:
        return {"extract": _extract, "run": _run, "timexes": _timexes,
                "evaluate": _evaluate}[args.command](args)
    except KeyboardInterrupt:
        log.error("interrupted")
        return EXIT_FAILED
    except Exception as exc:  # the user gets one clear line; PARLEY_DEBUG shows the rest
        if os.environ.get("PARLEY_DEBUG"):
            raise
        from helpers.runner import LockedError, RunError
        from helpers.schema import SchemaError

        log.error("%s", exc)
        if isinstance(exc, LockedError):
            return EXIT_LOCKED
        if isinstance(exc, FileNotFoundError | SchemaError | ValueError):
            return EXIT_USAGE
        if isinstance(exc, RunError):
            return EXIT_FAILED
        return EXIT_FAILED


def _extract(args: argparse.Namespace) -> int:
    from helpers.pipeline import extract_to_parquet

    for path in args.paths:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
    counts = extract_to_parquet(
        args.paths, args.output, published=args.published, documents=args.documents,
        mentions=args.mentions, batch_size=args.batch_size, engine=args.engine,
        scheduler=args.scheduler, partition_dir=args.partition_dir,
    )
    log.info("%d documents (%d ok, %d rejected, %d duplicate): %d engagements -> %s",
             counts["documents"], counts["ok"], counts["rejected"], counts["duplicate"],
             counts["engagements"], args.output)
    if args.strict and counts["rejected"]:
        log.error("%d input(s) rejected (--strict)", counts["rejected"])
        return EXIT_REJECTED
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    import yaml

    from helpers import runner

    params: dict = {}
    if args.parameters_file:
        loaded = yaml.safe_load(args.parameters_file.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"{args.parameters_file}: expected a mapping of parameters")
        params.update(loaded)
    for name, value in args.parameter:
        try:
            params[name] = yaml.safe_load(value)
        except yaml.YAMLError as exc:
            raise ValueError(f"parameter {name}: {value!r} is not valid YAML ({exc})") from exc
    settings = runner.settings_from(params, raw=args.raw, processed=args.processed,
                                    reports=args.reports, force=args.force,
                                    timeout=args.timeout)
    result = runner.run(settings)
    for path in result.reports:
        print(path)
    rejected = _rejected_inputs(settings.processed / "documents.parquet")
    for row in rejected:
        where = row["source_path"] + (f":{row['source_line']}" if row["source_line"] else "")
        log.warning("rejected %s: %s", where, row["reason"])
    if args.strict and rejected:
        return EXIT_REJECTED
    return EXIT_OK


def _rejected_inputs(documents: Path) -> list[dict]:
    """The rejected rows of the published documents table (validated when it was published).

    Read with ``ParquetFile`` and four columns: ``read_table`` would import pyarrow.dataset
    and pandas, 0.75 s of a run that has nothing else to do when no input changed.
    """
    import pyarrow.parquet as pq

    columns = ["status", "source_path", "source_line", "reason"]
    return [row for row in pq.ParquetFile(documents).read(columns=columns).to_pylist()
            if row["status"] == "rejected"]


def _timexes(args: argparse.Namespace) -> int:
    from helpers.ingest import iter_documents
    from helpers.temporal import timex_records

    n_docs = n_timexes = 0
    tmp = args.output.with_name(args.output.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for doc in iter_documents([args.input]):
            # A duplicate keeps its own text: its dates are its own, offsets included.
            if doc.status == "rejected":
                continue
            n_docs += 1
            for record in timex_records(doc.doc_id, doc.text, doc.published):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                n_timexes += 1
    os.replace(tmp, args.output)
    log.info("%d documents, %d temporal expressions -> %s", n_docs, n_timexes, args.output)
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from helpers import evaluate

    result = evaluate.evaluate_files(args.gold, args.pred)
    if args.json:
        print(json.dumps(result.figures))
    else:
        print(evaluate.format_report(result, details=args.details))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
