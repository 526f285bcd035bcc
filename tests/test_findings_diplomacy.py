"""Chapter 3's findings: the verdict rules on both sides, and the real data's verdicts."""

from __future__ import annotations

import importlib
import pandas as pd
import pytest

from mutationscope import per_module
from usnk.load import load_all

ch = importlib.import_module("usnk.findings.diplomacy")  # usnk.findings.diplomacy is the chapter function


def test_summits_verdict_on_both_sides_of_each_rule():
    assert ch.summits_verdict(0.01, pause_ended=True) == "partly supported"
    assert ch.summits_verdict(0.01, pause_ended=False) == "supported"
    assert ch.summits_verdict(0.05, pause_ended=True) == "contradicted"        # not below the threshold
    assert ch.SUMMIT_WINDOWS[0] == 30 and ch.ESCALATION_MONTHS[0] == 12


def _ba(before, after):
    return {"missiles_before": before, "missiles_after": after}


def test_escalation_needs_more_missiles_and_both_new_kinds():
    both = ["Other new system", "SLBM", "Hypersonic glide vehicle"]
    assert ch.escalation_verdict(_ba(10, 11), both) == "partly supported"
    assert ch.escalation_verdict(_ba(10, 10), both) == "contradicted"
    assert ch.escalation_verdict(_ba(10, 30), ["SLBM"]) == "contradicted"
    assert ch.escalation_verdict(_ba(10, 30), ["Hypersonic glide vehicle"]) == "contradicted"


@pytest.fixture(scope=per_module)
def real():
    return ch.diplomacy(load_all())


def test_real_data_verdicts_and_derived_summit_term(real):
    f = real.facts
    assert real.verdict("summits_hope").verdict == "mixed"      # 60-day windows reach the launches of May 2019
    assert f.verdict_summits == "mixed"
    assert real.verdict("summits_hope").robustness.startswith("30-day windows: partly supported")
    assert real.verdict("calibrated_escalation").verdict == "partly supported"
    assert f.summit_term_label == "Donald Trump (2017–2021)"       # the term of the first US–DPRK summit
    assert f.calibrated_date == "30 April 2021" and f.pause_start == "29 November 2017"
    assert int(f.pause_days) > 400 and float(f.test_p) < ch.SIGNIFICANCE
    assert (real.frames.monthly.sum() > 0).all()


def test_first_meeting_hanoi_outreach_and_alliance_verdicts_on_both_sides():
    assert ch.first_meeting_verdict(pd.Timestamp("2018-06-12")) == "supported"
    assert ch.first_meeting_verdict(pd.Timestamp("2017-06-12")) == "contradicted"
    assert ch.first_meeting_verdict(pd.NaT) == "contradicted"
    assert ch.first_meeting_verdict(pd.Timestamp("2019-06-30"), year=2019) == "supported"
    assert (ch.no_deal_verdict(0), ch.no_deal_verdict(1)) == ("supported", "contradicted")
    assert (ch.rebuffed_verdict(0), ch.rebuffed_verdict(1)) == ("supported", "contradicted")
    assert (ch.alliances_verdict(1), ch.alliances_verdict(0)) == ("partly supported", "contradicted")


