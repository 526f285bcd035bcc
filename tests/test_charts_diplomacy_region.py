"""Charts for chapters 3–5 and the explorer: traces, values, escaping, captions."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framefixture import located_launches as launches_frame
from usnk import analysis as an
from usnk import vocabulary
from usnk.labels import date_label
from usnk.charts import diplomacy, explorer, outlook, region
from usnk.findings import captions as cap
from usnk.findings.explorer import explorer as explorer_findings, selection
from usnk.render import figure_html

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def frame():
    return launches_frame([
        ("2017-07-04", "ICBM", "Hwasong-14", "Site A", 39.0, 125.0, "Sea of Japan (East Sea)", "success"),
        ("2017-11-29", "ICBM", "Hwasong-15", EVIL, 39.1, 125.1, "Sea of Japan (East Sea)", "success"),
        ("2019-05-04", "SRBM", EVIL, "Site B", 39.5, 127.0, "Yellow Sea", "success"),
        ("2019-05-04", "SRBM", EVIL, "Site B", 39.5, 127.0, "Yellow Sea", "failure"),
        ("2021-10-19", "SLBM", "Hwasong-11S (KN-33)", "Site C", 40.0, 128.0, None, "success"),
        ("2022-03-16", "ICBM", "Hwasong-17", "Site A", 39.0, 125.0, None, "failure"),
    ])


@pytest.fixture
def summits():
    return pd.DataFrame({"id": ["s1", "s2"], "name": [EVIL, "Hanoi summit"], "kind": ["summit", "summit"],
                         "track": ["us_dprk", "us_dprk"], "place": ["Singapore", "Hanoi"], "leaders": ["a", "b"],
                         "date": pd.to_datetime(["2018-06-12", "2019-02-27"]),
                         "end_date": pd.to_datetime(["2018-06-12", "2019-02-28"]),
                         "source_url": ["https://www.example.org/a", "https://www.example.org/b"]})


@pytest.fixture
def leaders():
    return pd.DataFrame({"country": ["US", "US", "ROK"], "name": ["Donald Trump", "Joe Biden", "Moon Jae-in"],
                         "party": ["Republican", "Democratic", "Democratic Party of Korea"],
                         "start_date": pd.to_datetime(["2017-01-20", "2021-01-20", "2017-05-10"]),
                         "end_date": pd.to_datetime(["2021-01-20", "2025-01-20", "2022-05-09"]),
                         "acting": [False, False, False]})


def no_raw_script(fig):
    assert EVIL not in fig.to_json()
    assert "<script>alert" not in figure_html(fig)


def test_tempo_figure(frame, summits, leaders):
    rolling = an.rolling_launches(frame, window_days=90, start="2017-01-01")
    pause = an.pause_after(frame, "2017-11-30")
    fig = diplomacy.tempo_figure(rolling, summits, leaders, pause=pause, facts=cap.tempo_facts(rolling, summits))
    line = fig.data[0]
    assert max(line.y) == 2  # the two-missile day in 2019
    markers = [t for t in fig.data if t.name == "Summits"]
    assert len(markers) == 1 and len(markers[0].x) == 2
    assert "&lt;script&gt;" in markers[0].text[0]
    assert f"{pause['days']} days" in fig.layout.meta["alt"]
    no_raw_script(fig)


def test_term_rates_and_first_flights(frame, leaders):
    us = an.launches_by_term(frame, leaders, "US", start="2017-01-01", end="2022-12-31")
    rok = an.launches_by_term(frame, leaders, "ROK", start="2017-01-01", end="2022-12-31")
    fig = diplomacy.term_rates_figure(us, rok, facts=cap.term_rates_facts(us, rok))
    assert list(fig.data[0].x) == list(us["per_year"])
    assert us.loc[us["name"] == "Donald Trump", "missiles"].item() == 4
    ff = an.first_flights(frame)
    fig2 = diplomacy.first_flights_figure(ff, facts=cap.first_flights_facts(ff))
    slbm = [t for t in fig2.data if t.name == "SLBM"][0]
    assert list(slbm.text) == ["Hwasong-11S (KN-33)"]
    no_raw_script(fig2)


def test_summit_test_figure_marks_the_observed_mean(frame, summits):
    res = an.summit_window_test(frame, summits, window_days=30, n_perm=200, seed=0)
    fig = diplomacy.summit_test_figure(res, cap.summit_null(res["null"]))
    assert fig.layout.shapes[0].x0 == pytest.approx(res["observed_mean"])
    assert sum(fig.data[0].y) == pytest.approx(1.0)


def test_facility_map_is_offline_and_switches_eras(frame):
    impacts = pd.DataFrame({"date": pd.to_datetime(["2017-07-04", "2017-11-29", "2022-03-16"]),
                            "kind": ["eez_landing", "eez_landing", "overflight"],
                            "missile_name": ["Hwasong-14", "Hwasong-15", "Hwasong-17"],
                            "event_id": ["E000", "E001", "E005"], "detail": [EVIL, "b", "c"],
                            "source_url": ["https://www.example.org/j", "https://www.example.org/k",
                                           "https://news.example.com/x"]})
    japan = an.japan_events(frame, impacts)
    facts = {"n_sites": "4", "top_site": "Site A", "top_site_n": "2", "sites_first_year": "2017",
             "sites_newest": "16 March 2022"}
    fig = region.facility_map_figure(an.sites_by_period(frame), japan, facts={**facts, **cap.japan_sites_facts(japan)})
    assert not any(t.type in ("scattergeo", "scattermapbox", "scattermap", "choropleth") for t in fig.data)
    assert "geo" not in fig.to_plotly_json()["layout"]
    era_traces = [t for t in fig.data if t.type == "scatter" and t.mode == "markers" and t.showlegend is False]
    assert sum(bool(t.visible) for t in era_traces) == 1
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == len(era_traces)
    all_years = era_traces[0]
    assert sorted(all_years.marker.size) == [1, 1, 2, 2]  # Site A 2, Site B 2, Site C 1, the hostile-named site 1
    eez = [t for t in fig.data if t.name and "EEZ" in t.name][0]
    assert eez.name.endswith("(2)") and len(eez.x) == 2  # two launch sites, one marker each
    assert "&lt;script&gt;" in eez.text[0] and "www.example.org" in eez.text[0]
    over = [t for t in fig.data if t.name and "Flew over" in t.name][0]
    # Site A launched both the overflight and an EEZ landing: the overflight marker sits on it
    assert (over.x[0], over.y[0]) == (125.0, 39.0) and "news.example.com" in over.text[0]
    assert "3 launches Japan reported" in fig.layout.meta["caption"]
    assert "(4 sites, 2017–16 March 2022)" in fig.layout.meta["caption"]
    assert "the busiest is Site A with 2 missiles. A menu switches between 5 periods" in fig.layout.meta["alt"]
    no_raw_script(fig)


def test_facility_map_draws_every_period_of_the_frame_even_an_empty_one(frame):
    sites = an.sites_by_period(frame)
    periods = list(sites["period"].cat.categories)
    facts = {"n_sites": "99", "top_site": "Somewhere", "top_site_n": "98", "sites_first_year": "1900",
             "sites_newest": "1 January 1901"}
    fig = region.facility_map_figure(sites, frame.iloc[0:0].assign(kind=[], detail=[]),
                                     facts={**facts, "japan_sites_overflight": "0", "japan_sites_eez_landing": "0"})
    era_traces = [t for t in fig.data if t.type == "scatter" and t.mode == "markers" and t.showlegend is False]
    assert [t.name for t in era_traces] == periods and len(periods) == 5
    # 1984–2011 holds no launch of the frame: its trace is there, empty
    assert len(era_traces[1].x) == 0
    assert [len(t.x) for t in era_traces] == [(sites["period"] == p).sum() for p in periods]
    # the caption's numbers are the facts given, not recounted
    assert "(99 sites, 1900–1 January 1901)" in fig.layout.meta["caption"]
    assert "Somewhere with 98 missiles" in fig.layout.meta["alt"]


def test_humanitarian_figure_values_and_escaping():
    hum = pd.DataFrame({"indicator": ["stunting_under5", "stunting_under5", "wasting_under5"],
                        "period_start": [2012.0, 2017.0, 2012.0], "period_end": [2012.0, 2017.0, 2012.0],
                        "value": [28.0, 19.0, 4.0], "unit": ["percent"] * 3, "agency": ["UNICEF", "UNICEF", "WFP"],
                        "estimate_type": ["measured", "modelled", "measured"], "survey": [EVIL, "MICS", "NNS"],
                        "source_url": ["https://www.unicef.org/a", "https://www.unicef.org/b", "https://www.wfp.org/c"]})
    fig = region.humanitarian_figure(hum, facts=cap.humanitarian_facts(hum))
    assert [t.name for t in fig.data] == ["Stunting, children under 5", "Wasting, children under 5"]
    stunt, wast = fig.data
    assert list(stunt.x) == [2012.0, 2017.0] and list(stunt.y) == [28.0, 19.0]
    assert list(stunt.text) == ["28%", "19%"] and list(wast.y) == [4.0]
    # measured filled, modelled hollow
    assert list(stunt.marker.color) == ["#AA3377", "white"]
    assert "&lt;script&gt;" in stunt.customdata[0] and "www.unicef.org" in stunt.customdata[0]
    assert "Published by WFP" in wast.customdata[0] and "www.wfp.org" in wast.customdata[0]
    no_raw_script(fig)
    with pytest.raises(ValueError):
        region.humanitarian_figure(hum.iloc[0:0], facts=cap.humanitarian_facts(hum))


def test_landing_and_neighbours(frame, summits):
    fig = region.landing_areas_figure(an.landing_areas(frame))
    assert list(fig.data[0].x) == [2, 2, 2]
    res = pd.DataFrame({"resolution": ["2397", "S/2022/431"], "date": pd.to_datetime(["2017-12-22", "2022-05-26"]),
                        "status": ["adopted", "vetoed"], "kind": ["sanctions", "sanctions"], "vote_for": [15, 13],
                        "vote_against": [0, 2], "vote_abstain": [0, 0], "vetoed_by": [None, "China; Russia"],
                        "measures": [EVIL, None], "source_url": "https://www.example.org"})
    s = summits.assign(track=["dprk_china", "dprk_russia"])
    fig2 = region.neighbours_figure(an.neighbour_record(s, res), res, facts=cap.neighbours_facts(res))
    vetoes = [t for t in fig2.data if t.name and t.name.endswith("veto")]
    assert [len(t.x) for t in vetoes] == [1, 1]
    no_raw_script(fig2)


def test_outlook_figures(frame):
    summits = pd.DataFrame({"id": ["a", "b"], "name": ["Leap Day deal", EVIL], "kind": ["agreement"] * 2,
                            "track": ["us_dprk"] * 2, "date": pd.to_datetime(["2012-02-29", "2018-06-12"]),
                            "end_date": pd.to_datetime(["2012-02-29", "2018-06-12"]),
                            "breakdown_date": pd.to_datetime(["2012-04-13", None]), "breakdown_event": ["x", None],
                            "source_url": "https://www.example.org"})
    d = an.agreement_durations(summits, as_of="2019-06-12")
    fig = outlook.durability_figure(d, facts=cap.durability_facts(d))
    broke = [t for t in fig.data if t.name == "Broke down"][0]
    assert list(broke.x) == [44]
    no_raw_script(fig)
    t = an.recent_by_class(frame, years=2)
    fig2 = outlook.recent_trend_figure(t, facts=cap.recent_trend_facts(t))
    assert fig2.data[0].x[-1].startswith("2022<br>(to ")


def test_explorer_figure_menus_restyle_data(frame):
    chosen = explorer_findings({"missile_launches": frame})
    fig = explorer.explorer_figure(chosen.frames, chosen.facts)
    class_menu, view_menu = fig.layout.updatemenus
    labels = [b.label for b in class_menu.buttons]
    assert labels[0] == "All classes" and len(labels) == 4  # all + ICBM, SRBM, SLBM
    icbm = class_menu.buttons[labels.index("Intercontinental ballistic (ICBM)")]
    bar_y = icbm.args[0]["y"][0]
    assert sum(bar_y) == 3
    assert sorted(icbm.args[0]["marker.size"][1]) == [1, 2]
    # the year x outcome view is a heatmap whose "all" column counts every ICBM
    heat = [t for t in fig.data if t.type == "heatmap"][0]
    assert list(heat.x) == ["success", "failure", "unknown", "all"]
    assert sum(row[-1] for row in icbm.args[0]["z"][2]) == 3
    assert not [t for t in fig.data if t.type == "table"]
    views = [b.args[0]["visible"] for b in view_menu.buttons]
    assert [v[-3:] for v in views] == [[True, False, False], [False, True, False], [False, False, True]]
    json.loads(fig.to_json())
    no_raw_script(fig)
    assert fig.layout.meta["caption"].startswith("Explore 6 missile launches, 2017–16 March 2022:")
    assert fig.layout.meta["states"][0][1] == (
        "Class: Short-range ballistic (SRBM), 2 missiles, 4 May 2019 to 4 May 2019.")


def test_explorer_figure_draws_the_frames_it_is_given(frame):
    chosen = explorer_findings({"missile_launches": frame})
    frames = chosen.frames
    # one more site for ICBMs only: the ICBM button's map has it, the chart does not count
    extra = frames.sites[frames.sites["option"] == "Intercontinental ballistic (ICBM)"].iloc[:1].assign(
        facility="Added", missiles=7)
    frames = type(frames)(frames, sites=pd.concat([frames.sites, extra], ignore_index=True))
    facts = {**chosen.facts, "n_missiles": "123", "max_site": "7"}
    fig = explorer.explorer_figure(frames, facts)
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    icbm = fig.layout.updatemenus[0].buttons[labels.index("Intercontinental ballistic (ICBM)")]
    assert sorted(icbm.args[0]["marker.size"][1]) == [1, 2, 7]
    assert "Added: 7 missiles" in icbm.args[0]["text"][1]
    assert fig.layout.meta["caption"].startswith("Explore 123 missile launches")
    sites = next(t for t in fig.data if t.name == "Sites")
    assert sites.marker.sizeref == pytest.approx(2.0 * 7 / 36 ** 2)


def test_explorer_views_escape_and_reflect_rows(frame):
    t = explorer.timeline_view(selection(frame))
    assert sum(len(tr.x) for tr in t.data) == len(frame)
    tab = explorer.table_view(selection(frame))
    assert len(tab.data[0].cells.values[0]) == len(frame)
    no_raw_script(tab)
    m = explorer.map_view(selection(frame.iloc[0:0]))
    assert "no launches" in m.layout.meta["caption"]
    m = explorer.map_view(selection(frame))
    assert "Map of 4 launch facilities: 6 missiles, 4 July 2017 to 16 March 2022." == m.layout.meta["alt"]


def test_since_figure_draws_the_monthly_frame_it_is_given(frame):
    table = an.launches_per_period(frame, "MS", start="2019-01-01")
    table = table.loc[:, table.sum() > 0]
    fig = diplomacy.since_figure(table, newest=frame["date"].max(), facts=cap.since_facts(table))
    bars = {t.name: dict(zip(pd.to_datetime(t.x), t.y)) for t in fig.data}
    assert set(bars) == {vocabulary.CLASS_LABELS[c] for c in table.columns}
    total = sum(v for b in bars.values() for v in b.values())
    assert total == int(table.to_numpy().sum()) == int((frame["date"] >= "2019-01-01").sum())
    assert date_label(frame["date"].max()) in fig.layout.meta["caption"]
