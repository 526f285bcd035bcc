"""Dates as the book writes them, the war's dates, and full years between dates."""

from __future__ import annotations

import pandas as pd

from ..labels import date_label
from ..vocabulary import ARMISTICE_SIGNED, KOREAN_WAR_START

__all__ = ["ARMISTICE_SIGNED", "KOREAN_WAR_START", "date_label", "full_years", "newest_event_date"]


def newest_event_date(package: dict) -> pd.Timestamp:
    """The newest ``last_event_date`` across the data package's tables (what the package
    declares; the newest date among one table's rows is
    :func:`usnk.validate.rules.newest_row_date`)."""
    dates = [r.get("last_event_date") for r in package["resources"] if r.get("last_event_date")]
    return pd.Timestamp(max(dates))



def full_years(start, as_of) -> int:
    """Whole years elapsed from ``start`` to ``as_of`` (anniversaries passed)."""
    start, as_of = pd.Timestamp(start), pd.Timestamp(as_of)
    years = as_of.year - start.year
    if (as_of.month, as_of.day) < (start.month, start.day):
        years -= 1
    return years
