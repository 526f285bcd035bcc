"""Analysis rules that single-token mutations of ``usnk.analysis`` showed unguarded:
exact values on small hand-made tables, with data on both sides of each comparison."""

from __future__ import annotations

import pandas as pd

from framefixture import launches_frame
from usnk import analysis as an
from usnk.analysis import geography


def test_capability_frontier_a_failed_flight_beyond_every_success_does_not_count():
    launches = launches_frame([
        ("s1", "2015-03-01", "e1", "Short", "SRBM", "success", 400, 80),
        ("f1", "2015-04-01", "e2", "Long", "IRBM", "failure", 3000, 900),
        ("u1", "2015-05-01", "e3", "Mid", "MRBM", "unknown", 700, 60),
        ("f2", "2016-01-10", "e4", "Long", "IRBM", "failure", 2500, 700),
    ])
    fr = an.capability_frontier(launches)
    dist = fr[fr["metric"] == "distance_km"].set_index("year")
    apo = fr[fr["metric"] == "apogee_km"].set_index("year")
    # the unknown-outcome 700 km flight counts, the failed 3000 km one does not
    assert dist.loc[2015, "value"] == 700 and dist.loc[2015, "missile_name"] == "Mid"
    assert apo.loc[2015, "value"] == 80 and apo.loc[2015, "missile_name"] == "Short"
    # a year with only failed flights has no frontier at all
    assert fr["year"].tolist() == [2015, 2015]


def _us_leaders():
    return pd.DataFrame({
        "country": ["US", "US"], "name": ["Outgoing", "Incoming"], "party": ["x", "y"],
        "start_date": pd.to_datetime(["2013-01-20", "2017-01-20"]),
        "end_date": pd.to_datetime(["2017-01-20", None]),
        "acting": [False, False]})


def test_launches_by_term_a_handover_day_launch_counts_once_for_the_incoming_leader():
    launches = launches_frame([
        ("a", "2016-05-01", "e1", "X", "SRBM", "success", None, None),
        ("b", "2017-01-20", "e2", "X", "SRBM", "success", None, None),
        ("c", "2017-01-20", "e2", "X", "SRBM", "success", None, None),
        ("d", "2018-01-01", "e3", "X", "SRBM", "success", None, None),
    ])
    t = an.launches_by_term(launches, _us_leaders(), "US",
                            start="2016-01-01", end="2018-01-01").set_index("name")
    assert t.loc["Outgoing", ["missiles", "events"]].tolist() == [1, 1]
    # the launch on the record's last day is counted (the term still running ends there)
    assert t.loc["Incoming", ["missiles", "events"]].tolist() == [3, 2]
    assert int(t["missiles"].sum()) == len(launches)


def test_launches_by_term_a_handover_on_the_records_last_day_counts_once():
    """The outgoing term ends on the newest launch's day, which is also the incoming
    term's first: the day's launches belong to the incoming leader only."""
    launches = launches_frame([
        ("a", "2016-05-01", "e1", "X", "SRBM", "success", None, None),
        ("b", "2017-01-20", "e2", "X", "SRBM", "success", None, None),
    ])
    t = an.launches_by_term(launches, _us_leaders(), "US").set_index("name")
    assert t.loc["Outgoing", ["missiles", "events"]].tolist() == [1, 1]
    assert t.loc["Incoming", ["missiles", "events"]].tolist() == [1, 1]
    assert int(t["missiles"].sum()) == len(launches)


FRONTIER_COLUMNS = ["year", "metric", "value", "missile_name", "missile_class", "date", "source_url", "record"]


def test_capability_frontier_columns_and_empty_history():
    launches = launches_frame([("s1", "2015-03-01", "e1", "Short", "SRBM", "success", 400, None)])
    fr = an.capability_frontier(launches)
    assert fr.columns.tolist() == FRONTIER_COLUMNS
    assert fr.index.tolist() == [0]
    assert an.capability_frontier(launches.iloc[0:0]).columns.tolist() == FRONTIER_COLUMNS


def test_cumulative_success_of_a_system_never_flown_is_an_empty_table_with_its_columns():
    launches = launches_frame([("s1", "2015-03-01", "e1", "Short", "SRBM", "success", None, None)])
    for systems in (["Never"], []):
        out = an.cumulative_success(launches, systems)
        assert out.columns.tolist() == ["missile_name", "flight", "date", "outcome", "rate"] and out.empty


def test_launch_events_of_an_empty_table_keep_their_columns():
    launches = launches_frame([("s1", "2015-03-01", "e1", "Short", "SRBM", "success", None, None)])
    assert an.launch_events(launches.iloc[0:0]).columns.tolist() == [
        "event_id", "date", "missiles", "missile_class", "missile_name", "distance_km", "apogee_km", "source_url"]


def test_launches_per_year_keeps_only_the_classes_asked_for():
    launches = launches_frame([("a", "2020-03-01", "e1", "X", "SRBM", "success", None, None),
                               ("b", "2021-03-01", "e2", "Y", "ICBM", "success", None, None)])
    table = an.launches_per_year(launches, classes=["ICBM"])
    assert table.columns.tolist() == ["ICBM"] and table.columns.name == "missile_class"
    assert table.loc[2020:2021, "ICBM"].tolist() == [0, 1]


