"""The introduction's key numbers and the data appendix's facts, each checked against
the CSV files and data package read independently (the csv and json modules, not the
book's loader)."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pandas as pd
import pytest

from mutationscope import per_module
from usnk import findings
from usnk.labels import date_label
from usnk.load import load_all
from usnk.paths import ROOT
from usnk.validate import EVENT_DATE_FIELDS

DATA = ROOT / "data"


def rows(table: str) -> list[dict]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def event_dates(table: str) -> list[str]:
    """The table's event dates (its declared event date fields), as ISO text."""
    fields = EVENT_DATE_FIELDS.get(table, ("date",))
    return [r[f] for r in rows(table) for f in fields if r.get(f)]


@pytest.fixture(scope="module")
def package() -> dict:
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


class Text:
    """Facts as the prose shows them (each fact is text), compared with plain values."""

    def __init__(self, facts):
        self._facts = {k: str(v) for k, v in facts.items()}

    def __getattr__(self, name):
        return self._facts[name]

    def __getitem__(self, name):
        return self._facts[name]


@pytest.fixture(scope=per_module)
def intro():
    return Text(findings.intro(load_all()).facts)


@pytest.fixture(scope=per_module)
def appendix():
    return Text(findings.data_appendix(load_all()).facts)


def test_intro_counts_match_the_files(intro):
    launches, tests = rows("missile_launches"), rows("nuclear_tests")
    resolutions, summits, incidents = rows("unsc_resolutions"), rows("summits"), rows("incidents")
    assert intro.n_missiles == str(len(launches))
    assert intro.n_launch_events == str(len({r["event_id"] for r in launches}))
    assert intro.first_launch_year == str(min(int(r["date"][:4]) for r in launches))
    assert intro.newest_launch == date_label(max(r["date"] for r in launches))
    assert intro.n_tests == str(len(tests)) and intro.last_test == date_label(max(r["date"] for r in tests))
    status = Counter(r["status"] for r in resolutions)
    assert (intro.n_adopted, intro.n_vetoed) == (str(status["adopted"]), str(status["vetoed"]))
    assert intro.n_sanctions == str(sum(r["status"] == "adopted" and r["kind"] == "sanctions" for r in resolutions))
    kinds = Counter(r["kind"] for r in summits)
    assert (intro.n_summits, intro.n_talks, intro.n_agreements) == tuple(
        str(kinds[k]) for k in ("summit", "talks", "agreement"))
    assert intro.n_incidents == str(len(incidents))
    assert intro.first_incident_year == str(min(int(r["date"][:4]) for r in incidents))


def test_intro_peak_year_is_the_first_of_the_busiest(intro):
    per_year = Counter(int(r["date"][:4]) for r in rows("missile_launches"))
    most = max(per_year.values())
    assert (intro.peak_year, intro.peak_year_n) == (str(min(y for y, n in per_year.items() if n == most)), str(most))


def test_intro_says_where_each_table_ends(intro, package):
    ends = {}
    for res in package["resources"]:
        dates = event_dates(res["name"])
        years = [r["year"] for r in rows(res["name"]) if r.get("year")]
        if dates:
            ends[res["title"]] = max(dates)
        elif years:
            ends[res["title"]] = str(max(int(y) for y in years))
    listed = [part.rsplit(" to ", 1) for part in str(intro.ends_list).split("; ")]
    assert {title: end for title, end in listed} == ends
    assert [end for _, end in listed] == sorted(ends.values(), reverse=True)   # newest first
    assert (intro.ends_last, intro.ends_first) == (max(ends.values()), min(ends.values()))
    newest = max(r["last_event_date"] for r in package["resources"] if r.get("last_event_date"))
    assert intro.data_as_of == date_label(newest)


def test_intro_as_of_can_be_given():
    assert findings.intro(load_all(), as_of="2020-01-02").facts.data_as_of == "2 January 2020"


def test_appendix_facts_match_the_files(appendix, package):
    resources = package["resources"]
    assert appendix.n_tables == str(len(resources))
    counts = {r["name"]: len(rows(r["name"])) for r in resources}
    assert appendix.n_rows == f"{sum(counts.values()):,}"
    assert appendix.licence == "; ".join(lic["title"] for lic in package["licenses"])
    for res in resources:
        name = res["name"]
        assert appendix[f"{name}_rows"] == f"{counts[name]:,}", name
        dates = event_dates(name)
        expected = (f"{min(dates)} to {max(dates)}" if dates
                    else "no event dates (the rows are periods, not events)")
        assert appendix[f"{name}_span"] == expected, name
        assert appendix[f"{name}_fresh"] == (res.get("last_event_date") or "not declared"), name


