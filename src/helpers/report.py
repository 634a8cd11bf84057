"""Self-contained HTML reports: escaped table builders, provenance, and notebook export.

This module owns everything between an executed notebook and the ``.html`` file a reviewer
opens:

* the HTML builders notebooks call to show article-derived data (:func:`engagements_table_html`,
  :func:`table_html`, :func:`summary_html`). They escape every string with
  ``html.escape(quote=True)`` and produce no links at all, so no ``javascript:`` URL can ever
  come out of them. They return :class:`SafeHTML`, a ``str`` that displays itself in a notebook
  with a metadata mark telling the export template "built by an escaping builder";
* :func:`provenance`, the stamp of what produced a report (version, commit, parameters, input
  hashes, run time);
* :func:`export_html`, which converts an executed notebook with the nbconvert template in
  ``templates/parley/`` and writes the page atomically.

Security model. Markdown cells are written by the project and rendered as they are (trusted).
Cell outputs may carry article text, so the template does not print them: it calls
:func:`output_html`, an allow-list renderer. HTML outputs are printed verbatim only when they
carry the :class:`SafeHTML` mark; any other HTML or Markdown output is sanitized (scripts, styles
and event handlers removed, only ``http``/``https``/``mailto`` links kept); JavaScript, widget
and Mermaid outputs are dropped; text is escaped. On top of that the page carries a
Content-Security-Policy that allows only the one inline sorting script (by its hash), inline
styles and ``data:`` images, so even a mistake here cannot run injected script or load anything
from the network.

Hand-written parts, and why: nbconvert has no table of contents (its PR #2178 is unmerged), so
:func:`export_html` builds one from the rendered markdown headings; the lab template loads
require.js, MathJax and Mermaid from CDNs and inlines about 250 kB of JupyterLab CSS, so the parley
template replaces the page head with a small stylesheet and the sorting script (both in
``templates/parley/static/``). Matplotlib figures come in through :func:`helpers.figures.show`.

In a notebook, leave a builder's result as the last expression of a cell (or ``display`` it);
never wrap article text in ``IPython.display.HTML``/``Markdown`` (the report would sanitize it,
but it is not what those cells are for)::

    report.summary_html(df)
    figures.show(figures.timeline(df), alt="Timeline of ... by participant group")
    report.engagements_table_html(df)
    report.table_html(sequence.topic_counts(df), sortable=True)

Then ``export_html(executed, "reports/x.html", provenance=provenance(params, inputs))``.
Cells tagged ``remove-cell`` are left out of the page, and ``remove-output`` hides a cell's
outputs; stderr (warnings) never appears.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import __version__
from .schema import is_missing

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "parley"
_STATIC = TEMPLATES_DIR / TEMPLATE_NAME / "static"

#: The table-sorting script; the template inlines it once per page and the CSP allows it by hash.
SORT_SCRIPT = (_STATIC / "sortable.js").read_text(encoding="utf-8")
_SORT_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode("utf-8")).digest()).decode()

#: Content-Security-Policy of every report: nothing from the network, no script but ours.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{_SORT_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)

#: Output metadata that marks HTML built by this module's escaping builders.
SAFE_MARK = {"parley": {"escaped": True}}

# The project root, for the git commit; only when this file sits in the source tree (an
# editable install), never a folder that merely contains a site-packages copy.
_ROOT = Path(__file__).resolve().parents[2]

# Status and precision values come from helpers.schema; article text never reaches a class name.
_STATUS_CLASSES = {"occurred", "scheduled", "proposed", "cancelled"}
_PRECISION_LABELS = {
    "day": "",
    "days": "a few days",
    "part_of_month": "part of month",
    "month": "month",
    "quarter": "quarter",
    "season": "season",
    "year": "year",
    "unknown": "date unknown",
}
_DASH = "\u2014"  # shown for empty cells
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --------------------------------------------------------------------------- value coercion


def to_date(value: Any) -> dt.date | None:
    """A table cell as a ``datetime.date`` (``None`` for null, NaT or an unparseable string).

    Parquet ``date32`` columns arrive as ``datetime.date`` objects or, after some pandas
    operations, as ``Timestamp``/``datetime64``; the figures and tables accept all of them.
    """
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.date()


def to_list(value: Any) -> list[str]:
    """A list cell (list, tuple, numpy array, or a single string) as a list of strings."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [str(v) for v in items if not is_missing(v) and str(v) != ""]
    return [] if is_missing(value) else [str(value)]


