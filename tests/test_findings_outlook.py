"""Chapter 5's findings: the agreements rule on both sides, facts named from the data."""

from __future__ import annotations

import importlib
import pandas as pd

from usnk.load import load_all

ch = importlib.import_module("usnk.findings.outlook")  # usnk.findings.outlook is the chapter function


def _durations(holding):
    return pd.DataFrame({"holding": holding})


def test_agreements_verdict_on_both_sides():
    assert ch.agreements_verdict(_durations([False, False])) == "supported"
    assert ch.agreements_verdict(_durations([False, True])) == "contradicted"     # one holds: not never
    assert ch.agreements_verdict(_durations([])) == "contradicted"


def _summits(*rows):
    """rows: (id, track, date, breakdown_date or None)."""
    return pd.DataFrame([{"id": i, "name": i, "kind": "agreement", "track": t, "date": pd.Timestamp(d),
                          "end_date": pd.Timestamp(d), "breakdown_date": pd.Timestamp(b) if b else pd.NaT,
                          "breakdown_event": "end" if b else None, "source_url": "https://example.org"}
                         for i, t, d, b in rows])


def test_agreements_robustness_over_the_named_tracks_and_every_track():
    named_only = _summits(("a", "us_dprk", "2000-01-01", "2001-01-01"), ("b", "inter_korean", "2000-01-01", None))
    r = ch.agreements_robustness(named_only)
    assert r.verdict == "mixed" and r.text == ("US–DPRK and six-party agreements: supported; every agreement in the "
                                               "table: contradicted.")
    assert ch.agreements_robustness(named_only.iloc[:1]).verdict == "supported"
    assert ch.agreements_robustness(_summits(("a", "us_dprk", "2000-01-01", None))).verdict == "contradicted"


def test_the_named_agreements_come_from_the_data():
    f = ch.outlook(load_all())
    ids = f.frames.durations["id"].tolist()
    assert ids == ["us-dprk-joint-statement-1993", "agreed-framework-1994", "joint-communique-2000",
                   "joint-statement-2005", "initial-actions-2007", "second-phase-actions-2007", "leap-day-deal-2012",
                   "singapore-joint-statement-2018"]
    facts = f.facts
    assert facts.leap_day_deal_2012_days == "44" and facts.agreed_framework_1994_days == "2,989"
    assert facts.leap_day_deal_2012_event == "DPRK satellite launch"     # an acronym keeps its capitals
    assert facts.singapore_joint_statement_2018_holding == "broke down"
    assert facts.singapore_joint_statement_2018_days == "1,549" and facts.joint_communique_2000_days == "1,602"
    assert (facts.n_broken, facts.n_agreements, facts.verdict_agreements) == ("8", "8", "mixed")


def test_agreements_verdict_at_half_broken_and_a_fact_key():
    assert ch.agreements_verdict(_durations([False, False, True, True])) == "contradicted"
    assert ch.agreements_verdict(_durations([True])) == "contradicted"
    assert ch.fact_key("leap-day-deal-2012") == "leap_day_deal_2012"


def test_real_data_agreements_and_commitments_known_values():
    f = ch.outlook(load_all())
    expected = {
        "as_of": "8 September 2022", "median_days": "1,426", "min_days": "44", "longest_name": "US-DPRK joint statement",
        "longest_years": "9.6", "last_us_meeting_year": "2019", "n_pledges": "11", "n_pledges_ended": "11",
        "n_pledges_holding": "0", "n_dprk_pledges": "9", "holding_ids": "none", "pledges_median": "4.2",
        "pledge_longest_years": "9.6", "pledge_longest_label": "the DPRK's pledge of 11 June 1993",
        "pledge_shortest_days": "44", "n_repudiated": "9", "n_violated": "1",
        "n_lapsed": "1", "moratorium_end": "2 March 2005", "moratorium_breach": "5 July 2006",
        "verdict_pledges": "supported", "verdict_moratorium_1999": "mixed", "verdict_leap_day": "supported"}
    assert {key: f.facts[key] for key in expected} == expected
    assert {v.claim_id: v.verdict for v in f.verdicts} == {
        "agreements_never_last": "mixed", "pathways": "not testable with these data",
        "moratorium_1999_held": "mixed",
        "leap_day_ended_april_2012": "supported", "grand_bargain": "not testable with these data",
        "denuclearization_vs_arms_control": "not testable with these data",
        "multilateral_leverage": "not testable with these data",
        "unconditional_dialogue": "not testable with these data", "sanctions_primary_tool": "supported",
        "pressure_entrenches": "not testable with these data"}
    assert {v.claim_id for v in f.verdicts if v.origin == "book"} == {
        "agreements_never_last", "moratorium_1999_held", "leap_day_ended_april_2012",
        "denuclearization_vs_arms_control"}
    assert f.verdict("agreements_never_last").evidence == (
        "8 of 8 US–DPRK and six-party agreements broke down, after a median of 1,426 days, the longest after 9.6 "
        "years; of every agreement with the DPRK in the table, 13 of 15 did, those with no recorded end being "
        "Japan–DPRK, Russia–DPRK.")
    assert f.verdict("moratorium_1999_held").section == "05_outlook#commitments-how-long-each-held"
    # the pledge-by-pledge re-test of "agreements never last" is the same claim: merged, no second verdict
    assert "pledges_never_last" not in {v.claim_id for v in f.verdicts}
    assert f.frames.pathways["record"].tolist()[:2] == [
        "3 US–DPRK leader meetings (2018–2019); 5 US–DPRK agreements in the table, 5 recorded as broken down, "
        "after 3,500 and 2,989 and 1,602 and 44 and 1,549 days",
        "11 sessions of talks (rounds and phases of rounds, 2003–2008) and 3 agreements, which held 559–1,303 days"]


