"""What the importers' readers check before they trust a source file.

A file handed to ``python -m usnk update`` may be damaged (cut short, re-encoded,
columns renamed or swapped) or hostile (nested thousands of levels deep, a count of
a hundred billion missiles, a launch in the year 1). The readers in
:mod:`usnk.importers.cns` and :mod:`usnk.importers.csis` call the functions here at
their boundary, so that every such file is refused with a located
:class:`~usnk.errors.Problem` (the *input* file, its row or record, its column or
field, what was expected) before any row of ours is built from it, and never ends in
an internal error or an exhausted machine.

The bounds:

- a source file is at most :data:`MAX_INPUT_BYTES`; an xlsx workbook unpacks to at
  most :data:`MAX_XLSX_UNPACKED_BYTES`;
- JSON is nested at most :data:`MAX_JSON_DEPTH` levels (the CNS copy needs 7);
  records are objects and their fields are text, numbers or ``null``;
- a launch is dated from :data:`FIRST_LAUNCH` (the programme's first tests were in
  April 1984) to the release's own date and never after today; an incident
  (any CSIS event) from :data:`FIRST_INCIDENT`;
- apogee and distance are finite, not negative and at most :data:`MAX_APOGEE_KM` /
  :data:`MAX_DISTANCE_KM`; a facility's coordinates lie in :data:`KOREA_BOX` (every
  launch site is in North Korea; this also catches latitude and longitude swapped);
- a count read from a description makes at most :func:`row_cap` rows.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import zipfile
from os import PathLike, fspath
from pathlib import Path

from usnk.errors import DataError, Problem

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Largest source file read (the real releases are a few hundred kilobytes)."""

MAX_XLSX_UNPACKED_BYTES = 256 * 1024 * 1024
"""Largest total unpacked size of an xlsx workbook's parts (a zip bomb is refused)."""

MAX_JSON_DEPTH = 20
"""Deepest nesting of arrays and objects accepted in a JSON source file."""

FIRST_LAUNCH = dt.date(1984, 1, 1)
"""No launch row before this date: North Korea's first missile tests were in 1984."""

FIRST_INCIDENT = dt.date(1950, 1, 1)
"""No incident (and no CSIS event) before this date."""

MAX_APOGEE_KM = 10_000.0
"""Highest apogee accepted (the highest on record is below 8,000 km)."""

MAX_DISTANCE_KM = 20_100.0
"""Longest distance accepted: half the Earth's circumference."""

KOREA_BOX = (33.0, 44.0, 124.0, 132.0)
"""(south, north, west, east) in degrees: where a launch facility can lie."""

MAX_COUNT_DIGITS = 6
"""A count in a description with more digits than this is read as "too many"."""


# --------------------------------------------------------------------------- files


def input_path(source: str | PathLike, what: str) -> Path:
    """``source`` as a path to a readable-looking file; a DataError when it is empty
    (``--cns ""`` would otherwise read the working directory), a folder, missing or
    larger than :data:`MAX_INPUT_BYTES`. ``what`` names the expected input."""
    text = fspath(source) if isinstance(source, PathLike) else str(source)
    if not str(text).strip():
        raise DataError([Problem(repr(text), None, None, f"no file name given; expected {what}")])
    path = Path(text)
    if path.is_dir():
        raise DataError([Problem(str(path), None, None, f"this is a folder; expected {what} (a file)")])
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataError([Problem(str(path), None, None, f"file not found; expected {what}")]) from None
    except OSError as exc:
        raise DataError([Problem(str(path), None, None, f"cannot read the file: {exc.strerror or exc}")]) from None
    if size > MAX_INPUT_BYTES:
        raise DataError([Problem(str(path), None, None,
                                 f"the file has {size:,} bytes; expected {what} of at most {MAX_INPUT_BYTES:,}")])
    return path


