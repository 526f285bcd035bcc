"""Check the data tables against ``datapackage.json`` and the project's rules.

Nothing here raises for bad data: every check returns :class:`~usnk.errors.Problem`
objects naming the file, the 1-based line (header = line 1), the column, what was
expected and the offending value.

Checks, in the order they run:

* ``datapackage.json`` is present, valid JSON, and describes each resource with a
  name, a path and a schema whose fields have known types;
* every resource's CSV file exists, every CSV in the data folder is described by a
  resource, and each file is readable UTF-8 CSV without ragged or blank rows;
* the header equals the schema's field names, in order;
* every cell has the field's type (``string``, ``integer``, ``number``, ``boolean``
  written ``true``/``false``, ``date`` as a real calendar date ``YYYY-MM-DD``) and
  meets its constraints (``required``, ``enum``, ``pattern`` as a full match,
  ``minimum``/``maximum``, ``unique``); the primary key is unique; no date lies in
  the future;
* the cross-field and cross-row rules in :data:`RULES` (sources, date order within
  a row, vetoes, coordinates, missile event ids, row order);
* each resource's ``last_event_date`` equals the newest event date in its table.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd

from usnk import paths
from usnk.importers import ledger as launch_rules
from usnk.errors import DataError, Problem

PACKAGE_FILE = "datapackage.json"

FIELD_TYPES = ("string", "integer", "number", "boolean", "date")

EVENT_DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "missile_launches": ("date",),
    "nuclear_tests": ("date",),
    "incidents": ("date",),
    "unsc_resolutions": ("date",),
    "summits": ("date", "end_date"),
    "leaders": ("start_date",),
}
"""Which date fields of each table count as its event dates (for freshness)."""

_INTEGER_RE = re.compile(r"[+-]?\d+")
_NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --------------------------------------------------------------------------- package


def load_package(data_dir: str | os.PathLike | None = None) -> dict:
    """Read ``datapackage.json`` from the data folder.

    Raises :class:`DataError` (with a located problem) if it is missing, not
    UTF-8, not valid JSON or not a JSON object.
    """
    path = paths.data_dir(data_dir) / PACKAGE_FILE
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataError([Problem(PACKAGE_FILE, None, None, f"file not found in {path.parent}")])
    except OSError as exc:
        raise DataError([Problem(PACKAGE_FILE, None, None, f"cannot be read: {exc.strerror or exc}")])
    except UnicodeDecodeError as exc:
        line = text_line_of_offset(path.read_bytes(), exc.start)
        raise DataError([Problem(PACKAGE_FILE, line, None, "expected UTF-8 text")])
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(PACKAGE_FILE, exc.lineno, None, f"expected valid JSON: {exc.msg}")])
    if not isinstance(package, dict):
        raise DataError([Problem(PACKAGE_FILE, None, None, "expected a JSON object at the top level")])
    return package


def text_line_of_offset(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


def check_package(package: Mapping) -> list[Problem]:
    """Structural problems in the package descriptor itself."""
    problems: list[Problem] = []

    def bad(column: str, message: str, value=None) -> None:
        problems.append(Problem(PACKAGE_FILE, None, column, message, value))

    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        bad("resources", "expected a non-empty list of resources")
        return problems
    names: set[str] = set()
    for i, res in enumerate(resources):
        where = f"resources[{i}]"
        if not isinstance(res, dict):
            bad(where, "expected an object")
            continue
        name = res.get("name")
        if not isinstance(name, str) or not name:
            bad(f"{where}.name", "expected a resource name")
        elif name in names:
            bad(f"{where}.name", "expected unique resource names", name)
        else:
            names.add(name)
            where = name
        p = res.get("path")
        if not isinstance(p, str) or not p.endswith(".csv") or "/" in p or "\\" in p:
            bad(f"{where}.path", "expected a CSV file name in the data folder", p)
        if "last_event_date" in res:
            led = res["last_event_date"]
            if led is not None and (not isinstance(led, str) or _parse_date(led) is None):
                bad(f"{where}.last_event_date", "expected null or a date YYYY-MM-DD", led)
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields:
            bad(f"{where}.schema.fields", "expected a non-empty list of fields")
            continue
        fnames = []
        for j, field in enumerate(fields):
            fname = field.get("name") if isinstance(field, dict) else None
            if not isinstance(fname, str) or not fname:
                bad(f"{where}.schema.fields[{j}]", "expected a field with a name")
                continue
            fnames.append(fname)
            ftype = field.get("type", "string")
            if ftype not in FIELD_TYPES:
                bad(f"{where}.{fname}", f"expected a type among {', '.join(FIELD_TYPES)}", ftype)
            pattern = field.get("constraints", {}).get("pattern")
            if pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    bad(f"{where}.{fname}", f"expected a valid regular expression: {exc}", pattern)
        if len(set(fnames)) != len(fnames):
            bad(f"{where}.schema.fields", "expected unique field names")
        for key in schema.get("primaryKey", []) or []:
            if key not in fnames:
                bad(f"{where}.schema.primaryKey", "expected primary key fields to be schema fields", key)
    return problems


def resources_by_name(package: Mapping) -> dict[str, dict]:
    """The package's well-formed resources, keyed by name."""
    out = {}
    for res in package.get("resources", []) or []:
        if (
            isinstance(res, dict)
            and isinstance(res.get("name"), str)
            and isinstance(res.get("schema"), dict)
            and isinstance(res["schema"].get("fields"), list)
        ):
            out.setdefault(res["name"], res)
    return out


