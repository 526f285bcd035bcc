"""The built book in a real browser: Debian's Chromium driven by Playwright.

Each page of the table of contents is served from 127.0.0.1; every request to any
other address is blocked and counted. A page passes when it has no console error,
no outside request, and every Plotly chart on it has drawn its SVG. The same pages are
checked with axe-core (from npm, ``node_modules/``; see the Makefile) at a desktop and a
390 px phone width, charts are measured on the phone, the landing page and the explorer
are used by keyboard alone, and a chapter is printed to PDF.
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


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: every figure the page script set up has been drawn and adapted
DRAWN = "() => [...document.querySelectorAll('figure.usnk-figure')].every(f => f.classList.contains('usnk-drawn'))"
#: share of each chart's box taken by its plot areas (Plotly's drag rectangles)
PLOT_SHARE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => {
  const box = el.getBoundingClientRect(); let area = 0;
  el.querySelectorAll('.nsewdrag').forEach(r => { const b = r.getBoundingClientRect(); area += b.width * b.height; });
  return {id: el.id, share: area / (box.width * box.height)}; })"""


def _require_axe():
    if AXE.exists():
        return
    reason = f"axe-core not installed at {AXE} (run `make test`, which runs `npm ci`)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; accessibility checks may not be skipped in CI")
    pytest.skip(reason)


def open_page(browser, base: str, path: str, viewport=DESKTOP, **context):
    """A page of the book loaded and drawn, every outside request refused."""
    ctx = browser.new_context(viewport=viewport, **context)
    page = ctx.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base + "/") else r.abort())
    page.goto(f"{base}/{path}", wait_until="load")
    page.wait_for_function(DRAWN, timeout=30_000)
    return page


def serious_violations(page) -> list:
    """axe-core's critical and serious violations on ``page`` (id, count, first targets)."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'critical' || v.impact === 'serious')
        .map(v => [v.id, v.impact, v.nodes.length, v.nodes.slice(0, 3).map(n => n.target.join(' '))])""")
    return found


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
        page.wait_for_function(DRAWN, timeout=20_000)
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


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("doc", toc_pages())
def test_axe_finds_nothing_critical_or_serious(browser, server, doc, width):
    _require_axe()
    page = open_page(browser, server, f"{doc}.html", DESKTOP if width == "desktop" else PHONE)
    try:
        found = serious_violations(page)
        shares = page.evaluate(PLOT_SHARE) if width == "phone" else []
    finally:
        page.context.close()
    assert found == [], found
    # on a phone every chart keeps at least half its box for the plot
    assert [s for s in shares if s["share"] < 0.5] == []


@pytest.mark.parametrize("doc", toc_pages())
def test_axe_finds_nothing_in_dark_mode_and_charts_follow_it(browser, server, doc):
    _require_axe()
    page = open_page(browser, server, f"{doc}.html", color_scheme="dark")
    try:
        page.evaluate("document.documentElement.setAttribute('data-theme', 'dark')")
        page.wait_for_function("() => window.usnkCharts.every(c => c.opts.theme === 'dark')")
        page.wait_for_timeout(300)
        colours = page.evaluate("() => window.usnkCharts.map(c => c.el._fullLayout.font.color)")
        figures = page.locator("figure.usnk-figure").count()
        found = serious_violations(page)
    finally:
        page.context.close()
    # every chart of the page (chapter 2 has several) is drawn in the dark layout
    assert len(colours) == figures and (figures > 0 or doc != "book/02_nuclear")
    assert set(colours) <= {"#e6e8eb"}
    assert found == [], found


def test_the_axe_check_can_fail(browser, server, built_book):
    """A page with an unlabelled button and low-contrast text is caught."""
    _require_axe()
    probe = built_book.html / "_probe_axe.html"
    probe.write_text('<html lang="en"><head><title>p</title></head><body><main><button></button>'
                     '<p style="color:#ccc;background:#fff">faint</p></main></body></html>', encoding="utf-8")
    try:
        page = open_page(browser, server, "_probe_axe.html")
        ids = {v[0] for v in serious_violations(page)}
        page.context.close()
    finally:
        probe.unlink()
    assert {"button-name", "color-contrast"} <= ids


