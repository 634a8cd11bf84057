"""Read raw inputs (text, Markdown, HTML, JSONL files and folders) into documents.

This module owns the first step of the pipeline and the ``documents.parquet`` rows it
produces: every input accounts for exactly one :class:`Document` (a file, or one line of a
JSONL file), whether it is read (``ok``), refused (``rejected``, with a reason a person
understands) or a repeat of an earlier text (``duplicate``). Nothing is dropped silently and
no exception escapes for any file content.

Formats
    ``.txt``, ``.md``, ``.markdown``
        Optional YAML front matter between ``---`` lines at the very top (keys ``id``,
        ``published``, ``title``, ``source``; other keys are ignored). It is read with
        PyYAML's ``BaseLoader``, so every value stays the string that was written
        (``id: 007`` stays ``"007"``, dates are parsed here, not by YAML). A front matter
        without a closing ``---`` is not front matter (as in Jekyll and python-frontmatter).
        The text is the body after it, stripped of one leading newline only, so offsets
        refer to the text as written.
    ``.html``, ``.htm``
        trafilatura extracts the main text, the title, the site name (``source``) and the
        date from the page's metadata only (htmldate's "extensive search" is off: it
        guesses dates from copyright lines and free text). Tables are left out: old news
        sites lay whole pages out in tables, and trafilatura's "| cell |" rendering of them
        breaks sentences; without tables it still finds the prose of such pages.
    ``.jsonl`` (and ``.ndjson``)
        One record per line: ``id``, ``published``, ``title``, ``text``, ``source``. Lines
        are split on ``\\n`` only (the JSON Lines rule), blank lines are skipped, and the
        file is streamed line by line.

Choices worth knowing
    * ``published`` comes from the document itself (front matter, record, HTML metadata);
      when it has none, from a dateline at the top of the text that carries a full date
      ("WASHINGTON, Nov. 4, 2005 (AFP) --", "2005-11-04"); else from the ``published``
      argument; else it is None. Never from the clock or the file's mtime.
    * An explicit ``published`` that cannot be read (``'last Tuesday'``, ``'2005-02-30'``,
      or an ambiguous ``'04/11/2005'``) rejects the document, with the value in the
      reason. Falling back to a dateline or the default instead would silently move every
      relative date in the article ("on Friday") to a wrong day; a rejection is visible and
      is fixed at the source. An empty or null ``published`` is simply missing. HTML
      metadata dates are trafilatura's output, not something a person wrote: a bad one is
      ignored.
    * A document whose text repeats an earlier ok document's text (same digest after
      Unicode NFC, ASCII whitespace ignored) is ``duplicate``, with the reason
      ``same text as <doc_id> (<path>:<line>)`` (``duplicate_of`` holds the first id on the
      Python object). It keeps its own text and metadata, so that what is extracted from the
      first can be attributed to it too; only ok documents go down the pipeline.
    * ``doc_id`` is unique over all rows of one call, rejected ones included, so it is the
      key of ``documents.parquet``: a document whose id is already taken (two
      ``index.html`` in different folders, a re-used JSONL id) keeps its row and its status
      and gets ``<id>~2`` (``~3``...), logged at INFO. Rejecting it would lose a real
      article to a naming clash; ``source_path`` shows where the row came from.
    * ``sha256`` is the digest of the input bytes: the whole file, or the JSONL line without
      its line terminator. It is ``""`` when no byte could be read (missing file, no
      permission), so it is never confused with the digest of an empty file.
    * Encoding: UTF-8 (a BOM is stripped; UTF-16/32 with a BOM are read too). Otherwise
      :func:`decode_bytes` (hand-written around charset-normalizer) tries Windows-1252
      first when its reading looks like Western-European text, and asks charset-normalizer
      only after that. On short English texts charset-normalizer 3.5 picks cp1250 or
      cp1257 ("visit to Genève" comes out "Genčve"), while Windows-1252 is by far the most
      common legacy encoding of English-language news. Cyrillic, Greek or CJK bytes do not
      look Western when read as Windows-1252 (nearly every letter accented) and go to
      charset-normalizer. Known limit: a Central-European (cp1250) text whose bytes are
      also valid Windows-1252 comes out with some wrong accents.
    * Dates are read by hand-written patterns, not dateparser: publication dates only need
      full dates in a few fixed forms, and a dateline only at the top of the text; a general
      parser guesses from partial dates ("May") and runs at ~84 documents/s here.
    * Files over :data:`MAX_FILE_BYTES` (JSONL excepted) are rejected rather than read into
      memory; a news article is a few kilobytes.
    * Folders are walked recursively in name order, hidden files and folders (a leading
      ``.``) are skipped, symbolic links are followed (a link back to an enclosing folder is
      not walked twice). Sockets, FIFOs and devices get a rejected row, never a read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import io
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from helpers.schema import DOCUMENTS, columns_table

if TYPE_CHECKING:
    import pandas as pd
    import yaml

logger = logging.getLogger(__name__)

OK, REJECTED, DUPLICATE = "ok", "rejected", "duplicate"
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MAX_FILE_BYTES = 64 * 1024 * 1024
_SNIFF_BYTES = 8192
_JSON_WHITESPACE = b" \t\r\n"
_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
_HASH_CHUNK = 1 << 20
_DOCUMENT_FIELDS = [name for name in DOCUMENTS.names if name != "n_chars"]


@dataclass(slots=True)
class Document:
    """One input (a file, or one line of a JSONL file) and what became of it."""

    doc_id: str
    text: str  # the article body ("" for rejected inputs)
    published: dt.date | None
    title: str | None
    source: str | None  # outlet / origin when known
    source_path: str  # path as given (relative if given relative)
    source_line: int | None  # 1-based line for JSONL records, else None
    sha256: str  # of the input bytes (file or JSONL line); "" when nothing could be read
    status: str  # "ok" | "rejected" | "duplicate"
    reason: str | None  # why rejected, or what it duplicates; None when ok
    duplicate_of: str | None = None  # doc_id of the first document with the same text

    @property
    def n_chars(self) -> int:
        return len(self.text)


# ---------------------------------------------------------------------------------------------
# Dates


class DateError(ValueError):
    """An explicit publication date that cannot be read; the message names the value."""


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_MDY = rf"{_MON}\s*{_DAY}\s*,?\s*{_YEAR}"  # "Nov. 4, 2005", "Nov 4 , 2005"
_DMY = rf"{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}"  # "4 November 2005", "04 Nov 2005"
_ISO = r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
# A time (and zone) after a date in a metadata value: "2005-11-04 10:00", "... 10:00:00 GMT".
_TIME_TAIL = (
    r"(?:(?:\s+|\s*,\s*|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[APap]\.?[Mm]\.?)?\s*\S*)?"
)

_VALUE_FORMS = [
    re.compile(rf"{_WEEKDAY}{_MDY}{_TIME_TAIL}"),
    re.compile(rf"{_WEEKDAY}{_DMY}{_TIME_TAIL}"),
    re.compile(rf"(?P<year>\d{{4}})[/.](?P<month>\d{{1,2}})[/.](?P<day>\d{{1,2}}){_TIME_TAIL}"),
    # Day.month.year with dots is the European form; nobody writes month.day.year.
    re.compile(rf"(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>\d{{4}}){_TIME_TAIL}"),
]
_SLASHED = re.compile(rf"(?P<a>\d{{1,2}})[/-](?P<b>\d{{1,2}})[/-](?P<year>\d{{4}}){_TIME_TAIL}")

# A dateline: an upper-case place ("WASHINGTON", "DURRES, Albania", "DAR ES SALAAM") and a
# full date, or a line that starts with the date; then the end of the line or the punctuation
# that closes a dateline ("(AFP) --", " - ", ","). Only the first lines of a text are read.
_PLACE = r"(?:[A-ZÀ-Þ][A-ZÀ-Þ.'’\- ]*[A-ZÀ-Þ.](?:\s*,\s*[A-ZÀ-Þ][\w.'’\- ]{0,30}){0,2}\s*,\s*)?"
_DATELINE_END = r"(?=\s*(?:$|[(\-–—_:,/|]))"
_DATELINES = [
    re.compile(rf"\s*{_PLACE}{_WEEKDAY}{form}{_DATELINE_END}") for form in (_MDY, _DMY, _ISO)
]
_DATELINE_LINES = 3
_DATELINE_CHARS = 160


def _make_date(year: str, month: str | int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _match_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    month: str | int | None = groups.get("month")
    if month is None:
        month = _MONTHS[groups["mon"][:3].lower()]
    return _make_date(groups["year"], month, groups["day"])


def _quote(value: str, limit: int = 40) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return "'" + shown.replace("'", "\\'") + "'"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def parse_published(value: Any) -> dt.date | None:
    """Read an explicit publication date; None when it is missing (None or blank).

    Accepts dates and datetimes, ISO 8601 (``2005-11-04``, ``2005-11-04T10:00:00Z``,
    ``20051104``), ``2005/11/04``, ``04.11.2005`` (day first), ``Nov. 4, 2005``,
    ``4 November 2005``, RFC 2822 (``Fri, 04 Nov 2005 10:00:00 GMT``), and ``11/04/2005``
    when the day and month cannot be confused. A datetime gives the date as written: no
    time-zone conversion, the local date of publication is the one the text refers to.

    Raises:
        DateError: the value is there but is not a full, valid, unambiguous date.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # 20051104
    if not isinstance(value, str):
        raise DateError(f"published is {_json_type(value)}, not a date")
    text = value.strip()
    if not text:
        return None
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parsed = parse(text)
        except ValueError:
            continue
        return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    for form in _VALUE_FORMS:
        match = form.fullmatch(text)
        if match:
            found = _match_date(match)
            if found is None:
                break
            return found
    else:
        match = _SLASHED.fullmatch(text)
        if match:
            a, b = int(match["a"]), int(match["b"])
            if a <= 12 and b <= 12 and a != b:
                raise DateError(f"published {_quote(text)} is ambiguous (day/month order)")
            month, day = (a, b) if b > 12 or a == b else (b, a)
            found = _make_date(match["year"], month, str(day))
            if found is not None:
                return found
    raise DateError(f"published {_quote(text)} is not a date")


