"""Chapter 1's findings: the verdict rules on both sides, exact facts on small tables,
known values on the real data."""

from __future__ import annotations

import copy
import importlib
import pandas as pd
import pytest

from usnk.datafolder import Tables
from usnk.load import load_all

ch = importlib.import_module("usnk.findings.history")  # usnk.findings.history is the chapter function

SRC = "https://example.org/src"


def test_war_verdict_needs_more_than_seventy_full_years():
    assert ch.war_verdict(71) == "supported"
    assert ch.war_verdict(70) == "contradicted"


def test_incidents_verdict_needs_an_incident_in_every_whole_decade():
    assert ch.incidents_verdict(pd.Series([5, 1], index=[1960, 1970])) == "supported"
    assert ch.incidents_verdict(pd.Series([5, 0], index=[1960, 1970])) == "contradicted"
    assert ch.incidents_verdict(pd.Series([], dtype=int)) == "contradicted"


def test_whole_decades_leave_out_the_first_partial_and_the_running_decade():
    totals = pd.Series([1, 2, 3, 4], index=[1950, 1960, 1970, 1980])
    assert ch.whole_decades(totals, 1958, pd.Timestamp("1985-01-01")).index.tolist() == [1960, 1970]
    assert ch.whole_decades(totals, 1960, pd.Timestamp("1990-01-01")).index.tolist() == [1960, 1970, 1980]


def _tables():
    leaders = pd.DataFrame({
        "country": ["US", "US", "ROK", "DPRK"], "name": ["Truman", "Eisenhower", "Rhee", "Kim Il Sung"],
        "title": "x", "party": None, "acting": [False, False, False, False], "source_url": SRC,
        "start_date": pd.to_datetime(["1945-04-12", "1953-01-20", "1948-07-24", "1948-09-09"]),
        "end_date": pd.to_datetime(["1953-01-20", "1961-01-20", "1960-04-26", "1994-07-08"])})
    incidents = pd.DataFrame({
        "id": ["1", "2", "3", "4"], "date": pd.to_datetime(["1968-01-23", "1968-01-21", "1976-08-18", "1983-10-09"]),
        "category": ["seizure", "infiltration", "attack", "terrorism"], "event_type": "x",
        "landmark": pd.array(["USS Pueblo seizure", None, None, "Rangoon bombing"], dtype="str"),
        "touched_south": [False, True, True, False], "source_url": SRC})
    summits = pd.DataFrame({
        "id": ["a", "b"], "name": ["Talks", "Summit"], "kind": ["talks", "summit"], "track": "us_dprk",
        "date": pd.to_datetime(["1993-06-02", "2018-06-12"]), "end_date": pd.NaT, "source_url": SRC})
    china_trade = pd.DataFrame({"year": [2016, 2022], "china_share_pct": [91.5, 96.7], "share_source_url": SRC})
    return {"leaders": leaders, "incidents": incidents, "summits": summits, "china_trade": china_trade}


def test_history_facts_on_a_small_record():
    f = ch.history(_tables(), as_of="1990-06-30")
    facts = f.facts
    assert (facts.years_no_treaty, facts.verdict_war) == ("36", "contradicted")
    assert (facts.n_us_presidents, facts.n_rok_presidents, facts.n_dprk_leaders) == ("1", "1", "1")
    assert facts.war_years == "3" and facts.as_of == "30 June 1990"
    # the record starts in 1968, so the whole decades are the 1970s and 1980s: 1 incident each
    assert (facts.n_decades, facts.min_decade_n, facts.max_full_decade_n) == ("2", "1", "1")
    assert (facts.min_decade, facts.max_decade, facts.max_decade_n) == ("1970s", "1960s", "2")
    assert (facts.n_60s, facts.top_cat_60s, facts.landmark_60s) == ("2", "infiltration", "USS Pueblo seizure")
    assert facts.verdict_incidents == "supported" and facts.n_south == "2"
    assert (facts.n_us_dprk, facts.first_us_summit, facts.summits_from) == ("2", "12 June 2018", "1993")
    assert (facts.n_us_meetings, facts.n_us_agreements) == ("2", "0")
    # every whole decade has an incident, but 1970–1974 has none: the five-year reading disagrees
    # the small record has no US–DPRK agreement before 2000, and no table records the war of 1950 or troop levels
    assert [v.verdict for v in f.verdicts] == ["contradicted", "mixed"] + ["not testable with these data"] * 4
    assert f.verdict("early_dialogue_collapsed").evidence.startswith("The tables hold no US–DPRK agreements before")
    assert f.verdict("sporadic_incidents").robustness == (
        "Every whole decade: supported; every whole five-year span: contradicted.")
    assert f.verdict("juche_isolation").evidence == (
        "The tables hold no trade figures from Kim Il Sung's years (to 1994). An ideology is not an event, and the "
        "trade table starts in 2016, long after Kim Il Sung; China's share of its recorded trade was 96.7% in "
        "2022, which shows how narrow its trade is today, not why.")
    early = _tables()
    early["china_trade"] = pd.DataFrame({"year": [1990], "china_share_pct": [50.0], "share_source_url": SRC})
    with pytest.raises(ValueError, match="juche_isolation: the data it needs"):
        ch.history(early, as_of="1990-06-30")     # once the data exist, the claim needs a rule
    assert f.frames.first_year == 1968 and f.frames.last_year == 1983


