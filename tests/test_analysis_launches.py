"""The launch record (usnk/analysis/launches.py): events, counts per period and class,
the capability frontier, success rates and first flights, on small frames with known
answers."""

from __future__ import annotations

import pandas as pd
import pytest

from framefixture import NUCLEAR_LAUNCHES as L
from framefixture import event_launches, launches_frame, small_located_launches
from usnk import analysis as an


@pytest.fixture
def small():
    return small_located_launches()


# ----------------------------------------------------------------- launch_events


def test_launch_events_group_missiles_by_event():
    ev = an.launch_events(L)
    assert ev["event_id"].tolist() == ["e1", "e2", "e3", "e4", "e5", "e6"]
    assert ev.set_index("event_id").loc["e1", "missiles"] == 2
    assert ev.set_index("event_id").loc["e1", "distance_km"] == 900


def test_launch_events_count_a_salvo_once(small):
    ev = an.launch_events(small)
    assert len(ev) == len(small) - 1
    assert ev.loc[ev["event_id"] == "E1", "missiles"].item() == 2


def test_launch_events_of_an_empty_table_keep_their_columns():
    launches = launches_frame([("s1", "2015-03-01", "e1", "Short", "SRBM", "success", None, None)])
    assert an.launch_events(launches.iloc[0:0]).columns.tolist() == [
        "event_id", "date", "missiles", "missile_class", "missile_name", "distance_km", "apogee_km", "source_url"]


# ----------------------------------------------------------------- counts per period, year and class


def test_launches_per_period_is_yearly_by_default_and_fills_empty_years_with_zero():
    launches = event_launches(["2015-03-01", "2017-06-01", "2017-07-01"])
    table = an.launches_per_period(launches, start="2015-01-01")
    assert list(table.index) == list(pd.to_datetime(["2015-01-01", "2016-01-01", "2017-01-01"]))
    assert table["SRBM"].tolist() == [1, 0, 2]
    assert table["ICBM"].tolist() == [0, 0, 0]  # a class never flown: zeros, not the fill of a missing cell


def test_launches_per_period_from_a_day_inside_a_period_starts_with_that_period(small):
    t = an.launches_per_period(small, "YS", start="2016-03-05", end="2017-12-31")
    assert t.index.tolist() == [pd.Timestamp("2016-01-01"), pd.Timestamp("2017-01-01")]
    assert (t.loc[pd.Timestamp("2016-01-01"), "SRBM"], t.loc[pd.Timestamp("2017-01-01"), "ICBM"]) == (2, 1)


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


def test_recent_by_class_covers_the_newest_five_calendar_years_by_default():
    launches = event_launches(["2014-05-01", "2015-05-01", "2019-05-01"])
    table = an.recent_by_class(launches)
    assert list(table.index) == [2015, 2016, 2017, 2018, 2019]
    assert table["SRBM"].tolist() == [1, 0, 0, 0, 1]


def test_recent_by_class_counts_the_newest_years_and_marks_the_partial_one(small):
    r = an.recent_by_class(small, years=3)
    assert list(r.index) == [2021, 2022, 2023]
    assert r.loc[2023, "ICBM"] == 1 and r.attrs["partial_year"] == 2023


# ----------------------------------------------------------------- capability frontier and success


def test_capability_frontier_ignores_failures_and_flags_records():
    fr = an.capability_frontier(L)
    dist = fr[fr["metric"] == "distance_km"].set_index("year")
    # 2010: the failed 900 km flight does not count; Bravo's 1000 km does
    assert dist.loc[2010, "value"] == 1000 and dist.loc[2010, "missile_name"] == "Bravo"
    assert dist.loc[2011, "value"] == 500 and not dist.loc[2011, "record"]
    assert dist.loc[2012, "value"] == 2000 and dist.loc[2012, "record"]
    apo = fr[fr["metric"] == "apogee_km"].set_index("year")
    assert apo["record"].tolist() == [True, False, False]


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


FRONTIER_COLUMNS = ["year", "metric", "value", "missile_name", "missile_class", "date", "source_url", "record"]


def test_capability_frontier_columns_and_empty_history():
    launches = launches_frame([("s1", "2015-03-01", "e1", "Short", "SRBM", "success", 400, None)])
    fr = an.capability_frontier(launches)
    assert fr.columns.tolist() == FRONTIER_COLUMNS
    assert fr.index.tolist() == [0]
    assert an.capability_frontier(launches.iloc[0:0]).columns.tolist() == FRONTIER_COLUMNS


