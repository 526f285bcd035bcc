"""Sphinx extension for the book (listed in ``_config.yml``).

* Serves plotly.js once, from the book's own ``_static`` folder, under a versioned
  name so browsers can cache it; every page loads it, no page inlines it. Which
  build is served (the compact cartesian bundle, or the full one as a fallback) is
  decided by :mod:`usnk.plotlyjs`.
* Serves each chart's data as a CSV file: the ``data:`` link :mod:`usnk.render` puts
  under every figure becomes a file in ``_static/chart-data/`` and a relative link to it,
  so pages stay small and the download works offline.
* Makes every notebook depend on the tables it loads from ``data/`` (all of them when
  its code does not name them), ``datapackage.json`` and the modules of ``usnk/``.
  Sphinx re-reads (and myst-nb, with ``execute_notebooks: force``, re-executes) a page
  whose source or any dependency is newer than its last read, so a data change
  re-executes the notebooks and a no-change rebuild executes nothing.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

from docutils import nodes

from . import plotlyjs
from .paths import ROOT
from .render import CSV_HREF_PREFIX

PLOTLY_JS, PLOTLY_JS_NAME, _ = plotlyjs.served()
CSS_NAME = "usnk.css"

_CSS = """
figure.usnk-figure { margin: 1.2em 0 1.6em; }
figure.usnk-figure .usnk-chart { min-height: 300px; }
figcaption.usnk-caption { font-size: 0.9em; color: var(--pst-color-text-muted, #555);
  margin-top: 0.4em; }
.usnk-table { font-size: 0.9em; }
p.usnk-download { font-size: 0.85em; margin: 0.3em 0 0; }
.usnk-table td, .usnk-table th { padding: 0.2em 0.6em; }
"""


_LOAD_CALL = re.compile(r"""\bload\(\s*(?:name\s*=\s*)?["']([A-Za-z_][A-Za-z0-9_]*)["']""")


def tables_used(notebook: Path) -> set[str] | None:
    """Names of the tables a notebook's code loads with ``load("name")``, or ``None``
    when it may use any table (``load_all``, a non-literal ``load(...)`` argument)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = "\n".join(
        "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
        for c in nb.get("cells", []) if c.get("cell_type") == "code"
    )
    if "load_all(" in code:
        return None
    named = set(_LOAD_CALL.findall(code))
    calls = len(re.findall(r"\bload\(", code))
    if calls > len(_LOAD_CALL.findall(code)):
        return None
    return named


def dependency_files(notebook: Path | None = None) -> list[Path]:
    """Files a notebook depends on: the tables it loads (all of them when that cannot
    be told from its code), ``datapackage.json`` and every module of ``usnk``."""
    data_dir = ROOT / "data"
    tables = tables_used(notebook) if notebook is not None else None
    if tables is None:
        data = sorted(data_dir.glob("*.csv"))
    else:
        data = [data_dir / f"{name}.csv" for name in sorted(tables)]
    data.append(data_dir / "datapackage.json")
    code = sorted(p for p in (ROOT / "usnk").rglob("*.py") if "__pycache__" not in p.parts)
    return [p for p in data + code if p.exists()]


def _note_dependencies(app, docname, source):
    path = Path(app.env.doc2path(docname))
    if path.suffix == ".ipynb":
        for dep in dependency_files(path):
            app.env.note_dependency(str(dep))


CHART_DATA_DIR = "chart-data"
_CSV_LINK = re.compile(r'href="' + re.escape(CSV_HREF_PREFIX) + r'([A-Za-z0-9+/=]*)" download="([A-Za-z0-9_-]+)\.csv"')


def serve_chart_data(html_text: str, static_dir: Path, prefix: str) -> str:
    """``html_text`` with every chart-data ``data:`` link written to
    ``static_dir/chart-data/<name>.csv`` and replaced by a link to that file
    (``prefix``: the path from the page to ``_static/``)."""
    def write(match):
        data, name = match.group(1), match.group(2)
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
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "html" in node.get("format", "").split() and CSV_HREF_PREFIX in text:
            node.replace_self(nodes.raw("", serve_chart_data(text, static, prefix), format="html"))


def _write_static(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / PLOTLY_JS_NAME
    if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
        shutil.copyfile(PLOTLY_JS, target)
    (static / CSS_NAME).write_text(_CSS, encoding="utf-8")


def setup(app):
    app.connect("source-read", _note_dependencies)
    app.connect("build-finished", _write_static)
    app.connect("doctree-resolved", _serve_chart_data)
    # Loaded synchronously in <head> so that the inline figure scripts find window.Plotly.
    app.add_js_file(PLOTLY_JS_NAME, priority=200)
    app.add_css_file(CSS_NAME)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
