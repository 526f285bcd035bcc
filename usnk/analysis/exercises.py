"""Do launches follow US-ROK exercises? Launch events in the days after each exercise starts,
against every other window of the same length in the same years.

Pure functions of the typed tables ``missile_launches`` and ``exercises``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .claims import CONTRADICTED, MIXED, NOT_TESTABLE, SUPPORTED, Verdict
from .launches import launch_events

SECTION = "ch2-exercises"
HELD = ("held", "scaled_down")


def exercise_starts(exercises: pd.DataFrame, *, statuses=HELD) -> pd.DataFrame:
    """Exercises that took place with a known first day, one row per distinct start date
    (Key Resolve and Foal Eagle often start together): ``date, names``."""
    sel = exercises[exercises["status"].isin(statuses) & (exercises["date_precision"] == "day")]
    grouped = sel.sort_values(["date", "id"]).groupby("date")["name"].agg("; ".join)
    return grouped.reset_index().rename(columns={"name": "names"})


def exercise_window_test(launches: pd.DataFrame, exercises: pd.DataFrame, *, window_days: int = 14,
                         n_perm: int = 10000, seed: int = 0) -> dict:
    """Launch events in the ``window_days`` days from each exercise's first day (that day
    included), against chance.

    Baseline: every window of the same length that starts in the same calendar year as an
    exercise, ends in that year, and does not overlap any exercise window. ``expected_mean``
    is the mean count over all baseline windows of the exercise years (each exercise
    weighted by its own year). ``p_more`` is the share of ``n_perm`` random draws (one
    baseline window per exercise, from its own year, ``numpy.random.default_rng(seed)``)
    whose mean is at least the observed mean, with the usual +1 correction; ``p_fewer``
    the share at most the observed mean.
    """
    starts = exercise_starts(exercises)
    ev = launch_events(launches)
    result = {"window_days": window_days, "n_exercises": int(len(starts)), "n_perm": n_perm, "seed": seed}
    if starts.empty:
        return result | {"observed_mean": np.nan, "expected_mean": np.nan, "ratio": np.nan,
                         "p_more": np.nan, "p_fewer": np.nan, "windows": starts.assign(events=[])}
    years = sorted(int(y) for y in starts["date"].dt.year.unique())
    origin = pd.Timestamp(f"{years[0]}-01-01")
    n_days = (pd.Timestamp(f"{years[-1]}-12-31") - origin).days + 1
    ev_days = ((ev["date"] - origin).dt.days).to_numpy()
    ev_days = ev_days[(ev_days >= 0) & (ev_days < n_days)]
    cum = np.concatenate([[0], np.cumsum(np.bincount(ev_days, minlength=n_days))])
    s_days = ((starts["date"] - origin).dt.days).to_numpy()
    observed_each = cum[np.minimum(s_days + window_days, n_days)] - cum[s_days]
    blocked = np.zeros(n_days, dtype=bool)
    for d in s_days:
        blocked[max(d - window_days + 1, 0):min(d + window_days, n_days)] = True
    candidates = {}
    for y in years:
        first = (pd.Timestamp(f"{y}-01-01") - origin).days
        last_start = (pd.Timestamp(f"{y}-12-31") - origin).days - window_days + 1
        days = np.arange(first, last_start + 1)
        candidates[y] = days[~blocked[days]]
    year_of = starts["date"].dt.year.to_numpy()
    base_means = np.array([(cum[candidates[y] + window_days] - cum[candidates[y]]).mean() for y in year_of])
    observed = float(observed_each.mean())
    expected = float(base_means.mean())
    rng = np.random.default_rng(seed)
    draws = np.empty((len(year_of), n_perm), dtype=np.int64)  # one row per exercise, one column per draw
    for j, y in enumerate(year_of):
        draws[j] = candidates[y][rng.integers(0, len(candidates[y]), size=n_perm)]
    null = (cum[draws + window_days] - cum[draws]).mean(axis=0)
    windows = starts.assign(events=observed_each, baseline_mean=base_means)
    return result | {
        "observed_mean": observed, "expected_mean": expected,
        "ratio": observed / expected if expected > 0 else np.nan,
        "p_more": float((1 + (null >= observed).sum()) / (n_perm + 1)),
        "p_fewer": float((1 + (null <= observed).sum()) / (n_perm + 1)),
        "windows": windows, "years": years,
    }


def exercises_verdict(test: dict, *, alpha: float = 0.05) -> Verdict:
    """Verdict on "launches follow military exercises" from :func:`exercise_window_test`.

    Rule: more launch events after exercise starts than in the baseline with
    ``p_more < alpha``: supported; more but within chance: mixed (the data do not settle it); no more
    than the baseline: contradicted; no exercise with a known start: not testable.
    """
    claim = "North Korea answers US-ROK military exercises with missile launches."
    if test["n_exercises"] == 0 or np.isnan(test["observed_mean"]):
        return Verdict("launches-follow-exercises", claim, NOT_TESTABLE,
                       "No exercise with a known first day in the exercises table.", SECTION)
    evidence = (f"{test['observed_mean']:.2f} launch events on average in the {test['window_days']} days from the "
                f"start of {test['n_exercises']} exercise periods, against {test['expected_mean']:.2f} in all other "
                f"{test['window_days']}-day windows of the same years (p = {test['p_more']:.3f} for an excess). "
                f"The exercise list is incomplete, so some baseline windows contain unlisted exercises.")
    if test["observed_mean"] > test["expected_mean"] and test["p_more"] < alpha:
        verdict = SUPPORTED
    elif test["observed_mean"] > test["expected_mean"]:
        verdict = MIXED
    else:
        verdict = CONTRADICTED
    return Verdict("launches-follow-exercises", claim, verdict, evidence, SECTION)
