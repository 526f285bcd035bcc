"""Charts for chapter 3: launch tempo and summits, launches per term in office,
the summit-window test, first flights of new systems, the years since 2021."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import style, vocabulary
from ..labels import date_label
from ..vocabulary import SYSTEM_GROUPS
from ..findings.captions import group_key
from .base import date_axis, esc, finish, source_label
from .launches import class_bars

TRACK_LABELS = {
    "us_dprk": "US–DPRK", "inter_korean": "Inter-Korean", "dprk_china": "DPRK–China",
    "dprk_russia": "DPRK–Russia", "six_party": "Six-party", "us_dprk_japan": "US–DPRK–Japan",
    "dprk_japan": "DPRK–Japan", "other": "Other",
}

GROUP_STYLES = {
    "SLBM": (style.CLASS_COLOURS["SLBM"], "diamond"),
    "Hypersonic glide vehicle": ("#B8860B", "triangle-up"),
    "Solid-fuel ICBM": (style.CLASS_COLOURS["ICBM"], "star"),
    "Other new system": ("#888888", "circle-open"),
}


def add_us_terms(fig: go.Figure, leaders: pd.DataFrame, start, end) -> None:
    """Shade US administrations (by party) between ``start`` and ``end``."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    us = leaders[(leaders["country"] == "US") & ~leaders["acting"].astype(bool)]
    for t in us.itertuples(index=False):
        s, e = max(t.start_date, start), min(t.end_date if pd.notna(t.end_date) else end, end)
        if s >= e:
            continue
        fig.add_vrect(x0=s, x1=e, fillcolor=style.PARTY_SHADES.get(t.party, "rgba(0,0,0,0.04)"),
                      line_width=0, layer="below")
        fig.add_annotation(x=s + (e - s) / 2, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                           text=esc(t.name.split()[-1]), font={"size": 11, "color": "#555"})


def tempo_figure(rolling: pd.Series, summits: pd.DataFrame, leaders: pd.DataFrame, *, facts,
                 pause: dict | None = None, tracks=("us_dprk", "inter_korean")) -> go.Figure:
    """Missiles in the trailing window (line) with summits and talks marked above it,
    US administrations shaded, and the launch pause after ``pause`` highlighted; the
    peak and the summits the text counts are ``facts``
    (:func:`usnk.findings.captions.tempo_facts` of the same ``tracks``)."""
    weekly = rolling.iloc[::7]
    if weekly.index[-1] != rolling.index[-1]:
        weekly = pd.concat([weekly, rolling.iloc[-1:]])
    start, end = rolling.index.min(), rolling.index.max()
    fig = go.Figure()
    add_us_terms(fig, leaders, start, end)
    fig.add_scatter(x=weekly.index, y=weekly.to_numpy(), mode="lines", name=esc(rolling.name).capitalize(),
                    line={"color": "#333", "width": 1.6},
                    hovertemplate="%{x|%d %b %Y}: %{y} missiles in the previous 90 days<extra></extra>")
    top = max(int(rolling.max()), 1)
    sel = summits[summits["track"].isin(tracks) & (summits["date"] >= start) & (summits["date"] <= end)]
    for kind in ("summit", "talks", "agreement"):
        part = sel[sel["kind"] == kind]
        if part.empty:
            continue
        st = style.EVENT_STYLES[kind]
        text = [f"{esc(r.name)}<br>{esc(date_label(r.date))}, {esc(r.place)}<br>{TRACK_LABELS.get(r.track, r.track)}"
                f"<br>Source: {source_label(r.source_url)}" for r in part.itertuples(index=False)]
        fig.add_scatter(x=part["date"], y=[top * 1.08] * len(part), mode="markers", name=st["label"] + "s"
                        if kind != "talks" else "Talks",
                        marker={"color": st["colour"], "symbol": st["symbol"], "size": 10,
                                "line": {"width": 1, "color": st["colour"]}},
                        text=text, hovertemplate="%{text}<extra></extra>")
    if pause and pause.get("next") is not None:
        fig.add_vrect(x0=pause["last"], x1=pause["next"], fillcolor="rgba(17,119,51,0.12)", line_width=0,
                      layer="below")
        fig.add_annotation(x=pause["last"] + (pause["next"] - pause["last"]) / 2, y=top * 0.85,
                           text=f"{pause['days']} days<br>without a launch", showarrow=False,
                           font={"size": 11, "color": "#117733"})
    fig.update_yaxes(title="Missiles in previous 90 days", rangemode="tozero", range=[0, top * 1.18])
    date_axis(fig, start=start, end=end)
    fig.update_xaxes(rangeslider_visible=False)
    n_summits = facts["tempo_summits"]
    pause_txt = (f" The longest quiet spell follows {date_label(pause['last'])}: {pause['days']} days until "
                 f"{date_label(pause['next'])}." if pause and pause.get("days") else "")
    return finish(
        fig,
        caption=(f"Missiles launched in the previous 90 days, {start.year}–{date_label(end)}, with "
                 f"{n_summits} US–DPRK and inter-Korean summits marked above; shading shows US administrations "
                 "(blue Democratic, orange Republican). Sources: CNS North Korea Missile Test Database (NTI) and CSIS Beyond Parallel; "
                 "summits.csv."),
        alt=(f"Line chart of the 90-day launch count from {start.year} to {end.year}, peaking at "
             f"{facts['tempo_peak']} missiles."
             + pause_txt + f" {n_summits} summits are marked as green dots."),
        height=460,
    )


