"""The built book in a real browser: Debian's Chromium driven by Playwright.

Each page of the table of contents is served from 127.0.0.1; every request to any
other address is blocked and counted. A page passes when it has no console error,
no outside request, and every Plotly chart on it has drawn its SVG.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from pathlib import Path

import pytest

from tools.buildtools import toc_pages

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("USNK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _require_chromium():
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; browser tests may not be skipped in CI")
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_book):
    built_book.require_success()
    handler = functools.partial(_QuietHandler, directory=str(built_book.html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(chromium):
    """The session's Chromium (tests/conftest.py)."""
    return chromium


def visit(browser, base: str, path: str) -> dict:
    """Load ``base/path``; return console errors, blocked requests and chart counts."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    blocked: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(base + "/") or r.request.url == base:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("response", lambda r: errors.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None)
    page.goto(f"{base}/{path}", wait_until="load")
    charts = page.locator(".js-plotly-plot").count()
    if charts:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.js-plotly-plot')].every(d => d.querySelector('.main-svg'))",
            timeout=20_000,
        )
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].filter(d => d.querySelector('.main-svg')).length"
    )
    page.wait_for_timeout(300)  # let late scripts (theme, search) report any error
    figures = page.locator("figure.usnk-figure").count()
    result = {"errors": errors, "blocked": blocked, "charts": charts, "drawn": drawn,
              "figures": figures, "title": page.title()}
    page.close()
    return result


@pytest.mark.parametrize("doc", toc_pages())
def test_page_renders_offline_without_errors(browser, server, doc):
    result = visit(browser, server, f"{doc}.html")
    assert result["blocked"] == [], f"outside requests: {result['blocked']}"
    assert result["errors"] == [], f"console errors: {result['errors']}"
    assert result["drawn"] == result["charts"]
    # every chart figure the page contains has become a live Plotly chart
    assert result["charts"] == result["figures"]


def test_landing_page_draws_its_charts(browser, server):
    result = visit(browser, server, f"{toc_pages()[0]}.html")
    assert result["charts"] >= 1 and result["drawn"] == result["charts"]


def test_blocking_really_counts_outside_requests(browser, server, built_book, tmp_path):
    """The blocking route is not a no-op: a page that asks for an outside URL is caught."""
    probe = built_book.html / "_probe_outside.html"
    probe.write_text('<html><body><img src="https://example.com/x.png"></body></html>', encoding="utf-8")
    try:
        result = visit(browser, server, "_probe_outside.html")
    finally:
        probe.unlink()
    assert any("example.com" in u for u in result["blocked"])


def test_chapter_notebook_downloads_with_a_click(browser, server, built_book):
    """The notebook link under a chapter's title downloads that chapter's .ipynb from the book."""
    doc = toc_pages()[1]
    page = browser.new_page(accept_downloads=True)
    try:
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/") else r.abort())
        page.goto(f"{server}/{doc}.html", wait_until="load")
        with page.expect_download(timeout=10_000) as info:
            page.locator("p.usnk-pagenote a.download").click()
        download = info.value
        assert download.failure() is None
        assert download.suggested_filename == Path(doc).name + ".ipynb"
        got = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    finally:
        page.close()
    assert got == json.loads((built_book.root / f"{doc}.ipynb").read_text(encoding="utf-8"))