def find_dateline_date(text: str) -> dt.date | None:
    """The full date of a dateline in the first lines of ``text``, or None.

    Only a date in dateline position counts: after an upper-case place at the start of one of
    the first three non-blank lines, or at the very start of such a line. A date anywhere
    else in the text is the date of an event, not of the publication.
    """
    seen = 0
    start = 0
    while seen < _DATELINE_LINES and start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start : min(end, start + _DATELINE_CHARS)]
        start = end + 1
        if not line.strip():
            continue
        seen += 1
        for form in _DATELINES:
            match = form.match(line)
            if match:
                found = _match_date(match)
                if found is not None:
                    return found
    return None


# ---------------------------------------------------------------------------------------------
# Bytes to text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab, newlines, vertical tab and form feed.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
_ASCII_WHITESPACE = b" \t\n\r\x0b\x0c"
_MAX_ACCENTED_SHARE = 0.3
_CP1252_ACCENTED = re.compile("[À-ÖØ-öø-ÿŠšŒœŽžŸƒ]")
_ASCII_LETTERS = re.compile("[A-Za-z]")
_WHATWG_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)


def _split_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def _mostly_control(text: str) -> bool:
    return _CONTROL_CHARS.subn("", text)[1] > _MAX_CONTROL_SHARE * len(text)


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes, or many control bytes: not text in any encoding we read without a BOM."""
    if b"\x00" in sample:
        return True
    return len(_CONTROL_BYTES.findall(sample)) > _MAX_CONTROL_SHARE * max(len(sample), 1)


def _reads_as_western(text: str) -> bool:
    """True when few letters are accented: Western-European text, not misread Cyrillic/Greek.

    Read as Windows-1252, Russian or Greek bytes become words made only of accented letters
    ("Ïðåçèäåíò"); French or German text has a few accented letters per sentence.
    """
    accented = _CP1252_ACCENTED.subn("", text)[1]
    plain = _ASCII_LETTERS.subn("", text)[1]
    return accented <= _MAX_ACCENTED_SHARE * (accented + plain)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _WHATWG_AS_CP1252:
        return "cp1252"  # browsers read these labels as Windows-1252 (WHATWG Encoding)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, html: bool = False) -> str | None:
    """Decode the bytes of a text file; None when they are not text (binary content).

    UTF-8 (BOM stripped) and BOM-marked UTF-16/32 first; for HTML, the charset its
    ``<meta>`` declares; then Windows-1252 when the result reads as Western-European text;
    then charset-normalizer's best guess.
    """
    encoding, body = _split_bom(data)
    candidates: list[str] = []
    if encoding is not None:
        candidates.append(encoding)
    elif _looks_binary(body[:_SNIFF_BYTES]):
        return None
    candidates.append("utf-8")
    if html:
        declared = _declared_charset(body)
        if declared:
            candidates.append(declared)
    for candidate in candidates:
        try:
            text = body.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        return None if _mostly_control(text) else text
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if _reads_as_western(text):
            return None if _mostly_control(text) else text
    # Imported here: only non-UTF-8, non-Western inputs need it.
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is None:
        return None
    text = str(best)
    return None if _mostly_control(text) else text


def _scrub(value: str) -> str:
    """Replace lone surrogates (JSON allows "\\ud800") that Parquet's UTF-8 cannot store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _scrub_optional(value: str | None) -> str | None:
    return None if value is None else _scrub(value)


