"""The launch explorer's figures.

:func:`timeline_view`, :func:`map_view` and :func:`table_view` draw a filtered launch
table three ways (the frames of :func:`usnk.findings.explorer.selection`);
:class:`usnk.widgets.LaunchExplorer` calls them from its ipywidgets controls.
:func:`explorer_figure` is the static book's stand-in: one Plotly figure whose dropdown
menus (class and view) work in the browser without a kernel, drawn from the frames of
:func:`usnk.findings.explorer`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import style, vocabulary
from ..labels import date_label
from .base import esc, finish
from .region import add_outlines, map_axes

VIEWS = ("timeline", "map", "table")
OUTCOME_COLUMNS = ["success", "failure", "unknown", "all"]
TABLE_COLUMNS = ["date", "missile_name", "missile_class", "facility", "outcome", "apogee_km", "distance_km"]


def timeline_view(chosen) -> go.Figure:
    """One marker per missile of ``chosen`` (:func:`usnk.findings.explorer.selection`):
    date against class, coloured by class."""
    df, described = chosen.frames.launches, chosen.facts["description"]
    fig = go.Figure()
    for cls in vocabulary.MISSILE_CLASSES:
        part = df[df["missile_class"] == cls]
        if part.empty:
            continue
        text = [f"<b>{esc(r.missile_name)}</b>, {esc(date_label(r.date))}<br>{esc(r.facility)}<br>outcome: "
                f"{esc(r.outcome)}" for r in part.itertuples(index=False)]
        fig.add_scatter(x=part["date"], y=[vocabulary.CLASS_LABELS[cls]] * len(part), mode="markers",
                        name=vocabulary.CLASS_LABELS[cls], marker={"color": style.CLASS_COLOURS[cls], "size": 8,
                                                              "line": {"width": 0.5, "color": "#333"}},
                        text=text, hovertemplate="%{text}<extra></extra>")
    fig.update_layout(xaxis={"type": "date"}, yaxis={"title": ""})
    fig = finish(fig, caption=f"Launches matching the filters: {described}.",
                 alt=f"Timeline of launches by class: {described}.", height=420)
    # the class names label the rows already; a legend would only cover the top rows
    fig.update_layout(showlegend=False)
    return fig


def map_view(chosen) -> go.Figure:
    """Launch facilities of the filtered launches (``chosen.frames.sites``, from
    :func:`usnk.findings.explorer.selection`), sized by missiles."""
    counts, described = chosen.frames.sites, chosen.facts["description"]
    fig = go.Figure()
    add_outlines(fig, labels=False)
    if not counts.empty:
        text = [f"<b>{esc(r.facility)}</b><br>{r.missiles} missiles" for r in counts.itertuples(index=False)]
        fig.add_scatter(x=counts["longitude"].round(3), y=counts["latitude"].round(3), mode="markers", name="Facilities",
                        marker={"size": counts["missiles"], "sizemode": "area", "sizemin": 4,
                                "sizeref": 2.0 * max(counts["missiles"].max(), 1) / 30 ** 2,
                                "color": "#D55E00", "opacity": 0.7, "line": {"width": 1, "color": "#333"}},
                        text=text, hovertemplate="%{text}<extra></extra>", showlegend=False)
    map_axes(fig)
    return finish(fig, caption=f"Launch facilities of the launches matching the filters: {described}.",
                  alt=f"Map of {len(counts)} launch facilities: {described}.", height=560)


def table_view(chosen, *, max_rows: int = 500) -> go.Figure:
    """The filtered launches of ``chosen`` (:func:`usnk.findings.explorer.selection`) as
    a table (newest first, at most ``max_rows``)."""
    df, described = chosen.frames.launches, chosen.facts["description"]
    shown = df.sort_values("date", ascending=False).head(max_rows)
    cells = []
    for col in TABLE_COLUMNS:
        values = shown[col]
        if col == "date":
            cells.append([d.date().isoformat() for d in values])
        else:
            cells.append([esc(v) for v in values])
    fig = go.Figure(go.Table(header={"values": [esc(c) for c in TABLE_COLUMNS], "align": "left",
                                     "fill": {"color": "#EEEEEE"}},
                             cells={"values": cells, "align": "left"}))
    return finish(fig, caption=f"Launches matching the filters: {described}"
                  + (f"; newest {max_rows} shown." if len(df) > max_rows else "."),
                  alt=f"Table of launches: {described}.", height=520)


def _state(frames, label) -> dict:
    """What the three views show for one choice of the class menu."""
    yc = frames.per_year[frames.per_year["option"] == label]
    fc = frames.sites[frames.sites["option"] == label]
    outcomes = frames.outcomes[frames.outcomes["option"] == label]
    return {
        "bar_x": [int(y) for y in yc["year"]],
        "bar_y": [int(v) for v in yc["missiles"]],
        "map_x": fc["longitude"].round(2).tolist(), "map_y": fc["latitude"].round(2).tolist(),
        "map_size": fc["missiles"].astype(int).tolist(),
        "map_text": [f"{esc(f)}: {n} missiles" for f, n in zip(fc["facility"], fc["missiles"])],
        "heat_y": [str(y) for y in outcomes["year"]],
        "heat_z": [[int(v) for v in row] for row in outcomes[OUTCOME_COLUMNS].to_numpy()],
    }


def _add_views(fig: go.Figure, first: dict, max_site: int) -> None:
    """The three views' traces (bars, sites, year × outcome), drawn for the first choice."""
    fig.add_bar(x=first["bar_x"], y=first["bar_y"], name="Missiles per year", marker_color="#555555",
                hovertemplate="%{x}: %{y} missiles<extra></extra>", xaxis="x", yaxis="y", showlegend=False)
    fig.add_scatter(x=first["map_x"], y=first["map_y"], mode="markers", xaxis="x2", yaxis="y2", showlegend=False,
                    marker={"size": first["map_size"], "sizemode": "area", "sizemin": 4,
                            "sizeref": 2.0 * max_site / 36 ** 2, "color": "#D55E00", "opacity": 0.7,
                            "line": {"width": 1, "color": "#333"}},
                    text=first["map_text"], hovertemplate="%{text}<extra></extra>", visible=False, name="Sites")
    # The "table" view: an annotated heatmap of missiles per year and outcome (a
    # cartesian trace, so the book's compact plotly.js bundle can draw it).
    fig.add_heatmap(x=OUTCOME_COLUMNS, y=first["heat_y"], z=first["heat_z"], texttemplate="%{z}",
                    colorscale=[[0, "#FFFFFF"], [1, "#6699CC"]], showscale=False, xgap=1, ygap=1,
                    hovertemplate="%{y}, %{x}: %{z} missiles<extra></extra>", xaxis="x3", yaxis="y3",
                    visible=False, name="Year × outcome")


