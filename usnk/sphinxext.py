"""Sphinx extension for the book (listed in ``_config.yml``).

* Serves plotly.js from the book's own ``_static`` folder, under versioned names so
  browsers can cache it: each page with charts loads the smallest partial bundle that
  draws all its trace types (:func:`usnk.plotlyjs.choose`; the full plotly.js only
  when no installed bundle can), pages without charts load none, no page inlines it.
* Serves each chart's data as a CSV file: the ``data:`` link :mod:`usnk.render` puts
  under every figure becomes a file in ``_static/chart-data/`` named after the page and
  the chart, and a relative link to it, so pages stay small and the download works offline.
* Adds the book's stylesheet and page script (``book/_static/usnk.css``, ``usnk.js``) to
  every page, deferred like plotly.js, so text paints before any script runs.
* Makes every notebook depend on the tables it loads from ``data/`` (all of them when
  its code does not name them), their part of ``datapackage.json`` (the whole file when
  it reads every table), the package-wide facts its findings declare
  (:data:`usnk.findings.base.PACKAGE_FACTS`, such as the newest event of any table) and
  the modules of ``usnk/``. A table's part is the package's own fields and that table's
  resource, and a fact's part its value, each kept as a file in the build folder that is
  rewritten only when it changes, so a new launch (which moves ``last_event_date`` of
  the launch table) does not re-execute a page that never reads launches, and does
  re-execute a page that dates its facts by the newest event when it moves that date.
* Resolves the data folder once (``$USNK_DATA_DIR`` or the repository's ``data/``,
  :func:`data_folder`) and hands it to everything it calls.
  Sphinx re-reads (and myst-nb, with ``execute_notebooks: force``, re-executes) a page
  whose source or any dependency is newer than its last read, so a data change
  re-executes the notebooks and a no-change rebuild executes nothing.
* Ends every chapter page with a "cite this page" note naming the data release and its
  date (:mod:`usnk.release`), and names each chart's CSV file by that release.
* Leaves the theme's Font Awesome script (1.5 MB on every page) out of the pages: the
  theme's stylesheet draws the same icons from the Font Awesome web font it ships (the
  solid face, 153 KB, which the pages fetched with the script too), see
  :func:`without_fontawesome_js`.
* Declares ``sphinx_multitoc_numbering`` parallel-read safe, so that Sphinx can read
  (and so execute) pages in parallel.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
from pathlib import Path

from docutils import nodes

from . import paths, plotlyjs, release, render
from .datafolder import DataFolder
from .paths import ROOT
from .render import CHART_CLASS, CSV_HREF_PREFIX, figures_in

#: The plotly.js files the book can serve (:func:`usnk.plotlyjs.served`).
PLOTLY_OPTIONS = plotlyjs.served()
#: The book's own stylesheet and page script, kept in ``book/_static/`` and copied to the
#: built book's ``_static/``: the chart layer (narrow screens, colour mode, print,
#: legend buttons, menus as selects, data tables) and the fixes of the theme's markup.
CSS_NAME = "usnk.css"
JS_NAME = "usnk.js"
STATIC_SOURCE = ROOT / "book" / "_static"


_LOAD_CALL = re.compile(r"""\bload\(\s*(?:name\s*=\s*)?["']([A-Za-z_][A-Za-z0-9_]*)["']""")


_FINDINGS_CALL = re.compile(r"\bfindings\.([A-Za-z_][A-Za-z0-9_]*)\(")


def _code(notebook: Path) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return "\n".join(
        "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
        for c in nb.get("cells", []) if c.get("cell_type") == "code"
    )


def _readers(code: str) -> list:
    """The findings functions the code calls that declare what they read."""
    from usnk import findings

    declared = [getattr(findings, name, None) for name in _FINDINGS_CALL.findall(code)]
    return [f for f in declared if hasattr(f, "tables")]


def tables_used(notebook: Path) -> set[str] | None:
    """Names of the tables a notebook's code reads, or ``None`` when it may read any.

    A table counts when the code loads it with ``load("name")``, or when it calls a
    chapter's findings (``findings.nuclear(load_all())``), which declare the tables they
    read (:func:`usnk.findings.base.reads`; ``tables = None`` for all of them). Code that
    loads every table without such a declaration, or calls ``load`` with a non-literal
    argument, may read any table."""
    code = _code(notebook)
    named = set(_LOAD_CALL.findall(code))
    if len(re.findall(r"\bload\(", code)) > len(_LOAD_CALL.findall(code)):
        return None
    if "load_all(" in code:
        readers = _readers(code)
        if not readers or any(f.tables is None for f in readers):
            return None
        named.update(t for f in readers for t in f.tables)
    return named


def facts_used(notebook: Path) -> set[str]:
    """The package-wide facts (:data:`usnk.findings.base.PACKAGE_FACTS`) that the
    findings a notebook calls declare they read (``function.package_facts``)."""
    return {fact for f in _readers(_code(notebook)) for fact in getattr(f, "package_facts", ())}


def data_folder(app=None) -> DataFolder:
    """The book's data folder, resolved here once (``$USNK_DATA_DIR``, else the
    repository's ``data/``; :func:`usnk.paths.data_dir`) and kept on the Sphinx app."""
    if app is None:
        return DataFolder(paths.data_dir())
    if not hasattr(app, "_usnk_folder"):
        app._usnk_folder = DataFolder(paths.data_dir())
    return app._usnk_folder


#: Folder (in Sphinx's doctree folder) holding each table's part of ``datapackage.json``.
PACKAGE_PARTS = "usnk-package"


def package_part(package: dict, table: str) -> str:
    """What a page reading ``table`` takes from the data package: the package's own
    fields and the table's resource (JSON text, keys sorted)."""
    part = {k: v for k, v in package.items() if k != "resources"}
    part["resource"] = next((r for r in package.get("resources", []) if r.get("name") == table), None)
    return json.dumps(part, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


#: Subfolder of the parts folder holding each package-wide fact's value.
FACT_PARTS = "facts"


def fact_part(package: dict, fact: str) -> str:
    """What a page reading the package-wide ``fact`` takes from the data package: its
    value (:data:`usnk.findings.base.PACKAGE_FACTS`), as JSON text."""
    from usnk.findings.base import PACKAGE_FACTS

    return json.dumps({fact: PACKAGE_FACTS[fact](package)}, sort_keys=True) + "\n"


def _write_if_changed(path: Path, text: str) -> Path:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def write_package_parts(parts_dir: Path, folder: DataFolder) -> list[Path]:
    """Write each table's :func:`package_part` to ``parts_dir/<table>.json`` and each
    package-wide fact's :func:`fact_part` to ``parts_dir/facts/<fact>.json``; a file
    whose text is unchanged is not touched, so its modification time says when that
    part last changed. Returns the files (tables first)."""
    from usnk.findings.base import PACKAGE_FACTS

    package = folder.package
    (parts_dir / FACT_PARTS).mkdir(parents=True, exist_ok=True)
    written = [_write_if_changed(parts_dir / f"{resource['name']}.json", package_part(package, resource["name"]))
               for resource in package.get("resources", [])]
    written += [_write_if_changed(parts_dir / FACT_PARTS / f"{fact}.json", fact_part(package, fact))
                for fact in PACKAGE_FACTS]
    return written


def dependency_files(notebook: Path | None, folder: DataFolder, parts_dir: Path | None = None) -> list[Path]:
    """Files a notebook depends on: the tables it loads (all of them when that cannot
    be told from its code), every module of ``usnk``, and ``datapackage.json``: only the
    parts of it for the tables the notebook reads and the package-wide facts its
    findings declare when ``parts_dir`` holds them (:func:`write_package_parts`), the
    whole file otherwise."""
    tables = tables_used(notebook) if notebook is not None else None
    if tables is None:
        data = sorted(folder.path.glob("*.csv")) + [folder.package_path]
    else:
        data = [folder.csv_path(name) for name in sorted(tables)]
        parts = [parts_dir / f"{name}.json" for name in sorted(tables)] if parts_dir else []
        if parts_dir:
            parts += [parts_dir / FACT_PARTS / f"{fact}.json" for fact in sorted(facts_used(notebook))]
        data += parts if parts and all(p.exists() for p in parts) else [folder.package_path]
    code = sorted(p for p in (ROOT / "usnk").rglob("*.py") if "__pycache__" not in p.parts)
    return [p for p in data + code if p.exists()]


def _parts_dir(app) -> Path:
    return Path(app.doctreedir) / PACKAGE_PARTS


def _write_package_parts(app):
    """Before Sphinx decides which pages are out of date, bring the parts up to date."""
    write_package_parts(_parts_dir(app), data_folder(app))


def _note_dependencies(app, docname, source):
    path = Path(app.env.doc2path(docname))
    if path.suffix == ".ipynb":
        for dep in dependency_files(path, data_folder(app), _parts_dir(app)):
            app.env.note_dependency(str(dep))


CHART_DATA_DIR = "chart-data"
_CSV_LINK = re.compile(r'href="' + re.escape(CSV_HREF_PREFIX) + r'([A-Za-z0-9+/=]*)" download="([A-Za-z0-9_-]+)\.csv"')


def serve_chart_data(html_text: str, static_dir: Path, prefix: str, page: str = "",
                     version: str | None = None) -> str:
    """``html_text`` with every chart-data ``data:`` link written to
    ``static_dir/chart-data/<page>-<name>-<version>.csv`` and replaced by a link to
    that file (``prefix``: the path from the page to ``_static/``; ``page``: the page's
    file name, which keeps the names of two pages' charts apart; a name a page uses
    twice gets ``-2``, ``-3``...; ``version``: the data release,
    :func:`usnk.release.current`, so a downloaded chart's data says which release it is,
    in its name: a comment line in the file would not be valid CSV)."""
    seen: dict[str, int] = {}

    def write(match):
        data, name = match.group(1), match.group(2)
        name = f"{page}-{name}" if page else name
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name}-{seen[name]}"
        if version:
            name = f"{name}-{version}"
        target = static_dir / CHART_DATA_DIR / f"{name}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))
        return f'href="{prefix}_static/{CHART_DATA_DIR}/{name}.csv" download="{name}.csv"'
    return _CSV_LINK.sub(write, html_text)


def _serve_chart_data(app, doctree, docname):
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    prefix = "../" * docname.count("/")
    page = docname.rsplit("/", 1)[-1]
    # one pass over the page's raw HTML outputs, so a name used twice on a page is caught
    nodes_with_links = [n for n in doctree.findall(nodes.raw)
                        if "html" in n.get("format", "").split() and CSV_HREF_PREFIX in n.astext()]
    marker = "\x00usnk-raw-node\x00"
    served = serve_chart_data(marker.join(n.astext() for n in nodes_with_links), static, prefix, page, _release(app).version)
    for node, text in zip(nodes_with_links, served.split(marker)):
        node.replace_self(nodes.raw("", text, format="html"))


def _release(app) -> release.Release:
    """The data release the book is built from (read once per process)."""
    if not hasattr(app, "_usnk_release"):
        app._usnk_release = release.current(data_folder(app).path)
    return app._usnk_release


def cite_html(app_title: str, author: str, page_title: str, rel: release.Release) -> str:
    """The "cite this page" note put at the end of every chapter page."""
    text = html.escape(release.cite_text(app_title, author, page_title, rel))
    return (f'<aside class="usnk-cite" aria-label="Cite this page"><p><strong>Cite this page:</strong> '
            f"{text} Citation metadata: <code>CITATION.cff</code>.</p></aside>")


def _add_cite_this(app, pagename, templatename, context, doctree):
    """Every chapter page (``book/…``) ends with :func:`cite_html`."""
    if doctree is None or not pagename.startswith("book/") or "body" not in context:
        return
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or pagename))
    book = getattr(app.config, "html_title", "") or app.config.project  # Jupyter Book sets html_title
    context["body"] += cite_html(book, app.config.author, title, _release(app))


