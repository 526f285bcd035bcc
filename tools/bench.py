"""Benchmark of the book build and the built pages (``make bench``).

Not a test: it measures and prints. On a copy of the repository in a temporary
folder it times a clean strict build, a no-change rebuild and a rebuild after a data
change (and names the pages that change re-executed), then reports each page's HTML
size and the shared JavaScript's size, and, in headless Chromium from an empty cache,
the first contentful paint, the first drawn chart and the bytes fetched by the landing
page and chapter 2, on a desktop and on a throttled phone (390 px, slow 4G, CPU 4x
slower; :data:`PHONE_NETWORK`). Then it
builds a second copy whose launch table is ``SCALE`` times as long (synthetic rows,
see :func:`tools.buildtools.scale_launches`) and compares build time and largest page.

Each build is reported as wall-clock seconds and as CPU seconds (the build and its
kernels): on a shared machine the wall clock moves with other people's load, CPU
time much less. The load average printed with the results says how busy the machine
was. ``USNK_BENCH_SCALE=0`` skips the scaled build. Each copy keeps checked tables
(:mod:`usnk.framecache`) in a cache of its own that starts empty (see
:func:`tools.buildtools.build_env`), so a clean build checks the data as a fresh
clone's does.

``python -m tools.bench --paint HTML_DIR`` measures only the paint timings, on a book
already built (``_build/html``).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import platform
import re
import resource
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from .buildtools import add_launch, copy_repo, run_build, scale_launches, toc_pages

CHROMIUM = os.environ.get("USNK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


SCALE = int(os.environ.get("USNK_BENCH_SCALE", "100"))


class Build:
    """One timed build: wall and CPU seconds, and the pages whose notebooks it executed."""

    def __init__(self, root: Path, strict: bool, must_pass: bool = True):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = run_build(root, strict=strict)
        self.wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        log = proc.stdout + proc.stderr
        errors = [e for e in re.findall(r"^\w*Error: .*$", re.sub(r"\x1b\[[0-9;]*m", "", log), re.M)
                  if not e.startswith(("ExecutionError", "RuntimeError"))]
        self.failure = (errors[0] if errors else f"exit status {proc.returncode}") if proc.returncode else ""
        if self.failure and must_pass:
            sys.exit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        self.executed = sorted(set(re.findall(r"/(book/[^/\s]+)\.ipynb: Executed notebook", log)))

    def __str__(self):
        return f"{self.wall:.1f} s (CPU {self.cpu:.1f} s)"


def page_sizes(root: Path) -> dict[str, int]:
    html = root / "_build" / "html"
    return {page: (html / f"{page}.html").stat().st_size for page in toc_pages(root)}


_FIGURE = re.compile(r'<figure class="usnk-figure".*?<script type="application/json" class="usnk-figure-data">'
                     r'(\{.*?\})</script>.*?</figure>', re.S)
_CAPTION = re.compile(r'<figcaption class="usnk-caption">(.*?)</figcaption>', re.S)


def largest_figure(page: Path) -> str:
    """The heaviest chart of a built page: its HTML size, points and caption."""
    best = None
    for m in _FIGURE.finditer(page.read_text(encoding="utf-8")):
        size = len(m.group(0).encode("utf-8"))
        if best is None or size > best[0]:
            fig = json.loads(m.group(1))
            points = sum(len(t.get("x") or t.get("y") or []) for t in fig["data"])
            caption = _CAPTION.search(m.group(0))
            best = (size, points, len(fig["data"]), caption.group(1)[:90] if caption else "(no caption)")
    if best is None:
        return "no chart"
    return f"{best[0] / 1024:.0f} KB, {best[2]} traces, {best[1]} points: {best[3]}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


#: The throttled phone: a 390 x 844 viewport, touch, and the figures of Lighthouse's
#: slow-4G mobile profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, the CPU 4x
#: slower), applied as DevTools network and CPU throttling (Chromium DevTools protocol).
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
                 "uploadThroughput": 750_000 / 8}
PHONE_CPU_SLOWDOWN = 4
#: Runs per page and profile; the median is reported (the machine is shared).
PAINT_RUNS = int(os.environ.get("USNK_BENCH_PAINT_RUNS", "3"))

#: Installed before any page script: notes when the first chart's SVG is in the page.
_FIRST_CHART = """
  new MutationObserver((_, obs) => {
    if (document.querySelector('.js-plotly-plot .main-svg')) {
      window.__firstChart = performance.now(); obs.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
"""
_FCP = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
#: bytes the page fetched (document and every resource; the test server does not compress)
_BYTES = """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
  .reduce((n, e) => n + e.encodedBodySize, 0)"""


def serve(html_dir: Path):
    """An HTTP server of ``html_dir`` on 127.0.0.1 (a free port), serving from a thread."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def paint_once(browser, base: str, page_path: str, profile: str) -> dict:
    """One load of ``base/page_path`` from an empty cache (a new browser context) on the ``profile``
    ("desktop" or "phone", the phone throttled): milliseconds from navigation start to the
    first contentful paint and to the first drawn chart, and the bytes fetched."""
    context = browser.new_context(**(PHONE if profile == "phone" else DESKTOP))
    try:
        context.add_init_script(_FIRST_CHART)
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base + "/") else r.abort())
        if profile == "phone":
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
        page.goto(f"{base}/{page_path}", wait_until="load", timeout=120_000)
        page.wait_for_function("() => window.__firstChart !== undefined", timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        return {"fcp": page.evaluate(_FCP), "chart": page.evaluate("window.__firstChart"),
                "bytes": page.evaluate(_BYTES)}
    finally:
        context.close()


def paint_timings(html_dir: Path, pages: list[str], runs: int = PAINT_RUNS) -> list[dict]:
    """First contentful paint, first drawn chart and bytes fetched for each of ``pages``
    (paths under ``html_dir`` without ``.html``), empty cache, desktop and throttled phone:
    the median of ``runs`` loads each."""
    from statistics import median

    from playwright.sync_api import sync_playwright

    httpd = serve(html_dir)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    out = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for page in pages:
                for profile in ("desktop", "phone"):
                    got = [paint_once(browser, base, f"{page}.html", profile) for _ in range(runs)]
                    out.append({"page": page, "profile": profile, "runs": runs,
                                **{k: median(g[k] for g in got) for k in ("fcp", "chart", "bytes")}})
            browser.close()
    finally:
        httpd.shutdown()
    return out


def bytes_fetched(html_dir: Path, pages: list[str]) -> dict[str, int]:
    """Bytes each of ``pages`` fetches on a desktop from an empty cache, once its charts
    are drawn and the network is idle (fonts and late scripts included)."""
    from playwright.sync_api import sync_playwright

    httpd = serve(html_dir)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    out = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for page_path in pages:
                context = browser.new_context(**DESKTOP)
                page = context.new_page()
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base + "/") else r.abort())
                page.goto(f"{base}/{page_path}.html", wait_until="load", timeout=120_000)
                page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                                       ".every(d => d.querySelector('.main-svg'))", timeout=120_000)
                page.wait_for_load_state("networkidle", timeout=120_000)
                out[page_path] = page.evaluate(_BYTES)
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return out