def _class_button(label: str, s: dict, years: list, traces: list[int]) -> dict:
    """One choice of the class menu: it restyles the data of the three views."""
    return {
        "label": esc(label), "method": "restyle",
        "args": [{"y": [s["bar_y"], s["map_y"], s["heat_y"]], "x": [years, s["map_x"], OUTCOME_COLUMNS],
                  "marker.size": [None, s["map_size"], None], "text": [None, s["map_text"], None],
                  "z": [None, None, s["heat_z"]]}, traces],
    }


_ON, _OFF = [0, 1], [0.0, 0.001]


def _view_button(name: str, n_out: int) -> dict:
    """One choice of the view menu: it shows one view's trace and axes (and the outlines
    for the map) and hides the others."""
    vis = ([name == "map"] * n_out) + [name == "timeline", name == "map", name == "table"]
    layout = {}
    for axis, view in (("", "timeline"), ("2", "map"), ("3", "table")):
        layout.update({f"xaxis{axis}.visible": name == view, f"yaxis{axis}.visible": name == view,
                       f"xaxis{axis}.domain": _ON if name == view else _OFF,
                       f"yaxis{axis}.domain": [0, 0.9] if name == view else _OFF})
    return {"label": {"timeline": "Missiles per year", "map": "Launch sites", "table": "Year × outcome table"}[name],
            "method": "update", "args": [{"visible": vis}, layout]}


