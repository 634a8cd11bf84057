"""Tests of helpers.ingest: every input gets one row, with the right status and reason.

Fixtures are built in tmp_path by each test (no binary fixture files in the repository).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ingest, schema
from helpers.ingest import (
    Document,
    documents_frame,
    documents_table,
    iter_batches,
    iter_documents,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "te3_news.jsonl"

HOSTILE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Leaders meet in Minsk | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta name="date" content="2021-09-10">
<script>alert(1); var leaked = "SCRIPT-BODY";</script>
<style>body { color: red; } .x::after { content: "STYLE-BODY"; }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World news</a>
<a href="javascript:alert(2)">Subscribe to our newsletter</a></nav>
<article>
<h1>Leaders meet in Minsk</h1>
<p>Alexander Lukashenko met Vladimir Putin in Moscow on Thursday for talks on gas prices
and the union state, the Kremlin said in a statement after the meeting.</p>
<img src="x.png" onerror="alert(3)">
<p>The two leaders discussed integration roadmaps, energy supplies and military exercises
planned for later this month, according to officials of both governments.</p>
<p>Peskov said the next round of talks would take place in October in Saint Petersburg,
with ministers of both countries attending.</p>
</article>
<footer>Copyright 2021 Daily Planet. All rights reserved. Cookie policy.</footer>
<script>document.write("SCRIPT-TWO")</script>
</body></html>
"""

GOOD_TXT = """---
id: seed-1
published: 2021-09-01
title: Lukashenko to visit Russia
source: BelTA
tags: [belarus, russia]
---

Alexander Lukashenko is scheduled to travel to Russia in early September.
The meeting with Vladimir Putin is set for September 9 in Moscow.
"""

WIN_TEXT = "“Café” talks – the minister’s visit to Genève was a success, he said.\n"
BROKEN_LINE = '{"id": "n2", "published": "2005-11-04", "text" "Talks."}'


