"""The defaults, fill values and day counts of ``usnk.analysis`` that an independent
sample of one-token mutations found unpinned (issue 22): each default is called
without its argument on data that lie on both sides of the default's boundary, so
that another default gives another answer."""

from __future__ import annotations

import math

import pandas as pd

from framefixture import event_launches, launches_frame, table_frame
from usnk import analysis as an
from usnk.analysis import exercises as ex
from usnk.analysis import incidents as inc
from usnk.analysis import sanctions, tempo


def test_launches_per_period_is_yearly_by_default_and_fills_empty_years_with_zero():
    launches = event_launches(["2015-03-01", "2017-06-01", "2017-07-01"])
    table = an.launches_per_period(launches, start="2015-01-01")
    assert list(table.index) == list(pd.to_datetime(["2015-01-01", "2016-01-01", "2017-01-01"]))
    assert table["SRBM"].tolist() == [1, 0, 2]
    assert table["ICBM"].tolist() == [0, 0, 0]  # a class never flown: zeros, not the fill of a missing cell


def test_success_rates_keep_a_system_from_five_flights_by_default():
    rows = [(f"a{i}", f"2016-0{i}-01", f"ea{i}", "Five", "SRBM", "success", None, None) for i in range(1, 6)]
    rows += [(f"b{i}", f"2016-0{i}-02", f"eb{i}", "Four", "SRBM", "failure", None, None) for i in range(1, 5)]
    table = an.success_rates(launches_frame(rows))
    assert table["missile_name"].tolist() == ["Five"]
    assert table.loc[0, ["success", "failure", "unknown", "flights"]].tolist() == [5, 0, 0, 5]


def test_recent_by_class_covers_the_newest_five_calendar_years_by_default():
    launches = event_launches(["2014-05-01", "2015-05-01", "2019-05-01"])
    table = an.recent_by_class(launches)
    assert list(table.index) == [2015, 2016, 2017, 2018, 2019]
    assert table["SRBM"].tolist() == [1, 0, 0, 0, 1]


def test_rolling_launches_count_the_previous_ninety_days_of_missiles_by_default():
    launches = event_launches(["2017-01-01", "2017-01-01", "2017-03-31"])
    rolled = tempo.rolling_launches(launches, start="2017-03-31", end="2017-04-01")
    # 1 January is the 90th day back from 31 March (inclusive window), not from 1 April
    assert rolled.tolist() == [3, 1]
    assert rolled.name == "missiles in previous 90 days"


def test_launches_around_take_a_year_either_side_by_default():
    launches = event_launches(["2016-01-01", "2016-12-31", "2017-01-02", "2017-12-31", "2018-01-01"])
    row = sanctions.launches_around(launches, ["2017-01-01"]).iloc[0]
    # 2016-01-01 is 366 days before; 2017-12-31 is 364 days after, 2018-01-01 the 365th
    assert (row["missiles_before"], row["missiles_after"]) == (1, 2)
    assert row["complete"]


def test_launches_by_term_take_us_leaders_by_default():
    leaders = pd.DataFrame({
        "country": ["US", "ROK"], "name": ["A", "B"], "acting": [False, False],
        "start_date": pd.to_datetime(["2016-01-01", "2016-01-01"]), "end_date": pd.to_datetime([None, None]),
    })
    table = tempo.launches_by_term(event_launches(["2016-06-01", "2016-07-01"]), leaders)
    assert table["name"].tolist() == ["A"] and table["missiles"].tolist() == [2]


def test_before_after_take_twelve_months_by_default():
    launches = event_launches(["2015-12-31", "2016-01-01", "2017-12-31", "2018-01-01"]).assign(facility="Site")
    r = tempo.before_after(launches, "2017-01-01")
    assert (r["missiles_before"], r["missiles_after"]) == (1, 1)
    assert r["end_after"] == pd.Timestamp("2018-01-01")


def test_period_tempo_counts_a_single_day_as_one_day():
    p = tempo.period_tempo(event_launches(["2016-02-29"]), "2016-02-29", "2016-02-29")
    assert p["years"] == 1 / 365.25 and p["missiles_per_year"] == 365.25


def _summits(rows):
    return pd.DataFrame([{"id": f"s{i}", "name": f"S{i}", "kind": "summit", "track": track,
                          "date": pd.Timestamp(d), "end_date": pd.Timestamp(e) if e else pd.NaT}
                         for i, (d, e, track) in enumerate(rows)])


def test_summit_window_test_defaults_thirty_days_ten_thousand_draws_seed_zero():
    launches = event_launches(["2018-01-01", "2018-05-02", "2018-07-29", "2018-07-30", "2019-12-31"])
    summits = _summits([("2018-06-12", "2018-06-12", "us_dprk"), ("2018-06-20", None, "six_party")])
    r = tempo.summit_window_test(launches, summits)
    assert (r["window_days"], r["n_perm"], r["seed"], r["n_summits"]) == (30, 10000, 0, 1)
    assert len(r["null"]) == 10000
    # 2018-05-13 .. 2018-07-12 is the window: 2018-05-02 and 2018-07-29 are outside it
    assert r["summits"]["events_in_window"].tolist() == [0]
    # the days run from the first to the last launch, both counted
    assert r["start"] == pd.Timestamp("2018-01-01") and r["end"] == pd.Timestamp("2019-12-31")
    again = tempo.summit_window_test(launches, summits, window_days=30, n_perm=10000, seed=0)
    assert again["p_fewer"] == r["p_fewer"] and again["expected_mean"] == r["expected_mean"]