def _text(value: Any) -> str:
    """A scalar cell as text ("" for null); nbformat multi-line fields may be lists of lines."""
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return "" if is_missing(value) else str(value)


def _e(value: Any) -> str:
    """Escape for HTML text and attribute values (quotes included)."""
    return html.escape(_text(value), quote=True)


_LONG_TOKEN = re.compile(r"\S{18,}")
_BREAK_AFTER = frozenset("/=;:,.&?_-\"'>)]")


def _split_token(token: str) -> list[str]:
    """Pieces of a long token: cut after punctuation (pieces of 4+) or at 16 characters."""
    pieces, start = [], 0
    for i, char in enumerate(token, 1):
        run = i - start
        if (char in _BREAK_AFTER and run >= 4) or run >= 16:
            pieces.append(token[start:i])
            start = i
    if start < len(token):
        pieces.append(token[start:])
    return pieces


def _et(value: Any) -> str:
    """Escape for HTML text, with line-break opportunities (``<wbr>``) inside long tokens.

    URLs, ids and markup quoted from an article have no spaces; unbroken they would widen
    their table column until the evidence column leaves the screen. Breaking words anywhere
    (CSS ``overflow-wrap: anywhere``) would instead split ordinary words in narrow columns.
    So only tokens of 18+ characters get ``<wbr>`` (see :func:`_split_token`); each piece is
    escaped on its own, and ``<wbr>`` adds no text.
    """
    text = _text(value)
    out, last = [], 0
    for match in _LONG_TOKEN.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=True))
        out.append("<wbr>".join(html.escape(p, quote=True) for p in _split_token(match.group())))
        last = match.end()
    out.append(html.escape(text[last:], quote=True))
    return "".join(out)


# --------------------------------------------------------------------------- escaped builders


class SafeHTML(str):
    """HTML assembled by this package from escaped parts.

    A plain ``str`` for every purpose, plus a ``_repr_mimebundle_`` so that leaving it as the
    last expression of a cell (or passing it to ``display``) shows it in JupyterLab and marks
    the output with :data:`SAFE_MARK`, which is what lets the report template print it
    verbatim. Only the builders of this package construct it: never wrap text that has not
    been escaped. Concatenating it with another string gives a plain ``str`` (unmarked), so
    mixing in unescaped text cannot keep the mark.
    """

    def __new__(cls, markup: str, text: str = "") -> SafeHTML:
        obj = super().__new__(cls, markup)
        obj.text = text or "(HTML output)"
        return obj

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, str], dict[str, Any]]:
        return {"text/html": str(self), "text/plain": self.text}, json.loads(json.dumps(SAFE_MARK))


def _header(label: str, key: str, sortable: bool, numeric: bool = False) -> str:
    classes = f"col-{key}" + (" num" if numeric else "")
    inner = f'<button type="button" class="sort">{_e(label)}</button>' if sortable else _e(label)
    return f'<th scope="col" class="{classes}">{inner}</th>'


def _table_open(kind: str, sortable: bool, caption: str | None, n_rows: int) -> str:
    attrs = f' class="parley-table {kind}"' + (" data-sortable" if sortable else "")
    head = f"<table{attrs}>"
    if caption:
        head += f"<caption>{_e(caption)}</caption>"
    return f'<div class="table-wrap" data-rows="{n_rows}">{head}'


