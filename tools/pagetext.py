"""What a built book says, page by page, for comparing two builds (not a test).

``python -m tools.pagetext HTML_DIR OUT_DIR`` writes, for every page of the built book
under ``HTML_DIR/book``, two files to ``OUT_DIR``: ``<page>.txt``, the text a reader
sees in the page's article (scripts, styles and asset digests left out, one block of
text a line), and ``<page>.figures.json``, every chart's figure (data and layout) as
indented JSON with sorted keys. ``diff -r`` of two such folders shows every sentence,
number and drawn value that changed between two builds, and nothing else.
"""

from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

from usnk.render import figures_in

_BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption",
           "dt", "dd", "pre", "table", "section", "figure", "br", "td", "th", "summary", "details"}
_SKIP = {"script", "style", "noscript", "template"}


class _ArticleText(HTMLParser):
    """The text inside the page's ``<article>`` element, a line per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting inside <article>
        self.skip = 0
        self.lines: list[str] = []
        self.current: list[str] = []

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCKS:
            self._break()
        if tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.current.append(f" [image: {alt}] ")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self._break()
        if tag == "article":
            self._break()
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current.append(data)


def page_text(page: str) -> str:
    """The reader's text of one built page, a block a line."""
    parser = _ArticleText()
    parser.feed(page)
    parser.close()
    return "\n".join(parser.lines) + "\n"


def page_figures(page: str) -> list:
    """Every chart's figure JSON on one built page, in page order (as
    :func:`usnk.render.figures_in` reads it)."""
    return figures_in(page)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    html_dir, out = Path(argv[0]), Path(argv[1])
    pages = sorted((html_dir / "book").glob("*.html"))
    if not pages:
        print(f"{html_dir}: no built pages under book/ (run `make book` first)", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for path in pages:
        page = path.read_text(encoding="utf-8")
        (out / f"{path.stem}.txt").write_text(page_text(page), encoding="utf-8")
        (out / f"{path.stem}.figures.json").write_text(
            json.dumps(page_figures(page), indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(pages)} pages written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
