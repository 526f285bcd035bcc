"""The built book: a strict build, nothing fetched from outside, plotly.js served once,
figures present as plain HTML, and a data change re-executes the notebooks."""

from __future__ import annotations

import json
import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from usnk import plotlyjs, sphinxext
from usnk.render import CHART_CLASS, figures_in
from tools.buildtools import add_launch, copy_repo, run_build, toc_pages

pytestmark = pytest.mark.build


class _Refs(HTMLParser):
    """Collects every URL a page would load, and the text of its inline scripts."""

    ATTRS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
             "video": "src", "audio": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = self.ATTRS.get(tag)
        if name and attrs.get(name):
            self.loads.append(attrs[name])
        if tag == "img" and attrs.get("srcset"):
            self.loads.extend(part.split()[0] for part in attrs["srcset"].split(","))
        self._in_script = tag == "script" and not attrs.get("src")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(book) -> list[Path]:
    return [book.html / f"{page}.html" for page in toc_pages(book.root)]


def test_strict_build_passes(built_book):
    built_book.require_success()
    assert "WARNING:" not in built_book.log, built_book.log[-4000:]
    assert "Finished generating HTML" in built_book.log


def test_build_log_has_nothing_a_new_user_would_take_for_a_problem(built_book):
    """No warning of any kind (kernels' transport notices included, and none about an
    extension that would stop Sphinx reading in parallel)."""
    built_book.require_success()
    assert "WARNING" not in built_book.log, built_book.log[-4000:]
    assert "without encryption" not in built_book.log
    assert "serial read" not in built_book.log


def test_every_toc_page_is_built(built_book):
    built_book.require_success()
    missing = [str(p) for p in _pages(built_book) if not p.exists()]
    assert not missing
    assert len(_pages(built_book)) >= 1


def test_only_toc_files_are_built(built_book):
    built_book.require_success()
    built = {p.relative_to(built_book.html).with_suffix("").as_posix()
             for p in (built_book.html / "book").rglob("*.html")}
    assert built == {p for p in toc_pages(built_book.root) if p.startswith("book/")}
    for folder in ("data", "tests", "usnk", ".venv"):
        assert not (built_book.html / folder).exists(), folder


OUTSIDE = re.compile(r"^(https?:)?//", re.I)
CDN_HINTS = re.compile(r"https?://[^\"'\s]*(cdn|unpkg|jsdelivr|googleapis|mathjax|requirejs|thebe)", re.I)


def test_no_page_loads_anything_from_outside(built_book):
    built_book.require_success()
    offenders = []
    for page in sorted(built_book.html.rglob("*.html")):
        refs = _parse(page)
        offenders += [f"{page.name}: {u}" for u in refs.loads if OUTSIDE.match(u.strip())]
        offenders += [f"{page.name}: inline {m.group(0)}" for s in refs.inline_scripts for m in CDN_HINTS.finditer(s)]
    assert not offenders, "\n".join(offenders)


def test_plotly_js_is_served_once_and_never_inlined(built_book):
    """Each page with charts loads one plotly.js from _static, the smallest bundle that
    draws every trace type on the page (the landing page the basic one); pages without
    charts load none; no page inlines plotly.js."""
    built_book.require_success()
    static = {p.name for p in (built_book.html / "_static").glob("plotly-*.min.js")}
    options = [o for o in plotlyjs.served() if o[1] in static]
    assert [o[1] for o in options[:2]] == [f"plotly-{b['name']}-{plotlyjs.VERSION}.min.js" for b in plotlyjs.BUNDLES]
    loaded_by = {}
    for page in _pages(built_book):
        text = page.read_text(encoding="utf-8")
        loads = [Path(u.split("?")[0]).name for u in _parse(page).loads]
        plotly = [name for name in loads if name.startswith("plotly-")]
        used = sphinxext.trace_types(text)
        if CHART_CLASS in text:
            assert len(plotly) == 1 and plotly[0] in static, page.name
            traces = next(o[2] for o in options if o[1] == plotly[0])
            assert traces is None or used <= set(traces), page.name           # it can draw the page
            smaller = options[:[o[1] for o in options].index(plotly[0])]
            assert not any(used <= set(o[2]) for o in smaller), page.name     # and nothing smaller could
        else:
            assert plotly == [], page.name
        loaded_by[page.stem] = plotly
        # plotly.js's own banner and a sign of its bundled code never appear in a page
        assert "plotly.js v" not in text and "plotly.js (" not in text and "Plotly=function" not in text, page.name
        assert len(text.encode("utf-8")) < 1_000_000, page.name
    assert loaded_by["intro"] == [f"plotly-basic-{plotlyjs.VERSION}.min.js"]
    assert loaded_by["08_claims"] == []                      # the claims register draws no chart
    assert loaded_by["07_explorer"] == [f"plotly-cartesian-{plotlyjs.VERSION}.min.js"]  # its heatmap


def test_served_plotly_js_can_draw_every_trace_type_the_pages_use(built_book):
    built_book.require_success()
    used = set().union(*(sphinxext.trace_types(page.read_text(encoding="utf-8")) for page in _pages(built_book)))
    assert used, "no figures found"
    drawable = set().union(*(b["traces"] for b in plotlyjs.BUNDLES))
    assert used <= drawable, f"trace types no partial bundle draws: {used - drawable}"


