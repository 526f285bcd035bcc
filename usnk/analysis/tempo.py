"""The tempo of launches against diplomacy: rates over periods and terms in office, rolling
counts, pauses, summit windows against chance, and the provocation–negotiation cycle."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .launches import first_flights, launch_events
from .sanctions import LONG_RANGE_CLASSES, major_tests


#: The Biden administration's "calibrated, practical approach", announced when the
#: White House completed its DPRK policy review (press secretary Jen Psaki, 30 April 2021).
CALIBRATED_APPROACH = {
    "date": pd.Timestamp("2021-04-30"),
    "label": "US announces a “calibrated, practical approach”",
    "source_url": "https://m-en.yna.co.kr/view/AEN20210501000451325",
}



def period_tempo(launches: pd.DataFrame, start, end) -> dict:
    """Missiles, events and years in ``[start, end]`` (inclusive dates) and the yearly
    rate of each, e.g. to compare the Six-Party Talks years with the years around them."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    sel = launches[(launches["date"] >= start) & (launches["date"] <= end)]
    years = ((end - start).days + 1) / 365.25
    events = sel["event_id"].nunique()
    return {"start": start, "end": end, "missiles": len(sel), "events": int(events), "years": years,
            "missiles_per_year": len(sel) / years if years else float("nan"),
            "events_per_year": events / years if years else float("nan")}



def rolling_launches(launches: pd.DataFrame, *, window_days: int = 90, start=None, end=None,
                     unit: str = "missiles") -> pd.Series:
    """Missiles (or launch events, ``unit="events"``) in the trailing ``window_days``
    days, evaluated daily from ``start`` to ``end`` (default: the launch record)."""
    if unit == "events":
        frame = launch_events(launches)
        weights = pd.Series(1, index=frame.index)
    else:
        frame = launches
        weights = pd.Series(1, index=frame.index)
    start = pd.Timestamp(start) if start is not None else frame["date"].min()
    end = pd.Timestamp(end) if end is not None else frame["date"].max()
    days = pd.date_range(start - pd.Timedelta(days=window_days), end, freq="D")
    daily = weights.groupby(frame["date"].values).sum().reindex(days, fill_value=0)
    rolled = daily.rolling(window_days, min_periods=1).sum().astype(int)
    rolled = rolled.loc[start:end]
    rolled.index.name = "date"
    rolled.name = f"{unit} in previous {window_days} days"
    return rolled



def pause_after(launches: pd.DataFrame, date) -> dict:
    """The launch-free gap after ``date``: the last launch on or before it, the next
    launch after it, and the gap in days (``next`` is None if nothing followed)."""
    date = pd.Timestamp(date)
    before = launches.loc[launches["date"] <= date, "date"]
    after = launches.loc[launches["date"] > date, "date"]
    last = before.max() if len(before) else None
    nxt = after.min() if len(after) else None
    last_row = launches.loc[launches["date"] == last].iloc[0] if last is not None else None
    next_row = launches.loc[launches["date"] == nxt].iloc[0] if nxt is not None else None
    return {
        "last": last, "next": nxt,
        "days": int((nxt - last).days) if last is not None and nxt is not None else None,
        "last_name": None if last_row is None else last_row["missile_name"],
        "next_name": None if next_row is None else next_row["missile_name"],
    }



