"""Charts for the history chapter: leaders of the three states, incidents per decade."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import style
from ..vocabulary import INCIDENT_LABELS
from ..labels import date_label
from ..vocabulary import ARMISTICE_SIGNED
from .base import date_axis, esc, finish, source_label, wrap

#: Countries in the leaders chart, top to bottom.
LEADER_ROWS = ["US", "ROK", "DPRK"]
COUNTRY_NAMES = {"US": "United States", "ROK": "South Korea (ROK)", "DPRK": "North Korea (DPRK)"}
def _short_name(name: str, country: str) -> str:
    """Bar label: a US president's surname; a Korean leader's full (short) name."""
    parts = str(name).split()
    return parts[-1] if country == "US" and parts else str(name)


def leaders_figure(t: pd.DataFrame, *, facts, as_of, start="1945-01-01") -> go.Figure:
    """Terms of US presidents, ROK presidents and DPRK leaders on one time axis, one
    row per country, acting office holders hatched; the armistice marked. ``t``: the
    terms from ``start`` to ``as_of`` (:func:`usnk.analysis.terms`, as
    :func:`usnk.findings.history` gives them); the caption's counts are its ``facts``
    ``n_us_terms_chart``, ``n_rok_terms_chart`` and ``n_dprk_leaders_chart``."""
    as_of = pd.Timestamp(as_of)
    # about 0.9 years of axis per character keeps a label inside its bar on a book page
    min_label_ms = 0.72 * 365.25 * 86400 * 1000 * (as_of - pd.Timestamp(start)).days / (81 * 365.25)
    fig = go.Figure()
    for country in LEADER_ROWS:
        d = t[t["country"] == country]
        if d.empty:
            continue
        dur = (d["end"] - d["start"]).dt.total_seconds() * 1000
        acting = d["acting"].astype(bool)
        custom = [[esc(r["name"]), esc(r["title"]), esc(r["party"]) if pd.notna(r["party"]) else "—",
                   date_label(r["start_date"]), "in office" if r["incumbent"] else date_label(r["end_date"]),
                   source_label(r["source_url"])] for _, r in d.iterrows()]
        fig.add_bar(
            y=[COUNTRY_NAMES[country]] * len(d), x=dur.round().astype("int64").tolist(),
            base=[s.strftime("%Y-%m-%d") for s in d["start"]], orientation="h",
            name=COUNTRY_NAMES[country], marker_color=style.COUNTRY_COLOURS[country],
            marker_line={"color": "white", "width": 1.5},
            marker_pattern_shape=["/" if a else "" for a in acting],
            text=[esc(_short_name(n, country)) if w >= min_label_ms * len(_short_name(n, country)) else ""
                  for n, w in zip(d["name"], dur)],
            textposition="inside", insidetextanchor="middle", textangle=0,
            textfont={"color": "white", "size": 10},
            customdata=custom,
            hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Party: %{customdata[2]}<br>"
                           "%{customdata[3]} – %{customdata[4]}<br>Source: %{customdata[5]}<extra></extra>"),
        )
    fig.add_vline(x=ARMISTICE_SIGNED.timestamp() * 1000, line={"color": "#333", "dash": "dot", "width": 1})
    fig.add_annotation(x=ARMISTICE_SIGNED, y=1, yref="paper", text="Armistice, 27 July 1953", showarrow=False,
                       xanchor="left", yanchor="bottom", font={"size": 11})
    fig.update_layout(barmode="overlay", showlegend=False)
    fig.update_yaxes(categoryorder="array", categoryarray=[COUNTRY_NAMES[c] for c in reversed(LEADER_ROWS)])
    date_axis(fig, start=start, end=as_of)
    fig.update_xaxes(hoverformat=None)
    counts = {"US": facts["n_us_terms_chart"], "ROK": facts["n_rok_terms_chart"],
              "DPRK": facts["n_dprk_leaders_chart"]}
    return finish(
        fig, height=300,
        caption=(f"Leaders in office, {pd.Timestamp(start).year}–{as_of.year}: {counts['US']} US presidential "
                 f"terms, {counts['ROK']} ROK presidencies and {counts['DPRK']} DPRK leaders (acting office "
                 "holders hatched). Hover for names and dates; narrow terms are unlabelled. Sources: Miller "
                 "Center, the ROK presidential archives and other sources listed per row."),
        alt=(f"Three horizontal bands of leaders' terms from {pd.Timestamp(start).year}. The DPRK band has "
             f"{counts['DPRK']} leaders, all of the Kim family; the United States had {counts['US']} "
             f"presidential terms and South Korea {counts['ROK']} presidencies in the same span."),
    )


def incidents_per_decade_figure(table: pd.DataFrame, lm: pd.DataFrame, *, first: int, last: int,
                                facts) -> go.Figure:
    """Stacked bars: incidents per decade by category (``table``, from
    :func:`usnk.analysis.incidents_per_decade`), with the landmark incidents ``lm`` of
    each decade listed above its bar; ``first``–``last``: the years of the record. The
    counts the text states are the history chapter's ``facts`` (``n_incidents``,
    ``max_decade``, ``max_decade_n``)."""
    labels = [f"{d}s" for d in table.index]
    fig = go.Figure()
    for cat in table.columns:
        fig.add_bar(x=labels, y=table[cat].tolist(), name=esc(INCIDENT_LABELS.get(cat, cat)),
                    marker_color=style.INCIDENT_COLOURS[cat], marker_line_width=0,
                    hovertemplate=f"%{{x}}: %{{y}} × {esc(INCIDENT_LABELS.get(cat, cat))}<extra></extra>")
    totals = table.sum(axis=1)
    ymax = int(totals.max()) if len(totals) else 0
    for k, (decade, group) in enumerate(lm.groupby("decade")):
        text = "<br>".join(wrap(f"{r['landmark']} ({r['date'].year})", 13) for _, r in group.iterrows())
        fig.add_annotation(x=f"{decade}s", y=int(totals.get(decade, 0)), text=text, showarrow=False,
                           yanchor="bottom", yshift=4 + (34 if k % 2 else 0), font={"size": 10}, align="center")
    n_lines = max((sum(wrap(f"{r['landmark']} ({r['date'].year})", 13).count("<br>") + 1
                       for _, r in g.iterrows()) for _, g in lm.groupby("decade")), default=0)
    fig.update_layout(barmode="stack", yaxis_title="Incidents", xaxis_title="Decade",
                      yaxis_range=[0, ymax * (1.1 + 0.07 * n_lines) + 1])
    fig = finish(
        fig, height=600, legend_title="Kind",
        caption=(f"Non-missile incidents per decade by kind, {first}–{last} "
                 f"({facts['n_incidents']} in all); landmark incidents named above their decade. The last "
                 "decade is incomplete. Source: CSIS Beyond Parallel database of North Korean provocations."),
        alt=(f"Stacked bar chart of {facts['n_incidents']} incidents in {len(table)} decades since {first}; "
             f"the most in the {facts['max_decade']} ({facts['max_decade_n']}). Landmarks: "
             + "; ".join(f"{r['landmark']} ({r['date'].year})" for _, r in lm.iterrows()) + "."),
    )
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": -0.16, "yanchor": "top", "traceorder": "normal"},
                      margin={"b": 140}, xaxis_title=None)
    return fig
