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
    assert ch.SUMMITS_PHRASES["partly supported"] == "supported, for a while"


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
    assert real.verdict("summits_hope").verdict == "partly supported"
    assert f.verdict_summits == "supported, for a while"
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
    assert ch.ESCALATION_PHRASES == {
        "partly supported": "the timing is supported; the motive is not testable",
        "contradicted": "the timing is contradicted; the motive is not testable"}
    assert ch.SUMMITS_PHRASES == {"supported": "supported", "partly supported": "supported, for a while",
                                  "contradicted": "contradicted"}


def test_real_data_halt_hanoi_and_outreach_known_values(real):
    f = real.facts
    assert (f.halt_date, f.halt_end, f.halt_years) == ("21 April 2018", "1 January 2020", "1.7")
    assert (f.halt_breach, f.halt_breach_date) == ("Hwasong-17 (ICBM) launch", "16 March 2022")
    assert f.halt_end_event == "Kim Jong Un tells a party plenum there is no ground to stay bound by the halt"
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
        "summits_hope": "partly supported", "calibrated_escalation": "partly supported",
        "halt_2018_held": "supported", "first_sitting_president": "supported", "hanoi_no_deal": "supported",
        "hanoi_sequencing": "not testable with these data", "outreach_rebuffed": "supported",
        "alliances_strengthened": "partly supported"}
    assert (f.verdict_halt, f.verdict_first, f.verdict_no_deal, f.verdict_rebuffed, f.verdict_alliances) == (
        "supported", "supported", "supported", "supported", "partly supported")
    assert real.verdict("hanoi_no_deal").evidence == (
        "27 February 2019–28 February 2019: ended early with no agreement; 0 agreements recorded on its days.")
    assert real.verdict("halt_2018_held").section == "03_diplomacy#the-2018-halt-and-hanoi"
