"""``parley run`` over a messy raw folder, and its reports opened in headless Chromium.

The raw folder holds what raw folders hold in practice: the seed article, an empty file,
a binary file, a Windows-1252 file, a hostile HTML page, a hostile text article whose
evidence carries markup, and a JSONL file with a good line, a broken line and a line
without text. Every input gets its row; the good ones are extracted; no markup from an
article runs in the browser.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import schema
from helpers.cli import main
from test_browser import ARTIFACTS, BROWSER_MISSING, check_report

pytestmark = pytest.mark.slow

HOSTILE_TEXT = """---
id: hostile_text
published: 2021-09-01
---
Chinese President Xi Jinping met Japanese Prime Minister Yoshihide Suga in Beijing on
August 20 <script>window.__pwned = 1</script> to discuss trade
<img src=x onerror="window.__pwned = 1"> and <a href="javascript:window.__pwned=1">security</a>.
"""

HOSTILE_HTML = """<!doctype html><html><head><title>Ministers meet</title>
<script>window.__pwned = 1; alert('pwned')</script>
<meta property="article:published_time" content="2021-09-01"></head>
<body><nav>Home | World | <a href="javascript:alert(1)">Login</a></nav>
<article><h1>Ministers meet</h1>
<p>French Foreign Minister Jean-Yves Le Drian met German Foreign Minister Heiko Maas in
Paris on August 25 to discuss the situation in Afghanistan, officials said.</p>
<p onmouseover="window.__pwned = 1">Both ministers called for a coordinated response
to the crisis and said they would meet again in October.</p></article>
<footer>Copyright. <script>document.write('x')</script></footer></body></html>
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory, seed_path) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("e2e")
    raw = base / "raw"
    raw.mkdir()
    (raw / "lukashenko_putin_visit.txt").write_bytes(seed_path.read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(bytes(range(256)) * 8)
    (raw / "legacy.txt").write_bytes(
        "\u201cThe talks were useful,\u201d said the envoy in Gen\u00e8ve.".encode("cp1252"))
    (raw / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (raw / "hostile_text.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    good = {"id": "wire1", "published": "2021-09-03",
            "text": "Russian President Vladimir Putin spoke by telephone with Turkish "
                    "President Recep Tayyip Erdogan on Thursday, the Kremlin said."}
    (raw / "wire.jsonl").write_text(
        json.dumps(good) + "\n" + '{"id": "broken", "text": "unterminated\n'
        + json.dumps({"id": "notext", "published": "2021-09-03"}) + "\n", encoding="utf-8")
    folders = {"processed": base / "processed", "reports": base / "reports"}
    code = main(["run", "--raw", str(raw), "--processed", str(folders["processed"]),
                 "--reports", str(folders["reports"]),
                 "-p", "actors", '["Vladimir Putin", "Alexander Lukashenko"]'])
    assert code == 0
    return folders


def test_every_input_has_its_row_with_a_reason(published):
    docs = schema.read_table(published["processed"] / "documents.parquet", "documents")
    by_path = {Path(p).name + (f":{int(n)}" if n == n and n is not None else ""): (s, r)
               for p, n, s, r in docs[["source_path", "source_line", "status", "reason"]]
               .itertuples(index=False)}
    assert by_path["lukashenko_putin_visit.txt"][0] == "ok"
    assert by_path["legacy.txt"][0] == "ok"
    assert by_path["hostile.html"][0] == "ok"
    assert by_path["empty.txt"] == ("rejected", "empty file")
    assert by_path["image.txt"] == ("rejected", "binary content, not text")
    assert by_path["wire.jsonl:1"][0] == "ok"
    assert by_path["wire.jsonl:2"][0] == "rejected"
    assert by_path["wire.jsonl:2"][1].startswith("line 2: invalid JSON at column")
    assert by_path["wire.jsonl:3"] == ("rejected", "line 3: no text field")
    assert len(docs) == 9
    legacy = docs.set_index("doc_id").loc["legacy", "text"]
    assert "\u201cThe talks were useful,\u201d" in legacy and "Gen\u00e8ve" in legacy


def test_the_good_inputs_are_extracted(published):
    engagements = schema.read_table(published["processed"] / "engagements.parquet",
                                    "engagements")
    reported = {d for ids in engagements["doc_ids"] for d in ids}
    assert {"lukashenko_putin_visit", "hostile_text", "wire1"} <= reported
    assert len(engagements[engagements["doc_ids"].map(
        lambda ids: "lukashenko_putin_visit" in ids)]) == 6


class _Markup(HTMLParser):
    """Every element and attribute of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in {"href", "src", "action", "formaction"} and value:
                self.urls.append(value)


def test_no_markup_from_an_article_reaches_any_report_unescaped(published):
    pages = sorted(published["reports"].glob("*.html"))
    assert {p.name for p in pages} >= {"overview.html", "sequence.html",
                                       "vladimir-putin-alexander-lukashenko.html"}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        markup = _Markup()
        markup.feed(html)
        # the one inline sorting script and the provenance data block, nothing else
        assert all("src" not in attrs for attrs in markup.scripts), page.name
        assert len(markup.scripts) <= 2, page.name
        assert markup.handlers == [], page.name
        assert not [u for u in markup.urls if u.lower().startswith("javascript:")], page.name
        assert "Traceback" not in html
    # the hostile article is in the overview, as text
    assert "&lt;script&gt;window.__pwned" in (published["reports"] / "overview.html").read_text()


@pytest.mark.browser
@pytest.mark.skipif(BROWSER_MISSING, reason="/usr/bin/chromium is not installed")
@pytest.mark.parametrize("name, rows", [("overview", None), ("sequence", None),
                                        ("vladimir-putin-alexander-lukashenko", 5)])
def test_reports_open_offline_in_chromium(published, name, rows):
    ARTIFACTS.mkdir(exist_ok=True)
    facts = check_report(published["reports"] / f"{name}.html", ARTIFACTS / f"run-{name}.png",
                         expect_rows=rows)
    assert facts["pwned"] is None and not facts["dialogs"]
