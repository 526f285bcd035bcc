"""Chapter 4's findings: the verdict rules on both sides, and known values on the real data."""

from __future__ import annotations

import importlib
import pandas as pd
import pytest

from mutationscope import per_module
from usnk.load import load_all

ch = importlib.import_module("usnk.findings.region")  # usnk.findings.region is the chapter function


def test_eez_verdict_on_both_sides():
    assert ch.eez_verdict(0, 100) == "contradicted"
    assert ch.eez_verdict(49, 100) == "partly supported"
    assert ch.eez_verdict(50, 100) == "supported"


def test_shield_verdict_on_both_sides():
    assert ch.shield_verdict(n_unanimous=9, n_vetoes=0) == "contradicted"
    assert ch.shield_verdict(n_unanimous=9, n_vetoes=2) == "partly supported"
    assert ch.shield_verdict(n_unanimous=0, n_vetoes=2) == "supported"
    phrase = ch.shield_phrase("partly supported", pd.Timestamp("2017-12-22"), pd.Timestamp("2022-05-26"))
    assert phrase == "contradicted until 2017, supported since 2022"
    assert ch.shield_phrase("supported", pd.Timestamp("2017-12-22"), pd.Timestamp("2022-05-26")) == "supported"


def _hum(kind, *values, indicator="stunting_under5"):
    return pd.DataFrame({"indicator": indicator, "estimate_type": kind, "value": list(values),
                         "period_start": list(range(2012, 2012 + len(values)))})


def test_humanitarian_verdict_can_come_out_each_way():
    assert ch.humanitarian_verdict(_hum("measured", 19.0)) == "supported"          # at or above 10%
    assert ch.humanitarian_verdict(_hum("measured", 9.9)) == "contradicted"        # below the medium level
    assert ch.humanitarian_verdict(_hum("measured", 19.0), 20.0) == "contradicted"
    assert ch.humanitarian_verdict(_hum("measured", 28.0, 9.0)) == "contradicted"  # the latest survey counts
    assert ch.humanitarian_verdict(_hum("measured", 9.0, 28.0), latest_only=False) == "contradicted"
    assert ch.humanitarian_verdict(_hum("modelled", 19.0)) == "not testable with these data"
    assert ch.humanitarian_verdict(_hum("measured", 4.0, indicator="wasting_under5")) == "not testable with these data"


def test_humanitarian_robustness_over_thresholds_and_surveys():
    assert ch.humanitarian_robustness(_hum("measured", 28.0, 19.0)).verdict == "mixed"
    assert ch.humanitarian_robustness(_hum("measured", 28.0, 25.0)).verdict == "supported"
    assert ch.humanitarian_robustness(_hum("measured", 8.0, 5.0)).verdict == "contradicted"
    assert ch.humanitarian_robustness(_hum("modelled", 19.0)).verdict == "not testable with these data"


@pytest.fixture(scope=per_module)
def real():
    return ch.region(load_all())


def test_real_data_known_values(real):
    f = real.facts
    assert (f.stunt_2012, f.stunt_2017) == ("28%", "19%")
    assert f.first_veto == "26 May 2022" and f.last_unanimous == "22 December 2017"
    assert (f.cn_veto, f.ru_veto) == ("1", "2")
    assert f.verdict_shield == "contradicted until 2017, supported since 2022"
    assert [v.verdict for v in real.verdicts][:3] == ["partly supported", "partly supported", "mixed"]
    assert real.verdict("china_lifeline").verdict == "supported"
    assert real.verdict("russia_aligns_with_china").verdict == "supported"
    assert real.verdict("repression").verdict == "supported"
    assert (f.trade_peak_year, f.trade_peak, f.share_high, f.share_high_year) == ("2013", "6,540", "96.7%", "2022")
    assert int(f.japan_since_2016) < int(f.missiles_since_2016)


def test_aligned_verdict_on_both_sides():
    assert ch.aligned_verdict({"a", "b"}, {"b", "a"}) == "supported"
    assert ch.aligned_verdict({"a"}, {"a", "b"}) == "partly supported"
    assert ch.aligned_verdict({"a"}, {"b"}) == "contradicted"
    assert ch.aligned_verdict(set(), set()) == "contradicted"
    assert ch.shield_phrase("contradicted", pd.Timestamp("2017-12-22"), pd.Timestamp("2022-05-26")) == "contradicted"


