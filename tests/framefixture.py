"""Small typed launch frames for analysis and chart tests."""

from __future__ import annotations

import pandas as pd

SRC = "https://example.org/src"
LAUNCH_COLUMNS = ["id", "date", "event_id", "missile_name", "missile_class", "outcome", "distance_km", "apogee_km"]


def launches_frame(rows, source_url: str = SRC) -> pd.DataFrame:
    """A typed launch frame from tuples (id, date, event_id, name, class, outcome,
    distance, apogee), every row citing ``source_url``."""
    df = pd.DataFrame(rows, columns=LAUNCH_COLUMNS)
    df["date"] = pd.to_datetime(df["date"])
    df["distance_km"] = df["distance_km"].astype(float)
    df["apogee_km"] = df["apogee_km"].astype(float)
    df["missile_name"] = df["missile_name"].astype("str")
    df["source_url"] = source_url
    return df
