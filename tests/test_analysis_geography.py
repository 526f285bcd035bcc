"""Where launches start and land (usnk/analysis/geography.py): launch sites, landing
areas, the eras of the site map and the missiles that reached Japan, on small frames
with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framefixture import launches_frame, located_launches, small_located_launches
from usnk import analysis as an
from usnk.analysis import geography


@pytest.fixture
def small():
    return small_located_launches()


def test_facility_counts_and_landing_areas(small):
    fc = an.facility_counts(small).set_index("facility")
    assert fc.loc["Site A", "missiles"] == 4
    assert fc.attrs["without_coordinates"] == 1
    assert fc.loc["Site A", "main_class"] == "SRBM"
    la = an.landing_areas(small).set_index("landing")
    assert la.loc["Sea of Japan (East Sea)", "missiles"] == 3
    assert la.loc["not recorded", "missiles"] == 4
    assert la["share"].sum() == pytest.approx(1.0, abs=1e-3)


def test_facility_counts_name_a_located_launch_without_a_facility():
    launches = located_launches([("2016-03-01", "SRBM", None, None, 39.0, 125.0, None, "success")])
    assert an.facility_counts(launches)["facility"].tolist() == ["Unnamed site"]


def test_eras_of_the_launch_site_map():
    eras = geography.eras("2026-08-20")
    assert [(label, str(a.date()), str(b.date())) for label, a, b in eras] == [
        ("1984–2011 (Kim Il Sung, Kim Jong Il)", "1984-01-01", "2011-12-16"),
        ("2011–2017 (Kim Jong Un, to the 2017 ICBM tests)", "2011-12-17", "2017-12-31"),
        ("2018–2021 (summits and after)", "2018-01-01", "2021-12-31"),
        ("2022–2026", "2022-01-01", "2026-08-20")]


# ----------------------------------------------------------------- japan_events


def impacts_frame(rows):
    """rows: (date, kind, missile_name, event_id, detail)."""
    return pd.DataFrame([{"date": pd.Timestamp(d), "kind": k, "missile_name": m, "event_id": e, "detail": det,
                          "source_url": "https://example.org/j"} for d, k, m, e, det in rows])


def test_japan_events_join_on_event_id(small):
    ev = an.japan_events(small, impacts_frame([
        ("2017-11-29", "eez_landing", "Hwasong-15", "E003", "in the EEZ"),
        ("2017-09-15", "overflight", "Hwasong-12", None, "over Hokkaido"),
    ]))
    # sorted by date; the row without an event_id keeps empty launch columns
    assert list(ev["kind"]) == ["overflight", "eez_landing"]
    assert pd.isna(ev.loc[0, "facility"]) and np.isnan(ev.loc[0, "latitude"])
    assert ev.loc[1, "facility"] == "Site A" and ev.loc[1, "latitude"] == 39.0
    s = an.japan_summary(ev)
    assert (s["events"], s["overflight"], s["eez_landing"], s["since_2016"], s["years"]) == (2, 1, 1, 2, 1)
    assert s["eez_landing_first"] == pd.Timestamp("2017-11-29")


def test_japan_events_must_match_a_launch(small):
    with pytest.raises(ValueError, match="not in the launch table"):
        an.japan_events(small, impacts_frame([("2017-11-30", "overflight", "Hwasong-15", "E99", "x")]))
    with pytest.raises(ValueError, match="not Hwasong-14"):
        an.japan_events(small, impacts_frame([("2017-11-29", "eez_landing", "Hwasong-14", "E003", "x")]))


def test_japan_events_columns(small):
    ev = an.japan_events(small, impacts_frame([("2017-09-15", "overflight", "Hwasong-12", "", "x")]))
    assert ev.columns.tolist() == ["date", "kind", "missile_name", "event_id", "detail", "source_url", "facility",
                                   "latitude", "longitude", "landing", "distance_km"]
    assert ev["event_id"].tolist() == [None] and ev["facility"].tolist() == [None] and pd.isna(ev.loc[0, "landing"])
    assert np.isnan(ev.loc[0, "distance_km"]) and np.isnan(ev.loc[0, "longitude"])


def test_japan_impacts_match_the_real_table():
    from usnk.load import load
    impacts = load("japan_impacts")
    ev = an.japan_events(load("missile_launches"), impacts)
    assert len(ev) == len(impacts) >= 15
    assert ev["facility"].notna().all() and ev["latitude"].notna().all()
    s = an.japan_summary(ev)
    assert s["overflight"] >= 7 and s["eez_landing"] >= 8


def test_japan_events_keep_the_table_order_within_a_day():
    rows = [{"date": pd.Timestamp("2017-09-15"), "kind": "overflight", "missile_name": "Hwasong-12",
             "event_id": None, "detail": f"report {i}", "source_url": "https://example.org/j"} for i in range(100)]
    ev = geography.japan_events(launches_frame([]), pd.DataFrame(rows))
    assert ev["detail"].tolist() == [f"report {i}" for i in range(100)]
