"""The book's signature timeline and the reusable pieces every dated chart shares.

Reusable helpers (stable names; other chapters import them):

* :func:`add_administrations` — light shading for each US administration, labelled.
* :func:`test_events`, :func:`resolution_events`, :func:`summit_events` — turn a table
  into the standard event frame ``date, kind, label, detail, source_url``.
* :func:`add_event_markers` — draw an event frame as markers in the style of its kind
  (colour and symbol from :data:`usnk.style.EVENT_STYLES`), with escaped hover text
  naming the event, what it was and the source's host.
* :func:`monthly_class_bars` — one stacked bar trace per missile class with monthly
  counts (compact: only months with launches are written out).

Each draws the frames the findings give it (:func:`usnk.findings.intro`); none counts.

All text taken from the data passes through :func:`usnk.charts.base.esc`.
"""

from __future__ import annotations

import itertools

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import style, vocabulary
from ..labels import date_label
from .base import date_axis, esc, finish, source_label, wrap

EVENT_COLUMNS = ["date", "kind", "label", "detail", "source_url"]

#: Hover template for event markers: customdata = [label, detail, source host].
EVENT_HOVER = ("<b>%{customdata[0]}</b><br>%{x|%d %b %Y}<br>%{customdata[1]}"
               "<br>Source: %{customdata[2]}<extra></extra>")


def _surname(name: str) -> str:
    parts = str(name).split()
    return parts[-1] if parts else str(name)


def _shaded_axes(fig: go.Figure, row, col) -> list[tuple[str, str]]:
    """The (x, y) axis references of the subplots to shade: the figure's own axes when
    ``row`` is None, the subplot at ``row``/``col``, or with ``row="all"`` every row's
    subplot in column ``col`` that holds a trace (as plotly's ``add_vrect`` does)."""
    if row is None:
        return [("x", "y")]
    rows = range(1, len(fig._grid_ref) + 1) if row == "all" else [row]
    refs = []
    for r in rows:
        sub = fig.get_subplot(r, col or 1)
        xref = sub.xaxis.plotly_name.replace("axis", "")
        yref = sub.yaxis.plotly_name.replace("axis", "")
        if row != "all" or any((t.xaxis or "x", t.yaxis or "y") == (xref, yref) for t in fig.data):
            refs.append((xref, yref))
    return refs


def add_administrations(fig: go.Figure, us_terms: pd.DataFrame, *, start=None, end=None,
                        row=None, col=None, label: bool = True, legend: bool = True) -> go.Figure:
    """Shade each US administration of ``us_terms`` (the US rows of
    :func:`usnk.analysis.terms`, as the findings give them: ``start``, ``end``, ``name``,
    ``party``) in the part of it between ``start`` and ``end`` (party colours from
    :data:`style.PARTY_SHADES`), label it with the president's surname at the top of
    the subplot, and (``legend=True``) add one legend entry per party.

    ``row``/``col`` select a subplot of a figure built with ``make_subplots``
    (``row="all"`` shades every row). Returns ``fig``.
    """
    start = pd.Timestamp(start if start is not None else style.TIMELINE_START)
    us = us_terms[us_terms["end"] > start].assign(start=lambda d: d["start"].clip(lower=start))
    if end is not None:
        end = pd.Timestamp(end)
        us = us[us["start"] < end].assign(end=lambda d: d["end"].clip(upper=end))
    # shapes and labels are added in one layout update: plotly's add_vrect and
    # add_annotation re-check every shape at each call (about a second for a timeline)
    shapes, labels = [], []
    for (_, t), (xref, yref) in itertools.product(us.iterrows(), _shaded_axes(fig, row, col)):
        fill = style.PARTY_SHADES.get(str(t["party"]), "rgba(0,0,0,0.04)")
        shapes.append({"type": "rect", "x0": t["start"], "x1": t["end"], "xref": xref, "y0": 0, "y1": 1,
                       "yref": f"{yref} domain", "fillcolor": fill, "line": {"width": 0}, "layer": "below"})
        if label and (t["end"] - t["start"]).days > 700:
            mid = t["start"] + (t["end"] - t["start"]) / 2
            labels.append({"x": mid, **({} if row is None else {"xref": xref}), "y": 1, "yref": f"{yref} domain",
                           "text": esc(_surname(t["name"])), "showarrow": False, "yanchor": "top",
                           "font": {"size": 10, "color": "#555555"}})
    fig.update_layout(shapes=list(fig.layout.shapes) + shapes, annotations=list(fig.layout.annotations) + labels)
    if legend:
        present = [p for p in style.PARTY_SHADES if p in set(us["party"].dropna())]
        lkw = {} if row is None else {"row": 1 if row == "all" else row, "col": col or 1}
        for party in present:
            fig.add_scatter(x=[None], y=[None], mode="markers", name=f"{party} president",
                            marker={"symbol": "square", "size": 12,
                                    "color": style.PARTY_SHADES[party].replace("0.08", "0.35")},
                            hoverinfo="skip", legendgroup="admin", **lkw)
    return fig


