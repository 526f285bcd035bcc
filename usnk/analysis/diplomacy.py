"""Diplomacy and launch tempo (chapter 3): rolling counts, pauses, launches per
term in office, launches around summits against chance, first flights of new systems."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .nuclear import launch_events

#: The Biden administration's "calibrated, practical approach", announced when the
#: White House completed its DPRK policy review (press secretary Jen Psaki, 30 April 2021).
CALIBRATED_APPROACH = {
    "date": pd.Timestamp("2021-04-30"),
    "label": "US announces a “calibrated, practical approach”",
    "source_url": "https://m-en.yna.co.kr/view/AEN20210501000451325",
}

#: New systems whose defining feature is not in the launch table's class column:
#: missile name → (group, what the publisher reported, source URL).
SYSTEM_FEATURES = {
    "Hwasong-18": ("Solid-fuel ICBM", "first test of the solid-fuel Hwasong-18 ICBM",
                   "https://www.shephardmedia.com/news/defence-notes/north-korea-launches-solid-fuelled-icbm-for-the-first-time/"),
    "Hwasong-19": ("Solid-fuel ICBM", "Hwasong-19, announced to operate alongside the solid-fuel Hwasong-18",
                   "https://chosun.com/english/north-korea-en/2024/11/01/3VK4FNZIQJH6DHR5RGPTNL7PD4"),
}

#: Order of the groups on the first-flights chart.
SYSTEM_GROUPS = ["SLBM", "Hypersonic glide vehicle", "Solid-fuel ICBM", "Other new system"]


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
    terms["end_date"] = terms["end_date"].fillna(end)
    terms = terms[(terms["end_date"] > start) & (terms["start_date"] <= end)]
    ev = launch_events(launches)
    rows = []
    for t in terms.itertuples(index=False):
        s, e = max(t.start_date, start), min(t.end_date, end)
        # a launch on a handover day belongs to the incoming leader
        in_term = (launches["date"] >= s) & ((launches["date"] < e) | ((launches["date"] == e) & (e == end)))
        ev_in = (ev["date"] >= s) & ((ev["date"] < e) | ((ev["date"] == e) & (e == end)))
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


def first_flights(launches: pd.DataFrame, *, since=None) -> pd.DataFrame:
    """The first launch of every named system (``Unknown`` left out), with its group:
    SLBM and hypersonic glide vehicle from the table's class, solid-fuel ICBMs from
    :data:`SYSTEM_FEATURES` (with the publisher's URL), else "Other new system"."""
    named = launches[launches["missile_name"].notna() & (launches["missile_name"].str.lower() != "unknown")]
    first = (named.sort_values(["date", "id"], kind="stable").groupby("missile_name", sort=False).head(1)
                  .loc[:, ["missile_name", "date", "missile_class", "facility", "outcome", "apogee_km",
                           "distance_km", "source_url"]].reset_index(drop=True))
    groups, notes, urls = [], [], []
    for row in first.itertuples(index=False):
        feat = SYSTEM_FEATURES.get(row.missile_name)
        if row.missile_class == "SLBM":
            groups.append("SLBM"); notes.append("submarine-launched ballistic missile (class in the data)")
            urls.append(row.source_url)
        elif row.missile_class == "HGV":
            groups.append("Hypersonic glide vehicle"); notes.append("hypersonic glide vehicle (class in the data)")
            urls.append(row.source_url)
        elif feat is not None:
            groups.append(feat[0]); notes.append(feat[1]); urls.append(feat[2])
        else:
            groups.append("Other new system"); notes.append(""); urls.append(row.source_url)
    first["group"] = groups
    first["note"] = notes
    first["group_source_url"] = urls
    if since is not None:
        first = first[first["date"] >= pd.Timestamp(since)].reset_index(drop=True)
    return first


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


def yearly_since(launches: pd.DataFrame, year: int) -> pd.DataFrame:
    """Missiles per year from ``year`` to the newest launch, with the number of
    distinct named systems and whether the year is complete in the data."""
    recent = launches[launches["date"].dt.year >= year]
    newest = launches["date"].max()
    rows = []
    for y in range(year, newest.year + 1):
        yr = recent[recent["date"].dt.year == y]
        names = yr.loc[yr["missile_name"].str.lower() != "unknown", "missile_name"].nunique()
        rows.append({"year": y, "missiles": int(len(yr)), "events": int(yr["event_id"].nunique()),
                     "systems": int(names), "complete": bool(y < newest.year or newest >= pd.Timestamp(y, 12, 31))})
    return pd.DataFrame(rows)