def _text_key(text: str) -> bytes:
    """Digest of the text as an analyst compares it: NFC, ASCII whitespace ignored.

    Whitespace is deleted rather than collapsed: the same for whole articles (CRLF copies,
    re-wrapped lines, trailing newlines all match) and four times cheaper than split/join.
    """
    normal = unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")
    return hashlib.sha256(normal.translate(None, _ASCII_WHITESPACE)).digest()


# ---------------------------------------------------------------------------------------------
# Parsing one input (pure: bytes or text in, a Document out)


def _document(doc_id: str, path: str, line: int | None, sha: str, text: str, status: str,
              reason: str | None, meta: dict[str, Any]) -> Document:
    return Document(doc_id=doc_id, text=text, published=meta.get("published"),
                    title=meta.get("title"), source=meta.get("source"), source_path=path,
                    source_line=line, sha256=sha, status=status, reason=reason)


def _rejected(
    doc_id: str, path: str, line: int | None, sha: str, reason: str, **meta: Any
) -> Document:
    return _document(doc_id, path, line, sha, "", REJECTED, reason, meta)


def _ok(doc_id: str, path: str, line: int | None, sha: str, text: str, **meta: Any) -> Document:
    return _document(doc_id, path, line, sha, text, OK, None, meta)




_FRONT_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_FRONT_FIRST_LINE = re.compile(r"^[ \t]*[^#\s].*$", re.M)  # not blank, not a YAML comment
_YAML_KEY = re.compile(r"[ \t]*[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|\r?$)")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``text`` into (front matter or None, body, line number of the body's first line).

    Front matter opens the text with a ``---`` line, starts with ``key:`` (after any blank or
    comment lines) and ends at a ``---`` or ``...`` line. The body loses one leading newline
    (the blank line after the closing ``---``).
    """
    opening = _FRONT_OPEN.match(text)
    if not opening:
        return None, text, 1
    closing = _FRONT_CLOSE.search(text, opening.end())
    if not closing:
        return None, text, 1
    front = text[opening.end() : closing.start()]
    first = _FRONT_FIRST_LINE.search(front)
    if first and not _YAML_KEY.match(first.group()):
        return None, text, 1  # a text that opens with a "---" rule, not key: value lines
    body_start = closing.end()
    if text.startswith("\r\n", body_start):
        body_start += 2
    elif text.startswith("\n", body_start):
        body_start += 1
    body = text[body_start:]
    line = text.count("\n", 0, body_start) + 1
    if body.startswith("\r\n"):
        body, line = body[2:], line + 1
    elif body.startswith("\n"):
        body, line = body[1:], line + 1
    return front, body, line


@functools.cache
def _front_matter_loader() -> type[yaml.BaseLoader]:
    """BaseLoader: every scalar stays the string that was written; safe (no objects).

    Made on first use: PyYAML is only needed for front matter, and JSONL-only runs
    (the bulk of the work) skip its import.
    """
    import yaml

    class _FrontMatterLoader(yaml.BaseLoader):
        pass

    return _FrontMatterLoader


def _yaml_error(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = f" at line {mark.line + 2}" if mark is not None else ""  # +1: 0-based, +1: '---'
    return f"front matter: {problem}{where}"


def _meta_text(value: Any) -> str | None:
    """A front matter or record value as text; None when missing or not a scalar."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return None if value in _NULLS else value
    return None


def parse_text_file(data: bytes, path: str, sha: str) -> Document:
    """A .txt/.md/.markdown file's bytes to a Document (front matter read, body as written)."""
    stem = Path(path).stem
    text = decode_bytes(data)
    if text is None:
        return _rejected(stem, path, None, sha, "binary content, not text")
    front, body, _ = split_front_matter(text)
    meta: dict[str, Any] = {}
    if front is not None:
        import yaml

        try:
            loaded = yaml.load(front, Loader=_front_matter_loader())  # noqa: S506 (BaseLoader)
        except yaml.YAMLError as exc:
            return _rejected(stem, path, None, sha, _yaml_error(exc))
        if loaded is not None and not isinstance(loaded, dict):
            kind = _json_type(loaded)
            reason = f"front matter: expected 'key: value' lines, got {kind}"
            return _rejected(stem, path, None, sha, reason)
        meta = loaded or {}
    doc_id = _meta_text(meta.get("id")) or stem
    title, source = _meta_text(meta.get("title")), _meta_text(meta.get("source"))
    published_value = meta.get("published")
    if isinstance(published_value, str) and published_value.strip() in _NULLS:
        published_value = None  # "published:" or "published: ~" is a missing date
    try:
        published = parse_published(published_value)
    except DateError as exc:
        return _rejected(
            doc_id, path, None, sha, f"front matter: {exc}", title=title, source=source
        )
    if not body.strip():
        reason = "empty text after the front matter" if front is not None else "empty text"
        meta = {"published": published, "title": title, "source": source}
        return _rejected(doc_id, path, None, sha, reason, **meta)
    return _ok(doc_id, path, None, sha, body, published=published, title=title, source=source)


_HTML_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,  # no guessing from copyright lines or free text
    "max_date": "2199-12-31",  # trafilatura's default bound is today: keep results clock-free
}