def launches_by_term(launches: pd.DataFrame, leaders: pd.DataFrame, country: str = "US", *,
                     start=None, end=None) -> pd.DataFrame:
    """Missiles launched during each (non-acting) term of ``country``'s leaders that
    overlaps the launch record, normalised by the time in office within the record.

    ``start``/``end`` bound the record (default: 1 January of the first launch year to
    the newest launch). A term still running ends at ``end``. Columns: ``name``,
    ``start``, ``end`` (clipped), ``years`` (in office within the record), ``missiles``,
    ``events``, ``per_year`` (missiles per year in office), ``label``.
    """
    start = pd.Timestamp(start) if start is not None else pd.Timestamp(launches["date"].min().year, 1, 1)
    end = pd.Timestamp(end) if end is not None else launches["date"].max()
    terms = leaders[(leaders["country"] == country) & ~leaders["acting"].astype(bool)].copy()
    # a term that goes on after the record's last day owns that day; one that ends on it
    # hands it over (a launch on a handover day belongs to the incoming leader)
    terms["owns_end"] = terms["end_date"].isna() | (terms["end_date"] > end)
    terms["end_date"] = terms["end_date"].fillna(end)
    terms = terms[(terms["end_date"] > start) & (terms["start_date"] <= end)]
    ev = launch_events(launches)
    rows = []
    for t in terms.itertuples(index=False):
        s, e = max(t.start_date, start), min(t.end_date, end)
        in_term = (launches["date"] >= s) & ((launches["date"] < e) | ((launches["date"] == e) & t.owns_end))
        ev_in = (ev["date"] >= s) & ((ev["date"] < e) | ((ev["date"] == e) & t.owns_end))
        years = (e - s).days / 365.25
        n = int(in_term.sum())
        rows.append({
            "name": t.name, "start": s, "end": e, "years": round(years, 2), "missiles": n,
            "events": int(ev_in.sum()), "per_year": round(n / years, 1) if years > 0 else float("nan"),
            "label": f"{t.name} ({s.year}–{e.year})",
        })
    return pd.DataFrame(rows, columns=["name", "start", "end", "years", "missiles", "events", "per_year", "label"])



def summit_window_test(launches: pd.DataFrame, summits: pd.DataFrame, *, window_days: int = 30,
                       kinds=("summit",), tracks=("us_dprk", "inter_korean"), start=None, end=None,
                       n_perm: int = 10000, seed: int = 0) -> dict:
    """Launch events within ``window_days`` of summits, against chance.

    The statistic is the mean number of launch events in the windows from
    ``window_days`` before each summit's first day to ``window_days`` after its last.
    Chance: the same number of windows of the same lengths placed on days drawn
    uniformly at random in ``[start, end]`` (``n_perm`` draws with
    ``numpy.random.default_rng(seed)``). ``p_fewer`` is the one-sided share of random
    placements with a mean no higher than observed (with the usual +1 correction);
    ``p_more`` the share with a mean no lower.
    """
    ev = launch_events(launches)
    start = pd.Timestamp(start) if start is not None else ev["date"].min()
    end = pd.Timestamp(end) if end is not None else ev["date"].max()
    sel = summits[summits["kind"].isin(kinds) & summits["track"].isin(tracks)
                  & (summits["date"] >= start) & (summits["date"] <= end)].copy()
    sel["end_date"] = sel["end_date"].fillna(sel["date"])
    origin = start
    ev_days = ((ev.loc[(ev["date"] >= start) & (ev["date"] <= end), "date"] - origin).dt.days).to_numpy()
    n_days = (end - start).days + 1
    counts = np.bincount(ev_days, minlength=n_days)
    cum = np.concatenate([[0], np.cumsum(counts)])

    def window_counts(first_days, spans):
        lo = np.clip(first_days - window_days, 0, n_days)
        hi = np.clip(first_days + spans + window_days + 1, 0, n_days)
        return cum[hi] - cum[lo]

    s_days = (sel["date"] - origin).dt.days.to_numpy()
    spans = (sel["end_date"] - sel["date"]).dt.days.to_numpy()
    observed_each = window_counts(s_days, spans)
    observed = float(observed_each.mean()) if len(sel) else float("nan")
    rng = np.random.default_rng(seed)
    null = np.empty(n_perm)
    for i in range(n_perm):
        draw = rng.integers(window_days, n_days - window_days, size=len(sel))
        null[i] = window_counts(draw, spans).mean()
    per_summit = sel[["id", "name", "date", "end_date"]].reset_index(drop=True)
    per_summit["events_in_window"] = observed_each
    return {
        "summits": per_summit,
        "n_summits": int(len(sel)),
        "window_days": window_days,
        "start": start, "end": end,
        "observed_mean": observed,
        "expected_mean": float(null.mean()),
        "null": null,
        "p_fewer": float((1 + (null <= observed).sum()) / (n_perm + 1)),
        "p_more": float((1 + (null >= observed).sum()) / (n_perm + 1)),
        "n_perm": n_perm,
        "seed": seed,
    }



