"""The economy, exercises, China-trade and commitments charts draw exactly their frames."""

from __future__ import annotations

import numpy as np
import pandas as pd

from usnk.charts import economy as charts
from usnk.findings import captions as cap


def _economy():
    return pd.DataFrame({"year": [2015, 2016, 2020, 2021], "total_musd": [5430.0, np.nan, 539.0, 318.0],
                         "growth_pct": [-1.1, 3.9, -4.5, np.nan]})


def test_economy_figure_draws_trade_and_growth_of_the_years_that_have_them():
    fig = charts.economy_figure(_economy(), facts=cap.economy_facts(_economy()))
    trade, growth = fig.data
    assert list(trade.x) == [2015, 2020, 2021] and list(trade.y) == [5430.0, 539.0, 318.0]
    assert list(growth.x) == [2015, 2016, 2020] and list(growth.y) == [-1.1, 3.9, -4.5]
    assert list(growth.marker.color) == ["#D55E00", "#0072B2", "#D55E00"]
    assert sorted({s.x0 for s in fig.layout.shapes}) == [2015.5, 2019.5]
    assert "5,430 million USD in 2015" in fig.layout.meta["alt"] and "318 million in 2021" in fig.layout.meta["alt"]


def test_china_trade_figure_draws_levels_and_shares():
    totals = pd.DataFrame({"year": [2013, 2024], "total_musd": [6540.0, 2180.0]})
    shares = pd.DataFrame({"year": [2010, 2022], "china_share_pct": [83.0, 96.7]})
    bars, share = charts.china_trade_figure(totals, shares, facts=cap.china_trade_facts(totals, shares)).data
    assert list(bars.x) == [2013, 2024] and list(bars.y) == [6540.0, 2180.0]
    assert list(share.x) == [2010, 2022] and list(share.y) == [83.0, 96.7] and share.yaxis == "y2"


def test_exercise_windows_figure_draws_counts_and_baselines():
    windows = pd.DataFrame({"date": pd.to_datetime(["2016-03-07", "2017-08-21"]),
                            "names": ["Key Resolve 2016", "UFG <2017>"], "events": [2, 0],
                            "baseline_mean": [0.5, 0.75]})
    fig = charts.exercise_windows_figure(windows, 14, facts=cap.exercise_windows_facts(windows))
    bars, base = fig.data
    assert list(bars.x) == ["2016-03-07", "2017-08-21"] and list(bars.y) == [2, 0]
    assert list(base.y) == [0.5, 0.75]
    assert bars.hovertext[1] == "UFG &lt;2017&gt;<br>2017-08-21"
    assert "2 launch events in their windows, 1.00 on average against 0.62" in fig.layout.meta["alt"]


def test_commitments_figure_one_trace_per_ending_with_years():
    record = pd.DataFrame({
        "id": ["freeze-1994", "halt-2018", "pledge-2018"], "pledged_by": ["DPRK", "DPRK", "DPRK"],
        "terms": ["freeze", "halt", "work toward"], "date": pd.to_datetime(["1994-10-21", "2018-04-21", "2018-06-12"]),
        "end_date": pd.to_datetime(["2002-12-27", "2020-01-01", None]), "holding": [False, False, True],
        "years": [8.2, 1.7, 8.2], "end_event": ["inspectors out", "plenum", None],
        "end_kind": ["repudiated", "repudiated", None]})
    fig = charts.commitments_figure(record, facts=cap.commitments_facts(record))
    assert [t.name for t in fig.data] == ["repudiated", "still standing"]
    assert list(fig.data[0].y) == ["freeze-1994", "halt-2018"] and list(fig.data[0].x) == [8.2, 1.7]
    assert list(fig.data[1].x) == [8.2] and fig.data[1].marker.pattern.shape == "/"
    assert "2 of 3 pledges ended, after 1.7 to 8.2 years" in fig.layout.meta["alt"]


def test_figures_carry_only_the_template_defaults_their_traces_use():
    import plotly.graph_objects as go

    from usnk.charts.base import finish
    layout = charts.economy_figure(_economy(), facts=cap.economy_facts(_economy())).layout.template.layout.to_plotly_json()
    assert not {"scene", "ternary", "polar", "geo", "colorscale", "coloraxis"} & set(layout)
    assert {"colorway", "xaxis", "yaxis"} <= set(layout)
    geo = finish(go.Figure(go.Scattergeo(lat=[39], lon=[125])), caption="c", alt="a")
    assert "geo" in geo.layout.template.layout.to_plotly_json()
    scaled = finish(go.Figure(go.Scatter(x=[1, 2], y=[1, 2], marker={"color": [0.1, 0.9]})), caption="c", alt="a")
    assert "colorscale" in scaled.layout.template.layout.to_plotly_json()
