"""The Security Council's answers: the sanctions ratchet, which major tests drew a
resolution, launches around votes, and China's and Russia's record."""

from __future__ import annotations

import pandas as pd

from .launches import launch_events


#: Classes whose launches the Security Council has treated as the gravest missile
#: activity (long range or satellite launches using ballistic-missile technology).
LONG_RANGE_CLASSES = ("IRBM", "ICBM", "SLV")



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



def sanctions_ratchet(resolutions: pd.DataFrame) -> pd.DataFrame:
    """Resolutions responding to an event (every kind but panel renewals, adopted or
    vetoed), with ``days`` from trigger to vote where the trigger date is known."""
    r = resolutions[resolutions["kind"] != "panel_renewal"].copy()
    r["days"] = (r["date"] - r["trigger_date"]).dt.days.astype("Float64")
    return r.sort_values(["date", "resolution"]).reset_index(drop=True)



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
    dates = ev["date"].reset_index(drop=True)
    answered_by = pd.Series(pd.NA, index=dates.index, dtype="str")
    days = pd.Series(pd.NA, index=dates.index, dtype="Int64")
    # the resolutions are few and sorted by vote: the first that covers an event answers it
    for trigger, vote, number in zip(res["trigger_date"], res["date"], res["resolution"]):
        hit = answered_by.isna() & (dates >= trigger) & (dates < vote)
        answered_by[hit] = str(number)
        days[hit] = (vote - dates[hit]).dt.days
    out = ev.copy()
    out["resolution"] = answered_by.array
    out["answered"] = out["resolution"].notna()
    out["days"] = days.array
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



def neighbour_record(summits: pd.DataFrame, resolutions: pd.DataFrame) -> dict:
    """China's and Russia's record on the DPRK: leader meetings with the DPRK (from
    summits.csv), vetoes of draft resolutions and the adopted sanctions resolutions
    (all of which China and Russia, as permanent members, let pass)."""
    out = {}
    adopted_sanctions = resolutions[(resolutions["status"] == "adopted") & (resolutions["kind"] == "sanctions")]
    unanimous = adopted_sanctions[adopted_sanctions["vote_for"].astype("Int64") == 15]
    for country, track in (("China", "dprk_china"), ("Russia", "dprk_russia")):
        meets = summits[(summits["track"] == track) & (summits["kind"] == "summit")]
        vetoes = resolutions[(resolutions["status"] == "vetoed")
                             & resolutions["vetoed_by"].fillna("").str.split("; ").apply(lambda v: country in v)]
        out[country] = {
            "meetings": meets[["id", "name", "date", "place", "leaders", "source_url"]].reset_index(drop=True),
            "vetoes": vetoes[["resolution", "date", "kind", "vetoed_by", "source_url"]].reset_index(drop=True),
        }
    out["adopted_sanctions"] = int(len(adopted_sanctions))
    out["unanimous_sanctions"] = int(len(unanimous))
    out["last_unanimous_sanctions"] = unanimous["date"].max() if len(unanimous) else None
    return out


def same_day_events(events: pd.DataFrame, *, names_shown: int = 3) -> pd.DataFrame:
    """Events of :func:`tests_and_responses` on the same day, of the same
    kind and answered by the same resolution, as one row (one marker: they would be
    drawn on top of each other): its label names up to ``names_shown`` events and
    counts the rest; the first event's source and days to the vote. ``events`` counts
    the events of each row."""
    if events.empty:
        return events.assign(events=pd.Series(dtype=int))
    keys = ["date", "kind", "resolution"]
    grouped = events.groupby(keys, sort=False, dropna=False)

    def label(names: pd.Series) -> str:
        shown = "; ".join(names.iloc[:names_shown])
        more = len(names) - names_shown
        return f"{len(names)} events: {shown}" + (f" and {more} more" if more > 0 else "") if len(names) > 1 \
            else shown

    return grouped.agg(label=("label", label), source_url=("source_url", "first"), days=("days", "first"),
                       answered=("answered", "first"), events=("label", "size")).reset_index()


def response_markers(responses: pd.DataFrame, since) -> pd.DataFrame:
    """The events of :func:`tests_and_responses` on or after ``since`` as the chart
    marks them: :func:`same_day_events` of the answered ones, then of the others."""
    tr = responses[responses["date"] >= pd.Timestamp(since)]
    return pd.concat([same_day_events(tr[tr["answered"] == answered]) for answered in (True, False)],
                     ignore_index=True)
