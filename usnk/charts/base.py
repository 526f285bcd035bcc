"""Conventions every chart shares: layout, date axis, escaped hover text, captions."""

from __future__ import annotations

import html
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go

from .. import style


def esc(value) -> str:
    """Text from the data made safe for Plotly labels (which accept some HTML tags)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def source_label(url) -> str:
    """The publisher's host name for a source URL (escaped), e.g. ``www.nti.org``."""
    if not isinstance(url, str) or not url:
        return ""
    return esc(urlparse(url).netloc or url)


def finish(
    fig: go.Figure,
    *,
    caption: str,
    alt: str,
    title: str | None = None,
    height: int = 450,
    legend_title: str | None = None,
) -> go.Figure:
    """Apply the book's layout and attach the caption and text alternative.

    ``caption`` is shown under the chart; ``alt`` is the text alternative read by
    screen readers (what the chart shows, in a sentence or two, with key numbers).
    """
    if not caption or not alt:
        raise ValueError("every chart needs a caption and a text alternative")
    fig.update_layout(
        template="plotly_white",
        height=height,
        font={"family": style.FONT_FAMILY, "size": 13},
        margin={"l": 60, "r": 20, "t": 50 if title else 20, "b": 40},
        hoverlabel={"namelength": -1, "align": "left"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": {"text": legend_title or ""}},
        meta={"caption": caption, "alt": alt},
    )
    if title:
        fig.update_layout(title={"text": esc(title), "x": 0, "xanchor": "left"})
    return _compact_template(fig)


def _compact_template(fig: go.Figure) -> go.Figure:
    """Keep only the parts of the figure's template its traces use (the layout defaults
    and the defaults of the trace types present). The chart looks the same, and each
    figure on a page carries a few hundred bytes of template instead of ~7 KB."""
    tmpl = fig.layout.template.to_plotly_json() if fig.layout.template else {}
    used = {t.type for t in fig.data}
    data = {k: v for k, v in (tmpl.get("data") or {}).items() if k in used}
    layout = {k: v for k, v in (tmpl.get("layout") or {}).items() if _layout_default_used(k, used, fig)}
    fig.layout.template = go.layout.Template(layout=layout, data=data)
    return fig


#: Template layout defaults that only matter to some trace types (a few KB per figure).
_DEFAULTS_FOR = {
    "scene": {"scatter3d", "surface", "mesh3d", "cone", "streamtube", "isosurface", "volume"},
    "ternary": {"scatterternary"},
    "polar": {"scatterpolar", "scatterpolargl", "barpolar"},
    "geo": {"scattergeo", "choropleth"},
}
_SCALED = {"heatmap", "contour", "histogram2d", "histogram2dcontour", "choropleth", "surface"}


def _numeric_colours(fig: go.Figure) -> bool:
    for t in fig.data:
        colour = getattr(getattr(t, "marker", None), "color", None)
        if colour is not None and not isinstance(colour, str) and len(colour) and not isinstance(colour[0], str):
            return True
    return False


def _layout_default_used(key: str, used: set, fig: go.Figure) -> bool:
    """Whether the template's layout default ``key`` can affect a figure with trace types
    ``used``: subplot defaults only for their trace types, colour scales only for scaled
    traces or numeric marker colours."""
    if key in _DEFAULTS_FOR:
        return bool(_DEFAULTS_FOR[key] & used)
    if key in ("colorscale", "coloraxis"):
        return bool(_SCALED & used) or _numeric_colours(fig)
    return True


def date_axis(fig: go.Figure, *, start=None, end=None, rangeslider: bool = False, row=None, col=None) -> go.Figure:
    """The shared convention for time axes: dates, day-level hover, optional range slider.

    The slider's visibility is always written out: plotly.js draws a range slider
    whenever the layout holds a ``rangeslider`` object, even an empty one."""
    kw = {"row": row, "col": col} if row is not None else {}
    rng = None
    if start is not None or end is not None:
        if end is None:
            raise ValueError("date_axis: a range needs its end (the newest date the chart draws), not the clock")
        rng = [pd.Timestamp(start or style.TIMELINE_START), pd.Timestamp(end)]
    fig.update_xaxes(
        type="date",
        range=rng,
        showgrid=True,
        gridcolor="#eeeeee",
        hoverformat="%d %b %Y",
        rangeslider={"visible": True, "thickness": 0.06} if rangeslider else {"visible": False},
        **kw,
    )
    return fig


def wrap(text: str, width: int = 60) -> str:
    """Escaped text broken into lines of about ``width`` characters for hover labels."""
    words, lines, cur = str(text).split(), [], ""
    for w in words:
        if cur and len(cur) + len(w) + 1 > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    if cur:
        lines.append(cur)
    return "<br>".join(esc(line) for line in lines)