def test_toolbar_has_only_reader_buttons_and_no_cloud(browser, server):
    page = open_page(browser, server, "book/02_nuclear.html")
    try:
        page.hover(".js-plotly-plot")
        attrs = page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-attr')"
                              " + '|' + b.getAttribute('data-val') + '|' + b.getAttribute('data-title'))")
        cloud = page.locator(".modebar-btn[data-title*='Share'], .modebar-btn[data-title*='Chart Studio']").count()
    finally:
        page.context.close()
    assert attrs and cloud == 0
    titles = {a.split("|")[2] for a in attrs}
    assert titles <= {"Download plot as a PNG", "Zoom", "Pan", "Reset axes"}, titles


def test_on_a_phone_the_toolbar_stays_off_the_plot_until_the_chart_is_touched(browser, server):
    page = open_page(browser, server, "book/intro.html", PHONE, is_mobile=True, has_touch=True)
    visible = "(el) => getComputedStyle(el).visibility"
    try:
        bar = page.locator("figure.usnk-figure .modebar").first
        before = bar.evaluate(visible)
        page.locator("figure.usnk-figure .js-plotly-plot").first.tap(position={"x": 60, "y": 30})
        after = bar.evaluate(visible)
    finally:
        page.context.close()
    assert (before, after) == ("hidden", "visible")


def test_explorer_class_filter_works_with_a_thumb(browser, server):
    page = open_page(browser, server, "book/07_explorer.html", PHONE, is_mobile=True, has_touch=True)
    try:
        select = page.get_by_label("Class", exact=True)
        box = select.bounding_box()
        chart = page.locator(".js-plotly-plot").bounding_box()
        total = "() => window.usnkCharts[0].el.data.find(t => t.type === 'bar').y.reduce((a, b) => a + b, 0)"
        before = page.evaluate(total)
        options = select.locator("option").all_text_contents()
        select.select_option(index=2)
        after = page.evaluate(total)
        description = page.locator(".usnk-description").text_content()
        page.get_by_label("View", exact=True).select_option(label="Launch sites")
        sites_visible = page.evaluate("() => window.usnkCharts[0].el._fullData.find(t => t.name === 'Sites').visible")
    finally:
        page.context.close()
    assert box["height"] >= 44 and box["width"] >= 150 and box["x"] + box["width"] <= 390
    assert box["y"] + box["height"] <= chart["y"] + 1  # above the chart, not covering it
    assert 0 < after < before
    assert f"Class: {options[2]}, {after} missiles" in description
    assert sites_visible is True


def _tab_until(page, predicate: str, limit: int = 60) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_landing_page_by_keyboard_alone(browser, server):
    page = open_page(browser, server, f"{toc_pages()[0]}.html")
    try:
        assert _tab_until(page, "() => document.activeElement.matches('figure.usnk-figure')")
        name = page.evaluate("() => document.getElementById(document.activeElement.getAttribute('aria-labelledby'))"
                             ".textContent")
        assert _tab_until(page, "() => document.activeElement.matches('.usnk-legend-item')", 5)
        page.keyboard.press("Enter")
        pressed = page.evaluate("() => document.activeElement.getAttribute('aria-pressed')")
        hidden = page.evaluate("() => window.usnkCharts[0].el.data.filter(t => t.visible === 'legendonly').length")
        # no stop inside the drawing: the toolbar is for pointers, the controls are the book's
        stops = []
        for _ in range(40):
            page.keyboard.press("Tab")
            stops.append(page.evaluate("() => document.activeElement.closest('.js-plotly-plot') !== null"))
        assert _tab_until(page, "() => document.activeElement.matches('.usnk-datatable summary')", 40)
        page.keyboard.press("Enter")
        rows = page.locator(".usnk-datatable[open] tbody tr").count()
    finally:
        page.context.close()
    assert name.startswith("492 missiles") or name
    assert pressed == "false" and hidden >= 1
    assert not any(stops)
    assert rows > 0


