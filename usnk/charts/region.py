"""Charts for chapter 4: launch sites over time on an offline map, landing areas,
incidents that touched the South, China's and Russia's record, and humanitarian
indicators."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import geo, style, vocabulary
from ..labels import date_label
from ..labels import period_label
from ..vocabulary import HUMANITARIAN_LABELS, JAPAN_EVENT_LABELS
from .base import date_axis, esc, finish, source_label

LAND_COLOURS = {"North Korea": "#F3E3D3", "South Korea": "#E3EEE3", "Japan": "#E8E8EE",
                "China": "#F2F2F2", "Russia": "#F2F2F2"}
ERA_COLOURS = ["#88CCEE", "#44AA99", "#117733", "#D55E00"]


def add_outlines(fig: go.Figure, *, xaxis="x", yaxis="y", labels: bool = True) -> None:
    """Filled country outlines of the region (no hover), drawn below the data."""
    data = geo.outlines()
    for name, rings in data["countries"].items():
        xs, ys = geo.outline_xy(rings)
        fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=LAND_COLOURS.get(name, "#F2F2F2"),
                        line={"color": "#9A9A9A", "width": 0.7}, hoverinfo="skip", showlegend=False,
                        name=name, xaxis=xaxis, yaxis=yaxis)
    if labels:
        for text, lon, lat in (("NORTH KOREA", 128.6, 41.6), ("SOUTH KOREA", 128.0, 36.4), ("JAPAN", 139.6, 37.4),
                               ("CHINA", 121.5, 42.8), ("RUSSIA", 134.5, 45.6), ("Sea of Japan<br>(East Sea)", 134.5, 40.5),
                               ("Yellow Sea", 123.3, 36.0), ("Pacific Ocean", 145.5, 33.0)):
            sea = "Sea" in text or "Ocean" in text
            fig.add_annotation(x=lon, y=lat, xref=xaxis, yref=yaxis, text=text, showarrow=False,
                               font={"size": 10 if sea else 11, "color": "#4477AA" if sea else "#777",
                                     "style": "italic" if sea else "normal"})


def map_axes(fig: go.Figure, bbox=None, *, xaxis="xaxis", yaxis="yaxis", y_anchor="y") -> None:
    """Longitude/latitude axes with a fixed aspect (1° lat : 1/cos(φ)° lon at 38°N)."""
    west, south, east, north = bbox or geo.REGION_BBOX
    fig.update_layout({
        xaxis: {"range": [west, east], "showgrid": False, "zeroline": False, "title": "",
                "ticksuffix": "°E", "constrain": "domain"},
        yaxis: {"range": [south, north], "showgrid": False, "zeroline": False, "title": "", "ticksuffix": "°N",
                "scaleanchor": y_anchor.replace("y", "x"), "scaleratio": float(1 / np.cos(np.radians(38))),
                "constrain": "domain"},
        "plot_bgcolor": "#EAF2F8",
    })


def facility_map_figure(sites: pd.DataFrame, japan: pd.DataFrame, *, facts) -> go.Figure:
    """Launch facilities sized by missiles launched, one period at a time (menu; ``sites``:
    :func:`usnk.analysis.sites_by_period`, its first period the whole record), with the
    sourced overflights of and EEZ landings near Japan marked at their launch sites. The
    caption's numbers are the region chapter's ``facts`` (``n_sites``, ``top_site``,
    ``top_site_n``, ``sites_first_year``, ``sites_newest``, and
    :func:`usnk.findings.captions.japan_sites_facts`)."""
    fig = go.Figure()
    add_outlines(fig)
    n_fixed = len(fig.data)
    periods = list(sites["period"].cat.categories)
    size_ref = 2.0 * sites.loc[sites["period"] == periods[0], "missiles"].max() / 38 ** 2
    for i, label in enumerate(periods):
        counts = sites[sites["period"] == label]
        text = [f"<b>{esc(r.facility)}</b><br>{r.missiles} missile{'s' if r.missiles != 1 else ''}, "
                f"{r.first.year}–{r.last.year}<br>mostly {esc(vocabulary.CLASS_LABELS.get(r.main_class, r.main_class))}"
                for r in counts.itertuples(index=False)]
        colour = "#555555" if i == 0 else ERA_COLOURS[(i - 1) % len(ERA_COLOURS)]
        fig.add_scatter(x=counts["longitude"].round(3), y=counts["latitude"].round(3), mode="markers",
                        name=esc(label), visible=(i == 0), showlegend=False,
                        marker={"size": counts["missiles"], "sizemode": "area", "sizeref": size_ref, "sizemin": 4,
                                "color": colour, "opacity": 0.7, "line": {"width": 1, "color": "#333"}},
                        text=text, hovertemplate="%{text}<extra></extra>")
    located = japan[japan["latitude"].notna() & japan["longitude"].notna()]
    # EEZ crosses first, open overflight triangles on top, so a site with both shows both.
    for kind, symbol, colour, size in (("eez_landing", "x", "#882255", 11),
                                       ("overflight", "triangle-up-open", "#CC3311", 19)):
        part = located[located["kind"] == kind]
        if part.empty:
            continue
        # One marker per launch site, listing every reported launch from it.
        xs, ys, text = [], [], []
        for (_fac, lat, lon), grp in part.groupby(["facility", "latitude", "longitude"], sort=False):
            lines = [f"<b>{esc(grp['facility'].iloc[0])}</b>: {len(grp)} launch{'es' if len(grp) != 1 else ''} "
                     f"({esc(JAPAN_EVENT_LABELS[kind].lower())})"]
            lines += [f"{esc(date_label(r.date))}, {esc(r.missile_name)}: {esc(r.detail)} "
                      f"(source: {source_label(r.source_url)})" for r in grp.itertuples(index=False)]
            xs.append(round(float(lon), 3))
            ys.append(round(float(lat), 3))
            text.append("<br>".join(lines))
        fig.add_scatter(x=xs, y=ys, mode="markers",
                        name=f"Launch site: {JAPAN_EVENT_LABELS[kind]} ({facts['japan_sites_' + kind]})",
                        marker={"symbol": symbol, "size": size, "color": colour, "line": {"width": 2.5, "color": colour}},
                        text=text, hovertemplate="%{text}<extra></extra>")
    n_era = len(periods)
    n_extra = len(fig.data) - n_fixed - n_era
    buttons = []
    for i, label in enumerate(periods):
        vis = [True] * n_fixed + [j == i for j in range(n_era)] + [True] * n_extra
        buttons.append({"label": esc(label), "method": "restyle", "args": [{"visible": vis}]})
    fig.update_layout(updatemenus=[{"name": "Period", "buttons": buttons, "direction": "down", "x": 0, "xanchor": "left",
                                    "y": 1.0, "yanchor": "top", "bgcolor": "white", "showactive": True}])
    map_axes(fig, (121.0, 31.0, 146.0, 46.0))
    return finish(
        fig,
        caption=(f"Launch facilities sized by missiles launched ({facts['n_sites']} sites, "
                 f"{facts['sites_first_year']}–{facts['sites_newest']}); choose a period from the menu. Red open triangles "
                 f"(overflights) and purple crosses (EEZ landings) mark the launch sites of the {len(japan)} launches Japan reported as flying over "
                 "its territory or coming down inside its EEZ (japan_impacts.csv; the data hold launch sites, not "
                 "impact points). "
                 f"Outlines: {geo.SOURCE}. Source: CNS North Korea Missile Test Database (NTI)."),
        alt=(f"Map of the Korean peninsula and Japan with {facts['n_sites']} launch sites drawn as circles; the busiest "
             f"is {facts['top_site']} with {facts['top_site_n']} missiles. A menu switches between "
             f"{n_era} periods."),
        height=620,
    )


def landing_areas_figure(areas: pd.DataFrame) -> go.Figure:
    """Horizontal bars: missiles per landing area as the sources describe it."""
    fig = go.Figure()
    fig.add_bar(y=[esc(a) for a in areas["landing"]], x=areas["missiles"], orientation="h",
                marker_color=["#4477AA" if a != "not recorded" else "#BBBBBB" for a in areas["landing"]],
                text=[f"{m} ({s:.0%})" for m, s in zip(areas["missiles"], areas["share"])], textposition="outside",
                hovertemplate="%{y}: %{x} missiles<extra></extra>")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="Missiles", range=[0, areas["missiles"].max() * 1.2])
    top = areas.iloc[0]
    return finish(
        fig,
        caption=("Where missiles came down, as the source describes each launch; the table records areas, "
                 "not impact coordinates or EEZ boundaries. Source: CNS North Korea Missile Test Database (NTI)."),
        alt=(f"Bar chart of {len(areas)} landing areas; the largest is {top['landing']} with {int(top['missiles'])} "
             f"missiles ({top['share']:.0%})."),
        height=300,
    )


def south_incidents_figure(table: pd.DataFrame, *, facts) -> go.Figure:
    """Stacked bars: incidents that touched South Korea, per year and category; the
    counts the text states are ``facts`` (``south_n`` and
    :func:`usnk.findings.captions.south_facts`)."""
    fig = go.Figure()
    for cat in [c for c in vocabulary.INCIDENT_CATEGORIES if c in table.columns]:
        label = cat.replace("_", " ")
        fig.add_bar(x=table.index, y=table[cat], name=esc(label), marker_color=style.INCIDENT_COLOURS[cat],
                    hovertemplate=f"%{{x}}: %{{y}} {esc(label)}<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Year")
    fig.update_yaxes(title="Incidents touching the South")
    return finish(
        fig,
        caption=(f"Non-missile incidents that touched South Korea directly, {table.index.min()}–{table.index.max()}, "
                 f"by category ({facts['south_n']} in all). Source: incidents.csv (source link on every row)."),
        alt=(f"Stacked bar chart of incidents per year; the most were in {facts['south_peak_year']} "
             f"({facts['south_peak_n']})."),
        height=400, legend_title="Category",
    )


def neighbours_figure(record: dict, resolutions: pd.DataFrame, *, facts) -> go.Figure:
    """China and Russia over time: leader meetings with the DPRK, vetoes, and the
    adopted sanctions resolutions both let pass; ``facts``:
    :func:`usnk.findings.captions.neighbours_facts`."""
    fig = go.Figure()
    rows = {"China": "China", "Russia": "Russia", "UNSC": "UN Security Council"}
    for country in ("China", "Russia"):
        meets = record[country]["meetings"]
        text = [f"<b>{esc(r.name)}</b><br>{esc(date_label(r.date))}, {esc(r.place)}<br>{esc(r.leaders)}"
                f"<br>Source: {source_label(r.source_url)}" for r in meets.itertuples(index=False)]
        fig.add_scatter(x=meets["date"], y=[rows[country]] * len(meets), mode="markers",
                        name=f"{country}: leader meeting with the DPRK",
                        marker={"symbol": "circle", "size": 11, "color": style.COUNTRY_COLOURS[country],
                                "line": {"width": 1, "color": "#333"}},
                        text=text, hovertemplate="%{text}<extra></extra>")
        vetoes = record[country]["vetoes"]
        vt = [f"<b>Draft {esc(r.resolution)} vetoed</b><br>{esc(date_label(r.date))}<br>vetoed by {esc(r.vetoed_by)}"
              f"<br>Source: {source_label(r.source_url)}" for r in vetoes.itertuples(index=False)]
        fig.add_scatter(x=vetoes["date"], y=[rows[country]] * len(vetoes), mode="markers",
                        name=f"{country}: veto", marker={"symbol": "x", "size": 16,
                                                         "color": style.EVENT_STYLES["resolution_vetoed"]["colour"],
                                                         "line": {"width": 2}},
                        text=vt, hovertemplate="%{text}<extra></extra>")
    sanc = resolutions[(resolutions["status"] == "adopted") & (resolutions["kind"] == "sanctions")]
    st = [f"<b>Resolution {esc(r.resolution)}</b>, {esc(date_label(r.date))}<br>adopted "
          f"{r.vote_for}–{r.vote_against}–{r.vote_abstain}<br>{esc(r.measures)}<br>Source: {source_label(r.source_url)}"
          for r in sanc.itertuples(index=False)]
    fig.add_scatter(x=sanc["date"], y=[rows["UNSC"]] * len(sanc), mode="markers",
                    name="Sanctions resolution adopted (China and Russia voting for)",
                    marker={"symbol": "diamond", "size": 11, "color": style.EVENT_STYLES["resolution_adopted"]["colour"]},
                    text=st, hovertemplate="%{text}<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=[rows["UNSC"], rows["Russia"], rows["China"]], title="")
    start = min(record["China"]["meetings"]["date"].min(), sanc["date"].min())
    date_axis(fig, start=pd.Timestamp(start.year, 1, 1), end=max(resolutions["date"].max(),
              record["China"]["meetings"]["date"].max(), record["Russia"]["meetings"]["date"].max())
              + pd.Timedelta(days=200))
    fig.update_xaxes(rangeslider_visible=False)
    nc, nr = len(record["China"]["meetings"]), len(record["Russia"]["meetings"])
    vc, vr = len(record["China"]["vetoes"]), len(record["Russia"]["vetoes"])
    return finish(
        fig,
        caption=(f"Leader meetings with the DPRK (China {nc}, Russia {nr}), vetoes (China {vc}, Russia {vr}) and the "
                 f"{facts['neighbours_sanctions']} sanctions resolutions adopted with both voting in favour. Sources: summits.csv; "
                 "unsc_resolutions.csv (UN documents)."),
        alt=(f"Timeline in three rows. China met DPRK leaders {nc} times and vetoed {vc} draft; Russia met them {nr} "
             f"times and vetoed {vr} drafts; {facts['neighbours_sanctions']} sanctions resolutions were adopted, "
             f"the last in {facts['neighbours_last_sanctions']}."),
        height=360,
    )


HUMANITARIAN_COLOURS = {"stunting_under5": "#AA3377", "wasting_under5": "#EE7733",
                        "undernourishment_prevalence": "#4477AA"}


def humanitarian_figure(frame: pd.DataFrame, *, facts) -> go.Figure:
    """Humanitarian indicators as published by UN agencies: one line of markers per
    indicator over the period each figure covers; measured survey figures are filled,
    modelled estimates hollow. Every point names its agency, survey and source host.
    ``facts``: :func:`usnk.findings.captions.humanitarian_facts`."""
    if frame.empty:
        raise ValueError("no humanitarian indicators to chart")
    df = frame.assign(mid=(frame["period_start"] + frame["period_end"]) / 2).sort_values(["indicator", "mid"])
    fig = go.Figure()
    order = [i for i in HUMANITARIAN_LABELS if i in set(df["indicator"])]
    order += sorted(set(df["indicator"]) - set(order))
    for ind in order:
        part = df[df["indicator"] == ind]
        label = HUMANITARIAN_LABELS.get(ind, ind.replace("_", " "))
        colour = HUMANITARIAN_COLOURS.get(ind, "#555555")
        text = [f"<b>{esc(label)}</b>, {esc(period_label(r.period_start, r.period_end))}: {r.value:g} "
                f"{esc('%' if r.unit == 'percent' else r.unit)}<br>{esc(r.estimate_type)}; {esc(r.survey)}"
                f"<br>Published by {esc(r.agency)}; source: {source_label(r.source_url)}"
                for r in part.itertuples(index=False)]
        measured = (part["estimate_type"] == "measured").tolist()
        # Markers only: the surveys are years apart and nothing is known in between.
        fig.add_scatter(x=part["mid"], y=part["value"], mode="markers+text", name=esc(label),
                        marker={"size": 12, "color": [colour if m else "white" for m in measured],
                                "line": {"width": 2, "color": colour}},
                        text=[f"{v:g}%" if u == "percent" else f"{v:g}" for v, u in zip(part["value"], part["unit"])],
                        textposition="top center", customdata=text,
                        hovertemplate="%{customdata}<extra></extra>")
    lo, hi = int(df["period_start"].min()), int(df["period_end"].max())
    fig.update_xaxes(title="Survey year", range=[lo - 1.5, hi + 1.5], dtick=1, tickformat="d")
    fig.update_yaxes(title="Per cent of children under five", range=[0, max(df["value"].max() * 1.25, 10)],
                     ticksuffix="%")
    agencies, n_measured = facts["humanitarian_agencies"], int(facts["humanitarian_measured"])
    parts = [f"{HUMANITARIAN_LABELS.get(r.indicator, r.indicator).lower()} {r.value:g}% in "
             f"{period_label(r.period_start, r.period_end)}" for r in df.itertuples(index=False)]
    return finish(
        fig,
        caption=(f"Child malnutrition in the DPRK as published by UN agencies ({agencies}): {len(df)} figures, "
                 + ("all measured in national surveys" if n_measured == len(df)
                    else f"{n_measured} measured in national surveys (filled markers) and {len(df) - n_measured} "
                    "modelled estimates (hollow markers)")
                 + " (surveys run by the Central Bureau of Statistics with UN support). Survey years only, "
                 "not a yearly series: nothing is known here about the years between. Source: humanitarian.csv "
                 "(agency page linked on every row)."),
        alt=("Chart of child malnutrition indicators in North Korea: " + "; ".join(parts) + "."),
        height=380, legend_title="Indicator",
    )
