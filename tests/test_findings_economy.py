"""The economy, exercises and China-trade findings of chapters 2 and 4: every verdict rule
on both sides, and the facts on small hand-made tables."""

from __future__ import annotations

import importlib

import pandas as pd

from usnk.analysis.claims import Verdict as Record
from usnk.findings.base import Verdict, not_testable, restate

nuclear = importlib.import_module("usnk.findings.nuclear")
region = importlib.import_module("usnk.findings.region")


def test_restate_moves_an_analysis_record_into_the_book_with_its_own_id_and_section():
    record = Record("china-lifeline", "A claim.", "supported", "Some evidence.", "ch4-china-trade")
    assert restate(record, "04_region#trade-with-china") == Verdict(
        "china_lifeline", "A claim.", "supported", "Some evidence.", "04_region#trade-with-china")
    assert restate(record, "04_region#x", "other").claim_id == "other"
    assert restate(record, "04_region#x", claim="Reworded.").claim == "Reworded."
    assert not_testable("a", "B.", "Why.", "p#s").verdict == "not testable with these data"


def test_early_talks_and_doubling_down_rules():
    assert nuclear.early_talks_verdict(2003) == "supported"
    assert nuclear.early_talks_verdict(2005) == "supported"
    assert nuclear.early_talks_verdict(2006) == "contradicted"
    assert nuclear.doubling_down_verdict(1.9, 3.0) == "supported"
    assert nuclear.doubling_down_verdict(1.9, 1.9) == "contradicted"


def test_economy_facts_format_the_period_means_and_the_closure():
    periods = pd.DataFrame({"period": ["a", "b", "c"], "first_year": [2010, 2016, 2018],
                            "last_year": [2015, 2017, 2019]})
    sanctions = {"exports_before_musd": 2225.4, "exports_after_musd": 213.0, "exports_drop_pct": 90.43,
                 "growth_before_pct": 0.35, "growth_after_pct": -1.8, "launch_events_per_year_before": 11.66,
                 "launch_events_per_year_after": 27.34, "launch_years_before": (2012, 2017),
                 "launch_years_after": (2019, 2024), "export_years_before": "2010–2015",
                 "export_years_after": "2018, the only year of 2018–2019 with a figure"}
    closure = {"trade_2019_musd": 2790.0, "lowest_closed_year": 2021, "lowest_closed_musd": 318.0,
               "fall_to_lowest_pct": 88.6, "growth_2020_pct": -4.5}
    f = nuclear._economy_facts(periods, sanctions, closure)
    assert (f["exports_before"], f["exports_after"], f["exports_drop"]) == ("2,225", "213", "90%")
    assert (f["growth_before"], f["growth_after"]) == ("+0.3%", "-1.8%")
    assert (f["before_years"], f["in_force_years"]) == ("2010–2015", "2018–2019")
    assert (f["events_before"], f["events_after"], f["events_years_after"]) == ("11.7", "27.3", "2019–2024")
    assert (f["trade_2019"], f["closed_low_year"], f["closed_low"], f["closed_fall"]) == ("2,790", 2021, "318", "89%")
    assert f["growth_2020"] == "-4.5%"
    assert f["export_years_after"] == "2018, the only year of 2018–2019 with a figure"


def test_exercise_facts():
    test = {"n_exercises": 3, "window_days": 14, "observed_mean": 1.0 / 3, "expected_mean": 0.5, "p_more": 0.04,
            "n_perm": 10000, "years": [2016, 2017]}
    f = nuclear._exercise_facts(test)
    assert (f["ex_n"], f["ex_obs"], f["ex_exp"], f["ex_p"], f["ex_perm"]) == (3, "0.33", "0.50", "0.040", "10,000")
    assert (f["ex_first_year"], f["ex_last_year"]) == (2016, 2017)


def test_aligned_verdict_on_shared_vetoes():
    assert region.aligned_verdict({"S/2022/431"}, {"S/2022/431"}) == "supported"
    assert region.aligned_verdict({"S/2022/431"}, {"S/2022/431", "S/2024/255"}) == "partly supported"
    assert region.aligned_verdict({"A"}, {"B"}) == "contradicted"
    assert region.aligned_verdict(set(), set()) == "contradicted"


def test_china_trade_facts_pick_peak_last_and_share_range():
    totals = pd.DataFrame({"year": [2013, 2019, 2024], "total_musd": [6540.0, 2790.0, 2180.0]})
    shares = pd.DataFrame({"year": [2010, 2022], "china_share_pct": [83.0, 96.7]})
    f = region._china_trade_facts(totals, shares)
    assert (f["trade_first_year"], f["trade_last_year"], f["trade_last"]) == (2013, 2024, "2,180")
    assert (f["trade_peak_year"], f["trade_peak"], f["trade_n_years"]) == (2013, "6,540", 3)
    assert (f["share_low"], f["share_low_year"], f["share_high"], f["share_last_year"]) == ("83%", 2010, "96.7%", 2022)


def test_declared_freshness_never_prints_nan():
    from usnk.findings.data import declared
    assert declared("2024-03-28") == "2024-03-28"
    assert declared(float("nan")) == declared(None) == declared("") == "not declared"


def test_table_ends_reads_last_dates_or_last_years_newest_first():
    from usnk.findings.data import table_ends
    overview = pd.DataFrame({"table": ["summits", "china_trade", "humanitarian"],
                             "title": ["Summits", "Trade", "Humanitarian"],
                             "last date": ["2025-09-04", None, None]})
    tables = {"china_trade": pd.DataFrame({"year": [2004, 2024]}),
              "humanitarian": pd.DataFrame({"period_start": [2012]})}
    assert table_ends(overview, tables).values.tolist() == [["summits", "Summits", "2025-09-04"],
                                                           ["china_trade", "Trade", "2024"]]
