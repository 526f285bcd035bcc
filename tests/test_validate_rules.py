"""The rules across a row's cells and across rows (usnk/validate/rules.py): dates in
order, vetoes and votes, coordinates, the ids and rows of one launch event, the order of
rows, source links, a table's last event date, the claims catalogue's places. Each case
edits cells of the valid fixture folder (file, 1-based line, column, value) and lists
every problem the validator must then report, in order."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from datafixture import edit_package, only, resource, rewrite_csv, set_cell
from usnk.datafolder import validate_dir
from usnk.errors import Problem
from usnk.validate import validate_frames

TODAY = date(2001, 1, 1)
ML, NT, UN, SU, IN, LE, JI = ("missile_launches.csv", "nuclear_tests.csv", "unsc_resolutions.csv", "summits.csv",
                              "incidents.csv", "leaders.csv", "japan_impacts.csv")
BOTH = "expected latitude and longitude both present or both empty"


CASES = {
    "summit ends before it starts": (
        [(SU, 2, "end_date", "2000-01-09")],
        [Problem(SU, 2, "end_date", "expected end_date on or after date (2000-01-10)", "2000-01-09")]),
    "summit ends on its start day": ([(SU, 2, "end_date", "2000-01-10")], []),
    "leader leaves before taking office": (
        [(LE, 2, "end_date", "1999-12-31")],
        [Problem(LE, 2, "end_date", "expected end_date on or after start_date (2000-01-01)", "1999-12-31")]),
    "breakdown before the agreement": (
        [(SU, 3, "breakdown_date", "2000-01-31")],
        [Problem(SU, 3, "breakdown_date", "expected breakdown_date on or after date (2000-02-01)", "2000-01-31")]),
    "trigger after the resolution": (
        [(UN, 2, "trigger_date", "2000-03-11")],
        [Problem(UN, 2, "trigger_date", "expected trigger_date on or before date (2000-03-10)", "2000-03-11")]),
    "trigger on the resolution's day": ([(UN, 2, "trigger_date", "2000-03-10")], []),
    "yield range reversed": (
        [(NT, 2, "yield_kt_low", "3")],
        [Problem(NT, 2, "yield_kt_high", "expected yield_kt_high >= yield_kt_low (3)", "2")]),
    "yield range of one value": ([(NT, 2, "yield_kt_low", "2")], []),
    "vetoed draft without a vetoing member": (
        [(UN, 3, "vetoed_by", "")],
        [Problem(UN, 3, "vetoed_by", "expected vetoed_by for a vetoed draft")]),
    "adopted resolution with a vetoing member": (
        [(UN, 2, "vetoed_by", "Russia")],
        [Problem(UN, 2, "vetoed_by", "expected no vetoed_by for an adopted resolution", "Russia")]),
    "sixteen votes": (
        [(UN, 3, "vote_abstain", "1")],
        [Problem(UN, 3, "vote_for", "expected at most 15 votes in all (for + against + abstain)", "13 + 2 + 1")]),
    "fifteen votes": ([(UN, 3, "vote_for", "12"), (UN, 3, "vote_abstain", "1")], []),
    "latitude without longitude": ([(ML, 4, "latitude", "40.0")], [Problem(ML, 4, "longitude", BOTH)]),
    "longitude without latitude": ([(ML, 2, "latitude", "")], [Problem(ML, 2, "latitude", BOTH)]),
    "event id of another date": (
        [(ML, 4, "event_id", "2000-02-02-1"), (ML, 4, "id", "2000-02-02-1-01")],
        [Problem(ML, 4, "event_id", "expected event_id to start with the row's date (2000-02-01)",
                 "2000-02-02-1")]),
    "id of another event": (
        [(ML, 3, "id", "2000-01-01-2-02")],
        [Problem(ML, 3, "id", "expected id to start with its event_id (2000-01-01-1-)", "2000-01-01-2-02")]),
    "id that only shares a prefix with its event": (
        [(ML, 3, "id", "2000-01-01-10-02")],
        [Problem(ML, 3, "id", "expected id to start with its event_id (2000-01-01-1-)", "2000-01-01-10-02")]),
    "one event at two facilities": (
        [(ML, 3, "facility", "Site B")],
        [Problem(ML, 3, "facility", "expected the same facility for every row of event 2000-01-01-1 "
                                    "(line 2 has Site A)", "Site B")]),
    "one event with and without a time": (
        [(ML, 3, "launch_time_utc", ""), (ML, 3, "launch_date_utc", "")],
        [Problem(ML, 3, "launch_time_utc", "expected the same launch_time_utc for every row of event "
                                           "2000-01-01-1 (line 2 has 01:00)")]),
    "one event without and with a time": (
        [(ML, 2, "launch_time_utc", ""), (ML, 2, "launch_date_utc", "")],
        [Problem(ML, 3, "launch_time_utc", "expected the same launch_time_utc for every row of event "
                                           "2000-01-01-1 (line 2 has none)", "01:00")]),
    "one event on two dates": (
        [(ML, 3, "date", "2000-01-02")],
        [Problem(ML, 3, "event_id", "expected event_id to start with the row's date (2000-01-02)", "2000-01-01-1"),
         Problem(ML, 3, "date", "expected the same date for every row of event 2000-01-01-1 (line 2 has "
                                "2000-01-01)", "2000-01-02"),
         Problem(ML, 3, "launch_date_utc", "expected 2000-01-01 01:00 UTC plus nine hours to fall on the date "
                                           "2000-01-02", "2000-01-01")]),
    "incident id of another date": (
        [(IN, 3, "id", "2000-01-06-1")],
        [Problem(IN, 3, "id", "expected id to start with the row's date (2000-01-05)", "2000-01-06-1")]),
    "same date, ids out of order": (
        [(IN, 2, "id", "2000-01-05-2"), (IN, 3, "id", "2000-01-05-1")],
        [Problem(IN, 3, "date", "expected rows sorted by date, then id; this row comes before line 2",
                 "2000-01-05")]),
    "ids in natural order (9 before 10)": ([(IN, 2, "id", "2000-01-05-9"), (IN, 3, "id", "2000-01-05-10")], []),
    "ids out of natural order (10 before 9)": (
        [(IN, 2, "id", "2000-01-05-10"), (IN, 3, "id", "2000-01-05-9")],
        [Problem(IN, 3, "date", "expected rows sorted by date, then id; this row comes before line 2",
                 "2000-01-05")]),
    "one event at two times": (
        [(ML, 3, "launch_time_utc", "01:05")],
        [Problem(ML, 3, "launch_time_utc", "expected the same launch_time_utc for every row of event "
                                           "2000-01-01-1 (line 2 has 01:00)", "01:05")]),
}


@pytest.mark.parametrize("edits, expected", CASES.values(), ids=CASES.keys())
def test_problem(valid_data_dir, edits, expected):
    for file, line, column, value in edits:
        set_cell(valid_data_dir, file, line, column, value)
    assert validate_dir(valid_data_dir, today=TODAY) == expected


# ----------------------------------------------------------------- order of rows


def test_rows_sorted_by_date_only_when_there_is_no_id(valid_data_dir):
    rewrite_csv(valid_data_dir, NT, lambda rows: [rows[0], rows[2], rows[1]])
    assert validate_dir(valid_data_dir, today=TODAY) == [
        Problem(NT, 3, "date", "expected rows sorted by date; this row comes before line 2", "2000-03-01")]


def test_rows_on_one_day_without_an_id_are_in_order(valid_data_dir):
    set_cell(valid_data_dir, UN, 3, "date", "2000-03-10")
    assert validate_dir(valid_data_dir, today=TODAY) == [
        Problem("datapackage.json", None, "unsc_resolutions.last_event_date",
                "last_event_date in datapackage.json is 2000-05-01 but the newest row is 2000-03-10", "2000-05-01")]


# ----------------------------------------------------------------- source links


def test_source_url_rule_without_schema_pattern(valid_data_dir):
    """The http(s) rule holds even if the schema's pattern were dropped."""
    def drop(pkg):
        for f in resource(pkg, "incidents")["schema"]["fields"]:
            if f["name"] == "source_url":
                f["constraints"].pop("pattern")
    edit_package(valid_data_dir, drop)
    set_cell(valid_data_dir, "incidents.csv", 2, "source_url", "www.example.org/x")
    only(validate_dir(valid_data_dir), "incidents.csv", 2, "source_url", "http:// or https://")


