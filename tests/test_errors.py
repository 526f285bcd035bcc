"""A located problem and the error that carries many (usnk/errors.py)."""

from __future__ import annotations

import pytest

from usnk.errors import DataError, Problem


def test_problem_str_and_dataerror():
    p = Problem("a.csv", 3, "date", "expected a date YYYY-MM-DD", "2000/01/01")
    assert str(p) == "a.csv:3: date: expected a date YYYY-MM-DD (2000/01/01)"
    assert str(Problem("datapackage.json", None, None, "not found")) == "datapackage.json: not found"
    assert str(Problem("a.csv", None, "x", "missing")) == "a.csv: x: missing"
    err = DataError([p, Problem("b.csv", 2, "id", "expected unique values")])
    assert err.problems[0] is p
    lines = str(err).splitlines()
    assert lines[1:] == [str(p), "b.csv:2: id: expected unique values"]
    with pytest.raises(Exception):
        p.row = 4  # frozen
