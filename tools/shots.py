"""Screenshots of the built book as readers see it (not a test; for looking at).

``python -m tools.shots HTML_DIR OUT_DIR [PAGE ...]`` serves ``HTML_DIR`` from
127.0.0.1 (every other request blocked), opens each page (default: the landing page
and the explorer) in headless Chromium at a 390 px phone and a 1280 px desktop
viewport, waits for its charts, and writes the first screen and the full page of each
as PNG files to ``OUT_DIR``.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from .bench import CHROMIUM, CHROMIUM_ARGS

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
DEFAULT_PAGES = ("book/intro", "book/07_explorer")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    html_dir, out = Path(argv[0]), Path(argv[1])
    pages = argv[2:] or list(DEFAULT_PAGES)
    out.mkdir(parents=True, exist_ok=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for kind, viewport in VIEWPORTS.items():
                for page_name in pages:
                    ctx = browser.new_context(viewport=viewport, device_scale_factor=1,
                                              is_mobile=kind == "phone", has_touch=kind == "phone")
                    pg = ctx.new_page()
                    pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                    pg.goto(f"{base}/{page_name}.html", wait_until="load")
                    pg.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                                         ".every(d => d.querySelector('.main-svg'))", timeout=30_000)
                    pg.wait_for_timeout(500)
                    stem = page_name.replace("/", "-")
                    pg.screenshot(path=str(out / f"{stem}-{kind}-first-screen.png"))
                    pg.screenshot(path=str(out / f"{stem}-{kind}-full.png"), full_page=True)
                    ctx.close()
            browser.close()
    finally:
        httpd.shutdown()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