def term_rates_figure(us: pd.DataFrame, rok: pd.DataFrame, *, facts) -> go.Figure:
    """Missiles per year in office, US presidents and ROK presidents side by side;
    ``facts``: :func:`usnk.findings.captions.term_rates_facts`."""
    fig = make_subplots(rows=2, cols=1, subplot_titles=("US presidents", "ROK presidents"),
                        vertical_spacing=0.14, row_heights=[len(us), len(rok)])
    for row, (table, country) in enumerate(((us, "US"), (rok, "ROK")), start=1):
        text = [f"{esc(r.label)}<br>{r.missiles} missiles in {r.years:.1f} years in office within the record"
                f"<br>{r.per_year:.1f} a year" for r in table.itertuples(index=False)]
        fig.add_bar(y=[esc(x) for x in table["label"]], x=table["per_year"], orientation="h",
                    marker_color=style.COUNTRY_COLOURS[country], name=country, showlegend=False,
                    text=[f"{v:.1f}" for v in table["per_year"]], textposition="outside",
                    hovertext=text, hovertemplate="%{hovertext}<extra></extra>", row=row, col=1)
        fig.update_yaxes(autorange="reversed", row=row, col=1)
        fig.update_xaxes(title="Missiles per year in office" if row == 2 else None, row=row, col=1,
                         range=[0, float(max(us["per_year"].max(), rok["per_year"].max())) * 1.15])
    return finish(
        fig,
        caption=("Missiles launched per year in office, counting only the part of each term inside the launch "
                 f"record ({facts['term_rates_from']} to {facts['term_rates_to']}); acting presidents left out. "
                 "Sources: CNS North Korea Missile Test Database (NTI) and CSIS Beyond Parallel; leaders.csv."),
        alt=(f"Two horizontal bar charts, one above the other. Highest US rate: {facts['term_rates_top_us']}, "
             f"{facts['term_rates_top_us_rate']} a year; highest ROK rate: {facts['term_rates_top_rok']}, "
             f"{facts['term_rates_top_rok_rate']} a year."),
        height=max(420, 28 * (len(us) + len(rok)) + 170),
    )


def summit_test_figure(result: dict, distribution: pd.DataFrame) -> go.Figure:
    """Histogram of the chance distribution of launch events near summits
    (``distribution``: :func:`usnk.findings.captions.summit_null` of the test's random
    placements, ``mean`` and ``share``), with the observed mean of ``result`` marked."""
    fig = go.Figure()
    fig.add_bar(x=distribution["mean"].to_numpy(), y=distribution["share"].to_numpy(), name="Random placements",
                marker_color="#BBBBBB", hovertemplate="mean %{x}: %{y:.1%} of random placements<extra></extra>")
    fig.add_vline(x=result["observed_mean"], line={"color": style.EVENT_STYLES["summit"]["colour"], "width": 3})
    fig.add_annotation(x=result["observed_mean"], y=1, yref="paper", yanchor="bottom", showarrow=False,
                       text=f"Summits: {result['observed_mean']:.2f}", font={"color": "#117733"})
    fig.update_xaxes(title=f"Mean launch events within {result['window_days']} days of a summit")
    fig.update_yaxes(title="Share of random placements", tickformat=".0%")
    return finish(
        fig,
        caption=(f"Launch events within {result['window_days']} days of the {result['n_summits']} summits "
                 f"(green line) against {result['n_perm']:,} random placements of the same windows between "
                 f"{date_label(result['start'])} and {date_label(result['end'])} (grey). Seeded with "
                 f"numpy.random.default_rng({result['seed']}). Sources: CNS (NTI) and CSIS Beyond Parallel; summits.csv."),
        alt=(f"Histogram. Summit windows held {result['observed_mean']:.2f} launch events on average; random "
             f"windows {result['expected_mean']:.2f}; a share of {result['p_fewer']:.3f} of random placements "
             "had as few or fewer."),
        height=380,
    )


