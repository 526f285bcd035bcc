"""The numbers the charts' captions state (usnk.findings.captions): exact values on small
frames, and on the real data the facts each chapter hands its charts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutationscope import per_module
from usnk import findings
from usnk.findings import captions as cap
from usnk.load import load_all


def test_per_year_total_and_the_first_of_the_busiest_years():
    table = pd.DataFrame({"SRBM": [3, 0, 5], "ICBM": [2, 5, 0]}, index=[2017, 2018, 2019])
    assert cap.per_year_facts(table) == {"per_year_total": 15, "per_year_peak_year": 2017, "per_year_peak": 5}


def test_the_frontier_records_and_a_metric_without_flights():
    fr = pd.DataFrame({"metric": ["distance_km", "distance_km", "apogee_km"], "year": [2017, 2022, 2017],
                       "value": [13000.0, 1100.4, 4475.0], "missile_name": ["Hwasong-15", "KN-23", "Hwasong-15"]})
    facts = cap.frontier_facts(fr)
    assert (facts["frontier_distance_km"], facts["frontier_distance_system"], facts["frontier_distance_year"]) == (
        "13,000", "Hwasong-15", 2017)
    assert facts["frontier_apogee_km"] == "4,475"
    none = cap.frontier_facts(fr[fr["metric"] == "distance_km"])
    assert none["frontier_apogee_km"] == "" and none["frontier_apogee_system"] == ""


def test_success_rates_best_and_worst_in_the_charts_order():
    success = pd.DataFrame({"missile_name": ["A", "B", "C"], "flights": [10, 4, 6], "rate": [0.5, 1.0, 0.5]})
    facts = cap.success_rates_facts(success)
    assert facts["success_missiles"] == 20
    assert (facts["success_best"], facts["success_best_rate"], facts["success_best_flights"]) == ("B", "100%", 4)
    # A and C tie for the lowest: the chart lists the systems bottom to top, so C comes first
    assert (facts["success_worst"], facts["success_worst_rate"], facts["success_worst_flights"]) == ("C", "50%", 6)


def test_success_history_counts_the_systems_that_improved_on_their_third_flight():
    hist = pd.DataFrame({"missile_name": ["A"] * 4 + ["B"] * 4 + ["C"] * 2,
                         "flight": [1, 2, 3, 4] * 2 + [1, 2],
                         "rate": [0.0, 0.5, 0.33, 0.5, 1.0, 1.0, 1.0, 0.75, 1.0, 1.0]})
    assert cap.success_history_facts(hist) == {"success_history_improved": 1}  # A only


def test_ratchet_days_of_the_adopted_votes_with_a_trigger_date():
    ratchet = pd.DataFrame({"status": ["adopted", "adopted", "vetoed", "adopted"],
                            "days": [82.0, 8.0, 63.0, np.nan]})
    assert cap.ratchet_facts(ratchet) == {"ratchet_dated": 3, "ratchet_days_min": 8, "ratchet_days_max": 82,
                                          "ratchet_days_median": "45"}


def test_responses_since_a_date_and_the_events_after_the_last_answered():
    responses = pd.DataFrame({"date": pd.to_datetime(["2005-01-01", "2006-10-09", "2016-09-09", "2017-11-29"]),
                              "answered": [True, True, True, False]})
    assert cap.responses_facts(responses, "2006-01-01") == {
        "responses_events": 3, "responses_answered": 2, "responses_last_answered": "9 September 2016",
        "responses_after": 1}
    none = cap.responses_facts(responses.assign(answered=False), "2006-01-01")
    assert none["responses_last_answered"] == "the start" and none["responses_after"] == 3


def test_six_party_sessions_and_the_busiest_year():
    years = pd.DataFrame({"events": [1, 4, 4], "missiles": [1, 7, 5]}, index=[2003, 2006, 2007])
    sessions = pd.DataFrame({"kind": ["talks", "agreement", "talks"],
                             "date": pd.to_datetime(["2003-08-27", "2005-09-19", "2007-09-27"]),
                             "end_date": pd.to_datetime(["2003-08-29", "2005-09-19", "2007-10-03"])})
    assert cap.six_party_facts(years, sessions) == {
        "six_party_sessions": 2, "six_party_first": "August 2003", "six_party_last": "October 2007",
        "six_party_first_year": 2003, "six_party_last_year": 2007, "six_party_peak_year": 2006, "six_party_peak": 4}


def test_tempo_counts_summits_of_the_tracks_inside_the_series():
    rolling = pd.Series([0, 2, 1], index=pd.to_datetime(["2018-01-01", "2018-06-01", "2019-06-30"]))
    summits = pd.DataFrame({"track": ["us_dprk", "inter_korean", "dprk_china", "us_dprk"],
                            "kind": ["summit", "summit", "summit", "summit"],
                            "date": pd.to_datetime(["2018-06-12", "2018-04-27", "2018-03-26", "2019-07-01"])})
    assert cap.tempo_facts(rolling, summits) == {"tempo_peak": 2, "tempo_summits": 2}
    assert cap.tempo_facts(rolling * 0, summits.iloc[0:0])["tempo_peak"] == 1  # the chart's scale starts at 1


def test_the_summit_test_distribution_shares_sum_to_one():
    dist = cap.summit_null([0.333, 0.334, 0.5, 0.5, 0.1])
    assert dist["mean"].tolist() == [0.1, 0.33, 0.5] and dist["share"].tolist() == [0.2, 0.4, 0.4]


def test_first_flights_per_group_with_a_zero():
    ff = pd.DataFrame({"group": ["SLBM", "SLBM", "Other new system"],
                       "date": pd.to_datetime(["2015-05-09", "2019-10-02", "2021-09-28"])})
    facts = cap.first_flights_facts(ff)
    assert facts == {"first_flights_from": 2015, "first_flights_to": 2021, "first_flights_slbm": 2,
                     "first_flights_hypersonic_glide_vehicle": 0, "first_flights_solid_fuel_icbm": 0,
                     "first_flights_other_new_system": 1}
    assert cap.group_key("Solid-fuel ICBM") == "first_flights_solid_fuel_icbm"


def test_durations_commitments_and_recent_totals():
    durations = pd.DataFrame({"holding": [False, False, True], "days": [44, 3000, 200],
                              "ended": pd.to_datetime(["2012-04-13", "2002-10-01", "2026-11-20"])})
    assert cap.durability_facts(durations) == {"durability_broken": 2, "durability_min_days": 44,
                                               "durability_max_days": 3000, "durability_to": "20 November 2026"}
    record = pd.DataFrame({"holding": [False, False, True], "years": [8.2, 1.7, 12.0]})
    assert cap.commitments_facts(record) == {"commitments_ended": 2, "commitments_min_years": "1.7",
                                             "commitments_max_years": "8.2"}
    recent = pd.DataFrame({"SRBM": [10, 3], "ICBM": [2, 0]}, index=[2025, 2026])
    assert cap.recent_trend_facts(recent) == {"recent_trend_totals": "2025: 12, 2026: 3"}


def test_region_captions_on_small_frames():
    south = pd.DataFrame({"balloons": [0, 7, 7], "infiltration": [2, 0, 1]}, index=[2015, 2016, 2024])
    assert cap.south_facts(south) == {"south_peak_year": 2024, "south_peak_n": 8}
    res = pd.DataFrame({"status": ["adopted", "adopted", "vetoed", "adopted"],
                        "kind": ["sanctions", "panel_renewal", "sanctions", "sanctions"],
                        "date": pd.to_datetime(["2016-03-02", "2024-03-28", "2022-05-26", "2017-12-22"])})
    assert cap.neighbours_facts(res) == {"neighbours_sanctions": 2, "neighbours_last_sanctions": 2017}
    hum = pd.DataFrame({"agency": ["WFP", "UNICEF", "UNICEF"], "estimate_type": ["measured", "modelled", "measured"]})
    assert cap.humanitarian_facts(hum) == {"humanitarian_agencies": "UNICEF, WFP", "humanitarian_measured": 2}
    japan = pd.DataFrame({"kind": ["overflight", "overflight", "eez_landing"], "latitude": [39.0, np.nan, 40.0],
                          "longitude": [125.0, np.nan, 126.0]})
    assert cap.japan_sites_facts(japan) == {"japan_sites_overflight": 1, "japan_sites_eez_landing": 1}


@pytest.fixture(scope=per_module)
def tables():
    return load_all()


@pytest.mark.parametrize("chapter, keys", [
    ("nuclear", ("per_year_total", "nuclear_tests_yield_ratio", "frontier_distance_km", "success_missiles",
                 "success_history_improved", "ratchet_dated", "responses_events", "before_after_more",
                 "six_party_sessions", "economy_trade_peak", "exercise_windows_events")),
    ("diplomacy", ("tempo_peak", "tempo_summits", "term_rates_top_us", "first_flights_slbm", "since_total")),
    ("region", ("japan_sites_overflight", "south_peak_year", "neighbours_sanctions", "humanitarian_agencies",
                "china_trade_peak")),
    ("outlook", ("durability_broken", "commitments_ended", "recent_trend_totals")),
])
def test_every_chapter_hands_its_charts_their_caption_facts(tables, chapter, keys):
    facts = getattr(findings, chapter)(tables).facts
    assert all(str(facts[k]) != "" for k in keys), [k for k in keys if str(facts[k]) == ""]


def test_the_real_caption_facts_are_the_frames_numbers(tables):
    nuclear = findings.nuclear(tables)
    per_year = nuclear.frames.per_year
    assert nuclear.facts.per_year_total == str(int(per_year.to_numpy().sum()))
    launches = tables["missile_launches"]
    assert nuclear.facts.per_year_total == str(int(launches["missile_class"].isin(per_year.columns).sum()))
    markers = nuclear.frames.response_markers
    assert str(int(markers["events"].sum())) == nuclear.facts.responses_events
    assert str(int(markers.loc[markers["answered"], "events"].sum())) == nuclear.facts.responses_answered
    diplomacy = findings.diplomacy(tables)
    assert diplomacy.frames.summit_null["share"].sum() == pytest.approx(1.0)
    assert len(diplomacy.frames.summit_null) == len(np.unique(np.round(diplomacy.frames.summit_test["null"], 2)))
    assert int(diplomacy.facts.since_total) == int(diplomacy.frames.monthly.to_numpy().sum())
