"""How the book's Plotly figures are displayed.

A figure shown in a notebook produces two representations:

* ``application/vnd.plotly.v1+json``, Plotly's own MIME type, which JupyterLab (with
  the ``jupyterlab-plotly`` extension shipped in the plotly package) and VS Code render
  natively, so analysts see live figures;
* ``text/html``: a ``<figure>`` holding a plain ``<div>`` and a short script that calls
  ``Plotly.newPlot`` on it, plus a caption and a text alternative. The script expects
  ``window.Plotly`` to exist already: in the built book it is loaded once, from the
  book's own ``_static`` folder, by :mod:`usnk.sphinxext`. Nothing is fetched from a CDN
  and plotly.js is never inlined into a page.

myst-nb picks ``text/html`` for the HTML book (it does not know Plotly's MIME type).
Importing :mod:`usnk.charts` installs this renderer as Plotly's default.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import sys
import types


class _LoadedOnFirstUse(types.ModuleType):
    """A registered module whose code runs when one of its own names is first used.

    Unlike :class:`importlib.util.LazyLoader`, whose modules load on *any* attribute
    access (the import system itself reads ``__spec__``, so ``import_module`` loads
    them at once on Python 3.11), this one runs only when a name the module defines
    is looked up (``__getattr__`` is consulted only for missing attributes)."""

    def __getattr__(self, name):
        self.__class__ = types.ModuleType
        self.__spec__.loader.exec_module(self)
        return getattr(self, name)


def _defer_nbformat_import() -> None:
    """Make ``nbformat`` load on first use instead of when plotly.io is imported.

    plotly.io imports nbformat eagerly, only to check its version in ``fig.show()``;
    nbformat imports jsonschema, whose format checkers build three Earley parsers
    (package ``rfc3987_syntax``) at import: about 2.5 s of CPU in every kernel that
    draws a chart, for nothing the book uses (notebooks display figures through
    ``_repr_mimebundle_``). ``fig.show()`` and ``import nbformat`` keep working: the
    module's code runs when one of its names is first used.
    """
    if "nbformat" in sys.modules:
        return
    spec = importlib.util.find_spec("nbformat")
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _LoadedOnFirstUse
    sys.modules["nbformat"] = module


_defer_nbformat_import()

import plotly.graph_objects as go  # noqa: E402  (after the deferral above)
import plotly.io as pio  # noqa: E402
from plotly.io._base_renderers import MimetypeRenderer  # noqa: E402

RENDERER_NAME = "usnk"
PLOTLY_MIME = "application/vnd.plotly.v1+json"

#: Plotly config shared by every chart: responsive, no Plotly logo, no cloud links.
PLOT_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "showLink": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def _meta(fig_dict: dict) -> dict:
    meta = (fig_dict.get("layout") or {}).get("meta")
    return meta if isinstance(meta, dict) else {}


def _script_safe(js_json: str) -> str:
    """JSON text made safe inside an inline <script>: no '<', '>' or '&' survives
    (each becomes its \\u escape, which JSON and JavaScript read back unchanged)."""
    return js_json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_html(fig: go.Figure | dict) -> str:
    """The HTML the book shows for ``fig``: figure, caption and text alternative.

    Caption and alternative text come from ``fig.layout.meta['caption']`` and
    ``['alt']`` (set by :func:`usnk.charts.base.finish`); all text is escaped.
    The element id is derived from the figure's content, so rebuilding an unchanged
    page produces identical HTML.
    """
    fig_dict = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    body = pio.to_json(fig_dict, validate=False)
    div_id = "usnk-" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
    meta = _meta(fig_dict)
    caption = str(meta.get("caption", "") or "")
    alt = str(meta.get("alt", "") or caption or "Chart")
    height = (fig_dict.get("layout") or {}).get("height") or 450
    script = (
        "(function(){var el=document.getElementById(%s);"
        "if(!el){return;}"
        "if(!window.Plotly){el.textContent=%s;return;}"
        "var f=%s;"
        "Plotly.newPlot(el,f.data,f.layout||{},%s);})();"
        % (
            json.dumps(div_id),
            json.dumps("This chart needs plotly.js, which did not load."),
            _script_safe(body),  # plotly's compact JSON, embedded as is
            json.dumps(PLOT_CONFIG, separators=(",", ":")),
        )
    )
    parts = [
        '<figure class="usnk-figure">',
        f'<div id="{div_id}" class="plotly-graph-div usnk-chart" role="img" '
        f'aria-label="{html.escape(alt, quote=True)}" style="height:{int(height)}px;width:100%;"></div>',
        f"<script>{script}</script>",
    ]
    if caption:
        parts.append(f'<figcaption class="usnk-caption">{html.escape(caption)}</figcaption>')
    parts.append("</figure>")
    return "".join(parts)


class BookRenderer(MimetypeRenderer):
    """Plotly renderer emitting Plotly's MIME type and book-ready HTML together."""

    def to_mimebundle(self, fig_dict):
        plotly_json = json.loads(pio.to_json(fig_dict, validate=False, remove_uids=False))
        plotly_json["config"] = dict(PLOT_CONFIG)
        return {PLOTLY_MIME: plotly_json, "text/html": figure_html(fig_dict)}


def install() -> None:
    """Register :class:`BookRenderer` and make it Plotly's default renderer."""
    pio.renderers[RENDERER_NAME] = BookRenderer()
    pio.renderers.default = RENDERER_NAME