def test_explorer_by_keyboard_alone(browser, server):
    page = open_page(browser, server, "book/07_explorer.html")
    try:
        assert _tab_until(page, "() => document.activeElement.matches('figure.usnk-figure')")
        assert _tab_until(page, "() => document.activeElement.matches('select')", 3)
        label = page.evaluate("() => document.activeElement.labels[0].textContent.trim()")
        before = page.locator(".usnk-live").text_content()
        page.keyboard.press("ArrowDown")
        after = page.locator(".usnk-live").text_content()
    finally:
        page.context.close()
    assert label == "Class"
    assert before != after and after.startswith("Class: ")


def test_a_printed_chapter_shows_every_chart_whole(browser, server, tmp_path):
    page = open_page(browser, server, "book/02_nuclear.html")
    try:
        page.emulate_media(media="print")
        page.wait_for_timeout(500)
        widths = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .main-svg:first-of-type')]"
                               ".map(s => s.getBoundingClientRect().width)")
        pdf = page.pdf(path=str(tmp_path / "chapter.pdf"), format="A4",
                       margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
    finally:
        page.context.close()
    # A4 less 24 mm of margins is 186 mm = 703 px at 96 dpi: every chart fits across it
    assert widths and max(widths) <= 703
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 5


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_landing_page_opens_on_the_record(browser, server, size):
    """The first screen shows the record: the timeline starts inside it, on a 1280 x 800
    desktop and a 390 x 844 phone, with its missile panel begun."""
    viewport = {"width": 1280, "height": 800} if size == "desktop" else PHONE
    extra = {"is_mobile": True, "has_touch": True} if size == "phone" else {}
    page = open_page(browser, server, f"{toc_pages()[0]}.html", viewport, **extra)
    try:
        chart = page.locator("figure.usnk-figure .js-plotly-plot").first.bounding_box()
        scrolled = page.evaluate("() => window.scrollY")
        # the plot areas (Plotly's drag rectangles) of the first chart, top to bottom
        panels = page.evaluate("""() => [...document.querySelector('figure.usnk-figure .js-plotly-plot')
            .querySelectorAll('.nsewdrag')].map(r => r.getBoundingClientRect().top).sort((a, b) => a - b)""")
    finally:
        page.context.close()
    assert scrolled == 0
    assert 0 <= chart["y"] < viewport["height"]
    assert panels and panels[-1] < viewport["height"], (chart, panels)


def test_theme_icons_show_without_the_font_awesome_script(browser, server, built_book):
    """The theme's 1.5 MB Font Awesome script is left out of every page (usnk.sphinxext);
    its icons are drawn from the web font its stylesheet names instead."""
    pages = [built_book.html / f"{doc}.html" for doc in toc_pages()]
    assert [p.name for p in pages if "fontawesome.js" in p.read_text(encoding="utf-8")] == []
    page = open_page(browser, server, f"{toc_pages()[0]}.html")
    try:
        page.evaluate("() => document.fonts.ready")
        fetched = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
        icons = page.evaluate("""() => [...document.querySelectorAll('.theme-switch-button i, .search-button i')]
            .filter(i => i.offsetParent !== null).map(i => { const s = getComputedStyle(i, '::before');
              return {font: s.fontFamily, glyph: s.content, width: i.getBoundingClientRect().width}; })""")
        font_loaded = page.evaluate("() => document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
    finally:
        page.context.close()
    assert not [u for u in fetched if "fontawesome.js" in u]
    assert any("fa-solid-900" in u for u in fetched)
    assert icons and all("Font Awesome" in i["font"] and i["glyph"] not in ("none", "normal", '""')
                         and i["width"] > 8 for i in icons), icons
    assert font_loaded
