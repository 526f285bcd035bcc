"""Analysis functions of the history and nuclear chapters, on small frames with known answers."""

from __future__ import annotations

import pandas as pd
import pytest

from framefixture import launches_frame
from usnk import analysis as an

SRC = "https://example.org/src"


L = launches_frame([
    ("a1", "2010-01-05", "e1", "Alpha", "SRBM", "success", 300, 50),
    ("a2", "2010-01-05", "e1", "Alpha", "SRBM", "failure", 900, 90),
    ("b1", "2010-06-01", "e2", "Bravo", "ICBM", "success", 1000, 4000),
    ("a3", "2011-03-01", "e3", "Alpha", "SRBM", "unknown", 500, None),
    ("a4", "2011-03-02", "e4", "Alpha", "SRBM", "success", None, 60),
    ("a5", "2012-02-01", "e5", "Alpha", "SRBM", "success", 2000, 100),
    ("c1", "2012-05-01", "e6", "Unknown", "unknown", "failure", None, None),
])
T = pd.DataFrame({"test_number": pd.array([1, 2], dtype="Int64"),
                  "date": pd.to_datetime(["2010-03-01", "2012-01-01"]), "source_url": SRC})
R = pd.DataFrame({
    "resolution": pd.array(["10", "11", "12", "S/1"], dtype="str"),
    "date": pd.to_datetime(["2010-03-11", "2010-07-01", "2011-01-01", "2012-02-01"]),
    "status": ["adopted", "adopted", "adopted", "vetoed"],
    "kind": ["sanctions", "other", "panel_renewal", "sanctions"],
    "trigger_event": ["test 1", "ICBM", None, "test 2"],
    "trigger_date": pd.to_datetime(["2010-03-01", "2010-06-01", None, "2012-01-01"]),
    "measures": ["m1", "m2", "m3", "m4"], "source_url": SRC,
})


def test_launch_events_group_missiles_by_event():
    ev = an.launch_events(L)
    assert ev["event_id"].tolist() == ["e1", "e2", "e3", "e4", "e5", "e6"]
    assert ev.set_index("event_id").loc["e1", "missiles"] == 2
    assert ev.set_index("event_id").loc["e1", "distance_km"] == 900


def test_capability_frontier_ignores_failures_and_flags_records():
    fr = an.capability_frontier(L)
    dist = fr[fr["metric"] == "distance_km"].set_index("year")
    # 2010: the failed 900 km flight does not count; Bravo's 1000 km does
    assert dist.loc[2010, "value"] == 1000 and dist.loc[2010, "missile_name"] == "Bravo"
    assert dist.loc[2011, "value"] == 500 and not dist.loc[2011, "record"]
    assert dist.loc[2012, "value"] == 2000 and dist.loc[2012, "record"]
    apo = fr[fr["metric"] == "apogee_km"].set_index("year")
    assert apo["record"].tolist() == [True, False, False]


def test_success_rates_only_named_systems_with_enough_flights():
    sr = an.success_rates(L, min_flights=5).set_index("missile_name")
    assert list(sr.index) == ["Alpha"]
    a = sr.loc["Alpha"]
    assert (a["flights"], a["success"], a["failure"], a["unknown"]) == (5, 3, 1, 1)
    assert a["rate"] == pytest.approx(0.75)
    assert (a["first_year"], a["last_year"]) == (2010, 2012)
    assert an.success_rates(L, min_flights=1)["missile_name"].tolist() == ["Alpha", "Bravo"]


def test_cumulative_success_steps_over_known_outcomes():
    h = an.cumulative_success(L, ["Alpha"])
    assert h["flight"].tolist() == [1, 2, 3, 4, 5]
    assert h["rate"].round(3).tolist() == [1.0, 0.5, 0.5, 0.667, 0.75]


def test_sanctions_ratchet_days_and_no_panel_renewals():
    r = an.sanctions_ratchet(R)
    assert r["resolution"].tolist() == ["10", "11", "S/1"]
    assert r["days"].astype(float).tolist() == [10.0, 30.0, 31.0]


