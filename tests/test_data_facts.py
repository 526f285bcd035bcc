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


# --------------------------------------------------------------------------- launches and incidents


def launch_rows():
    return rows("missile_launches")


def on(day, **match):
    return [r for r in launch_rows() if r["date"] == day and all(r[k] == v for k, v in match.items())]


@pytest.mark.parametrize("day, name, klass, utc", [
    ("2016-04-15", "Musudan", "IRBM", ("2016-04-14", "20:33")),  # about 05:33 KST
    ("2017-05-14", "Hwasong-12", "IRBM", ("2017-05-13", "20:28")),
    ("2017-08-29", "Hwasong-12", "IRBM", ("2017-08-28", "20:58")),  # over Japan, 05:58 KST
    ("2016-02-07", "Unha-3", "SLV", ("2016-02-07", "00:29")),  # 12:29 AM in the CNS export
])
def test_launches_on_their_korean_date_with_their_utc_instant(day, name, klass, utc):
    found = on(day, missile_name=name)
    assert len(found) == 1, found
    r = found[0]
    assert (r["missile_class"], r["launch_date_utc"], r["launch_time_utc"]) == (klass, *utc)
    # decided by evidence (a stated local date, the first dated report or CSIS), not by the UTC default
    assert r["date_basis"] in ("source_text", "first_report", "csis_match") and r["origin"] == "cns"
    assert r["source_url"] != "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/"


def test_salvos_of_the_issue_examples():
    july_2009 = on("2009-07-04")
    assert len(july_2009) == 7 and {r["source_date"] for r in july_2009} == {"2009-07-05"}
    assert not on("2009-07-05")
    scud_c = on("2015-03-02", missile_name="Scud-C")
    assert len(scud_c) == 2 and {r["source_date"] for r in scud_c} == {"2015-03-01"}
    assert not on("2015-03-01")


def test_cns_classes_are_kept():
    cns = [r for r in launch_rows() if r["origin"] == "cns"]
    icbm_2022 = [r for r in cns if r["date"].startswith("2022") and r["missile_class"] == "ICBM"]
    assert len(icbm_2022) == 5
    to_official = [r for r in cns if r["source_date"] <= "2023-04-12"]
    assert len(to_official) == 245
    assert sum(r["missile_class"] == "unknown" for r in to_official) <= 8
    assert {r["missile_class"] for r in on("2022-12-18")} == {"MRBM"}
    assert not [r for r in launch_rows() if r["missile_name"] == "Hwasong-12B"]
    assert {r["missile_name"] for r in on("2021-09-28")} == {"Hwasong-8"}


def test_values_are_those_cns_gives():
    december = on("2022-12-18")
    assert [(r["apogee_km"], r["distance_km"]) for r in december] == [("550", "500")] * 2
    for day in ("2006-07-05", "2009-04-05", "2012-04-13", "2012-12-12", "2016-02-07"):
        long_range = [r for r in on(day) if r["missile_class"] == "SLV"]
        assert long_range and all(r["distance_km"] == "" for r in long_range), day


def test_csis_only_launches_are_kept_with_their_counts():
    assert [r["missile_class"] for r in on("2022-11-05", origin="csis")] == ["SRBM"] * 4
    assert len(on("2024-05-17", origin="csis", missile_class="SRBM")) == 2
    for day in ("2017-06-08", "2022-01-25", "2022-08-17", "2024-04-19"):
        assert on(day, origin="csis", missile_class="cruise"), day
    assert len(on("2025-04-28", missile_class="cruise")) == 2 and not on("2025-04-30")


def test_no_launch_counted_twice():
    """A CSIS row is never on a Korean date a CNS row took from CSIS (same launch)."""
    matched = {r["date"] for r in launch_rows() if r["date_basis"] == "csis_match"}
    doubled = [r["id"] for r in launch_rows()
               if r["origin"] == "csis" and r["missile_class"] != "cruise" and r["date"] in matched]
    assert doubled == []
    ids = [r["id"] for r in launch_rows()]
    assert len(ids) == len(set(ids))


def test_incident_fixes():
    inc = by("incidents", "id")
    assert not [i for i in inc if i.startswith(("2019-08-24", "2019-09-10"))]  # KN-25 launches
    assert on("2019-08-24", missile_name="KN-25") and on("2019-09-10", missile_name="KN-25")
    # every exchange of fire touches the South (the rule, no longer a ledger row)
    assert inc["2014-10-10-1"]["touched_south"] == inc["2015-08-20-1"]["touched_south"] == "true"
    assert all(r["touched_south"] == "true" for r in inc.values() if "exchange of fire" in r["event_type"].lower())
    assert inc["1971-06-01-1"]["source_url"].endswith("b_bbs_id=10044&num=115278")
    assert inc["1978-11-04-1"]["source_url"].endswith("bo_table=fact_001&wr_id=122")
    curated = {i: (r["date"], r["category"], r["touched_south"]) for i, r in inc.items() if i.endswith("-91")}
    assert curated == {"2008-07-11-91": ("2008-07-11", "attack", "true"),
                       "2016-01-02-91": ("2016-01-02", "seizure", "false"),
                       "2017-02-13-91": ("2017-02-13", "attack", "false")}


def test_every_correction_is_sourced_and_applied():
    ledger = rows("corrections")
    # the 2025-04-28 date is now given by the description rule and 2014-10-10's touched_south
    # by the exchange-of-fire rule, not the ledger; the cruise tests of 28 October 2025 and
    # 10 March 2026, which CSIS dates by KCNA's report, are corrected
    assert len(ledger) == 7
    for c in ledger:
        assert URL.fullmatch(c["source_url"]) and c["reason"], c
        assert c["source_value"] != c["corrected_value"]
