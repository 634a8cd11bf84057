"""The three Parquet tables of ``data/processed/``: their schemas, validation and atomic I/O.

This module owns the contract of ``documents.parquet``, ``mentions.parquet`` and
``engagements.parquet`` (see ``../shared/spec/engagements.md`` for what each engagement
field means). Every table is validated when it is written and when it is read, and
written atomically: a sibling temporary file is written, read back, checked, and only
then moved over the target with :func:`os.replace`, so a crash never leaves a truncated
Parquet file where the last good one stood.

Tables are built as Arrow tables of these schemas; pandas is imported only by the
functions that take or give DataFrames, so that a command that never makes one does not
pay for importing it (over half a second).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

if TYPE_CHECKING:
    import pandas as pd

KINDS = ("meeting", "call", "summit")
MODES = ("in_person", "phone", "video", "unspecified")
STATUSES = ("occurred", "scheduled", "proposed", "cancelled")
PRECISIONS = ("day", "days", "part_of_month", "month", "quarter", "season", "year", "unknown")
DOCUMENT_STATUSES = ("ok", "rejected", "duplicate")

_STR_LIST = pa.list_(pa.string())

DOCUMENTS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_path", pa.string()),
        ("source_line", pa.int64()),  # 1-based line of a JSONL record; null for whole files
        ("sha256", pa.string()),
        ("status", pa.string()),  # ok / rejected / duplicate
        ("reason", pa.string()),  # why a document was rejected or is a duplicate; null when ok
        ("duplicate_of", pa.string()),  # for a duplicate: the doc_id whose text it repeats
        ("published", pa.date32()),
        ("title", pa.string()),
        ("source", pa.string()),  # outlet or origin, when known
        ("text", pa.string()),
        ("n_chars", pa.int64()),
    ]
)

# Fields every engagement and every mention share (the spec's fields).
_ENGAGEMENT_FIELDS = [
    ("kind", pa.string()),
    ("mode", pa.string()),
    ("status", pa.string()),
    ("participants", _STR_LIST),
    ("initiator", pa.string()),
    ("location", pa.string()),
    ("country", pa.string()),
    ("date_start", pa.date32()),
    ("date_end", pa.date32()),
    ("date_precision", pa.string()),
    ("topics", _STR_LIST),
    ("evidence", pa.string()),
    ("evidence_start", pa.int64()),
    ("evidence_end", pa.int64()),
    ("cameo", pa.string()),  # CAMEO event code (036, 040-044)
    ("plover", pa.string()),  # PLOVER event category
]

MENTIONS = pa.schema(
    [
        ("mention_id", pa.string()),
        ("engagement_id", pa.string()),
        ("doc_id", pa.string()),
        *_ENGAGEMENT_FIELDS,
        ("trigger", pa.string()),  # the word that reports the encounter ("met", "talks")
        ("trigger_start", pa.int64()),
        ("trigger_end", pa.int64()),
        ("date_text", pa.string()),  # the date expression the mention was dated by
    ]
)

ENGAGEMENTS = pa.schema(
    [
        ("engagement_id", pa.string()),
        ("doc_id", pa.string()),  # the first document that reports it
        ("doc_ids", _STR_LIST),  # every document that reports it
        ("n_mentions", pa.int64()),
        *_ENGAGEMENT_FIELDS,
        ("conflict", pa.string()),  # null, or what the reports disagree on
    ]
)

SCHEMAS = {"documents": DOCUMENTS, "mentions": MENTIONS, "engagements": ENGAGEMENTS}

# Allowed values per column, checked on write and on read.
_DOMAINS = {
    "engagements": {"kind": KINDS, "mode": MODES, "status": STATUSES, "date_precision": PRECISIONS},
    "mentions": {"kind": KINDS, "mode": MODES, "status": STATUSES, "date_precision": PRECISIONS},
    "documents": {"status": DOCUMENT_STATUSES},
}
_REQUIRED = {
    "engagements": ("engagement_id", "doc_id", "kind", "mode", "status", "date_precision"),
    "mentions": ("mention_id", "engagement_id", "doc_id", "kind", "mode", "status"),
    "documents": ("doc_id", "status", "sha256"),
}


class SchemaError(ValueError):
    """A table does not match its schema; the message names the file and the column."""


def empty_frame(name: str) -> pd.DataFrame:
    """An empty DataFrame with the columns of table ``name``."""

    return SCHEMAS[name].empty_table().to_pandas()


def to_arrow(frame: pd.DataFrame, name: str) -> pa.Table:
    """Convert ``frame`` to an Arrow table of schema ``name`` (column order and types fixed)."""

    schema = SCHEMAS[name]
    missing = [f.name for f in schema if f.name not in frame.columns]
    if missing:
        raise SchemaError(f"{name}: missing column(s) {', '.join(missing)}")
    frame = frame[[f.name for f in schema]]
    try:
        return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise SchemaError(f"{name}: {exc}") from exc


def rows_table(rows: Sequence[Mapping[str, Any]], name: str) -> pa.Table:
    """An Arrow table of schema ``name`` from plain rows (dicts with the table's keys).

    Built column by column with the schema, so types are checked as the arrays are made
    and no pandas frame is built on the way: what the writers of the pipeline need.
    """
    schema = SCHEMAS[name]
    if rows:
        missing = [n for n in schema.names if n not in rows[0]]
        if missing:
            raise SchemaError(f"{name}: missing column(s) {', '.join(missing)}")
    try:
        return pa.Table.from_pydict({n: [row[n] for row in rows] for n in schema.names},
                                    schema=schema)
    except KeyError as exc:
        raise SchemaError(f"{name}: a row has no column {exc}") from exc
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise SchemaError(f"{name}: {exc}") from exc


def validate(table: pa.Table, name: str, where: str = "") -> None:
    """Raise :class:`SchemaError` naming the column if ``table`` is not a valid ``name`` table."""
    schema = SCHEMAS[name]
    label = f"{where}: " if where else ""
    for field in schema:
        if field.name not in table.column_names:
            raise SchemaError(f"{label}{name} table has no column '{field.name}'")
        actual = table.schema.field(field.name).type
        if actual != field.type:
            raise SchemaError(
                f"{label}column '{field.name}' has type {actual}, expected {field.type}"
            )
    extra = [c for c in table.column_names if c not in schema.names]
    if extra:
        raise SchemaError(f"{label}unexpected column(s) {', '.join(extra)} in {name} table")
    for column in _REQUIRED[name]:
        if table.column(column).null_count:
            raise SchemaError(f"{label}column '{column}' has missing values")
    for column, allowed in _DOMAINS[name].items():
        values = set(table.column(column).drop_null().unique().to_pylist())
        bad = values - set(allowed)
        if bad:
            raise SchemaError(
                f"{label}column '{column}' has value(s) {sorted(bad)}; allowed: {list(allowed)}"
            )


def publishable(path: Path) -> None:
    """Give a freshly written temporary file the permissions of an ordinary new file.

    ``tempfile.mkstemp`` creates files readable by their owner only; a published table
    must be readable by whoever reads the folder, as any file the user creates would be.
    """
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_table(frame: pd.DataFrame | pa.Table, path: Path | str, name: str) -> Path:
    """Validate and atomically write table ``name`` to ``path``; return the path."""
    path = Path(path)
    table = frame if isinstance(frame, pa.Table) else to_arrow(frame, name)
    validate(table, name, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        pq.write_table(table, tmp, row_group_size=50_000)
        check = pq.read_table(tmp)
        validate(check, name, str(path))
        if check.num_rows != table.num_rows:
            raise SchemaError(f"{path}: wrote {table.num_rows} rows but read back {check.num_rows}")
        publishable(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_table(path: Path | str, name: str) -> pd.DataFrame:
    """Read and validate table ``name`` from ``path`` (a file or a partitioned folder)."""

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such {name} table")
    table = pq.read_table(path)
    if path.is_dir():
        # Partition columns come back as dictionaries; the file columns carry the schema.
        table = table.select([c for c in SCHEMAS[name].names if c in table.column_names])
    validate(table, name, str(path))
    return _with_none(table.to_pandas(), table.schema)


def _with_none(frame: pd.DataFrame, arrow_schema: pa.Schema) -> pd.DataFrame:
    """Missing strings as None (pandas 3 reads them as NaN in a "str" column).

    Code and analysts test ``value is None``; a float NaN in a column of names is truthy
    and sorts against strings with a TypeError, so string columns come back as objects.
    """

    for field in arrow_schema:
        if pa.types.is_string(field.type) and field.name in frame:
            column = frame[field.name].astype(object)
            frame[field.name] = column.where(column.notna(), None)
    return frame


def is_missing(value: Any) -> bool:
    """True for a cell with no value: None, NaN, NaT or pd.NA (never a string or a list).

    Frames read with plain ``pd.read_parquet`` or built by pandas hold NaN where
    :func:`read_table` gives None; code that takes such frames tests cells with this.
    """
    if value is None:
        return True
    if hasattr(value, "__len__"):  # a string, a list, an array: a value, maybe empty
        return False
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def concat(frames: Iterable[pd.DataFrame], name: str) -> pd.DataFrame:
    """Concatenate frames of table ``name``, keeping the schema's columns when all are empty."""
    import pandas as pd

    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty_frame(name)
