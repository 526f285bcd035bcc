"""Leaders' terms in office and how many each state had."""

from __future__ import annotations

import pandas as pd


def terms(leaders: pd.DataFrame, *, as_of, country: str | None = None,
          start=None, end=None) -> pd.DataFrame:
    """Leaders' terms with open terms ended at ``as_of`` (a date the caller takes from
    its data, never the clock), optionally
    for one ``country`` and clipped to ``[start, end]`` (terms outside dropped).
    Adds ``end`` (the effective end date) and ``incumbent`` (bool)."""
    as_of = pd.Timestamp(as_of)
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