def test_success_rates_only_named_systems_with_enough_flights():
    sr = an.success_rates(L, min_flights=5).set_index("missile_name")
    assert list(sr.index) == ["Alpha"]
    a = sr.loc["Alpha"]
    assert (a["flights"], a["success"], a["failure"], a["unknown"]) == (5, 3, 1, 1)
    assert a["rate"] == pytest.approx(0.75)
    assert (a["first_year"], a["last_year"]) == (2010, 2012)
    assert an.success_rates(L, min_flights=1)["missile_name"].tolist() == ["Alpha", "Bravo"]


def test_success_rates_of_a_system_with_one_known_flight_and_the_columns():
    sr = an.success_rates(L, min_flights=1)
    assert sr.columns.tolist() == ["missile_name", "success", "failure", "unknown", "flights", "rate", "first_year",
                                   "last_year", "missile_class"]
    assert sr.index.tolist() == [0, 1]
    assert sr.set_index("missile_name").loc["Bravo", "rate"] == 1.0   # one flight, a success


def test_success_rates_keep_a_system_from_five_flights_by_default():
    rows = [(f"a{i}", f"2016-0{i}-01", f"ea{i}", "Five", "SRBM", "success", None, None) for i in range(1, 6)]
    rows += [(f"b{i}", f"2016-0{i}-02", f"eb{i}", "Four", "SRBM", "failure", None, None) for i in range(1, 5)]
    table = an.success_rates(launches_frame(rows))
    assert table["missile_name"].tolist() == ["Five"]
    assert table.loc[0, ["success", "failure", "unknown", "flights"]].tolist() == [5, 0, 0, 5]


def test_cumulative_success_steps_over_known_outcomes():
    h = an.cumulative_success(L, ["Alpha"])
    assert h["flight"].tolist() == [1, 2, 3, 4, 5]
    assert h["rate"].round(3).tolist() == [1.0, 0.5, 0.5, 0.667, 0.75]


def test_cumulative_success_of_a_system_never_flown_is_an_empty_table_with_its_columns():
    launches = launches_frame([("s1", "2015-03-01", "e1", "Short", "SRBM", "success", None, None)])
    for systems in (["Never"], []):
        out = an.cumulative_success(launches, systems)
        assert out.columns.tolist() == ["missile_name", "flight", "date", "outcome", "rate"] and out.empty


# ----------------------------------------------------------------- first flights


def test_first_flights_groups(small):
    ff = an.first_flights(small).set_index("missile_name")
    assert "Unknown" not in ff.index
    assert ff.loc["Pukguksong-1", "group"] == "SLBM"
    assert ff.loc["Hwasong-12B", "group"] == "Hypersonic glide vehicle"
    assert ff.loc["Hwasong-18", "group"] == "Solid-fuel ICBM"
    assert ff.loc["Hwasong-18", "group_source_url"].startswith("https://")
    assert ff.loc["KN-02", "date"] == pd.Timestamp("2016-03-01")


def test_first_flights_group_labels_notes_and_since(small):
    ff = an.first_flights(small)
    assert ff.columns.tolist() == ["missile_name", "date", "missile_class", "facility", "outcome", "apogee_km",
                                   "distance_km", "source_url", "group", "note", "group_source_url"]
    assert list(zip(ff["missile_name"], ff["group"], ff["note"])) == [
        ("KN-02", "Other new system", ""),
        ("Pukguksong-1", "SLBM", "submarine-launched ballistic missile (class in the data)"),
        ("Hwasong-15", "Other new system", ""),
        ("Hwasong-11A (KN-23)", "Other new system", ""),
        ("Hwasong-12B", "Hypersonic glide vehicle", "hypersonic glide vehicle (class in the data)"),
        ("Hwasong-18", "Solid-fuel ICBM", "first test of the solid-fuel Hwasong-18 ICBM")]
    assert ff["group_source_url"].tolist()[:5] == ["https://example.org/src"] * 5
    since = an.first_flights(small, since="2021-09-28")
    assert since["missile_name"].tolist() == ["Hwasong-12B", "Hwasong-18"] and since.index.tolist() == [0, 1]
    assert since.columns.tolist() == ff.columns.tolist()
