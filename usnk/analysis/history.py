"""Aggregations for the history chapter: the unended war, leaders, incidents."""

from __future__ import annotations

import pandas as pd

from .. import vocabulary

#: Start of the Korean War: the North's invasion across the 38th parallel.
KOREAN_WAR_START = pd.Timestamp("1950-06-25")
#: Signature of the Korean Armistice Agreement at Panmunjom (a ceasefire, not a peace treaty).
ARMISTICE_SIGNED = pd.Timestamp("1953-07-27")


def full_years(start, as_of) -> int:
    """Whole years elapsed from ``start`` to ``as_of`` (anniversaries passed)."""
    start, as_of = pd.Timestamp(start), pd.Timestamp(as_of)
    years = as_of.year - start.year
    if (as_of.month, as_of.day) < (start.month, start.day):
        years -= 1
    return years


def decade_of(dates: pd.Series) -> pd.Series:
    """The decade (1950, 1960, …) each date falls in."""
    return (dates.dt.year // 10 * 10).astype(int)


def incidents_per_decade(incidents: pd.DataFrame, *, start_year: int = 1958) -> pd.DataFrame:
    """Incidents per decade and category since ``start_year``: one row per decade
    (every decade present), one column per category in :data:`usnk.vocabulary.INCIDENT_CATEGORIES`
    order (categories with no incident left out)."""
    df = incidents[incidents["date"].dt.year >= start_year]
    first = start_year // 10 * 10
    last = int(df["date"].dt.year.max()) // 10 * 10 if len(df) else first
    cats = [c for c in vocabulary.INCIDENT_CATEGORIES if c in set(df["category"])]
    table = (pd.crosstab(decade_of(df["date"]), df["category"])
             .reindex(index=range(first, last + 10, 10), columns=cats, fill_value=0)
             .fillna(0).astype(int))
    table.index.name = "decade"
    table.columns.name = "category"
    return table


def landmark_incidents(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents with a landmark label, by date: ``date, decade, landmark, category,
    event_type, source_url``."""
    lm = incidents[incidents["landmark"].notna() & (incidents["landmark"].str.strip() != "")]
    lm = lm.sort_values(["date", "id"])
    out = lm[["date", "landmark", "category", "event_type", "source_url"]].copy()
    out.insert(1, "decade", decade_of(lm["date"]))
    return out.reset_index(drop=True)


def terms(leaders: pd.DataFrame, *, country: str | None = None, as_of=None,
          start=None, end=None) -> pd.DataFrame:
    """Leaders' terms with open terms ended at ``as_of`` (default: today), optionally
    for one ``country`` and clipped to ``[start, end]`` (terms outside dropped).
    Adds ``end`` (the effective end date) and ``incumbent`` (bool)."""
    as_of = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp.today().normalize()
    df = leaders if country is None else leaders[leaders["country"] == country]
    df = df.sort_values(["country", "start_date"]).copy()
    df["incumbent"] = df["end_date"].isna()
    df["end"] = df["end_date"].fillna(as_of)
    df["start"] = df["start_date"]
    if start is not None:
        s = pd.Timestamp(start)
        df = df[df["end"] > s]
        df["start"] = df["start"].clip(lower=s)
    if end is not None:
        e = pd.Timestamp(end)
        df = df[df["start"] < e]
        df["end"] = df["end"].clip(upper=e)
    return df.reset_index(drop=True)


def leader_counts(leaders: pd.DataFrame, *, since=None) -> pd.Series:
    """Distinct (non-acting) office holders per country, optionally only those in
    office on or after ``since``."""
    df = leaders[~leaders["acting"].astype(bool)]
    if since is not None:
        s = pd.Timestamp(since)
        df = df[df["end_date"].isna() | (df["end_date"] >= s)]
    return df.groupby("country")["name"].nunique()


def engagement_by_decade(summits: pd.DataFrame, *, tracks=("us_dprk",)) -> pd.DataFrame:
    """Meetings and agreements per decade on the given tracks, one column per kind
    (summit, talks, agreement)."""
    df = summits[summits["track"].isin(list(tracks))]
    table = pd.crosstab(decade_of(df["date"]), df["kind"]).reindex(
        columns=["summit", "talks", "agreement"], fill_value=0)
    table.index.name = "decade"
    table.columns.name = "kind"
    return table
