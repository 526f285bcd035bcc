"""Checks of one table against its resource's schema: the header, every cell's type
and constraints, the primary key and foreign keys.

A :class:`Table` holds one resource's raw cells, their parsed values and the
problems found so far; each cell is reported at most once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

import pandas as pd

from usnk.errors import Problem
from usnk.validate.cells import cell_text, fmt_num, parse_cell
from usnk.validate.package import resource_file


class Table:
    """One resource's parsed cells and the cells already found bad."""

    def __init__(self, name: str, res: Mapping, frame: pd.DataFrame):
        self.name = name
        self.res = res
        self.file = resource_file(res)
        self.fields = {f["name"]: f for f in res["schema"]["fields"] if isinstance(f, dict) and "name" in f}
        lines = frame.attrs.get("lines")
        if not isinstance(lines, list) or len(lines) != len(frame):
            lines = [i + 2 for i in range(len(frame))]
        self.lines: list[int] = lines
        self.n = len(frame)
        self.complete: bool = frame.attrs.get("complete", True)
        self.raw: dict[str, list[str]] = {}
        for pos, col in enumerate(frame.columns):  # by position: a column may be duplicated
            if col in self.fields and col not in self.raw:
                self.raw[col] = [cell_text(v) for v in frame.iloc[:, pos].tolist()]
        self.values: dict[str, list] = {}
        self.bad: set[tuple[int, str]] = set()
        self.problems: list[Problem] = []

    def problem(self, i: int, column: str, message: str, value=None) -> None:
        """Report the cell of row ``i`` (0-based) and ``column``, unless it is already reported."""
        if (i, column) in self.bad:
            return
        self.bad.add((i, column))
        self.problems.append(Problem(self.file, self.lines[i], column, message, value))

    def has(self, *cols: str) -> bool:
        return all(c in self.values for c in cols)

    def get(self, i: int, col: str):
        return self.values[col][i] if col in self.values else None


def check_header(t: Table, frame: pd.DataFrame) -> None:
    expected = list(t.fields)
    actual = [str(c) for c in frame.columns]
    if actual == expected:
        return
    seen = set()
    for col in actual:
        if col in seen:
            t.problems.append(Problem(t.file, 1, col, "expected each column once in the header; duplicate column"))
        seen.add(col)
    for col in expected:
        if col not in actual:
            t.problems.append(Problem(t.file, 1, col, "expected this column in the header; it is missing"))
    for col in actual:
        if col not in t.fields:
            t.problems.append(Problem(t.file, 1, col, "unexpected column; expected only the schema's fields: "
                                      + ", ".join(expected)))
    present = [c for c in actual if c in t.fields]
    if present == [c for c in expected if c in present] or len(set(present)) != len(present):
        return
    t.problems.append(Problem(t.file, 1, None, "expected columns in the schema's order: " + ", ".join(expected),
                              ", ".join(actual)))


def _compile(pattern) -> re.Pattern | None:
    if not isinstance(pattern, str):
        return None
    try:
        return re.compile(pattern)
    except re.error:
        return None  # reported by check_package


def check_cells(t: Table, today: date) -> None:
    for col, field in t.fields.items():
        if col not in t.raw:
            continue
        ftype = field.get("type", "string")
        cons = field.get("constraints")
        cons = cons if isinstance(cons, dict) else {}  # anything else is reported by check_package
        required = bool(cons.get("required"))
        enum = cons.get("enum")
        pattern = _compile(cons.get("pattern"))
        minimum, maximum = cons.get("minimum"), cons.get("maximum")
        values: list = []
        for i, text in enumerate(t.raw[col]):
            if text == "":
                values.append(None)
                if required:
                    t.problem(i, col, "expected a value (required)")
                continue
            value, error = parse_cell(text, ftype)
            if error:
                values.append(None)
                t.problem(i, col, error, text)
                continue
            if enum is not None and text not in [str(e) for e in enum]:
                t.problem(i, col, "expected one of: " + ", ".join(str(e) for e in enum), text)
            elif pattern is not None and not pattern.fullmatch(text):
                t.problem(i, col, f"expected a value matching the pattern {pattern.pattern}", text)
            elif minimum is not None and ftype in ("integer", "number") and value < minimum:
                t.problem(i, col, f"expected a value >= {fmt_num(minimum)}", text)
            elif maximum is not None and ftype in ("integer", "number") and value > maximum:
                t.problem(i, col, f"expected a value <= {fmt_num(maximum)}", text)
            elif ftype == "date" and value > today:
                t.problem(i, col, f"expected a date not after today ({today.isoformat()})", text)
            values.append(value)
        t.values[col] = values
        if cons.get("unique"):
            first: dict = {}
            for i, value in enumerate(values):
                if value is None:
                    continue
                if value in first:
                    t.problem(i, col, f"expected unique values; same as line {t.lines[first[value]]}",
                              t.raw[col][i])
                else:
                    first[value] = i


def check_primary_key(t: Table) -> None:
    key = t.res["schema"].get("primaryKey") or []
    if isinstance(key, str):
        key = [key]
    if not key or not all(k in t.raw for k in key):
        return
    label = key[0] if len(key) == 1 else ", ".join(key)
    first: dict = {}
    for i in range(t.n):
        k = tuple(t.raw[c][i] for c in key)
        if k in first:
            if len(key) == 1 and (i, key[0]) in t.bad:
                continue
            t.problems.append(Problem(t.file, t.lines[i], label,
                                      f"expected a unique primary key ({label}); same as line {t.lines[first[k]]}",
                                      "; ".join(k)))
        else:
            first[k] = i



def check_foreign_keys(t: Table, tables: Mapping[str, Table]) -> None:
    """Frictionless ``foreignKeys``: every non-empty value of ``fields`` must appear in
    the referenced resource's ``fields`` (single-field keys, as this package uses)."""
    for fk in t.res["schema"].get("foreignKeys", []) or []:
        field = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        ref = fk["reference"]
        ref_field = ref["fields"] if isinstance(ref["fields"], str) else ref["fields"][0]
        target = tables.get(ref["resource"])
        if target is None or field not in t.raw or ref_field not in target.raw:
            continue
        known = set(target.raw[ref_field])
        for i, value in enumerate(t.raw[field]):
            if value and value not in known:
                t.problem(i, field, f"expected a value that exists in {target.file} ({ref_field})", value)