def test_real_data_tables_other_than_launches_known_values(real):
    f = real.facts
    assert (f.n_japan, f.n_overflights, f.n_eez, f.japan_years) == ("20", "9", "11", "8")
    assert (f.first_overflight, f.last_overflight, f.first_eez, f.last_eez) == (
        "31 August 1998", "21 November 2023", "3 August 2016", "18 February 2023")
    assert (f.south_first, f.balloons, f.incursions, f.infiltration) == ("1958", "32", "23", "65")
    assert (f.cn_meet, f.ru_meet, f.sanctions, f.unanimous, f.ru_since_2023) == ("15", "8", "10", "10", "3")
    assert (f.hum_n, f.hum_agencies, f.wast, f.wast_year, f.hum_measured) == ("3", "UNICEF, WFP", "4%", "2012", "3")
    assert (f.trade_first_year, f.trade_last_year, f.trade_last, f.trade_n_years) == ("2004", "2025", "2,730", "18")
    assert (f.share_n, f.share_low, f.share_low_year, f.share_last, f.share_last_year) == (
        "9", "83%", "2010", "96.7%", "2022")
    assert (f.verdict_lifeline, f.verdict_aligned, f.n_shared_vetoes, f.verdict_eez) == (
        "supported", "supported", "1", "partly supported")
    assert f.verdict_humanitarian == "mixed"
    assert {v.claim_id: v.verdict for v in real.verdicts} == {
        "japan_eez": "partly supported", "neighbours_shield": "partly supported",
        "humanitarian_cost": "mixed", "china_lifeline": "supported",
        "russia_aligns_with_china": "supported", "china_fears_collapse": "not testable with these data",
        "repression": "supported", "food_insecurity_causes": "not testable with these data",
        "south_korea_economy": "not testable with these data"}
    assert real.verdict("china_lifeline").section == ch.SECTION_CHINA
    assert real.verdict("russia_aligns_with_china").evidence == (
        "Russia joined 3 of China's 3 moves and China 3 of Russia's 4 (vetoes and proposals); 2 joint proposals, "
        "the 2017 call for a freeze of tests against a freeze of exercises and the 2019 draft to ease sanctions.")
    assert real.verdict("neighbours_shield").evidence == (
        "Both voted for all 10 sanctions resolutions to 22 December 2017; vetoes since 26 May 2022 (China 1, "
        "Russia 2).")


def test_japan_facts_exactly_on_small_tables():
    launches = pd.DataFrame({"date": pd.to_datetime(["2015-05-01", "2016-01-01", "2017-08-29", "2022-10-04"])})
    js = {"events": 3, "overflight": 2, "eez_landing": 1, "overflight_first": pd.Timestamp("1998-08-31"),
          "overflight_last": pd.Timestamp("2022-10-04"), "eez_landing_first": pd.Timestamp("2016-08-03"),
          "eez_landing_last": pd.Timestamp("2016-08-04"), "since_2016": 2, "years": 3}
    sites = pd.DataFrame({"facility": ["Sunan", "Sinpo"], "missiles": [5, 2]})
    sites.attrs["without_coordinates"] = 4
    areas = pd.DataFrame({"landing": [ch.SEA_OF_JAPAN, "not recorded", "Pacific"], "missiles": [6, 3, 1],
                          "share": [0.6, 0.3, 0.1]})
    assert ch._japan_facts(launches, js, sites, areas) == {
        "n_sites": 2, "top_site": "Sunan", "top_site_n": 5, "sites_first_year": 2015, "sites_newest": "4 October 2022",
        "no_coords": 4, "n_japan": 3, "n_overflights": 2,
        "n_eez": 1, "first_overflight": "31 August 1998", "last_overflight": "4 October 2022",
        "first_eez": "3 August 2016", "last_eez": "4 August 2016", "japan_since_2016": 2, "japan_years": 3,
        "missiles_since_2016": 3, "soj_n": 6, "soj_share": "60%", "norec_share": "30%"}
    assert ch._japan_facts(launches, js, sites, areas.iloc[[0, 2]])["norec_share"] == "0%"