def test_tests_and_responses_matches_adopted_resolutions_only():
    tr = an.tests_and_responses(L, T, R, classes=("ICBM",))
    assert tr["label"].tolist() == ["Nuclear test 1", "Bravo", "Nuclear test 2"]
    assert tr["answered"].tolist() == [True, True, False]       # the vetoed draft does not count
    assert tr["resolution"].tolist()[:2] == ["10", "11"]
    assert tr["days"].tolist()[:2] == [10, 30]


def test_launches_around_counts_both_windows():
    out = an.launches_around(L, ["2011-03-01"], days=365)
    row = out.iloc[0]
    # before: 2010-03-01..2011-02-28 holds b1; after: 2011-03-01..2012-02-29 holds a3, a4, a5
    assert (row["missiles_before"], row["missiles_after"]) == (1, 3)
    assert (row["events_before"], row["events_after"]) == (1, 3)
    wide = an.launches_around(L, ["2011-03-01"], days=500).iloc[0]
    assert (wide["missiles_before"], wide["events_before"]) == (3, 2)
    assert bool(row["complete"]) is True                        # window ends before the newest launch
    late = an.launches_around(L, ["2012-03-01"], days=365).iloc[0]
    assert bool(late["complete"]) is False                      # window runs past the newest launch


def test_period_tempo_rates():
    p = an.period_tempo(L, "2010-01-01", "2010-12-31")
    assert p["missiles"] == 3 and p["events"] == 2
    assert p["events_per_year"] == pytest.approx(2 / (365 / 365.25))


def test_negotiation_cycle_before_and_after():
    s = pd.DataFrame({"id": ["x", "y"], "name": ["X", "Y"], "track": ["us_dprk", "inter_korean"],
                      "kind": ["talks", "summit"], "date": pd.to_datetime(["2011-06-01", "2011-06-01"]),
                      "end_date": pd.to_datetime(["2011-06-02", "2011-06-01"])})
    cyc = an.negotiation_cycle(s, L, T, classes=("ICBM",))
    assert cyc["id"].tolist() == ["x"]
    assert bool(cyc["preceded"].iloc[0]) and bool(cyc["followed"].iloc[0])
    assert cyc["prior_test_date"].iloc[0] == pd.Timestamp("2010-06-01")
    assert cyc["next_test_date"].iloc[0] == pd.Timestamp("2012-01-01")


def test_full_years_counts_anniversaries():
    assert an.full_years("1953-07-27", "2023-07-26") == 69
    assert an.full_years("1953-07-27", "2023-07-27") == 70
    assert an.full_years(an.ARMISTICE_SIGNED, "2026-08-20") == 73


INC = pd.DataFrame({
    "id": ["1", "2", "3", "4"],
    "date": pd.to_datetime(["1958-02-16", "1968-01-23", "1969-04-15", "1987-11-29"]),
    "category": ["seizure", "seizure", "attack", "terrorism"],
    "event_type": ["a", "b", "c", "d"],
    "landmark": pd.array([None, "Pueblo", None, "KAL 858"], dtype="str"),
    "touched_south": [False, False, False, True], "source_url": SRC,
})


def test_incidents_per_decade_has_every_decade_and_known_counts():
    t = an.incidents_per_decade(INC)
    assert t.index.tolist() == [1950, 1960, 1970, 1980]
    assert t.columns.tolist() == ["attack", "terrorism", "seizure"]       # style order
    assert t.loc[1960].tolist() == [1, 0, 1]
    assert t.loc[1970].sum() == 0
    assert an.landmark_incidents(INC)["landmark"].tolist() == ["Pueblo", "KAL 858"]


LEAD = pd.DataFrame({
    "country": ["US", "US", "DPRK", "ROK"], "name": ["A B", "C D", "Kim", "Acting"],
    "title": "t", "party": ["Democratic", "Republican", None, None],
    "start_date": pd.to_datetime(["1990-01-20", "1994-01-20", "1948-09-09", "1993-01-01"]),
    "end_date": pd.to_datetime(["1994-01-20", None, None, "1993-02-01"]),
    "acting": [False, False, False, True], "source_url": SRC,
})


def test_terms_clip_and_leader_counts():
    t = an.terms(LEAD, country="US", start="1992-01-01", end="1996-01-01", as_of="2000-01-01")
    assert t["start"].tolist() == [pd.Timestamp("1992-01-01"), pd.Timestamp("1994-01-20")]
    assert t["end"].tolist()[-1] == pd.Timestamp("1996-01-01")
    assert t["incumbent"].tolist() == [False, True]
    c = an.leader_counts(LEAD)
    assert c.to_dict() == {"DPRK": 1, "US": 2}                            # acting holder left out