def check_xlsx_size(data: bytes, file: str) -> None:
    """Refuse an xlsx (zip) whose parts unpack to more than :data:`MAX_XLSX_UNPACKED_BYTES`."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # the reader reports a corrupt archive itself
    total = sum(max(i.file_size, 0) for i in infos)
    if total > MAX_XLSX_UNPACKED_BYTES:
        raise DataError([Problem(file, None, None,
                                 f"the workbook unpacks to {total:,} bytes; expected at most "
                                 f"{MAX_XLSX_UNPACKED_BYTES:,} (a damaged or hostile file)")])


# --------------------------------------------------------------------------- JSON


def json_depth_problem(text: str, file: str) -> Problem | None:
    """A problem when ``text`` nests arrays/objects deeper than :data:`MAX_JSON_DEPTH`
    (checked by scanning, before the parser could recurse), else None."""
    depth = 0
    in_string = escaped = False
    line = 1
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return Problem(file, line, None,
                               f"JSON nested more than {MAX_JSON_DEPTH} levels deep; expected flat records")
        elif ch in "]}":
            depth -= 1
        if ch == "\n":
            line += 1
    return None


def load_json(text: str, file: str):
    """Parse JSON ``text`` of ``file``; DataError (located) when it is nested too deep,
    malformed or truncated. ``NaN`` and ``Infinity`` are refused as not JSON."""
    deep = json_depth_problem(text, file)
    if deep:
        raise DataError([deep])

    def constant(name):
        raise ValueError(f"{name} is not a JSON number")

    try:
        return json.loads(text, parse_constant=constant)
    except json.JSONDecodeError as exc:
        what = "truncated JSON" if exc.pos >= len(text.rstrip()) else "malformed JSON"
        raise DataError([Problem(file, exc.lineno, None, f"{what}: {exc.msg} (column {exc.colno})")]) from None
    except (ValueError, RecursionError) as exc:
        raise DataError([Problem(file, None, None, f"not readable JSON ({exc})")]) from None


MAX_JSON_INTEGER = 10 ** 15
"""Largest whole number accepted in a JSON field (no figure in these files comes close)."""

SCALAR = (str, int, float, type(None))


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)


def field_problem(file: str, row: int | None, field: str, value: object, expected: str,
                  where: str = "") -> Problem:
    """A problem for a JSON field of the wrong type."""
    suffix = f" ({where})" if where else ""
    return Problem(file, row, field, f"expected {expected}, found {_kind(value)}{suffix}",
                   None if isinstance(value, (dict, list)) else value)


def check_scalar_fields(record: dict, fields, file: str, row: int, where: str = "") -> list[Problem]:
    """Problems for the ``fields`` of a JSON record that are not text, a finite number or null."""
    problems = []
    for name in fields:
        value = record.get(name)
        if isinstance(value, bool) or not isinstance(value, SCALAR):
            problems.append(field_problem(file, row, name, value, "text, a number or null", where))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(field_problem(file, row, name, value, "a finite number", where))
        elif isinstance(value, int) and abs(value) > MAX_JSON_INTEGER:
            problems.append(field_problem(file, row, name, "a number of %d digits" % len(str(abs(value))),
                                          f"a number of at most {MAX_JSON_INTEGER:,}", where))
    return problems


CNS_TEST_FIELDS = ("date", "time", "missile", "facility", "landing", "apogee", "distance", "outcome")
"""Fields of a ``test.en.json`` record the reader uses (the others are ignored)."""


def cns_json_parts(docs: dict, files: dict) -> tuple[list[tuple[int, str, dict]], dict, dict]:
    """The launch records, missiles and facilities of a CNS JSON copy, each checked.

    ``docs`` maps ``test.en.json``, ``missile.en.json``, ``facility.en.json`` to their
    parsed JSON, ``files`` to the path shown in a problem. Returns ``([(index, where,
    record), …], missiles, facilities)`` where every record is an object whose used
    fields are text, finite numbers or null, the ``missile`` and ``facility`` keys
    are text or null, and every missile and facility is an object with text names and
    scalar coordinates; raises DataError listing every problem otherwise.
    """
    problems: list[Problem] = []
    test_file = files["test.en.json"]
    doc = docs["test.en.json"]
    bins = doc.get("timeBins") if isinstance(doc, dict) else None
    if not isinstance(bins, list):
        raise DataError([Problem(test_file, None, "timeBins",
                                 'not the CNS JSON copy format (expected {"timeBins": [{"data": [...]}]})')])
    records: list[tuple[int, str, dict]] = []
    index = 0
    for b, time_bin in enumerate(bins):
        data = time_bin.get("data") if isinstance(time_bin, dict) else None
        if not isinstance(data, list):
            problems.append(field_problem(test_file, None, "data", data if isinstance(time_bin, dict) else time_bin,
                                          'an object {"data": [...]}' if not isinstance(time_bin, dict)
                                          else "a list of launch records", f"timeBins[{b}]"))
            continue
        for d, record in enumerate(data):
            where = f"timeBins[{b}].data[{d}]"
            if not isinstance(record, dict):
                problems.append(field_problem(test_file, index, None, record, "a launch record (an object)", where))
            else:
                problems += check_scalar_fields(record, CNS_TEST_FIELDS, test_file, index, where)
                for key in ("missile", "facility"):
                    if isinstance(record.get(key), (int, float)) and not isinstance(record.get(key), bool):
                        problems.append(field_problem(test_file, index, key, record[key], "a key (text) or null",
                                                      where))
                records.append((index, where, record))
            index += 1
    missiles = docs["missile.en.json"]
    missile_file = files["missile.en.json"]
    if not isinstance(missiles, dict):
        problems.append(field_problem(missile_file, None, None, missiles, "an object of missiles by key"))
        missiles = {}
    for key, missile in missiles.items():
        if not isinstance(missile, dict):
            problems.append(field_problem(missile_file, None, key, missile, "a missile (an object with name, type)"))
            continue
        problems += [Problem(p.file, p.row, f"{key}.{p.column}", p.message, p.value)
                     for p in check_scalar_fields(missile, ("name", "type"), missile_file, None)]
    facilities = docs["facility.en.json"]
    facility_file = files["facility.en.json"]
    if isinstance(facilities, dict) and "facilities" in facilities:
        facilities = facilities["facilities"]
    if not isinstance(facilities, dict):
        problems.append(field_problem(facility_file, None, "facilities", facilities,
                                      "an object of facilities by key"))
        facilities = {}
    for key, place in facilities.items():
        if not isinstance(place, dict):
            problems.append(field_problem(facility_file, None, key, place,
                                          "a facility (an object with name, lat, lon)"))
            continue
        problems += [Problem(p.file, p.row, f"{key}.{p.column}", p.message, p.value)
                     for p in check_scalar_fields(place, ("name", "lat", "lon"), facility_file, None)]
    if problems:
        raise DataError(problems)
    return records, missiles, facilities


def check_record_values(record: dict, file: str, row: int) -> list[Problem]:
    """Problems for fields of a JSON table record that are not text, a number or null
    (a list or an object where a cell is expected)."""
    return check_scalar_fields(record, list(record), file, row)


# --------------------------------------------------------------------------- values


def today() -> dt.date:
    """The date the update runs on: no event can be later."""
    return dt.date.today()


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def date_problem(file: str, row, column: str, text: str, first: dt.date, last: dt.date,
                 what: str = "a launch") -> Problem | None:
    """A problem when the ISO date ``text`` lies outside ``first`` .. ``last``."""
    day = _iso(text)
    if day is None:
        return Problem(file, row, column, "expected a date", text)
    if day < first:
        return Problem(file, row, column, f"implausible date: {what} before {first.isoformat()}", text)
    if day > last:
        return Problem(file, row, column,
                       f"implausible date: {what} after {last.isoformat()} (the release's own date or today)", text)
    return None


def km_value(raw: object, parse) -> float | None:
    """The figure a kilometre cell holds, as ``parse`` reads it, except that a number
    (not text) is taken as it is, so that a negative one is seen, not dropped."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        try:
            return float(raw)
        except OverflowError:
            return math.inf
    return parse(raw)