def test_agreement_facts_exactly_on_a_small_table():
    d = pd.DataFrame({"id": ["a-1", "b-2", "c-3"], "name": ["A", "B", "C"], "days": [44, 3500, 1000],
                      "years": [0.1, 9.6, 2.7], "holding": [False, False, True],
                      "breakdown_event": ["DPRK launch", "Launch of a satellite", "Not yet"],
                      "ended": pd.to_datetime(["2012-04-13", "2003-01-10", "2025-09-04"])})
    assert ch._agreement_facts(d) == {
        "a_1_days": "44", "a_1_years": "0.1", "a_1_holding": "broke down", "a_1_event": "DPRK launch",
        "b_2_days": "3,500", "b_2_years": "9.6", "b_2_holding": "broke down", "b_2_event": "launch of a satellite",
        "c_3_days": "1,000", "c_3_years": "2.7", "c_3_holding": "has no breakdown recorded", "c_3_event": "not yet",
        "as_of": "4 September 2025", "n_broken": 2, "n_agreements": 3, "median_days": "1,772", "longest_name": "B",
        "longest_years": "9.6", "min_days": "44"}


def test_recent_facts_with_one_class_or_several():
    one = pd.DataFrame({"SRBM": [5, 10]}, index=[2024, 2025])
    one.attrs["through"] = pd.Timestamp("2025-08-20")
    assert ch._recent_facts(one) == {
        "recent_first": 2024, "recent_top_class": "SRBM", "recent_top_share": "100%", "recent_second_class": "",
        "recent_second_share": "", "through": "20 August 2025", "recent_icbm": 0}
    several = pd.DataFrame({"SRBM": [5, 10], "unknown": [1, 2], "ICBM": [0, 2]}, index=[2024, 2025])
    several.attrs["through"] = pd.Timestamp("2025-08-20")
    facts = ch._recent_facts(several)
    assert (facts["recent_top_share"], facts["recent_second_class"], facts["recent_second_share"]) == (
        "75%", "unidentified missiles", "15%")
    assert facts["recent_icbm"] == 2


def test_commitment_facts_exactly_on_a_small_record():
    rec = pd.DataFrame({"id": ["p", "q", "r", "s"], "terms": ["P", "Q", "R", "S"],
                        "pledged_by": ["US", "US", "ROK", "US"], "holding": [False, False, False, True],
                        "end_kind": ["lapsed", "violated", "lapsed", None], "days": [44, 3500, 700, 10],
                        "years": [0.1, 9.6, 1.9, 0.0],
                        "date": pd.to_datetime(["2000-01-01", "2001-02-03", "2002-01-01", "2003-01-01"])})
    assert ch._commitment_facts(rec) == {
        "n_pledges": 4, "n_pledges_ended": 3, "n_pledges_holding": 1, "holding_ids": "S", "pledges_median": "1.9",
        "pledge_longest": "Q", "pledge_longest_label": "the US's pledge of 3 February 2001",
        "pledge_longest_years": "9.6", "pledge_shortest": "P", "pledge_shortest_days": "44",
        "n_repudiated": 0, "n_violated": 1, "n_lapsed": 2, "n_dprk_pledges": 0}
    assert ch._commitment_facts(rec.assign(holding=False))["holding_ids"] == "none"


def test_the_last_us_meeting_counts_summits_as_well_as_talks():
    """On the real data the last US–DPRK summit and talks fall in the same year; without
    the talks the year must come from the summits alone."""
    tables = load_all()
    summits = tables["summits"]
    no_talks = summits[~((summits["track"] == "us_dprk") & (summits["kind"] == "talks"))]
    us_summits = no_talks[(no_talks["track"] == "us_dprk") & (no_talks["kind"] == "summit")]
    facts = ch.outlook({**tables, "summits": no_talks}).facts
    assert str(facts.last_us_meeting_year) == str(us_summits["date"].max().year)
