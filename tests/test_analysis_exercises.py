"""Launches after US-ROK exercise starts against same-year windows (usnk/analysis/exercises.py),
on hand-made tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framefixture import event_launches, table_frame
from usnk.analysis import exercises as X
from usnk.analysis.claims import CONTRADICTED, NOT_TESTABLE, MIXED, SUPPORTED
from usnk.load import load

URL = "https://example.org/x"


def exercises(*rows):
    """rows: (id, date, status, precision)."""
    return table_frame("exercises", [{"id": i, "name": i.title(), "date": d, "date_precision": p,
                                      "kind": "command_post", "status": s, "source_url": URL}
                                     for i, d, s, p in rows])


def test_starts_merge_same_day_exercises_and_skip_undated_or_cancelled():
    ex = exercises(("foal-eagle", "2015-03-02", "held", "day"), ("key-resolve", "2015-03-02", "held", "day"),
                   ("ufg", "2018-08-01", "suspended", "month"), ("ccpt", "2020-08-18", "scaled_down", "day"))
    starts = X.exercise_starts(ex)
    assert starts["date"].dt.strftime("%Y-%m-%d").tolist() == ["2015-03-02", "2020-08-18"]
    assert starts["names"].tolist() == ["Foal-Eagle; Key-Resolve", "Ccpt"]


def test_launches_right_after_an_exercise_are_an_excess():
    # 2015-03-02 is day 60 of the year; windows starting on days 47-73 overlap the exercise
    # window and are left out of the baseline, leaving 325 of the 352 possible starts; the
    # 14 windows that contain 1 September hold the baseline's only event.
    test = X.exercise_window_test(event_launches(["2015-03-03", "2015-03-05", "2015-09-01"]),
                                  exercises(("key-resolve", "2015-03-02", "held", "day")), n_perm=200)
    assert test["observed_mean"] == 2.0
    assert test["expected_mean"] == pytest.approx(14 / 325)
    assert test["p_more"] == pytest.approx(1 / 201)
    v = X.exercises_verdict(test)
    assert v.verdict == SUPPORTED and "2.00 launch events" in v.evidence


def test_an_excess_within_chance_is_mixed():
    every_20_days = [f"2015-{m:02d}-{d:02d}" for m, d in
                     [(1, 1), (1, 21), (2, 10), (3, 2), (3, 22), (4, 11), (5, 1), (5, 21), (6, 10), (6, 30),
                      (7, 20), (8, 9), (8, 29), (9, 18), (10, 8), (10, 28), (11, 17), (12, 7), (12, 27)]]
    test = X.exercise_window_test(event_launches(every_20_days),
                                  exercises(("key-resolve", "2015-03-02", "held", "day")), n_perm=500)
    assert test["observed_mean"] == 1.0 and 0.6 < test["expected_mean"] < 0.8
    assert test["p_more"] > 0.5
    assert X.exercises_verdict(test).verdict == MIXED


def test_no_launches_after_exercises_contradicts_the_claim():
    test = X.exercise_window_test(event_launches(["2015-06-01", "2016-06-01"]),
                                  exercises(("a", "2015-03-02", "held", "day"), ("b", "2016-03-07", "held", "day")),
                                  n_perm=200)
    assert test["observed_mean"] == 0.0 and test["expected_mean"] > 0
    assert X.exercises_verdict(test).verdict == CONTRADICTED


def test_without_dated_exercises_the_claim_is_not_testable():
    test = X.exercise_window_test(event_launches(["2018-08-10"]),
                                  exercises(("ufg", "2018-08-01", "suspended", "month")))
    assert test["n_exercises"] == 0
    assert X.exercises_verdict(test).verdict == NOT_TESTABLE


def test_real_data_exercise_windows():
    test = X.exercise_window_test(load("missile_launches"), load("exercises"))  # the book's 10,000 draws
    assert test["n_exercises"] == 23 and test["window_days"] == 14
    windows = test["windows"].set_index(test["windows"]["date"].dt.strftime("%Y-%m-%d"))
    assert windows.loc["2017-08-21", "events"] == 4  # the launches of 26 and 29 August 2017
    # with the reconciled launch dates and the two exercises of 2026: 1.09 events after an exercise
    # starts against 0.57 elsewhere
    assert round(test["observed_mean"], 2) == 1.09 and round(test["expected_mean"], 2) == 0.57
    assert round(test["p_more"], 3) == 0.025  # about 2.5 % of the 10,000 draws reach the observed mean
    assert X.exercises_verdict(test).verdict == SUPPORTED


def test_window_test_returns_every_key_and_one_row_per_exercise_start():
    test = X.exercise_window_test(event_launches(["2015-03-03", "2015-03-05", "2015-09-01"]),
                                  exercises(("key-resolve", "2015-03-02", "held", "day")), n_perm=200, seed=3)
    assert sorted(test) == ["expected_mean", "n_exercises", "n_perm", "observed_mean", "p_fewer", "p_more",
                            "ratio", "seed", "window_days", "windows", "years"]
    assert (test["years"], test["seed"], test["n_perm"], test["window_days"], test["p_fewer"]) == (
        [2015], 3, 200, 14, 1.0)
    assert test["ratio"] == pytest.approx(2 / (14 / 325))
    w = test["windows"]
    assert w.columns.tolist() == ["date", "names", "events", "baseline_mean"]
    assert w["names"].tolist() == ["Key-Resolve"] and w["events"].tolist() == [2]
    assert w["baseline_mean"].tolist() == pytest.approx([14 / 325])
    assert X.exercises_verdict(test).evidence == (
        "2.00 launch events on average in the 14 days from the start of 1 exercise periods, against 0.04 in all "
        "other 14-day windows of the same years (p = 0.005 for an excess). The exercise list is incomplete, so "
        "some baseline windows contain unlisted exercises.")


def test_window_test_without_exercise_starts_has_empty_windows_and_no_statistics():
    test = X.exercise_window_test(event_launches(["2018-08-10"]),
                                  exercises(("ufg", "2018-08-01", "suspended", "month")), n_perm=50, seed=2)
    assert (test["window_days"], test["n_perm"], test["seed"]) == (14, 50, 2)
    assert all(math.isnan(test[k]) for k in ("observed_mean", "expected_mean", "ratio", "p_more", "p_fewer"))
    assert test["windows"].columns.tolist() == ["date", "names", "events"] and test["windows"].empty
    v = X.exercises_verdict(test)
    assert (v.claim_id, v.evidence) == ("launches-follow-exercises",
                                        "No exercise with a known first day in the exercises table.")


def test_exercises_verdict_at_the_edges_of_its_rule():
    def verdict(observed, expected, p):
        return X.exercises_verdict({"n_exercises": 2, "observed_mean": observed, "expected_mean": expected,
                                    "p_more": p, "window_days": 14}).verdict
    assert verdict(1.5, 1.0, 0.049) == SUPPORTED
    assert verdict(1.5, 1.0, 0.05) == MIXED   # significance needs p below alpha
    assert verdict(1.0, 1.0, 0.01) == CONTRADICTED  # no more than the baseline


def test_window_test_without_baseline_events_has_no_ratio():
    test = X.exercise_window_test(event_launches(["2015-03-03"]),
                                  exercises(("key-resolve", "2015-03-02", "held", "day")), n_perm=20)
    assert (test["observed_mean"], test["expected_mean"]) == (1.0, 0.0) and math.isnan(test["ratio"])
    assert X.exercises_verdict(test).claim_id == "launches-follow-exercises"


# ----------------------------------------------------------------- default arguments and the edges of the windows


def _exercises(rows):
    return table_frame("exercises", [
        {"id": f"x{i}", "name": f"X{i}", "date": d, "date_precision": "day", "end_date": d, "kind": "combined",
         "status": "held", "source_url": "https://example.org/x"} for i, d in enumerate(rows)])


def test_exercise_window_test_defaults_fourteen_days_ten_thousand_draws_seed_zero():
    # the start day and 13 days after are in the window; the 14th day after is not
    launches = event_launches(["2015-03-01", "2015-03-14", "2015-03-15"])
    r = X.exercise_window_test(launches, _exercises(["2015-03-01"]))
    assert (r["window_days"], r["n_perm"], r["seed"]) == (14, 10000, 0)
    assert r["windows"]["events"].tolist() == [2]
    again = X.exercise_window_test(launches, _exercises(["2015-03-01"]), window_days=14, n_perm=10000, seed=0)
    assert again["p_more"] == r["p_more"] and again["expected_mean"] == r["expected_mean"]


def test_exercise_window_test_counts_a_launch_on_the_last_day_of_the_last_year():
    launches = event_launches(["2015-12-31"])
    r = X.exercise_window_test(launches, _exercises(["2015-12-18"]), n_perm=50)
    assert r["windows"]["events"].tolist() == [1]


def test_exercise_window_test_baseline_is_every_other_whole_window_of_the_year():
    """The baseline mean, counted by brute force: every 14-day window that starts and
    ends in the exercise's year and does not overlap the exercise's own window."""
    dates = ["2015-01-01", "2015-02-20", "2015-03-01", "2015-03-05", "2015-03-20", "2015-03-28",
             "2015-04-01", "2015-07-04", "2015-12-18", "2015-12-31"]
    launches = event_launches(dates)
    start = pd.Timestamp("2015-03-15")
    r = X.exercise_window_test(launches, _exercises([start.strftime("%Y-%m-%d")]), n_perm=10)
    days = pd.to_datetime(dates)
    counts = []
    for s in pd.date_range("2015-01-01", "2015-12-18"):
        e = s + pd.Timedelta(days=13)
        if e < start or s > start + pd.Timedelta(days=13):
            counts.append(int(((days >= s) & (days <= e)).sum()))
    assert r["expected_mean"] == sum(counts) / len(counts)
    assert r["observed_mean"] == 2.0  # 20 and 28 March


def test_exercises_verdict_significance_is_five_percent_by_default():
    base = {"n_exercises": 3, "observed_mean": 2.0, "expected_mean": 1.0, "window_days": 14}
    assert X.exercises_verdict(base | {"p_more": 0.049}).verdict == X.SUPPORTED
    assert X.exercises_verdict(base | {"p_more": 0.05}).verdict == X.MIXED
