"""Typing one cell (usnk/validate/cells.py): text to integer, number, boolean or date,
and values back to text, with exact results."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from usnk.validate.cells import as_date, cell_text, fmt_num, parse_cell, parse_date


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
