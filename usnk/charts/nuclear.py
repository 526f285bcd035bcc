"""Charts for the nuclear chapter: tests, capability, reliability, sanctions, talks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML
from plotly.subplots import make_subplots

from .. import style, vocabulary
from ..labels import date_label
from .base import date_axis, esc, finish, source_label
from .timeline import add_event_markers, resolution_events, summit_events

CNS = "CNS North Korea Missile Test Database (NTI)"
#: Sources of the launch table, for captions (CSIS rows: newest launches and cruise missiles).
LAUNCH_SOURCES = "CNS North Korea Missile Test Database (NTI); CSIS Beyond Parallel for the newest launches and cruise missiles"


def escaped_table(df: pd.DataFrame, *, caption: str | None = None) -> HTML:
    """A table for the book: every cell escaped (data text never runs as markup),
    no index, the book's table classes."""
    out = df.to_html(index=False, escape=True, na_rep="—", border=0,
                     classes=["table", "usnk-table"])
    if caption:
        out = out.replace(">\n  <thead>", f">\n  <caption>{esc(caption)}</caption>\n  <thead>", 1)
    return HTML(out)


def nuclear_tests_figure(tests: pd.DataFrame, *, facts) -> go.Figure:
    """Each nuclear test's body-wave magnitude (left) and estimated yield range in
    kilotons on a log scale (right); ``facts``: :func:`usnk.findings.captions.nuclear_tests_facts`."""
    t = tests.sort_values("date")
    x = [f"{n}<br>{d.year}" for n, d in zip(t["test_number"], t["date"])]
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=("Magnitude (mb)", "Estimated yield (kt, log scale)"))
    st = style.EVENT_STYLES["nuclear_test"]
    custom = [[f"Nuclear test {r['test_number']}", date_label(r["date"]), esc(r["site"]),
               esc(r["magnitude_estimated_by"]), esc(r["yield_estimated_by"]), esc(r["dprk_claim"]),
               source_label(r["source_url"]), f"{r['yield_kt_low']:g}", f"{r['yield_kt_high']:g}"]
              for _, r in t.iterrows()]
    hover_head = "<b>%{customdata[0]}</b>, %{customdata[1]}, %{customdata[2]}<br>"
    fig.add_scatter(x=x, y=t["magnitude_mb"].round(1).tolist(), mode="markers+text", name="Magnitude",
                    marker={"symbol": st["symbol"], "size": 16, "color": st["colour"]},
                    text=[f"{m:.1f}" for m in t["magnitude_mb"]], textposition="top center",
                    customdata=custom, showlegend=False,
                    hovertemplate=hover_head + "Magnitude %{y:.1f} mb (%{customdata[3]})<br>"
                                  "DPRK claim: %{customdata[5]}<br>Source: %{customdata[6]}<extra></extra>",
                    row=1, col=1)
    lo, hi = t["yield_kt_low"].astype(float), t["yield_kt_high"].astype(float)
    mid = (lo * hi) ** 0.5
    fig.add_scatter(x=x, y=mid.round(2).tolist(), mode="markers", name="Yield range",
                    marker={"symbol": "line-ew", "size": 14, "color": st["colour"], "line": {"width": 2}},
                    error_y={"type": "data", "symmetric": False, "array": (hi - mid).round(2).tolist(),
                             "arrayminus": (mid - lo).round(2).tolist(), "thickness": 6, "width": 0,
                             "color": "#555555"},
                    customdata=custom, showlegend=False,
                    hovertemplate=hover_head + "Yield %{customdata[7]}–%{customdata[8]} kt<br>"
                                  "Estimate: %{customdata[4]}<br>Source: %{customdata[6]}<extra></extra>",
                    row=1, col=2)
    fig.update_yaxes(type="log", dtick=1, row=1, col=2, title_text="kilotons TNT")
    fig.update_xaxes(tickangle=0)
    fig.update_yaxes(row=1, col=1, range=[float(t["magnitude_mb"].min()) - 0.5, float(t["magnitude_mb"].max()) + 0.5])
    fig.update_xaxes(title_text="Test", row=1, col=1)
    fig.update_xaxes(title_text="Test", row=1, col=2)
    first, last = t.iloc[0], t.iloc[-1]
    return finish(
        fig, height=400,
        caption=(f"The {len(t)} nuclear tests, {first['date'].year}–{last['date'].year}: body-wave magnitude "
                 f"(USGS) and the range of yield estimated from the seismic record (vertical bars; "
                 f"{esc(first['yield_estimated_by'])}). Sources: USGS event pages; Yao et al. 2018."),
        alt=(f"Magnitude rose from {first['magnitude_mb']:.1f} at the first test to {last['magnitude_mb']:.1f} "
             f"at the sixth; estimated yield from {first['yield_kt_low']:g} kt to "
             f"{last['yield_kt_low']:g}–{last['yield_kt_high']:g} kt, at least {facts['nuclear_tests_yield_ratio']} times the first."),
    )