def test_history_real_data_known_values():
    f = ch.history(load_all())
    assert (f.facts.war_start, f.facts.armistice, f.facts.war_years) == ("25 June 1950", "27 July 1953", "3")
    assert int(f.facts.years_no_treaty) >= 73
    assert f.verdict("war_70_years").verdict == "supported"
    assert f.verdict("sporadic_incidents").verdict == "supported"
    assert f.verdict("war_70_years").section == "01_history#what-the-data-say"
    with pytest.raises(KeyError):
        f.verdict("nothing")


def test_history_real_data_exact_facts_at_a_fixed_date():
    f = ch.history(load_all(), as_of="2026-08-20")
    facts = f.facts
    assert (facts.years_no_treaty, facts.as_of) == ("73", "20 August 2026")
    assert (facts.n_us_presidents, facts.n_rok_presidents, facts.n_dprk_leaders) == ("13", "14", "3")
    # five incidents that are launches are left out (one event, one row): 258 -> 253, the 2020s 88 -> 83
    assert (facts.n_incidents, facts.first_incident_year, facts.n_decades) == ("253", "1958", "6")
    assert (facts.min_decade, facts.min_decade_n, facts.max_full_decade_n) == ("1980s", "18", "49")
    assert (facts.max_decade, facts.max_decade_n, facts.max_decade_state) == (
        "2020s", "83", "which is not yet complete")
    assert (facts.n_60s, facts.top_cat_60s, facts.n_landmarks, facts.landmark_60s) == (
        "49", "infiltration", "6", "USS Pueblo seizure")
    # every exchange of fire touches the South: eight more incidents in the South, 165 -> 173
    assert (facts.n_south, facts.n_us_dprk, facts.first_us_dprk, facts.n_us_summits) == ("173", "16", "1993", "3")
    assert (facts.n_us_meetings, facts.n_us_agreements, facts.summits_from) == ("11", "5", "1993")
    assert f.verdict("war_70_years").evidence == (
        "No peace treaty since the armistice of 27 July 1953: 73 full years by 20 August 2026.")
    assert f.verdict("sporadic_incidents").evidence == (
        "Every whole decade has incidents, from 18 (1980s) to 49 a decade; engagement before 1993 is not in the "
        "tables.")
    assert (f.frames.first_year, f.frames.last_year) == (1958, 2026)
    assert f.frames.as_of == pd.Timestamp("2026-08-20")
    assert f.frames.landmarks["date"].dt.year.min() >= ch.INCIDENTS_FROM


def test_a_decade_in_the_past_is_complete():
    f = ch.history(_tables(), as_of="1990-06-30")
    assert f.facts.max_decade_state == "a complete decade"   # the 1960s, counted from 1990


def test_the_busiest_decade_is_complete_from_its_tenth_year_on():
    """The 2020s hold the most incidents: "not yet complete" until 2029, complete from
    1 January 2030."""
    tables = load_all()
    assert str(ch.history(tables, as_of="2029-12-31").facts.max_decade_state) == "which is not yet complete"
    assert str(ch.history(tables, as_of="2030-01-01").facts.max_decade_state) == "a complete decade"


