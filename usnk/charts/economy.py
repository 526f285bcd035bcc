"""Charts of the economy, exercises and commitments questions: China–DPRK trade and the
Bank of Korea's growth estimates, launches around exercises, how long each pledge held.
Each function only draws the frame a chapter's findings give it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import style
from ..labels import date_label
from .base import esc, finish

TRADE_COLOUR = style.COUNTRY_COLOURS["China"]
GROWTH_COLOURS = ("#0072B2", "#D55E00")  # growth, contraction
EXERCISE_COLOUR = style.COUNTRY_COLOURS["ROK"]
#: Years marked on the economy charts (the first of the 2016–17 resolutions, the border
#: closure), with the side of the dotted line their label goes on.
MARKED_YEARS = ((2016, "2016–17 resolutions", "right"), (2020, "border closed", "left"))
END_KIND_COLOURS = {"repudiated": "#D55E00", "violated": "#CC79A7", "lapsed": "#E69F00", None: "#DDDDDD"}


def _mark_years(fig: go.Figure, years, **kw) -> None:
    for year, label, side in MARKED_YEARS:
        if min(years) <= year <= max(years):
            fig.add_vline(x=year - 0.5, line={"dash": "dot", "color": "#666", "width": 1}, **kw)
            fig.add_annotation(x=year - 0.5, y=1, yref="paper", text=esc(label), showarrow=False,
                               xanchor=side, yanchor="bottom", font={"size": 11})


def economy_figure(economy: pd.DataFrame, *, facts) -> go.Figure:
    """Two panels over the same years: China–DPRK trade (USD million, China's customs as
    reported) and the Bank of Korea's estimate of the DPRK's real GDP growth (%);
    ``facts``: :func:`usnk.findings.captions.economy_facts`."""
    trade = economy[economy["total_musd"].notna()]
    growth = economy[economy["growth_pct"].notna()]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=("China–DPRK trade, USD million", "DPRK real GDP growth, % (Bank of Korea)"))
    fig.add_bar(x=trade["year"], y=trade["total_musd"], name="Trade with China", marker_color=TRADE_COLOUR,
                hovertemplate="%{x}: %{y:,.0f} million USD<extra></extra>", row=1, col=1)
    fig.add_bar(x=growth["year"], y=growth["growth_pct"], name="GDP growth",
                marker_color=[GROWTH_COLOURS[v < 0] for v in growth["growth_pct"]],
                hovertemplate="%{x}: %{y:+.1f}%<extra></extra>", row=2, col=1)
    fig.update_annotations(x=0, xanchor="left")  # the panel titles, clear of the year labels
    _mark_years(fig, economy["year"])
    fig.update_layout(showlegend=False, bargap=0.15)
    fig.update_xaxes(dtick=2, row=2, col=1)
    f = facts
    return finish(
        fig,
        caption=(f"China–DPRK trade {f['economy_trade_from']}–{f['economy_trade_to']} (China's customs as "
                 f"reported, total of exports and imports) and the Bank of Korea's growth estimates "
                 f"{f['economy_growth_from']}–{f['economy_growth_to']}. Dotted lines: the first of the "
                 "2016–17 sanctions resolutions and the 2020 border closure. Sources: china_trade.csv and "
                 "gdp_growth.csv, each row linked to its report."),
        alt=(f"Two bar charts. Trade peaked at {f['economy_trade_peak']} million USD in "
             f"{f['economy_trade_peak_year']} and fell to {f['economy_trade_low']} million "
             f"in {f['economy_trade_low_year']}; growth ranged from {f['economy_growth_min']}% to "
             f"{f['economy_growth_max']}%."),
        height=560,
    )


def china_trade_figure(totals: pd.DataFrame, shares: pd.DataFrame, *, facts) -> go.Figure:
    """China–DPRK trade per year (bars, USD million) and China's reported share of the
    DPRK's external trade (markers, right axis); ``facts``:
    :func:`usnk.findings.captions.china_trade_facts`."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=totals["year"], y=totals["total_musd"], name="Trade with China (USD million)",
                marker_color=TRADE_COLOUR, hovertemplate="%{x}: %{y:,.0f} million USD<extra></extra>")
    fig.add_scatter(x=shares["year"], y=shares["china_share_pct"], name="China's share of DPRK trade (%)",
                    mode="markers+lines", marker={"size": 9, "color": "#333"}, line={"dash": "dot"},
                    hovertemplate="%{x}: %{y:g}%<extra></extra>", secondary_y=True)
    fig.update_yaxes(title="USD million", secondary_y=False)
    fig.update_yaxes(title="Share, %", range=[0, 100], secondary_y=True, showgrid=False)
    _mark_years(fig, totals["year"])
    return finish(
        fig,
        caption=(f"China–DPRK trade {int(totals['year'].min())}–{int(totals['year'].max())} as China's customs "
                 "reported it, and China's share of the DPRK's recorded external trade (excluding inter-Korean "
                 "trade) in the years a South Korean agency reported it. Source: china_trade.csv."),
        alt=(f"Bars of trade peaking at {facts['china_trade_peak']} million USD; China's share between "
             f"{facts['china_trade_share_min']}% and {facts['china_trade_share_max']}%."),
    )


