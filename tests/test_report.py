"""Tests of helpers.report: escaping, provenance, and export of a notebook to an offline page.

``build_sample_report`` (also used by tests/test_browser.py) writes a small notebook that
calls the report and figure helpers on a hand-made engagements frame with one hostile row,
executes it with papermill (kernel ``python3``) and exports it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from helpers import __version__, report

# Payloads that would run script or load something if any builder let them through. Running
# any of them sets window.__pwned or raises a dialog, which tests/test_browser.py watches.
HOSTILE_EVIDENCE = (
    "<script>window.__pwned=1;alert(1)</script> Officials said "
    '<img src=x onerror="window.__pwned=2;alert(2)"> the talks '
    '<a href="javascript:alert(3)">went well</a>.'
)
HOSTILE = {
    "engagement_id": "eng-6<b>",
    "doc_id": "doc-<script>alert(7)</script>",
    "doc_ids": ["doc-<script>alert(7)</script>"],
    "n_mentions": 1,
    "kind": "meeting",
    "mode": "in_person",
    "status": "proposed",
    "participants": ['<img src=x onerror="window.__pwned=4;alert(4)">', "Vladimir Putin"],
    "initiator": "<svg onload=alert(5)>",
    "location": '"><script>window.__pwned=5</script>',
    "country": "javascript:alert(6)",
    "date_start": None,
    "date_end": None,
    "date_precision": "unknown",
    "topics": ["<b>gas</b> & oil", "javascript:alert(8)"],
    "evidence": HOSTILE_EVIDENCE,
    "evidence_start": 0,
    "evidence_end": len(HOSTILE_EVIDENCE),
    "cameo": "036",
    "plover": "CONSULT",
    "conflict": "'><iframe src=https://example.org/x></iframe>",
}


def _row(n: int, kind: str, mode: str, status: str, participants: list[str], initiator: str | None,
         location: str | None, country: str | None, start: str, end: str, precision: str,
         topics: list[str], evidence: str, docs: list[str], mentions: int = 1) -> dict:  # fmt: skip
    return {
        "engagement_id": f"eng-{n}",
        "doc_id": docs[0],
        "doc_ids": docs,
        "n_mentions": mentions,
        "kind": kind,
        "mode": mode,
        "status": status,
        "participants": participants,
        "initiator": initiator,
        "location": location,
        "country": country,
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "topics": topics,
        "evidence": evidence,
        "evidence_start": 0,
        "evidence_end": len(evidence),
        "cameo": "036",
        "plover": "CONSULT",
        "conflict": None,
    }


LUKA, PUTIN = "Alexander Lukashenko", "Vladimir Putin"
SAMPLE_ROWS = [
    _row(1, "meeting", "in_person", "scheduled", [LUKA, PUTIN], LUKA, "Moscow", "Russia",
         "2021-09-09", "2021-09-09", "day", ["integration roadmaps", "gas pricing"],
         "The meeting of the two presidents will take place on September 9 in Moscow, "
         "Dmitry Peskov said.", ["seed-0001", "seed-0002"], 3),
    _row(2, "call", "phone", "occurred", [PUTIN, LUKA], PUTIN, None, None,
         "2021-08-30", "2021-08-30", "day", ["situation in Afghanistan"],
         "On Monday Vladimir Putin phoned Alexander Lukashenko to discuss the situation in "
         "Afghanistan.", ["seed-0001"]),
    _row(3, "summit", "in_person", "scheduled", ["CSTO", "SCO"], None, "Dushanbe", "Tajikistan",
         "2021-09-11", "2021-09-20", "part_of_month", ["regional security"],
         "In mid-September Dushanbe will host the CSTO and SCO summits.", ["seed-0001"]),
    _row(4, "meeting", "in_person", "occurred", [LUKA, PUTIN], None, "Sochi", "Russia",
         "2021-05-21", "2021-05-31", "part_of_month", ["aviation", "economic cooperation"],
         "The leaders last met in Sochi in late May.", ["seed-0001"]),
    _row(5, "meeting", "in_person", "occurred", [LUKA, PUTIN], None, "Saint Petersburg",
         "Russia", "2021-07-01", "2021-07-31", "month", [],
         "In July they met again in Saint Petersburg.", ["seed-0001"]),
    HOSTILE,
]  # fmt: skip


def sample_frame() -> pd.DataFrame:
    """The six engagements (five from the spec's seed article, one hostile and undated)."""
    frame = pd.DataFrame(SAMPLE_ROWS)
    for column in ("date_start", "date_end"):
        frame[column] = [
            dt.date.fromisoformat(v) if isinstance(v, str) else None for v in frame[column]
        ]
    return frame


_SETUP = """\
import datetime as dt, json
import pandas as pd
from helpers import figures, report

rows = json.loads({rows!r})
df = pd.DataFrame(rows)
for column in ("date_start", "date_end"):
    df[column] = [dt.date.fromisoformat(v) if isinstance(v, str) else None for v in df[column]]
df = df[df["n_mentions"] >= min_mentions]
"""


def build_sample_notebook(path: Path) -> Path:
    """Write the sample report notebook (not executed) to ``path``."""
    v4 = nbformat.v4
    cells = [
        v4.new_markdown_cell("# Belarus and Russia: engagements, summer 2021"),
        v4.new_code_cell('corpus = "seed"\nmin_mentions = 1', metadata={"tags": ["parameters"]}),
        v4.new_code_cell(_SETUP.format(rows=json.dumps(SAMPLE_ROWS))),
        v4.new_markdown_cell(
            "## Summary\n\nThe seed article reports **six** engagements between Belarus and "
            "Russia and their partners: three meetings of the two presidents, two calls "
            "and a pair of summits. One record is a deliberately hostile test row "
            "(markup in every field); it must appear as plain text."
        ),
        v4.new_code_cell("report.summary_html(df)"),
        v4.new_markdown_cell(
            "## Timeline\n\nBars are uncertain dates; markers exact days. "
            "Filled markers happened; hollow ones are scheduled or proposed."
        ),
        v4.new_code_cell(
            'figures.show(figures.timeline(df), alt="Timeline of the dated engagements by '
            'participant group, May to September 2021; the undated one is not drawn.")'
        ),
        v4.new_markdown_cell("## Engagements\n\nClick a column header to sort."),
        v4.new_code_cell("report.engagements_table_html(df)"),
        v4.new_markdown_cell("### Counts by kind"),
        v4.new_code_cell(
            'report.table_html(df.groupby("kind").size().rename("engagements").reset_index(),'
            " sortable=True)"
        ),
        v4.new_markdown_cell(
            "## Appendix: outputs not built by parley\n\nThese cells display article text "
            "without the escaping builders; the report sanitizes or drops them."
        ),
        v4.new_code_cell(
            "from IPython.display import HTML, Markdown, Javascript, display\n"
            'hostile = df["evidence"].iloc[-1]\n'
            "display(HTML(hostile))\n"
            'display(Markdown("**Markdown:** " + hostile))\n'
            'display(Javascript("window.__pwned = 9"))\n'
            'print("printed:", hostile)'
        ),
        v4.new_code_cell("import sys\nprint('a warning', file=sys.stderr)", metadata={}),
    ]
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def build_sample_report(folder: Path) -> dict:
    """Execute the sample notebook with papermill and export it; return the paths involved.

    The provenance names two inputs: a JSON copy of the rows (a file) and a folder holding
    one file (so both kinds of hash appear in the stamp).
    """
    import papermill

    folder.mkdir(parents=True, exist_ok=True)
    source = build_sample_notebook(folder / "sample_report.ipynb")
    executed = folder / "sample_report.executed.ipynb"
    papermill.execute_notebook(
        str(source), str(executed), parameters={"min_mentions": 1}, kernel_name="python3",
        progress_bar=False, execution_timeout=180, cwd=str(folder),
    )  # fmt: skip
    data = folder / "engagements.json"
    data.write_text(json.dumps(SAMPLE_ROWS), encoding="utf-8")
    raw = folder / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "seed.txt").write_text("The seed article.\n", encoding="utf-8")
    prov = report.provenance({"min_mentions": 1, "corpus": "seed"}, [data, raw])
    html_path = report.export_html(executed, folder / "sample_report.html", provenance=prov)
    return {"notebook": executed, "html": html_path, "provenance": prov, "data": data}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict:
    built = build_sample_report(tmp_path_factory.mktemp("report"))
    built["text"] = built["html"].read_text(encoding="utf-8")
    return built