def test_events(tests: pd.DataFrame) -> pd.DataFrame:
    """Nuclear tests as events: label 'Nuclear test N', detail magnitude and yield."""
    detail = []
    for _, t in tests.iterrows():
        bits = []
        if pd.notna(t.get("magnitude_mb")):
            bits.append(f"magnitude {t['magnitude_mb']:.1f} mb")
        lo, hi = t.get("yield_kt_low"), t.get("yield_kt_high")
        if pd.notna(lo) and pd.notna(hi):
            bits.append(f"yield {lo:g} kt" if lo == hi else f"yield {lo:g}–{hi:g} kt")
        if pd.notna(t.get("site")):
            bits.append(str(t["site"]))
        detail.append(", ".join(bits))
    return pd.DataFrame({"date": tests["date"].to_numpy(), "kind": "nuclear_test",
                         "label": [f"Nuclear test {n}" for n in tests["test_number"]],
                         "detail": detail, "source_url": tests["source_url"].to_numpy()},
                        columns=EVENT_COLUMNS)


def resolution_events(resolutions: pd.DataFrame) -> pd.DataFrame:
    """Security Council votes as events (kind ``resolution_adopted`` or
    ``resolution_vetoed``); detail = trigger (if any) and what it added."""
    label, detail, kind = [], [], []
    for _, r in resolutions.iterrows():
        vetoed = r["status"] == "vetoed"
        kind.append("resolution_vetoed" if vetoed else "resolution_adopted")
        if vetoed:
            label.append(f"Draft {r['resolution']} vetoed by {r['vetoed_by']}" if pd.notna(r.get("vetoed_by"))
                         else f"Draft {r['resolution']} vetoed")
        else:
            label.append(f"Resolution {r['resolution']}")
        trig = f"after: {r['trigger_event']}; " if pd.notna(r.get("trigger_event")) else ""
        detail.append(trig + (str(r["measures"]) if pd.notna(r.get("measures")) else ""))
    return pd.DataFrame({"date": resolutions["date"].to_numpy(), "kind": kind, "label": label,
                         "detail": detail, "source_url": resolutions["source_url"].to_numpy()},
                        columns=EVENT_COLUMNS)


def summit_events(summits: pd.DataFrame) -> pd.DataFrame:
    """Summits, talks and agreements as events (kind = the row's kind); detail =
    parties, place and outcome."""
    detail = []
    for _, s in summits.iterrows():
        bits = [str(s[c]) for c in ("parties", "place") if pd.notna(s.get(c))]
        if pd.notna(s.get("outcome")):
            bits.append(str(s["outcome"]))
        detail.append("; ".join(bits))
    return pd.DataFrame({"date": summits["date"].to_numpy(), "kind": summits["kind"].to_numpy(),
                         "label": summits["name"].to_numpy(), "detail": detail,
                         "source_url": summits["source_url"].to_numpy()}, columns=EVENT_COLUMNS)


def add_event_markers(fig: go.Figure, events: pd.DataFrame, *, y, name: str | None = None,
                      kind: str | None = None, row=None, col=None, size: int = 11,
                      showlegend: bool = True) -> go.Figure:
    """Draw ``events`` (standard event frame) as one marker trace at height ``y`` (a
    number, a category, or a sequence of either), styled by ``kind`` (default: the
    frame's first kind). Hover shows label, date, detail and source host, escaped."""
    if events.empty:
        return fig
    kind = kind or str(events["kind"].iloc[0])
    st = style.EVENT_STYLES[kind]
    ys = list(y) if isinstance(y, (list, tuple, pd.Series)) else [y] * len(events)
    custom = [[esc(r["label"]), wrap(r["detail"]), source_label(r["source_url"])]
              for _, r in events.iterrows()]
    open_symbol = st["symbol"].endswith("-open") or st["symbol"] == "x"
    kw = {} if row is None else {"row": row, "col": col or 1}
    fig.add_scatter(
        x=events["date"], y=ys, mode="markers", name=esc(name or st["label"]),
        marker={"symbol": st["symbol"], "size": size, "color": st["colour"],
                "line": {"width": 2 if open_symbol else 1, "color": st["colour"] if open_symbol else "white"}},
        customdata=custom, hovertemplate=EVENT_HOVER, showlegend=showlegend, **kw,
    )
    return fig


def monthly_class_bars(fig: go.Figure, monthly: pd.DataFrame, *, row=None, col=None) -> pd.DataFrame:
    """Add one bar trace per missile class with missiles launched per month
    (``monthly``: :func:`usnk.analysis.monthly_by_class`, only months with launches,
    so the figure stays small). Hover: month, count, class, the systems flown and the
    sources' hosts. Returns ``monthly``."""
    kw = {} if row is None else {"row": row, "col": col or 1}
    for cls in [c for c in vocabulary.MISSILE_CLASSES if c in set(monthly["missile_class"])]:
        part = monthly[monthly["missile_class"] == cls]
        custom = [[esc(r.systems), ", ".join(dict.fromkeys(source_label(u) for u in r.source_urls))]
                  for r in part.itertuples(index=False)]
        fig.add_bar(
            x=[d.strftime("%Y-%m-%d") for d in part["month"]], y=part["missiles"].tolist(),
            name=vocabulary.CLASS_SHORT[cls], marker_color=style.CLASS_COLOURS[cls], marker_line_width=0,
            customdata=custom, legendgroup="classes",
            hovertemplate=(f"%{{x|%b %Y}}: %{{y}} {esc(vocabulary.CLASS_LABELS[cls])}<br>"
                           "System: %{customdata[0]}<br>Source: %{customdata[1]}<extra></extra>"),
            xperiod="M1", xperiodalignment="middle", **kw,
        )
    return monthly