def test_the_introduction_and_the_appendix_test_no_claim():
    tables = load_all()
    assert findings.intro(tables).verdicts == () and findings.data_appendix(tables).verdicts == ()


def test_the_appendix_names_a_licence_without_a_title_by_its_name_and_none_when_absent(package):
    tables = load_all()
    untitled = {**package, "licenses": [{"name": "CC-BY-4.0", "path": "https://example.org/"}]}
    assert str(findings.data_appendix(tables, package=untitled).facts.licence) == "CC-BY-4.0"
    bare = {k: v for k, v in package.items() if k != "licenses"}
    assert str(findings.data_appendix(tables, package=bare).facts.licence) == ""


def test_the_timeline_frames_and_facts_match_the_files():
    chapter = findings.intro(load_all())
    facts, frames = chapter.facts, chapter.frames
    launches = [r for r in rows("missile_launches") if r["date"] >= "1984-01-01"]
    per_month = Counter((r["date"][:7], r["missile_class"]) for r in launches)
    monthly = frames.monthly
    got = {(m.strftime("%Y-%m"), c): n for m, c, n in zip(monthly["month"], monthly["missile_class"], monthly["missiles"])}
    assert got == dict(per_month)
    totals = Counter(r["date"][:7] for r in launches)
    busiest = min(totals, key=lambda m: (-totals[m], m))  # the first of the busiest months
    assert str(facts.timeline_missiles) == str(len(launches))
    assert str(facts.timeline_busiest_n) == str(totals[busiest])
    assert str(facts.timeline_busiest_month) == f"{pd.Timestamp(busiest + '-01'):%B %Y}"
    tests = sorted(r["date"] for r in rows("nuclear_tests"))
    assert str(facts.test_years) == ", ".join(d[:4] for d in tests)
    newest = max(max(r["date"] for r in rows(t)) for t in ("missile_launches", "nuclear_tests", "unsc_resolutions",
                                                           "summits"))
    assert frames.timeline_newest == pd.Timestamp(newest)
    us = [r for r in rows("leaders") if r["country"] == "US"]
    assert sorted(frames.us_terms["name"]) == sorted(r["name"] for r in us)
    # the systems and sources of one month and class, each once, in the order flown
    m, c = max(per_month, key=per_month.get)
    row = monthly[(monthly["month"] == pd.Timestamp(m + "-01")) & (monthly["missile_class"] == c)].iloc[0]
    flown = [r for r in launches if r["date"][:7] == m and r["missile_class"] == c]
    assert row["systems"].split(", ") == list(dict.fromkeys(r["missile_name"] for r in flown))
    assert set(row["source_urls"]) == {r["source_url"] for r in flown}
    assert len(row["source_urls"]) == len(set(row["source_urls"]))


def test_monthly_by_class_on_a_small_table():
    from usnk.analysis import monthly_by_class
    launches = pd.DataFrame({
        "date": pd.to_datetime(["2017-03-06", "2017-03-06", "2017-03-22", "2017-07-04", "2019-05-04"]),
        "missile_class": ["MRBM", "MRBM", "SRBM", "ICBM", "SRBM"],
        "missile_name": ["ER Scud", "ER Scud", "Scud-C", "Hwasong-14", "KN-23"],
        "source_url": ["https://a.org/1", "https://a.org/1", "https://b.org/2", "https://a.org/1", "https://c.org/3"]})
    out = monthly_by_class(launches, start="2017-01-01", end="2019-12-31")
    # the book's class order, then by month; months without launches left out
    assert list(zip(out["missile_class"], out["month"].dt.strftime("%Y-%m"), out["missiles"])) == [
        ("SRBM", "2017-03", 1), ("SRBM", "2019-05", 1), ("MRBM", "2017-03", 2), ("ICBM", "2017-07", 1)]
    mrbm = out[out["missile_class"] == "MRBM"].iloc[0]
    assert mrbm["systems"] == "ER Scud" and mrbm["source_urls"] == ("https://a.org/1",)
    # a launch after the end is not counted
    assert monthly_by_class(launches, start="2017-01-01", end="2018-12-31")["missiles"].sum() == 4
    assert monthly_by_class(launches.iloc[0:0], start="2017-01-01", end="2017-12-31").empty