def parse_html(data: bytes, path: str, sha: str) -> Document:
    """An HTML page's bytes to a Document: the main text, title, site name and date."""
    stem = Path(path).stem
    markup = decode_bytes(data, html=True)
    if markup is None:
        return _rejected(stem, path, None, sha, "binary content, not text")
    # Imported here: trafilatura takes half a second to import, JSONL-only runs skip it.
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params=dict(_HTML_DATE_PARAMS),
        )
    except Exception as exc:  # lxml and trafilatura raise many types on hostile markup
        reason = f"HTML could not be parsed ({type(exc).__name__}: {exc})"
        return _rejected(stem, path, None, sha, reason)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        return _rejected(stem, path, None, sha, "no article text found in HTML")
    try:
        published = parse_published(getattr(extracted, "date", None))
    except DateError:
        published = None  # trafilatura's reading of the page, not an author's statement
    return _ok(
        stem,
        path,
        None,
        sha,
        text,
        published=published,
        title=_meta_text(getattr(extracted, "title", None)),
        source=_meta_text(getattr(extracted, "sitename", None)),
    )


def parse_jsonl_line(raw: bytes, path: str, line: int, stem: str) -> Document:
    """One non-blank JSONL line (without its terminator) to a Document."""
    sha = hashlib.sha256(raw).hexdigest()
    fallback_id = f"{stem}:{line}"
    if raw.startswith(codecs.BOM_UTF8):  # first line, or files concatenated with BOMs
        raw = raw[3:]
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_bytes(raw)
        if decoded is None:
            return _rejected(fallback_id, path, line, sha, f"line {line}: binary content, not text")
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        reason = f"line {line}: invalid JSON at column {exc.colno} ({exc.msg})"
        return _rejected(fallback_id, path, line, sha, reason)
    except RecursionError:
        reason = f"line {line}: invalid JSON (nested too deeply)"
        return _rejected(fallback_id, path, line, sha, reason)
    if not isinstance(record, dict):
        reason = f"line {line}: expected a JSON object, got {_json_type(record)}"
        return _rejected(fallback_id, path, line, sha, reason)
    doc_id = _meta_text(record.get("id")) or fallback_id
    title, source = _meta_text(record.get("title")), _meta_text(record.get("source"))
    meta: dict[str, Any] = {"title": title, "source": source}
    try:
        meta["published"] = parse_published(record.get("published"))
    except DateError as exc:
        return _rejected(doc_id, path, line, sha, f"line {line}: {exc}", **meta)
    if "text" not in record:
        return _rejected(doc_id, path, line, sha, f"line {line}: no text field", **meta)
    text = record["text"]
    if not isinstance(text, str):
        reason = f"line {line}: text is {_json_type(text)}, not a string"
        return _rejected(doc_id, path, line, sha, reason, **meta)
    if not text.strip():
        return _rejected(doc_id, path, line, sha, f"line {line}: empty text", **meta)
    return _ok(doc_id, path, line, sha, text, **meta)


