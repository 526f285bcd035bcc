"""The validator's parts on their own: the CSV reader, cell typing and the package's
structure, with exact results."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from usnk.errors import DataError, Problem
from usnk.validate.cells import as_date, cell_text, fmt_num, parse_cell, parse_date
from usnk.validate.csvfile import CsvRecords, read_csv_records, read_csv_text, text_line_of_offset
from usnk.validate.package import (
    check_package,
    load_package,
    package_path,
    read_frames,
    resource_file,
    resources_by_name,
)

F = "t.csv"


# ----------------------------------------------------------------- the CSV reader


def test_rows_keep_the_line_they_start_on():
    records, problems = read_csv_records(b'id,name\r\n1,"a\nb"\r\n2,c\r\n', F)
    assert problems == []
    assert records == CsvRecords(["id", "name"], [["1", "a\nb"], ["2", "c"]], [2, 4], True)


def test_byte_order_mark_is_not_part_of_the_header():
    records, _ = read_csv_records(b"\xef\xbb\xbfid,name\n1,a", F)
    assert records.header == ["id", "name"] and records.rows == [["1", "a"]]


def test_header_only():
    assert read_csv_records(b"id,name\n", F) == (CsvRecords(["id", "name"]), [])


def test_blank_and_ragged_rows_are_reported_and_left_out():
    records, problems = read_csv_records(b"id,name\n1,a\n\n2,b,x\n3\n4,d\n", F)
    assert problems == [
        Problem(F, 3, None, "blank row; expected 2 fields"),
        Problem(F, 4, None, "expected 2 fields as in the header, found 3"),
        Problem(F, 5, None, "expected 2 fields as in the header, found 1"),
    ]
    assert records.rows == [["1", "a"], ["4", "d"]] and records.lines == [2, 6]
    assert records.complete is True


def test_blank_rows_can_be_skipped_without_a_problem():
    """``skip_blank`` leaves out empty and whitespace-only rows of any width; ragged
    rows with text are still reported."""
    records, problems = read_csv_records(b"id,name\n1,a\n\n , \n \n,,,\n2,b,x\n3,c\n", F, skip_blank=True)
    assert problems == [Problem(F, 7, None, "expected 2 fields as in the header, found 3")]
    assert records.rows == [["1", "a"], ["3", "c"]] and records.lines == [2, 8]


def test_unclosed_quote_is_reported_where_it_opens():
    records, problems = read_csv_records(b'id,name\n1,a\n2,"b\n3,c\n4,d\n', F)
    assert problems == [Problem(F, 3, None, "expected valid CSV: unexpected end of data "
                                            "(a quote opened on this line is never closed)")]
    assert records.rows == [["1", "a"]] and records.complete is False


def test_stray_quote_inside_a_field():
    records, problems = read_csv_records(b'id,name\n1,a\n2,"b"x\n', F)
    assert problems == [Problem(F, 3, None, "expected valid CSV: ',' expected after '\"'")]
    assert records.rows == [["1", "a"]] and records.complete is False


def test_broken_header_gives_no_records():
    assert read_csv_records(b'"id,name\n1,a\n', F) == (None, [Problem(
        F, 1, None, "expected valid CSV: unexpected end of data (a quote opened on this line is never closed)")])


def test_not_utf8():
    assert read_csv_records(b"id\n1\n\xff\xfeab\n", F) == (None, [Problem(
        F, 3, None, "expected UTF-8 text (is this a CSV file?)", "ff fe 61 62")])


@pytest.mark.parametrize("data", [b"id\n1\n2\x00\n", b"\nid\n\x00"])
def test_nul_byte(data):
    assert read_csv_records(data, F) == (None, [Problem(
        F, 3, None, "expected text, found a NUL byte (is this a CSV file?)")])


@pytest.mark.parametrize("data", [b"", b" \n\r\n", b"\xef\xbb\xbf"])
def test_empty(data):
    assert read_csv_records(data, F) == (None, [Problem(F, None, None, "file is empty; expected a header row")])


def test_frame_of_strings_with_lines():
    frame, problems = read_csv_text(b'a,b,a\n1,,x\n\n2,"y\nz",w\n', F)
    assert problems == [Problem(F, 3, None, "blank row; expected 3 fields")]
    assert list(frame.columns) == ["a", "b", "a"]
    assert frame.values.tolist() == [["1", "", "x"], ["2", "y\nz", "w"]]
    assert frame.attrs == {"lines": [2, 4], "complete": True}
    assert frame.dtypes.tolist() == [object] * 3  # raw cells stay Python strings


def test_frame_of_unreadable_text_is_none():
    assert read_csv_text(b"", F) == (None, [Problem(F, None, None, "file is empty; expected a header row")])


def test_frame_of_header_only_has_columns_and_no_rows():
    frame, problems = read_csv_text(b"a,b\n", F)
    assert problems == [] and list(frame.columns) == ["a", "b"] and len(frame) == 0


@pytest.mark.parametrize("data, offset, line", [
    (b"ab\nc\nd", 0, 1), (b"ab\nc\nd", 2, 1), (b"ab\nc\nd", 3, 2), (b"ab\nc\nd", 4, 2), (b"ab\nc\nd", 5, 3),
    (b"\nx", 1, 2), (b"\r\n\r\nx", 4, 3),
])
def test_text_line_of_offset(data, offset, line):
    assert text_line_of_offset(data, offset) == line


# ----------------------------------------------------------------- cells


@pytest.mark.parametrize("text, ftype, expected", [
    ("x y", "string", ("x y", None)),
    ("12", "integer", (12, None)),
    ("+3", "integer", (3, None)),
    ("-40", "integer", (-40, None)),
    ("1.0", "integer", (None, "expected an integer")),
    ("1 2", "integer", (None, "expected an integer")),
    ("12a", "integer", (None, "expected an integer")),
    ("1.5", "number", (1.5, None)),
    ("-2", "number", (-2.0, None)),
    (".5", "number", (0.5, None)),
    ("5.", "number", (5.0, None)),
    ("1e3", "number", (1000.0, None)),
    ("2.5E-1", "number", (0.25, None)),
    ("1e999", "number", (None, "expected a number")),
    ("inf", "number", (None, "expected a number")),
    ("nan", "number", (None, "expected a number")),
    ("1,5", "number", (None, "expected a number")),
    ("e3", "number", (None, "expected a number")),
    ("true", "boolean", (True, None)),
    ("false", "boolean", (False, None)),
    ("True", "boolean", (None, "expected true or false")),
    ("1", "boolean", (None, "expected true or false")),
    ("2024-02-29", "date", (date(2024, 2, 29), None)),
    ("2023-02-29", "date", (None, "expected a real calendar date YYYY-MM-DD")),
    ("2023-13-01", "date", (None, "expected a real calendar date YYYY-MM-DD")),
    ("2023-2-01", "date", (None, "expected a date YYYY-MM-DD")),
    ("2023-02", "date", (None, "expected a date YYYY-MM-DD")),
    ("2023", "date", (None, "expected a date YYYY-MM-DD")),
    ("20230201", "date", (None, "expected a date YYYY-MM-DD")),
    ("2023-02-01T00:00", "date", (None, "expected a date YYYY-MM-DD")),
    ("anything", "geopoint", ("anything", None)),
])
def test_parse_cell(text, ftype, expected):
    value, error = parse_cell(text, ftype)
    assert (value, error) == expected
    assert type(value) is type(expected[0])


@pytest.mark.parametrize("text, expected", [
    ("2020-01-31", date(2020, 1, 31)), ("2020-02-30", None), (" 2020-01-31", None), ("2020-01-31 ", None),
    ("2020/01/31", None), ("", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("value, expected", [
    (pd.Timestamp("2020-01-02 13:00"), date(2020, 1, 2)), (pd.NaT, None), (None, None),
    (date(2020, 1, 3), date(2020, 1, 3)), ("2020-01-04", date(2020, 1, 4)), ("2020-01", None),
    (20200105, None), (float("nan"), None),
])
def test_as_date(value, expected):
    got = as_date(value)
    assert got == expected and (expected is None or type(got) is date)


def test_as_date_keeps_a_datetime_as_given():
    assert as_date(datetime(2020, 1, 2, 3)) == datetime(2020, 1, 2, 3)


@pytest.mark.parametrize("value, expected", [
    (None, ""), (math.nan, ""), (pd.NA, ""), (pd.NaT, ""), ("", ""), ("a", "a"), (5, "5"), (2.5, "2.5"),
])
def test_cell_text(value, expected):
    assert cell_text(value) == expected


@pytest.mark.parametrize("value, expected", [(5.0, "5"), (2.5, "2.5"), (7, "7"), (1e-7, "1e-07"), (date(2000, 1, 2), "2000-01-02")])
def test_fmt_num(value, expected):
    assert fmt_num(value) == expected


# ----------------------------------------------------------------- the package


def resource(name="a", path="a.csv", fields=None, **extra):
    return {"name": name, "path": path, "schema": {"fields": fields or [{"name": "x"}], **extra.pop("schema", {})},
            **extra}


def where(problems):
    return [(p.file, p.row, p.column, p.message, p.value) for p in problems]


def test_clean_package_has_no_problems():
    assert check_package({"resources": [
        resource(fields=[{"name": "x", "type": "integer", "constraints": {"pattern": "[0-9]+"}}],
                 schema={"primaryKey": ["x"]}, last_event_date="2020-01-01"),
        resource("b", "b.csv", last_event_date=None),
    ]}) == []


@pytest.mark.parametrize("package", [{}, {"resources": []}, {"resources": {"a": {}}}, {"resources": None}])
def test_package_without_resources(package):
    assert where(check_package(package)) == [
        ("datapackage.json", None, "resources", "expected a non-empty list of resources", None)]


def test_every_structural_problem_is_named():
    problems = check_package({"resources": [
        "not an object",
        {"path": "nameless.csv", "schema": {"fields": [{"name": "x"}]}},
        resource("a", "a.txt", last_event_date="2020-13-01", fields=[
            {"name": "x", "type": "datetime"}, {"name": "x"}, {"type": "string"}, "y",
            {"name": "p", "constraints": {"pattern": "("}}], schema={"primaryKey": ["x", "nope"]}),
        resource("a", "sub/a.csv", last_event_date=20200101),
        resource("c", "c\\d.csv"),
        {"name": "d", "path": "d.csv", "schema": {"fields": []}},
        {"name": "e", "path": "e.csv"},
        resource("f", "f.csv", fields=[{"name": "x"}, {"name": "x"}]),
    ]})
    assert where(problems) == [
        ("datapackage.json", None, "resources[0]", "expected an object", None),
        ("datapackage.json", None, "resources[1].name", "expected a resource name", None),
        ("datapackage.json", None, "a.path", "expected a CSV file name in the data folder", "a.txt"),
        ("datapackage.json", None, "a.last_event_date", "expected null or a date YYYY-MM-DD", "2020-13-01"),
        ("datapackage.json", None, "a.x", "expected a type among string, integer, number, boolean, date",
         "datetime"),
        ("datapackage.json", None, "a.schema.fields[2]", "expected a field with a name", None),
        ("datapackage.json", None, "a.schema.fields[3]", "expected a field with a name", None),
        ("datapackage.json", None, "a.p", "expected a valid regular expression: missing ), unterminated "
         "subpattern at position 0", "("),
        ("datapackage.json", None, "a.schema.fields", "expected unique field names", None),
        ("datapackage.json", None, "a.schema.primaryKey", "expected primary key fields to be schema fields",
         "nope"),
        ("datapackage.json", None, "resources[3].name", "expected unique resource names", "a"),
        ("datapackage.json", None, "resources[3].path", "expected a CSV file name in the data folder",
         "sub/a.csv"),
        ("datapackage.json", None, "resources[3].last_event_date", "expected null or a date YYYY-MM-DD",
         20200101),
        ("datapackage.json", None, "c.path", "expected a CSV file name in the data folder", "c\\d.csv"),
        ("datapackage.json", None, "d.schema.fields", "expected a non-empty list of fields", None),
        ("datapackage.json", None, "e.schema.fields", "expected a non-empty list of fields", None),
        ("datapackage.json", None, "f.schema.fields", "expected unique field names", None),
    ]


@pytest.mark.parametrize("name", ["", 5])
def test_field_without_a_usable_name(name):
    assert where(check_package({"resources": [resource(fields=[{"name": name}, {"name": "x"}])]})) == [
        ("datapackage.json", None, "a.schema.fields[0]", "expected a field with a name", None)]


@pytest.mark.parametrize("name", ["", 3, None])
def test_resource_without_a_usable_name(name):
    assert where(check_package({"resources": [{"name": name, "path": "a.csv", "schema": {"fields": [{"name": "x"}]}}]})) == [
        ("datapackage.json", None, "resources[0].name", "expected a resource name", None)]


def test_resource_without_a_path():
    assert where(check_package({"resources": [resource(path=None)]})) == [
        ("datapackage.json", None, "a.path", "expected a CSV file name in the data folder", None)]


def test_resources_by_name_keeps_the_first_well_formed_one():
    first, second = resource("a", "one.csv"), resource("a", "two.csv")
    got = resources_by_name({"resources": [
        "x", {"name": 3, "schema": {"fields": []}}, {"name": "b"}, {"name": "c", "schema": {"fields": {}}},
        {"name": "d", "schema": []}, first, second, resource("e")]})
    assert got == {"a": first, "e": resource("e")}
    assert resources_by_name({}) == {} and resources_by_name({"resources": None}) == {}


@pytest.mark.parametrize("res, expected", [
    ({"name": "a", "path": "b.csv"}, "b.csv"), ({"name": "a", "path": ""}, "a.csv"), ({"name": "a"}, "a.csv"),
    ({"name": "a", "path": 5}, "a.csv"),
])
def test_resource_file(res, expected):
    assert resource_file(res) == expected


def test_package_path_is_in_the_folder_given_never_the_environment(tmp_path, monkeypatch):
    # validation takes its folder from the caller; only the edge reads $USNK_DATA_DIR
    monkeypatch.setenv("USNK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert package_path(tmp_path / "x") == tmp_path / "x" / "datapackage.json"
    with pytest.raises(TypeError):
        package_path()


@pytest.mark.parametrize("content, expected", [
    (b'{"resources": []}', {"resources": []}),
    (b"\xef\xbb\xbf{}", None),  # a byte-order mark is not JSON
    (b'{\n"a": 1,\n"b": \xff}', ("datapackage.json", 3, None, "expected UTF-8 text", None)),
    (b'{\n"a": 1,\n}', ("datapackage.json", 3, None, "expected valid JSON: Expecting property name "
                                                       "enclosed in double quotes", None)),
    (b"[1]", ("datapackage.json", None, None, "expected a JSON object at the top level", None)),
])
def test_load_package(tmp_path, content, expected):
    (tmp_path / "datapackage.json").write_bytes(content)
    if isinstance(expected, dict):
        assert load_package(tmp_path) == expected
        return
    with pytest.raises(DataError) as info:
        load_package(tmp_path)
    if expected is not None:
        assert where(info.value.problems) == [expected]


def test_load_package_missing_and_unreadable(tmp_path):
    with pytest.raises(DataError) as info:
        load_package(tmp_path)
    assert where(info.value.problems) == [
        ("datapackage.json", None, None, f"file not found in {tmp_path}", None)]
    (tmp_path / "datapackage.json").mkdir()
    with pytest.raises(DataError) as info:
        load_package(tmp_path)
    assert where(info.value.problems) == [
        ("datapackage.json", None, None, "cannot be read: Is a directory", None)]


def test_read_frames_reads_the_package_when_not_given(tmp_path):
    (tmp_path / "datapackage.json").write_text(
        '{"resources": [{"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "x"}]}},'
        ' {"name": "b", "path": "b.csv", "schema": {"fields": [{"name": "x"}]}},'
        ' {"name": "c", "path": "c.csv", "schema": {"fields": [{"name": "x"}]}}]}', encoding="utf-8")
    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    (tmp_path / "c.csv").mkdir()
    frames, problems = read_frames(tmp_path)
    assert list(frames) == ["a"] and frames["a"]["x"].tolist() == ["1"]
    assert where(problems) == [
        ("b.csv", None, None, "file not found; resource 'b' in datapackage.json expects it", None),
        ("c.csv", None, None, "cannot be read: Is a directory", None),
    ]