def paint_rows(html_dir: Path, pages: list[str]) -> list[tuple[str, str]]:
    """:func:`paint_timings` as rows of the benchmark's table."""
    if not Path(CHROMIUM).exists():
        return [("first paint and first chart", f"skipped: no Chromium at {CHROMIUM}")]
    names = {"desktop": "desktop 1280x800", "phone": "phone 390x844, slow 4G, CPU 4x slower"}
    return [(f"{t['page']}.html, {names[t['profile']]}, empty cache",
             f"first paint {t['fcp']:.0f} ms, first chart {t['chart']:.0f} ms, "
             f"{t['bytes'] / 1024:.0f} KB fetched (median of {t['runs']})")
            for t in paint_timings(html_dir, pages)]


#: The pages whose first paint and first chart are measured: the landing page and chapter 2.
PAINT_PAGES = ("book/intro", "book/02_nuclear")


def print_table(rows: list[tuple[str, str]], load_before: tuple[float, ...]) -> None:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_after = os.getloadavg()
    print(f"usnk book benchmark, {when}; {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"Machine load average (1 min) "
          f"{load_before[0]:.1f} before, {load_after[0]:.1f} after; rerun with: make bench")
    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 24}")
    for k, v in rows:
        print(f"{k.ljust(width)}  {v}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--paint"]:
        # only the browser timings, on a book already built (e.g. _build/html)
        if len(args) != 2 or not (Path(args[1]) / "index.html").exists():
            sys.exit("usage: python -m tools.bench --paint HTML_DIR (a built book: HTML_DIR/index.html)")
        load_before = os.getloadavg()
        html = Path(args[1])
        rows = paint_rows(html, list(PAINT_PAGES))
        if Path(CHROMIUM).exists():
            rows += [(f"{page}.html fetches", f"{n / 1024:.0f} KB")
                     for page, n in bytes_fetched(html, toc_pages()).items()]
        print_table(rows, load_before)
        return 0
    rows: list[tuple[str, str]] = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        copy_repo(root)
        clean = Build(root, strict=True)
        nochange = Build(root, strict=False)
        add_launch(root)
        datachange = Build(root, strict=False)
        html = root / "_build" / "html"
        pages = toc_pages(root)
        rows += [("clean strict build", str(clean)),
                 ("no-change rebuild", f"{nochange} ({100 * nochange.wall / clean.wall:.0f}% of clean)"),
                 ("  pages it executed", ", ".join(nochange.executed) or "none"),
                 ("rebuild after a launch-table change", str(datachange)),
                 ("  pages it executed", ", ".join(datachange.executed) or "none"),
                 ("  pages it did not (they do not read it)",
                  ", ".join(p for p in pages if p not in datachange.executed) or "none")]
        sizes = page_sizes(root)
        for page, size in sizes.items():
            rows.append((f"page {page}.html", f"{size / 1024:.0f} KB"))
        static_js = sorted((html / "_static").rglob("*.js"))
        plotly_js = sum(p.stat().st_size for p in static_js if p.name.startswith("plotly-"))
        rows.append(("shared JavaScript (all of _static)", f"{sum(p.stat().st_size for p in static_js) / 1024:.0f} KB"))
        rows.append(("  of which plotly.js (loaded once, cached)", f"{plotly_js / 1024:.0f} KB"))
        rows += paint_rows(html, list(PAINT_PAGES))
        if Path(CHROMIUM).exists():
            rows += [(f"  {page}.html fetches (desktop, empty cache)", f"{n / 1024:.0f} KB")
                     for page, n in bytes_fetched(html, pages).items()]

        if SCALE > 1:
            big = Path(tmp) / "scaled"
            copy_repo(big)
            n = scale_launches(big, SCALE)
            scaled = Build(big, strict=True, must_pass=False)
            if scaled.failure:
                rows.append((f"launch table x{SCALE} ({n} rows): clean strict build",
                             f"FAILED after {scaled}: {scaled.failure[:150]}"))
        if SCALE > 1 and not scaled.failure:
            big_sizes = page_sizes(big)
            page, size = max(big_sizes.items(), key=lambda kv: kv[1])
            today = max(sizes.values())
            rows += [(f"launch table x{SCALE} ({n} rows): clean strict build",
                      f"{scaled} = {scaled.wall / clean.wall:.1f}x wall, {scaled.cpu / clean.cpu:.1f}x CPU of today's"),
                     ("  largest page", f"{page}.html {size / 1024:.0f} KB = {size / today:.1f}x today's largest")]
            for name in sorted(big_sizes, key=lambda k: big_sizes[k] / sizes[k], reverse=True)[:3]:
                rows.append((f"  {name}.html grew {big_sizes[name] / sizes[name]:.1f}x",
                             "heaviest chart " + largest_figure(big / "_build" / "html" / f"{name}.html")))
    print_table(rows, load_before)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
