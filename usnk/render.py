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

import base64
import hashlib
import html
import importlib.metadata
import importlib.util
import json
import re
import sys
import types

import numpy as np
import pandas as pd


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

    The one name Plotly reads when it displays a figure in IPython is
    ``nbformat.__version__`` (a check that it is at least 4.2); the deferred module
    carries it from the installed distribution's metadata, so displaying a chart does
    not load nbformat either (that load was about 3.5 s of every chapter's first chart).
    """
    if "nbformat" in sys.modules:
        return
    spec = importlib.util.find_spec("nbformat")
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    try:
        module.__version__ = importlib.metadata.version("nbformat")
    except importlib.metadata.PackageNotFoundError:
        pass
    module.__class__ = _LoadedOnFirstUse
    sys.modules["nbformat"] = module


_defer_nbformat_import()

import plotly.graph_objects as go  # noqa: E402  (after the deferral above)
import plotly.io as pio  # noqa: E402
from plotly.io._base_renderers import MimetypeRenderer  # noqa: E402

RENDERER_NAME = "usnk"
#: The columns a chart's CSV takes from each trace, in this order, when the trace has them.
DATA_KEYS = ("x", "y", "lat", "lon", "z", "labels", "values")
#: Start of the link each figure carries to its data; :mod:`usnk.sphinxext` turns it into a
#: file under ``_static/chart-data/`` in the built book.
CSV_HREF_PREFIX = "data:text/csv;base64,"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: The class attribute of every chart's element in :func:`figure_html`.
CHART_CLASS = 'class="plotly-graph-div usnk-chart"'
#: The element holding each chart's figure (data and layout) as JSON, read by the page script.
FIGURE_DATA_CLASS = "usnk-figure-data"
_FIGURE_JSON = re.compile(r'<script type="application/json" class="usnk-figure-data">(.*?)</script>', re.S)

#: The toolbar buttons a reader uses: save a picture, zoom, pan, reset. Everything else
#: plotly.js offers is removed, above all the two names of its cloud button (plotly.js
#: 4 calls it ``sendChartToCloud``, older versions ``sendDataToCloud``), which would send
#: the reader and the chart to a third party.
MODEBAR_KEPT = ("toImage", "zoom2d", "pan2d", "resetScale2d")
MODEBAR_REMOVED = (
    "sendChartToCloud", "sendDataToCloud", "editInChartStudio", "lasso2d", "select2d", "autoScale2d",
    "zoomIn2d", "zoomOut2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian",
    "toggleHover", "resetViews", "hoverClosestPie", "zoom3d", "pan3d", "orbitRotation", "tableRotation",
    "resetCameraDefault3d", "resetCameraLastSave3d", "hoverClosest3d", "zoomInGeo", "zoomOutGeo",
    "resetGeo", "hoverClosestGeo", "hoverClosestGl2d", "resetViewMapbox", "resetViewMap",
)

#: Plotly config shared by every chart: responsive, no Plotly logo, no cloud links, a
#: toolbar of :data:`MODEBAR_KEPT` only.
PLOT_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "showLink": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": list(MODEBAR_REMOVED),
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def _meta(fig_dict: dict) -> dict:
    meta = (fig_dict.get("layout") or {}).get("meta")
    return meta if isinstance(meta, dict) else {}


_UNSAFE_LT = re.compile(r"<(?=[/!sS])")


def _script_safe(value) -> str:
    """``value`` as compact JSON text, safe inside ``<script type="application/json">``.

    Inside a script element only a ``<`` that starts ``</`` (the end tag), ``<!`` (a
    comment opening, which changes how the parser looks for the end) or ``<s`` (a nested
    ``<script``) can end or confuse it; each such ``<`` becomes its ``\\u003c`` escape,
    which JSON reads back unchanged. Every other character stays as it is, so the
    hover labels' ``<br>`` and ``<b>`` cost one byte, not six."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return _UNSAFE_LT.sub(r"\\u003c", text)


#: The id of the page's one copy of :data:`PLOT_CONFIG` (written by the Sphinx extension
#: on every page with a chart, read by the page script for every chart of the page).
PAGE_CONFIG_ID = "usnk-plot-config"


def page_config_html() -> str:
    """The page's Plotly config, once for all its charts (the figures carry none)."""
    return (f'<script type="application/json" id="{PAGE_CONFIG_ID}">'
            f'{_script_safe(PLOT_CONFIG)}</script>')


def _values(value) -> list | None:
    """A trace attribute as a plain list (lists, NumPy arrays, Plotly's typed-array dicts)."""
    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return arr.reshape(value["shape"]).tolist() if "shape" in value else arr.tolist()
    if isinstance(value, (list, tuple, np.ndarray, pd.Series, pd.Index)):
        return [_plain(v) for v in value]
    return None


_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]00:00:00(\.0+)?$")


def _plain(value):
    """A date as ``YYYY-MM-DD`` (with the time only when it is not midnight), whether
    the figure holds it as a date or as Plotly's ISO text; any other value unchanged."""
    if isinstance(value, (np.datetime64, pd.Timestamp)):
        ts = pd.Timestamp(value)
        return ts.strftime("%Y-%m-%d") if ts == ts.normalize() else ts.isoformat()
    if isinstance(value, str) and (m := _MIDNIGHT.match(value)):
        return m.group(1)
    return value


def _decorative(trace: dict) -> bool:
    return trace.get("hoverinfo") == "skip" and trace.get("showlegend") is False


