"""Aggregations for the nuclear chapter: capability, reliability, sanctions and talks.

All functions are pure functions of the typed tables (see :mod:`usnk.load`). Launch
counts are counts of *missiles* (rows) unless a name says ``events`` (distinct
``event_id``: one day's salvo from one place).
"""

from __future__ import annotations

import pandas as pd

#: Classes whose launches the Security Council has treated as the gravest missile
#: activity (long range or satellite launches using ballistic-missile technology).
LONG_RANGE_CLASSES = ("IRBM", "ICBM", "SLV")


def launch_events(launches: pd.DataFrame) -> pd.DataFrame:
    """One row per launch event: date, missiles fired, class and system of the event
    (the first missile's), longest distance and highest apogee, source URL."""
    if launches.empty:
        return pd.DataFrame(columns=["event_id", "date", "missiles", "missile_class", "missile_name",
                                     "distance_km", "apogee_km", "source_url"])
    grouped = launches.sort_values(["date", "id"]).groupby("event_id", sort=False)
    events = grouped.agg(
        date=("date", "first"),
        missiles=("id", "size"),
        missile_class=("missile_class", "first"),
        missile_name=("missile_name", "first"),
        distance_km=("distance_km", "max"),
        apogee_km=("apogee_km", "max"),
        source_url=("source_url", "first"),
    ).reset_index()
    return events.sort_values(["date", "event_id"]).reset_index(drop=True)


def capability_frontier(launches: pd.DataFrame) -> pd.DataFrame:
    """Longest distance and highest apogee flown each year, with the system and date
    that set them, and whether each was a record (greater than every earlier year).

    Columns: ``year, metric ('distance_km'|'apogee_km'), value, missile_name,
    missile_class, date, source_url, record``. Only successful or unknown-outcome
    flights count (a failure's short distance is not a capability), and only rows
    where the metric is known. Years with no known value are absent.
    """
    rows = []
    flown = launches[launches["outcome"] != "failure"]
    for metric in ("distance_km", "apogee_km"):
        known = flown[flown[metric].notna()].sort_values(["date", "id"])
        if known.empty:
            continue
        idx = known.groupby(known["date"].dt.year)[metric].idxmax()
        best = known.loc[idx.to_numpy()]
        best_so_far = float("-inf")
        for _, r in best.iterrows():
            record = bool(r[metric] > best_so_far)
            best_so_far = max(best_so_far, r[metric])
            rows.append({"year": int(r["date"].year), "metric": metric, "value": float(r[metric]),
                         "missile_name": r["missile_name"], "missile_class": r["missile_class"],
                         "date": r["date"], "source_url": r["source_url"], "record": record})
    out = pd.DataFrame(rows, columns=["year", "metric", "value", "missile_name", "missile_class",
                                      "date", "source_url", "record"])
    return out.sort_values(["metric", "year"]).reset_index(drop=True)


def success_rates(launches: pd.DataFrame, *, min_flights: int = 5) -> pd.DataFrame:
    """Outcome counts per identified system flown at least ``min_flights`` times.

    ``rate`` is successes divided by flights whose outcome is known (NaN if none is).
    Rows named 'Unknown' are not a system and are left out. Sorted by flights, most first.
    """
    named = launches[launches["missile_name"].notna() & (launches["missile_name"] != "Unknown")]
    counts = pd.crosstab(named["missile_name"], named["outcome"]).reindex(
        columns=["success", "failure", "unknown"], fill_value=0)
    counts["flights"] = counts.sum(axis=1)
    counts = counts[counts["flights"] >= min_flights]
    known = counts["success"] + counts["failure"]
    counts["rate"] = (counts["success"] / known.where(known > 0)).astype(float)
    span = named.groupby("missile_name")["date"].agg(["min", "max"])
    counts["first_year"] = span.loc[counts.index, "min"].dt.year.to_numpy()
    counts["last_year"] = span.loc[counts.index, "max"].dt.year.to_numpy()
    cls = named.groupby("missile_name")["missile_class"].agg(lambda s: s.mode().iloc[0])
    counts["missile_class"] = cls.loc[counts.index].to_numpy()
    counts = counts.reset_index().rename_axis(None, axis=1)
    return counts.sort_values(["flights", "missile_name"], ascending=[False, True]).reset_index(drop=True)