def test_real_data_halt_hanoi_and_outreach_known_values(real):
    f = real.facts
    assert (f.halt_date, f.halt_end, f.halt_years) == ("21 April 2018", "1 January 2020", "1.7")
    assert (f.halt_breach, f.halt_breach_date) == ("Hwasong-17 (ICBM) launch", "16 March 2022")
    assert f.halt_end_event == "Kim Jong Un told a party plenum there was no ground to stay bound by the halt"
    assert (f.hanoi_start, f.hanoi_end, f.hanoi_outcome, f.hanoi_agreements) == (
        "27 February 2019", "28 February 2019", "ended early with no agreement", "0")
    assert (f.n_relief, f.relief_list) == ("6", "2270, 2321, 2356, 2371, 2375, 2397")
    assert (f.n_us_meetings, f.n_us_agreements, f.first_us_meeting) == ("11", "5", "2 June 1993")
    assert (f.outreach_president, f.outreach_from, f.outreach_to, f.outreach_meetings) == (
        "Joe Biden", "20 January 2021", "20 January 2025", "0")
    assert (f.n_held_in_term, f.n_reduced_before) == ("5", "5")
    assert (f.first_full_exercise, f.first_full_date) == ("Ulchi Freedom Shield 2022", "22 August 2022")
    assert f.first_summit == "12 June 2018" and f.calibrated_date == "30 April 2021"
    assert (f.test_years, f.test_n, f.test_perm, f.test_start) == ("2018 and 2019", "6", "10,000", "1 January 2012")
    assert f.pause_start_name == "Hwasong-15" and f.pause_end == "17 April 2019"
    assert f.pause_between == ("between the Hanoi summit (27 February 2019) and the Trump-Kim meeting at "
                               "Panmunjom (30 June 2019)")
    assert f.summit_term_label == "Donald Trump (2017–2021)"
    verdicts = {v.claim_id: v.verdict for v in real.verdicts}
    assert verdicts == {
        "summits_hope": "mixed", "calibrated_escalation": "partly supported",
        "halt_2018_held": "supported", "first_sitting_president": "supported", "hanoi_no_deal": "supported",
        "hanoi_sequencing": "supported", "outreach_rebuffed": "supported",
        "alliances_strengthened": "partly supported", "biden_no_summits": "supported",
        "biden_no_preconditions": "supported", "biden_keeps_sanctions": "supported",
        "cycle_continues": "contradicted", "allied_coordination": "not testable with these data"}
    assert real.verdict("halt_2018_held").origin == "book"
    assert (f.verdict_halt, f.verdict_first, f.verdict_no_deal, f.verdict_rebuffed, f.verdict_alliances) == (
        "supported", "supported", "supported", "supported", "partly supported")
    assert real.verdict("hanoi_no_deal").evidence == (
        "The summit, 27 February 2019 to 28 February 2019, ended early with no agreement; 0 agreements are "
        "recorded on its days.")
    assert real.verdict("outreach_rebuffed").robustness == (
        "Summits and talks: supported; any US–DPRK meeting or agreement: supported.")
    assert real.verdict("halt_2018_held").section == "03_diplomacy#the-2018-halt-and-hanoi"


SUMMITS = pd.DataFrame({
    "id": list("abcdef"), "name": ["Talks Z", "Talks A", "Summit B", "Summit C", "Summit D", "Talks E"],
    "track": ["us_dprk", "us_dprk", "us_dprk", "us_dprk", "inter_korean", "us_dprk"],
    "kind": ["talks", "talks", "summit", "summit", "summit", "talks"],
    "date": pd.to_datetime(["2017-03-01", "2018-01-10", "2018-06-12", "2019-06-30", "2019-05-10", "2019-10-05"])})


def test_pause_facts_name_the_us_dprk_meetings_on_each_side_of_the_pause_end():
    rolling = pd.Series([1, 5, 3], index=pd.to_datetime(["2017-01-01", "2017-05-01", "2019-01-01"]))
    pause = {"days": 300, "last": pd.Timestamp("2017-11-29"), "last_name": "Hwasong-15",
             "next": pd.Timestamp("2019-05-04")}
    assert ch._pause_facts(SUMMITS, rolling, pause) == {
        "pause_days": 300, "pause_start": "29 November 2017", "pause_start_name": "Hwasong-15",
        "pause_end": "4 May 2019", "peak_90": 5, "peak_90_date": "1 May 2017",
        "pause_between": "between the Summit B (12 June 2018) and the Summit C (30 June 2019)"}


def test_summit_test_facts_exactly():
    test = {"summits": SUMMITS.iloc[[2, 3, 4]], "n_summits": 3, "observed_mean": 1 / 3, "expected_mean": 3.0512,
            "p_fewer": 0.0081, "n_perm": 10000, "start": pd.Timestamp("2012-01-01"), "end": pd.Timestamp("2026-08-20")}
    assert ch._summit_test_facts(test) == {
        "test_years": "2018 and 2019", "test_n": 3, "test_obs": "0.33", "test_exp": "3.05", "test_p": "0.008",
        "test_perm": "10,000", "test_start": "1 January 2012", "test_end": "20 August 2026"}