def trace_types(html_text: str) -> set[str]:
    """The trace types of the figures :func:`usnk.render.figure_html` put in ``html_text``."""
    return {t.get("type", "scatter") for fig in figures_in(html_text) for t in fig.get("data", [])}


def _load_plotly_where_charts_are(app, pagename, templatename, context, doctree):
    """Give each page that draws a chart the smallest plotly.js that draws all its
    charts (:func:`usnk.plotlyjs.choose`), and a page without charts none (it need not
    load and parse over a megabyte of script). Deferred, so the page's text paints
    before plotly.js is parsed; the book's page script (deferred too, and after it in
    the page) draws the charts from their JSON, with the page's one copy of the Plotly
    config (:func:`usnk.render.page_config_html`)."""
    body = context.get("body") or ""
    if CHART_CLASS in body:
        path, name = plotlyjs.choose(trace_types(body), PLOTLY_OPTIONS)
        _copy_static(app, path, name)
        app.add_js_file(name, priority=200, loading_method="defer")
        context["body"] = body + render.page_config_html()


def _copy_static(app, source: Path, name: str) -> None:
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / name
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)


def _write_static(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name in (CSS_NAME, JS_NAME):
        shutil.copyfile(STATIC_SOURCE / name, static / name)


#: The script tag of the theme's Font Awesome script (pydata-sphinx-theme puts it in every
#: page's head). The script replaces each ``<i class="fa-…">`` icon by an inline SVG; the
#: theme's stylesheet already draws the same icons as glyphs of the Font Awesome web font
#: it ships, so without the script the icons show all the same.
_FONTAWESOME_JS = re.compile(r'[ \t]*<script\b[^>]*\bsrc="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>\n?')


def without_fontawesome_js(page_html: str) -> str:
    """``page_html`` without the theme's Font Awesome script tag (:data:`_FONTAWESOME_JS`)."""
    return _FONTAWESOME_JS.sub("", page_html)


def _leave_out_fontawesome_js(app) -> None:
    """Every page the HTML builder renders goes through :func:`without_fontawesome_js`.
    The tag comes from a macro of the theme's templates, not from Sphinx's list of
    scripts, so it is taken out of the rendered page."""
    templates = getattr(app.builder, "templates", None)
    if templates is None or getattr(templates, "_usnk_without_fontawesome", False):
        return
    render = templates.render

    def render_without_fontawesome(template, context):
        return without_fontawesome_js(render(template, context))

    templates.render = render_without_fontawesome
    templates._usnk_without_fontawesome = True


def _declare_multitoc_numbering_parallel_safe(app) -> None:
    """Let Sphinx read pages in parallel (``tools.build``) although
    ``sphinx_multitoc_numbering`` does not say whether that is safe.

    ``sphinx_external_toc`` loads it unconditionally, whatever ``use_multitoc_numbering``
    says, and Sphinx then reads serially. It is safe: all the extension does is replace
    ``TocTreeCollector.assign_section_numbers``, which Sphinx runs in the main process
    on the environment merged from every reading process, after reading is done."""
    ext = app.extensions.get("sphinx_multitoc_numbering")
    if ext is not None and ext.parallel_read_safe is None:
        ext.parallel_read_safe = True


def setup(app):
    _declare_multitoc_numbering_parallel_safe(app)
    app.connect("builder-inited", _write_package_parts)
    app.connect("builder-inited", _leave_out_fontawesome_js)
    app.connect("source-read", _note_dependencies)
    app.connect("build-finished", _write_static)
    app.connect("doctree-resolved", _serve_chart_data)
    app.connect("html-page-context", _load_plotly_where_charts_are)
    app.connect("html-page-context", _add_cite_this)
    app.add_css_file(CSS_NAME)
    # every page: the theme fixes apply to pages without charts too
    app.add_js_file(JS_NAME, priority=900, loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
