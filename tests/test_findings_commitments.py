"""The 2018 halt, Hanoi, the 2021 outreach (chapter 3) and the commitments (chapter 5):
verdict rules on both sides, facts on hand-made tables, and the register's coverage."""

from __future__ import annotations

import importlib

import pandas as pd

from framefixture import table_frame

diplomacy = importlib.import_module("usnk.findings.diplomacy")
outlook = importlib.import_module("usnk.findings.outlook")

SRC = "https://example.org/s"


def test_first_meeting_no_deal_rebuffed_and_alliances_rules():
    assert diplomacy.first_meeting_verdict(pd.Timestamp("2018-06-12")) == "supported"
    assert diplomacy.first_meeting_verdict(pd.Timestamp("2000-10-23")) == "contradicted"
    assert diplomacy.first_meeting_verdict(pd.NaT) == "contradicted"
    assert diplomacy.no_deal_verdict(0) == "supported" and diplomacy.no_deal_verdict(1) == "contradicted"
    assert diplomacy.rebuffed_verdict(0) == "supported" and diplomacy.rebuffed_verdict(2) == "contradicted"
    assert diplomacy.alliances_verdict(5) == "partly supported" and diplomacy.alliances_verdict(0) == "contradicted"


def _summits():
    return table_frame("summits", [
        {"id": "talks-1993", "name": "Talks", "date": "1993-06-02", "end_date": "1993-06-11", "kind": "talks",
         "track": "us_dprk", "source_url": SRC},
        {"id": "hanoi-2019", "name": "Hanoi summit", "date": "2019-02-27", "end_date": "2019-02-28",
         "kind": "summit", "track": "us_dprk", "outcome": "ended early with no agreement", "source_url": SRC},
        {"id": "statement-2019", "name": "A statement", "date": "2019-03-05", "end_date": "2019-03-05",
         "kind": "agreement", "track": "us_dprk", "source_url": SRC},
        {"id": "talks-2022", "name": "Talks", "date": "2022-05-01", "end_date": "2022-05-01", "kind": "talks",
         "track": "us_dprk", "source_url": SRC},
    ])


def test_hanoi_facts_count_agreements_on_its_days_and_the_relief_resolutions():
    resolutions = pd.DataFrame({"resolution": ["2270", "2397", "2087", "2719"],
                                "date": pd.to_datetime(["2016-03-02", "2017-12-22", "2013-01-22", "2017-06-01"]),
                                "kind": ["sanctions", "sanctions", "sanctions", "panel_renewal"],
                                "status": ["adopted"] * 4})
    f = diplomacy._hanoi_facts(_summits(), resolutions)
    assert (f["hanoi_start"], f["hanoi_end"], f["hanoi_agreements"]) == ("27 February 2019", "28 February 2019", 0)
    assert (f["n_relief"], f["relief_list"]) == (2, "2270, 2397")
    assert (f["n_us_meetings"], f["n_us_agreements"], f["first_us_meeting"]) == (3, 1, "2 June 1993")


def test_outreach_facts_count_meetings_and_exercises_in_the_term():
    leaders = pd.DataFrame({"country": ["US"], "name": ["Joe Biden"],
                            "start_date": pd.to_datetime(["2021-01-20"]), "end_date": pd.to_datetime(["2025-01-20"])})
    exercises = pd.DataFrame({"name": ["A", "B", "C", "D"],
                              "date": pd.to_datetime(["2019-03-04", "2021-08-16", "2022-08-22", "2025-03-10"]),
                              "status": ["scaled_down", "scaled_down", "held", "held"]})
    f = diplomacy._outreach_facts(_summits(), leaders, exercises)
    assert (f["outreach_meetings"], f["n_held_in_term"], f["n_reduced_before"]) == (1, 1, 1)
    assert (f["first_full_exercise"], f["first_full_date"]) == ("C", "22 August 2022")


def test_halt_facts_read_the_record_row():
    record = pd.DataFrame([{"id": "test-halt-2018", "date": pd.Timestamp("2018-04-21"), "terms": "stops tests",
                            "end_date": pd.Timestamp("2020-01-01"), "end_event": "a plenum", "years": 1.7,
                            "first_breach": "Hwasong-17 (ICBM) launch",
                            "first_breach_date": pd.Timestamp("2022-03-16")}])
    f = diplomacy._halt_facts(record)
    assert (f["halt_date"], f["halt_end"], f["halt_years"]) == ("21 April 2018", "1 January 2020", "1.7")
    assert (f["halt_breach"], f["halt_breach_date"]) == ("Hwasong-17 (ICBM) launch", "16 March 2022")
    record.loc[0, "first_breach_date"] = pd.NaT
    assert diplomacy._halt_facts(record)["halt_breach"] == "no covered launch or test"


def test_commitment_facts_count_endings_by_kind():
    record = pd.DataFrame({
        "id": ["a", "b", "c"], "pledged_by": ["DPRK", "DPRK", "US"], "terms": ["freeze", "halt", "pause"],
        "holding": [False, False, True], "days": [3000, 44, 500], "years": [8.2, 0.2, 1.4],
        "end_kind": ["repudiated", "violated", None], "date": pd.to_datetime(["1994-10-21", "2012-02-29", "2018-06-12"])})
    f = outlook._commitment_facts(record)
    assert f["pledge_longest_label"] == "the DPRK's pledge of 21 October 1994"
    assert (f["n_pledges"], f["n_pledges_ended"], f["n_pledges_holding"], f["holding_ids"]) == (3, 2, 1, "pause")
    assert (f["pledges_median"], f["pledge_longest"], f["pledge_longest_years"]) == ("4.2", "freeze", "8.2")
    assert (f["pledge_shortest"], f["pledge_shortest_days"]) == ("halt", "44")
    assert (f["n_repudiated"], f["n_violated"], f["n_lapsed"], f["n_dprk_pledges"]) == (1, 1, 0, 2)