def _terms(*rows):
    df = pd.DataFrame(rows, columns=["label", "start", "end", "per_year"])
    return df.assign(start=pd.to_datetime(df["start"]), end=pd.to_datetime(df["end"]))


def test_terms_facts_find_the_busiest_terms_the_latest_and_that_of_the_first_summit():
    us = _terms(("A (2009–2017)", "2009-01-20", "2017-01-20", 5.04), ("B (2017–2021)", "2017-01-20", "2021-01-20", 16.0),
                ("C (2021–2025)", "2021-01-20", "2025-01-20", 48.24), ("D (2025–2026)", "2025-01-20", "2026-08-20", 44.9))
    rok = _terms(("E (2017–2022)", "2017-05-10", "2022-05-10", 20.0), ("F (2022–2025)", "2022-05-10", "2025-04-04", 58.55))
    assert ch._terms_facts(us, rok, SUMMITS) == {
        "latest_us_label": "D (2025–2026)", "latest_us_rate": "44.9", "top_us": "C (2021–2025)", "top_us_rate": "48.2",
        "top_rok": "F (2022–2025)", "top_rok_rate": "58.5", "summit_term_rate": "16.0",
        "summit_term_label": "B (2017–2021)"}


def test_new_systems_facts_name_the_first_flights_after_the_announcement():
    ff = pd.DataFrame({
        "missile_name": ["Pukguksong-1", "Hwasong-8", "Hwasong-11S", "Hwasong-18", "Hwasong-19"],
        "group": ["SLBM", "Hypersonic glide vehicle", "SLBM", "Solid-fuel ICBM", "Solid-fuel ICBM"],
        "date": pd.to_datetime(["2016-04-23", "2021-09-28", "2021-10-19", "2023-04-13", "2024-10-31"])})
    ba = {"missiles_before": 5, "missiles_after": 23, "new_after": 2, "new_before": 1,
          "new_after_names": ["Hwasong-8", "Hwasong-11S"]}
    assert ch._new_systems_facts(ff, ba) == {
        "calibrated_date": "30 April 2021", "ba_before": 5, "ba_after": 23, "ba_new_after": 2, "ba_new_before": 1,
        "ba_names": "Hwasong-8, Hwasong-11S", "hgv": "Hwasong-8 on 28 September 2021",
        "slbm": "Hwasong-11S on 19 October 2021",  # the first SLBM after the announcement, not the first ever
        "solid": "Hwasong-18 (13 April 2023) and Hwasong-19 (31 October 2024)", "n_systems": 5}


def test_recent_facts_find_the_busiest_year_and_compare_it_with_the_record():
    since = pd.DataFrame({"year": [2021, 2022, 2023], "missiles": [10, 79, 40], "systems": [4, 13, 9]})
    all_years = pd.Series([30, 10, 79, 40, 20], index=[2017, 2021, 2022, 2023, 2019])
    pause = {"next": pd.Timestamp("2019-05-04")}
    assert ch._recent_facts(since, all_years, pause) == {
        "busiest_year": 2022, "busiest_n": 79, "busiest_systems": 13, "first_recent_n": 10,
        "busiest_record": "a record", "after_pause_max_year": 2022, "after_pause_max": 79,
        "after_pause_record": "the most in any year on record"}
    record_before = pd.Series([90, 10, 79, 40], index=[2017, 2021, 2022, 2023])
    facts = ch._recent_facts(since, record_before, pause)
    assert (facts["busiest_record"], facts["after_pause_record"]) == ("a high of", "below the record")


