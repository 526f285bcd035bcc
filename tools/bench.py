"""Benchmark of the book build and the built pages (``make bench``).

Not a test: it measures and prints. On a copy of the repository in a temporary
folder it times a clean strict build, a no-change rebuild and a rebuild after a data
change (and names the pages that change re-executed), then reports each page's HTML
size, the shared JavaScript's size, and the time from navigation to the landing
page's first drawn chart in headless Chromium (cold and warm browser cache). Then it
builds a second copy whose launch table is ``SCALE`` times as long (synthetic rows,
see :func:`tools.buildtools.scale_launches`) and compares build time and largest page.

Each build is reported as wall-clock seconds and as CPU seconds (the build and its
kernels): on a shared machine the wall clock moves with other people's load, CPU
time much less. The load average printed with the results says how busy the machine
was. ``USNK_BENCH_SCALE=0`` skips the scaled build. Each copy keeps checked tables
(:mod:`usnk.framecache`) in a cache of its own that starts empty (see
:func:`tools.buildtools.build_env`), so a clean build checks the data as a fresh
clone's does.
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
        if Path(CHROMIUM).exists():
            cold, warm = first_chart_ms(html, pages[0])
            rows.append(("first chart on landing page, cold cache", f"{cold:.0f} ms"))
            rows.append(("first chart on landing page, warm cache", f"{warm:.0f} ms"))
        else:
            rows.append(("first chart on landing page", f"skipped: no Chromium at {CHROMIUM}"))

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