def referenced_urls(page: str) -> list[str]:
    """Every URL the page would load or link to, found by parsing it as a browser would.

    Text that merely mentions a URL (escaped article text) is not a reference; attributes
    and CSS ``url()``/``@import`` are.
    """
    soup = BeautifulSoup(page, "html.parser")
    found = []
    for element in soup.find_all(True):
        for name in ("src", "href", "action", "formaction", "poster", "data", "srcset",
                     "xlink:href", "background"):  # fmt: skip
            if element.get(name):
                found.append(str(element[name]).strip())
    css = " ".join(s.get_text() for s in soup.find_all("style"))
    css += " ".join(str(e["style"]) for e in soup.find_all(style=True))
    found += re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    found += re.findall(r"@import\s+['\"]?([^'\";\s]+)", css)
    return found


# --------------------------------------------------------------------------- escaping

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_evidence_payloads_are_escaped(payload: str) -> None:
    frame = sample_frame().head(1).assign(evidence=payload)
    out = report.engagements_table_html(frame)
    assert payload not in out
    assert report.html.escape(payload, quote=True) in out
    assert not re.search(r"<(script|img|a)\b", out, re.IGNORECASE)


def test_every_field_of_the_hostile_row_is_escaped() -> None:
    out = report.engagements_table_html(sample_frame())
    assert isinstance(out, str) and isinstance(out, report.SafeHTML)
    # Parsed as a browser would: only the builder's own tags and attributes, no link at all.
    elements = BeautifulSoup(out, "html.parser").find_all(True)
    assert {e.name for e in elements} <= {
        "div", "table", "thead", "tbody", "tr", "th", "td", "button", "span", "time", "ul",
        "li", "q", "p", "strong", "code", "wbr",
    }  # fmt: skip
    attributes = {a for e in elements for a in e.attrs}
    assert attributes <= {"class", "data-rows", "data-sortable", "scope", "type", "data-sort",
                          "data-engagement-id"}  # fmt: skip
    # Every hostile value reads back, as text, exactly as the article had it.
    row = BeautifulSoup(out, "html.parser").find("tr", attrs={"data-engagement-id": "eng-6<b>"})
    cells = {c["class"][0]: c for c in row.find_all("td")}
    assert cells["col-place"].get_text() == f"{HOSTILE['location']}, {HOSTILE['country']}"
    assert cells["col-initiator"].get_text() == HOSTILE["initiator"]
    assert cells["col-evidence"].get_text().startswith(HOSTILE_EVIDENCE)
    assert [li.get_text() for li in cells["col-participants"].find_all("li")] == HOSTILE[
        "participants"
    ]
    assert cells["col-topics"].get_text() == "; ".join(HOSTILE["topics"])
    assert cells["col-documents"].code.get_text() == HOSTILE["doc_id"]
    assert 'data-engagement-id="eng-6&lt;b&gt;"' in out
    assert out.count("<tr") == 1 + len(SAMPLE_ROWS)