def test_summit_window_test_counts_an_event_on_the_last_day_of_the_record():
    launches = event_launches(["2018-01-01", "2018-03-01"])
    summits = _summits([("2018-02-20", None, "us_dprk")])
    r = tempo.summit_window_test(launches, summits, window_days=10, n_perm=20)
    assert r["summits"]["events_in_window"].tolist() == [1]


def test_negotiation_cycle_looks_a_year_either_side_by_default():
    launches = launches_frame([("a", "2016-01-01", "ea", "X", "ICBM", "success", None, None),
                               ("b", "2018-01-01", "eb", "X", "ICBM", "success", None, None)])
    tests = pd.DataFrame({"date": pd.to_datetime([]), "test_number": [], "source_url": []})
    summits = _summits([("2017-01-01", None, "us_dprk"), ("2017-01-02", None, "us_dprk")])
    cycle = tempo.negotiation_cycle(summits, launches, tests)
    # 2016-01-01 is 366 days before 2017-01-01 and 367 before 2017-01-02; 2018-01-01 is 365 and 364 after
    assert cycle[["preceded", "followed"]].values.tolist() == [[False, True], [False, True]]


def _exercises(rows):
    return table_frame("exercises", [
        {"id": f"x{i}", "name": f"X{i}", "date": d, "date_precision": "day", "end_date": d, "kind": "combined",
         "status": "held", "source_url": "https://example.org/x"} for i, d in enumerate(rows)])


def test_exercise_window_test_defaults_fourteen_days_ten_thousand_draws_seed_zero():
    # the start day and 13 days after are in the window; the 14th day after is not
    launches = event_launches(["2015-03-01", "2015-03-14", "2015-03-15"])
    r = ex.exercise_window_test(launches, _exercises(["2015-03-01"]))
    assert (r["window_days"], r["n_perm"], r["seed"]) == (14, 10000, 0)
    assert r["windows"]["events"].tolist() == [2]
    again = ex.exercise_window_test(launches, _exercises(["2015-03-01"]), window_days=14, n_perm=10000, seed=0)
    assert again["p_more"] == r["p_more"] and again["expected_mean"] == r["expected_mean"]


def test_exercise_window_test_counts_a_launch_on_the_last_day_of_the_last_year():
    launches = event_launches(["2015-12-31"])
    r = ex.exercise_window_test(launches, _exercises(["2015-12-18"]), n_perm=50)
    assert r["windows"]["events"].tolist() == [1]


def test_exercises_verdict_significance_is_five_percent_by_default():
    base = {"n_exercises": 3, "observed_mean": 2.0, "expected_mean": 1.0, "window_days": 14}
    assert ex.exercises_verdict(base | {"p_more": 0.049}).verdict == ex.SUPPORTED
    assert ex.exercises_verdict(base | {"p_more": 0.05}).verdict == ex.MIXED


def test_incidents_per_decade_start_in_1958_by_default():
    incidents = pd.DataFrame({"date": pd.to_datetime(["1957-06-01", "1958-01-01", "1975-01-01"]),
                              "category": ["attack", "attack", "attack"]})
    table = inc.incidents_per_decade(incidents)
    assert list(table.index) == [1950, 1960, 1970]
    assert table["attack"].tolist() == [1, 0, 1]
    assert not math.isnan(table.values.sum())


def test_exercise_window_test_baseline_is_every_other_whole_window_of_the_year():
    """The baseline mean, counted by brute force: every 14-day window that starts and
    ends in the exercise's year and does not overlap the exercise's own window."""
    dates = ["2015-01-01", "2015-02-20", "2015-03-01", "2015-03-05", "2015-03-20", "2015-03-28",
             "2015-04-01", "2015-07-04", "2015-12-18", "2015-12-31"]
    launches = event_launches(dates)
    start = pd.Timestamp("2015-03-15")
    r = ex.exercise_window_test(launches, _exercises([start.strftime("%Y-%m-%d")]), n_perm=10)
    days = pd.to_datetime(dates)
    counts = []
    for s in pd.date_range("2015-01-01", "2015-12-18"):
        e = s + pd.Timedelta(days=13)
        if e < start or s > start + pd.Timedelta(days=13):
            counts.append(int(((days >= s) & (days <= e)).sum()))
    assert r["expected_mean"] == sum(counts) / len(counts)
    assert r["observed_mean"] == 2.0  # 20 and 28 March


def test_summit_windows_span_both_end_days_and_chance_windows_stay_inside_the_record():
    """A launch every day: every window, the summit's and each chance placement, holds
    exactly its 2 × window + 1 days, none cut short or running past the record."""
    days = pd.date_range("2018-01-01", "2018-03-31").strftime("%Y-%m-%d")
    summits = _summits([("2018-02-10", None, "us_dprk")])
    r = tempo.summit_window_test(event_launches(days), summits, window_days=5, n_perm=2000)
    assert r["summits"]["events_in_window"].tolist() == [11]
    assert r["expected_mean"] == 11.0 and set(r["null"]) == {11.0}


def test_a_summit_window_ends_window_days_after_the_last_day():
    launches = event_launches(["2018-01-01", "2018-05-12", "2018-05-13", "2018-07-12", "2018-07-13", "2018-12-31"])
    summits = _summits([("2018-06-12", None, "us_dprk")])
    r = tempo.summit_window_test(launches, summits, n_perm=10)
    assert r["summits"]["events_in_window"].tolist() == [2]  # 13 May and 12 July, not 12 May or 13 July