def test_a_schema_without_source_url_is_reported():
    frame = pd.DataFrame([["a"]], columns=["id"], dtype=object)
    package = {"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "id"}]}}]}
    assert validate_frames({"t": frame}, package, today=TODAY) == [
        Problem("t.csv", None, "source_url", "expected a source_url field in the schema")]


# ----------------------------------------------------------------- last event date


def test_last_event_date_mismatch(valid_data_dir):
    edit_package(valid_data_dir, lambda pkg: resource(pkg, "summits").update(last_event_date="2000-02-01"))
    assert validate_dir(valid_data_dir) == []
    set_cell(valid_data_dir, "summits.csv", 3, "end_date", "2000-02-03")
    p = only(validate_dir(valid_data_dir), "datapackage.json", None, "summits.last_event_date")
    assert p.message == "last_event_date in datapackage.json is 2000-02-01 but the newest row is 2000-02-03"


def test_last_event_date_null(valid_data_dir):
    edit_package(valid_data_dir, lambda pkg: resource(pkg, "leaders").update(last_event_date=None))
    p = only(validate_dir(valid_data_dir), "datapackage.json", None, "leaders.last_event_date")
    assert "is null but the newest row is 2000-07-01" in p.message


def test_last_event_date_not_a_date(valid_data_dir):
    edit_package(valid_data_dir, lambda pkg: resource(pkg, "leaders").update(last_event_date="July 2000"))
    only(validate_dir(valid_data_dir), "datapackage.json", None, "leaders.last_event_date", "YYYY-MM-DD")


# ----------------------------------------------------------------- claims catalogue and positions


def problems(data_dir, file):
    """The problems the validator reports on one file of ``data_dir``."""
    return [p for p in validate_dir(data_dir) if p.file == file]


def test_the_fixture_tables_are_valid(valid_data_dir):
    assert problems(valid_data_dir, "claims.csv") == [] and problems(valid_data_dir, "positions.csv") == []


def test_an_article_claim_needs_its_place(valid_data_dir):
    set_cell(valid_data_dir, "claims.csv", 2, "locator", "")
    (p,) = problems(valid_data_dir, "claims.csv")
    assert (p.row, p.column) == (2, "locator") and "place in the article" in p.message


def test_a_book_question_has_no_place(valid_data_dir):
    set_cell(valid_data_dir, "claims.csv", 3, "paragraph", "2")
    (p,) = problems(valid_data_dir, "claims.csv")
    assert (p.row, p.column) == (3, "paragraph") and "no place in the article" in p.message


def test_a_merged_id_is_not_a_claim(valid_data_dir):
    set_cell(valid_data_dir, "claims.csv", 2, "merges", "claim_b")
    (p,) = problems(valid_data_dir, "claims.csv")
    assert p.column == "merges" and "claim_b is one" in p.message


def test_a_month_date_is_the_first_of_the_month(valid_data_dir):
    set_cell(valid_data_dir, "positions.csv", 2, "date", "2000-02-03")
    (p,) = problems(valid_data_dir, "positions.csv")
    assert (p.row, p.column, p.value) == (2, "date", "2000-02-03") and "first of the month" in p.message