def test_yearly_since_counts_missiles_events_systems_and_marks_the_partial_year():
    launches = launches_frame([
        ("a", "2019-12-31", "e0", "Old", "SRBM", "success", None, None),
        ("b", "2020-02-01", "e1", "X", "SRBM", "success", None, None),
        ("c", "2020-02-01", "e1", "X", "SRBM", "success", None, None),
        ("d", "2020-05-01", "e2", "Unknown", "unknown", "unknown", None, None),
        ("e", "2022-06-30", "e3", "Y", "ICBM", "success", None, None),
    ])
    out = an.yearly_since(launches, 2020)
    assert out.to_dict("list") == {"year": [2020, 2021, 2022], "missiles": [3, 0, 1], "events": [2, 0, 1],
                                   "systems": [1, 0, 1], "complete": [True, True, False]}
    done = an.yearly_since(launches_frame([("z", "2022-12-31", "e9", "Y", "ICBM", "success", None, None)]), 2022)
    assert done["complete"].tolist() == [True]


def test_before_after_is_complete_only_once_the_record_reaches_the_window_end():
    launches = launches_frame([("a", "2020-01-01", "e1", "X", "SRBM", "success", None, None),
                               ("b", "2021-06-01", "e2", "Y", "SRBM", "success", None, None)])
    launches["facility"] = "Site"
    r = an.before_after(launches, "2020-12-01", months=6)  # the newest launch falls on the window's end
    assert (r["missiles_before"], r["missiles_after"], r["complete"]) == (0, 0, True)
    assert r["end_after"] == pd.Timestamp("2021-06-01")
    r = an.before_after(launches, "2021-05-01", months=12)
    assert (r["missiles_before"], r["missiles_after"], r["complete"]) == (0, 1, False)
    assert r["new_after_names"] == ["Y"]


def test_eras_of_the_launch_site_map():
    eras = geography.eras("2026-08-20")
    assert [(label, str(a.date()), str(b.date())) for label, a, b in eras] == [
        ("1984–2011 (Kim Il Sung, Kim Jong Il)", "1984-01-01", "2011-12-16"),
        ("2011–2017 (Kim Jong Un, to the 2017 ICBM tests)", "2011-12-17", "2017-12-31"),
        ("2018–2021 (summits and after)", "2018-01-01", "2021-12-31"),
        ("2022–2026", "2022-01-01", "2026-08-20")]


def test_incidents_per_decade_counts_are_integers():
    incidents = pd.DataFrame({"date": pd.to_datetime(["1968-01-23", "1976-08-18"]),
                              "category": ["seizure", "seizure"]})
    table = an.incidents_per_decade(incidents, start_year=1960)
    assert str(table.dtypes.iloc[0]).startswith("int")
    assert table.index.tolist() == [1960, 1970] and table.iloc[:, 0].tolist() == [1, 1]


def test_before_after_a_first_flight_on_the_window_end_is_outside():
    launches = launches_frame([
        ("a", "2020-01-01", "e1", "Old", "SRBM", "success", None, None),
        ("b", "2021-06-01", "e2", "Inside", "SRBM", "success", None, None),
        ("c", "2022-01-01", "e3", "OnTheEnd", "SRBM", "success", None, None),
    ]).assign(facility="Site")
    ba = an.before_after(launches, "2021-01-01", months=12)
    assert ba["new_after_names"] == ["Inside"] and ba["new_after"] == 1
    assert ba["missiles_after"] == 1 and ba["end_after"] == pd.Timestamp("2022-01-01")


def test_launches_by_term_years_to_the_hundredth_and_a_term_that_starts_on_the_last_day():
    leaders = pd.concat([_us_leaders(), pd.DataFrame({
        "country": ["US"], "name": ["Newest"], "party": ["z"], "start_date": pd.to_datetime(["2018-01-01"]),
        "end_date": pd.to_datetime([None]), "acting": [False]})], ignore_index=True)
    leaders.loc[1, "end_date"] = pd.Timestamp("2018-01-01")
    launches = launches_frame([("a", "2016-05-01", "e1", "X", "SRBM", "success", None, None),
                               ("d", "2018-01-01", "e3", "X", "SRBM", "success", None, None)])
    t = an.launches_by_term(launches, leaders, "US", start="2016-01-01", end="2018-01-01").set_index("name")
    assert t.loc["Outgoing", "years"] == 1.05 and t.loc["Incoming", "years"] == 0.95   # 384 and 346 days
    assert t.loc["Newest", "years"] == 0.0 and pd.isna(t.loc["Newest", "per_year"])


def test_japan_events_keep_the_table_order_within_a_day():
    rows = [{"date": pd.Timestamp("2017-09-15"), "kind": "overflight", "missile_name": "Hwasong-12",
             "event_id": None, "detail": f"report {i}", "source_url": "https://example.org/j"} for i in range(100)]
    ev = geography.japan_events(launches_frame([]), pd.DataFrame(rows))
    assert ev["detail"].tolist() == [f"report {i}" for i in range(100)]


def test_launches_by_term_leaves_out_a_term_that_ended_as_the_record_began():
    leaders = pd.DataFrame({
        "country": ["US", "US"], "name": ["Before", "During"], "party": ["x", "y"],
        "start_date": pd.to_datetime(["2012-01-20", "2016-01-01"]),
        "end_date": pd.to_datetime(["2016-01-01", None]),
        "acting": [False, False]})
    launches = launches_frame([("a", "2016-05-01", "e1", "X", "SRBM", "success", None, None)])
    t = an.launches_by_term(launches, leaders, "US", start="2016-01-01", end="2016-12-31")
    assert t["name"].tolist() == ["During"]