def resource_file(res: Mapping) -> str:
    """The file name a resource's problems are reported under."""
    p = res.get("path")
    return p if isinstance(p, str) and p else f"{res.get('name')}.csv"


# --------------------------------------------------------------------------- reading


def read_csv_text(data: bytes, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse CSV bytes into a frame of raw strings, reporting unreadable content.

    Returns the frame (``None`` if not even a header could be read) and the problems.
    Ragged and blank rows are reported and left out of the frame; the file line of
    each kept row is stored in ``frame.attrs["lines"]``.
    """
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = text_line_of_offset(data, exc.start)
        return None, [Problem(file, line, None, "expected UTF-8 text (is this a CSV file?)",
                              data[exc.start:exc.start + 4].hex(" "))]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(file, line, None, "expected text, found a NUL byte (is this a CSV file?)")]
    if not text.strip():
        return None, [Problem(file, None, None, "file is empty; expected a header row")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    start = 1
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            if header is None:
                header = record
                continue
            if not record:
                problems.append(Problem(file, line, None, f"blank row; expected {len(header)} fields"))
                continue
            if len(record) != len(header):
                problems.append(Problem(
                    file, line, None,
                    f"expected {len(header)} fields as in the header, found {len(record)}"))
                continue
            rows.append(record)
            lines.append(line)
    except csv.Error as exc:
        problems.append(Problem(file, reader.line_num or start, None, f"expected valid CSV: {exc}"))
        if header is None:
            return None, problems
    if header is None:
        return None, problems + [Problem(file, None, None, "expected a header row")]
    frame = pd.DataFrame(rows, columns=range(len(header)), dtype=object)
    frame.columns = header
    frame.attrs["lines"] = lines
    return frame, problems


def read_frames(data_dir: str | os.PathLike | None = None, package: Mapping | None = None
                ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read every resource's CSV as raw strings; problems for missing/unreadable files."""
    ddir = paths.data_dir(data_dir)
    if package is None:
        package = load_package(ddir)
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, res in resources_by_name(package).items():
        file = resource_file(res)
        path = ddir / file
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            problems.append(Problem(file, None, None,
                                    f"file not found; resource {name!r} in {PACKAGE_FILE} expects it"))
            continue
        except OSError as exc:
            problems.append(Problem(file, None, None, f"cannot be read: {exc.strerror or exc}"))
            continue
        frame, found = read_csv_text(data, file)
        problems.extend(found)
        if frame is not None:
            frames[name] = frame
    return frames, problems


# --------------------------------------------------------------------------- cells


def _parse_date(text: str) -> date | None:
    if not _DATE_RE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_cell(text: str, ftype: str) -> tuple[object, str | None]:
    """Parse one non-empty cell; returns (value, None) or (None, what was expected)."""
    if ftype == "string":
        return text, None
    if ftype == "integer":
        if _INTEGER_RE.fullmatch(text):
            return int(text), None
        return None, "expected an integer"
    if ftype == "number":
        if _NUMBER_RE.fullmatch(text):
            value = float(text)
            if math.isfinite(value):
                return value, None
        return None, "expected a number"
    if ftype == "boolean":
        if text in ("true", "false"):
            return text == "true", None
        return None, "expected true or false"
    if ftype == "date":
        if not _DATE_RE.fullmatch(text):
            return None, "expected a date YYYY-MM-DD"
        parsed = _parse_date(text)
        if parsed is None:
            return None, "expected a real calendar date YYYY-MM-DD"
        return parsed, None
    return text, None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


class _Table:
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
        self.raw: dict[str, list[str]] = {}
        for col in frame.columns:
            if col in self.fields and col not in self.raw:
                self.raw[col] = [_cell_text(v) for v in frame[col].tolist()]
        self.values: dict[str, list] = {}
        self.bad: set[tuple[int, str]] = set()
        self.problems: list[Problem] = []

    def problem(self, i: int | None, column: str | None, message: str, value=None) -> None:
        line = None if i is None else self.lines[i]
        if i is not None and column is not None:
            if (i, column) in self.bad:
                return
            self.bad.add((i, column))
        self.problems.append(Problem(self.file, line, column, message, value))

    def has(self, *cols: str) -> bool:
        return all(c in self.values for c in cols)

    def get(self, i: int, col: str):
        return self.values[col][i] if col in self.values else None


def _check_header(t: _Table, frame: pd.DataFrame) -> None:
    expected = list(t.fields)
    actual = [str(c) for c in frame.columns]
    if actual == expected:
        return
    seen = set()
    for col in actual:
        if col in seen:
            t.problem(None, col, "expected each column once in the header; duplicate column")
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


def _fmt_num(x) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _check_cells(t: _Table, today: date) -> None:
    for col, field in t.fields.items():
        if col not in t.raw:
            continue
        ftype = field.get("type", "string")
        cons = field.get("constraints", {}) or {}
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
                t.problem(i, col, f"expected a value >= {_fmt_num(minimum)}", text)
            elif maximum is not None and ftype in ("integer", "number") and value > maximum:
                t.problem(i, col, f"expected a value <= {_fmt_num(maximum)}", text)
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


def _check_primary_key(t: _Table) -> None:
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


# --------------------------------------------------------------------------- rules


def _rule_source_url(t: _Table) -> None:
    """Every row has a source_url starting with http:// or https://."""
    if "source_url" not in t.fields:
        t.problems.append(Problem(t.file, None, "source_url", "expected a source_url field in the schema"))
        return
    if "source_url" not in t.raw:
        return
    for i, url in enumerate(t.raw["source_url"]):
        if not url.startswith(("http://", "https://")):
            t.problem(i, "source_url", "expected a source link starting with http:// or https://", url or None)


def _show(v) -> str:
    return v.isoformat() if hasattr(v, "isoformat") else _fmt_num(v)


def _order_rule(small: str, large: str, report: str, expectation: str) -> Callable[[_Table], None]:
    """A rule: where both are given, ``small`` <= ``large``; a row that breaks it is
    reported on column ``report`` as "expected <expectation> (<the other value>)"."""
    other = small if report == large else large

    def rule(t: _Table) -> None:
        if not t.has(small, large):
            return
        for i in range(t.n):
            lo, hi = t.get(i, small), t.get(i, large)
            if lo is not None and hi is not None and lo > hi:
                t.problem(i, report, f"expected {expectation} ({_show(t.get(i, other))})",
                          _show(t.get(i, report)))
    rule.__doc__ = f"{expectation}, where both are given."
    return rule


def _after(later: str, earlier: str) -> Callable[[_Table], None]:
    return _order_rule(earlier, later, later, f"{later} on or after {earlier}")


_rule_trigger_before = _order_rule("trigger_date", "date", "trigger_date", "trigger_date on or before date")
_rule_yield_range = _order_rule("yield_kt_low", "yield_kt_high", "yield_kt_high", "yield_kt_high >= yield_kt_low")


def _rule_veto(t: _Table) -> None:
    """Vetoed drafts name who vetoed them; adopted resolutions name nobody."""
    if "status" not in t.raw or "vetoed_by" not in t.raw:
        return
    for i in range(t.n):
        status, by = t.raw["status"][i], t.raw["vetoed_by"][i]
        if status == "vetoed" and not by:
            t.problem(i, "vetoed_by", "expected vetoed_by for a vetoed draft")
        elif status == "adopted" and by:
            t.problem(i, "vetoed_by", "expected no vetoed_by for an adopted resolution", by)


def _rule_votes(t: _Table) -> None:
    """Votes for, against and abstaining add up to at most 15 (the Council's size)."""
    cols = ("vote_for", "vote_against", "vote_abstain")
    if not t.has(*cols):
        return
    for i in range(t.n):
        votes = [t.get(i, c) for c in cols]
        if all(v is not None for v in votes) and sum(votes) > 15:
            t.problem(i, "vote_for", "expected at most 15 votes in all (for + against + abstain)",
                      " + ".join(str(v) for v in votes))


def _rule_coordinates(t: _Table) -> None:
    """latitude and longitude are both given or both empty."""
    if "latitude" not in t.raw or "longitude" not in t.raw:
        return
    for i in range(t.n):
        lat, lon = t.raw["latitude"][i], t.raw["longitude"][i]
        if bool(lat) != bool(lon):
            missing = "longitude" if lat else "latitude"
            t.problem(i, missing, "expected latitude and longitude both present or both empty")


def _rule_missile_events(t: _Table) -> None:
    """event_id starts with the row's date, id with its event_id; rows of one event
    share date, facility and launch_time_utc."""
    if "event_id" not in t.raw:
        return
    ev = t.raw["event_id"]
    if "date" in t.raw:
        for i in range(t.n):
            d = t.raw["date"][i]
            if ev[i] and t.get(i, "date") is not None and not ev[i].startswith(d + "-"):
                t.problem(i, "event_id", f"expected event_id to start with the row's date ({d})", ev[i])
    if "id" in t.raw:
        for i in range(t.n):
            rid = t.raw["id"][i]
            if ev[i] and rid and not rid.startswith(ev[i] + "-"):
                t.problem(i, "id", f"expected id to start with its event_id ({ev[i]}-)", rid)
    first: dict[str, int] = {}
    for i in range(t.n):
        if not ev[i]:
            continue
        if ev[i] not in first:
            first[ev[i]] = i
            continue
        j = first[ev[i]]
        for col in ("date", "facility", "launch_time_utc"):
            if col in t.raw and t.raw[col][i] != t.raw[col][j]:
                t.problem(i, col, f"expected the same {col} for every row of event {ev[i]} "
                                  f"(line {t.lines[j]} has {t.raw[col][j] or 'none'!s})",
                          t.raw[col][i] or None)


def _rule_id_starts_with_date(t: _Table) -> None:
    """A date-based id starts with the row's date."""
    if "id" not in t.raw or "date" not in t.raw:
        return
    for i in range(t.n):
        rid, d = t.raw["id"][i], t.raw["date"][i]
        if rid and t.get(i, "date") is not None and not rid.startswith(d + "-"):
            t.problem(i, "id", f"expected id to start with the row's date ({d})", rid)


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def _rule_sorted(t: _Table) -> None:
    """Rows are sorted by date (then id)."""
    if "date" not in t.values:
        return
    dates = t.values["date"]
    ids = t.raw.get("id")
    prev = None
    for i in range(t.n):
        if dates[i] is None:
            continue
        key = (dates[i], _natural(ids[i]) if ids else ())
        if prev is not None and key < prev[0]:
            what = "date, then id" if ids else "date"
            t.problems.append(Problem(t.file, t.lines[i], "date",
                                      f"expected rows sorted by {what}; this row comes before line {t.lines[prev[1]]}",
                                      t.raw["date"][i]))
        else:
            prev = (key, i)


RULES: dict[str, list[Callable[[_Table], None]]] = {
    "*": [_rule_source_url, _rule_coordinates, _rule_sorted],
    "missile_launches": [_rule_missile_events],
    "nuclear_tests": [_rule_yield_range],
    "unsc_resolutions": [_rule_trigger_before, _rule_veto, _rule_votes],
    "summits": [_after("end_date", "date"), _after("breakdown_date", "date")],
    "incidents": [_rule_id_starts_with_date],
    "leaders": [_after("end_date", "start_date")],
}
"""Cross-field and cross-row rules per resource name ("*": every resource)."""


def newest_event_date(name: str, frame_or_values) -> date | None:
    """The newest event date of a table (see :data:`EVENT_DATE_FIELDS`).

    Accepts a frame of raw strings or of parsed dates/timestamps.
    """
    cols = EVENT_DATE_FIELDS.get(name, ("date",))
    best = None
    for col in cols:
        if col not in frame_or_values:
            continue
        for v in list(frame_or_values[col]):
            d = _as_date(v)
            if d is not None and (best is None or d > best):
                best = d
    return best


def _as_date(v) -> date | None:
    if v is None or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        return _parse_date(v)
    return None


def _check_last_event_date(t: _Table) -> None:
    if "last_event_date" not in t.res:
        return
    declared = t.res["last_event_date"]
    newest = newest_event_date(t.name, t.values)
    newest_s = newest.isoformat() if newest else None
    if declared == newest_s:
        return
    if not (declared is None or (isinstance(declared, str) and _parse_date(declared))):
        return  # reported by check_package
    if newest is None:
        msg = f"last_event_date in {PACKAGE_FILE} is {declared} but {t.file} has no dated rows; expected null"
    else:
        msg = f"last_event_date in {PACKAGE_FILE} is {declared or 'null'} but the newest row is {newest_s}"
    t.problems.append(Problem(PACKAGE_FILE, None, f"{t.name}.last_event_date", msg, declared))


# --------------------------------------------------------------------------- entry points


def validate_frames(frames: Mapping[str, pd.DataFrame], package: Mapping, *,
                    today: date | None = None,
                    data_dir: str | os.PathLike | None = None) -> list[Problem]:
    """Validate tables of raw strings against the package.

    ``frames`` maps resource names to frames read with ``dtype=str,
    keep_default_na=False`` (``frame.attrs["lines"]``, if present, gives each row's
    file line; otherwise row *i* is line *i* + 2). A resource with no frame is read
    from ``data_dir`` when one is given, else reported as missing.
    """
    today = today or date.today()
    problems = check_package(package)
    resources = resources_by_name(package)
    frames = dict(frames)
    missing = [n for n in resources if n not in frames]
    if missing and data_dir is not None:
        ddir = paths.data_dir(data_dir)
        sub = {"resources": [resources[n] for n in missing]}
        read, found = read_frames(ddir, sub)
        frames.update(read)
        problems.extend(found)
        missing = [n for n in missing if n not in read]
        reported = {p.file for p in found}
        missing = [n for n in missing if resource_file(resources[n]) not in reported]
    for name in missing:
        problems.append(Problem(resource_file(resources[name]), None, None,
                                f"no data for resource {name!r}; expected a table"))
    for name in frames:
        if name not in resources:
            problems.append(Problem(f"{name}.csv", None, None,
                                    f"table {name!r} is not described by a resource in {PACKAGE_FILE}"))
    tables: dict[str, _Table] = {}
    for name, res in resources.items():
        frame = frames.get(name)
        if frame is None:
            continue
        t = _Table(name, res, frame)
        _check_header(t, frame)
        _check_cells(t, today)
        _check_primary_key(t)
        for rule in RULES["*"] + RULES.get(name, []):
            rule(t)
        _check_last_event_date(t)
        tables[name] = t
    for t in tables.values():
        _check_foreign_keys(t, tables)
        problems.extend(t.problems)
    problems.extend(launch_rules.check(frames, {n: resource_file(r) for n, r in resources.items()}))
    return problems


def _check_foreign_keys(t: _Table, tables: Mapping[str, _Table]) -> None:
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
                t.problem(i, field, f"expected a {ref_field} that exists in {target.file}", value)


def validate_dir(data_dir: str | os.PathLike | None = None, *, today: date | None = None) -> list[Problem]:
    """Validate every table in the data folder; returns the problems (empty if clean)."""
    ddir = paths.data_dir(data_dir)
    if not ddir.is_dir():
        return [Problem(str(ddir), None, None, "expected a data folder; not found")]
    try:
        package = load_package(ddir)
    except DataError as exc:
        return exc.problems
    frames, problems = read_frames(ddir, package)
    described = {resource_file(r) for r in resources_by_name(package).values()}
    for path in sorted(ddir.iterdir()):
        if path.suffix.lower() == ".csv" and path.name not in described:
            problems.append(Problem(path.name, None, None,
                                    f"CSV file not described by any resource in {PACKAGE_FILE}"))
    # a missing or unreadable file was reported by read_frames: don't report it twice
    reported = {p.file for p in problems}
    for p in validate_frames(frames, package, today=today):
        if p.row is None and p.file in reported and p.message.startswith("no data for resource"):
            continue
        problems.append(p)
    return problems
