"""Chapter 2's findings: the verdict rules on both sides, and known values on the real
data (nuclear tests and resolutions exactly; launch-derived numbers by their properties,
since the launch table is re-imported from time to time)."""

from __future__ import annotations

import importlib
import pandas as pd
import pytest

from mutationscope import per_module
from usnk.load import load_all

ch = importlib.import_module("usnk.findings.nuclear")  # usnk.findings.nuclear is the chapter function


def test_ratchet_for_nuclear_tests_needs_every_test_answered():
    assert ch.ratchet_tests_verdict(pd.Series([True, True])) == "supported"
    assert ch.ratchet_tests_verdict(pd.Series([True, False])) == "contradicted"
    assert ch.ratchet_tests_verdict(pd.Series([], dtype=bool)) == "contradicted"


def test_ratchet_for_missiles_fails_with_one_unanswered_later_test():
    assert ch.ratchet_missiles_verdict(0) == "supported"
    assert ch.ratchet_missiles_verdict(1) == "contradicted"


def _cycle(preceded, followed):
    return pd.DataFrame({"preceded": preceded, "followed": followed})


def test_each_cycle_link_is_measured_against_chance():
    links = ch.cycle_links(_cycle([True, True, False, False], [True, False, False, False]), 0.4, 0.2, 0.5)
    assert list(links.values()) == [True, True, True]
    links = ch.cycle_links(_cycle([True, False, False, False], [False, False, False, False]), 0.25, 0.1, 0.49)
    assert list(links.values()) == [False, False, False]     # equal to chance is no excess; under half answered
    assert list(ch.cycle_links(_cycle([], []), 0.0, 0.0, 0.0).values()) == [False, False, False]


def test_the_cycle_needs_every_link_under_every_window():
    yes = {"a": True, "b": True, "at least half the major tests drew a resolution": True}
    no = dict.fromkeys(yes, False)
    assert ch.cycle_verdict({"window of a year": yes, "window of 6 months": yes}).verdict == "supported"
    assert ch.cycle_verdict({"window of a year": no, "window of 6 months": no}).verdict == "contradicted"
    split = ch.cycle_verdict({"window of a year": yes, "window of 6 months": {**yes, "a": False}})
    assert split.verdict == "mixed" and "a (window of 6 months): contradicted" in split.text
    assert split.text.count("at least half") == 1


def test_ratchet_robustness_over_windows_and_classes():
    r = pd.DataFrame({"kind": ["nuclear_test", "nuclear_test", "ICBM", "IRBM"], "answered": [True, True, True, False],
                      "days": [5, 120, 10, pd.NA]})
    nt = ch.ratchet_robustness(r, ["nuclear_test"])
    assert nt.verdict == "mixed" and "within 90 days: contradicted" in nt.text
    assert ch.ratchet_robustness(r.iloc[:1], ["nuclear_test"]).verdict == "supported"
    lr = ch.ratchet_robustness(r, ["ICBM", "IRBM"])
    assert lr.verdict == "mixed" and "every ICBM launch event answered: supported" in lr.text
    assert ch.ratchet_robustness(r.iloc[3:], ["ICBM", "IRBM"]).verdict == "contradicted"
    assert ch.ratchet_robustness(r, ["SLV"]).verdict == "not testable with these data"


def test_launch_rate_rules_on_both_sides():
    assert ch.not_slowed(11.7, 27.3) and ch.not_slowed(2.0, 2.0) and not ch.not_slowed(15.8, 10.8)
    assert ch.programme_continued(15.8, 10.8) and ch.programme_continued(2.0, 1.0)
    assert not ch.programme_continued(2.0, 0.9) and not ch.programme_continued(0.0, 0.0)


def test_six_party_years_counts_events_and_missiles_in_every_year():
    launches = pd.DataFrame({"id": ["1", "2", "3"], "date": pd.to_datetime(["2006-07-05", "2006-07-05", "2009-04-05"]),
                             "event_id": ["a", "a", "b"], "missile_name": "x", "missile_class": "SRBM",
                             "distance_km": None, "apogee_km": None,
                             "source_url": "https://example.org"})
    t = ch.six_party_years(launches, 2005, 2009)
    assert t["events"].tolist() == [0, 1, 0, 0, 1] and t["missiles"].tolist() == [0, 2, 0, 0, 1]


@pytest.fixture(scope=per_module)
def real():
    return ch.nuclear(load_all())


def test_nuclear_tests_and_resolutions_known_values(real):
    f = real.facts
    assert (f.n_tests, f.first_test, f.last_test, f.test_sites) == (
        "6", "9 October 2006", "3 September 2017", "all at the Punggye-ri site")
    assert (f.mb_first, f.mb_last) == ("4.3", "6.3")
    assert (f.tests_answered, f.first_resolution_year, f.last_sanctions_year) == ("6", "1993", "2017")
    assert f.last_sanctions == "22 December 2017" and f.veto_year == "2022"
    assert real.verdict("ratchet_nuclear_tests").verdict == "supported"
    assert real.verdict("ratchet_missile_tests").verdict == "contradicted"
    assert real.verdict("sanctions_work").verdict == "mixed"