def test_table_structure_and_sort_keys() -> None:
    out = report.engagements_table_html(sample_frame())
    assert "data-sortable" in out
    assert out.count('<button type="button" class="sort">') == 10
    assert 'data-sort="2021-05-21/2021-05-31"' in out
    assert "part of month" in out
    assert "undated" in out
    assert "3 mentions" in out
    plain = report.engagements_table_html(sample_frame(), sortable=False)
    assert "data-sortable" not in plain and "<button" not in plain


def test_table_needs_its_columns_and_handles_empty() -> None:
    with pytest.raises(ValueError, match="participants"):
        report.engagements_table_html(sample_frame().drop(columns="participants"))
    assert "No engagements" in report.engagements_table_html(sample_frame().head(0))


def test_generic_table_escapes_and_formats() -> None:
    frame = pd.DataFrame(
        {"name": ["<b>A</b>", "B"], "n": [3, 12], "share": [0.5, 0.125],
         "day": [dt.date(2021, 5, 1), None], "tags": [["x", "<y>"], []]}
    )  # fmt: skip
    out = report.table_html(frame, sortable=True, caption="<caption>")
    assert "<b>" not in out and "&lt;b&gt;A&lt;/b&gt;" in out
    assert "&lt;caption&gt;" in out
    assert 'class="col-c1 num" data-sort="12">12<' in out
    assert ">0.5<" in out and ">0.12<" in out and "2021-05-01" in out and "x; &lt;y&gt;" in out
    assert "Nothing to list" in report.table_html(frame.head(0))