def exercise_windows_figure(windows: pd.DataFrame, window_days: int, *, facts) -> go.Figure:
    """Launch events in the ``window_days`` days from each exercise start (bars) against
    the mean of all other windows of that year (markers); ``facts``:
    :func:`usnk.findings.captions.exercise_windows_facts`."""
    labels = [f"{esc(n)}<br>{d:%Y-%m-%d}" for n, d in zip(windows["names"], windows["date"])]
    x = [f"{d:%Y-%m-%d}" for d in windows["date"]]
    fig = go.Figure()
    fig.add_bar(x=x, y=windows["events"], name=f"Launch events in the {window_days} days from the start",
                marker_color=EXERCISE_COLOUR, hovertext=labels,
                hovertemplate="%{hovertext}: %{y} events<extra></extra>")
    fig.add_scatter(x=x, y=windows["baseline_mean"], name=f"Mean of other {window_days}-day windows that year",
                    mode="markers", marker={"symbol": "line-ew-open", "size": 16, "color": "#333",
                                            "line": {"width": 2}},
                    hovertemplate="%{x}: %{y:.2f} expected<extra></extra>")
    fig.update_xaxes(type="category", title="Exercise start")
    fig.update_yaxes(title="Launch events")
    return finish(
        fig,
        caption=(f"Launch events in the {window_days} days from the first day of each US–ROK exercise held in "
                 f"full or scaled down ({len(windows)} start dates), against the mean of every other "
                 f"{window_days}-day window of the same year. Sources: exercises.csv and the launch table."),
        alt=(f"Bar chart of {len(windows)} exercise starts: {facts['exercise_windows_events']} launch events in "
             f"their windows, {facts['exercise_windows_mean']} on average against {facts['exercise_windows_baseline']}."),
    )


def commitments_figure(record: pd.DataFrame, *, facts) -> go.Figure:
    """How long each pledge held (horizontal bars, years), coloured by what ended it;
    pledges still standing run to the newest date, hatched; ``facts``:
    :func:`usnk.findings.captions.commitments_facts`."""
    fig = go.Figure()
    names = [esc(f"{r.id}") for r in record.itertuples(index=False)]
    for kind, part in record.assign(label=names).groupby(record["end_kind"].fillna("still standing"),
                                                            sort=False):
        colour = END_KIND_COLOURS.get(None if kind == "still standing" else kind, "#999")
        text = [f"<b>{esc(r.terms)}</b><br>pledged by {esc(r.pledged_by)} on {esc(date_label(r.date))}<br>"
                + (f"ended {esc(date_label(r.end_date))}: {esc(r.end_event)}" if not r.holding
                   else "still standing") + f"<br>{r.years} years" for r in part.itertuples(index=False)]
        fig.add_bar(y=part["label"], x=part["years"], orientation="h", name=esc(kind),
                    marker={"color": colour, "line": {"width": 1, "color": "#666"},
                            "pattern": {"shape": "/" if kind == "still standing" else ""}},
                    hovertext=text, hovertemplate="%{hovertext}<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)))
    fig.update_xaxes(title="Years the pledge held")
    return finish(
        fig,
        caption=(f"How long each of {len(record)} pledges in commitments.csv held, from the pledge to the event "
                 "that ended it, coloured by how it ended; hatched bars are still standing. Sources: the "
                 "agreement texts and reports linked in commitments.csv."),
        alt=(f"Bar chart. {facts['commitments_ended']} of {len(record)} pledges ended, after "
             f"{facts['commitments_min_years']} to {facts['commitments_max_years']} years."),
        legend_title="Ended by",
        height=max(340, 36 * len(record) + 120),
    )
