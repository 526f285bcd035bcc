"""Charts of missile launches over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import style, vocabulary
from .base import finish


def class_bars(table: pd.DataFrame, *, x=None, x_hover: str = "%{x}") -> go.Figure:
    """A stacked bar chart with one trace per missile class (``table``: one column per
    class, one row per period), in the book's class colours. ``x`` overrides the
    period labels; ``x_hover`` is how the period reads in the hover text."""
    fig = go.Figure()
    for cls in table.columns:
        fig.add_bar(
            x=table.index if x is None else x, y=table[cls], name=vocabulary.CLASS_LABELS[cls],
            marker_color=style.CLASS_COLOURS[cls], marker_line={"width": 0.5, "color": "#444"},
            hovertemplate=f"{x_hover}: %{{y}} {vocabulary.CLASS_LABELS[cls]}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return fig


def launches_per_year_figure(table: pd.DataFrame, *, facts) -> go.Figure:
    """Stacked bars: missiles launched per year (``table``: years by classes, from
    :func:`usnk.analysis.launches_per_year`), one colour per missile class; the caption's
    numbers are ``facts`` (:func:`usnk.findings.captions.per_year_facts`)."""
    fig = class_bars(table)
    total, peak_year, peak = facts["per_year_total"], facts["per_year_peak_year"], facts["per_year_peak"]
    fig.update_layout(xaxis_title="Year", yaxis_title="Missiles launched")
    return finish(
        fig,
        caption=(f"Missiles launched per year by class, {table.index.min()}–{table.index.max()} "
                 f"({total} in all). Source: CNS North Korea Missile Test Database (NTI); "
                 "CSIS Beyond Parallel for the newest launches and cruise missiles."),
        alt=(f"Stacked bar chart of missiles launched per year by class from {table.index.min()} "
             f"to {table.index.max()}: {total} missiles in all, most in {peak_year} ({peak})."),
    )