def first_flights_figure(ff: pd.DataFrame, *, facts) -> go.Figure:
    """First flights of new systems: one row per group, one marker per system;
    ``facts``: :func:`usnk.findings.captions.first_flights_facts`."""
    fig = go.Figure()
    for group in SYSTEM_GROUPS:
        part = ff[ff["group"] == group]
        if part.empty:
            continue
        colour, symbol = GROUP_STYLES[group]
        text = [f"<b>{esc(r.missile_name)}</b> ({esc(vocabulary.CLASS_LABELS.get(r.missile_class, r.missile_class))})"
                f"<br>first flight {esc(date_label(r.date))}, {esc(r.facility)}<br>outcome: {esc(r.outcome)}"
                + (f"<br>{esc(r.note)}" if r.note else "")
                + f"<br>Source: {source_label(r.group_source_url)}" for r in part.itertuples(index=False)]
        show_labels = group != "Other new system"
        fig.add_scatter(x=part["date"], y=[group] * len(part), mode="markers+text" if show_labels else "markers",
                        name=group, marker={"color": colour, "symbol": symbol, "size": 13,
                                            "line": {"width": 1, "color": "#333"}},
                        text=[esc(n) for n in part["missile_name"]] if show_labels else None,
                        # first label to the left of its marker, then alternately below and
                        # above, so neighbouring names on one row do not overlap
                        textposition=["top left" if i == 0 else "bottom center" if i % 2 else "top center"
                                      for i in range(len(part))],
                        textfont={"size": 10}, cliponaxis=False, hovertext=text,
                        hovertemplate="%{hovertext}<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(SYSTEM_GROUPS)), title="")
    date_axis(fig, start=pd.Timestamp(ff["date"].min().year, 1, 1), end=ff["date"].max() + pd.Timedelta(days=900))
    fig.update_xaxes(rangeslider_visible=False)
    counts = {g: int(facts[group_key(g)]) for g in SYSTEM_GROUPS}
    plural = {"SLBM": ("SLBM", "SLBMs"), "Hypersonic glide vehicle": ("hypersonic glide vehicle", "hypersonic glide vehicles"),
              "Solid-fuel ICBM": ("solid-fuel ICBM", "solid-fuel ICBMs")}
    parts = [f"{counts.get(g, 0)} {plural[g][0] if counts.get(g, 0) == 1 else plural[g][1]}" for g in SYSTEM_GROUPS[:3]]
    return finish(
        fig,
        caption=(f"First flight of each named missile system, {facts['first_flights_from']}–{facts['first_flights_to']}: "
                 + ", ".join(parts) + f", and {counts.get('Other new system', 0)} other systems. Sources: CNS (NTI) and CSIS Beyond Parallel; "
                 "solid-fuel ICBMs as reported by the publishers linked in the hover text."),
        alt=(f"Timeline of {len(ff)} first flights in four rows. SLBM first flights: "
             + ", ".join(f"{n} ({d.year})" for n, d in ff.loc[ff['group'] == 'SLBM', ['missile_name', 'date']]
                         .itertuples(index=False)) + "."),
        height=380,
    )


def since_figure(table: pd.DataFrame, *, newest, facts) -> go.Figure:
    """Missiles per month by class (``table``: months by classes, from
    :func:`usnk.analysis.launches_per_period`) up to the ``newest`` launch; ``facts``:
    :func:`usnk.findings.captions.since_facts`."""
    fig = class_bars(table, x_hover="%{x|%b %Y}")
    fig.update_layout(bargap=0.1)
    fig.update_yaxes(title="Missiles per month")
    date_axis(fig)
    fig.update_xaxes(range=None, rangeslider_visible=False)
    return finish(
        fig,
        caption=(f"Missiles launched per month by class, {date_label(table.index.min())[2:]} to "
                 f"{date_label(newest)} ({facts['since_total']} in all). Sources: CNS North Korea "
                 "Missile Test Database (NTI); CSIS Beyond Parallel for the newest launches and cruise missiles."),
        alt=(f"Stacked monthly bars since {table.index.min().year}; the busiest month was "
             f"{facts['since_peak_month']} with {facts['since_peak']} missiles."),
        height=420,
    )