# ---------------------------------------------------------------------------------------------
# I/O at the edges: finding files, reading them


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _os_reason(exc: OSError, what: str = "file") -> str:
    return f"cannot read {what}: {exc.strerror or exc}"


def _iter_inputs(paths: Sequence[str | Path]) -> Iterator[tuple[str, Path, str | None]]:
    """(path as shown, path, reason it cannot be opened or None) for every input file."""
    for given in paths:
        path = Path(given)
        shown = str(path)
        try:
            info = path.stat()
        except OSError as exc:
            yield shown, path, _os_reason(exc)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, {(info.st_dev, info.st_ino)})
        else:
            yield shown, path, None


def _walk(folder: Path, ancestors: set[tuple[int, int]]) -> Iterator[tuple[str, Path, str | None]]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as exc:
        yield str(folder), folder, _os_reason(exc, "folder")
        return
    for name in names:
        if name.startswith("."):
            continue
        path = folder / name
        try:
            info = path.stat()  # follows symbolic links
        except OSError as exc:
            yield str(path), path, _os_reason(exc)  # a dangling link, a file gone meanwhile
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key not in ancestors:  # a link to an enclosing folder would loop forever
                yield from _walk(path, ancestors | {key})
        else:
            yield str(path), path, None


def _read_whole(path: Path, shown: str, suffix: str) -> Document:
    stem = path.stem
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return _rejected(stem, shown, None, "", "not a regular file")
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            kind = suffix or "(no extension)"
            return _rejected(stem, shown, None, _file_digest(path), f"unsupported file type {kind}")
        if info.st_size > MAX_FILE_BYTES:
            size = f"{info.st_size / 2**20:.0f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB"
            return _rejected(stem, shown, None, _file_digest(path), f"file too large ({size})")
        data = path.read_bytes()
    except OSError as exc:
        return _rejected(stem, shown, None, "", _os_reason(exc))
    sha = hashlib.sha256(data).hexdigest()
    if not data:
        return _rejected(stem, shown, None, sha, "empty file")
    if suffix in HTML_SUFFIXES:
        return parse_html(data, shown, sha)
    return parse_text_file(data, shown, sha)