def figure_frame(fig: go.Figure | dict) -> pd.DataFrame:
    """What a figure plots, as one table: a row per point of every data trace, with the
    trace's name (``series``) and its coordinates (the :data:`DATA_KEYS` it has).
    Decorative traces (no hover and no legend entry, such as coastlines) are left out."""
    fig_dict = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    parts = []
    for i, trace in enumerate(fig_dict.get("data") or []):
        if _decorative(trace):
            continue
        columns = {k: v for k in DATA_KEYS if (v := _values(trace.get(k))) is not None}
        n = max((len(v) for v in columns.values()), default=0)
        if n == 0:
            continue
        columns = {k: v if len(v) == n else v + [None] * (n - len(v)) for k, v in columns.items()}
        name = trace.get("name") or f"{trace.get('type', 'trace')} {i + 1}"
        parts.append(pd.DataFrame({"series": [html.unescape(str(name))] * n, **columns}))
    if not parts:
        return pd.DataFrame(columns=["series"])
    out = pd.concat(parts, ignore_index=True)
    return out[["series"] + [k for k in DATA_KEYS if k in out.columns]]


def figure_csv(fig: go.Figure | dict) -> str:
    """:func:`figure_frame` as CSV text (UTF-8, no index)."""
    return figure_frame(fig).to_csv(index=False)


def chart_title(fig: go.Figure | dict) -> str:
    """A short name for a chart, for its download's file name and link text: the
    figure's title, else its caption up to the first colon, bracket or full stop."""
    fig_dict = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    layout = fig_dict.get("layout") or {}
    title = layout.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    if not text:
        text = re.split(r": | \(|\. |;", str(_meta(fig_dict).get("caption", "") or ""), maxsplit=1)[0]
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", str(text or "")))).strip().rstrip(".")
    if len(text) > 90:
        text = text[:90].rsplit(" ", 1)[0] + "…"
    return text or "Chart"


def file_stem(text: str, max_words: int = 9) -> str:
    """``text`` as a file name: lower-case ASCII words joined by hyphens."""
    ascii_text = text.replace("–", "-").replace("×", "x").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words]) or "chart"


def download_link(fig: go.Figure | dict, name: str | None = None) -> str:
    """A link offering the figure's data as ``name``.csv (default: the chart's
    :func:`chart_title` as a file name), with a link text that names the chart: a
    ``data:`` URI, which the book's Sphinx extension replaces by a file it serves from
    ``_static/chart-data/``."""
    title = chart_title(fig)
    name = name or file_stem(title)
    data = base64.b64encode(figure_csv(fig).encode("utf-8")).decode("ascii")
    return (f'<p class="usnk-download"><a href="{CSV_HREF_PREFIX}{data}" download="{name}.csv">'
            f"Download the data of “{html.escape(title)}” (CSV)</a></p>")


def figure_html(fig: go.Figure | dict) -> str:
    """The HTML the book shows for ``fig``: a figure with its caption, description,
    data-table switch and CSV link, and the chart's JSON for the page script.

    Caption and description (text alternative) come from ``fig.layout.meta['caption']``
    and ``['alt']`` (set by :func:`usnk.charts.base.finish`); all text is escaped. The
    ``<figure>`` is the one focusable, labelled element of the chart: named by its
    caption and described by its description. The book's page script (``usnk.js``,
    loaded deferred after plotly.js, so text paints first) draws the chart from the
    JSON, adapts it to the screen, the colour mode and print, replaces Plotly's legend
    and menus by buttons and selects, and fills the data table when it is opened.
    The element ids are derived from the figure's content, so rebuilding an unchanged
    page produces identical HTML.
    """
    fig_dict = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    body = pio.to_json(fig_dict, validate=False)
    div_id = "usnk-" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
    meta = _meta(fig_dict)
    caption = str(meta.get("caption", "") or "")
    alt = str(meta.get("alt", "") or caption or "Chart")
    title = chart_title(fig_dict)
    height = (fig_dict.get("layout") or {}).get("height") or 450
    # The payload leaves out what the page already says: the config is the page's, once
    # (page_config_html), and the caption and description are the figure's own text.
    shown = json.loads(body)
    shown_meta = {k: v for k, v in meta.items() if k not in ("caption", "alt")}
    if shown_meta:
        shown["layout"]["meta"] = shown_meta
    elif "meta" in (shown.get("layout") or {}):
        del shown["layout"]["meta"]
    label = f'aria-labelledby="{div_id}-caption"' if caption else f'aria-label="{html.escape(title, quote=True)}"'
    parts = [
        f'<figure class="usnk-figure" id="{div_id}-figure" tabindex="0" {label} '
        f'aria-describedby="{div_id}-description">',
        f'<div id="{div_id}" {CHART_CLASS} style="height:{int(height)}px;width:100%;">'
        '<p class="usnk-nojs">The interactive chart needs JavaScript; its description, '
        'caption and data follow.</p></div>',
        f'<script type="application/json" class="{FIGURE_DATA_CLASS}">{_script_safe(shown)}</script>',
    ]
    if caption:
        parts.append(f'<figcaption id="{div_id}-caption" class="usnk-caption">{html.escape(caption)}</figcaption>')
    parts.append(f'<p id="{div_id}-description" class="usnk-description">{html.escape(alt)}</p>')
    parts.append(download_link(fig_dict))
    parts.append("</figure>")
    return "".join(parts)


def figures_in(html_text: str) -> list[dict]:
    """The figures (``data``, ``layout`` and ``config``) that :func:`figure_html` wrote
    into ``html_text``, in order."""
    return [json.loads(m.group(1)) for m in _FIGURE_JSON.finditer(html_text)]


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
