"""Charts for chapter 5: how long agreements held, and the recent trend by class."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import style
from ..labels import date_label
from .base import esc, finish, source_label
from .launches import class_bars


def durability_figure(durations: pd.DataFrame, *, facts) -> go.Figure:
    """Horizontal bars from signature to breakdown (or to the newest date, hatched,
    for agreements not recorded as broken); ``facts``:
    :func:`usnk.findings.captions.durability_facts`."""
    fig = go.Figure()
    for holding, name, colour in ((False, "Broke down", style.EVENT_STYLES["agreement"]["colour"]),
                                  (True, "Not recorded as broken (to date)", "#DDDDDD")):
        part = durations[durations["holding"] == holding]
        if part.empty:
            continue
        text = [f"<b>{esc(r.name)}</b><br>signed {esc(date_label(r.signed))}<br>"
                + (f"broke down {esc(date_label(r.ended))}: {esc(r.breakdown_event)}" if not r.holding
                   else f"no breakdown recorded as of {esc(date_label(r.ended))}")
                + f"<br>{r.days:,} days ({r.years} years)<br>Source: {source_label(r.source_url)}"
                for r in part.itertuples(index=False)]
        fig.add_bar(y=[esc(n) for n in part["name"]], x=part["days"], orientation="h", name=name,
                    marker={"color": colour, "line": {"width": 1, "color": "#666"},
                            "pattern": {"shape": "/" if holding else ""}},
                    text=[f"{d:,} days" for d in part["days"]], textposition="outside", cliponaxis=False,
                    hovertext=text, hovertemplate="%{hovertext}<extra></extra>")
    order = [esc(n) for n in durations["name"]]
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(order)))
    fig.update_xaxes(title="Days from signature to breakdown", range=[0, durations["days"].max() * 1.3])
    return finish(
        fig,
        caption=(f"How long {len(durations)} agreements held, from signature to the breakdown event recorded in "
                 f"summits.csv; grey hatched bars have no breakdown recorded and run to {facts['durability_to']}. "
                 "Sources: the agreement texts and news reports linked in the hover text."),
        alt=(f"Bar chart. Of {len(durations)} agreements, {facts['durability_broken']} broke down, after between "
             f"{facts['durability_min_days']} and {facts['durability_max_days']} days."),
        height=max(320, 42 * len(durations) + 110),
    )


def recent_trend_figure(table: pd.DataFrame, *, facts) -> go.Figure:
    """Stacked bars of missiles per year by class for the newest years; the partial
    newest year is labelled as such; ``facts``: :func:`usnk.findings.captions.recent_trend_facts`."""
    partial = table.attrs.get("partial_year")
    through = table.attrs.get("through")
    labels = [f"{y}<br>(to {through:%-d %b})" if y == partial else str(y) for y in table.index]
    fig = class_bars(table, x=labels)
    fig.update_yaxes(title="Missiles launched")
    return finish(
        fig,
        caption=(f"Missiles launched per year by class, {table.index.min()}–{table.index.max()}"
                 + (f" ({partial} only to {date_label(through)})" if partial else "")
                 + ". Sources: CNS North Korea Missile Test Database (NTI); CSIS Beyond Parallel for the newest "
                   "launches and cruise missiles."),
        alt=(f"Stacked bars for {len(table)} years; totals {facts['recent_trend_totals']}."),
        height=400,
    )
