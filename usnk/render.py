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
import json

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

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