def cumulative_success(launches: pd.DataFrame, systems) -> pd.DataFrame:
    """Success rate over each system's test history: for every flight of each system
    in ``systems`` (in date order), the cumulative success rate among flights with a
    known outcome so far. Columns ``missile_name, flight, date, outcome, rate``."""
    parts = []
    for name in systems:
        f = launches[launches["missile_name"] == name].sort_values(["date", "id"])
        succ = (f["outcome"] == "success").cumsum()
        known = f["outcome"].isin(["success", "failure"]).cumsum()
        parts.append(pd.DataFrame({
            "missile_name": name, "flight": range(1, len(f) + 1), "date": f["date"].to_numpy(),
            "outcome": f["outcome"].to_numpy(),
            "rate": (succ / known.where(known > 0)).astype(float).to_numpy(),
        }))
    if not parts:
        return pd.DataFrame(columns=["missile_name", "flight", "date", "outcome", "rate"])
    return pd.concat(parts, ignore_index=True)


def sanctions_ratchet(resolutions: pd.DataFrame) -> pd.DataFrame:
    """Resolutions responding to an event (every kind but panel renewals, adopted or
    vetoed), with ``days`` from trigger to vote where the trigger date is known."""
    r = resolutions[resolutions["kind"] != "panel_renewal"].copy()
    r["days"] = (r["date"] - r["trigger_date"]).dt.days.astype("Float64")
    return r.sort_values(["date", "resolution"]).reset_index(drop=True)


def major_tests(launches: pd.DataFrame, tests: pd.DataFrame, *, classes=LONG_RANGE_CLASSES) -> pd.DataFrame:
    """Nuclear tests and long-range launch events (``classes``) as one table:
    ``date, kind ('nuclear_test' or the class), label, source_url``."""
    ev = launch_events(launches)
    ev = ev[ev["missile_class"].isin(list(classes))]
    a = pd.DataFrame({"date": ev["date"], "kind": ev["missile_class"].astype(str),
                      "label": ev["missile_name"].astype(str), "source_url": ev["source_url"]})
    b = pd.DataFrame({"date": tests["date"], "kind": "nuclear_test",
                      "label": "Nuclear test " + tests["test_number"].astype(str),
                      "source_url": tests["source_url"]})
    return pd.concat([b, a], ignore_index=True).sort_values(["date", "kind"]).reset_index(drop=True)


def tests_and_responses(launches: pd.DataFrame, tests: pd.DataFrame, resolutions: pd.DataFrame,
                        *, classes=LONG_RANGE_CLASSES) -> pd.DataFrame:
    """Each major test (see :func:`major_tests`) with the adopted resolution that
    answered it, if any.

    An event counts as answered by an adopted, non-panel resolution whose trigger date
    is on or before the event and whose vote came after it (a resolution answering a
    series, e.g. the launches of July 2017, covers every event of the series). Adds
    ``resolution`` (number or missing), ``answered`` (bool) and ``days`` to the vote.
    """
    ev = major_tests(launches, tests, classes=classes)
    res = resolutions[(resolutions["status"] == "adopted") & (resolutions["kind"] != "panel_renewal")
                      & resolutions["trigger_date"].notna()].sort_values("date")
    answered_by, days = [], []
    for d in ev["date"]:
        hit = res[(res["trigger_date"] <= d) & (res["date"] > d)]
        if hit.empty:
            answered_by.append(pd.NA)
            days.append(pd.NA)
        else:
            first = hit.iloc[0]
            answered_by.append(str(first["resolution"]))
            days.append(int((first["date"] - d).days))
    out = ev.copy()
    out["resolution"] = pd.array(answered_by, dtype="str")
    out["answered"] = out["resolution"].notna()
    out["days"] = pd.array(days, dtype="Int64")
    return out


def launches_around(launches: pd.DataFrame, dates, *, days: int = 365) -> pd.DataFrame:
    """Missiles and launch events in the ``days`` before and the ``days`` after each
    date (the day itself counts as 'after'). One row per date, in the given order.

    ``complete`` is False when the 'after' window runs past the newest launch in the
    table (its count is then a floor, not a full window).
    """
    ev = launch_events(launches)
    newest = launches["date"].max()
    rows = []
    for d in pd.to_datetime(pd.Series(list(dates))):
        lo, hi = d - pd.Timedelta(days=days), d + pd.Timedelta(days=days)
        before_m = launches[(launches["date"] >= lo) & (launches["date"] < d)]
        after_m = launches[(launches["date"] >= d) & (launches["date"] < hi)]
        before_e = ev[(ev["date"] >= lo) & (ev["date"] < d)]
        after_e = ev[(ev["date"] >= d) & (ev["date"] < hi)]
        rows.append({"date": d, "missiles_before": len(before_m), "missiles_after": len(after_m),
                     "events_before": len(before_e), "events_after": len(after_e),
                     "complete": bool(pd.notna(newest) and hi <= newest)})
    return pd.DataFrame(rows, columns=["date", "missiles_before", "missiles_after", "events_before",
                                       "events_after", "complete"])


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