def _date_cell(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    if start is None and end is None:
        return '<td class="col-date" data-sort=""><span class="muted">undated</span></td>'
    start = start or end
    end = end or start
    assert start is not None and end is not None
    if end < start:
        start, end = end, start
    key = f"{start.isoformat()}/{end.isoformat()}"
    if start == end:
        shown = f"<time>{start.isoformat()}</time>"
    else:
        shown = (
            f'<time>{start.isoformat()}</time><span class="range">\u00a0\u2013 </span>'
            f"<time>{end.isoformat()}</time>"
        )
    note = _PRECISION_LABELS.get(precision, precision.replace("_", " "))
    if note:
        shown += f'<span class="precision">{_e(note)}</span>'
    return f'<td class="col-date" data-sort="{_e(key)}">{shown}</td>'


def _plain_cell(key: str, value: str) -> str:
    if not value:
        return f'<td class="col-{key}" data-sort=""><span class="muted">{_DASH}</span></td>'
    return f'<td class="col-{key}">{_et(value)}</td>'


def _list_cell(key: str, items: Sequence[str]) -> str:
    if not items:
        return f'<td class="col-{key}" data-sort=""><span class="muted">{_DASH}</span></td>'
    inner = "".join(f"<li>{_et(item)}</li>" for item in items)
    return f'<td class="col-{key}" data-sort="{_e("; ".join(items))}"><ul>{inner}</ul></td>'


ENGAGEMENT_COLUMNS = ("kind", "status", "participants", "date_start", "date_end")


def engagements_table_html(
    df: pd.DataFrame, *, sortable: bool = True, caption: str | None = None
) -> SafeHTML:
    """The engagements as an HTML table, every article string escaped.

    Args:
        df: rows of the ENGAGEMENTS table (:mod:`helpers.schema`). Required columns:
            ``kind``, ``status``, ``participants``, ``date_start``, ``date_end``. Used when
            present: ``engagement_id``, ``mode``, ``initiator``, ``location``, ``country``,
            ``date_precision``, ``topics``, ``evidence``, ``conflict``, ``doc_id``,
            ``doc_ids``, ``n_mentions``.
        sortable: render header buttons and ``data-sortable``; the report template's
            inline script (included once per page) sorts by the clicked column.
        caption: optional table caption (escaped).

    Returns:
        :class:`SafeHTML` with columns Date (a day, or an interval with its precision),
        Kind, Mode, Status, Participants, Initiator, Place, Topics, Evidence (the quote, plus
        any recorded conflict), Documents. No links are produced.
    """
    missing = [c for c in ENGAGEMENT_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"engagements table: missing column(s) {', '.join(missing)}")
    if df.empty:
        return SafeHTML('<p class="empty">No engagements to list.</p>', "No engagements.")

    def get(row: Mapping[str, Any], column: str) -> Any:
        return row.get(column) if column in df.columns else None

    heads = [
        ("Date", "date"),
        ("Kind", "kind"),
        ("Mode", "mode"),
        ("Status", "status"),
        ("Participants", "participants"),
        ("Initiator", "initiator"),
        ("Place", "place"),
        ("Topics", "topics"),
        ("Evidence", "evidence"),
        ("Documents", "documents"),
    ]
    parts = [_table_open("engagements", sortable, caption, len(df)), "<thead><tr>"]
    parts += [_header(label, key, sortable) for label, key in heads]
    parts.append("</tr></thead><tbody>")
    for row in df.to_dict("records"):
        eid = _text(get(row, "engagement_id"))
        parts.append(f'<tr data-engagement-id="{_e(eid)}">' if eid else "<tr>")
        parts.append(
            _date_cell(
                to_date(row["date_start"]),
                to_date(row["date_end"]),
                _text(get(row, "date_precision")),
            )
        )
        parts.append(_plain_cell("kind", _text(row["kind"])))
        parts.append(_plain_cell("mode", _text(get(row, "mode")).replace("_", " ")))
        status = _text(row["status"])
        status_class = status if status in _STATUS_CLASSES else "other"
        parts.append(
            f'<td class="col-status" data-sort="{_e(status)}">'
            f'<span class="status status-{status_class}">{_e(status) or _DASH}</span></td>'
        )
        parts.append(_list_cell("participants", to_list(row["participants"])))
        parts.append(_plain_cell("initiator", _text(get(row, "initiator"))))
        place = ", ".join(v for v in (_text(get(row, "location")), _text(get(row, "country"))) if v)
        parts.append(_plain_cell("place", place))
        topics = to_list(get(row, "topics"))
        parts.append(_plain_cell("topics", "; ".join(topics)))
        evidence = _text(get(row, "evidence"))
        conflict = _text(get(row, "conflict"))
        cell = (
            f'<q class="evidence">{_et(evidence)}</q>'
            if evidence
            else f'<span class="muted">{_DASH}</span>'
        )
        if conflict:
            cell += f'<p class="conflict"><strong>Reports differ:</strong> {_et(conflict)}</p>'
        parts.append(f'<td class="col-evidence" data-sort="{_e(evidence)}">{cell}</td>')
        docs = to_list(get(row, "doc_ids")) or to_list(get(row, "doc_id"))
        mentions = get(row, "n_mentions")
        docs_html = "".join(f"<code>{_et(d)}</code>" for d in docs) or _DASH
        if not is_missing(mentions) and int(mentions) > 1:
            docs_html += f'<span class="muted">{int(mentions)} mentions</span>'
        parts.append(f'<td class="col-documents" data-sort="{_e(" ".join(docs))}">{docs_html}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table></div>")
    return SafeHTML("".join(parts), f"Engagements table ({len(df)} rows)")


def _format_value(value: Any) -> tuple[str, str | None, bool]:
    """(shown text, sort key or None, is numeric) for a generic table cell."""
    if isinstance(value, np.generic):
        value = value.item()  # numpy scalars as Python ones
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return "; ".join(to_list(value)), None, False
    if is_missing(value):
        return "", None, False
    if isinstance(value, bool):
        return ("yes" if value else "no"), str(int(value)), True
    if isinstance(value, int):
        return str(value), str(value), True
    if isinstance(value, float):
        shown = f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else f"{value:.0f}"
        return shown, repr(value), True
    if isinstance(value, (dt.date, pd.Timestamp)):
        day = to_date(value)
        return (day.isoformat() if day else ""), None, False
    return str(value), None, False


def table_html(
    df: pd.DataFrame,
    *,
    sortable: bool = False,
    caption: str | None = None,
    index: bool = False,
    max_rows: int = 500,
) -> SafeHTML:
    """A small generic table (counts, gaps, summaries) with every value escaped.

    Lists are joined with "; ", dates shown as ISO, numbers right-aligned and sorted as
    numbers. At most ``max_rows`` rows are shown (a note says how many were left out).
    """
    frame = df.reset_index() if index else df
    if frame.empty:
        return SafeHTML('<p class="empty">Nothing to list.</p>', "Empty table.")
    shown = frame.head(max_rows)
    columns = [str(c) for c in frame.columns]
    formatted = [[_format_value(v) for v in row] for row in shown.itertuples(index=False)]
    numeric = [
        all(cell[2] or cell[0] == "" for cell in (r[i] for r in formatted))
        for i in range(len(columns))
    ]
    parts = [_table_open("generic", sortable, caption, len(shown)), "<thead><tr>"]
    parts += [_header(col, f"c{i}", sortable, numeric[i]) for i, col in enumerate(columns)]
    parts.append("</tr></thead><tbody>")
    for row in formatted:
        parts.append("<tr>")
        for i, (text, key, _num) in enumerate(row):
            cls = f"col-c{i}" + (" num" if numeric[i] else "")
            sort_attr = f' data-sort="{_e(key)}"' if key is not None else ""
            if text == "":
                sort_attr = ' data-sort=""'
            parts.append(f'<td class="{cls}"{sort_attr}>{_et(text)}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    if len(frame) > len(shown):
        parts.append(f'<p class="note">Showing {len(shown)} of {len(frame)} rows.</p>')
    parts.append("</div>")
    return SafeHTML("".join(parts), f"Table ({len(frame)} rows)")


def _human_span(lo: dt.date, hi: dt.date) -> str:
    """A span of days for people: 21 May – 20 Sep 2021 (the year once when both share it)."""

    def day(d: dt.date, year: bool = True) -> str:
        # Month names from a table, not strftime: the kernel's locale must not change them.
        return f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")

    if lo == hi:
        return day(lo)
    return f"{day(lo, year=lo.year != hi.year)} \u2013 {day(hi)}"


def summary_html(df: pd.DataFrame) -> SafeHTML:
    """Key figures of an engagements frame, for the top of a report.

    Shows the number of engagements, their split by status, the dated span, the number of
    reporting documents and of distinct participant groups, and how many are undated.
    """
    total = len(df)
    statuses = df["status"].value_counts() if "status" in df.columns else pd.Series(dtype=int)
    starts = [to_date(v) for v in df.get("date_start", pd.Series(dtype=object))]
    ends = [to_date(v) for v in df.get("date_end", pd.Series(dtype=object))]
    dated = [d for d in starts + ends if d is not None]
    undated = sum(1 for s, e in zip(starts, ends, strict=False) if s is None and e is None)
    docs: set[str] = set()
    for column in ("doc_ids", "doc_id"):
        if column in df.columns:
            for value in df[column]:
                docs.update(to_list(value))
    groups = (
        {tuple(sorted(set(to_list(v)))) for v in df["participants"]}
        if "participants" in df.columns
        else set()
    )
    split = ", ".join(
        f"{int(statuses[s])} {_e(s)}"
        for s in ("occurred", "scheduled", "proposed", "cancelled")
        if s in statuses.index
    )
    span = _human_span(min(dated), max(dated)) if dated else "none dated"
    items = [
        ("Engagements", str(total), split),
        ("Period covered", span, f"{undated} undated" if undated else "all dated"),
        ("Reporting documents", str(len(docs)), ""),
        ("Participant groups", str(len(groups)), ""),
    ]
    cells = "".join(
        f'<div class="figure-card"><dt>{_e(label)}</dt><dd><span class="value">{_e(value)}</span>'
        + (f'<span class="detail">{note}</span>' if note else "")
        + "</dd></div>"
        for label, value, note in items
    )
    return SafeHTML(f'<dl class="key-figures">{cells}</dl>', f"{total} engagements")


# --------------------------------------------------------------------------- provenance


def _jsonable(value: Any) -> Any:
    """A JSON-serialisable copy of ``value`` (paths and dates as strings, sets sorted)."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return str(value)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _display_path(path: Path) -> str:
    """Relative to the project root when inside it (no home folders in published pages)."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(_ROOT).as_posix()
    except ValueError:
        return resolved.as_posix()


def _hash_input(path: Path) -> dict[str, Any]:
    if path.is_file():
        return {
            "path": _display_path(path),
            "type": "file",
            "sha256": _sha256_file(path),
            "bytes": path.stat().st_size,
        }
    if path.is_dir():
        # One combined hash per folder: sha256 over "relative/path\0<file sha256>\n" lines in
        # sorted order. Hidden files and folders (.ipynb_checkpoints, .DS_Store) are skipped:
        # they are not inputs and would make the hash depend on who browsed the folder.
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        digest = hashlib.sha256()
        size = 0
        for file in files:
            digest.update(f"{file.relative_to(path).as_posix()}\0{_sha256_file(file)}\n".encode())
            size += file.stat().st_size
        return {
            "path": _display_path(path),
            "type": "folder",
            "sha256": digest.hexdigest(),
            "files": len(files),
            "bytes": size,
        }
    raise FileNotFoundError(f"provenance: input {path} does not exist")


def _git(*args: str) -> str | None:
    if not ((_ROOT / "pyproject.toml").is_file() and (_ROOT / "src" / "helpers").is_dir()):
        return None
    # GIT_OPTIONAL_LOCKS=0: `git status` must not take the index lock while others work.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(_ROOT), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def provenance(parameters: Mapping[str, Any], inputs: Iterable[Path | str]) -> dict[str, Any]:
    """What produced a report, for its stamp.

    Args:
        parameters: the run's parameters (copied, made JSON-safe).
        inputs: files or folders read by the run; each must exist.

    Returns:
        ``{"parley_version", "git_commit" (None outside git or before the first commit),
        "git_dirty" (uncommitted changes to tracked files; None when unknown), "python",
        "parameters", "inputs": [{"path", "type": "file"|"folder", "sha256", "bytes",
        "files" (folders only)}], "run_utc" (ISO 8601, seconds, "Z")}``. A folder's
        ``sha256`` combines its files' hashes (see :func:`_hash_input`).
    """
    commit = _git("rev-parse", "--verify", "HEAD")
    dirty: bool | None = None
    if commit:
        status = _git("status", "--porcelain", "--untracked-files=no")
        dirty = None if status is None else bool(status)
    return {
        "parley_version": __version__,
        "git_commit": commit or None,
        "git_dirty": dirty,
        "python": sys.version.split()[0],
        "parameters": _jsonable(dict(parameters)),
        "inputs": [_hash_input(Path(p)) for p in inputs],
        "run_utc": dt.datetime.now(dt.UTC)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z"),
    }


_make_provenance = provenance  # export_html's keyword argument shadows the name


# --------------------------------------------------------------------------- output rendering

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": ["href", "title"], "th": ["colspan", "rowspan"],
                       "td": ["colspan", "rowspan"], "abbr": ["title"]}  # fmt: skip
_B64 = re.compile(r"^[A-Za-z0-9+/=]+$")
# Outputs that need scripts the report does not load.
_DROPPED = (
    "application/javascript",
    "application/vnd.jupyter.widget-view+json",
    "text/vnd.mermaid",
)


def _sanitize(markup: str) -> str:
    """Untrusted HTML reduced to harmless formatting (the nbviewer approach, stricter)."""
    import bleach
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    # bleach keeps the text of tags it strips; a <style> or <script> body is not text.
    for element in soup(["script", "style", "template", "noscript", "iframe", "object", "svg"]):
        element.decompose()
    return bleach.clean(
        str(soup),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        protocols=["http", "https", "mailto"],
        strip=True,
        strip_comments=True,
    )


def _img(mime: str, data: Any, alt: str, meta: Mapping[str, Any]) -> str:
    payload = re.sub(r"\s+", "", _text(data))
    if not payload or not _B64.match(payload):
        return ""
    size = ""
    for attr in ("width", "height"):
        value = meta.get(attr)
        if isinstance(value, (int, float)) and value > 0:
            size += f' {attr}="{int(value)}"'
    return (
        f'<figure class="output output-image"><img src="data:{mime};base64,{payload}" '
        f'alt="{_e(alt)}"{size}></figure>'
    )


def output_html(output: Mapping[str, Any]) -> str:
    """One notebook output as report HTML, by an allow-list (see the module docstring).

    stdout is shown escaped, stderr (warnings, progress bars) is left out, errors are shown
    escaped; a display's best representation is chosen in this order: marked HTML (verbatim),
    PNG/JPEG/SVG (as ``data:`` images with their alt text), Markdown and other HTML
    (sanitized), LaTeX and plain text (escaped).
    """
    from nbconvert.filters import ansi2html  # escapes, then colours ANSI codes
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    kind = output.get("output_type")
    if kind == "stream":
        if output.get("name") != "stdout":
            return ""
        return f'<pre class="output output-stream">{ansi2html(_text(output.get("text")))}</pre>'
    if kind == "error":
        lines = output.get("traceback") or [f"{output.get('ename')}: {output.get('evalue')}"]
        return f'<pre class="output output-error">{ansi2html(chr(10).join(lines))}</pre>'
    if kind not in ("display_data", "execute_result"):
        return ""
    data: Mapping[str, Any] = output.get("data") or {}
    meta: Mapping[str, Any] = output.get("metadata") or {}
    if any(mime in data for mime in _DROPPED):
        return ""  # their text/plain fallback is only "<... object>": drop the whole output
    marked = (meta.get("parley") or {}).get("escaped") is True
    if "text/html" in data and marked:
        return f'<div class="output output-html">{_text(data["text/html"])}</div>'
    plain = _text(data.get("text/plain"))
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            mime_meta = meta.get(mime) or {}
            alt = (
                _text(mime_meta.get("alt"))
                or ("" if plain.startswith("<") else plain)
                or "Figure without a description"
            )
            return _img(mime, data[mime], alt, mime_meta)
    if "image/svg+xml" in data:
        svg = base64.b64encode(_text(data["image/svg+xml"]).encode("utf-8")).decode()
        alt = _text((meta.get("image/svg+xml") or {}).get("alt")) or "Figure without a description"
        return _img("image/svg+xml", svg, alt, {})
    if "text/markdown" in data:
        rendered = markdown2html_mistune(_text(data["text/markdown"]))
        return f'<div class="output output-markdown">{_sanitize(rendered)}</div>'
    if "text/html" in data:
        return f'<div class="output output-html">{_sanitize(_text(data["text/html"]))}</div>'
    if "text/latex" in data:
        return f'<pre class="output output-text">{_e(data["text/latex"])}</pre>'
    if plain:
        return f'<pre class="output output-text">{_e(plain)}</pre>'
    return ""


class _HeldOutputs:
    """The template's ``parley_outputs`` filter, holding rendered outputs back as markers.

    nbconvert parses the whole page with BeautifulSoup (to add alt text), and so does
    :func:`_finish` (title, heading ids, contents); on a corpus report, whose tables hold
    ~45,000 tags, those parses took 13 of the 19 s of an export. Neither needs the cell
    outputs: their images already carry alt text and their headings are not sections. So
    each output goes into the page as an HTML comment with a per-export random token, and
    :meth:`restore` puts the rendered HTML back once the parsing is done. The token keeps
    a comment in a Markdown cell from standing in for an output.
    """

    def __init__(self) -> None:
        self._token = os.urandom(8).hex()
        self._held: list[str] = []

    def __call__(self, cell: Mapping[str, Any]) -> str:
        rendered = "".join(output_html(o) for o in cell.get("outputs") or [])
        if not rendered:
            return ""
        self._held.append(rendered)
        return f"<!--parley-output-{self._token}-{len(self._held) - 1}-->"

    def restore(self, page: str) -> str:
        return re.sub(f"<!--parley-output-{self._token}-(\\d+)-->",
                      lambda m: self._held[int(m.group(1))], page)


# --------------------------------------------------------------------------- export


def _now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _short_time(stamp: Any) -> str:
    """An ISO time as "2024-05-01 12:03 UTC" (returned unchanged when it does not parse)."""
    text = _text(stamp)
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC)
    return parsed.strftime("%Y-%m-%d %H:%M UTC")


def _kv_table(mapping: Mapping[str, Any], empty: str) -> str:
    if not mapping:
        return f'<span class="muted">{_e(empty)}</span>'
    rows = "".join(
        f'<tr><th scope="row">{_e(k)}</th>'
        f"<td><code>{_e(json.dumps(_jsonable(v), ensure_ascii=False))}</code></td></tr>"
        for k, v in mapping.items()
    )
    return f'<table class="kv">{rows}</table>'


def _inputs_table(inputs: Sequence[Mapping[str, Any]]) -> str:
    if not inputs:
        return '<span class="muted">none recorded</span>'
    rows = []
    for item in inputs:
        size = f"{int(item.get('bytes') or 0):,} bytes"
        if item.get("type") == "folder":
            size = f"{int(item.get('files') or 0)} files, {size}"
        rows.append(
            f'<tr><th scope="row">{_e(item.get("path"))}</th><td>{_e(size)}</td>'
            f'<td><code class="hash">{_e(item.get("sha256"))}</code></td></tr>'
        )
    head = '<tr><th scope="col">Path</th><th scope="col">Size</th><th scope="col">SHA-256</th></tr>'
    return f'<table class="kv inputs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _provenance_parts(
    prov: Mapping[str, Any], papermill: Mapping[str, Any], exported: str, kernel: str
) -> tuple[str, str]:
    """(one-line stamp under the title, the "About this report" section)."""
    commit = _text(prov.get("git_commit"))
    commit_text = commit[:12] if commit else "not in a git checkout"
    if commit and prov.get("git_dirty"):
        commit_text += " (with uncommitted changes)"
    started, ended = papermill.get("start_time"), papermill.get("end_time")
    duration = papermill.get("duration")
    if started:
        run = _short_time(started)
        if isinstance(duration, (int, float)):
            run += f" ({duration:.1f} s)"
    else:
        run = _short_time(prov.get("run_utc")) if prov.get("run_utc") else "not recorded"
    parameters = dict(papermill.get("parameters") or {})
    parameters.update(prov.get("parameters") or {})

    stamp = (
        f'<p class="stamp">Generated {_e(_short_time(exported))} \u00b7 '
        f"parley {_e(prov.get('parley_version') or __version__)} \u00b7 "
        f"commit <code>{_e(commit[:7] if commit else 'none')}</code> \u00b7 "
        f'<a href="#provenance">how this report was made</a></p>'
    )
    rows = [
        ("Report exported", _e(_short_time(exported))),
        ("Notebook run", _e(run) + (f" to {_e(_short_time(ended))}" if started and ended else "")),
        ("parley version", _e(prov.get("parley_version") or __version__)),
        ("Git commit", f"<code>{_e(commit_text)}</code>"),
        ("Python / kernel", _e(" / ".join(v for v in (_text(prov.get("python")), kernel) if v))),
        ("Parameters", _kv_table(parameters, "none")),
        ("Inputs", _inputs_table(prov.get("inputs") or [])),
    ]
    if papermill.get("version"):
        rows.insert(2, ("papermill", _e(papermill.get("version"))))
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    section = (
        '<section class="provenance" id="provenance" aria-labelledby="provenance-title">'
        '<h2 id="provenance-title">How this report was made</h2>'
        f"<dl>{body}</dl></section>"
    )
    return stamp, section