def test_south_and_humanitarian_facts_exactly_on_small_tables():
    south = pd.DataFrame({"balloons": [2, 0], "infiltration": [1, 3]}, index=pd.Index([1968, 2016], name="year"))
    assert ch._south_facts(south) == {"south_n": 6, "south_first": 1968, "south_last": 2016, "balloons": 2,
                                      "incursions": 0, "infiltration": 4}
    hum = pd.DataFrame({"indicator": ["stunting_under5", "stunting_under5", "wasting_under5"],
                        "period_start": [2012, 2017, 2012], "value": [28.0, 19.1, 4.0],
                        "agency": ["UNICEF", "WFP", "UNICEF"], "estimate_type": ["measured", "modelled", "measured"]})
    assert ch._humanitarian_facts(hum) == {"hum_n": 3, "hum_agencies": "UNICEF, WFP", "stunt_2012": "28%",
                                           "stunt_2017": "19.1%", "wast": "4%", "wast_year": 2012, "hum_measured": 2}


def test_one_draft_vetoed_by_both_still_counts_as_shielding():
    """Without the 2024 panel veto (Russia alone), the 2022 draft vetoed by China and
    Russia together still makes the shield partly supported: two vetoes, not none."""
    tables = load_all()
    res = tables["unsc_resolutions"]
    chapter = ch.region({**tables, "unsc_resolutions": res[res["resolution"] != "S/2024/255"]})
    assert chapter.verdict("neighbours_shield").verdict == "partly supported"


def test_the_humanitarian_frame_has_the_tables_columns():
    tables = load_all()
    hum = ch.region(tables).frames.humanitarian
    assert hum.columns.tolist() == tables["humanitarian"].columns.tolist()
    assert hum.index.tolist() == list(range(len(hum)))


def test_sites_by_period_counts_each_period_and_keeps_an_empty_one():
    from usnk import analysis as an
    launches = pd.DataFrame({
        "id": ["a", "b", "c", "d", "e"], "date": pd.to_datetime(["2016-03-01", "2017-07-04", "2017-07-04",
                                                                  "2023-04-13", "2023-05-01"]),
        "facility": ["Site A", "Site B", "Site B", "Site A", None], "missile_class": ["SRBM", "ICBM", "ICBM",
                                                                                  "ICBM", "SRBM"],
        "latitude": [39.0, 40.0, 40.0, 39.2, 38.0], "longitude": [125.0, 126.0, 126.0, 125.2, 127.0]})
    sites = an.sites_by_period(launches)
    periods = list(sites["period"].cat.categories)
    assert periods[0] == "All years" and periods[1].startswith("1984–2011") and periods[-1] == "2022–2023"
    whole = sites[sites["period"] == "All years"]
    assert whole.drop(columns="period").reset_index(drop=True).equals(an.facility_counts(launches))
    assert dict(zip(whole["facility"], whole["missiles"])) == {"Site A": 2, "Site B": 2, "Unnamed site": 1}
    # 1984–2011 has no launch: no rows, but the period stays in the categories, in order
    assert (sites["period"] == periods[1]).sum() == 0
    recent = sites[sites["period"] == periods[-1]]
    assert dict(zip(recent["facility"], recent["missiles"])) == {"Site A": 1, "Unnamed site": 1}
    assert recent.loc[recent["facility"] == "Site A", "latitude"].item() == 39.2


def test_the_map_frame_and_facts_on_the_real_data(real):
    from usnk.load import load_all
    launches = load_all()["missile_launches"]
    sites = real.frames.sites
    whole = sites[sites["period"] == "All years"]
    assert str(len(whole)) == real.facts.n_sites
    assert (whole.iloc[0]["facility"], str(whole.iloc[0]["missiles"])) == (real.facts.top_site, real.facts.top_site_n)
    # every located launch counted once in the whole record and once in the era it falls in
    located = int((launches["latitude"].notna() & launches["longitude"].notna()).sum())
    assert whole["missiles"].sum() == located == sites.loc[sites["period"] != "All years", "missiles"].sum()
    assert real.facts.sites_first_year == str(launches["date"].min().year)
