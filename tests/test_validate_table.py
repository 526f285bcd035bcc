"""One table against its schema (usnk/validate/table.py): the header, each cell's type
and constraints, the primary key and the foreign keys, with the exact problems."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from datafixture import only, rewrite_csv, set_cell
from usnk.datafolder import validate_dir
from usnk.errors import Problem
from usnk.validate import validate_frames

TODAY = date(2001, 1, 1)
ML, NT, UN, SU, IN, LE, JI = ("missile_launches.csv", "nuclear_tests.csv", "unsc_resolutions.csv", "summits.csv",
                              "incidents.csv", "leaders.csv", "japan_impacts.csv")
LEADER_FIELDS = "country, name, title, party, start_date, end_date, acting, source_url"


# ----------------------------------------------------------------- cells, keys and links of the fixture folder


CASES = {
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
    "a value that only starts like the pattern": (
        [(ML, 4, "launch_time_utc", "01:005")],
        [Problem(ML, 4, "launch_time_utc", "expected a value matching the pattern ([01]\\d|2[0-3]):[0-5]\\d",
                 "01:005"),
         Problem(ML, 4, "launch_date_utc", "expected launch_date_utc exactly when launch_time_utc is given")]),
    "below a minimum of zero": (
        [(NT, 2, "magnitude_mb", "-1")], [Problem(NT, 2, "magnitude_mb", "expected a value >= 0", "-1")]),
    "parts of a composite key repeated, the key not": ([(LE, 3, "country", "US"), (LE, 3, "name", "Person C")], []),
}


@pytest.mark.parametrize("edits, expected", CASES.values(), ids=CASES.keys())
def test_problem(valid_data_dir, edits, expected):
    for file, line, column, value in edits:
        set_cell(valid_data_dir, file, line, column, value)
    assert validate_dir(valid_data_dir, today=TODAY) == expected


@pytest.mark.parametrize("file,line,column,value,expected", [
    ("nuclear_tests.csv", 3, "test_number", "2.0", "expected an integer"),
    ("missile_launches.csv", 2, "latitude", "39,0", "expected a number"),
    ("missile_launches.csv", 3, "apogee_km", "NaN", "expected a number"),
    ("incidents.csv", 2, "touched_south", "True", "expected true or false"),
    ("summits.csv", 2, "date", "10/01/2000", "expected a date YYYY-MM-DD"),
    ("summits.csv", 3, "end_date", "2000-02-30", "expected a real calendar date"),
    ("leaders.csv", 2, "start_date", "2000-1-01", "expected a date YYYY-MM-DD"),
])
def test_types(valid_data_dir, file, line, column, value, expected):
    set_cell(valid_data_dir, file, line, column, value)
    p = only(validate_dir(valid_data_dir), file, line, column, expected)
    assert p.value == value


def test_future_date(valid_data_dir):
    problems = validate_dir(valid_data_dir, today=date(2000, 6, 1))
    # summits breakdown 2000-06-01 is today: allowed; leaders start 2000-07-01 is future
    only(problems, "leaders.csv", 3, "start_date", "not after today", "2000-06-01")
    assert not [p for p in problems if p.file == "summits.csv"]


def test_future_date_default_today(valid_data_dir):
    set_cell(valid_data_dir, "leaders.csv", 3, "end_date", "2999-01-01")
    only(validate_dir(valid_data_dir), "leaders.csv", 3, "end_date", "not after today")


@pytest.mark.parametrize("file, line, column", [(ML, 4, "date"), (IN, 3, "date")])
def test_an_impossible_date_is_reported_once(valid_data_dir, file, line, column):
    set_cell(valid_data_dir, file, line, column, "2000-02-30")
    problems = validate_dir(valid_data_dir, today=TODAY)
    assert [p for p in problems if p.file == file] == [
        Problem(file, line, column, "expected a real calendar date YYYY-MM-DD", "2000-02-30")]


# ----------------------------------------------------------------- header


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


@pytest.mark.parametrize("drop, expected", [
    (0, [Problem(LE, 1, "country", "expected this column in the header; it is missing")]),
    (7, [Problem(LE, 1, "source_url", "expected this column in the header; it is missing")]),
    (5, [Problem(LE, 1, "end_date", "expected this column in the header; it is missing")]),
])
def test_a_missing_column_stops_only_the_checks_that_need_it(valid_data_dir, drop, expected):
    rewrite_csv(valid_data_dir, LE, lambda rows: [r[:drop] + r[drop + 1:] for r in rows])
    assert validate_dir(valid_data_dir, today=TODAY) == expected


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
