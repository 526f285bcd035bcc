"""Known facts in the hand-curated tables (unsc_resolutions, summits, leaders).

Reads the CSV files with the csv module only, so it runs before the typed
loader exists and checks the raw text as committed.
"""
import csv
import datetime as dt
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2026, 11, 25)
URL = re.compile(r"https?://\S+")


def rows(name):
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def by(table, key):
    return {r[key]: r for r in rows(table)}


DATE_COLUMNS = {
    "unsc_resolutions": ["date", "trigger_date"],
    "summits": ["date", "end_date", "breakdown_date"],
    "leaders": ["start_date", "end_date"],
}
KEYS = {
    "unsc_resolutions": ("resolution",),
    "summits": ("id",),
    "leaders": ("country", "name", "start_date"),
}


def test_resolution_2397():
    r = by("unsc_resolutions", "resolution")["2397"]
    assert r["date"] == "2017-12-22"
    assert (r["vote_for"], r["vote_against"], r["vote_abstain"]) == ("15", "0", "0")
    assert r["status"] == "adopted" and r["kind"] == "sanctions"
    assert r["trigger_date"] == "2017-11-29"


def test_resolution_1718_and_825():
    res = by("unsc_resolutions", "resolution")
    assert res["1718"]["date"] == "2006-10-14"
    assert res["1718"]["trigger_date"] == "2006-10-09"
    assert (res["825"]["vote_for"], res["825"]["vote_abstain"]) == ("13", "2")


def test_vetoed_drafts():
    res = by("unsc_resolutions", "resolution")
    d22 = res["S/2022/431"]
    assert (d22["date"], d22["status"], d22["vetoed_by"]) == ("2022-05-26", "vetoed", "China; Russia")
    assert (d22["vote_for"], d22["vote_against"], d22["vote_abstain"]) == ("13", "2", "0")
    d24 = res["S/2024/255"]
    assert (d24["date"], d24["status"], d24["vetoed_by"]) == ("2024-03-28", "vetoed", "Russia")
    assert (d24["vote_for"], d24["vote_against"], d24["vote_abstain"]) == ("13", "1", "1")
    assert d24["kind"] == "panel_renewal"
    vetoed = [r for r in rows("unsc_resolutions") if r["status"] == "vetoed"]
    assert {r["resolution"] for r in vetoed} == {"S/2022/431", "S/2024/255"}


def test_vote_totals_and_veto_consistency():
    for r in rows("unsc_resolutions"):
        total = int(r["vote_for"]) + int(r["vote_against"]) + int(r["vote_abstain"])
        assert total == 15, r["resolution"]
        if r["status"] == "adopted":
            assert r["vetoed_by"] == "" and int(r["vote_for"]) >= 9, r["resolution"]
        else:
            assert r["vetoed_by"] and len(r["vetoed_by"].split("; ")) <= int(r["vote_against"])
        if r["kind"] == "panel_renewal":
            assert r["trigger_event"] == "" and r["trigger_date"] == ""


def test_singapore_and_hanoi():
    s = by("summits", "id")
    assert (s["singapore-2018"]["date"], s["singapore-2018"]["end_date"]) == ("2018-06-12", "2018-06-12")
    assert s["singapore-2018"]["track"] == "us_dprk"
    assert (s["hanoi-2019"]["date"], s["hanoi-2019"]["end_date"]) == ("2019-02-27", "2019-02-28")
    assert s["agreed-framework-1994"]["date"] == "1994-10-21"
    assert s["joint-statement-2005"]["breakdown_date"] == "2009-04-14"


def test_leaders_known_terms():
    ls = rows("leaders")
    trump = sorted(r["start_date"] for r in ls if r["name"] == "Donald Trump")
    assert trump == ["2017-01-20", "2025-01-20"]
    incumbents = {(r["country"], r["name"]) for r in ls if r["end_date"] == ""}
    assert incumbents == {("US", "Donald Trump"), ("ROK", "Lee Jae-myung"), ("DPRK", "Kim Jong Un")}
    kis = next(r for r in ls if r["name"] == "Kim Il Sung")
    assert (kis["start_date"], kis["end_date"]) == ("1948-09-09", "1994-07-08")
    assert next(r for r in ls if r["name"] == "Hwang Kyo-ahn")["acting"] == "true"
    assert all(r["acting"] in ("true", "false") for r in ls)


@pytest.mark.parametrize("table", list(KEYS))
def test_every_row_has_url(table):
    for r in rows(table):
        assert URL.fullmatch(r["source_url"]), r
        assert "wikipedia.org" not in r["source_url"]


@pytest.mark.parametrize("table", list(KEYS))
def test_no_duplicates(table):
    keys = [tuple(r[k] for k in KEYS[table]) for r in rows(table)]
    assert len(keys) == len(set(keys))
    full = [tuple(r.values()) for r in rows(table)]
    assert len(full) == len(set(full))


@pytest.mark.parametrize("table", list(DATE_COLUMNS))
def test_dates_parse_not_future_and_sorted(table):
    data = rows(table)
    assert data, table
    for r in data:
        for col in DATE_COLUMNS[table]:
            if r[col]:
                d = dt.date.fromisoformat(r[col])
                assert d <= TODAY, (table, col, r[col])
    first = DATE_COLUMNS[table][0]
    order = [r[first] for r in data]
    assert order == sorted(order)


def test_intervals_ordered():
    for r in rows("summits"):
        assert r["date"] <= r["end_date"], r["id"]
        if r["breakdown_date"]:
            assert r["kind"] == "agreement" and r["breakdown_date"] > r["date"], r["id"]
    for r in rows("leaders"):
        if r["end_date"]:
            assert r["start_date"] <= r["end_date"], r["name"]


def test_japan_impacts_known_rows():
    imp = {(r["date"], r["kind"]): r for r in rows("japan_impacts")}
    launches = {r["event_id"]: r for r in rows("missile_launches")}
    over = imp[("2017-08-29", "overflight")]
    assert over["missile_name"] == "Hwasong-12" and over["event_id"] == "2017-08-29-1"
    assert "Hokkaido" in over["detail"] and over["source_url"] == "https://www.nippon.com/en/behind/l10465/"
    first_eez = imp[("2016-08-03", "eez_landing")]
    assert first_eez["missile_name"] == "Nodong" and "Oga" in first_eez["detail"]
    assert imp[("2022-11-18", "eez_landing")]["missile_name"] == "Hwasong-17"
    assert imp[("1998-08-31", "overflight")]["missile_name"] == "Taepodong-1"
    # reported as falling outside the EEZ: not rows
    assert ("2023-12-18", "eez_landing") not in imp and ("2024-10-31", "eez_landing") not in imp
    for r in rows("japan_impacts"):
        assert URL.fullmatch(r["source_url"])
        if r["event_id"]:
            assert launches[r["event_id"]]["missile_name"] == r["missile_name"]
            assert launches[r["event_id"]]["date"] == r["date"]


def test_humanitarian_known_rows():
    hum = {(r["indicator"], r["period_start"]): r for r in rows("humanitarian")}
    assert hum[("stunting_under5", "2017")]["value"] == "19"
    assert hum[("stunting_under5", "2017")]["estimate_type"] == "measured"
    assert hum[("stunting_under5", "2012")]["value"] == "28"
    assert hum[("stunting_under5", "2017")]["source_url"] == "https://www.unicef.org/eap/press-releases/mics-launch-DPR-korea"