def test_safe_html_marks_its_output_but_concatenation_drops_the_mark() -> None:
    out = report.table_html(pd.DataFrame({"a": [1]}))
    data, meta = out._repr_mimebundle_()
    assert data["text/html"] == str(out) and meta == report.SAFE_MARK
    assert not isinstance(out + "<script>", report.SafeHTML)


def test_output_renderer_trusts_only_marked_html() -> None:
    hostile = {"output_type": "display_data", "metadata": {},
               "data": {"text/html": HOSTILE_EVIDENCE, "text/plain": "<HTML>"}}  # fmt: skip
    out = report.output_html(hostile)
    assert "<script" not in out and "onerror" not in out and "javascript:" not in out
    marked = dict(hostile, metadata=report.SAFE_MARK)
    assert report.output_html(marked).count("<script") == 1  # verbatim: only builders mark
    js = {"output_type": "display_data", "metadata": {},
          "data": {"application/javascript": "window.__pwned=1"}}  # fmt: skip
    assert report.output_html(js) == ""
    stream = {"output_type": "stream", "name": "stdout", "text": "<b>x</b>"}
    assert "&lt;b&gt;" in report.output_html(stream)
    assert report.output_html({"output_type": "stream", "name": "stderr", "text": "w"}) == ""


def test_builders_accept_frames_read_from_parquet(tmp_path: Path) -> None:
    """Through helpers.schema: dates as datetime.date, lists as numpy arrays, nulls as None."""
    from helpers import figures, schema

    path = schema.write_table(sample_frame(), tmp_path / "engagements.parquet", "engagements")
    frame = schema.read_table(path, "engagements")
    out = report.engagements_table_html(frame)
    assert out.count("<tr") == 1 + len(SAMPLE_ROWS)
    assert 'data-sort="2021-05-21/2021-05-31"' in out and "<li>CSTO</li>" in out
    assert "6" in report.summary_html(frame) and "21 May \u2013 20 Sep 2021" in report.summary_html(
        frame
    )
    fig = figures.timeline(frame)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        "Alexander Lukashenko \u2013 Vladimir Putin (4)",
        "CSTO \u2013 SCO (1)",
    ]


# --------------------------------------------------------------------------- provenance


def test_provenance_hashes_files_and_folders(tmp_path: Path) -> None:
    one = tmp_path / "a.parquet"
    one.write_bytes(b"abc")
    folder = tmp_path / "raw"
    (folder / "sub").mkdir(parents=True)
    (folder / "x.txt").write_text("x")
    (folder / "sub" / "y.txt").write_text("y")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "z.txt").write_text("ignored")
    prov = report.provenance({"since": dt.date(2021, 1, 1), "path": one}, [one, folder])
    assert prov["parley_version"] == __version__
    assert prov["parameters"] == {"since": "2021-01-01", "path": str(one)}
    file_entry, folder_entry = prov["inputs"]
    assert file_entry["sha256"] == hashlib.sha256(b"abc").hexdigest()
    assert file_entry["bytes"] == 3 and file_entry["type"] == "file"
    lines = "".join(
        f"{name}\0{hashlib.sha256(text).hexdigest()}\n"
        for name, text in (("sub/y.txt", b"y"), ("x.txt", b"x"))
    )
    assert folder_entry["sha256"] == hashlib.sha256(lines.encode()).hexdigest()
    assert folder_entry["files"] == 2
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", prov["run_utc"])
    assert prov["git_commit"] is None or re.fullmatch(r"[0-9a-f]{40}", prov["git_commit"])
    json.dumps(prov)  # JSON-safe
    with pytest.raises(FileNotFoundError):
        report.provenance({}, [tmp_path / "missing"])