def test_engagement_by_decade():
    s = pd.DataFrame({"track": ["us_dprk", "us_dprk", "six_party"], "kind": ["talks", "summit", "talks"],
                      "date": pd.to_datetime(["1994-10-21", "2018-06-12", "2005-01-01"])})
    e = an.engagement_by_decade(s)
    assert e.loc[1990, "talks"] == 1 and e.loc[2010, "summit"] == 1 and 2000 not in e.index


def test_major_tests_columns_kinds_and_same_day_order():
    same_day = pd.concat([L, launches_frame([("d1", "2012-01-01", "e7", "Delta", "IRBM", "success", None, None)])],
                         ignore_index=True)
    m = an.major_tests(same_day, T)
    assert m.columns.tolist() == ["date", "kind", "label", "source_url"]
    assert m["kind"].tolist() == ["nuclear_test", "ICBM", "IRBM", "nuclear_test"]  # a tie ordered by kind
    assert m["label"].tolist() == ["Nuclear test 1", "Bravo", "Delta", "Nuclear test 2"]
    assert m.index.tolist() == [0, 1, 2, 3] and set(m["source_url"]) == {SRC}


def test_tests_and_responses_take_the_classes_asked_for():
    tr = an.tests_and_responses(L, T, R, classes=("SRBM",))
    assert tr["kind"].tolist() == ["SRBM", "nuclear_test", "SRBM", "SRBM", "nuclear_test", "SRBM"]
    assert tr["answered"].tolist() == [False, True, False, False, False, False]
    assert tr.columns.tolist() == ["date", "kind", "label", "source_url", "resolution", "answered", "days"]


def test_negotiation_cycle_of_a_meeting_without_an_end_date_counts_from_its_first_day():
    s = pd.DataFrame({"id": ["x"], "name": ["X"], "track": ["six_party"], "kind": ["talks"],
                      "date": pd.to_datetime(["2011-01-05"]), "end_date": pd.to_datetime([None])})
    cyc = an.negotiation_cycle(s, L, T, classes=("ICBM",), days=360)
    row = cyc.iloc[0]
    assert row["end_date"] == pd.Timestamp("2011-01-05")
    # the next test (2012-01-01) is 361 days after the first day: not within 360
    assert row["next_test_date"] == pd.Timestamp("2012-01-01") and not row["followed"]
    assert an.negotiation_cycle(s, L, T, classes=("ICBM",), days=361)["followed"].tolist() == [True]


def test_landmark_incidents_columns_order_and_blank_labels():
    inc = pd.concat([INC, pd.DataFrame({"id": ["0", "5"], "date": pd.to_datetime(["1968-01-23", "1990-01-01"]),
                                        "category": ["attack", "attack"], "event_type": ["e", "f"],
                                        "landmark": pd.array(["Blue House raid", "  "], dtype="str"),
                                        "touched_south": [True, False], "source_url": SRC})], ignore_index=True)
    lm = an.landmark_incidents(inc)
    assert lm.columns.tolist() == ["date", "decade", "landmark", "category", "event_type", "source_url"]
    assert lm["landmark"].tolist() == ["Blue House raid", "Pueblo", "KAL 858"]  # same day: by id
    assert lm["decade"].tolist() == [1960, 1960, 1980] and lm.index.tolist() == [0, 1, 2]


def test_terms_without_as_of_end_open_terms_today():
    t = an.terms(LEAD, country="US")
    assert t["end"].tolist() == [pd.Timestamp("1994-01-20"), pd.Timestamp.today().normalize()]
    assert t["name"].tolist() == ["A B", "C D"] and t.index.tolist() == [0, 1]
    assert an.terms(LEAD, country="US", as_of="2000-01-01")["end"].tolist()[-1] == pd.Timestamp("2000-01-01")