def _json_script(payload: Any) -> str:
    """Machine-readable provenance; a data block the CSP never runs. "<", ">" and "&" are
    written as JSON escapes so the text cannot close the element."""
    text = json.dumps(_jsonable(payload), ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="parley-provenance">{text}</script>'


def _heading_text(tag: Any) -> str:
    return "".join(
        str(s)
        for s in tag.find_all(string=True)
        if not (s.parent and "anchor-link" in (s.parent.get("class") or []))
    ).strip()


def _finish(page: str, title: str | None, fallback_title: str) -> str:
    """Post-process the rendered page: title, unique heading ids, table of contents."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    content = soup.find("main")
    headings = (
        content.select(".cell-markdown h1, .cell-markdown h2, .cell-markdown h3") if content else []
    )

    # The page header shows the title; a notebook "# Title" that repeats it is dropped.
    first_h1 = next((h for h in headings if h.name == "h1"), None)
    if title is None and first_h1 is not None and headings and headings[0] is first_h1:
        title = _heading_text(first_h1)
    title = title or fallback_title
    if first_h1 is not None and _heading_text(first_h1) == title:
        cell = first_h1.find_parent("div", class_="cell-markdown")
        first_h1.decompose()
        headings = [h for h in headings if h is not first_h1]
        if cell is not None and not cell.get_text(strip=True) and not cell.find(["img", "table"]):
            cell.decompose()
    for node in (soup.title, soup.find(id="report-title")):
        if node is not None:
            node.string = title

    # Heading ids come from the heading text; repeated headings would share one.
    seen: set[str] = {"provenance", "provenance-title", "content", "toc", "report-title"}
    entries = []
    for heading in headings:
        base = heading.get("id") or "section"
        ident, n = base, 2
        while ident in seen:
            ident, n = f"{base}-{n}", n + 1
        seen.add(ident)
        if ident != base:
            heading["id"] = ident
            for anchor in heading.select("a.anchor-link"):
                anchor["href"] = f"#{ident}"
        if heading.name in ("h2", "h3"):
            entries.append((heading.name, ident, _heading_text(heading)))
    entries.append(("h2", "provenance", "How this report was made"))
    items = "".join(
        f'<li class="toc-{level}"><a href="#{_e(ident)}">{_e(text)}</a></li>'
        for level, ident, text in entries
    )
    nav = soup.find("nav", id="toc")
    if nav is not None:
        nav.append(
            BeautifulSoup(f'<h2 class="toc-title">Contents</h2><ol>{items}</ol>', "html.parser")
        )
    return str(soup)


def export_html(
    notebook: Path | str,
    output: Path | str,
    *,
    provenance: Mapping[str, Any] | None = None,
    title: str | None = None,
) -> Path:
    """Convert an executed notebook into a self-contained, offline HTML report.

    Args:
        notebook: the executed ``.ipynb`` (e.g. papermill's output in a run folder).
        output: the ``.html`` to write; written to a temporary sibling, then ``os.replace``d,
            so a failure never leaves a half-written report where the last good one stood.
        provenance: a :func:`provenance` dict; when omitted, one is made from the
            parameters papermill recorded in the notebook (no input hashes then).
            Papermill's run times are shown either way.
        title: the page title; else ``metadata.title``, else the notebook's first ``# h1``,
            else the file name.

    Returns:
        ``output``.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    notebook, output = Path(notebook), Path(output)
    nb = nbformat.read(notebook, as_version=4)
    papermill = dict(nb.metadata.get("papermill") or {})
    prov = (
        dict(provenance)
        if provenance is not None
        else _make_provenance(papermill.get("parameters") or {}, [])
    )
    kernel = _text((nb.metadata.get("kernelspec") or {}).get("name"))
    exported = _now_utc()
    stamp, section = _provenance_parts(prov, papermill, exported, kernel)

    config = Config()
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    # The lab conf enables the pygments CSS preprocessor; with no code shown it is dead weight.
    config.CSSHTMLHeaderPreprocessor.enabled = False
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    exporter = HTMLExporter(
        config=config, template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES_DIR)]
    )
    outputs = _HeldOutputs()
    exporter.register_filter("parley_outputs", outputs)
    resources = {
        "metadata": {"name": notebook.stem, "path": str(notebook.parent)},
        "parley": {
            "csp": CSP,
            "version": __version__,
            "stamp": stamp,
            "provenance": section,
            "provenance_json": _json_script(
                {"provenance": prov, "papermill": papermill, "exported_utc": exported}
            ),
            "sort_script": SORT_SCRIPT,
        },
    }
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    meta_title = _text(nb.metadata.get("title")) or None
    page = outputs.restore(_finish(page, title or meta_title, notebook.stem.replace("_", " ")))

    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(page)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)  # mkstemp makes 0600; reports are meant to be read
        os.replace(tmp_name, output)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return output


__all__ = [
    "CSP",
    "SAFE_MARK",
    "SORT_SCRIPT",
    "TEMPLATES_DIR",
    "SafeHTML",
    "engagements_table_html",
    "export_html",
    "output_html",
    "provenance",
    "summary_html",
    "table_html",
    "to_date",
    "to_list",
]
