"""Benchmark of the book build and the built pages (``make bench``).

Not a test: it measures and prints. On a copy of the repository in a temporary
folder it times a clean strict build, a no-change rebuild and a rebuild after a data
change, then reports each page's HTML size, the shared JavaScript's size, and the
time from navigation to the landing page's first drawn chart in headless Chromium
(cold and warm browser cache).
"""

from __future__ import annotations

import functools
import http.server
import os
import platform
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from .buildtools import add_launch, copy_repo, run_build, toc_pages

CHROMIUM = os.environ.get("USNK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _timed_build(root: Path, strict: bool) -> float:
    t0 = time.perf_counter()
    proc = run_build(root, strict=strict)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return elapsed


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def first_chart_ms(html_dir: Path, page: str) -> tuple[float, float]:
    """Milliseconds from navigation start to the first drawn chart: cold, then warm cache."""
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/{page}.html"
    observer = """
      new MutationObserver((_, obs) => {
        if (document.querySelector('.js-plotly-plot .main-svg')) {
          window.__firstChart = performance.now(); obs.disconnect();
        }
      }).observe(document, {childList: true, subtree: true});
    """
    out = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context()
            context.add_init_script(observer)
            pg = context.new_page()
            for _ in range(2):
                pg.goto(url, wait_until="load")
                pg.wait_for_function("() => window.__firstChart !== undefined", timeout=30_000)
                out.append(pg.evaluate("window.__firstChart"))
            browser.close()
    finally:
        httpd.shutdown()
    return out[0], out[1]


def main() -> int:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        copy_repo(root)
        clean = _timed_build(root, strict=True)
        nochange = _timed_build(root, strict=False)
        add_launch(root)
        datachange = _timed_build(root, strict=False)
        html = root / "_build" / "html"
        rows += [("clean strict build", f"{clean:.1f} s"),
                 ("no-change rebuild", f"{nochange:.1f} s ({100 * nochange / clean:.0f}% of clean)"),
                 ("rebuild after a data change", f"{datachange:.1f} s")]
        pages = toc_pages(root)
        for page in pages:
            size = (html / f"{page}.html").stat().st_size
            rows.append((f"page {page}.html", f"{size / 1024:.0f} KB"))
        static_js = sorted((html / "_static").rglob("*.js"))
        plotly_js = sum(p.stat().st_size for p in static_js if p.name.startswith("plotly-"))
        rows.append(("shared JavaScript (all of _static)", f"{sum(p.stat().st_size for p in static_js) / 1024:.0f} KB"))
        rows.append(("  of which plotly.js (loaded once, cached)", f"{plotly_js / 1024:.0f} KB"))
        if Path(CHROMIUM).exists():
            cold, warm = first_chart_ms(html, pages[0])
            rows.append(("first chart on landing page, cold cache", f"{cold:.0f} ms"))
            rows.append(("first chart on landing page, warm cache", f"{warm:.0f} ms"))
        else:
            rows.append(("first chart on landing page", f"skipped: no Chromium at {CHROMIUM}"))
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"usnk book benchmark, {when}; {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 24}")
    for k, v in rows:
        print(f"{k.ljust(width)}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
