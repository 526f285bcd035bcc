"""Dates as the book writes them, the war's dates, and full years between dates."""

from __future__ import annotations

import pandas as pd


def date_label(value) -> str:
    """A date as the book writes it in prose, e.g. ``20 August 2026``."""
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"



def newest_event_date(package: dict) -> pd.Timestamp:
    """The newest ``last_event_date`` across the data package's tables."""
    dates = [r.get("last_event_date") for r in package["resources"] if r.get("last_event_date")]
    return pd.Timestamp(max(dates))



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