def _read_jsonl(path: Path, shown: str) -> Iterator[Document]:
    """Stream a JSONL file: one Document per non-blank line, or one for the whole file."""
    stem = path.stem
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            yield _rejected(stem, shown, None, "", "not a regular file")
            return
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after streaming)
    except OSError as exc:
        yield _rejected(stem, shown, None, "", _os_reason(exc))
        return
    with handle:
        line = 0
        try:
            head = handle.read(_SNIFF_BYTES)
            encoding, _ = _split_bom(head)
            if not head:
                yield _rejected(stem, shown, None, _EMPTY_SHA256, "empty file")
                return
            if encoding is None and _looks_binary(head):
                yield _rejected(stem, shown, None, _file_digest(path), "binary content, not text")
                return
            handle.seek(0)
            lines: Iterable[bytes] = handle
            if encoding not in (None, "utf-8"):
                # UTF-16/32 JSONL (PowerShell's ">" writes UTF-16): re-encoded line by line,
                # so the line digest is of its UTF-8 form. The "utf-16"/"utf-32" codecs read
                # the BOM and drop it.
                text_lines = io.TextIOWrapper(handle, encoding=encoding[:6], newline="\n")
                lines = (chunk.encode("utf-8", "surrogatepass") for chunk in text_lines)
            records = 0
            for raw in lines:
                line += 1
                raw = raw.rstrip(b"\r\n")  # a line is split on \n; \r\n endings are common
                if not raw.removeprefix(codecs.BOM_UTF8).strip(_JSON_WHITESPACE):
                    continue
                records += 1
                fallback = (f"{stem}:{line}", shown, line)
                yield _guarded(fallback, parse_jsonl_line, raw, shown, line, stem)
            if not records:
                reason = "empty file (only blank lines)"
                yield _rejected(stem, shown, None, _file_digest(path), reason)
        except (OSError, UnicodeDecodeError) as exc:
            reason = f"read error after line {line}: {getattr(exc, 'strerror', None) or exc}"
            yield _rejected(f"{stem}:{line + 1}", shown, line + 1, "", reason)


def _guarded(
    fallback: tuple[str, str, int | None], parse: Callable[..., Document], *args: Any
) -> Document:
    """Run one parser; an unexpected exception becomes a rejected row, not a crash.

    The parsers handle every failure they know of; this is the net under them, because the
    contract is one row per input whatever the input holds.
    """
    doc_id, shown, line = fallback
    try:
        return parse(*args)
    except Exception as exc:
        logger.exception("ingest failed on %s%s", shown, f":{line}" if line else "")
        reason = f"internal error while reading: {type(exc).__name__}: {exc}"
        return _rejected(doc_id, shown, line, "", reason)