def test_launch_numbers_are_consistent(real):
    f = real.facts
    assert int(f.n_missiles) > int(f.peak_year_n) > 0
    assert f.share_kju.endswith("%") and 50 < int(f.share_kju[:-1]) <= 100
    assert int(f.n_sanction_votes) == int(f.n_more_after) + int(f.n_fewer_after) + sum(
        int(b) == int(a) for b, a in zip(real.frames.around["events_before"], real.frames.around["events_after"]))
    assert int(f.n_both) <= min(int(f.n_preceded), int(f.n_followed))
    assert f.verdict_cycle == real.verdict("provocation_cycle").verdict
    assert (real.frames.success["flights"] >= ch.MIN_FLIGHTS).all()
    assert len(real.frames.success) == int(f.n_systems5)
    assert set(real.frames.sanctions_votes["kind"]) == {"sanctions"}


def test_resilience_early_talks_and_doubling_down_verdicts_on_both_sides():
    from usnk.analysis.claims import Robustness
    on, off, split = (Robustness(v, "") for v in ("supported", "contradicted", "mixed"))
    assert ch.resilience_verdict(on, 90.0) == "supported"            # went on under a real squeeze
    assert ch.resilience_verdict(on, 49.9) == "partly supported"     # went on, but little to defy
    assert ch.resilience_verdict(off, 90.0) == "contradicted"
    assert ch.resilience_verdict(split, 90.0) == "mixed"
    assert [ch.early_talks_verdict(y) for y in (1999, 2000, 2005, 2006)] == [
        "contradicted", "supported", "supported", "contradicted"]
    assert ch.early_talks_verdict(2007, years=(2006, 2007)) == "supported"
    assert ch.doubling_down_verdict(1.9, 3.0) == "supported"
    assert ch.doubling_down_verdict(1.9, 1.9) == "contradicted"


def test_rates_after_talks_over_each_span():
    from framefixture import launches_frame
    launches = launches_frame([("a", "2004-01-10", "e1", "A", "SRBM", "success", None, None),
                               ("b", "2005-06-01", "e2", "A", "SRBM", "success", None, None),
                               ("c", "2006-06-01", "e3", "A", "SRBM", "success", None, None),
                               ("d", "2010-06-01", "e4", "A", "SRBM", "success", None, None)])
    tests = pd.DataFrame({"date": pd.to_datetime(["2004-06-01", "2009-06-01"])})
    out = ch.rates_after_talks(launches, tests, pd.Timestamp("2004-01-01"), pd.Timestamp("2005-12-31"),
                               spans_years=(None, 5))
    during, after = out[("launch events", "the same span as the talks")]
    assert during == pytest.approx(1.0, abs=0.01) and after == pytest.approx(0.5, abs=0.01)
    assert out[("launch events", "5 years")][1] == pytest.approx(0.4, abs=0.01)
    assert out[("nuclear tests", "5 years")] == pytest.approx((0.5, 0.2), abs=0.01)


def test_real_data_tables_other_than_launches_known_values(real):
    f = real.facts
    assert (f.kt_first, f.kt_last_low, f.kt_last_high) == ("0.48", "60.8", "158")
    assert (f.median_days, f.min_days, f.max_days, f.test_days_median) == ("23", "5", "82", "20")
    assert (f.last_answered, f.n_vetoed, f.veto_trigger, f.veto_trigger_month) == (
        "29 November 2017", "2", "ICBM launch", "March 2022")
    assert (f.n_sanction_votes, f.n_sanction_vetoed) == ("11", "1")
    assert (f.sp_rounds, f.sp_start, f.sp_end, f.sp_years, f.sp_first_year) == (
        "11", "27 August 2003", "11 December 2008", "5.3", "2003")
    assert (f.exports_before, f.exports_after, f.exports_drop, f.growth_before, f.growth_after) == (
        "2,225", "213", "90%", "+0.4%", "-1.8%")
    assert (f.before_years, f.in_force_years, f.events_years_before, f.events_years_after) == (
        "2010–2015", "2018–2019", "2012–2017", "2019–2024")
    assert (f.export_years_before, f.export_years_after) == (
        "2010, 2011, 2012 and 2014, the 4 of the 6 years 2010–2015 with a figure",
        "2018, the only year of 2018–2019 with a figure")
    assert (f.trade_2019, f.closed_low_year, f.closed_low, f.closed_fall, f.growth_2020) == (
        "2,790", "2021", "318", "89%", "-4.5%")
    assert (f.ex_days, f.ex_perm, f.ex_first_year, f.ex_last_year) == ("14", "10,000", "2010", "2026")
    assert (f.verdict_economy, f.verdict_resilience) == ("partly supported", "supported")
    assert {v.claim_id: v.verdict for v in real.verdicts} == {
        "ratchet_nuclear_tests": "supported", "ratchet_missile_tests": "contradicted",
        "provocation_cycle": "mixed", "sanctions_work": "mixed",
        "sanctions_cripple_economy": "partly supported", "resilience": "supported",
        "launches_follow_exercises": "mixed", "six_party_early_2000s": "supported",
        "six_party_aims": "supported", "six_party_progress": "supported", "six_party_verification": "supported",
        "testing_intensified": "mixed",
        "breakdown_doubling_down": "mixed", "regime_survival": "supported", "program_1980s": "supported"}
    assert (f.verdict_six_party_verification, f.verdict_program_1980s) == ("supported", "supported")
    assert real.verdict("ratchet_nuclear_tests").evidence == "6 of 6 nuclear tests drew a resolution."
    assert real.verdict("sanctions_cripple_economy").section == ch.SECTION_ECONOMY
    assert real.verdict("launches_follow_exercises").section == ch.SECTION_EXERCISES
    assert real.frames.window_days == 365 and real.frames.exercise_days == 14 and real.frames.min_flights == 5


