"""Basic aggregations shared by every chapter."""

from __future__ import annotations

import pandas as pd

from .. import style, vocabulary


def date_label(value) -> str:
    """A date as the book writes it in prose, e.g. ``20 August 2026``."""
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"


def launches_per_period(launches: pd.DataFrame, freq: str = "YS", *, classes=None,
                        start=None, end=None) -> pd.DataFrame:
    """Missiles launched per period (``freq``: a pandas frequency such as ``YS`` or
    ``MS``), one column per missile class in the book's order, every period present
    (zero where nothing was launched)."""
    classes = list(classes) if classes is not None else list(vocabulary.MISSILE_CLASSES)
    df = launches[launches["missile_class"].isin(classes)]
    start = pd.Timestamp(start) if start is not None else pd.Timestamp(style.TIMELINE_START)
    end = pd.Timestamp(end) if end is not None else launches["date"].max()
    index = pd.date_range(start, end, freq=freq)
    if len(index) == 0 or index[0] > start:
        index = pd.date_range(pd.Timestamp(start).to_period(freq[0]).start_time, end, freq=freq)
    period = df["date"].dt.to_period(freq[0]).dt.start_time
    table = (
        pd.crosstab(period, df["missile_class"])
        .reindex(index=index, columns=classes, fill_value=0)
        .fillna(0)
        .astype(int)
    )
    table.index.name = "period"
    table.columns.name = "missile_class"
    return table


def launches_per_year(launches: pd.DataFrame, *, classes=None) -> pd.DataFrame:
    """Missiles launched per calendar year and class, with an integer year index."""
    table = launches_per_period(launches, "YS", classes=classes)
    table.index = table.index.year
    table.index.name = "year"
    return table


def newest_event_date(package: dict) -> pd.Timestamp:
    """The newest ``last_event_date`` across the data package's tables."""
    dates = [r.get("last_event_date") for r in package["resources"] if r.get("last_event_date")]
    return pd.Timestamp(max(dates))