def test_provenance_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "_ROOT", tmp_path)  # not a checkout: no failure, no commit
    prov = report.provenance({}, [])
    assert prov["git_commit"] is None and prov["git_dirty"] is None


# --------------------------------------------------------------------------- export


def test_builder_outputs_carry_the_mark_in_the_executed_notebook(sample: dict) -> None:
    nb = nbformat.read(sample["notebook"], as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    marked = [o for o in outputs if o.get("metadata", {}).get("parley") == {"escaped": True}]
    # summary, timeline figure, engagements table, counts table
    assert len(marked) == 4
    assert all("text/html" in o["data"] and "text/plain" in o["data"] for o in marked)
    assert nb.metadata["papermill"]["parameters"] == {"min_mentions": 1}


def test_export_is_offline_and_hides_code(sample: dict) -> None:
    text = sample["text"]
    assert text.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in text
    assert "<title>Belarus and Russia: engagements, summer 2021</title>" in text
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.IGNORECASE)
    assert not re.search(r"<link\b", text, re.IGNORECASE)
    urls = referenced_urls(text)
    assert urls, "the figure should be referenced as a data: URL"
    assert all(u.startswith(("data:", "#")) for u in urls), urls
    assert "require.js" not in text and "MathJax" not in text and "mermaid" not in text.lower()
    # No code: no input areas, no prompts, no notebook source text.
    assert "jp-InputArea" not in text and "jp-CodeCell" not in text and "In&nbsp;[" not in text
    assert "import pandas" not in text and "figures.show(" not in text
    assert "a warning" not in text  # stderr is left out
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


def test_export_escapes_article_text_everywhere(sample: dict) -> None:
    soup = BeautifulSoup(sample["text"], "html.parser")
    # The payloads are on the page as text ...
    evidence = soup.select_one('tr[data-engagement-id="eng-6<b>"] q.evidence').get_text()
    assert evidence == HOSTILE_EVIDENCE
    # ... and nowhere as markup: no handler attribute, no script but ours, no script URL.
    handlers = [(e.name, a) for e in soup.find_all(True) for a in e.attrs if a.startswith("on")]
    assert handlers == []
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == [None, "application/json"]
    assert "data-sortable" in scripts[0].string  # the sort script, included once
    assert not any(u.lower().startswith("javascript:") for u in referenced_urls(sample["text"]))
    assert not soup.find_all(["iframe", "svg", "object", "embed", "form", "base", "meta"],
                             attrs={"src": True})  # fmt: skip
    assert "window.__pwned = 9" not in sample["text"]  # the Javascript output is dropped
    # The appendix's raw HTML and Markdown outputs were sanitized, the printed text escaped.
    appendix = " ".join(d.get_text() for d in soup.select(".output-html, .output-markdown"))
    assert "the talks" in appendix and "Markdown:" in appendix
    assert "printed: <script>" in soup.select_one("pre.output-stream").get_text()


def test_export_has_toc_figure_table_and_stamp(sample: dict) -> None:
    soup = BeautifulSoup(sample["text"], "html.parser")
    toc = soup.find("nav", id="toc")
    links = [(a.get_text(), a["href"]) for a in toc.find_all("a")]
    assert ("Summary", "#Summary") in links and ("Timeline", "#Timeline") in links
    assert ("Counts by kind", "#Counts-by-kind") in links
    assert links[-1] == ("How this report was made", "#provenance")
    for _, href in links:
        assert soup.find(id=href[1:]) is not None
    # The notebook's "# title" became the page title, once.
    assert soup.find(id="report-title").get_text() == "Belarus and Russia: engagements, summer 2021"
    assert len(soup.find_all("h1")) == 1
    images = soup.select("main img")
    assert len(images) == 1 and images[0]["alt"].startswith("Timeline of the dated engagements")
    assert images[0]["src"].startswith("data:image/png;base64,")
    table = soup.select_one("table.engagements")
    assert len(table.select("tbody tr")) == len(SAMPLE_ROWS)
    assert len(soup.find_all("script", string=re.compile("data-sortable"))) == 1
    stamp = soup.select_one(".stamp").get_text()
    assert f"parley {__version__}" in stamp
    section = soup.find(id="provenance")
    prov_text = section.get_text(" ")
    assert sample["provenance"]["inputs"][0]["sha256"] in prov_text
    assert "min_mentions" in prov_text and "papermill" in prov_text
    blob = json.loads(soup.find("script", id="parley-provenance").string)
    assert blob["provenance"]["parameters"] == {"min_mentions": 1, "corpus": "seed"}
    assert blob["papermill"]["parameters"] == {"min_mentions": 1}