def capability_frontier_figure(fr: pd.DataFrame, *, facts) -> go.Figure:
    """Longest distance and highest apogee flown each year (two panels; ``fr``: the
    frontier of :func:`usnk.analysis.capability_frontier`), the system that flew it in
    the hover, and records (beyond every earlier year) labelled; the records the alt
    text names are ``facts`` (:func:`usnk.findings.captions.frontier_facts`)."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=("Longest distance flown (km)", "Highest apogee reached (km)"))
    for i, metric in enumerate(("distance_km", "apogee_km"), start=1):
        d = fr[fr["metric"] == metric]
        custom = [[esc(r["missile_name"]), esc(vocabulary.CLASS_LABELS.get(r["missile_class"], r["missile_class"])),
                   date_label(r["date"]), source_label(r["source_url"]), "record" if r["record"] else ""]
                  for _, r in d.iterrows()]
        colours = [style.CLASS_COLOURS.get(c, "#777") for c in d["missile_class"]]
        fig.add_scatter(x=d["year"].tolist(), y=d["value"].round(0).tolist(), mode="lines+markers",
                        line={"color": "#bbbbbb", "width": 1}, showlegend=False, name=metric,
                        marker={"color": colours, "size": [12 if r else 7 for r in d["record"]],
                                "line": {"color": "#333", "width": [1.5 if r else 0 for r in d["record"]]}},
                        customdata=custom,
                        hovertemplate=("%{x}: <b>%{y:,.0f} km</b> %{customdata[4]}<br>%{customdata[0]} "
                                       "(%{customdata[1]}), %{customdata[2]}<br>Source: %{customdata[3]}"
                                       "<extra></extra>"), row=i, col=1)
        rec = d[d["record"]].iloc[1:]          # the first year is a record by definition
        for k, (_, r) in enumerate(rec.iterrows()):
            fig.add_annotation(x=int(r["year"]), y=float(r["value"]), text=esc(r["missile_name"]),
                               showarrow=True, arrowhead=0, ax=-45, ay=-16 - 20 * (k % 3),
                               xanchor="right", font={"size": 10}, row=i, col=1)
        fig.update_yaxes(title_text="km", rangemode="tozero", row=i, col=1)
    # legend: one entry per class present
    for cls in [c for c in vocabulary.MISSILE_CLASSES if c in set(fr["missile_class"])]:
        fig.add_scatter(x=[None], y=[None], mode="markers", name=vocabulary.CLASS_SHORT[cls],
                        marker={"color": style.CLASS_COLOURS[cls], "size": 9}, hoverinfo="skip")
    fig.update_xaxes(dtick=5, row=2, col=1)
    fig.update_yaxes(range=[0, float(fr["value"].max()) * 1.18] if len(fr) else None)
    fig = finish(
        fig, height=680, legend_title="Class",
        caption=(f"The capability frontier: the farthest and the highest any missile flew each year "
                 f"(successful or unknown-outcome flights with a published figure); larger outlined "
                 f"markers set a record, labelled with the system. Sources: {LAUNCH_SOURCES}."),
        alt=(f"Two line charts by year. Longest distance: record {facts['frontier_distance_km']} km by the "
             f"{facts['frontier_distance_system']} in {facts['frontier_distance_year']}. Highest apogee: record "
             f"{facts['frontier_apogee_km']} km by the {facts['frontier_apogee_system']} in "
             f"{facts['frontier_apogee_year']}." if facts["frontier_distance_km"] and facts["frontier_apogee_km"]
             else "Two line charts of the longest distance and highest apogee flown each year."),
    )
    # the legend sits above the top panel's title, not on it
    fig.update_layout(legend={"y": 1.06, "yanchor": "bottom"}, margin={"t": 80})
    return fig


def success_rates_figure(success: pd.DataFrame, *, min_flights: int, facts) -> go.Figure:
    """Horizontal stacked bars of outcomes (success, failure, unknown) for every
    system of ``success`` (:func:`usnk.analysis.success_rates` with ``min_flights``),
    labelled with its success rate; ``facts``: :func:`usnk.findings.captions.success_rates_facts`."""
    sr = success.iloc[::-1]
    names = [esc(n) for n in sr["missile_name"]]
    colours = {"success": "#009E73", "failure": "#D55E00", "unknown": "#BBBBBB"}
    custom = [[esc(r["missile_name"]), esc(r["missile_class"]), int(r["first_year"]), int(r["last_year"]),
               "n/a" if pd.isna(r["rate"]) else f"{r['rate']:.0%}"] for _, r in sr.iterrows()]
    fig = go.Figure()
    for outcome in ("success", "failure", "unknown"):
        fig.add_bar(
            y=names, x=sr[outcome].tolist(), orientation="h", name=outcome.capitalize(),
            marker_color=colours[outcome], customdata=custom,
            hovertemplate=(f"<b>%{{customdata[0]}}</b> (%{{customdata[1]}}), %{{customdata[2]}}–%{{customdata[3]}}"
                           f"<br>{outcome}: %{{x}}<br>Success rate (known outcomes): %{{customdata[4]}}"
                           f"<br>Source: {esc(CNS)}<extra></extra>"),
        )
    fig.add_scatter(y=names, x=sr["flights"].tolist(), mode="text", showlegend=False, hoverinfo="skip",
                    text=[f"  {c[4]}" for c in custom], textposition="middle right", textfont={"size": 11})
    fig.update_layout(barmode="stack", xaxis_title="Missiles flown (label: success rate of known outcomes)",
                      legend={"traceorder": "normal"},
                      xaxis_range=[0, float(sr["flights"].max()) * 1.15])
    return finish(
        fig, height=max(300, 34 * len(sr) + 120), legend_title="Outcome",
        caption=(f"Outcomes of the {len(sr)} systems flown {min_flights} times or more "
                 f"({facts['success_missiles']} missiles). Rate = successes ÷ flights with a known outcome. "
                 f"Sources: {LAUNCH_SOURCES}."),
        alt=(f"Bar chart of outcomes for {len(sr)} systems. Highest success rate: {facts['success_best']} "
             f"({facts['success_best_rate']} of {facts['success_best_flights']}); lowest: {facts['success_worst']} "
             f"({facts['success_worst_rate']} of {facts['success_worst_flights']})."),
    )


OUTCOME_COLOURS = {"success": "#009E73", "failure": "#D55E00", "unknown": "#AAAAAA"}


#: Flights a panel of :func:`success_history_figure` draws one by one; a system flown
#: more often is drawn at evenly spaced flights, so the page stays small however long
#: the record grows.
MAX_FLIGHTS_DRAWN = 150


def thin_history(hist: pd.DataFrame, max_flights: int) -> tuple[pd.DataFrame, list[str]]:
    """``hist`` (:func:`usnk.analysis.cumulative_success`) with each system flown more than
    ``max_flights`` times reduced to about ``max_flights`` evenly spaced flights, always
    keeping its last (each kept row unchanged: the rate after that flight); also the
    names of the systems so reduced."""
    sizes = hist.groupby("missile_name", sort=False)["flight"].transform("size")
    long = sizes > max_flights
    if not long.any():
        return hist, []
    step = -(-sizes // max_flights)  # ceiling division: at most max_flights kept per system
    keep = ~long | (hist["flight"] % step == 0) | (hist["flight"] == sizes)
    thinned = hist.loc[long, "missile_name"].drop_duplicates().tolist()
    return hist[keep], thinned


def success_history_figure(success: pd.DataFrame, hist: pd.DataFrame, *, min_flights: int, facts,
                           cols: int = 4) -> go.Figure:
    """Small multiples, one panel per system of ``success`` (flown ``min_flights`` times
    or more): the cumulative success rate flight by flight (``hist``, from
    :func:`usnk.analysis.cumulative_success`), each flight's outcome as a coloured dot; ``facts``:
    :func:`usnk.findings.captions.success_history_facts` of ``hist``."""
    systems = success["missile_name"].tolist()
    hist, thinned = thin_history(hist, MAX_FLIGHTS_DRAWN)
    rows = max(1, -(-len(systems) // cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[esc(n) for n in systems], shared_yaxes=True,
                        horizontal_spacing=0.03,
                        # plotly refuses a spacing over 1 / (rows - 1): keep it below that for many rows
                        vertical_spacing=min(0.16, 0.5 / (rows - 1)) if rows > 1 else 0.1)
    shown = set()
    for i, name in enumerate(systems):
        r, c = i // cols + 1, i % cols + 1
        h = hist[hist["missile_name"] == name]
        fig.add_scatter(x=h["flight"].tolist(), y=h["rate"].round(2).tolist(), mode="lines",
                        line={"color": "#888888", "width": 1.5, "shape": "hv"}, showlegend=False,
                        hoverinfo="skip", row=r, col=c)
        for outcome, colour in OUTCOME_COLOURS.items():
            o = h[(h["outcome"] == outcome) & ~h["missile_name"].isin(thinned)]
            if o.empty:
                continue
            fig.add_scatter(x=o["flight"].tolist(), y=o["rate"].round(2).tolist(), mode="markers",
                            marker={"color": colour, "size": 6}, name=outcome.capitalize(),
                            legendgroup=outcome, showlegend=outcome not in shown,
                            hovertemplate=(f"<b>{esc(name)}</b>, flight %{{x}}: {outcome}<br>"
                                           "Success so far: %{y:.0%}<br>Source: CNS (nti.org)<extra></extra>"),
                            row=r, col=c)
            shown.add(outcome)
    fig.update_yaxes(range=[-0.08, 1.08], tickformat=".0%", tickvals=[0, 0.5, 1])
    fig.update_annotations(font_size=11)
    improved = facts["success_history_improved"]
    fig = finish(
        fig, height=170 * rows + 110, legend_title="Flight outcome",
        caption=(f"Success rate over each system's test history, flight by flight (horizontal axis: the "
                 f"system's flight number), for the {len(systems)} systems flown {min_flights} times or more. "
                 f"Flights of unknown outcome leave the rate unchanged."
                 + (f" Systems flown more than {MAX_FLIGHTS_DRAWN} times ({len(thinned)}) are drawn at evenly "
                    "spaced flights and their last, without outcome dots." if thinned else "")
                 + f" Sources: {LAUNCH_SOURCES}."),
        alt=(f"{len(systems)} small step charts of cumulative success rate against flight number; "
             f"{improved} systems end their record with a higher rate than after their third flight."),
    )
    fig.update_layout(legend={"y": 1.0 + 60 / (170 * rows + 110)}, margin={"t": 70})
    return fig


def ratchet_table(r: pd.DataFrame) -> HTML:
    """The sanctions ratchet (:func:`usnk.analysis.sanctions_ratchet`) as a table: each
    resolution answering an event (adopted or vetoed), its trigger, days from trigger to
    vote, and what it added."""
    df = pd.DataFrame({
        "Resolution": r["resolution"].astype(str),
        "Voted on": [date_label(d) for d in r["date"]],
        "Status": r["status"].astype(str),
        "Trigger": r["trigger_event"].fillna("—"),
        "Days from trigger": [("—" if pd.isna(d) else f"{int(d)}") for d in r["days"]],
        "What it added": r["measures"].fillna("—"),
    })
    return escaped_table(df, caption="Security Council resolutions answering an event (panel renewals left out). "
                                     "Source: UN documents.")


def sanctions_ratchet_figure(ratchet: pd.DataFrame, *, facts) -> go.Figure:
    """Days from the trigger event to the Security Council vote, one bar per
    resolution of the ratchet with a known trigger date, in date order; ``facts``:
    :func:`usnk.findings.captions.ratchet_facts`."""
    r = ratchet[ratchet["days"].notna()]
    labels = [f"{esc(x)} ({d.year})" for x, d in zip(r["resolution"], r["date"])]
    colours = [style.EVENT_STYLES["resolution_vetoed" if s == "vetoed" else "resolution_adopted"]["colour"]
               if k == "sanctions" or s == "vetoed" else "#9999CC" for s, k in zip(r["status"], r["kind"])]
    custom = [[esc(x["resolution"]), esc(x["trigger_event"]), date_label(x["trigger_date"]), date_label(x["date"]),
               esc(x["measures"]), source_label(x["source_url"]), esc(x["status"])] for _, x in r.iterrows()]
    fig = go.Figure()
    fig.add_bar(y=labels, x=r["days"].astype(float).tolist(), orientation="h", marker_color=colours,
                text=[f"{int(d)}" for d in r["days"]], textposition="outside", customdata=custom,
                showlegend=False,
                hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[6]}), voted %{customdata[3]}<br>"
                               "Trigger: %{customdata[1]}, %{customdata[2]}<br>%{x} days<br>"
                               "Added: %{customdata[4]}<br>Source: %{customdata[5]}<extra></extra>"))
    for name, colour in (("Sanctions resolution", style.EVENT_STYLES["resolution_adopted"]["colour"]),
                         ("Other resolution (no new sanctions)", "#9999CC"),
                         ("Draft vetoed", style.EVENT_STYLES["resolution_vetoed"]["colour"])):
        fig.add_bar(y=[None], x=[None], name=name, marker_color=colour, orientation="h")
    fig.update_layout(xaxis_title="Days from trigger event to the vote",
                      yaxis={"autorange": "reversed"}, xaxis_range=[0, float(r["days"].max()) * 1.12])
    return finish(
        fig, height=max(320, 28 * len(r) + 120),
        caption=(f"Days from the event that triggered each resolution to the Security Council vote, for "
                 f"{facts['ratchet_dated']} votes whose trigger date is recorded. Source: UN documents (undocs.org, "
                 "press.un.org)."),
        alt=(f"Horizontal bars for {facts['ratchet_dated']} votes; adopted resolutions took from "
             f"{facts['ratchet_days_min']} to {facts['ratchet_days_max']} days (median {facts['ratchet_days_median']})."),
    )


def tests_responses_figure(markers: pd.DataFrame, votes: pd.DataFrame, *, end, facts,
                           since="2006-01-01") -> go.Figure:
    """Nuclear tests and long-range launches since ``since`` (``markers``: the events of
    :func:`usnk.analysis.tests_and_responses` since then, one row per marker, from
    :func:`usnk.analysis.same_day_events` of the answered and of the unanswered), filled
    if an adopted resolution answered them and hollow if none did, with every vote of
    ``votes`` marked; the axis runs to ``end`` (the newest launch). ``facts``:
    :func:`usnk.findings.captions.responses_facts` of the same ``since``."""
    rows = {"nuclear_test": "Nuclear tests", "SLV": "Satellite launches", "IRBM": "IRBM launches",
            "ICBM": "ICBM launches"}
    fig = go.Figure()
    for answered in (True, False):
        d = markers[markers["answered"] == answered]
        colours = [style.EVENT_STYLES["nuclear_test"]["colour"] if k == "nuclear_test" else style.CLASS_COLOURS[k]
                   for k in d["kind"]]
        custom = [[esc(label), esc(rows[kind]),
                   (f"answered by resolution {esc(resolution)} after {days} days" if answered
                    else "no resolution adopted"), source_label(url)]
                  for label, kind, resolution, days, url in zip(d["label"], d["kind"], d["resolution"], d["days"],
                                                                d["source_url"])]
        fig.add_scatter(x=d["date"], y=[rows[k] for k in d["kind"]], mode="markers",
                        name="Answered by a resolution" if answered else "No resolution",
                        marker={"size": 12, "color": colours,
                                "symbol": "circle" if answered else "circle-open",
                                "line": {"width": 2} if not answered else {"width": 1, "color": "white"}},
                        customdata=custom,
                        hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{x|%d %b %Y}: "
                                       "%{customdata[2]}<br>Source: %{customdata[3]}<extra></extra>"))
    rv = resolution_events(votes[votes["date"] >= pd.Timestamp(since)])
    for kind in ("resolution_adopted", "resolution_vetoed"):
        add_event_markers(fig, rv[rv["kind"] == kind], y="UN Security Council", kind=kind)
    fig.update_yaxes(categoryorder="array",
                     categoryarray=["Satellite launches", "IRBM launches", "ICBM launches", "Nuclear tests",
                                    "UN Security Council"])
    date_axis(fig, start=since, end=pd.Timestamp(end) + pd.Timedelta(days=90))
    n_ans, n_events = facts["responses_answered"], facts["responses_events"]
    return finish(
        fig, height=400,
        caption=(f"Nuclear tests and long-range launch events (IRBM, ICBM, satellite launch) since "
                 f"{pd.Timestamp(since).year}: filled if an adopted Security Council resolution answered them "
                 f"({n_ans} of {n_events}), hollow if none did; votes on the top row. Sources: {LAUNCH_SOURCES}; USGS; "
                 "UN documents."),
        alt=(f"{n_events} events since {pd.Timestamp(since).year}, {n_ans} answered by a resolution. After "
             f"{facts['responses_last_answered']}, none of the {facts['responses_after']} later "
             "events drew an adopted resolution."),
    )


def sanctions_before_after_figure(r: pd.DataFrame, around: pd.DataFrame, *, days: int, facts) -> go.Figure:
    """Launch events in the ``days`` before and after each sanctions vote of ``r``
    (adopted or vetoed; ``around``: :func:`usnk.analysis.launches_around` of their
    dates), as a dumbbell per vote; ``facts``: :func:`usnk.findings.captions.before_after_facts`."""
    labels = [f"{esc(x)} ({d:%b %Y})" for x, d in zip(r["resolution"], r["date"])]
    fig = go.Figure()
    for lab, b, a in zip(labels, around["events_before"], around["events_after"]):
        fig.add_scatter(x=[b, a], y=[lab, lab], mode="lines", line={"color": "#bbbbbb", "width": 3},
                        showlegend=False, hoverinfo="skip")
    custom = [[esc(x), int(m_b), int(m_a), "" if c else " (window not yet complete)"]
              for x, m_b, m_a, c in zip(r["resolution"], around["missiles_before"], around["missiles_after"],
                                         around["complete"])]
    fig.add_scatter(x=around["events_before"].tolist(), y=labels, mode="markers", name=f"{days} days before",
                    marker={"size": 11, "color": "#56B4E9"}, customdata=custom,
                    hovertemplate=("<b>%{customdata[0]}</b>: %{x} launch events (%{customdata[1]} missiles) in the "
                                   f"{days} days before<br>Source: {esc(CNS)}<extra></extra>"))
    fig.add_scatter(x=around["events_after"].tolist(), y=labels, mode="markers", name=f"{days} days after",
                    marker={"size": 11, "color": "#D55E00", "symbol": "diamond"}, customdata=custom,
                    hovertemplate=("<b>%{customdata[0]}</b>: %{x} launch events (%{customdata[2]} missiles) in the "
                                   f"{days} days after%{{customdata[3]}}<br>Source: {esc(CNS)}<extra></extra>"))
    fig.update_layout(xaxis_title=f"Launch events in the {days} days before / after the vote",
                      yaxis={"autorange": "reversed"}, xaxis_rangemode="tozero")
    more, fewer = facts["before_after_more"], facts["before_after_fewer"]
    return finish(
        fig, height=max(320, 32 * len(r) + 120),
        caption=(f"Launch events (a salvo fired from one site at one time counts once) in the year before and the "
                 f"year after each of {len(r)} sanctions votes. Windows overlap where votes came close together. "
                 f"Sources: {LAUNCH_SOURCES}; UN documents."),
        alt=(f"Dumbbell chart for {len(r)} votes: launch events rose in the following year after {more} of them "
             f"and fell after {fewer}."),
    )


def six_party_figure(years_table: pd.DataFrame, sp: pd.DataFrame, *, facts) -> go.Figure:
    """Launch events per year (``years_table``: ``events`` and ``missiles`` by year)
    with each Six-Party Talks round and agreement of ``sp`` marked: the talks years
    against the tempo of testing; ``facts``: :func:`usnk.findings.captions.six_party_facts`."""
    years = years_table.index.tolist()
    start, end = years[0], years[-1]
    per_year, missiles = years_table["events"], years_table["missiles"]
    fig = go.Figure()
    fig.add_bar(x=[f"{y}-07-01" for y in years], y=per_year.tolist(), name="Launch events",
                marker_color="#56B4E9", customdata=missiles.tolist(),
                hovertemplate=f"%{{x|%Y}}: %{{y}} launch events, %{{customdata}} missiles<br>Source: {esc(CNS)}<extra></extra>")
    for _, s in sp[sp["kind"] == "talks"].iterrows():
        fig.add_vrect(x0=s["date"], x1=s["end_date"] + pd.Timedelta(days=1), fillcolor="rgba(68,170,153,0.35)",
                      line_width=0, layer="below")
    ymax = int(per_year.max()) if len(per_year) else 1
    talks_rounds = sp[sp["kind"] == "talks"]
    if len(talks_rounds):
        fig.add_vrect(x0=talks_rounds["date"].min(), x1=talks_rounds["end_date"].max(),
                      fillcolor="rgba(68,170,153,0.10)", line_width=0, layer="below",
                      annotation_text="Six-Party Talks", annotation_position="top left",
                      annotation_font={"size": 11, "color": "#2d7d70"})
    sev = summit_events(sp)
    for kind in ("talks", "agreement"):
        add_event_markers(fig, sev[sev["kind"] == kind], y=ymax + 1, kind=kind,
                          name="Six-Party Talks session" if kind == "talks" else "Six-party agreement")
    date_axis(fig, start=f"{start}-01-01", end=f"{end}-12-31")
    fig.update_layout(yaxis_title="Launch events per year", yaxis_range=[0, ymax + 2], bargap=0.15)
    fig.update_xaxes(dtick="M12", tickformat="%Y")
    return finish(
        fig, height=420,
        caption=(f"Launch events per year, {start}–{end}, with the {facts['six_party_sessions']} sessions of the "
                 f"Six-Party Talks (rounds and phases of rounds, {facts['six_party_first']} to "
                 f"{facts['six_party_last']}) shaded and the "
                 f"six-party agreements marked. Sources: {LAUNCH_SOURCES}; summits table (US State Department and others)."),
        alt=(f"Bar chart of launch events per year from {start} to {end}; talks rounds between "
             f"{facts['six_party_first_year']} and {facts['six_party_last_year']}; the most launch events in "
             f"{facts['six_party_peak_year']} ({facts['six_party_peak']})."),
    )
