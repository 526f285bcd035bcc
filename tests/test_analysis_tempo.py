"""The tempo of launches (usnk/analysis/tempo.py): rates per period, rolling counts,
pauses, launches per presidential term, the summit-window test, before and after a
date, and the negotiation cycle, on small frames with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framefixture import NUCLEAR_LAUNCHES as L
from framefixture import NUCLEAR_TESTS as T
from framefixture import event_launches, launches_frame, located_launches, small_located_launches
from usnk import analysis as an
from usnk.analysis import tempo


@pytest.fixture
def small():
    return small_located_launches()


# ----------------------------------------------------------------- period_tempo


def test_period_tempo_rates():
    p = an.period_tempo(L, "2010-01-01", "2010-12-31")
    assert p["missiles"] == 3 and p["events"] == 2
    assert p["events_per_year"] == pytest.approx(2 / (365 / 365.25))


def test_period_tempo_counts_both_end_days_and_gives_yearly_rates():
    p = an.period_tempo(L, "2010-01-05", "2010-06-01")   # a1, a2 (one event) on the first day, b1 on the last
    assert (p["missiles"], p["events"]) == (3, 2)
    assert p["years"] == pytest.approx(148 / 365.25)
    assert p["missiles_per_year"] == pytest.approx(3 * 365.25 / 148)
    assert p["events_per_year"] == pytest.approx(2 * 365.25 / 148)


def test_period_tempo_counts_a_single_day_as_one_day():
    p = tempo.period_tempo(event_launches(["2016-02-29"]), "2016-02-29", "2016-02-29")
    assert p["years"] == 1 / 365.25 and p["missiles_per_year"] == 365.25


# ----------------------------------------------------------------- rolling_launches and pause_after


def test_rolling_launches_window(small):
    r = an.rolling_launches(small, window_days=30, start="2016-03-01", end="2016-07-01")
    assert r.loc["2016-03-01"] == 2
    assert r.loc["2016-03-30"] == 2 and r.loc["2016-03-31"] == 0
    assert r.loc["2016-06-10"] == 1


def test_rolling_launches_count_the_previous_ninety_days_of_missiles_by_default():
    launches = event_launches(["2017-01-01", "2017-01-01", "2017-03-31"])
    rolled = tempo.rolling_launches(launches, start="2017-03-31", end="2017-04-01")
    # 1 January is the 90th day back from 31 March (inclusive window), not from 1 April
    assert rolled.tolist() == [3, 1]
    assert rolled.name == "missiles in previous 90 days"


def test_pause_after_counts_days_between_last_and_next_launch(small):
    p = an.pause_after(small, "2017-12-31")
    assert p["last"] == pd.Timestamp("2017-11-29")
    assert p["next"] == pd.Timestamp("2019-05-04")
    assert p["days"] == (pd.Timestamp("2019-05-04") - pd.Timestamp("2017-11-29")).days == 521
    assert p["last_name"] == "Hwasong-15"


def test_pause_after_with_nothing_before_or_nothing_after(small):
    p = an.pause_after(small, "2017-12-31")
    assert (p["last_name"], p["next_name"]) == ("Hwasong-15", "Hwasong-11A (KN-23)")
    tail = an.pause_after(small, "2024-01-01")
    assert tail["last"] == pd.Timestamp("2023-05-01") and (tail["next"], tail["days"], tail["next_name"]) == (
        None, None, None)
    head = an.pause_after(small, "2000-01-01")
    assert (head["last"], head["days"], head["last_name"]) == (None, None, None)
    assert head["next"] == pd.Timestamp("2016-03-01") and head["next_name"] == "KN-02"


# ----------------------------------------------------------------- launches_by_term


def test_launches_by_term_normalises_by_time_in_office(small):
    leaders = pd.DataFrame({
        "country": ["US", "US", "US"], "name": ["A", "B", "C"], "party": ["x", "y", "z"],
        "start_date": pd.to_datetime(["2013-01-20", "2017-01-20", "2021-01-20"]),
        "end_date": pd.to_datetime(["2017-01-20", "2021-01-20", None]),
        "acting": [False, False, False]})
    t = an.launches_by_term(small, leaders, "US", start="2016-01-01", end="2023-12-31").set_index("name")
    assert t.loc["A", "missiles"] == 3  # 2016: two-missile salvo + SLBM
    assert t.loc["B", "missiles"] == 2
    assert t.loc["C", "missiles"] == 3
    years_a = (pd.Timestamp("2017-01-20") - pd.Timestamp("2016-01-01")).days / 365.25
    assert t.loc["A", "per_year"] == pytest.approx(round(3 / years_a, 1))
    assert t.loc["C", "end"] == pd.Timestamp("2023-12-31")


def test_launches_by_term_take_us_leaders_by_default():
    leaders = pd.DataFrame({
        "country": ["US", "ROK"], "name": ["A", "B"], "acting": [False, False],
        "start_date": pd.to_datetime(["2016-01-01", "2016-01-01"]), "end_date": pd.to_datetime([None, None]),
    })
    table = tempo.launches_by_term(event_launches(["2016-06-01", "2016-07-01"]), leaders)
    assert table["name"].tolist() == ["A"] and table["missiles"].tolist() == [2]


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


def test_launches_by_term_leaves_out_a_term_that_ended_as_the_record_began():
    leaders = pd.DataFrame({
        "country": ["US", "US"], "name": ["Before", "During"], "party": ["x", "y"],
        "start_date": pd.to_datetime(["2012-01-20", "2016-01-01"]),
        "end_date": pd.to_datetime(["2016-01-01", None]),
        "acting": [False, False]})
    launches = launches_frame([("a", "2016-05-01", "e1", "X", "SRBM", "success", None, None)])
    t = an.launches_by_term(launches, leaders, "US", start="2016-01-01", end="2016-12-31")
    assert t["name"].tolist() == ["During"]


# ----------------------------------------------------------------- summit_window_test


def test_summit_window_test_is_deterministic_and_detects_quiet_windows():
    # a launch every 10 days except a 200-day quiet spell holding the summits
    days = [d for d in pd.date_range("2010-01-01", "2014-12-31", freq="10D")
            if not (pd.Timestamp("2012-01-01") <= d <= pd.Timestamp("2012-07-19"))]
    launches = located_launches([(d, "SRBM", "X", "S", 39.0, 125.0, None, "success") for d in days])
    summits = pd.DataFrame({"id": ["s1", "s2"], "name": ["one", "two"], "kind": ["summit", "summit"],
                            "track": ["us_dprk", "inter_korean"],
                            "date": pd.to_datetime(["2012-03-01", "2012-05-01"]),
                            "end_date": pd.to_datetime(["2012-03-02", "2012-05-01"])})
    a = an.summit_window_test(launches, summits, window_days=30, n_perm=2000, seed=0)
    b = an.summit_window_test(launches, summits, window_days=30, n_perm=2000, seed=0)
    assert a["observed_mean"] == 0.0
    assert a["p_fewer"] == b["p_fewer"] and np.array_equal(a["null"], b["null"])
    assert a["expected_mean"] == pytest.approx(6.0, abs=0.6)  # 61–62-day windows, one launch per 10 days
    assert a["p_fewer"] < 0.05 < a["p_more"]
    assert list(a["summits"]["events_in_window"]) == [0, 0]


def test_summit_window_test_with_an_end_counts_the_last_day_and_drops_later_summits():
    launches = located_launches([(d, "SRBM", "X", "S", 39.0, 125.0, None, "success")
                               for d in ["2020-01-10", "2020-03-31", "2020-06-01"]])
    summits = pd.DataFrame({"id": ["s1", "s2"], "name": ["one", "two"], "kind": ["summit", "summit"],
                            "track": ["us_dprk", "us_dprk"], "date": pd.to_datetime(["2020-03-20", "2020-04-02"]),
                            "end_date": pd.to_datetime([None, None])})
    t = an.summit_window_test(launches, summits, window_days=15, start="2020-01-01", end="2020-03-31",
                              n_perm=100, seed=1)
    assert (t["start"], t["end"]) == (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-03-31"))
    assert t["n_summits"] == 1 and t["summits"]["id"].tolist() == ["s1"]
    assert t["summits"]["end_date"].tolist() == [pd.Timestamp("2020-03-20")]
    assert t["observed_mean"] == 1.0 and t["summits"]["events_in_window"].tolist() == [1]
    assert (t["window_days"], t["n_perm"], t["seed"], len(t["null"])) == (15, 100, 1, 100)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # no summit: NumPy warns of the mean of no windows
def test_summit_window_test_at_the_record_start_and_without_summits():
    launches = located_launches([(d, "SRBM", "X", "S", 39.0, 125.0, None, "success")
                               for d in ["2020-01-01", "2020-03-31"]])
    summits = pd.DataFrame({"id": ["s1"], "name": ["one"], "kind": ["summit"], "track": ["us_dprk"],
                            "date": pd.to_datetime(["2020-01-06"]), "end_date": pd.to_datetime(["2020-01-06"])})
    t = an.summit_window_test(launches, summits, window_days=15, n_perm=50, seed=1)
    assert t["summits"]["events_in_window"].tolist() == [1]          # the launch on the record's first day
    none = an.summit_window_test(launches, summits.iloc[:0], window_days=15, n_perm=50, seed=1)
    assert none["n_summits"] == 0 and np.isnan(none["observed_mean"])
    quiet = an.summit_window_test(launches, summits.assign(date=pd.to_datetime(["2020-02-15"]),
                                                           end_date=pd.to_datetime(["2020-02-15"])),
                                  window_days=15, n_perm=50, seed=1)
    assert quiet["observed_mean"] == 0.0 and quiet["p_more"] == 1.0   # every placement holds at least none


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


# ----------------------------------------------------------------- before_after


def test_before_after(small):
    ba = an.before_after(small, "2021-04-30", months=12)
    assert ba["missiles_before"] == 0 and ba["missiles_after"] == 1
    assert ba["new_after_names"] == ["Hwasong-12B"]


def test_before_after_take_twelve_months_by_default():
    launches = event_launches(["2015-12-31", "2016-01-01", "2017-12-31", "2018-01-01"]).assign(facility="Site")
    r = tempo.before_after(launches, "2017-01-01")
    assert (r["missiles_before"], r["missiles_after"]) == (1, 1)
    assert r["end_after"] == pd.Timestamp("2018-01-01")


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


def test_before_after_a_first_flight_on_the_window_end_is_outside():
    launches = launches_frame([
        ("a", "2020-01-01", "e1", "Old", "SRBM", "success", None, None),
        ("b", "2021-06-01", "e2", "Inside", "SRBM", "success", None, None),
        ("c", "2022-01-01", "e3", "OnTheEnd", "SRBM", "success", None, None),
    ]).assign(facility="Site")
    ba = an.before_after(launches, "2021-01-01", months=12)
    assert ba["new_after_names"] == ["Inside"] and ba["new_after"] == 1
    assert ba["missiles_after"] == 1 and ba["end_after"] == pd.Timestamp("2022-01-01")


# ----------------------------------------------------------------- negotiation_cycle


def test_negotiation_cycle_before_and_after():
    s = pd.DataFrame({"id": ["x", "y"], "name": ["X", "Y"], "track": ["us_dprk", "inter_korean"],
                      "kind": ["talks", "summit"], "date": pd.to_datetime(["2011-06-01", "2011-06-01"]),
                      "end_date": pd.to_datetime(["2011-06-02", "2011-06-01"])})
    cyc = an.negotiation_cycle(s, L, T, classes=("ICBM",))
    assert cyc["id"].tolist() == ["x"]
    assert bool(cyc["preceded"].iloc[0]) and bool(cyc["followed"].iloc[0])
    assert cyc["prior_test_date"].iloc[0] == pd.Timestamp("2010-06-01")
    assert cyc["next_test_date"].iloc[0] == pd.Timestamp("2012-01-01")


def test_negotiation_cycle_of_a_meeting_without_an_end_date_counts_from_its_first_day():
    s = pd.DataFrame({"id": ["x"], "name": ["X"], "track": ["six_party"], "kind": ["talks"],
                      "date": pd.to_datetime(["2011-01-05"]), "end_date": pd.to_datetime([None])})
    cyc = an.negotiation_cycle(s, L, T, classes=("ICBM",), days=360)
    row = cyc.iloc[0]
    assert row["end_date"] == pd.Timestamp("2011-01-05")
    # the next test (2012-01-01) is 361 days after the first day: not within 360
    assert row["next_test_date"] == pd.Timestamp("2012-01-01") and not row["followed"]
    assert an.negotiation_cycle(s, L, T, classes=("ICBM",), days=361)["followed"].tolist() == [True]


def test_negotiation_cycle_after_the_last_major_test_has_no_next_test():
    s = pd.DataFrame({"id": ["z"], "name": ["Z"], "track": ["us_dprk"], "kind": ["talks"],
                      "date": pd.to_datetime(["2012-12-30"]), "end_date": pd.to_datetime(["2013-01-02"])})
    row = an.negotiation_cycle(s, L, T, classes=("ICBM",)).iloc[0]
    assert pd.isna(row["next_test_date"]) and not row["followed"]
    assert row["prior_test_date"] == pd.Timestamp("2012-01-01") and row["preceded"]


def test_negotiation_cycle_looks_a_year_either_side_by_default():
    launches = launches_frame([("a", "2016-01-01", "ea", "X", "ICBM", "success", None, None),
                               ("b", "2018-01-01", "eb", "X", "ICBM", "success", None, None)])
    tests = pd.DataFrame({"date": pd.to_datetime([]), "test_number": [], "source_url": []})
    summits = _summits([("2017-01-01", None, "us_dprk"), ("2017-01-02", None, "us_dprk")])
    cycle = tempo.negotiation_cycle(summits, launches, tests)
    # 2016-01-01 is 366 days before 2017-01-01 and 367 before 2017-01-02; 2018-01-01 is 365 and 364 after
    assert cycle[["preceded", "followed"]].values.tolist() == [[False, True], [False, True]]
