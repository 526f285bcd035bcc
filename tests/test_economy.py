"""Trade, growth and the verdicts on sanctions and China's weight, on hand-made tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framefixture import event_launches, table_frame
from usnk.analysis import economy as E
from usnk.analysis.claims import CONTRADICTED, NOT_TESTABLE, PARTLY, SUPPORTED
from usnk.load import load

URL = "https://example.org/t"


def trade(*rows):
    """rows: (year, china_exports, china_imports, total, share) with None for empty."""
    out = []
    for year, exp, imp, total, share in rows:
        out.append({"year": str(year), "china_exports_musd": "" if exp is None else str(exp),
                    "china_imports_musd": "" if imp is None else str(imp),
                    "total_musd": "" if total is None else str(total), "reported_by": "China customs",
                    "source_url": URL, "china_share_pct": "" if share is None else str(share),
                    "share_source_url": URL if share is not None else ""})
    return table_frame("china_trade", out)


def gdp(**growth):
    return table_frame("gdp_growth", [{"year": y[1:], "growth_pct": str(g), "reported_on": "2025-01-01",
                                       "source_url": URL} for y, g in growth.items()])


def test_trade_totals_add_components_only_when_the_total_is_missing():
    t = E.trade_totals(trade((2008, 2030, 750, None, None), (2010, None, None, 3460, None),
                             (2012, 100, None, None, None)))
    assert t["year"].tolist() == [2008, 2010]
    assert t["total_musd"].tolist() == [2780.0, 3460.0]
    assert t["total_is_sum"].tolist() == [True, False]


def test_period_table_averages_the_years_that_have_figures():
    p = E.period_table(trade((2010, None, 1000, 4000, None), (2014, None, 3000, 6000, None),
                             (2018, None, 200, 2400, None)),
                       gdp(y2010=-0.5, y2011=1.5, y2018=-4.0, y2019=0.0)).set_index("period")
    before = p.loc[E.BEFORE]
    assert (before["trade_years"], before["mean_total_musd"], before["mean_dprk_exports_musd"]) == (2, 5000.0, 2000.0)
    assert (before["growth_years"], before["mean_growth_pct"]) == (2, 0.5)
    assert p.loc[E.IN_FORCE, "mean_dprk_exports_musd"] == 200.0 and p.loc[E.IN_FORCE, "mean_growth_pct"] == -2.0
    assert math.isnan(p.loc["border closed", "mean_total_musd"])


YEARS = dict(launch_years_before=(2012, 2013), launch_years_after=(2019, 2020))


@pytest.mark.parametrize("after_exports, growth_after, launch_dates, expected", [
    (100, -2.0, ["2012-01-05", "2012-05-05", "2013-02-02", "2013-03-03"], SUPPORTED),   # squeeze, 2 → 0 a year
    (100, -2.0, ["2012-01-05", "2019-05-05", "2020-02-02", "2020-03-03"], PARTLY),      # squeeze, 0.5 → 1.5
    (600, -2.0, ["2012-01-05", "2012-05-05"], CONTRADICTED),                           # exports only 40% lower
    (100, 2.0, ["2012-01-05", "2012-05-05"], CONTRADICTED),                            # growth rose
])
def test_sanctions_verdict_rule(after_exports, growth_after, launch_dates, expected):
    t = trade((2012, None, 1000, 5000, None), (2018, None, after_exports, 2000, None))
    v, facts = E.sanctions_verdict(t, gdp(y2012=1.0, y2018=growth_after), event_launches(launch_dates), **YEARS)
    assert v.verdict == expected and v.claim_id == "sanctions-work"
    assert facts["exports_drop_pct"] == pytest.approx(100 * (1 - after_exports / 1000))
    assert "smuggling" in v.evidence


def test_sanctions_verdict_without_a_period_is_not_testable():
    v, facts = E.sanctions_verdict(trade((2012, None, 1000, 5000, None)), gdp(y2012=1.0, y2018=-2.0),
                                   event_launches(["2012-01-05"]), **YEARS)
    assert v.verdict == NOT_TESTABLE and math.isnan(facts["exports_drop_pct"])


def test_launch_events_per_year_counts_events_not_missiles():
    launches = pd.concat([event_launches(["2012-01-05", "2013-01-05"]), event_launches(["2013-01-05"])],
                         ignore_index=True)
    launches.loc[launches.index[-1], "event_id"] = launches["event_id"].iloc[1]  # second missile of one event
    assert E.launch_events_per_year(launches, 2012, 2013) == 1.0


def test_border_closure_facts():
    f = E.border_closure_facts(trade((2019, None, None, 2000, None), (2020, None, None, 500, None),
                                     (2021, None, None, 250, None)), gdp(y2020=-4.0))
    assert f == {"trade_2019_musd": 2000.0, "lowest_closed_year": 2021, "lowest_closed_musd": 250.0,
                 "growth_2020_pct": -4.0, "fall_to_lowest_pct": 87.5}


@pytest.mark.parametrize("shares, expected", [
    ((80, 90), SUPPORTED), ((80, 60), PARTLY), ((50,), CONTRADICTED), ((), NOT_TESTABLE)])
def test_lifeline_verdict_rule(shares, expected):
    rows = [(2011 + i, None, None, 1000, s) for i, s in enumerate(shares)] or [(2011, None, None, 1000, None)]
    v = E.lifeline_verdict(trade(*rows))
    assert v.verdict == expected and v.section == E.SECTION_CHINA
    if shares:
        assert f"2011: {shares[0]}%" in v.evidence


def test_real_data_economy():
    t, g = load("china_trade"), load("gdp_growth")
    v, facts = E.sanctions_verdict(t, g, load("missile_launches"))
    assert facts["exports_before_musd"] == pytest.approx((1200 + 2460 + 2400 + 2840) / 4) and facts["exports_after_musd"] == 213.15
    assert v.verdict == PARTLY
    assert E.lifeline_verdict(t).verdict == SUPPORTED
    f = E.border_closure_facts(t, g)
    assert (f["trade_2019_musd"], f["lowest_closed_year"], f["lowest_closed_musd"], f["growth_2020_pct"]) == \
        (2790.0, 2021, 318.0, -4.5)


def test_verdict_records_refuse_an_unknown_verdict():
    from usnk.analysis.claims import Verdict
    with pytest.raises(ValueError, match="expected one of: supported, partly supported"):
        Verdict("x", "claim", "probably", "evidence", "section")
    assert Verdict("x", "c", SUPPORTED, "e", "s").as_dict() == {
        "claim_id": "x", "claim": "c", "verdict": SUPPORTED, "evidence": "e", "section": "s"}


def test_economy_by_year_joins_trade_and_growth_and_names_periods():
    frame = E.economy_by_year(trade((2015, None, None, 5000, None), (2018, 2000, 200, None, None)),
                              gdp(y2009=-0.9, y2018=-4.1))
    assert frame["year"].tolist() == [2009, 2015, 2018]
    assert frame["total_musd"].isna().tolist() == [True, False, False]
    assert frame.loc[2, "total_musd"] == 2200.0 and bool(frame.loc[2, "total_is_sum"])
    assert frame["growth_pct"].tolist()[2] == -4.1
    assert frame["period"].isna().tolist() == [True, False, False]
    assert frame["period"].tolist()[1:] == [E.BEFORE, E.IN_FORCE]


LIMITS = ("These data show recorded trade and estimated growth only: smuggling, ship-to-ship transfers, workers "
          "abroad, cyber theft and Russian trade are not in them, and they cannot separate the effect of sanctions "
          "from weather, diplomacy or the border closure.")


def test_sanctions_verdict_evidence_and_facts_exactly():
    t = trade((2012, None, 1000, 5000, None), (2018, None, 100, 2000, None))
    v, facts = E.sanctions_verdict(t, gdp(y2012=1.0, y2018=-2.0),
                                   event_launches(["2012-01-05", "2012-05-05", "2013-02-02", "2013-03-03"]), **YEARS)
    assert (v.claim, v.section) == ("Sanctions cripple North Korea's economy and so force it to change course.",
                                    E.SECTION_SANCTIONS)
    assert v.evidence == (
        "China's recorded imports from the DPRK averaged 1,000 million USD a year in 2010–2015 and 100 million in "
        "2018–2019 (90% lower); BoK growth averaged +1.0% and -2.0%. Launch events averaged 2.0 a year in "
        "2012–2013 and 0.0 in 2019–2020. " + LIMITS)
    assert facts == {"exports_before_musd": 1000.0, "exports_after_musd": 100.0, "growth_before_pct": 1.0,
                     "growth_after_pct": -2.0, "launch_events_per_year_before": 2.0,
                     "launch_events_per_year_after": 0.0, "launch_years_before": (2012, 2013),
                     "launch_years_after": (2019, 2020), "exports_drop_pct": 90.0}
    missing, _ = E.sanctions_verdict(trade((2012, None, 1000, 5000, None)), gdp(y2012=1.0, y2018=-2.0),
                                     event_launches(["2012-01-05"]), **YEARS)
    assert missing.evidence == "The trade or growth table has no figure for a period compared. " + LIMITS
    assert (missing.claim_id, missing.section) == ("sanctions-work", E.SECTION_SANCTIONS)


@pytest.mark.parametrize("after_exports, growth_after, launch_dates, expected", [
    (500, -2.0, ["2012-01-05", "2012-05-05", "2013-02-02", "2013-03-03"], SUPPORTED),   # exports exactly halved
    (501, -2.0, ["2012-01-05", "2012-05-05", "2013-02-02", "2013-03-03"], CONTRADICTED),
    (100, 1.0, ["2012-01-05", "2012-05-05"], CONTRADICTED),                             # growth unchanged
    (100, -2.0, ["2012-01-05", "2012-05-05", "2013-02-02", "2013-03-03", "2019-05-05", "2020-02-02"], PARTLY),
    (100, -2.0, ["2012-01-05", "2012-05-05", "2013-02-02", "2013-03-03", "2019-05-05"], SUPPORTED),
])
def test_sanctions_verdict_at_the_edges_of_its_rule(after_exports, growth_after, launch_dates, expected):
    """A drop of exactly half squeezes; equal growth does not; launch events at exactly half
    the earlier rate (1 against 2 a year) are no halt, a quarter of it is."""
    t = trade((2012, None, 1000, 5000, None), (2018, None, after_exports, 2000, None))
    v, _ = E.sanctions_verdict(t, gdp(y2012=1.0, y2018=growth_after), event_launches(launch_dates), **YEARS)
    assert v.verdict == expected


def test_lifeline_verdict_evidence_and_the_threshold_itself():
    v = E.lifeline_verdict(trade((2011, None, None, 1000, 75), (2012, None, None, 1000, 60.5)))
    assert (v.claim_id, v.claim, v.verdict) == (
        "china-lifeline", "China is North Korea's most important economic patron.", PARTLY)
    assert v.evidence == (
        "China's share of the DPRK's recorded external trade (excluding inter-Korean trade), as South Korean "
        "agencies report it: 2011: 75%, 2012: 60.5%. Threshold for a lifeline: 75%. The figures count recorded "
        "merchandise trade only, not aid, oil pipeline deliveries or illicit trade.")
    assert E.lifeline_verdict(trade((2011, None, None, 1000, 75))).verdict == SUPPORTED
    assert E.lifeline_verdict(trade((2011, None, None, 1000, 80)), threshold=80.5).verdict == CONTRADICTED
    none = E.lifeline_verdict(trade((2011, None, None, 1000, None)))
    assert (none.claim_id, none.evidence, none.section) == (
        "china-lifeline", "No reported share of China in the DPRK's trade.", E.SECTION_CHINA)


def test_trade_totals_years_are_plain_integers():
    assert str(E.trade_totals(trade((2008, 2030, 750, None, None)))["year"].dtype) == "int64"  # not nullable Int64