def test_engagement_by_decade_has_every_kind_as_integer_counts():
    s = pd.DataFrame({"track": ["us_dprk", "us_dprk", "six_party", "us_dprk"],
                      "kind": ["talks", "summit", "talks", "agreement"],
                      "date": pd.to_datetime(["1994-10-21", "2018-06-12", "2005-01-01", "1994-10-21"])})
    e = an.engagement_by_decade(s)
    assert (e.index.name, e.columns.name, e.columns.tolist()) == ("decade", "kind", ["summit", "talks", "agreement"])
    assert e.to_dict("index") == {1990: {"summit": 0, "talks": 1, "agreement": 1},
                                  2010: {"summit": 1, "talks": 0, "agreement": 0}}
    assert all(str(t).startswith("int") for t in e.dtypes)
    assert an.engagement_by_decade(s, tracks=("six_party",)).to_dict("index") == {
        2000: {"summit": 0, "talks": 1, "agreement": 0}}


def test_period_tempo_counts_both_end_days_and_gives_yearly_rates():
    p = an.period_tempo(L, "2010-01-05", "2010-06-01")   # a1, a2 (one event) on the first day, b1 on the last
    assert (p["missiles"], p["events"]) == (3, 2)
    assert p["years"] == pytest.approx(148 / 365.25)
    assert p["missiles_per_year"] == pytest.approx(3 * 365.25 / 148)
    assert p["events_per_year"] == pytest.approx(2 * 365.25 / 148)


def test_negotiation_cycle_after_the_last_major_test_has_no_next_test():
    s = pd.DataFrame({"id": ["z"], "name": ["Z"], "track": ["us_dprk"], "kind": ["talks"],
                      "date": pd.to_datetime(["2012-12-30"]), "end_date": pd.to_datetime(["2013-01-02"])})
    row = an.negotiation_cycle(s, L, T, classes=("ICBM",)).iloc[0]
    assert pd.isna(row["next_test_date"]) and not row["followed"]
    assert row["prior_test_date"] == pd.Timestamp("2012-01-01") and row["preceded"]


def test_success_rates_of_a_system_with_one_known_flight_and_the_columns():
    sr = an.success_rates(L, min_flights=1)
    assert sr.columns.tolist() == ["missile_name", "success", "failure", "unknown", "flights", "rate", "first_year",
                                   "last_year", "missile_class"]
    assert sr.index.tolist() == [0, 1]
    assert sr.set_index("missile_name").loc["Bravo", "rate"] == 1.0   # one flight, a success


def test_decades_are_integers_and_the_decade_table_names_its_axes():
    assert an.decade_of(pd.Series(pd.to_datetime(["1968-01-23", "2001-01-01"]))).tolist() == [1960, 2000]
    assert an.decade_of(pd.Series(pd.to_datetime(["1968-01-23"]))).dtype.kind == "i"
    t = an.incidents_per_decade(INC)
    assert (t.index.name, t.columns.name) == ("decade", "category")


def test_a_panel_renewal_answers_no_test():
    renewal = pd.DataFrame({"resolution": pd.array(["13"], dtype="str"), "date": pd.to_datetime(["2012-01-10"]),
                            "status": ["adopted"], "kind": ["panel_renewal"], "trigger_event": ["test 2"],
                            "trigger_date": pd.to_datetime(["2012-01-01"]), "measures": ["m"], "source_url": SRC})
    tr = an.tests_and_responses(L, T, pd.concat([R, renewal], ignore_index=True), classes=("ICBM",))
    assert tr["answered"].tolist() == [True, True, False]


def test_an_event_on_a_votes_day_is_not_answered_by_that_vote():
    """A resolution answers events before its vote; one on the day of the vote comes
    after the text was agreed. The result keeps text dtype for the resolution numbers."""
    vote = pd.DataFrame({"resolution": pd.array(["14"], dtype="str"), "date": pd.to_datetime(["2012-01-01"]),
                         "status": ["adopted"], "kind": ["sanctions"], "trigger_event": ["test 2"],
                         "trigger_date": pd.to_datetime(["2011-12-01"]), "measures": ["m"], "source_url": SRC})
    tr = an.tests_and_responses(L, T, vote, classes=("ICBM",))
    on_the_day = tr[tr["date"] == pd.Timestamp("2012-01-01")]
    assert len(on_the_day) == 1 and not on_the_day["answered"].iloc[0]
    assert tr["resolution"].dtype == "str"
