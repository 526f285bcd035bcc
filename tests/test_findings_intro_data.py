"""The introduction's key numbers and the data appendix's facts, each checked against
the CSV files and data package read independently (the csv and json modules, not the
book's loader)."""

from __future__ import annotations

import csv
import json
from collections import Counter

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