def test_without_rok_leaders_or_trade_shares_the_chapter_says_so():
    tables = load_all()
    leaders, trade = tables["leaders"], tables["china_trade"]
    chapter = ch.history(Tables({**tables, "leaders": leaders[leaders["country"] != "ROK"],
                                 "china_trade": trade.iloc[0:0]}, package=tables.package))
    assert str(chapter.facts.n_rok_presidents) == "0"
    juche = chapter.verdict("juche_isolation")
    assert "no trade shares are recorded" in juche.evidence


def test_the_as_of_date_follows_the_newest_event_of_any_table_in_the_package_given():
    """Chapter 1 reads no launches, yet dates its facts by the newest event of any table:
    that date comes from the package the tables carry (declared as a package-wide fact,
    so the build re-executes the page when it moves), never from the folder on disk."""
    tables = load_all()
    package = copy.deepcopy(tables.package)
    for resource in package["resources"]:
        if resource["name"] == "missile_launches":
            resource["last_event_date"] = "2030-05-04"
    later = ch.history(Tables(tables, package=package))
    assert str(later.facts.as_of) == "4 May 2030"
    assert str(ch.history(tables).facts.as_of) != "4 May 2030"
    assert ch.history.package_facts == ("newest_event_date",)


def test_without_a_package_or_an_as_of_date_the_chapter_says_what_it_needs():
    tables = load_all()
    with pytest.raises(ValueError, match="carry no data package"):
        ch.history(dict(tables))
    assert str(ch.history(dict(tables), as_of="2020-01-02").facts.as_of) == "2 January 2020"


def test_the_leaders_chart_terms_and_counts_on_a_small_record():
    leaders = _tables()["leaders"]
    leaders = pd.concat([leaders, pd.DataFrame({
        "country": ["US", "ROK", "US"], "name": ["Roosevelt", "Acting", "Kennedy"], "title": "x",
        "party": None, "acting": [False, True, False], "source_url": SRC,
        "start_date": pd.to_datetime(["1933-03-04", "1960-04-27", "1961-01-20"]),
        "end_date": pd.to_datetime(["1945-04-12", "1960-08-12", None])})], ignore_index=True)
    f = ch.history({**_tables(), "leaders": leaders}, as_of="1990-06-30")
    t = f.frames.leader_terms
    # from 1945 on: Roosevelt's last months, Truman, Eisenhower, Kennedy (open: to as_of), Rhee, the acting
    # ROK president, Kim Il Sung
    assert sorted(t["name"]) == sorted(["Roosevelt", "Truman", "Eisenhower", "Kennedy", "Rhee", "Acting",
                                        "Kim Il Sung"])
    roosevelt = t[t["name"] == "Roosevelt"].iloc[0]
    assert roosevelt["start"] == pd.Timestamp("1945-01-01") and roosevelt["end"] == pd.Timestamp("1945-04-12")
    kennedy = t[t["name"] == "Kennedy"].iloc[0]
    assert kennedy["incumbent"] and kennedy["end"] == pd.Timestamp("1990-06-30")
    # the caption's counts: spells in office from 1945, acting office holders left out
    assert (f.facts.n_us_terms_chart, f.facts.n_rok_terms_chart, f.facts.n_dprk_leaders_chart) == ("4", "1", "1")
    # and they are the spells the chart draws, acting left out
    for country, fact in (("US", "n_us_terms_chart"), ("ROK", "n_rok_terms_chart"), ("DPRK", "n_dprk_leaders_chart")):
        drawn = t[(t["country"] == country) & ~t["acting"].astype(bool)]
        assert str(len(drawn)) == f.facts[fact]


def test_the_leaders_chart_counts_on_the_real_data_are_the_terms_it_draws():
    f = ch.history(load_all())
    t = f.frames.leader_terms
    assert t["end"].max() <= f.frames.as_of and t["start"].min() >= pd.Timestamp(ch.LEADERS_CHART_FROM)
    for country, fact in (("US", "n_us_terms_chart"), ("ROK", "n_rok_terms_chart"), ("DPRK", "n_dprk_leaders_chart")):
        assert str(int((~t.loc[t["country"] == country, "acting"].astype(bool)).sum())) == f.facts[fact]
    assert f.facts.n_dprk_leaders_chart == "3"  # Kim Il Sung, Kim Jong Il, Kim Jong Un