def _menus_and_axes(fig: go.Figure, class_buttons: list[dict], n_out: int) -> None:
    """The two menus, their labels and the three views' axes (the bars' shown first)."""
    west, south, east, north = (123.5, 37.0, 131.5, 43.2)
    fig.update_layout(
        xaxis={"domain": _ON, "title": "Year", "anchor": "y"},
        yaxis={"domain": [0, 0.9], "title": "Missiles", "anchor": "x"},
        xaxis2={"domain": _OFF, "visible": False, "range": [west, east], "anchor": "y2", "showgrid": False,
                "ticksuffix": "°E"},
        yaxis2={"domain": _OFF, "visible": False, "range": [south, north], "anchor": "x2", "showgrid": False,
                "scaleanchor": "x2", "scaleratio": 1.27, "ticksuffix": "°N"},
        xaxis3={"domain": _OFF, "visible": False, "anchor": "y3", "side": "top", "showgrid": False},
        yaxis3={"domain": _OFF, "visible": False, "anchor": "x3", "autorange": "reversed", "type": "category",
                "showgrid": False},
        updatemenus=[
            {"name": "Class", "buttons": class_buttons, "direction": "down", "x": 0.09, "xanchor": "left", "y": 1.0,
             "yanchor": "bottom", "bgcolor": "white", "pad": {"b": 4}},
            {"name": "View", "buttons": [_view_button(v, n_out) for v in VIEWS], "direction": "down", "x": 0.7,
             "xanchor": "left", "y": 1.0, "yanchor": "bottom", "bgcolor": "white", "pad": {"b": 4}},
        ],
        # the menus' labels; the book's page script shows menus as labelled selects and
        # drops these (name "usnk-menu-label")
        annotations=[{"name": "usnk-menu-label", "text": "Class:", "x": 0.08, "xref": "paper", "xanchor": "right",
                      "y": 1.0, "yref": "paper", "yanchor": "bottom", "showarrow": False, "yshift": 6},
                     {"name": "usnk-menu-label", "text": "View:", "x": 0.69, "xref": "paper", "xanchor": "right",
                      "y": 1.0, "yref": "paper", "yanchor": "bottom", "showarrow": False, "yshift": 6}],
        plot_bgcolor="white",
    )


def explorer_figure(frames, facts) -> go.Figure:
    """A kernel-free explorer: a *class* menu filters the data of every view, a *view*
    menu switches between missiles per year, launch sites and a year-by-outcome table.
    ``frames`` and ``facts``: :func:`usnk.findings.explorer` (one set of rows per choice
    of the class menu).

    The class menu restyles data (x, y, sizes, heatmap counts) and the view menu only switches
    visibility and axes, so the two menus combine.
    """
    options = list(frames.options["option"].cat.categories)
    fig = go.Figure()
    add_outlines(fig, xaxis="x2", yaxis="y2", labels=False)
    n_out = len(fig.data)
    first = _state(frames, options[0])
    _add_views(fig, first, int(facts["max_site"]))
    traces = [n_out, n_out + 1, n_out + 2]
    _menus_and_axes(fig, [_class_button(label, _state(frames, label), first["bar_x"], traces) for label in options],
                    n_out)
    fig = finish(
        fig,
        caption=(f"Explore {facts['n_missiles']} missile launches, {facts['first_year']}–{facts['newest_launch']}: pick a "
                 "class and a view from the menus above the chart. Source: CNS North Korea Missile Test Database (NTI)."),
        alt=(f"Interactive chart with two menus: a class filter with {len(options)} options and a view switch between "
             "missiles per year, launch sites on a map, and a table of launches per year by outcome."),
        height=560,
    )
    fig.update_layout(margin={"t": 70, "l": 60})
    # what each menu choice shows, in words: the book's page script makes the figure's
    # description follow the menus with these sentences
    views = {"timeline": "missiles per year as bars", "map": "launch sites on a map, sized by missiles",
             "table": "a table of missiles per year by outcome"}
    fig.layout.meta = {**fig.layout.meta, "states": [
        [f"Class: {r.option}, {r.description}." for r in frames.options.itertuples(index=False)],
        [f"View: {views[v]}." for v in VIEWS],
    ]}
    return fig
