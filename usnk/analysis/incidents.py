"""Non-missile incidents: per decade and category, landmarks, those that touched the South."""

from __future__ import annotations

import pandas as pd

from .. import vocabulary


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



def south_incidents(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents that touched South Korea directly, per year and category (counts)."""
    df = incidents[incidents["touched_south"].fillna(False).astype(bool)]
    table = pd.crosstab(df["date"].dt.year, df["category"])
    table.index.name = "year"
    return table