def _raw_documents(paths: Sequence[str | Path]) -> Iterator[Document]:
    for shown, path, problem in _iter_inputs(paths):
        if problem is not None:
            yield _rejected(path.stem or shown, shown, None, "", problem)
            continue
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, shown)
        else:
            yield _guarded((path.stem, shown, None), _read_whole, path, shown, suffix)


# ---------------------------------------------------------------------------------------------
# Accounting across inputs: dates by default, duplicates, unique ids


class _Ledger:
    """What one call has seen: ids taken and the first document of each text."""

    def __init__(self, default_published: dt.date | None) -> None:
        self.default = default_published
        self.ids: set[str] = set()
        self.texts: dict[bytes, tuple[str, str, int | None]] = {}

    def settle(self, doc: Document) -> Document:
        doc.doc_id = self._unique(_scrub(doc.doc_id), doc)
        doc.text = _scrub(doc.text)
        doc.title = _scrub_optional(doc.title)
        doc.source = _scrub_optional(doc.source)
        doc.reason = _scrub_optional(doc.reason)
        if doc.status != OK:
            return doc
        if doc.published is None:
            doc.published = find_dateline_date(doc.text) or self.default
        key = _text_key(doc.text)
        first = self.texts.get(key)
        if first is None:
            self.texts[key] = (doc.doc_id, doc.source_path, doc.source_line)
            return doc
        first_id, first_path, first_line = first
        where = first_path if first_line is None else f"{first_path}:{first_line}"
        doc.status = DUPLICATE
        doc.reason = f"same text as {first_id} ({where})"
        doc.duplicate_of = first_id
        return doc

    def _unique(self, wanted: str, doc: Document) -> str:
        doc_id = wanted
        n = 2
        while doc_id in self.ids:
            doc_id = f"{wanted}~{n}"
            n += 1
        if doc_id != wanted:
            logger.info("doc_id %r already used; %s gets %r", wanted, doc.source_path, doc_id)
        self.ids.add(doc_id)
        return doc_id


def iter_documents(
    paths: Sequence[str | Path] | str | Path, *, published: dt.date | None = None
) -> Iterator[Document]:
    """Yield one Document per input: a file, or one non-blank line of a JSONL file.

    Args:
        paths: files and folders; folders are walked recursively in name order, hidden files
            and folders skipped. A single path is accepted too.
        published: the publication date of documents that carry none of their own and have
            no dated dateline (e.g. a folder of one day's articles). Never the clock.

    Yields:
        Documents in input order, with unique ``doc_id`` (``<id>~2`` for a re-used id) and
        ``duplicate`` status for a text already seen in this call. Streams: a JSONL file is
        read line by line.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    ledger = _Ledger(parse_published(published))  # a date, a datetime or an ISO string
    for doc in _raw_documents(paths):
        yield ledger.settle(doc)


def iter_batches(
    paths: Sequence[str | Path] | str | Path,
    *,
    published: dt.date | None = None,
    batch_size: int = 1000,
) -> Iterator[list[Document]]:
    """:func:`iter_documents` in lists of at most ``batch_size`` (duplicates found across all)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    batch: list[Document] = []
    for doc in iter_documents(paths, published=published):
        batch.append(doc)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def documents_table(docs: Iterable[Document]) -> pa.Table:
    """The ``documents`` table of ``docs`` as an Arrow table of its schema."""
    rows = list(docs)
    columns: dict[str, list[Any]] = {
        name: list(map(attrgetter(name), rows)) for name in _DOCUMENT_FIELDS
    }
    columns["n_chars"] = [len(doc.text) for doc in rows]
    return columns_table(columns, "documents")


def documents_frame(docs: Iterable[Document]) -> pd.DataFrame:
    """The ``documents`` table of ``docs``: exactly its columns, in order, with its types.

    Built through Arrow with the table's schema, so the frame has the dtypes
    :func:`helpers.schema.read_table` gives back, except ``source_line``, which is the
    nullable ``Int64`` (not float64) because most rows have no line.
    """
    frame = documents_table(docs).to_pandas()
    frame["source_line"] = frame["source_line"].astype("Int64")
    return frame
