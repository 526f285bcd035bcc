"""Charts of the landing page and chapters 1–2: traces, colours, data, captions, escaping."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framefixture import launches_frame
from usnk import analysis as an
from usnk import style, vocabulary
from usnk.charts import history, nuclear, timeline
from usnk.findings import captions as cap
from usnk.findings.nuclear import six_party_years
from usnk.charts.launches import launches_per_year_figure

EVIL = "<script>alert(1)</script>"
SAFE = "&lt;script&gt;alert(1)&lt;/script&gt;"
SRC = "https://www.example.org/page"


def _launches():
    rows = [
        ("2017-03-06-1-01", "2017-03-06", "2017-03-06-1", "ER Scud", "MRBM", "success", 1000, 260),
        ("2017-03-06-1-02", "2017-03-06", "2017-03-06-1", "ER Scud", "MRBM", "success", 1000, 260),
        ("2017-03-22-1-01", "2017-03-22", "2017-03-22-1", "Scud-C", "SRBM", "failure", None, None),
        ("2017-07-04-1-01", "2017-07-04", "2017-07-04-1", "Hwasong-14", "ICBM", "success", 933, 2802),
        ("2017-11-29-1-01", "2017-11-29", "2017-11-29-1", EVIL, "ICBM", "success", 950, 4475),
        ("2019-05-04-1-01", "2019-05-04", "2019-05-04-1", "KN-23", "SRBM", "success", 240, 60),
        ("2019-05-09-1-01", "2019-05-09", "2019-05-09-1", "KN-23", "SRBM", "success", 420, 50),
        ("2019-07-25-1-01", "2019-07-25", "2019-07-25-1", "KN-23", "SRBM", "unknown", 600, 50),
        ("2019-07-25-1-02", "2019-07-25", "2019-07-25-1", "KN-23", "SRBM", "failure", 430, 50),
        ("2019-08-06-1-01", "2019-08-06", "2019-08-06-1", "KN-23", "SRBM", "success", 450, 37),
    ]
    return launches_frame(rows, SRC)


def _tests():
    return pd.DataFrame({
        "test_number": pd.array([5, 6], dtype="Int64"), "date": pd.to_datetime(["2016-09-09", "2017-09-03"]),
        "site": ["Punggye-ri", EVIL], "magnitude_mb": [5.3, 6.3], "magnitude_estimated_by": "USGS",
        "yield_kt_low": [12.1, 60.8], "yield_kt_high": [23.9, 158.0], "yield_estimated_by": "Yao",
        "dprk_claim": ["claim", EVIL], "source_url": SRC})


def _resolutions():
    return pd.DataFrame({
        "resolution": pd.array(["2321", "2371", "2375", "2407", "S/2022/431"], dtype="str"),
        "date": pd.to_datetime(["2016-11-30", "2017-08-05", "2017-09-11", "2018-03-21", "2022-05-26"]),
        "status": ["adopted", "adopted", "adopted", "adopted", "vetoed"],
        "vetoed_by": [None, None, None, None, "China; Russia"],
        "kind": ["sanctions", "sanctions", "sanctions", "panel_renewal", "sanctions"],
        "trigger_event": ["fifth test", "ICBM launches", "sixth test", None, EVIL],
        "trigger_date": pd.to_datetime(["2016-09-09", "2017-07-04", "2017-09-03", None, "2022-03-24"]),
        "measures": ["coal cap", "bans", "oil cap", "panel", EVIL], "source_url": SRC})


def _summits():
    return pd.DataFrame({
        "id": ["r1", "js", "sg"], "name": ["Round 1", "Joint Statement", EVIL],
        "date": pd.to_datetime(["2003-08-27", "2005-09-19", "2018-06-12"]),
        "end_date": pd.to_datetime(["2003-08-29", "2005-09-19", "2018-06-12"]),
        "kind": ["talks", "agreement", "summit"], "track": ["six_party", "six_party", "us_dprk"],
        "parties": ["US; DPRK", "US; DPRK", "US; DPRK"], "place": ["Beijing", "Beijing", EVIL],
        "leaders": "x", "outcome": ["o", "o", EVIL], "source_url": SRC})


def _leaders():
    return pd.DataFrame({
        "country": ["US", "US", "ROK", "DPRK"], "name": ["George W. Bush", EVIL, "Moon Jae-in", "Kim Jong Un"],
        "title": "President", "party": ["Republican", "Democratic", None, None],
        "start_date": pd.to_datetime(["2001-01-20", "2009-01-20", "2017-05-10", "2011-12-17"]),
        "end_date": pd.to_datetime(["2009-01-20", "2017-01-20", "2022-05-09", None]),
        "acting": [False, False, False, False], "source_url": SRC})


def _incidents():
    return pd.DataFrame({
        "id": ["1", "2", "3", "4"], "date": pd.to_datetime(["1968-01-23", "1968-01-21", "2010-03-26", "2010-11-23"]),
        "category": ["seizure", "infiltration", "attack", "artillery"], "event_type": "x",
        "landmark": pd.array(["USS Pueblo seizure", None, EVIL, "Yeonpyeong shelling"], dtype="str"),
        "touched_south": [False, True, True, True], "source_url": SRC})


def _json(fig) -> str:
    """The figure's JSON minus ``layout.meta`` (caption and alt text are escaped where
    they are rendered, by usnk.render.figure_html)."""
    d = fig.to_plotly_json()
    d["layout"].pop("meta", None)
    return json.dumps(d, default=str, ensure_ascii=False)


def _meta_ok(fig):
    assert fig.layout.meta["caption"] and fig.layout.meta["alt"]


def _escaped(fig):
    text = _json(fig)
    assert EVIL not in text and "<script>" not in text
    assert SAFE in text


TIMELINE_FACTS = {"timeline_missiles": "10", "n_adopted": "4", "n_vetoed": "1",
                  "timeline_busiest_month": "July 2019", "timeline_busiest_n": "2", "test_years": "2016, 2017"}


def _timeline(**facts):
    L, T, R, S, P = _launches(), _tests(), _resolutions(), _summits(), _leaders()
    newest = max(L["date"].max(), T["date"].max(), R["date"].max(), S["date"].max())
    return timeline.timeline_figure(an.monthly_by_class(L, end=newest), T, R, S, an.terms(P, country="US", as_of="2030-01-01"),
                                    newest=newest, facts={**TIMELINE_FACTS, **facts})


def test_timeline_traces_counts_colours_and_escaping():
    L = _launches()
    fig = _timeline()
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert set(bars) == {vocabulary.CLASS_SHORT[c] for c in ("SRBM", "MRBM", "ICBM")}
    srbm = bars["SRBM"]
    assert srbm.marker.color == style.CLASS_COLOURS["SRBM"]
    # independent count: SRBM missiles per month
    expected = (L[L["missile_class"] == "SRBM"].groupby(L["date"].dt.strftime("%Y-%m-01")).size())
    assert dict(zip(srbm.x, srbm.y)) == expected.to_dict()
    names = [t.name for t in fig.data]
    for kind in ("nuclear_test", "resolution_adopted", "resolution_vetoed", "summit", "talks", "agreement"):
        assert style.EVENT_STYLES[kind]["label"] in names
    adopted = next(t for t in fig.data if t.name == style.EVENT_STYLES["resolution_adopted"]["label"])
    assert len(adopted.x) == 4 and adopted.marker.color == style.EVENT_STYLES["resolution_adopted"]["colour"]
    assert fig.layout.xaxis2.rangeslider.visible is True and fig.layout.xaxis.rangeslider.visible is False
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) >= 2   # administrations shaded
    _meta_ok(fig)
    assert "10 missiles" in fig.layout.meta["caption"]
    _escaped(fig)


def test_timeline_caption_numbers_are_the_facts_it_is_given():
    # the chart recounts nothing: other facts, other caption (the frames are the same)
    fig = _timeline(timeline_missiles="999", n_adopted="77", n_vetoed="55", timeline_busiest_month="May 1999",
                    timeline_busiest_n="31", test_years="1901")
    caption, alt = fig.layout.meta["caption"], fig.layout.meta["alt"]
    assert caption.startswith("999 missiles launched per month by class, 2 nuclear tests, 77 Security Council "
                              "resolutions adopted and 55 drafts vetoed, and 3 summits")
    assert "the busiest month May 1999 with 31" in alt and "2 nuclear tests (1901)" in alt
    assert "to 26 May 2022" in caption  # the newest event it is given


def test_monthly_class_bars_draw_the_monthly_frame():
    import plotly.graph_objects as go
    monthly = pd.DataFrame({"month": pd.to_datetime(["2017-03-01", "2019-05-01", "2017-07-01"]),
                            "missile_class": ["SRBM", "SRBM", "ICBM"], "missiles": [1, 2, 1],
                            "systems": ["Scud-C", EVIL, "Hwasong-14"],
                            "source_urls": [(SRC,), (SRC, "https://news.example.com/x"), (SRC,)]})
    fig = go.Figure()
    assert timeline.monthly_class_bars(fig, monthly) is monthly
    # in the book's class order (SRBM before ICBM), each bar a row of the frame
    assert [t.name for t in fig.data] == [vocabulary.CLASS_SHORT["SRBM"], vocabulary.CLASS_SHORT["ICBM"]]
    assert list(fig.data[0].x) == ["2017-03-01", "2019-05-01"] and list(fig.data[0].y) == [1, 2]
    assert fig.data[0].customdata[1][1] == "www.example.org, news.example.com"
    assert SAFE in fig.data[0].customdata[1][0]


def test_event_helpers_and_administrations():
    ev = timeline.resolution_events(_resolutions())
    assert ev["kind"].tolist().count("resolution_vetoed") == 1
    assert "China; Russia" in ev["label"].iloc[-1]
    import plotly.graph_objects as go
    fig = go.Figure()
    timeline.add_administrations(fig, an.terms(_leaders(), country="US", as_of="2030-01-01"), start="2001-01-01", end="2015-01-01")
    fills = [s.fillcolor for s in fig.layout.shapes]
    assert fills == [style.PARTY_SHADES["Republican"], style.PARTY_SHADES["Democratic"]]
    # each term shaded only inside [start, end]: Bush from his inauguration, Obama to the end given
    assert [(str(s.x0)[:10], str(s.x1)[:10]) for s in fig.layout.shapes] == [
        ("2001-01-20", "2009-01-20"), ("2009-01-20", "2015-01-01")]
    narrow = go.Figure()
    timeline.add_administrations(narrow, an.terms(_leaders(), country="US", as_of="2030-01-01"), start="2010-01-01", end="2012-01-01")
    assert [(str(s.x0)[:10], str(s.x1)[:10]) for s in narrow.layout.shapes] == [("2010-01-01", "2012-01-01")]
    assert SAFE in _json(fig) and EVIL not in _json(fig)


def test_launches_per_year_counts():
    L = _launches()
    table = an.launches_per_year(L)
    fig = launches_per_year_figure(table, facts=cap.per_year_facts(table))
    srbm = next(t for t in fig.data if t.name == vocabulary.CLASS_LABELS["SRBM"])
    got = dict(zip(list(srbm.x), list(srbm.y)))
    assert got[2017] == 1 and got[2019] == 5 and got[2018] == 0
    _meta_ok(fig)


LEADER_FACTS = {"n_us_terms_chart": "2", "n_rok_terms_chart": "1", "n_dprk_leaders_chart": "1"}


def test_leaders_figure():
    t = an.terms(_leaders(), start="2000-01-01", as_of="2026-01-01")
    fig = history.leaders_figure(t, start="2000-01-01", as_of="2026-01-01", facts=LEADER_FACTS)
    names = [t.name for t in fig.data]
    assert names == [history.COUNTRY_NAMES[c] for c in ("US", "ROK", "DPRK")]
    us = fig.data[0]
    assert us.marker.color == style.COUNTRY_COLOURS["US"]
    assert list(us.base) == ["2001-01-20", "2009-01-20"]
    assert us.x[0] == (pd.Timestamp("2009-01-20") - pd.Timestamp("2001-01-20")).total_seconds() * 1000
    _meta_ok(fig)
    _escaped(fig)
    assert "2 US presidential terms, 1 ROK presidencies and 1 DPRK leaders" in fig.layout.meta["caption"]
    # the counts are the facts given, not recounted from the terms drawn
    other = history.leaders_figure(t, start="2000-01-01", as_of="2026-01-01",
                                   facts={"n_us_terms_chart": "9", "n_rok_terms_chart": "8", "n_dprk_leaders_chart": "7"})
    assert "9 US presidential terms, 8 ROK presidencies and 7 DPRK leaders" in other.layout.meta["caption"]


def test_incidents_per_decade_figure():
    inc = _incidents()
    fig = history.incidents_per_decade_figure(an.incidents_per_decade(inc), an.landmark_incidents(inc),
                                              first=1968, last=2010,
                                              facts={"n_incidents": "4", "max_decade": "1960s", "max_decade_n": "2"})
    bars = {t.name: t for t in fig.data}
    assert list(bars) == [vocabulary.INCIDENT_LABELS[c] for c in ("infiltration", "attack", "seizure", "artillery")]
    seizure = bars["Seizure"]
    assert seizure.marker.color == style.INCIDENT_COLOURS["seizure"]
    assert dict(zip(seizure.x, seizure.y)) == {"1950s": 0, "1960s": 1, "1970s": 0, "1980s": 0, "1990s": 0, "2000s": 0, "2010s": 0}
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "USS Pueblo" in texts and "Yeonpyeong" in texts
    _meta_ok(fig)
    _escaped(fig)


def test_nuclear_tests_figure():
    fig = nuclear.nuclear_tests_figure(_tests(), facts=cap.nuclear_tests_facts(_tests()))
    assert list(fig.data[0].y) == [5.3, 6.3]
    assert fig.data[0].marker.color == style.EVENT_STYLES["nuclear_test"]["colour"]
    err = fig.data[1].error_y
    assert fig.data[1].y[1] + err.array[1] == pytest.approx(158.0, abs=0.02)
    assert fig.data[1].y[1] - err.arrayminus[1] == pytest.approx(60.8, abs=0.02)
    _meta_ok(fig)
    _escaped(fig)


def test_capability_frontier_figure():
    fr = an.capability_frontier(_launches())
    fig = nuclear.capability_frontier_figure(fr, facts=cap.frontier_facts(fr))
    dist, apo = fig.data[0], fig.data[1]
    assert list(dist.x) == [2017, 2019] and list(dist.y) == [1000, 600]
    assert list(apo.y) == [4475, 60]
    assert list(apo.marker.color) == [style.CLASS_COLOURS["ICBM"], style.CLASS_COLOURS["SRBM"]]
    _meta_ok(fig)
    _escaped(fig)


def test_success_figures():
    L = _launches()
    sr = an.success_rates(L, min_flights=5)
    fig = nuclear.success_rates_figure(sr, min_flights=5, facts=cap.success_rates_facts(sr))
    succ = next(t for t in fig.data if t.name == "Success")
    assert list(succ.y) == ["KN-23"] and list(succ.x) == [3]
    fail = next(t for t in fig.data if t.name == "Failure")
    assert list(fail.x) == [1]
    assert "75%" in " ".join(fig.data[-1].text)           # 3 of 4 known outcomes
    _meta_ok(fig)
    hist = an.cumulative_success(L, ["KN-23"])
    h = nuclear.success_history_figure(sr, hist, min_flights=5, facts=cap.success_history_facts(hist))
    line = h.data[0]
    assert list(line.x) == [1, 2, 3, 4, 5] and list(line.y) == [1.0, 1.0, 1.0, 0.67, 0.75]
    _meta_ok(h)


def test_sanctions_figures_and_table():
    L, T, R = _launches(), _tests(), _resolutions()
    fig = nuclear.sanctions_ratchet_figure(an.sanctions_ratchet(R), facts=cap.ratchet_facts(an.sanctions_ratchet(R)))
    bar = fig.data[0]
    assert list(bar.x) == [82.0, 32.0, 8.0, 63.0]
    assert bar.marker.color[-1] == style.EVENT_STYLES["resolution_vetoed"]["colour"]
    _meta_ok(fig)
    _escaped(fig)
    html = nuclear.ratchet_table(an.sanctions_ratchet(R)).data
    assert SAFE in html and EVIL not in html and "2407" not in html
    responses = an.tests_and_responses(L, T, R)
    tr = nuclear.tests_responses_figure(an.response_markers(responses, "2006-01-01"), R[R["kind"] != "panel_renewal"],
                                        end=L["date"].max(),
                                        facts=cap.responses_facts(responses, "2006-01-01"))
    answered = next(t for t in tr.data if t.name == "Answered by a resolution")
    unanswered = next(t for t in tr.data if t.name == "No resolution")
    assert len(answered.x) == 3 and len(unanswered.x) == 1     # the Nov 2017 ICBM drew none here
    _meta_ok(tr)
    _escaped(tr)
    votes = R[R["kind"] == "sanctions"].sort_values("date")
    around = an.launches_around(L, votes["date"], days=365)
    ba = nuclear.sanctions_before_after_figure(votes, around, days=365, facts=cap.before_after_facts(around))
    before = next(t for t in ba.data if t.name == "365 days before")
    after = next(t for t in ba.data if t.name == "365 days after")
    assert list(before.x) == [0, 3, 3, 0] and list(after.x) == [4, 1, 1, 0]
    _meta_ok(ba)


def test_six_party_figure():
    L = _launches()
    S = _summits()
    years, sessions = six_party_years(L, 2015, 2019), S[S["track"] == "six_party"]
    fig = nuclear.six_party_figure(years, sessions, facts=cap.six_party_facts(years, sessions))
    bars = fig.data[0]
    assert list(bars.y) == [0, 0, 4, 0, 4]
    talks = next(t for t in fig.data if t.name == "Six-Party Talks session")
    assert len(talks.x) == 1 and talks.marker.color == style.EVENT_STYLES["talks"]["colour"]
    assert SAFE not in _json(fig)                      # the us_dprk summit is not a six-party event
    _meta_ok(fig)


def test_success_history_draws_many_systems():
    """With many systems (a larger record), the panels still fit: plotly refuses a vertical
    spacing over 1 / (rows - 1), which the fixed spacing of three rows exceeded at eight."""
    names = [f"S-{i}" for i in range(30)]
    success = pd.DataFrame({"missile_name": names, "flights": 5, "rate": 1.0})
    hist = pd.DataFrame([{"missile_name": n, "flight": k, "rate": 1.0, "outcome": "success"}
                         for n in names for k in range(1, 6)])
    fig = nuclear.success_history_figure(success, hist, min_flights=5, facts=cap.success_history_facts(hist))
    assert len(fig.layout.annotations) >= 30
    assert fig.layout.yaxis29.domain[1] < fig.layout.yaxis25.domain[0]  # row 8 sits below row 7


def test_events_of_one_day_kind_and_answer_share_one_marker():
    ev = pd.DataFrame({
        "date": pd.to_datetime(["2016-06-22", "2016-06-22", "2016-06-22", "2016-06-22", "2017-07-04"]),
        "kind": ["IRBM", "IRBM", "IRBM", "IRBM", "ICBM"],
        "label": ["Musudan a", "Musudan b", "Musudan c", "Musudan d", "Hwasong-14"],
        "source_url": ["https://a.example/1", "https://a.example/2", "https://a.example/3", "https://a.example/4",
                       "https://b.example/"],
        "resolution": pd.array([pd.NA, pd.NA, pd.NA, pd.NA, "2371"], dtype="str"),
        "answered": [False, False, False, False, True],
        "days": pd.array([pd.NA, pd.NA, pd.NA, pd.NA, 31], dtype="Int64"),
    })
    out = an.same_day_events(ev, names_shown=2)
    assert out["events"].tolist() == [4, 1]
    assert out["label"].tolist() == ["4 events: Musudan a; Musudan b and 2 more", "Hwasong-14"]
    assert out["source_url"].tolist() == ["https://a.example/1", "https://b.example/"]
    assert out["days"].tolist()[1] == 31 and out["answered"].tolist() == [False, True]
    # the figure draws one marker per day and kind, and still counts events in its caption
    markers = an.response_markers(ev, "2006-01-01")
    # answered first, then the rest, one row per marker
    assert markers["answered"].tolist() == [True, False] and markers["events"].tolist() == [1, 4]
    fig = nuclear.tests_responses_figure(markers, _resolutions().iloc[0:0], end="2017-12-31",
                                         facts=cap.responses_facts(ev, "2006-01-01"))
    unanswered = next(t for t in fig.data if t.name == "No resolution")
    assert len(unanswered.x) == 1 and unanswered.customdata[0][0].startswith("4 events")
    assert "(1 of 5)" in fig.layout.meta["caption"]


def test_a_long_flight_history_is_drawn_at_evenly_spaced_flights():
    hist = pd.DataFrame({"missile_name": ["Long"] * 10 + ["Short"] * 3,
                         "flight": list(range(1, 11)) + [1, 2, 3],
                         "rate": [i / 10 for i in range(1, 11)] + [1.0, 0.5, 0.67],
                         "outcome": ["success"] * 10 + ["success", "failure", "success"]})
    thin, names = nuclear.thin_history(hist, 4)
    assert names == ["Long"]
    assert thin[thin["missile_name"] == "Long"]["flight"].tolist() == [3, 6, 9, 10]  # every 3rd, and the last
    assert thin[thin["missile_name"] == "Long"]["rate"].tolist() == [0.3, 0.6, 0.9, 1.0]
    assert thin[thin["missile_name"] == "Short"]["flight"].tolist() == [1, 2, 3]
    same, none = nuclear.thin_history(hist, 10)
    assert none == [] and len(same) == len(hist)


def test_success_history_of_a_long_record_stays_small():
    success = pd.DataFrame({"missile_name": ["Long", "Short"], "flights": [1000, 6], "rate": [0.5, 0.5]})
    hist = pd.DataFrame({"missile_name": ["Long"] * 1000 + ["Short"] * 6,
                         "flight": list(range(1, 1001)) + list(range(1, 7)),
                         "rate": [0.5] * 1006,
                         "outcome": (["success", "failure"] * 500) + ["success", "failure"] * 3})
    fig = nuclear.success_history_figure(success, hist, min_flights=5, facts=cap.success_history_facts(hist))
    lines = [t for t in fig.data if t.mode == "lines"]
    # step ceil(1000 / 150) = 7: flights 7, 14, ..., 994 (142 of them) and the last, 1000
    assert [len(t.x) for t in lines] == [143, 6]
    dots = sum(len(t.x) for t in fig.data if t.mode == "markers" and t.x is not None and None not in t.x)
    assert dots == 6  # outcome dots only for the short record
    assert "more than 150 times (1)" in fig.layout.meta["caption"]


def _shade_with_plotly(fig, leaders, *, start, end, row=None, col=None, label=True):
    """The shading as plotly's own add_vrect/add_annotation draw it (the reference)."""
    us = an.terms(leaders, country="US", start=pd.Timestamp(start), end=end, as_of=end)
    kw = {} if row is None else {"row": row, "col": col or 1}
    for _, t in us.iterrows():
        fig.add_vrect(x0=t["start"], x1=t["end"], fillcolor=style.PARTY_SHADES.get(str(t["party"])), line_width=0,
                      layer="below", **kw)
        if label and (t["end"] - t["start"]).days > 700:
            fig.add_annotation(x=t["start"] + (t["end"] - t["start"]) / 2, y=1,
                               yref="y domain" if row in (None, 1) else f"y{row} domain",
                               text=timeline.esc(timeline._surname(t["name"])), showarrow=False, yanchor="top",
                               font={"size": 10, "color": "#555555"}, **kw)
    return fig