def _small_record():
    """The small launch, test and resolution tables of the analysis tests, with two
    long-range launches after the last answered event."""
    from framefixture import launches_frame
    from framefixture import NUCLEAR_LAUNCHES as L, NUCLEAR_RESOLUTIONS as R, NUCLEAR_TESTS as T
    later = launches_frame([("i1", "2012-03-01", "e8", "India", "ICBM", "success", None, None),
                            ("j1", "2012-04-01", "e9", "Juliet", "IRBM", "success", None, None)])
    return pd.concat([L, later], ignore_index=True), T, R


def test_ratchet_facts_on_small_tables_with_and_without_a_veto():
    from usnk import analysis as an
    launches, tests, resolutions = _small_record()
    facts = ch._ratchet_facts(resolutions, an.sanctions_ratchet(resolutions),
                              an.tests_and_responses(launches, tests, resolutions))
    assert facts == {
        "median_days": "20", "min_days": 10, "max_days": 30, "tests_answered": 1, "test_days_median": "10",
        "last_answered": "1 June 2010", "n_unanswered_later": 3,
        "later_kinds": "later nuclear tests and long-range launch events", "n_icbm_later": 1, "lr_answered": 1,
        "lr_total": 3, "lr_first_year": 2010, "chart_since": 2006, "chart_answered": 2, "chart_total": 5, "n_vetoed": 1, "first_resolution_year": 2010, "last_sanctions_year": 2010,
        "last_sanctions": "11 March 2010", "veto_trigger": "test 2", "veto_trigger_month": "January 2012",
        "veto_year": 2012, "verdict_ratchet_tests": "contradicted", "verdict_ratchet_missiles": "contradicted"}
    adopted = resolutions[resolutions["status"] != "vetoed"]
    facts = ch._ratchet_facts(adopted, an.sanctions_ratchet(adopted), an.tests_and_responses(launches, tests, adopted))
    assert (facts["n_vetoed"], facts["veto_trigger"], facts["veto_trigger_month"], facts["veto_year"]) == (0, "", "", "")


def test_sanctions_facts_count_votes_and_launch_events_around_them():
    votes = pd.DataFrame({"status": ["adopted", "vetoed", "adopted"]})
    around = pd.DataFrame({"events_before": [3, 1, 2], "events_after": [1, 4, 0]})
    assert ch._sanctions_facts(votes, around) == {
        "n_sanction_votes": 3, "n_sanction_vetoed": 1, "n_more_after": 1, "n_fewer_after": 2,
        "events_before_total": 6, "events_after_total": 5, "n_zero_after": 1}


def test_six_party_facts_compare_equal_spans_before_during_and_after():
    launches, _, _ = _small_record()
    rounds = pd.DataFrame({"date": pd.to_datetime(["2010-06-01", "2010-09-01"]),
                           "end_date": pd.to_datetime(["2010-06-02", "2011-03-01"])})
    # before: 2009-09-01 to 2010-05-31 holds one event (the launch on the first day is "during")
    assert ch._six_party_facts(launches, rounds) == {
        "sp_rounds": 2, "sp_start": "1 June 2010", "sp_end": "1 March 2011", "sp_years": "0.8", "sp_rate": "2.7",
        "sp_rate_before": "1.3", "sp_rate_after": "1.3"}


def test_capability_facts_exactly_on_small_tables():
    from usnk import analysis as an
    from framefixture import NUCLEAR_LAUNCHES as L
    per_year = an.launches_per_year(L)
    facts = ch._capability_facts(L, per_year, an.capability_frontier(L), an.success_rates(L, min_flights=1))
    assert facts == {
        "n_missiles": 7, "peak_year": 2010, "peak_year_n": 3, "share_kju": "29%", "n_classes_used": 3,
        "max_dist": "2,000", "max_dist_sys": "Alpha", "max_dist_year": 2012, "max_apo": "4,000",
        "max_apo_sys": "Bravo", "max_apo_year": 2010, "n_apo_records": 1, "n_systems5": 2, "worst_sys": "Alpha",
        "worst_rate": "75%", "n_perfect": 1}