def number_problem(file: str, row, column: str, value: float | None, upper: float) -> Problem | None:
    """A problem when a parsed kilometre figure is not finite or outside 0 .. ``upper``."""
    if value is None:
        return None
    if not math.isfinite(value) or value < 0 or value > upper:
        return Problem(file, row, column, f"expected a distance in km from 0 to {upper:,.0f}", value)
    return None


def coordinate_problems(file: str, row, columns: tuple[str, str], raw: tuple, parsed: tuple) -> list[Problem]:
    """Problems for a facility's latitude and longitude: text that is no number (it
    would silently become empty), numbers out of range, or outside :data:`KOREA_BOX`."""
    problems = []
    south, north, west, east = KOREA_BOX
    for column, value, number, low, high, limit in zip(columns, raw, parsed, (south, west), (north, east), (90, 180)):
        shown = None if value is None else str(value)
        if number is None:
            if not _missing(value):
                problems.append(Problem(file, row, column, "expected a coordinate in decimal degrees", shown))
            continue
        if not math.isfinite(number) or abs(number) > limit:
            problems.append(Problem(file, row, column, f"expected a coordinate from -{limit} to {limit} degrees",
                                    shown))
        elif not low <= number <= high:
            problems.append(Problem(file, row, column,
                                    f"implausible coordinate: expected {low:g} to {high:g} degrees "
                                    "(North Korea; latitude and longitude swapped?)", shown))
    return problems


_MISSING_TEXT = {"", "unknown", "unk", "na", "n/a", "none", "-", "--", "?"}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in _MISSING_TEXT)


def count_from_text(digits: str) -> int:
    """A count written in digits, with more than :data:`MAX_COUNT_DIGITS` digits read as
    one more than any plausible count (a 5,000-digit number is no count, and converting
    it would fail)."""
    if len(digits) > MAX_COUNT_DIGITS:
        return 10 ** MAX_COUNT_DIGITS
    return int(digits)


MAX_CSIS_COUNT = 30
"""More missiles than this in one CSIS event is a number of something else (the
1985 entry's "100 missiles/year" is production): such an event counts as at least
one missile (:mod:`usnk.importers.reconcile`). The largest salvo on record,
2 November 2022, was about 25."""


def row_cap() -> int:
    """How many rows one CSIS event may make: one more than the largest plausible count
    (:data:`MAX_CSIS_COUNT`), so that the reconciliation still sees an implausible
    count as one, without a row per missile being built first."""
    return MAX_CSIS_COUNT + 1


# --------------------------------------------------------------------------- columns

MIN_PROFILE_VALUES = 5
"""A column is profiled (checked for swapped headers) only with this many values."""


def profile_problem(file: str, header_row, column: str, values: list, looks_right, expected: str) -> Problem | None:
    """A problem at the header when most non-missing ``values`` of ``column`` fail
    ``looks_right``: the header names a column whose data is something else (headers
    swapped without their data, or a column renamed)."""
    present = [v for v in values if not _missing(v)]
    if len(present) < MIN_PROFILE_VALUES:
        return None
    bad = [v for v in present if not looks_right(v)]
    if len(bad) * 2 > len(present):
        return Problem(file, header_row, column,
                       f"{len(bad)} of {len(present)} values are not {expected}: the header does not describe "
                       "this column's data (headers swapped or renamed?)", str(bad[0])[:60])
    return None