def test_export_without_provenance_uses_papermill_metadata(sample: dict, tmp_path: Path) -> None:
    out = report.export_html(sample["notebook"], tmp_path / "deep" / "r.html", title="<T>")
    text = out.read_text(encoding="utf-8")
    assert "<title>&lt;T&gt;</title>" in text
    assert "min_mentions" in text and "Notebook run" in text
    assert oct(out.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in out.parent.iterdir()] == ["r.html"]  # no temporary left behind


def test_export_is_atomic_on_failure(sample: dict, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "r.html"
    target.write_text("last good report")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report.os, "replace", boom)
    with pytest.raises(RuntimeError):
        report.export_html(sample["notebook"], target)
    assert target.read_text() == "last good report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_sample_report_is_small(sample: dict) -> None:
    assert sample["html"].stat().st_size < 400_000


def test_export_of_a_notebook_without_headings_or_papermill(tmp_path: Path) -> None:
    """Hand-made outputs (no kernel): title from the file name, a TOC with the stamp only."""
    from helpers import figures

    v4 = nbformat.v4
    tiny_png = base64.b64encode(
        figures.png_bytes(figures.timeline(sample_frame().head(0)))
    ).decode()
    cell = v4.new_code_cell("x")
    cell.outputs = [
        v4.new_output("display_data", data={"image/png": tiny_png, "text/plain": "<Figure>"}),
        v4.new_output(
            "display_data",
            data={"application/javascript": "alert(1)", "text/plain": "<Javascript>"},
        ),  # fmt: skip
        v4.new_output("execute_result", data={"text/plain": "'<b>6</b> rows'"}, execution_count=1),
    ]
    hidden = v4.new_code_cell("y", metadata={"tags": ["remove-output"]})
    hidden.outputs = [v4.new_output("stream", name="stdout", text="debug output")]
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("Just text, no heading."),
            v4.new_markdown_cell("## Draft notes", metadata={"tags": ["remove-cell"]}),
            cell,
            hidden,
        ]
    )
    source = tmp_path / "plain_notebook.ipynb"
    nbformat.write(nb, source)
    out = report.export_html(source, tmp_path / "plain.html")
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert soup.title.string == "plain notebook"
    assert [a.get_text() for a in soup.select("nav#toc a")] == ["How this report was made"]
    [img] = soup.select("main img")
    assert img["alt"] == "Figure without a description"
    assert img["src"].startswith("data:image/png;base64,")
    assert "<Javascript>" not in soup.get_text() and "alert(1)" not in str(soup)
    assert soup.select_one("pre.output-text").get_text() == "'<b>6</b> rows'"
    assert "Notebook run" in soup.find(id="provenance").get_text()
    assert "Draft notes" not in str(soup) and "debug output" not in str(soup)  # tagged cells


def test_outputs_held_back_from_parsing_come_back_in_order_and_markers_cannot_be_forged(
    tmp_path: Path,
) -> None:
    """Outputs skip the page parses as comment markers; a look-alike comment stays a comment."""
    v4 = nbformat.v4
    cells = [v4.new_markdown_cell("# Notes\n\n<!--parley-output-0000000000000000-0-->")]
    for n in range(3):
        cell = v4.new_code_cell(f"print({n})")
        cell.outputs = [v4.new_output("stream", name="stdout", text=f"output number {n}")]
        cells.append(cell)
    cells.append(v4.new_code_cell("pass"))  # no output: no marker, no empty block
    source = tmp_path / "held.ipynb"
    nbformat.write(v4.new_notebook(cells=cells), source)
    page = report.export_html(source, tmp_path / "held.html").read_text(encoding="utf-8")
    assert re.findall(r"output number \d", page) == [f"output number {n}" for n in range(3)]
    assert page.count('class="cell cell-output"') == 3
    assert not re.search(r"<!--parley-output-(?!0{16}-0-->)", page)