def test_landing_page_has_a_plain_html_plotly_figure_with_data(built_book):
    built_book.require_success()
    text = (built_book.html / f"{toc_pages(built_book.root)[0]}.html").read_text(encoding="utf-8")
    assert CHART_CLASS in text
    assert 'class="usnk-figure-data"' in text
    figures = figures_in(text)
    assert figures, "figure JSON not found"
    fig = figures[0]
    assert fig["data"], "the landing chart has no traces"
    assert "aria-labelledby=" in text and "aria-describedby=" in text and "usnk-caption" in text


def test_no_output_of_the_plotly_mime_type_or_errors_leaks_into_pages(built_book):
    built_book.require_success()
    for page in _pages(built_book):
        text = page.read_text(encoding="utf-8")
        assert "application/vnd.plotly.v1+json" not in text, page.name
        assert "Traceback" not in text, page.name


@pytest.fixture(scope="module")
def rebuild_copy(tmp_path_factory):
    """A copy of the repository with only the landing page and chapter 1 in its table of
    contents, built once, for the incremental-rebuild tests."""
    root = copy_repo(tmp_path_factory.mktemp("rebuild") / "repo")
    first = toc_pages(root)[0]
    (root / "_toc.yml").write_text(f"format: jb-book\nroot: {first}\nchapters:\n  - file: book/01_history\n",
                                   encoding="utf-8")
    proc = run_build(root, strict=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return root, first


def _landing(root: Path, first: str) -> str:
    return (root / "_build" / "html" / f"{first}.html").read_text(encoding="utf-8")


def test_no_change_rebuild_executes_nothing(rebuild_copy):
    root, first = rebuild_copy
    before = _landing(root, first)
    proc = run_build(root, strict=False)
    assert proc.returncode == 0
    assert "Executed notebook" not in proc.stdout + proc.stderr
    assert "0 added, 0 changed, 0 removed" in proc.stdout
    assert _landing(root, first) == before


def test_change_to_a_table_the_page_does_not_read_executes_nothing(rebuild_copy):
    """Only pages that read a table depend on it: chapter 1's findings do not read the
    humanitarian table, so a newer humanitarian.csv leaves chapter 1 alone, while the
    landing page, which says where every table ends, is executed again."""
    from usnk import findings

    root, first = rebuild_copy
    assert "humanitarian" not in findings.history.tables
    table = root / "data" / "humanitarian.csv"
    later = time.time() + 5
    os.utime(table, (later, later))
    proc = run_build(root, strict=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    log = proc.stdout + proc.stderr
    assert "01_history.ipynb: Executed notebook" not in log
    assert f"{Path(first).name}.ipynb: Executed notebook" in log


def test_data_change_reexecutes_and_changes_the_page(rebuild_copy):
    root, first = rebuild_copy
    before = _landing(root, first)
    add_launch(root, "2026-11-20")

    proc = run_build(root, strict=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    log = proc.stdout + proc.stderr
    assert f"{Path(first).name}.ipynb: Executed notebook" in log
    # chapter 1 reads no launches, but it dates its facts by the newest event of any
    # table, which this launch moved: it is executed again and says so
    assert "01_history.ipynb: Executed notebook" in log
    after = _landing(root, first)
    assert after != before
    assert "20 November 2026" in after
    assert "20 November 2026" not in before
    history = (root / "_build" / "html" / "book" / "01_history.html").read_text(encoding="utf-8")
    assert "20 November 2026" in history


def test_the_build_checks_the_tables_once_and_the_kernels_share_them(built_book):
    """The first kernel that loads the tables checks them and keeps them in the copy's
    table cache (usnk.framecache); the other kernels take them from there."""
    built_book.require_success()
    cached = list((built_book.root / "_build" / ".table-cache").glob("*.pickle"))
    assert len(cached) == 1


def test_every_page_stays_within_150_kb_of_html(built_book):
    """The size target of the book: each page's own HTML (the shared scripts, loaded
    once and cached, are not counted) stays within 150 KB."""
    built_book.require_success()
    sizes = {p.name: p.stat().st_size for p in _pages(built_book)}
    too_big = {k: v for k, v in sizes.items() if v > 150 * 1024}
    assert not too_big, too_big


def test_appendix_offers_every_table_for_download(built_book):
    """Every table of the data package can be downloaded from the appendix, byte for
    byte as it is in data/ (so every chart's data is downloadable)."""
    built_book.require_success()
    page = built_book.html / "book" / "06_data.html"
    links = re.findall(r'href="([^"]+\.csv)"', page.read_text(encoding="utf-8"))
    by_name = {Path(link).name: (page.parent / link).resolve() for link in links}
    pkg = json.loads((built_book.root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        assert res["path"] in by_name, f"no download link for {res['path']}"
        assert by_name[res["path"]].read_bytes() == (built_book.root / "data" / res["path"]).read_bytes()


def test_a_failing_notebook_cell_fails_the_build(tmp_path):
    """A cell that raises stops the build (no page is published with a traceback).
    The raising cell comes first, so the build does not first run the whole page."""
    root = copy_repo(tmp_path / "repo")
    nb = json.loads((root / "book" / "intro.ipynb").read_text(encoding="utf-8"))
    nb["cells"].insert(0, {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "id": "boom", "source": "raise RuntimeError('deliberate failure for the test')"})
    (root / "book" / "intro.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n", encoding="utf-8")
    proc = run_build(root, strict=False)
    assert proc.returncode != 0
    assert "deliberate failure for the test" in proc.stdout + proc.stderr