@pytest.mark.parametrize("row", [None, 1, 2, "all"])
def test_administrations_are_shaded_where_plotlys_own_shapes_would_be(row):
    """One layout update draws what plotly's add_vrect would, subplot by subplot
    (with ``row="all"``, only the rows that hold a trace)."""
    from plotly.subplots import make_subplots

    def figure():
        if row is None:
            import plotly.graph_objects as go
            return go.Figure(go.Scatter(x=["2005-01-01"], y=[1]))
        fig = make_subplots(rows=3, cols=1, shared_xaxes=True)
        fig.add_scatter(x=["2005-01-01"], y=[1], row=1, col=1)
        fig.add_bar(x=["2005-01-01"], y=[1], row=2, col=1)   # row 3 stays empty
        return fig

    label = row != "all"  # the book labels one row only
    ours = timeline.add_administrations(figure(), an.terms(_leaders(), country="US", as_of="2030-01-01"), start="2001-01-01",
                                        end="2020-01-01", row=row,
                                        col=None if row is None else 1, legend=False, label=label)
    theirs = _shade_with_plotly(figure(), _leaders(), start="2001-01-01", end="2020-01-01", row=row,
                                col=None if row is None else 1, label=label)
    assert ours.to_plotly_json()["layout"].get("shapes") == theirs.to_plotly_json()["layout"].get("shapes")
    assert ours.to_plotly_json()["layout"].get("annotations") == theirs.to_plotly_json()["layout"].get("annotations")
    assert len(ours.layout.shapes) == 2 * (2 if row == "all" else 1)
