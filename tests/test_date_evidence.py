"""The date rule from evidence (usnk.importers.evidence) and its use by the importers.

The evidence order is tested on made-up rows; the description parser on phrasings
of the kinds the CSIS table uses (short made-up sentences, not its text)."""

from __future__ import annotations

import pandas as pd
import pytest

from usnk.kst import candidate_days
from usnk.importers.evidence import (
    decide_day,
    described_day,
    event_day,
    latest_day,
    report_dates,
    stated_local_date,
)

# --------------------------------------------------------------------------- evidence order


def test_a_time_before_15_utc_leaves_no_choice_whatever_the_evidence():
    assert candidate_days("2024-03-10", "02:00") == ["2024-03-10"]
    # a CSIS date a day off cannot move a known instant
    assert decide_day("2024-03-10", "02:00", csis="2024-03-09") == ("2024-03-10", "utc_time")
    assert decide_day("2024-03-10", "02:00", csis="2024-03-10") == ("2024-03-10", "csis_match")


def test_stated_local_date_beats_reports_and_csis():
    assert decide_day("2030-05-01", "22:00", stated="2030-05-02", latest="2030-05-01",
                      csis="2030-05-01") == ("2030-05-02", "source_text")
    assert decide_day("2030-05-01", "22:00", stated="2030-05-01", csis="2030-05-02") == ("2030-05-01", "source_text")


def test_a_stated_date_neither_reading_allows_is_no_evidence():
    assert decide_day("2030-05-01", "22:00", stated="2030-05-05", csis="2030-05-01") == ("2030-05-01", "csis_match")


def test_first_report_beats_csis_and_the_default():
    assert decide_day("2030-05-01", "22:00", latest="2030-05-01", csis="2030-05-02") == ("2030-05-01", "first_report")
    # a report that allows both readings decides nothing
    assert decide_day("2030-05-01", "22:00", latest="2030-05-02", csis="2030-05-01") == ("2030-05-01", "csis_match")


def test_csis_then_the_stated_default():
    assert decide_day("2030-05-01", "22:00", csis="2030-05-01") == ("2030-05-01", "csis_match")
    assert decide_day("2030-05-01", "22:00") == ("2030-05-02", "utc_time")
    assert decide_day("2030-05-01", "22:00", csis="2030-04-29") == ("2030-05-02", "utc_time")


def test_report_dates_from_urls_and_their_time_zone():
    found = report_dates("https://en.yna.co.kr/view/AEN20300501000100315; "
                         "https://www.example.com/2030/04/30/world/story.html; "
                         "mod.go.jp/j/press/news/2030/05/01b.html; http://kcna.kp/en/article/q/abc.kcmsf")
    assert found == [("2030-05-01", True), ("2030-04-30", False), ("2030-05-01", True)]


def test_latest_day_rules_and_wrong_links():
    days = ["2030-05-01", "2030-05-02"]
    assert latest_day([("2030-05-01", True)], days) == "2030-05-01"
    # a report from west of Korea may carry the previous day's date
    assert latest_day([("2030-05-01", False)], days) == "2030-05-02"
    # a report dated before every day the row can mean is about something else
    assert latest_day([("2030-03-05", True)], days) == ""
    assert latest_day([("2030-03-05", True), ("2030-05-03", True)], days) == "2030-05-03"


@pytest.mark.parametrize("text, near, expected", [
    ("On May 31, 2030 (local time), a launch was attempted.", "2030-05-30", "2030-05-31"),
    ("The following day, November 3, six more were fired.", "2030-11-02", "2030-11-03"),
    ("Fired at 8:48 AM on March 5 (local time) from Sunan.", "2030-03-04", "2030-03-05"),
    ("On February 27 (local time 7:52 AM), one was fired.", "2030-02-26", "2030-02-27"),
    ("Launched at dawn of 2 September toward the sea.", "2030-09-01", "2030-09-02"),
    ("On March 24, 2030, a test was held.", "2030-03-24", ""),           # no local mark
    ("Seen at the April 15, 2030 parade (local time).", "2030-06-01", ""),  # too far away
])
def test_stated_local_date(text, near, expected):
    assert stated_local_date(text, near) == expected


# --------------------------------------------------------------------------- descriptions