def before_after(launches: pd.DataFrame, date, *, months: int = 12) -> dict:
    """Missiles launched and new systems first flown in the ``months`` before and
    after ``date`` (the day itself counts as after)."""
    date = pd.Timestamp(date)
    lo, hi = date - pd.DateOffset(months=months), date + pd.DateOffset(months=months)
    before = launches[(launches["date"] >= lo) & (launches["date"] < date)]
    after = launches[(launches["date"] >= date) & (launches["date"] < hi)]
    ff = first_flights(launches)
    return {
        "missiles_before": int(len(before)), "missiles_after": int(len(after)),
        "new_before": int(((ff["date"] >= lo) & (ff["date"] < date)).sum()),
        "new_after": int(((ff["date"] >= date) & (ff["date"] < hi)).sum()),
        "new_after_names": ff.loc[(ff["date"] >= date) & (ff["date"] < hi), "missile_name"].tolist(),
        "end_after": hi, "complete": bool(launches["date"].max() >= hi),
    }



def negotiation_cycle(summits: pd.DataFrame, launches: pd.DataFrame, tests: pd.DataFrame,
                      *, tracks=("us_dprk", "six_party"), days: int = 365,
                      classes=LONG_RANGE_CLASSES) -> pd.DataFrame:
    """For each negotiation (summits, talks and agreements on ``tracks``): whether a
    major test (nuclear test or long-range launch) came in the ``days`` before it
    started, and in the ``days`` after it ended. Columns ``id, name, date, end_date,
    preceded, followed, prior_test_date, next_test_date``."""
    major = major_tests(launches, tests, classes=classes)["date"].sort_values()
    s = summits[summits["track"].isin(list(tracks))].sort_values(["date", "id"])
    rows = []
    for _, r in s.iterrows():
        end = r["end_date"] if pd.notna(r["end_date"]) else r["date"]
        prior = major[major < r["date"]]
        nxt = major[major > end]
        prior_d = prior.iloc[-1] if len(prior) else pd.NaT
        next_d = nxt.iloc[0] if len(nxt) else pd.NaT
        rows.append({"id": r["id"], "name": r["name"], "date": r["date"], "end_date": end,
                     "preceded": bool(pd.notna(prior_d) and (r["date"] - prior_d).days <= days),
                     "followed": bool(pd.notna(next_d) and (next_d - end).days <= days),
                     "prior_test_date": prior_d, "next_test_date": next_d})
    return pd.DataFrame(rows, columns=["id", "name", "date", "end_date", "preceded", "followed",
                                       "prior_test_date", "next_test_date"])


def share_of_days_near(event_dates, start, end, *, days: int, after: bool = False) -> float:
    """The chance baseline of :func:`negotiation_cycle`: the share of calendar days from
    ``start`` to ``end`` (inclusive) that have an event in the ``days`` before them (an
    event strictly earlier and at most ``days`` days back), or, with ``after``, in the
    ``days`` after them. NaN for an empty span."""
    grid = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D").to_numpy()
    if not len(grid):
        return float("nan")
    ev = np.sort(pd.to_datetime(pd.Series(event_dates)).dropna().to_numpy())
    if not len(ev):
        return 0.0
    limit = np.timedelta64(int(days), "D")
    if after:
        i = np.searchsorted(ev, grid, side="right")
        ok = i < len(ev)
        gap = ev[np.minimum(i, len(ev) - 1)] - grid
    else:
        i = np.searchsorted(ev, grid, side="left")
        ok = i > 0
        gap = grid - ev[np.maximum(i - 1, 0)]
    return float((ok & (gap <= limit)).mean())
