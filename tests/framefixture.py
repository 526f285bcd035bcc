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


def table_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A typed frame of table ``name`` from hand-made rows of text cells, typed as
    :func:`usnk.load.load` types the real table (columns a row omits are empty)."""
    from usnk import paths
    from usnk.load import typed_frame
    from usnk.validate import load_package, resources_by_name

    res = resources_by_name(load_package(paths.ROOT / "data"))[name]
    columns = [f["name"] for f in res["schema"]["fields"]]
    raw = pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns, dtype=object)
    return typed_frame(raw, res)


def event_launches(dates, missile_class: str = "SRBM", name: str = "Test") -> pd.DataFrame:
    """One single-missile launch event of ``missile_class`` on each of ``dates``."""
    rows = [(f"{d}-{i}-01", d, f"{d}-{i}", name, missile_class, "success", None, None)
            for i, d in enumerate(dates, start=1)]
    return launches_frame(rows)
