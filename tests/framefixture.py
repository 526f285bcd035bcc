"""Small typed launch frames for analysis and chart tests."""

from __future__ import annotations

import numpy as np
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
    from usnk.datafiles import load_package
    from usnk.validate import resources_by_name

    res = resources_by_name(load_package(paths.ROOT / "data"))[name]
    columns = [f["name"] for f in res["schema"]["fields"]]
    raw = pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns, dtype=object)
    return typed_frame(raw, res)


def event_launches(dates, missile_class: str = "SRBM", name: str = "Test") -> pd.DataFrame:
    """One single-missile launch event of ``missile_class`` on each of ``dates``."""
    rows = [(f"{d}-{i}-01", d, f"{d}-{i}", name, missile_class, "success", None, None)
            for i, d in enumerate(dates, start=1)]
    return launches_frame(rows)


def located_launches(rows) -> pd.DataFrame:
    """A launch frame with sites and landing areas from tuples (date, class, name,
    facility, latitude, longitude, landing, outcome[, event_id]); ids and, unless given,
    event ids are numbered by row."""
    recs = []
    for i, r in enumerate(rows):
        date, cls, name, fac, lat, lon, landing, outcome = r[:8]
        recs.append({"id": f"L{i:03d}", "date": pd.Timestamp(date), "event_id": r[8] if len(r) > 8 else f"E{i:03d}",
                     "missile_name": name, "missile_class": cls, "facility": fac, "latitude": lat, "longitude": lon,
                     "landing": landing, "apogee_km": np.nan, "distance_km": np.nan, "outcome": outcome,
                     "source_url": "https://example.org/src"})
    return pd.DataFrame(recs)


def small_located_launches() -> pd.DataFrame:
    """Eight missiles of 2016–2023 at three sites (one salvo of two, one unlocated
    launch): the record of the diplomacy and region analysis tests."""
    return located_launches([
        ("2016-03-01", "SRBM", "KN-02", "Site A", 39.0, 125.0, "Sea of Japan (East Sea)", "success", "E1"),
        ("2016-03-01", "SRBM", "KN-02", "Site A", 39.0, 125.0, "Sea of Japan (East Sea)", "success", "E1"),
        ("2016-06-10", "SLBM", "Pukguksong-1", "Site B", 40.0, 128.0, None, "failure"),
        ("2017-11-29", "ICBM", "Hwasong-15", "Site A", 39.0, 125.0, "Sea of Japan (East Sea)", "success"),
        ("2019-05-04", "SRBM", "Hwasong-11A (KN-23)", "Site C", 39.5, 127.0, "Yellow Sea", "success"),
        ("2021-09-28", "HGV", "Hwasong-12B", "Site C", 39.5, 127.0, None, "success"),
        ("2023-04-13", "ICBM", "Hwasong-18", "Site A", 39.0, 125.0, None, "success"),
        ("2023-05-01", "unknown", "Unknown", None, np.nan, np.nan, None, "unknown"),
    ])


# A small record of the history and nuclear chapters: seven missiles of 2010–2012, two
# nuclear tests and four Security Council texts (one a panel renewal, one vetoed).
NUCLEAR_LAUNCHES = launches_frame([
    ("a1", "2010-01-05", "e1", "Alpha", "SRBM", "success", 300, 50),
    ("a2", "2010-01-05", "e1", "Alpha", "SRBM", "failure", 900, 90),
    ("b1", "2010-06-01", "e2", "Bravo", "ICBM", "success", 1000, 4000),
    ("a3", "2011-03-01", "e3", "Alpha", "SRBM", "unknown", 500, None),
    ("a4", "2011-03-02", "e4", "Alpha", "SRBM", "success", None, 60),
    ("a5", "2012-02-01", "e5", "Alpha", "SRBM", "success", 2000, 100),
    ("c1", "2012-05-01", "e6", "Unknown", "unknown", "failure", None, None),
])
NUCLEAR_TESTS = pd.DataFrame({"test_number": pd.array([1, 2], dtype="Int64"),
                              "date": pd.to_datetime(["2010-03-01", "2012-01-01"]), "source_url": SRC})
NUCLEAR_RESOLUTIONS = pd.DataFrame({
    "resolution": pd.array(["10", "11", "12", "S/1"], dtype="str"),
    "date": pd.to_datetime(["2010-03-11", "2010-07-01", "2011-01-01", "2012-02-01"]),
    "status": ["adopted", "adopted", "adopted", "vetoed"],
    "kind": ["sanctions", "other", "panel_renewal", "sanctions"],
    "trigger_event": ["test 1", "ICBM", None, "test 2"],
    "trigger_date": pd.to_datetime(["2010-03-01", "2010-06-01", None, "2012-01-01"]),
    "measures": ["m1", "m2", "m3", "m4"], "source_url": SRC,
})