def _jsonl(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def _by_place(docs: list[Document]) -> dict[tuple[str, int | None], Document]:
    return {(Path(d.source_path).name, d.source_line): d for d in docs}


def _check_frame(docs: list[Document]) -> None:
    frame = documents_frame(docs)
    assert list(frame.columns) == schema.DOCUMENTS.names
    assert len(frame) == len(docs)
    assert (frame["n_chars"] == frame["text"].str.len()).all()
    schema.validate(schema.to_arrow(frame, "documents"), "documents")
    # the table the pipeline writes is the frame's, without the pandas round trip
    table = documents_table(docs)
    schema.validate(table, "documents")
    assert table.equals(schema.to_arrow(frame, "documents"))


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    root = tmp_path / "raw"
    (root / "feeds").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (root / "notes.md").write_text("# Notes\n\nNo front matter here.\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (root / "win.txt").write_bytes(WIN_TEXT.encode("cp1252"))
    (root / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (root / "table.xyz").write_text("a,b\n1,2\n", encoding="utf-8")
    (root / ".hidden.txt").write_text("never read", encoding="utf-8")
    (root / ".cache" / "x.txt").write_text("never read either", encoding="utf-8")
    (root / "feeds" / "news.jsonl").write_text(
        _jsonl(
            {"id": "n1", "published": "2005-11-04", "title": "Talks", "text": "Leaders met."},
            BROKEN_LINE,
            "",
            {"id": "n3", "title": "No body"},
            {"id": "n4", "text": "Leaders  met.\r\n", "source": "AFP"},
            {"id": "n5", "text": "  \n "},
            "[1, 2]",
        ),
        encoding="utf-8",
    )
    return root


def test_mixed_folder_gives_one_row_per_input(mixed_folder: Path) -> None:
    docs = list(iter_documents([mixed_folder]))
    got = {key: (d.status, d.reason) for key, d in _by_place(docs).items()}
    assert got == {
        ("empty.txt", None): ("rejected", "empty file"),
        ("good.txt", None): ("ok", None),
        ("image.txt", None): ("rejected", "binary content, not text"),
        ("notes.md", None): ("ok", None),
        ("page.html", None): ("ok", None),
        ("table.xyz", None): ("rejected", "unsupported file type .xyz"),
        ("win.txt", None): ("ok", None),
        ("news.jsonl", 1): ("ok", None),
        ("news.jsonl", 2): (
            "rejected",
            "line 2: invalid JSON at column 48 (Expecting ':' delimiter)",
        ),
        ("news.jsonl", 4): ("rejected", "line 4: no text field"),
        ("news.jsonl", 5): ("duplicate", f"same text as n1 ({mixed_folder}/feeds/news.jsonl:1)"),
        ("news.jsonl", 6): ("rejected", "line 6: empty text"),
        ("news.jsonl", 7): ("rejected", "line 7: expected a JSON object, got a list"),
    }
    assert len(docs) == len(got)  # no input twice, hidden files and folders skipped
    # Walked in name order, folders in place: feeds/ sorts between empty.txt and good.txt.
    assert [Path(d.source_path).name for d in docs][:3] == ["empty.txt", "news.jsonl", "news.jsonl"]
    assert all(d.text == "" for d in docs if d.status == "rejected")
    assert len({d.doc_id for d in docs}) == len(docs)
    _check_frame(docs)


def test_broken_json_reason_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(_jsonl({"id": "a", "text": "fine"}, BROKEN_LINE), encoding="utf-8")
    bad = list(iter_documents([path]))[1]
    column = BROKEN_LINE.index('"Talks."') + 1  # 1-based: where a ':' was expected
    assert bad.reason == f"line 2: invalid JSON at column {column} (Expecting ':' delimiter)"
    assert (bad.doc_id, bad.source_line, bad.status) == ("x:2", 2, "rejected")


def test_front_matter_gives_metadata_and_text_as_written(mixed_folder: Path) -> None:
    doc = next(iter_documents([mixed_folder / "good.txt"]))
    assert (doc.doc_id, doc.title, doc.source) == ("seed-1", "Lukashenko to visit Russia", "BelTA")
    assert doc.published == dt.date(2021, 9, 1)
    body = GOOD_TXT.split("---\n", 2)[2]
    assert doc.text == body[1:]  # one leading newline stripped, nothing else
    assert doc.text.startswith("Alexander Lukashenko") and doc.text.endswith("Moscow.\n")
    raw = (mixed_folder / "good.txt").read_bytes()
    assert doc.sha256 == ingest.hashlib.sha256(raw).hexdigest()


def test_markdown_without_front_matter_uses_file_name(mixed_folder: Path) -> None:
    doc = next(iter_documents([mixed_folder / "notes.md"]))
    assert (doc.doc_id, doc.title, doc.source, doc.published) == ("notes", None, None, None)
    assert doc.text == "# Notes\n\nNo front matter here.\n"


def test_windows_1252_is_decoded_right(mixed_folder: Path) -> None:
    doc = next(iter_documents([mixed_folder / "win.txt"]))
    assert doc.text == WIN_TEXT  # charset-normalizer alone reads it as cp1250: "Genčve"


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Plain text with one NUL\x00 byte in it, nothing else odd.")
    (tmp_path / "b.md").write_bytes(bytes(range(1, 32)) * 8)  # control bytes, no NUL
    docs = list(iter_documents([tmp_path]))
    assert [(d.status, d.reason) for d in docs] == [("rejected", "binary content, not text")] * 2


def test_utf8_bom_and_utf16_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeff---\r\nid: bom\r\n---\r\nÉté\r\n".encode())
    (tmp_path / "b.txt").write_bytes("Привет, “мир”".encode("utf-16"))
    (tmp_path / "c.jsonl").write_bytes('{"id": "u", "text": "Grüße"}\r\n'.encode("utf-16"))
    docs = list(iter_documents([tmp_path]))
    assert [(d.doc_id, d.text) for d in docs] == [
        ("bom", "Été\r\n"),
        ("b", "Привет, “мир”"),
        ("u", "Grüße"),
    ]


def test_hostile_html_keeps_the_article_only(mixed_folder: Path) -> None:
    doc = next(iter_documents([mixed_folder / "page.html"]))
    assert doc.status == "ok"
    assert "Alexander Lukashenko met Vladimir Putin in Moscow" in doc.text
    assert "next round of talks would take place in October" in doc.text
    for junk in ("alert", "SCRIPT", "STYLE", "javascript", "onerror", "<", "newsletter",
                 "World news", "All rights reserved"):  # fmt: skip
        assert junk not in doc.text
    assert (doc.title, doc.source, doc.published) == (
        "Leaders meet in Minsk",
        "Daily Planet",
        dt.date(2021, 9, 10),
    )


def test_table_layout_html_gives_prose(tmp_path: Path) -> None:
    paragraph = "The foreign ministers met in Geneva on Tuesday to discuss the ceasefire. " * 3
    (tmp_path / "old.html").write_text(
        "<html><body><table><tr><td><a href='/'>Home</a></td><td>Sports</td></tr>"
        f"<tr><td colspan='2'><p>{paragraph}</p><p>{paragraph}</p></td></tr></table></body></html>"
    )
    (doc,) = iter_documents([tmp_path])
    assert doc.status == "ok" and "ministers met in Geneva" in doc.text
    assert "|" not in doc.text and "Sports" not in doc.text


def test_html_without_article_text_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text(
        "<html><head><script>alert(1)</script></head><body><nav></nav></body></html>"
    )
    (tmp_path / "copyright.htm").write_text(
        "<html><body><article><p>"
        + "The ministers met in Geneva on Tuesday to discuss the ceasefire. " * 5
        + "</p></article><footer>Copyright 2019 Example</footer></body></html>"
    )
    blank, dated = list(iter_documents([tmp_path]))
    assert (blank.doc_id, blank.status, blank.reason) == (
        "blank",
        "rejected",
        "no article text found in HTML",
    )
    # No metadata date: the copyright year is not a publication date (no guessing).
    assert dated.status == "ok" and dated.published is None


def test_bad_published_rejects_with_the_value(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\npublished: last Tuesday\n---\nText.\n")
    (tmp_path / "b.md").write_text("---\npublished: 04/11/2005\n---\nText.\n")
    (tmp_path / "c.md").write_text("---\ntitle: [unclosed\nid: c\n---\nText.\n")
    (tmp_path / "d.jsonl").write_text(
        _jsonl({"id": "d1", "text": "x", "published": "2005-02-30"}, {"text": "y", "published": ""})
    )
    (tmp_path / "e.md").write_text("---\nid: e\npublished: [2005, 11, 4]\n---\nText.\n")
    docs = list(iter_documents([tmp_path], published=dt.date(2000, 1, 1)))
    assert [(d.doc_id, d.status, d.reason) for d in docs] == [
        ("a", "rejected", "front matter: published 'last Tuesday' is not a date"),
        ("b", "rejected", "front matter: published '04/11/2005' is ambiguous (day/month order)"),
        ("c", "rejected", "front matter: expected ',' or ']', but got ':' at line 3"),
        ("d1", "rejected", "line 1: published '2005-02-30' is not a date"),
        ("d:2", "ok", None),  # an empty published is missing, not wrong: the default applies
        ("e", "rejected", "front matter: published is a list, not a date"),
    ]
    assert docs[-2].published == dt.date(2000, 1, 1)


def test_a_text_opening_with_a_rule_has_no_front_matter(tmp_path: Path) -> None:
    text = "---\nBreaking news, in brief.\n---\n\nMINSK, Sept. 9, 2021 - Talks began.\n"
    (tmp_path / "rule.txt").write_text(text)
    (doc,) = iter_documents([tmp_path])
    assert (doc.doc_id, doc.status, doc.text) == ("rule", "ok", text)
    assert doc.published is None  # the dateline is on the fourth line, past the top


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2005-11-04", dt.date(2005, 11, 4)),
        ("2005-11-04T23:30:00-05:00", dt.date(2005, 11, 4)),  # the date as written
        ("20051104", dt.date(2005, 11, 4)),
        ("2005/11/04", dt.date(2005, 11, 4)),
        ("04.11.2005", dt.date(2005, 11, 4)),
        ("Nov. 4, 2005", dt.date(2005, 11, 4)),
        ("4 November 2005", dt.date(2005, 11, 4)),
        ("Fri, 04 Nov 2005 10:00:00 GMT", dt.date(2005, 11, 4)),
        ("11/24/2005", dt.date(2005, 11, 24)),
        ("24/11/2005", dt.date(2005, 11, 24)),
        (dt.datetime(2005, 11, 4, 10), dt.date(2005, 11, 4)),
        ("  ", None),
        (None, None),
    ],
)
def test_parse_published_forms(value: object, expected: dt.date | None) -> None:
    assert ingest.parse_published(value) == expected


@pytest.mark.parametrize(
    "value", ["2005", "Nov 2005", "yesterday", "2005-13-01", "05/06/2005", 3.5]
)
def test_parse_published_refuses(value: object) -> None:
    with pytest.raises(ingest.DateError):
        ingest.parse_published(value)


def test_published_comes_from_document_then_dateline_then_default(tmp_path: Path) -> None:
    records = [
        {"id": "own", "published": "1999-01-02", "text": "WASHINGTON, Nov. 4, 2005 (AFP) - a"},
        {"id": "dateline", "text": "WASHINGTON, Nov. 4, 2005 (AFP) - Talks began."},
        {"id": "iso", "text": "2005-11-05\n\nTalks went on."},
        {"id": "event", "text": "On Nov. 4, 2005, the leaders met."},  # an event, not a dateline
        {"id": "none", "text": "NAIROBI, Kenya (AP) _\n\nNo date here."},
    ]
    path = tmp_path / "d.jsonl"
    path.write_text(_jsonl(*records))
    os.utime(path, (1e9, 1e9))  # an mtime to be ignored
    default = dt.date(2021, 9, 1)
    with_default = {d.doc_id: d.published for d in iter_documents([path], published=default)}
    assert with_default == {
        "own": dt.date(1999, 1, 2),
        "dateline": dt.date(2005, 11, 4),
        "iso": dt.date(2005, 11, 5),
        "event": default,
        "none": default,
    }
    without = {d.doc_id: d.published for d in iter_documents([path])}
    assert without["event"] is None and without["none"] is None  # never the clock or mtime


def test_reused_ids_are_made_unique(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(f"Article from {folder}.")
    (tmp_path / "c.jsonl").write_text(
        _jsonl({"id": "index", "text": "Third article."}, {"id": "index~2", "text": "Fourth."})
    )
    docs = list(iter_documents([tmp_path]))
    assert [(d.doc_id, d.status) for d in docs] == [
        ("index", "ok"),
        ("index~2", "ok"),
        ("index~3", "ok"),
        ("index~2~2", "ok"),
    ]


def test_duplicates_across_files_point_to_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same article.\n")
    (tmp_path / "b.md").write_text("---\nid: bee\n---\nSame   article.")
    (tmp_path / "c.txt").write_text("Same article!\n")
    docs = list(iter_documents([tmp_path, tmp_path / "a.txt"]))  # a.txt given twice
    assert [(d.doc_id, d.status, d.reason, d.duplicate_of) for d in docs] == [
        ("a", "ok", None, None),
        ("bee", "duplicate", f"same text as a ({tmp_path}/a.txt)", "a"),
        ("c", "ok", None, None),
        ("a~2", "duplicate", f"same text as a ({tmp_path}/a.txt)", "a"),
    ]
    assert docs[1].text == "Same   article."  # a duplicate keeps its own text


def test_unreadable_missing_and_special_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked.txt").write_text("secret")
    os.mkfifo(tmp_path / "pipe.txt")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    docs = list(iter_documents([tmp_path, tmp_path / "gone.txt"]))
    assert [(d.doc_id, d.status, d.reason, d.sha256) for d in docs] == [
        ("locked", "rejected", "cannot read file: Permission denied", ""),
        ("pipe", "rejected", "not a regular file", ""),
        ("gone", "rejected", "cannot read file: No such file or directory", ""),
    ]
    _check_frame(docs)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "locked.jsonl"
    path.write_text('{"text": "x"}\n')
    path.chmod(0)
    try:
        (doc,) = iter_documents([path])
    finally:
        path.chmod(0o600)
    assert (doc.status, doc.reason) == ("rejected", "cannot read file: Permission denied")


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Text.")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    assert [d.doc_id for d in iter_documents([tmp_path])] == ["a"]


def test_jsonl_edge_files(tmp_path: Path) -> None:
    (tmp_path / "blank.jsonl").write_text("\n \n\t\n")
    (tmp_path / "binary.jsonl").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "odd.jsonl").write_text(
        "[" * 50_000 + "\n" + '{"id": "s", "text": "\\ud800 lone surrogate", "title": ["x"]}\n'
    )
    docs = list(iter_documents([tmp_path]))
    assert [(d.doc_id, d.status, d.reason) for d in docs] == [
        ("binary", "rejected", "binary content, not text"),
        ("blank", "rejected", "empty file (only blank lines)"),
        ("empty", "rejected", "empty file"),
        ("odd:1", "rejected", "line 1: invalid JSON (nested too deeply)"),
        ("s", "ok", None),
    ]
    assert docs[-1].text == "\ufffd lone surrogate" and docs[-1].title is None
    _check_frame(docs)  # Parquet takes the text: no lone surrogate left


def test_iter_batches_share_one_ledger(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(_jsonl(*({"id": f"d{i}", "text": f"Text {i % 4}."} for i in range(10))))
    batches = list(iter_batches([path], batch_size=4))
    assert [len(b) for b in batches] == [4, 4, 2]
    statuses = [d.status for b in batches for d in b]
    assert statuses == ["ok"] * 4 + ["duplicate"] * 6  # found across batches too
    with pytest.raises(ValueError, match="batch_size"):
        next(iter_batches([path], batch_size=0))


def test_documents_frame_of_nothing_is_a_valid_table() -> None:
    _check_frame([])


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    filler = "word " * 200
    with path.open("w") as handle:
        for i in range(27_000):
            handle.write(json.dumps({"id": f"d{i}", "text": f"Article {i}. {filler}"}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_documents([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 27_000
    # The ledger (ids, text digests) grows with the number of documents, not their size.
    assert peak < size / 2, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB file"


# --- property tests: whatever the content, no exception and one row per input ---------------

SUFFIXES = [".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".xyz", ""]


def _is_record(line: bytes) -> bool:
    """A JSONL line that is a record: anything but JSON whitespace (and a BOM)."""
    return bool(line.removeprefix(b"\xef\xbb\xbf").strip(b" \t\r\n"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    contents=st.lists(st.binary(max_size=300) | st.text(max_size=300), max_size=6), data=st.data()
)
def test_random_files_never_raise(contents: list[bytes | str], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, content in enumerate(contents):
            suffix = data.draw(st.sampled_from(SUFFIXES))
            path = Path(folder) / f"f{i}{suffix}"
            raw = content if isinstance(content, bytes) else content.encode("utf-8")
            path.write_bytes(raw)
            paths.append((path, raw))
        docs = list(iter_documents([folder]))
        for path, raw in paths:
            rows = [d for d in docs if d.source_path == str(path)]
            if path.suffix != ".jsonl":
                assert len(rows) == 1, raw
            elif raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
                assert rows  # UTF-16/32: lines are counted after decoding
            elif not (len(rows) == 1 and rows[0].source_line is None):  # not refused as a whole
                lines = raw.split(b"\n")
                records = [n for n, line in enumerate(lines, 1) if _is_record(line)]
                assert [d.source_line for d in rows] == records, raw
        assert len(docs) >= len(paths)
        assert {d.status for d in docs} <= {"ok", "rejected", "duplicate"}
        assert all(d.reason for d in docs if d.status != "ok")
        _check_frame(docs)


_records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=8) | st.integers() | st.none(),
        "published": st.text(max_size=12) | st.dates().map(str) | st.none(),
        "title": st.text(max_size=10) | st.none(),
        "text": st.text(max_size=60) | st.integers() | st.none(),
        "source": st.text(max_size=8),
    },
).map(json.dumps)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(_records | st.text(max_size=80).map(lambda s: s.replace("\n", "")), max_size=12)
)
def test_random_jsonl_lines_never_raise(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8", newline="")
        docs = list(iter_documents([path]))
        records = [
            n for n, line in enumerate(lines, 1) if line.removeprefix("\ufeff").strip(" \t\r\n")
        ]
        if [d.source_line for d in docs] != records:
            # The whole file refused at once (empty, only blanks, or binary-looking).
            assert len(docs) == 1 and docs[0].status == "rejected" and docs[0].source_line is None
        for doc in docs:
            assert (doc.status == "ok") == (doc.reason is None)
            assert (doc.status == "rejected") == (doc.text == "")
        assert len({d.doc_id for d in docs}) == len(docs)
        _check_frame(docs)


# --- the shared corpus ---------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason=f"shared corpus absent: {CORPUS}")
def test_reads_the_te3_corpus() -> None:
    start = time.perf_counter()
    docs = list(iter_documents([CORPUS]))
    elapsed = time.perf_counter() - start
    assert len(docs) == 2_708
    assert all(d.published is not None for d in docs)
    assert len({d.doc_id for d in docs}) == 2_708
    # The corpus holds one article twice under two ids (TimeBank's APW20000107.0088 and
    # APW20000115.0209, same text): the second is a duplicate, every other one is ok.
    not_ok = [(d.doc_id, d.status, d.duplicate_of) for d in docs if d.status != "ok"]
    assert not_ok == [("APW20000115.0209", "duplicate", "APW20000107.0088")]
    # Datelines agree with the corpus' own dates wherever one is found.
    datelines = [(ingest.find_dateline_date(d.text), d.published) for d in docs]
    found = [(a, b) for a, b in datelines if a is not None]
    assert len(found) > 2_000 and all(a == b for a, b in found)
    _check_frame(docs)
    # Well under 0.2 s on a laptop; the bound here only catches a pathological slow-down.
    assert elapsed < 1.0, f"{elapsed:.2f} s for 2,708 documents"
