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

import datetime as dt
import os
import struct
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, chain, repeat
from operator import is_not, itemgetter, sub
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
        columns = {n: list(map(itemgetter(n), rows)) for n in schema.names}
    except KeyError as exc:
        raise SchemaError(f"{name}: a row has no column {exc}") from exc
    return columns_table(columns, name)


def columns_table(columns: Mapping[str, list[Any]], name: str) -> pa.Table:
    """An Arrow table of schema ``name`` from one list of values per column.

    Columns of plain values (``str``, ``int``, ``datetime.date``, lists of ``str``, and
    None) are laid out straight into Arrow buffers (:func:`_plain_array`): converting a
    Python list with ``pa.array`` imports pandas on first use (pyarrow looks for
    pandas objects), half a second of every ``parley extract``. Any other column goes
    through ``pa.Table.from_pydict``, which checks and converts it (or says why not).
    """
    schema = SCHEMAS[name]
    arrays = [_plain_array(columns[f.name], f.type) for f in schema]
    if all(a is not None for a in arrays):
        return pa.Table.from_arrays(arrays, schema=schema)
    try:
        return pa.Table.from_pydict({n: columns[n] for n in schema.names}, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise SchemaError(f"{name}: {exc}") from exc


_EPOCH = dt.date(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_STRING, _INT64, _DATE32, _STR_LIST_TYPE = pa.string(), pa.int64(), pa.date32(), _STR_LIST
# Stand-ins for None in the value buffers (Arrow ignores what lies under a null), looked
# up with dict.get so that the pass runs in C.
_FILLERS = {_STRING: {None: ""}, _INT64: {None: 0}, _DATE32: {None: _EPOCH}}
_BIT_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _plain_array(values: list[Any], type_: pa.DataType) -> pa.Array | None:
    """``pa.array(values, type_)`` built from its buffers, or None when ``values`` holds
    anything but None and the Python type the Arrow type is made from (``str``;
    exactly ``int``, ``datetime.date`` and ``list``: not bool, datetime or tuple).

    The arrays are the ones ``pa.array`` makes (same values, nulls and layout; the unit
    tests compare them); None leaves anything else to ``pa.array``, which checks it.
    Every pass over the values is a ``map`` or a ``struct.pack``, in C: a Python loop
    (or ``array.array``, which parses each item like a call's arguments) would cost
    more than ``pa.array`` itself.
    """
    if type_ not in _FILLERS and type_ != _STR_LIST_TYPE:
        return None
    n = len(values)
    try:
        if type_ == _STRING:
            # str.isascii checks the type too: a None or a non-string raises TypeError
            try:
                return _string_array(values, n, None, 0)
            except TypeError:
                pass
        elif not set(map(type, values)) <= {_PYTHON_TYPES[type_], type(None)}:
            return None
        there = bytes(map(is_not, values, repeat(None)))  # 1 where a value is, 0 for None
        nulls = there.count(0)
        validity = None
        if nulls:
            # bit i of the bitmap (least significant first) says whether value i is there
            bits = int(there.translate(_BIT_DIGITS)[::-1], 2)
            validity = pa.py_buffer(bits.to_bytes((n + 7) // 8, "little"))
        if type_ == _STR_LIST_TYPE:
            child = _plain_array(list(chain.from_iterable(filter(None, values))), _STRING)
            if child is None:
                return None
            lengths = map(len, values) if not nulls else [0 if v is None else len(v)
                                                          for v in values]
            return pa.Array.from_buffers(type_, n, [validity, _offsets(lengths, n)], nulls,
                                         children=[child])
        filled = list(map(_FILLERS[type_].get, values, values)) if nulls else values
        if type_ == _STRING:
            return _string_array(filled, n, validity, nulls)
        if type_ == _INT64:
            data = struct.pack(f"<{n}q", *filled)
        else:
            data = struct.pack(f"<{n}i", *map(sub, map(dt.date.toordinal, filled),
                                              repeat(_EPOCH_ORDINAL)))
        return pa.Array.from_buffers(type_, n, [validity, pa.py_buffer(data)], nulls)
    except (TypeError, struct.error, UnicodeEncodeError):
        # not strings (or unhashable), past 32- or 64-bit numbers, a lone surrogate
        return None


_PYTHON_TYPES = {_INT64: int, _DATE32: dt.date, _STR_LIST_TYPE: list}


def _string_array(strings: list[str], n: int, validity: pa.Buffer | None,
                  nulls: int) -> pa.Array:
    """A string array of ``strings`` (None already replaced by "")."""
    if all(map(str.isascii, strings)):  # a character is a byte
        data, lengths = "".join(strings).encode("ascii"), map(len, strings)
    else:
        encoded = list(map(str.encode, strings))
        data, lengths = b"".join(encoded), map(len, encoded)
    return pa.Array.from_buffers(_STRING, n, [validity, _offsets(lengths, n),
                                              pa.py_buffer(data)], nulls)


def _offsets(lengths: Iterable[int], n: int) -> pa.Buffer:
    """The 32-bit offsets buffer of ``n`` items of these lengths."""
    return pa.py_buffer(struct.pack(f"<{n + 1}i", *accumulate(lengths, initial=0)))


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
        # A set of the Python values, not Arrow's ``unique``: that would import
        # pyarrow.compute (0.1 s at start-up) to save ~0.1 ms per thousand rows.
        values = set(table.column(column).to_pylist())
        values.discard(None)
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
