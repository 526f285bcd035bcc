"""Every check's whole problem, exactly: file, line, column, message and value.

Each case edits cells of the valid fixture folder (file, 1-based line, column, value)
and lists every problem the validator must then report, in order."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from datafixture import raw_frames, rewrite_csv, set_cell
from usnk.errors import Problem
from usnk.datafolder import validate_dir
from usnk.validate import load_package, validate_frames

TODAY = date(2001, 1, 1)
ML, NT, UN, SU, IN, LE, JI = ("missile_launches.csv", "nuclear_tests.csv", "unsc_resolutions.csv", "summits.csv",
                              "incidents.csv", "leaders.csv", "japan_impacts.csv")
BOTH = "expected latitude and longitude both present or both empty"
LEADER_FIELDS = "country, name, title, party, start_date, end_date, acting, source_url"

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
    "source link by ftp": (
        [(IN, 2, "source_url", "ftp://example.org/x")],
        [Problem(IN, 2, "source_url", "expected a value matching the pattern https?://\\S+", "ftp://example.org/x")]),
    "no source link": ([(IN, 2, "source_url", "")], [Problem(IN, 2, "source_url", "expected a value (required)")]),
    "value outside the enum": (
        [(ML, 4, "missile_class", "icbm")],
        [Problem(ML, 4, "missile_class",
                 "expected one of: SRBM, MRBM, IRBM, ICBM, SLBM, SLV, HGV, cruise, unknown", "icbm")]),
    "value not matching the pattern": (
        [(SU, 2, "id", "Meeting A")],
        [Problem(SU, 2, "id", "expected a value matching the pattern [a-z0-9-]+", "Meeting A")]),
    "above the maximum": (
        [(NT, 2, "latitude", "50.5")], [Problem(NT, 2, "latitude", "expected a value <= 43.5", "50.5")]),
    "at the maximum": ([(NT, 2, "latitude", "43.5")], []),
    "below the minimum": (
        [(NT, 2, "longitude", "122")], [Problem(NT, 2, "longitude", "expected a value >= 123", "122")]),
    "at the minimum": ([(NT, 2, "magnitude_mb", "0")], []),
    "integer above its maximum": (
        [(UN, 3, "vote_for", "16")], [Problem(UN, 3, "vote_for", "expected a value <= 15", "16")]),
    "repeated unique value": (
        [(UN, 3, "resolution", "1")],
        [Problem(UN, 3, "resolution", "expected unique values; same as line 2", "1")]),
    "repeated id is reported once, not also as a repeated key": (
        [(ML, 3, "id", "2000-01-01-1-01")],
        [Problem(ML, 3, "id", "expected unique values; same as line 2", "2000-01-01-1-01")]),
    "missing required value": ([(IN, 3, "event_type", "")], [Problem(IN, 3, "event_type", "expected a value (required)")]),
    "date after today": (
        [(LE, 3, "end_date", "2001-01-02")],
        [Problem(LE, 3, "end_date", "expected a date not after today (2001-01-01)", "2001-01-02")]),
    "date of today": ([(LE, 3, "end_date", "2001-01-01")], []),
    "repeated composite key": (
        [(LE, 3, "country", "US"), (LE, 3, "name", "Person C"), (LE, 3, "start_date", "2000-01-01")],
        [Problem(LE, 3, "country, name, start_date",
                 "expected a unique primary key (country, name, start_date); same as line 2",
                 "US; Person C; 2000-01-01"),
         Problem("datapackage.json", None, "leaders.last_event_date",
                 "last_event_date in datapackage.json is 2000-07-01 but the newest row is 2000-01-01", "2000-07-01")]),
    "launch event that does not exist": (
        [(JI, 2, "event_id", "2000-01-01-9")],
        [Problem(JI, 2, "event_id", "expected a value that exists in missile_launches.csv (event_id)",
                 "2000-01-01-9")]),
    "a bad cell is reported once, not again by the rules": (
        [(SU, 2, "end_date", "2000-01-32")],
        [Problem(SU, 2, "end_date", "expected a real calendar date YYYY-MM-DD", "2000-01-32")]),
}


@pytest.mark.parametrize("edits, expected", CASES.values(), ids=CASES.keys())
def test_problem(valid_data_dir, edits, expected):
    for file, line, column, value in edits:
        set_cell(valid_data_dir, file, line, column, value)
    assert validate_dir(valid_data_dir, today=TODAY) == expected


# ----------------------------------------------------------------- header and whole tables


HEADER_CASES = {
    "missing column": (
        lambda rows: [r[:3] + r[4:] for r in rows],
        [Problem(LE, 1, "party", "expected this column in the header; it is missing")]),
    "extra column": (
        lambda rows: [r + (["notes"] if i == 0 else ["x"]) for i, r in enumerate(rows)],
        [Problem(LE, 1, "notes", "unexpected column; expected only the schema's fields: " + LEADER_FIELDS)]),
    "columns out of order": (
        lambda rows: [[r[1], r[0]] + r[2:] for r in rows],
        [Problem(LE, 1, None, "expected columns in the schema's order: " + LEADER_FIELDS,
                 "name, country, title, party, start_date, end_date, acting, source_url")]),
    "duplicate column": (
        lambda rows: [r + [r[0]] for r in rows],
        [Problem(LE, 1, "country", "expected each column once in the header; duplicate column")]),
    "duplicate and missing column": (
        lambda rows: [r[:3] + [r[0]] + r[4:] for r in rows],
        [Problem(LE, 1, "country", "expected each column once in the header; duplicate column"),
         Problem(LE, 1, "party", "expected this column in the header; it is missing")]),
    "header only, under a package naming a last event": (
        lambda rows: rows[:1],
        [Problem("datapackage.json", None, "leaders.last_event_date",
                 "last_event_date in datapackage.json is 2000-07-01 but leaders.csv has no dated rows; "
                 "expected null", "2000-07-01")]),
}


@pytest.mark.parametrize("transform, expected", HEADER_CASES.values(), ids=HEADER_CASES.keys())
def test_header_problem(valid_data_dir, transform, expected):
    rewrite_csv(valid_data_dir, LE, transform)
    assert validate_dir(valid_data_dir, today=TODAY) == expected


def test_a_table_without_a_resource(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    frames["extra"] = frames["leaders"]
    assert validate_frames(frames, package, today=TODAY) == [
        Problem("extra.csv", None, None, "table 'extra' is not described by a resource in datapackage.json")]


def test_frames_without_line_numbers_count_from_line_2(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    frames["summits"].loc[1, "kind"] = "treaty"
    frames["summits"].attrs["lines"] = [2]  # wrong length: ignored
    assert [(p.file, p.row, p.column) for p in validate_frames(frames, package, today=TODAY)] == [
        ("summits.csv", 3, "kind")]


def test_frames_with_line_numbers_report_them(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    frames["summits"].loc[1, "kind"] = "treaty"
    frames["summits"].attrs["lines"] = [2, 7]
    assert [(p.file, p.row, p.column) for p in validate_frames(frames, package, today=TODAY)] == [
        ("summits.csv", 7, "kind")]


def test_missing_table_read_from_the_folder_reports_its_problems(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    del frames["summits"], frames["leaders"]
    (valid_data_dir / "leaders.csv").unlink()
    set_cell(valid_data_dir, SU, 3, "kind", "treaty")
    assert validate_frames(frames, package, today=TODAY, data_dir=valid_data_dir) == [
        Problem(LE, None, None, "file not found; resource 'leaders' in datapackage.json expects it"),
        Problem(SU, 3, "kind", "expected one of: summit, talks, agreement", "treaty"),
    ]


# ----------------------------------------------------------------- a package of its own


def frame(rows, columns):
    return pd.DataFrame(rows, columns=columns, dtype=object)


COLUMNS = ["id", "kind", "code", "x", "label", "source_url"]
OWN = {"resources": [{"name": "t", "path": "t.csv", "schema": {"primaryKey": "id", "fields": [
    {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True, "minimum": 1, "maximum": 9}},
    {"name": "kind", "type": "integer", "constraints": {"enum": [1, 2]}},
    {"name": "code", "constraints": {"pattern": "[A-Z]{2}", "unique": True}},
    {"name": "x", "type": "number", "constraints": {"minimum": 0.5}},
    {"name": "label", "type": "string", "constraints": {"minimum": 5, "maximum": 1}},
    {"name": "source_url", "constraints": None},
]}}]}


def test_constraints_of_every_type():
    rows = [
        ["1", "1", "AB", "1.5", "abc", "https://a"],
        ["1", "3", "ABC", "", "", "https://a"],
        ["10", "2", "", "abc", "x", "www.example.org"],
        ["0", "", "", "0.25", "", ""],
        ["", "2", "CD", "0.5", "", "http://a"],
    ]
    # column by column, rows in order; repeated values after the column's other checks;
    # two empty codes are not a repeated value; a string's minimum/maximum are ignored
    assert validate_frames({"t": frame(rows, COLUMNS)}, OWN, today=TODAY) == [
        Problem("t.csv", 4, "id", "expected a value <= 9", "10"),
        Problem("t.csv", 5, "id", "expected a value >= 1", "0"),
        Problem("t.csv", 6, "id", "expected a value (required)"),
        Problem("t.csv", 3, "id", "expected unique values; same as line 2", "1"),
        Problem("t.csv", 3, "kind", "expected one of: 1, 2", "3"),
        Problem("t.csv", 3, "code", "expected a value matching the pattern [A-Z]{2}", "ABC"),
        Problem("t.csv", 4, "x", "expected a number", "abc"),
        Problem("t.csv", 5, "x", "expected a value >= 0.5", "0.25"),
        Problem("t.csv", 4, "source_url", "expected a source link starting with http:// or https://",
                "www.example.org"),
        Problem("t.csv", 5, "source_url", "expected a source link starting with http:// or https://"),
    ]


def test_a_schema_without_source_url_is_reported():
    package = {"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "id"}]}}]}
    assert validate_frames({"t": frame([["a"]], ["id"])}, package, today=TODAY) == [
        Problem("t.csv", None, "source_url", "expected a source_url field in the schema")]


def test_a_broken_schema_is_reported_without_breaking_the_checks():
    package = {"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": [
        {"name": "code", "constraints": {"pattern": "("}}, "junk", {"type": "string"},
        {"name": "m", "constraints": ["x"]}, {"name": "n", "type": "integer", "constraints": {"pattern": 5}},
        {"name": "source_url"}]}}]}
    problems = validate_frames({"t": frame([["x", "y", "1", "https://a"]], ["code", "m", "n", "source_url"])},
                               package, today=TODAY)
    assert [(p.file, p.row, p.column, p.message, p.value) for p in problems] == [
        ("datapackage.json", None, "t.code",
         "expected a valid regular expression: missing ), unterminated subpattern at position 0", "("),
        ("datapackage.json", None, "t.schema.fields[1]", "expected a field with a name", None),
        ("datapackage.json", None, "t.schema.fields[2]", "expected a field with a name", None),
        ("datapackage.json", None, "t.m", "expected constraints as an object", ["x"]),
        ("datapackage.json", None, "t.n", "expected a regular expression as a string", 5),
    ]


FK = {"resources": [
    {"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "ref"}, {"name": "source_url"}],
                                               "foreignKeys": [{"fields": "ref", "reference": {
                                                   "resource": "b", "fields": "key"}}]}},
    {"name": "b", "path": "b.csv", "schema": {"fields": [{"name": "key"}, {"name": "source_url"}]}},
    {"name": "c", "path": "c.csv", "schema": {"fields": [{"name": "ref"}, {"name": "source_url"}],
                                               "foreignKeys": [{"fields": ["ref"], "reference": {
                                                   "resource": "gone", "fields": ["key"]}}]}},
]}


def test_foreign_keys_written_as_strings_or_lists():
    frames = {"a": frame([["k1", "https://a"], ["", "https://a"], ["k3", "https://a"]], ["ref", "source_url"]),
              "b": frame([["k1", "https://b"], ["k2", "https://b"]], ["key", "source_url"]),
              "c": frame([["anything", "https://c"]], ["ref", "source_url"])}
    assert validate_frames(frames, FK, today=TODAY) == [
        Problem("a.csv", 4, "ref", "expected a value that exists in b.csv (key)", "k3")]


def test_a_foreign_key_to_a_column_the_file_lacks_is_not_checked():
    frames = {"a": frame([["k3", "https://a"]], ["ref", "source_url"]),
              "b": frame([["https://b"]], ["source_url"]),
              "c": frame([["x", "https://c"]], ["ref", "source_url"])}
    assert validate_frames(frames, FK, today=TODAY) == [
        Problem("b.csv", 1, "key", "expected this column in the header; it is missing")]


def test_rows_sorted_by_date_only_when_there_is_no_id(valid_data_dir):
    rewrite_csv(valid_data_dir, NT, lambda rows: [rows[0], rows[2], rows[1]])
    assert validate_dir(valid_data_dir, today=TODAY) == [
        Problem(NT, 3, "date", "expected rows sorted by date; this row comes before line 2", "2000-03-01")]


def test_rows_on_one_day_without_an_id_are_in_order(valid_data_dir):
    set_cell(valid_data_dir, UN, 3, "date", "2000-03-10")
    assert validate_dir(valid_data_dir, today=TODAY) == [
        Problem("datapackage.json", None, "unsc_resolutions.last_event_date",
                "last_event_date in datapackage.json is 2000-05-01 but the newest row is 2000-03-10", "2000-05-01")]


@pytest.mark.parametrize("file, line, column", [(ML, 4, "date"), (IN, 3, "date")])
def test_an_impossible_date_is_reported_once(valid_data_dir, file, line, column):
    set_cell(valid_data_dir, file, line, column, "2000-02-30")
    problems = validate_dir(valid_data_dir, today=TODAY)
    assert [p for p in problems if p.file == file] == [
        Problem(file, line, column, "expected a real calendar date YYYY-MM-DD", "2000-02-30")]


@pytest.mark.parametrize("drop, expected", [
    (0, [Problem(LE, 1, "country", "expected this column in the header; it is missing")]),
    (7, [Problem(LE, 1, "source_url", "expected this column in the header; it is missing")]),
    (5, [Problem(LE, 1, "end_date", "expected this column in the header; it is missing")]),
])
def test_a_missing_column_stops_only_the_checks_that_need_it(valid_data_dir, drop, expected):
    rewrite_csv(valid_data_dir, LE, lambda rows: [r[:drop] + r[drop + 1:] for r in rows])
    assert validate_dir(valid_data_dir, today=TODAY) == expected


def test_only_the_missing_tables_are_read_from_the_folder(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    del frames["leaders"]
    frames["summits"].loc[1, "kind"] = "treaty"  # given in memory: checked as given, not re-read
    assert validate_frames(frames, package, today=TODAY, data_dir=valid_data_dir) == [
        Problem(SU, 3, "kind", "expected one of: summit, talks, agreement", "treaty")]
