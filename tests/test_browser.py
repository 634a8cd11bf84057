"""Reports opened in a real browser: Debian's Chromium, driven by Playwright (no downloads).

The helpers here are meant for reuse over the reports ``parley run`` publishes:

* :func:`inspect_report` opens a page from a ``file://`` URL with every request intercepted
  (only the page itself and ``data:`` URLs are let through; everything else is aborted and
  recorded), records console errors, page errors and dialogs, figures, table rows, whether
  clicking a header sorts, and saves a full-page screenshot. It asserts nothing.
* :func:`check_report` calls it and asserts the invariants every parley report must hold.

For example, to check every published report::

    @pytest.mark.parametrize("html", sorted(Path("reports").glob("*.html")), ids=str)
    def test_published(html):
        check_report(html, ARTIFACTS / f"{html.stem}.png", expect_rows=None)

The tests skip only when ``/usr/bin/chromium`` is absent; CI installs it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# CI sets PARLEY_REQUIRE_BROWSER: there a missing browser fails the tests instead of
# skipping them, so a broken install step cannot hide behind a skip.
BROWSER_MISSING = not CHROMIUM.exists() and not os.environ.get("PARLEY_REQUIRE_BROWSER")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(BROWSER_MISSING, reason=f"{CHROMIUM} is not installed (make browser)"),
]

# Reads the order of a column's sort keys (data-sort, else the text) in a table's body.
_COLUMN_KEYS = """([table, index]) => Array.from(table.tBodies[0].rows, (row) => {
    const cell = row.cells[index];
    return cell ? (cell.dataset.sort ?? cell.textContent.trim()) : "";
})"""


def _sorted_as_expected(keys: list[str], descending: bool) -> bool:
    """Non-empty keys in order (numbers as numbers, else case-insensitive), empty ones last."""
    filled = [k for k in keys if k != ""]
    if keys[: len(filled)] != filled:  # an empty key before a filled one
        return False

    def key(value: str) -> tuple[int, float, str]:
        try:
            return (0, float(value), "")
        except ValueError:
            return (1, 0.0, value.casefold())

    return filled == sorted(filled, key=key, reverse=descending)


def inspect_report(
    html_path: Path | str,
    screenshot_path: Path | str,
    *,
    table_selector: str = "table[data-sortable]",
    sort_header: str | None = None,
    viewport: tuple[int, int] = (1280, 900),
) -> dict[str, Any]:
    """Open a report in headless Chromium and describe what happened; assert nothing.

    Returns a dict with ``url``, ``requests`` (every URL the page asked for), ``blocked``
    (requests aborted because they were neither the page nor ``data:``), ``console_errors``,
    ``page_errors``, ``dialogs`` (messages of any alert/confirm/prompt), ``pwned`` (the
    value of ``window.__pwned``; ``None`` when unset), ``images`` (naturalWidth,
    naturalHeight, alt, visible), ``rows`` (body rows of the first table matching
    ``table_selector``, or ``None``), ``sort`` (the header clicked, the keys before and after
    one and two clicks, and ``aria-sort`` after each), ``title``, ``lang``, ``toc`` (TOC link
    texts), ``screenshot``.
    """
    from playwright.sync_api import sync_playwright

    html_path = Path(html_path).resolve()
    screenshot_path = Path(screenshot_path)
    screenshot_path.parent.mkdir(parents=True, exist_ok=True)
    url = html_path.as_uri()
    info: dict[str, Any] = {
        "url": url,
        "requests": [],
        "blocked": [],
        "console_errors": [],
        "page_errors": [],
        "dialogs": [],
    }

    def route(route: Any) -> None:
        request_url = route.request.url
        if request_url == url or request_url.startswith("data:"):
            route.continue_()
        else:
            info["blocked"].append(request_url)
            route.abort()

    def on_dialog(dialog: Any) -> None:
        info["dialogs"].append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block"
            )
            context.route("**/*", route)
            page = context.new_page()
            page.on("request", lambda r: info["requests"].append(r.url))
            page.on(
                "console",
                lambda m: info["console_errors"].append(m.text) if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: info["page_errors"].append(str(e)))
            page.on("dialog", on_dialog)
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")

            info["pwned"] = page.evaluate("() => window.__pwned ?? null")
            info["title"] = page.title()
            info["lang"] = page.evaluate("() => document.documentElement.lang")
            info["toc"] = page.eval_on_selector_all(
                "nav#toc a", "els => els.map((a) => a.textContent.trim())"
            )
            info["images"] = page.eval_on_selector_all(
                "img",
                """els => els.map((img) => ({
                    naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
                    alt: img.getAttribute("alt"),
                    visible: img.getBoundingClientRect().width > 0 && img.checkVisibility(),
                }))""",
            )
            table = page.query_selector(table_selector)
            info["rows"] = (
                table.eval_on_selector_all(":scope > tbody > tr", "rows => rows.length")
                if table
                else None
            )
            info["sort"] = None
            if table is not None:
                headers = table.query_selector_all(":scope > thead > tr > th")
                names = [(h.text_content() or "").strip() for h in headers]
                wanted = sort_header or names[0]
                index = [n.casefold() for n in names].index(wanted.casefold())
                button = headers[index].query_selector("button.sort")
                sort: dict[str, Any] = {"header": wanted, "index": index}
                sort["before"] = page.evaluate(_COLUMN_KEYS, [table, index])
                if button is not None:
                    for label in ("first", "second"):
                        button.click()
                        sort[label] = page.evaluate(_COLUMN_KEYS, [table, index])
                        sort[f"{label}_aria"] = headers[index].get_attribute("aria-sort")
                    button.click()  # third click: back to ascending for the screenshot
                info["sort"] = sort
            page.evaluate("() => window.scrollTo(0, 0)")
            page.screenshot(path=str(screenshot_path), full_page=True)
            info["screenshot"] = screenshot_path
            context.close()
        finally:
            browser.close()
    return info


def check_report(
    html_path: Path | str,
    screenshot_path: Path | str,
    expect_rows: int | None = None,
    *,
    expect_images: int | None = None,
) -> dict[str, Any]:
    """Open a published report and assert what every parley report must hold.

    No console or page errors, no dialogs, no ``window.__pwned``; no request but the page
    itself and ``data:`` URLs; ``lang="en"`` and a title; a table of contents; every image
    decoded, visible and with alt text; when a sortable table exists, clicking its first
    header sorts ascending then descending (undated/empty keys last). ``expect_rows`` checks
    the first sortable table's body rows, ``expect_images`` the number of images. Returns the
    details from :func:`inspect_report`.
    """
    info = inspect_report(html_path, screenshot_path)
    assert info["console_errors"] == [], info["console_errors"]
    assert info["page_errors"] == [], info["page_errors"]
    assert info["dialogs"] == [], info["dialogs"]
    assert info["pwned"] is None, f"injected script ran: window.__pwned = {info['pwned']!r}"
    assert info["blocked"] == [], f"the page tried to load {info['blocked']}"
    others = [u for u in info["requests"] if u != info["url"] and not u.startswith("data:")]
    assert others == [], others
    assert info["lang"] == "en" and info["title"].strip()
    assert info["toc"], "no table of contents"
    for image in info["images"]:
        assert image["naturalWidth"] > 0 and image["visible"], image
        assert (image["alt"] or "").strip(), "an image without alt text"
    if expect_images is not None:
        assert len(info["images"]) == expect_images
    if expect_rows is not None:
        assert info["rows"] == expect_rows
    sort = info["sort"]
    if sort is not None and "first" in sort:
        assert sort["first_aria"] == "ascending" and sort["second_aria"] == "descending"
        assert _sorted_as_expected(sort["first"], descending=False), sort["first"]
        assert _sorted_as_expected(sort["second"], descending=True), sort["second"]
        assert sorted(sort["first"]) == sorted(sort["before"])  # same rows, reordered
    assert Path(info["screenshot"]).stat().st_size > 0
    return info


def _report_tests() -> Any:
    """tests/test_report.py, which builds the sample report (tests/ is not a package)."""
    name = "_parley_report_tests"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).with_name("test_report.py")
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report_tests().build_sample_report(tmp_path_factory.mktemp("browser"))["html"]


def test_sample_report_in_chromium(sample_report: Path) -> None:
    tests = _report_tests()
    info = check_report(
        sample_report,
        ARTIFACTS / "sample_report.png",
        expect_rows=len(tests.SAMPLE_ROWS),
        expect_images=1,
    )
    assert info["title"] == "Belarus and Russia: engagements, summer 2021"
    assert info["toc"][-1] == "How this report was made"
    # Date keys: the four dated rows in order, the undated hostile row last both ways.
    first = info["sort"]["first"]
    assert first[:5] == [
        "2021-05-21/2021-05-31", "2021-07-01/2021-07-31", "2021-08-30/2021-08-30",
        "2021-09-09/2021-09-09", "2021-09-11/2021-09-20",
    ] and first[5] == ""  # fmt: skip
    assert info["sort"]["second"][0] == "2021-09-11/2021-09-20"
    assert info["sort"]["second"][-1] == ""


def test_sorting_a_text_column(sample_report: Path) -> None:
    info = inspect_report(
        sample_report, ARTIFACTS / "sample_report_by_kind.png", sort_header="Kind"
    )
    assert info["sort"]["first"] == sorted(info["sort"]["before"])
    assert info["sort"]["second"] == sorted(info["sort"]["before"], reverse=True)
    assert info["console_errors"] == [] and info["page_errors"] == []


def test_the_checks_catch_an_unescaped_page(tmp_path: Path) -> None:
    """Control: the same payloads written raw (no escaping, no CSP) are caught."""
    tests = _report_tests()
    page = tmp_path / "vulnerable.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body>'
        f"<p>{tests.HOSTILE_EVIDENCE}</p><img src='https://example.org/tracker.png' alt='t'>"
        "</body></html>",
        encoding="utf-8",
    )
    info = inspect_report(page, ARTIFACTS / "control_vulnerable.png")
    assert info["pwned"] in (1, 2)
    assert info["dialogs"]
    assert any(u.startswith("https://example.org/") for u in info["blocked"])