#: Rows of the event panel of the timeline, top to bottom.
TIMELINE_ROWS = ["Nuclear tests", "UN Security Council", "Summits & talks"]


def timeline_figure(monthly: pd.DataFrame, tests: pd.DataFrame, resolutions: pd.DataFrame,
                    summits: pd.DataFrame, us_terms: pd.DataFrame, *, newest, facts,
                    start=None, end=None) -> go.Figure:
    """The book's signature chart, 1984 to the ``newest`` event: missiles launched per
    month stacked by class (bottom; ``monthly`` from :func:`usnk.analysis.monthly_by_class`),
    nuclear tests, Security Council votes and summits/talks/agreements as markers (top),
    US administrations (``us_terms``) shaded, with a range slider.

    The caption's numbers are the introduction's ``facts``: ``timeline_missiles``,
    ``n_adopted``, ``n_vetoed``, ``timeline_busiest_month``, ``timeline_busiest_n`` and
    ``test_years`` (:func:`usnk.findings.intro`, which also gives the frames)."""
    start = pd.Timestamp(start if start is not None else style.TIMELINE_START)
    newest = pd.Timestamp(newest)
    end = pd.Timestamp(end) if end is not None else style.timeline_end(newest)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.3, 0.7], vertical_spacing=0.04)
    monthly_class_bars(fig, monthly, row=2, col=1)
    y_of = {name: i for i, name in enumerate(reversed(TIMELINE_ROWS))}
    add_event_markers(fig, test_events(tests), y=y_of["Nuclear tests"], row=1, col=1, size=13)
    rev = resolution_events(resolutions)
    for kind in ("resolution_adopted", "resolution_vetoed"):
        add_event_markers(fig, rev[rev["kind"] == kind], y=y_of["UN Security Council"], kind=kind, row=1, col=1)
    sev = summit_events(summits)
    for kind in ("summit", "talks", "agreement"):
        add_event_markers(fig, sev[sev["kind"] == kind], y=y_of["Summits & talks"], kind=kind, row=1, col=1, size=9)
    add_administrations(fig, us_terms, start=start, end=end, row="all", col=1, label=False)
    add_administrations(fig, us_terms, start=start, end=end, row=1, col=1, legend=False)
    fig.update_layout(barmode="stack", bargap=0)
    fig.update_yaxes(row=1, col=1, tickvals=list(y_of.values()), ticktext=list(y_of.keys()),
                     range=[-0.6, len(TIMELINE_ROWS) - 0.1], showgrid=False, fixedrange=True)
    fig.update_yaxes(row=2, col=1, title_text="Missiles per month", fixedrange=True)
    date_axis(fig, start=start, end=end, row=1, col=1)
    date_axis(fig, start=start, end=end, rangeslider=True, row=2, col=1)
    fig.update_xaxes(row=1, col=1, showticklabels=False)
    fig.update_layout(xaxis_rangeslider_visible=False, xaxis2_rangeslider_visible=True,
                      xaxis2_rangeslider_range=[start, end],
                      legend={"traceorder": "normal", "font": {"size": 11}, "entrywidth": 118,
                              "entrywidthmode": "pixels"})

    n_missiles, n_adopted, n_vetoed = facts["timeline_missiles"], facts["n_adopted"], facts["n_vetoed"]
    return finish(
        fig, height=620,
        caption=(f"{n_missiles} missiles launched per month by class, {len(tests)} nuclear tests, "
                 f"{n_adopted} Security Council resolutions adopted and {n_vetoed} drafts vetoed, and "
                 f"{len(summits)} summits, talks and agreements, {start.year} to "
                 f"{date_label(newest)}. Shading: US administrations. Drag the slider under the chart "
                 "to zoom; click a legend entry to hide or show it. Sources: CNS North Korea Missile "
                 "Test Database (NTI), CSIS Beyond Parallel, USGS, UN documents; summits as listed "
                 "in the data appendix."),
        alt=(f"Timeline from {start.year} to {newest.year}. Bottom panel: stacked monthly bars of "
             f"missile launches by class, {n_missiles} in all, the busiest month {facts['timeline_busiest_month']} with "
             f"{facts['timeline_busiest_n']}. Top panel: markers for {len(tests)} nuclear tests "
             f"({facts['test_years']}), {n_adopted} adopted resolutions, "
             f"{n_vetoed} vetoed drafts and {len(summits)} summits and talks."),
    )
