"""Analysis for chapters 3–5 on small hand-built frames with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from usnk import analysis as an
from usnk import geo


def launches_frame(rows):
    """rows: (date, class, name, facility, lat, lon, landing, outcome[, event_id])."""
    recs = []
    for i, r in enumerate(rows):
        date, cls, name, fac, lat, lon, landing, outcome = r[:8]
        recs.append({"id": f"L{i:03d}", "date": pd.Timestamp(date), "event_id": r[8] if len(r) > 8 else f"E{i:03d}",
                     "missile_name": name, "missile_class": cls, "facility": fac, "latitude": lat, "longitude": lon,
                     "landing": landing, "apogee_km": np.nan, "distance_km": np.nan, "outcome": outcome,
                     "source_url": "https://example.org/src"})
    return pd.DataFrame(recs)


@pytest.fixture
def small():
    return launches_frame([
        ("2016-03-01", "SRBM", "KN-02", "Site A", 39.0, 125.0, "Sea of Japan (East Sea)", "success", "E1"),
        ("2016-03-01", "SRBM", "KN-02", "Site A", 39.0, 125.0, "Sea of Japan (East Sea)", "success", "E1"),
        ("2016-06-10", "SLBM", "Pukguksong-1", "Site B", 40.0, 128.0, None, "failure"),
        ("2017-11-29", "ICBM", "Hwasong-15", "Site A", 39.0, 125.0, "Sea of Japan (East Sea)", "success"),
        ("2019-05-04", "SRBM", "Hwasong-11A (KN-23)", "Site C", 39.5, 127.0, "Yellow Sea", "success"),
        ("2021-09-28", "HGV", "Hwasong-12B", "Site C", 39.5, 127.0, None, "success"),
        ("2023-04-13", "ICBM", "Hwasong-18", "Site A", 39.0, 125.0, None, "success"),
        ("2023-05-01", "unknown", "Unknown", None, np.nan, np.nan, None, "unknown"),
    ])


def test_pause_after_counts_days_between_last_and_next_launch(small):
    p = an.pause_after(small, "2017-12-31")
    assert p["last"] == pd.Timestamp("2017-11-29")
    assert p["next"] == pd.Timestamp("2019-05-04")
    assert p["days"] == (pd.Timestamp("2019-05-04") - pd.Timestamp("2017-11-29")).days == 521
    assert p["last_name"] == "Hwasong-15"


def test_launch_events_count_a_salvo_once(small):
    ev = an.launch_events(small)
    assert len(ev) == len(small) - 1
    assert ev.loc[ev["event_id"] == "E1", "missiles"].item() == 2


def test_rolling_launches_window(small):
    r = an.rolling_launches(small, window_days=30, start="2016-03-01", end="2016-07-01")
    assert r.loc["2016-03-01"] == 2
    assert r.loc["2016-03-30"] == 2 and r.loc["2016-03-31"] == 0
    assert r.loc["2016-06-10"] == 1


def test_launches_by_term_normalises_by_time_in_office(small):
    leaders = pd.DataFrame({
        "country": ["US", "US", "US"], "name": ["A", "B", "C"], "party": ["x", "y", "z"],
        "start_date": pd.to_datetime(["2013-01-20", "2017-01-20", "2021-01-20"]),
        "end_date": pd.to_datetime(["2017-01-20", "2021-01-20", None]),
        "acting": [False, False, False]})
    t = an.launches_by_term(small, leaders, "US", start="2016-01-01", end="2023-12-31").set_index("name")
    assert t.loc["A", "missiles"] == 3  # 2016: two-missile salvo + SLBM
    assert t.loc["B", "missiles"] == 2
    assert t.loc["C", "missiles"] == 3
    years_a = (pd.Timestamp("2017-01-20") - pd.Timestamp("2016-01-01")).days / 365.25
    assert t.loc["A", "per_year"] == pytest.approx(round(3 / years_a, 1))
    assert t.loc["C", "end"] == pd.Timestamp("2023-12-31")


def test_summit_window_test_is_deterministic_and_detects_quiet_windows():
    # a launch every 10 days except a 200-day quiet spell holding the summits
    days = [d for d in pd.date_range("2010-01-01", "2014-12-31", freq="10D")
            if not (pd.Timestamp("2012-01-01") <= d <= pd.Timestamp("2012-07-19"))]
    launches = launches_frame([(d, "SRBM", "X", "S", 39.0, 125.0, None, "success") for d in days])
    summits = pd.DataFrame({"id": ["s1", "s2"], "name": ["one", "two"], "kind": ["summit", "summit"],
                            "track": ["us_dprk", "inter_korean"],
                            "date": pd.to_datetime(["2012-03-01", "2012-05-01"]),
                            "end_date": pd.to_datetime(["2012-03-02", "2012-05-01"])})
    a = an.summit_window_test(launches, summits, window_days=30, n_perm=2000, seed=0)
    b = an.summit_window_test(launches, summits, window_days=30, n_perm=2000, seed=0)
    assert a["observed_mean"] == 0.0
    assert a["p_fewer"] == b["p_fewer"] and np.array_equal(a["null"], b["null"])
    assert a["expected_mean"] == pytest.approx(6.0, abs=0.6)  # 61–62-day windows, one launch per 10 days
    assert a["p_fewer"] < 0.05 < a["p_more"]
    assert list(a["summits"]["events_in_window"]) == [0, 0]


def test_first_flights_groups(small):
    ff = an.first_flights(small).set_index("missile_name")
    assert "Unknown" not in ff.index
    assert ff.loc["Pukguksong-1", "group"] == "SLBM"
    assert ff.loc["Hwasong-12B", "group"] == "Hypersonic glide vehicle"
    assert ff.loc["Hwasong-18", "group"] == "Solid-fuel ICBM"
    assert ff.loc["Hwasong-18", "group_source_url"].startswith("https://")
    assert ff.loc["KN-02", "date"] == pd.Timestamp("2016-03-01")


def test_before_after(small):
    ba = an.before_after(small, "2021-04-30", months=12)
    assert ba["missiles_before"] == 0 and ba["missiles_after"] == 1
    assert ba["new_after_names"] == ["Hwasong-12B"]


def test_facility_counts_and_landing_areas(small):
    fc = an.facility_counts(small).set_index("facility")
    assert fc.loc["Site A", "missiles"] == 4
    assert fc.attrs["without_coordinates"] == 1
    assert fc.loc["Site A", "main_class"] == "SRBM"
    la = an.landing_areas(small).set_index("landing")
    assert la.loc["Sea of Japan (East Sea)", "missiles"] == 3
    assert la.loc["not recorded", "missiles"] == 4
    assert la["share"].sum() == pytest.approx(1.0, abs=1e-3)


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


def test_japan_impacts_match_the_real_table():
    from usnk.load import load
    impacts = load("japan_impacts")
    ev = an.japan_events(load("missile_launches"), impacts)
    assert len(ev) == len(impacts) >= 15
    assert ev["facility"].notna().all() and ev["latitude"].notna().all()
    s = an.japan_summary(ev)
    assert s["overflight"] >= 7 and s["eez_landing"] >= 8


def test_period_label():
    assert an.period_label(2017, 2017) == "2017"
    assert an.period_label(2019.0, 2021.0) == "2019–2021"


def test_south_incidents_and_neighbours():
    inc = pd.DataFrame({"date": pd.to_datetime(["2016-01-01", "2016-05-01", "2017-01-01", "2017-02-01"]),
                        "category": ["balloons", "balloons", "infiltration", "balloons"],
                        "touched_south": [True, True, True, False]})
    t = an.south_incidents(inc)
    assert t.loc[2016, "balloons"] == 2 and t.loc[2017, "infiltration"] == 1 and t.loc[2017, "balloons"] == 0
    summits = pd.DataFrame({"id": ["a", "b", "c"], "name": ["a", "b", "c"], "kind": ["summit", "summit", "talks"],
                            "track": ["dprk_china", "dprk_russia", "dprk_russia"], "place": "p", "leaders": "l",
                            "date": pd.to_datetime(["2018-03-25", "2019-04-25", "2019-05-01"]),
                            "source_url": "https://example.org"})
    res = pd.DataFrame({"resolution": ["1", "2", "X"], "date": pd.to_datetime(["2006-10-14", "2017-12-22", "2022-05-26"]),
                        "status": ["adopted", "adopted", "vetoed"], "kind": ["sanctions", "sanctions", "sanctions"],
                        "vote_for": [15, 14, 13], "vetoed_by": [None, None, "China; Russia"],
                        "source_url": "https://example.org"})
    rec = an.neighbour_record(summits, res)
    assert len(rec["China"]["meetings"]) == 1 and len(rec["Russia"]["meetings"]) == 1
    assert len(rec["China"]["vetoes"]) == 1 and len(rec["Russia"]["vetoes"]) == 1
    assert rec["adopted_sanctions"] == 2 and rec["unanimous_sanctions"] == 1


def test_agreement_durations_and_recent_by_class(small):
    summits = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "kind": ["agreement", "agreement"],
                            "track": ["us_dprk", "six_party"], "date": pd.to_datetime(["2012-02-29", "2018-06-12"]),
                            "end_date": pd.to_datetime(["2012-02-29", "2018-06-12"]),
                            "breakdown_date": pd.to_datetime(["2012-04-13", None]),
                            "breakdown_event": ["launch", None], "source_url": "https://example.org"})
    d = an.agreement_durations(summits, as_of="2019-06-12").set_index("id")
    assert d.loc["a", "days"] == 44 and not d.loc["a", "holding"]
    assert d.loc["b", "days"] == 365 and d.loc["b", "holding"]
    r = an.recent_by_class(small, years=3)
    assert list(r.index) == [2021, 2022, 2023]
    assert r.loc[2023, "ICBM"] == 1 and r.attrs["partial_year"] == 2023


def test_clip_ring_and_topojson_decoding():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    clipped = geo.clip_ring(square, (5, -1, 20, 20))
    assert sorted(set(clipped)) == [(5, 0), (5, 10), (10, 0), (10, 10)]
    topo = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [100, 30]},
            "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
            "objects": {"countries": {"type": "GeometryCollection",
                                      "geometries": [{"type": "Polygon", "id": "408", "arcs": [[0]]}]}}}
    rings = geo.object_rings(topo)
    assert rings["408"][0][:3] == [(100, 30), (102, 30), (102, 32)]
    built = geo.build_outlines(topo, countries={"408": "North Korea"}, bbox=(99, 29, 103, 33))
    assert built["countries"]["North Korea"][0][0] == [100, 30]


def test_shipped_outlines_cover_the_peninsula():
    data = geo.outlines()
    pts = [p for ring in data["countries"]["North Korea"] for p in ring]
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    assert 124 < min(lons) < 125 and 130 < max(lons) < 131
    assert 37 < min(lats) < 38.5 and 42.5 < max(lats) < 43.5
    assert "Japan" in data["countries"] and "Natural Earth" in data["source"]


def test_first_flights_group_labels_notes_and_since(small):
    ff = an.first_flights(small)
    assert ff.columns.tolist() == ["missile_name", "date", "missile_class", "facility", "outcome", "apogee_km",
                                   "distance_km", "source_url", "group", "note", "group_source_url"]
    assert list(zip(ff["missile_name"], ff["group"], ff["note"])) == [
        ("KN-02", "Other new system", ""),
        ("Pukguksong-1", "SLBM", "submarine-launched ballistic missile (class in the data)"),
        ("Hwasong-15", "Other new system", ""),
        ("Hwasong-11A (KN-23)", "Other new system", ""),
        ("Hwasong-12B", "Hypersonic glide vehicle", "hypersonic glide vehicle (class in the data)"),
        ("Hwasong-18", "Solid-fuel ICBM", "first test of the solid-fuel Hwasong-18 ICBM")]
    assert ff["group_source_url"].tolist()[:5] == ["https://example.org/src"] * 5
    since = an.first_flights(small, since="2021-09-28")
    assert since["missile_name"].tolist() == ["Hwasong-12B", "Hwasong-18"] and since.index.tolist() == [0, 1]
    assert since.columns.tolist() == ff.columns.tolist()


def test_summit_window_test_with_an_end_counts_the_last_day_and_drops_later_summits():
    launches = launches_frame([(d, "SRBM", "X", "S", 39.0, 125.0, None, "success")
                               for d in ["2020-01-10", "2020-03-31", "2020-06-01"]])
    summits = pd.DataFrame({"id": ["s1", "s2"], "name": ["one", "two"], "kind": ["summit", "summit"],
                            "track": ["us_dprk", "us_dprk"], "date": pd.to_datetime(["2020-03-20", "2020-04-02"]),
                            "end_date": pd.to_datetime([None, None])})
    t = an.summit_window_test(launches, summits, window_days=15, start="2020-01-01", end="2020-03-31",
                              n_perm=100, seed=1)
    assert (t["start"], t["end"]) == (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-03-31"))
    assert t["n_summits"] == 1 and t["summits"]["id"].tolist() == ["s1"]
    assert t["summits"]["end_date"].tolist() == [pd.Timestamp("2020-03-20")]
    assert t["observed_mean"] == 1.0 and t["summits"]["events_in_window"].tolist() == [1]
    assert (t["window_days"], t["n_perm"], t["seed"], len(t["null"])) == (15, 100, 1, 100)


def test_japan_events_columns(small):
    ev = an.japan_events(small, impacts_frame([("2017-09-15", "overflight", "Hwasong-12", "", "x")]))
    assert ev.columns.tolist() == ["date", "kind", "missile_name", "event_id", "detail", "source_url", "facility",
                                   "latitude", "longitude", "landing", "distance_km"]
    assert ev["event_id"].tolist() == [None] and ev["facility"].tolist() == [None] and pd.isna(ev.loc[0, "landing"])
    assert np.isnan(ev.loc[0, "distance_km"]) and np.isnan(ev.loc[0, "longitude"])


def test_south_incidents_are_counted_per_year_and_category():
    inc = pd.DataFrame({"date": pd.to_datetime(["2016-01-01", "2016-05-01", "2017-01-01", "2017-02-01"]),
                        "category": ["balloons", "balloons", "infiltration", "balloons"],
                        "touched_south": [True, True, None, False]})
    t = an.south_incidents(inc)
    assert t.index.name == "year" and t.index.tolist() == [2016] and t.to_dict() == {"balloons": {2016: 2}}


AGREEMENTS = pd.DataFrame({
    "id": ["a", "b", "c", "d", "e", "f"], "name": ["A", "B", "C", "D", "E", "F"],
    "kind": ["summit", "agreement", "talks", "agreement", "summit", "agreement"],
    "track": ["us_dprk", "us_dprk", "six_party", "six_party", "us_dprk", "six_party"],
    "date": pd.to_datetime(["2018-06-12", "2018-06-12", "2005-09-13", "2005-09-19", "2019-02-27", "2007-02-13"]),
    "end_date": pd.to_datetime(["2018-06-12", "2018-06-12", "2005-09-19", "2005-09-19", "2019-02-28", None]),
    "breakdown_date": pd.to_datetime([None, "2019-02-28", None, "2006-07-05", None, None]),
    "breakdown_event": [None, "Hanoi", None, "launches", None, None], "source_url": "https://example.org"})


def test_agreement_durations_default_end_picked_ids_and_index():
    d = an.agreement_durations(AGREEMENTS)
    assert d["id"].tolist() == ["d", "f", "b"] and d.index.tolist() == [0, 1, 2]
    assert d.columns.tolist() == ["id", "name", "track", "signed", "ended", "holding", "breakdown_event",
                                  "source_url", "days", "years"]
    # the holding agreement is counted to the newest date of the table, the summit's last day
    assert d["ended"].tolist()[1] == pd.Timestamp("2019-02-28")
    assert d["days"].tolist() == [289, 4398, 261] and d["years"].tolist() == [0.8, 12.0, 0.7]
    assert d["holding"].tolist() == [False, True, False]
    picked = an.agreement_durations(AGREEMENTS, ids=["b", "d"], as_of="2008-02-13")
    assert picked["id"].tolist() == ["d", "b"] and picked.index.tolist() == [0, 1]


def test_pathway_record_texts(small):
    res = pd.DataFrame({"resolution": ["1", "2", "3"], "kind": ["sanctions"] * 3,
                        "date": pd.to_datetime(["2016-03-02", "2017-12-22", "2022-05-26"]),
                        "status": ["adopted", "adopted", "vetoed"]})
    rec = an.pathway_record(AGREEMENTS, res, small, an.agreement_durations(AGREEMENTS))
    assert rec.to_dict("records") == [
        {"pathway": "Direct dialogue (leader summits)",
         "record": "2 US–DPRK leader meetings (2018–2019); 1 US–DPRK agreements in the table, 1 recorded as "
                   "broken down, after 261 days"},
        {"pathway": "Multilateral frameworks (Six-Party Talks)",
         "record": "1 sessions of talks (rounds and phases of rounds, 2005–2005) and 2 agreements, which held "
                   "289–4,398 days"},
        # the vetoed draft of 2022 is no sanctions resolution; 2015 had no launch
        {"pathway": "Sanctions and incentives",
         "record": "2 sanctions resolutions adopted 2016–2017; missiles per year 0 in 2015 and 1 in 2017; "
                   "4 missiles since the last one (1 a year)"},
        {"pathway": "A grand bargain",
         "record": "no comprehensive deal of this kind has been negotiated, so the tables hold no record to test; "
                   "the 2021 US policy review said it would not seek one"}]


def test_pause_after_with_nothing_before_or_nothing_after(small):
    p = an.pause_after(small, "2017-12-31")
    assert (p["last_name"], p["next_name"]) == ("Hwasong-15", "Hwasong-11A (KN-23)")
    tail = an.pause_after(small, "2024-01-01")
    assert tail["last"] == pd.Timestamp("2023-05-01") and (tail["next"], tail["days"], tail["next_name"]) == (
        None, None, None)
    head = an.pause_after(small, "2000-01-01")
    assert (head["last"], head["days"], head["last_name"]) == (None, None, None)
    assert head["next"] == pd.Timestamp("2016-03-01") and head["next_name"] == "KN-02"


def test_launches_per_period_from_a_day_inside_a_period_starts_with_that_period(small):
    t = an.launches_per_period(small, "YS", start="2016-03-05", end="2017-12-31")
    assert t.index.tolist() == [pd.Timestamp("2016-01-01"), pd.Timestamp("2017-01-01")]
    assert (t.loc[pd.Timestamp("2016-01-01"), "SRBM"], t.loc[pd.Timestamp("2017-01-01"), "ICBM"]) == (2, 1)


def test_facility_counts_name_a_located_launch_without_a_facility():
    launches = launches_frame([("2016-03-01", "SRBM", None, None, 39.0, 125.0, None, "success")])
    assert an.facility_counts(launches)["facility"].tolist() == ["Unnamed site"]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # no summit: NumPy warns of the mean of no windows
def test_summit_window_test_at_the_record_start_and_without_summits():
    launches = launches_frame([(d, "SRBM", "X", "S", 39.0, 125.0, None, "success")
                               for d in ["2020-01-01", "2020-03-31"]])
    summits = pd.DataFrame({"id": ["s1"], "name": ["one"], "kind": ["summit"], "track": ["us_dprk"],
                            "date": pd.to_datetime(["2020-01-06"]), "end_date": pd.to_datetime(["2020-01-06"])})
    t = an.summit_window_test(launches, summits, window_days=15, n_perm=50, seed=1)
    assert t["summits"]["events_in_window"].tolist() == [1]          # the launch on the record's first day
    none = an.summit_window_test(launches, summits.iloc[:0], window_days=15, n_perm=50, seed=1)
    assert none["n_summits"] == 0 and np.isnan(none["observed_mean"])
    quiet = an.summit_window_test(launches, summits.assign(date=pd.to_datetime(["2020-02-15"]),
                                                           end_date=pd.to_datetime(["2020-02-15"])),
                                  window_days=15, n_perm=50, seed=1)
    assert quiet["observed_mean"] == 0.0 and quiet["p_more"] == 1.0   # every placement holds at least none