HANOI = pd.DataFrame({
    "id": ["t", "hanoi-2019", "h-agr", "x-agr", "s", "u", "v"],
    "name": ["T", "Hanoi summit", "Deal", "Other deal", "S", "U", "V"],
    "track": ["us_dprk", "us_dprk", "us_dprk", "us_dprk", "inter_korean", "us_dprk", "us_dprk"],
    "kind": ["talks", "summit", "agreement", "agreement", "summit", "talks", "talks"],
    "date": pd.to_datetime(["1993-06-02", "2019-02-27", "2019-02-28", "2019-03-01", "2019-02-27", "2023-05-01",
                            "2025-01-20"]),
    "end_date": pd.to_datetime(["1993-06-11", "2019-02-28", None, None, None, None, None]),
    "outcome": ["o1", "no deal", "", "", "", "", ""]})


def test_hanoi_facts_count_agreements_on_the_summit_days_and_the_relief_resolutions():
    res = pd.DataFrame({"resolution": [2270, 2321, 2087, 9999, 2397], "kind": "sanctions",
                        "status": ["adopted", "adopted", "adopted", "vetoed", "adopted"],
                        "date": pd.to_datetime(["2016-03-02", "2016-11-30", "2013-01-22", "2017-05-01", "2017-12-22"])})
    assert ch._hanoi_facts(HANOI, res) == {
        "hanoi_start": "27 February 2019", "hanoi_end": "28 February 2019", "hanoi_outcome": "no deal",
        "hanoi_agreements": 1, "n_relief": 3, "relief_list": "2270, 2321, 2397", "n_us_meetings": 4,
        "n_us_agreements": 2, "first_us_meeting": "2 June 1993"}


def test_outreach_facts_count_the_term_without_its_last_day():
    leaders = pd.DataFrame({"country": ["US", "US"], "name": ["Joe Biden", "Other"],
                            "start_date": pd.to_datetime(["2021-01-20", "2021-01-20"]),
                            "end_date": pd.to_datetime(["2025-01-20", "2025-01-20"])})
    ex = pd.DataFrame({"name": ["A", "B", "C", "D"], "status": ["held", "held", "suspended", "scaled_down"],
                       "date": pd.to_datetime(["2022-08-22", "2025-01-20", "2018-08-01", "2021-08-10"])})
    assert ch._outreach_facts(HANOI, leaders, ex) == {
        "outreach_president": "Joe Biden", "outreach_from": "20 January 2021", "outreach_to": "20 January 2025",
        "outreach_meetings": 1, "n_held_in_term": 1, "n_reduced_before": 1, "first_full_exercise": "A",
        "first_full_date": "22 August 2022"}
    none_held = ch._outreach_facts(HANOI, leaders, ex.iloc[[2, 3]])
    assert (none_held["n_held_in_term"], none_held["first_full_exercise"], none_held["first_full_date"]) == (
        0, "none", "")


def test_a_first_flight_on_the_day_of_the_approach_counts_as_after_it():
    """The year after the Biden administration's approach starts on its day: a hypersonic
    glide vehicle first flown that very day still answers it."""
    from usnk.analysis import CALIBRATED_APPROACH

    tables = load_all()
    launches = tables["missile_launches"].copy()
    launches.loc[launches["missile_name"] == "Hwasong-8", "date"] = CALIBRATED_APPROACH["date"]
    launches = launches.sort_values(["date", "id"]).reset_index(drop=True)
    chapter = ch.diplomacy({**tables, "missile_launches": launches})
    assert chapter.verdict("calibrated_escalation").verdict == "partly supported"


def test_escalation_outcome_over_windows():
    from framefixture import launches_frame
    launches = launches_frame([("a", "2021-01-10", "e1", "A", "SRBM", "success", None, None),
                               ("b", "2021-06-01", "e2", "B", "SLBM", "success", None, None),
                               ("c", "2021-07-01", "e3", "C", "SRBM", "success", None, None),
                               ("d", "2021-12-01", "e4", "D", "SRBM", "success", None, None)])
    launches["facility"] = "Site"
    ff = pd.DataFrame({"date": pd.to_datetime(["2021-06-01", "2021-12-01"]),
                       "group": ["SLBM", "Hypersonic glide vehicle"], "missile_name": ["B", "D"]})
    assert ch.escalation_outcome(launches, ff, 12) == "partly supported"   # both kinds within a year
    assert ch.escalation_outcome(launches, ff, 6) == "contradicted"        # the glide vehicle came after 6 months
