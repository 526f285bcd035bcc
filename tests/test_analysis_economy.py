"""Trade, growth and the verdicts on sanctions and China's weight (usnk/analysis/economy.py), on hand-made tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framefixture import event_launches, table_frame
from usnk.analysis import economy as E
from usnk.analysis.claims import CONTRADICTED, MIXED, NOT_TESTABLE, PARTLY, SUPPORTED
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


def meetings(*dates):
    """A summits table of US–DPRK talks on ``dates``."""
    return pd.DataFrame({"date": pd.to_datetime(list(dates)), "track": "us_dprk", "kind": "talks"})


TABLE_AND_AFTER = meetings("2018-05-01", "2021-03-01")     # more meetings both after 2018 and after 2020
TABLE_ONCE = meetings("2018-05-01")                         # meetings in 2018–19 only
NO_TABLE = meetings("2016-05-01")                           # a meeting before the resolutions only


@pytest.mark.parametrize("after_exports, growth_after, summits, expected", [
    (100, -2.0, TABLE_AND_AFTER, SUPPORTED),      # squeeze, and back to the table in every window
    (100, -2.0, TABLE_ONCE, PARTLY),              # squeeze, table only in 2018–19
    (100, -2.0, NO_TABLE, PARTLY),                # squeeze, never back to the table
    (600, -2.0, TABLE_AND_AFTER, CONTRADICTED),   # exports only 40% lower: no squeeze
    (100, 2.0, TABLE_AND_AFTER, CONTRADICTED),    # growth rose
    (400, -2.0, TABLE_AND_AFTER, MIXED),          # 60% lower: a squeeze at 50%, not at 75%
])
def test_sanctions_verdict_rule(after_exports, growth_after, summits, expected):
    t = trade((2012, None, 1000, 5000, None), (2018, None, after_exports, 2000, None))
    v, facts = E.sanctions_verdict(t, gdp(y2012=1.0, y2018=growth_after), event_launches(["2022-01-05"]),
                                   summits=summits, **YEARS)
    assert v.verdict == expected and v.claim_id == "sanctions-work"
    assert facts["exports_drop_pct"] == pytest.approx(100 * (1 - after_exports / 1000))
    assert "smuggling" in v.evidence and v.method.startswith("Crippled:")
    assert "exports at least 75% lower" in v.robustness.lower()


def test_years_covered_names_the_years_of_an_average():
    assert E.years_covered([2010, 2011, 2012], 2010, 2012) == "2010–2012"
    assert E.years_covered([2010, 2012, 2020], 2010, 2012) == "2010 and 2012, the 2 of the 3 years 2010–2012 with a figure"
    assert E.years_covered([2011], 2010, 2012) == "2011, the only year of 2010–2012 with a figure"
    assert E.years_covered([], 2010, 2012) == "no year of 2010–2012"


def test_table_outcomes_per_window():
    out = E.table_outcomes(TABLE_ONCE, 2024)
    assert out == {"meetings 2018–2019 against 2016–2017": (True, 0.5, 0.0, "2018–2019"),
                   "meetings 2020–2024 against 2016–2017": (False, 0.0, 0.0, "2020–2024")}
    assert list(E.table_outcomes(TABLE_ONCE, 2019)) == ["meetings 2018–2019 against 2016–2017"]


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
    ((80, 90), SUPPORTED), ((80, 60), MIXED), ((50,), MIXED), ((40,), CONTRADICTED), ((), NOT_TESTABLE),
    ((80, 40), PARTLY)])
def test_lifeline_verdict_rule(shares, expected):
    rows = [(2011 + i, None, None, 1000, s) for i, s in enumerate(shares)] or [(2011, None, None, 1000, None)]
    v = E.lifeline_verdict(trade(*rows))
    assert v.verdict == expected and v.section == E.SECTION_CHINA
    if shares:
        assert f"2011: {shares[0]}%" in v.evidence


def test_real_data_economy():
    t, g = load("china_trade"), load("gdp_growth")
    v, facts = E.sanctions_verdict(t, g, load("missile_launches"), summits=load("summits"))
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
        "claim_id": "x", "claim": "c", "verdict": SUPPORTED, "evidence": "e", "section": "s", "method": "",
        "robustness": "", "origin": "article"}


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
                                   event_launches(["2012-01-05", "2012-05-05", "2013-02-02", "2020-03-03"]),
                                   summits=TABLE_ONCE, **YEARS)
    assert (v.claim, v.section) == ("Sanctions are designed to cripple North Korea's economy and force it back to "
                                    "the negotiating table.", E.SECTION_SANCTIONS)
    assert v.evidence == (
        "China's recorded imports from the DPRK averaged 1,000 million USD a year in 2012, the only year of "
        "2010–2015 with a figure, and 100 million in 2018, the only year of 2018–2019 with a figure: 90% lower. "
        "Bank of Korea growth estimates averaged +1.0% and -2.0% a year in the two periods. US–DPRK meetings: "
        "0.0 a year in 2016–2017, 0.5 in 2018–2019 and 0.0 in 2020–2020. " + LIMITS)
    assert v.robustness == ("Exports at least 50% lower: supported; exports at least 75% lower: supported; "
                            "meetings 2018–2019 against 2016–2017: supported; meetings 2020–2020 against "
                            "2016–2017: contradicted.")
    assert facts["launch_events_per_year_before"] == 1.5 and facts["launch_events_per_year_after"] == 0.5
    assert facts["exports_drop_pct"] == 90.0
    missing, _ = E.sanctions_verdict(trade((2012, None, 1000, 5000, None)), gdp(y2012=1.0, y2018=-2.0),
                                     event_launches(["2012-01-05"]), **YEARS)
    assert missing.evidence == "The trade or growth table has no figure for a period compared. " + LIMITS
    assert (missing.claim_id, missing.section) == ("sanctions-work", E.SECTION_SANCTIONS)


@pytest.mark.parametrize("after_exports, growth_after, expected", [
    (250, -2.0, SUPPORTED),      # exactly 75% lower: squeezed under both thresholds
    (500, -2.0, MIXED),          # exactly half: squeezed at 50% only
    (501, -2.0, CONTRADICTED),
    (100, 1.0, CONTRADICTED),    # growth unchanged
])
def test_sanctions_verdict_at_the_edges_of_its_rule(after_exports, growth_after, expected):
    t = trade((2012, None, 1000, 5000, None), (2018, None, after_exports, 2000, None))
    v, _ = E.sanctions_verdict(t, gdp(y2012=1.0, y2018=growth_after), event_launches(["2022-01-05"]),
                               summits=TABLE_AND_AFTER, **YEARS)
    assert v.verdict == expected


def test_lifeline_verdict_evidence_and_the_threshold_itself():
    v = E.lifeline_verdict(trade((2011, None, None, 1000, 75), (2012, None, None, 1000, 60.5)))
    assert (v.claim_id, v.claim, v.verdict) == (
        "china-lifeline", "China is North Korea's most important economic patron.", MIXED)
    assert v.robustness == "Every year at 75% or more: partly supported; every year at 50% or more: supported."
    assert v.evidence == (
        "China's share of the DPRK's recorded external trade (excluding inter-Korean trade), as South Korean "
        "agencies report it: 2011: 75%, 2012: 60.5%. Threshold for a lifeline: 75%. The figures count recorded "
        "merchandise trade only, not aid, oil pipeline deliveries or illicit trade.")
    assert E.lifeline_verdict(trade((2011, None, None, 1000, 75))).verdict == SUPPORTED
    assert E.lifeline_verdict(trade((2011, None, None, 1000, 80)), threshold=80.5).verdict == MIXED
    assert E.lifeline_verdict(trade((2011, None, None, 1000, 49)), threshold=80.5).verdict == CONTRADICTED
    none = E.lifeline_verdict(trade((2011, None, None, 1000, None)))
    assert (none.claim_id, none.evidence, none.section) == (
        "china-lifeline", "No reported share of China in the DPRK's trade.", E.SECTION_CHINA)


def test_trade_totals_years_are_plain_integers():
    assert str(E.trade_totals(trade((2008, 2030, 750, None, None)))["year"].dtype) == "int64"  # not nullable Int64