@pytest.mark.parametrize("text, reported, expected", [
    # weekdays: the nearest day of that name, before or after the CSIS date
    ("fired missiles into the sea on Tuesday morning, according to Japan.", "2024-11-04", "2024-11-05"),
    ("sent balloons toward the South early Thursday, the JCS said.", "2024-10-24", "2024-10-24"),
    ("fired rockets at the same time on Thursday as a warning.", "2024-05-31", "2024-05-30"),
    ("balloons were sent across the border on Thursday night.", "2024-11-29", "2024-11-28"),
    ("Thursday's firing was the thirteenth test of the year.", "2019-11-29", "2019-11-28"),
    # explicit dates
    ("soldiers briefly crossed the MDL on October 19. The JCS fired warning shots.", "2025-10-23", "2025-10-19"),
    ("On March 9, 2020 at 7:36 a.m., projectiles were launched.", "2020-03-06", "2020-03-09"),
    ("On the night of June 12th, a vessel was captured.", "1969-06-12", "1969-06-12"),
    ("fired two cruise missiles on Saturday (September 2) morning.", "2023-09-01", "2023-09-02"),
    # a report, not the event
    ("the Joint Chiefs of Staff said Tuesday. The blasts were near the line.", "2024-10-15", ""),
    ("the rocket system was tested, the party daily reported Sunday.", "2023-01-01", ""),
    ("said for the first time on Thursday that it had tested it.", "2024-06-26", ""),
    # another event
    ("crossed the line, less than two weeks after a similar incident on June 9.", "2024-06-18", ""),
    ("come six days after it fired two missiles from the same area on July 25.", "2019-07-31", ""),
    ("As with the March 16 launches, no warning was sent.", "2014-03-22", ""),
    ("December 18 is the anniversary of a death.", "2023-12-17", ""),
    ("(Ann Analyst, NK Pro, November 15, 2023).", "2023-11-14", ""),
    # a range that holds the CSIS date; a weekday and date that disagree
    ("fired two SRBMs from Monday July 24th 11:55 p.m. to July 25th 00:00 a.m.", "2023-07-24", ""),
    ("balloons sent on Sep. 4, Thursday morning at 9 a.m.", "2024-09-05", ""),
    ("nothing about when it happened", "2024-09-05", ""),
])
def test_described_day(text, reported, expected):
    assert described_day(text, reported) == expected


def test_event_day_basis():
    assert event_day("crossed the MDL on October 19.", "2025-10-23") == ("2025-10-19", "description")
    assert event_day("crossed the MDL on October 23.", "2025-10-23") == ("2025-10-23", "source_date")
    assert event_day("", "2025-10-23") == ("2025-10-23", "source_date")


def _csis(rows):
    from usnk.importers.csis import LINE_COLUMN, REQUIRED_COLUMNS

    frame = pd.DataFrame(rows, columns=list(REQUIRED_COLUMNS))
    frame[LINE_COLUMN] = range(2, 2 + len(frame))
    return frame


def test_one_mechanism_for_csis_launches_and_incidents():
    from usnk.importers.csis import csis_incident_rows, csis_launch_rows

    events = _csis([
        ("2031-04-30", "Missile Provocation", "Strategic cruise missile",
         "fired two strategic cruise missiles on Monday from a destroyer.", "https://example.org/a"),
        ("2031-04-30", "Other Provocation", "DMZ Encroachment",
         "soldiers crossed the MDL on Monday and went back.", "https://example.org/b"),
    ])
    launches = csis_launch_rows(events, columns=["id", "event_id", "date", "date_basis", "source_date",
                                                 "missile_class", "origin", "source_url"])
    assert set(launches["date"]) == {"2031-04-28"}
    assert set(launches["date_basis"]) == {"description"}
    assert set(launches["source_date"]) == {"2031-04-30"}
    incidents = csis_incident_rows(events)
    assert list(incidents["date"]) == ["2031-04-28"]
    assert list(incidents["id"]) == ["2031-04-28-1"]


def test_a_newer_csis_release_is_dated_by_the_same_rule(tmp_path):
    """A made-up newer CSIS release: the real table plus one later event whose
    description names the day before the CSIS date; the updater dates it by the
    description, and applying the same release again changes nothing."""
    import io
    import shutil

    from sharedref import CSIS_TABLE, need
    from usnk.importers import update

    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    text = need(CSIS_TABLE).read_text(encoding="utf-8")
    newer = tmp_path / "provocations_newer.csv"
    header, rest = text.split("\n", 1)
    newer.write_text(header + "\n" + '2026-09-30,Missile Provocation,Strategic cruise missile,'
                     '"North Korea fired two cruise missiles into the Yellow Sea on Monday, the JCS said.",'
                     'https://example.org/2026/09/30/report\n' + rest, encoding="utf-8")
    out = io.StringIO()
    assert update.run(csis=newer, data_dir=data, out=out, today="2026-10-01") == 0
    launches = pd.read_csv(data / "missile_launches.csv", dtype=str, keep_default_na=False)
    added = launches[launches["source_date"] == "2026-09-30"]
    assert list(added["date"]) == ["2026-09-28", "2026-09-28"]
    assert set(added["date_basis"]) == {"description"}
    again = io.StringIO()
    assert update.run(csis=newer, data_dir=data, out=again, today="2026-10-01") == 0
    assert "no changes" in again.getvalue()


def test_a_missile_provocation_filed_under_another_kind_is_a_launch_when_its_text_fires_one():
    from usnk.importers.csis import classify

    fired = "North Korea fired an unidentified ballistic missile toward the sea."
    assert classify("Nuclear Detonation Device", "Missile Provocation", fired).kind == "launch"
    assert classify("Nuclear Detonation Device", "Other Provocation", fired).category == "nuclear_programme"
    assert classify("Nuclear Detonation Device", "Missile Provocation", "a device was tested").kind == "incident"
