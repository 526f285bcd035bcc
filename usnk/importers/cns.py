"""Read the CNS North Korea Missile Test Database in its official format.

The James Martin Center for Nonproliferation Studies (CNS) compiles the database
and NTI publishes it as a spreadsheet (xlsx; CSV exports of it also circulate),
one row per missile, with these columns::

    F1, Date, Date Entered/Updated, Launch Time (UTC), Missile Name, Missile Type,
    Launch Agency/Authority, Facility Name, Facility Location, Other Name,
    Facility Latitude, Facility Longitude, Landing Location, Apogee,
    Distance Travelled, Confirmation Status, Test Outcome, Additional Information,
    Source(s)

:func:`read_cns` turns such a file into rows of ``missile_launches.csv`` (text
form, ids assigned), and :func:`read_cns_json` the database's JSON copy. Both only
read records: each record, its cells by the official column names
(:class:`SourceRecord`), becomes a row in one place, :func:`launch_row`. How the
quirks of real copies are read:

- ``Date``: ``9-Apr-84`` (day), ``Sep-84`` (month only: the first of the month,
  ``date_precision = month``), a real spreadsheet date, ISO ``1984-04-09``, US
  ``4/9/1984`` or ``April 9, 1984``. Two-digit years from 84 are 19xx, below 84 are
  20xx (the programme's first tests were in 1984). CNS enters each test under the
  local (Korean) date, and this reader takes the date as the local date, which is
  what our ``date`` column holds; the UTC time, where known, stays in
  ``launch_time_utc``.
- ``Apogee`` / ``Distance Travelled``: ``200 km``, ``1,380 km``, ``~450 km`` or a
  bare number give the number; ``Unknown``, ranges, bounds (``over 1,000 km``) and
  free text such as ``330km east of Hachinohe`` (where the number is not the
  distance flown) give a missing value. An unreadable number is never an error.
- ``Missile Type`` maps case-insensitively onto our classes (SRBM, MRBM, IRBM, ICBM,
  SLBM, SLV, HGV, cruise); anything else is ``unknown``. ``Test Outcome`` becomes
  success, failure or unknown. ``Launch Time (UTC)`` becomes ``HH:MM``.
- ``Landing Location``: sea areas get one name each (:data:`LANDING_AREAS`, e.g.
  ``Sea of Japan or East Sea`` → ``Sea of Japan (East Sea)``); other text is kept.
- ``Facility Name`` empty or ``Unknown`` gives facility ``Unknown`` and no
  coordinates (the database's coordinates for unknown sites are placeholders).
- ``Source(s)``: the first URL among the ``;``-separated entries is the row's
  ``source_url``; when no entry is a URL, the database's own page is cited.
- CSV exports are read as UTF-8, else Windows-1252; quoted fields may hold line
  breaks and doubled quotes.

Every row is ``origin = cns`` and ``count_is_lower_bound = false`` (CNS lists one
row per missile). Rows of one day with the same facility and launch time form one
event (see :func:`usnk.importers.common.assign_ids`).

Problems are collected over the whole file and raised together as a
:class:`usnk.errors.DataError`; each names the file, the row as the user sees it
(the spreadsheet's row number, or the line in the CSV file on which the record
starts; the header is row 1 in a file whose header is the first line) and the
column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import pandas as pd

from usnk.errors import DataError, Problem
from usnk.importers import inputs
from usnk.importers.common import assign_ids, format_number, launch_frame

CNS_DATABASE_URL = "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/"
"""The database's page at NTI: cited when a row names no source URL of its own."""

CNS_COLUMNS = [
    "F1",
    "Date",
    "Date Entered/Updated",
    "Launch Time (UTC)",
    "Missile Name",
    "Missile Type",
    "Launch Agency/Authority",
    "Facility Name",
    "Facility Location",
    "Other Name",
    "Facility Latitude",
    "Facility Longitude",
    "Landing Location",
    "Apogee",
    "Distance Travelled",
    "Confirmation Status",
    "Test Outcome",
    "Additional Information",
    "Source(s)",
]
"""The official file's columns, in its order."""

REQUIRED_COLUMNS = [
    "Date",
    "Launch Time (UTC)",
    "Missile Name",
    "Missile Type",
    "Facility Name",
    "Facility Latitude",
    "Facility Longitude",
    "Landing Location",
    "Apogee",
    "Distance Travelled",
    "Test Outcome",
    "Source(s)",
]
"""The columns this reader needs; the others are accepted and ignored."""

TWO_DIGIT_YEAR_PIVOT = 84
"""Two-digit years at or above this are 19xx, below it 20xx."""

_HEADER_SEARCH_ROWS = 10
_MIN_HEADER_MATCHES = 3

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

_CLASSES = {
    "srbm": "SRBM",
    "shortrangeballisticmissile": "SRBM",
    "mrbm": "MRBM",
    "mediumrangeballisticmissile": "MRBM",
    "irbm": "IRBM",
    "intermediaterangeballisticmissile": "IRBM",
    "icbm": "ICBM",
    "intercontinentalballisticmissile": "ICBM",
    "slbm": "SLBM",
    "submarinelaunchedballisticmissile": "SLBM",
    "slv": "SLV",
    "satellitelaunchvehicle": "SLV",
    "spacelaunchvehicle": "SLV",
    "hgv": "HGV",
    "hypersonicglidevehicle": "HGV",
    "cruise": "cruise",
    "cruisemissile": "cruise",
}

_MISSING_TEXT = {"", "unknown", "unk", "na", "n/a", "none", "-", "--", "?"}

LANDING_AREAS = {
    "sea of japan or east sea": "Sea of Japan (East Sea)",
    "sea-of-japan": "Sea of Japan (East Sea)",
    "yellow sea or west sea": "Yellow Sea",
    "yellow-sea": "Yellow Sea",
    "pacific ocean": "Pacific Ocean",
    "pacific-ocean": "Pacific Ocean",
    "north-korea": "North Korea (over land)",
}
"""One name per sea area: the official file's names and the JSON copy's keys.
Other landing texts (a place, a distance from a place) are kept as CNS gives them."""


def landing_area(value: object) -> str:
    """The ``landing`` of a CNS ``Landing Location`` (or JSON copy key); '' if unknown."""
    text = _clean_text(value)
    if text.lower() in _MISSING_TEXT:
        return ""
    return LANDING_AREAS.get(text.lower(), text)

_NUMBER = re.compile(
    r"""^(?:approx(?:imately|\.)?|about|around|ca\.?|~)?\s*
        (\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*
        (?:km|kms|kilometers|kilometres)?\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_URL = re.compile(r"https?://[^\s;<>\"']+", re.IGNORECASE)
_TIME = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([ap]\.?m\.?)?", re.IGNORECASE)


def _norm(name: object) -> str:
    """Header name compared without case, spaces or punctuation."""
    return re.sub(r"[^a-z0-9]", "", str(name or "").lower())


_ALIASES = {_norm(c): c for c in CNS_COLUMNS}
_ALIASES.update({"distancetraveled": "Distance Travelled", "source": "Source(s)"})


class _FileProblem(Exception):
    def __init__(self, message: str, row: int | None = None, column: str | None = None, value=None):
        super().__init__(message)
        self.message, self.row, self.column, self.value = message, row, column, value


def read_cns(path: str | PathLike, columns: list[str], evidence: bool = False) -> pd.DataFrame:
    """Read an official CNS Missile Test Database file (xlsx or CSV).

    Returns the rows of ``missile_launches.csv`` in text form (``columns``: the launch
    table's, :func:`~usnk.importers.common.launch_columns` of the package being
    updated; every value a string, ``''`` for missing), with ``event_id`` and ``id``
    assigned and sorted by date then id. Raises :class:`usnk.errors.DataError`
    listing every problem found: an empty, truncated or unreadable file, a file
    that is not the CNS format, missing required columns, rows without a readable
    or possible date. With ``evidence``, the frame also has the temporary
    :data:`EVIDENCE_COLUMNS` that the reconciliation weighs (``python -m usnk update``
    asks for them).
    """
    path = inputs.input_path(path, "a CNS Missile Test Database file (xlsx, CSV or the JSON copy)")
    name = str(path)
    if path.suffix.lower() == ".json":
        return read_cns_json(path, columns, evidence)
    try:
        header_row, header, records = _read_records(path)
    except _FileProblem as exc:
        raise DataError([Problem(name, exc.row, exc.column, exc.message, exc.value)]) from None

    found = {}
    for index, cell in enumerate(header):
        canonical = _ALIASES.get(_norm(cell))
        if canonical and canonical not in found:
            found[canonical] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in found]
    if missing:
        raise DataError(
            [Problem(name, header_row, c, "required column missing from the header") for c in missing]
        )

    problems: list[Problem] = []
    rows = []
    entered: list[str] = []
    read: list[tuple[int, dict]] = []  # (row number, raw cells) of each row, for the checks
    for row_number, cells in records:
        if all(_blank(v) for v in cells):
            continue
        fields = {column: cells[i] if i < len(cells) else None for column, i in found.items()}
        row, wrong = launch_row(SourceRecord(name, row_number, fields))
        problems += wrong
        if row is None:
            continue
        rows.append(row)
        entered.append(_entered_date(fields.get("Date Entered/Updated")))
        read.append((row_number, fields))
    if problems:
        raise DataError(problems)
    check_rows(name, header_row, read, rows)
    frame = _launch_frame(rows, columns, evidence)
    newest = max(frame["source_date"]) if len(frame) else ""
    frame.attrs["release"] = release_info(Path(path), "cns", max([e for e in entered if e] or [newest]), newest)
    return frame


@dataclass(frozen=True)
class SourceRecord:
    """One missile as a CNS source gives it, before it is trusted.

    ``fields`` holds the record's cells by the official file's column names
    (:data:`CNS_COLUMNS`; a column the source lacks is absent); ``row`` is where the
    user finds the record (the spreadsheet row, the CSV line on which it starts, or
    the JSON copy's record index). A problem names ``columns.get(column, column)``
    (the JSON copy calls ``Date`` ``date``) and ends with `` (where)`` when ``where``
    is given (the record's place in the JSON document)."""

    file: str
    row: int
    fields: Mapping[str, object]
    columns: Mapping[str, str] = field(default_factory=dict)
    where: str = ""

    def problem(self, column: str, message: str, value: object) -> Problem:
        suffix = f" ({self.where})" if self.where else ""
        return Problem(self.file, self.row, self.columns.get(column, column), message + suffix, _shown(value))


def launch_row(record: SourceRecord) -> tuple[dict | None, list[Problem]]:
    """The launch row (text form, ``id`` and ``event_id`` empty, the temporary
    :data:`EVIDENCE_COLUMNS` included) of one CNS source record, and the problems of
    reading it: ``(None, [problem])`` when its ``Date`` is unreadable or impossible.
    Both readers, the official file's and the JSON copy's, build their rows here;
    the checks that weigh a row against the whole file (the release's date, the
    columns' profiles) stay with the readers (:func:`check_rows`)."""
    get = record.fields.get
    raw_date = get("Date")
    try:
        date, precision = parse_date(raw_date)
    except ValueError as exc:
        return None, [record.problem("Date", str(exc), raw_date)]
    facility = _clean_text(get("Facility Name"))
    if facility.lower() in _MISSING_TEXT:
        facility, latitude, longitude = "Unknown", "", ""
    else:
        latitude = format_number(parse_coordinate(get("Facility Latitude")))
        longitude = format_number(parse_coordinate(get("Facility Longitude")))
    missile_name = _clean_text(get("Missile Name"))
    if missile_name.lower() in _MISSING_TEXT:
        missile_name = "Unknown"
    time = parse_time(get("Launch Time (UTC)"))
    row = {
        "id": "",
        "date": date,
        "date_precision": precision,
        "date_basis": "",
        "source_date": date,
        "launch_date_utc": "",
        "launch_time_utc": time,
        "event_id": "",
        "missile_name": missile_name,
        "missile_class": parse_missile_class(get("Missile Type")),
        "class_basis": "source",
        "facility": facility,
        "latitude": latitude,
        "longitude": longitude,
        "landing": landing_area(get("Landing Location")),
        "apogee_km": format_number(parse_km(get("Apogee"))),
        "distance_km": format_number(parse_km(get("Distance Travelled"))),
        "outcome": parse_outcome(get("Test Outcome")),
        "count_is_lower_bound": "false",
        "origin": "cns",
        "source_url": first_url(get("Source(s)")) or CNS_DATABASE_URL,
    }
    row.update(_evidence(date, time, get("Additional Information"), get("Source(s)")))
    return row, []


def _launch_frame(rows: list[dict], columns: list[str], evidence: bool) -> pd.DataFrame:
    """The readers' rows as the launch table's frame, identifiers assigned."""
    return assign_ids(launch_frame(rows, [*columns, *(EVIDENCE_COLUMNS if evidence else ())]), columns).astype(str)


EVIDENCE_COLUMNS = ("_stated_local", "_report_latest")
"""Temporary columns of the readers' frames (never written): the local date the
row's own text states, and the latest Korean day its dated reports allow (see
:mod:`usnk.importers.evidence`); the reconciliation weighs them."""


def _evidence(date: str, time: str, text: object, sources: object) -> dict:
    from usnk.importers.evidence import candidate_days, latest_day, report_dates, stated_local_date

    try:
        days = candidate_days(date, time)
    except OverflowError:  # 9999-12-31 late in the day: refused as implausible by the row checks
        days = [date]
    return {"_stated_local": stated_local_date(_clean_text(text), date),
            "_report_latest": latest_day(report_dates(str(sources or "")), days)}


def check_rows(name: str, header_row: int, read: list[tuple[int, dict]], rows: list[dict]) -> None:
    """Refuse implausible rows of an official file before they are trusted: launch
    dates outside 1984 .. the release's date (its newest ``Date Entered/Updated``) and
    today, unreadable or impossible entry dates, an entry before the launch it records,
    unreadable or impossible coordinates, apogees and distances that are no finite
    figure within physical bounds, and columns whose data is not what the header
    says (headers swapped without their data). Raises DataError listing every one."""
    problems: list[Problem] = []
    today = inputs.today()
    entered = {}
    for (row_number, raw), row in zip(read, rows):
        value = raw.get("Date Entered/Updated")
        if _blank(value):
            continue
        try:
            entered[row_number], precision = parse_date(value)
        except ValueError as exc:
            problems.append(Problem(name, row_number, "Date Entered/Updated", f"{exc}", _shown(value)))
            continue
        p = inputs.date_problem(name, row_number, "Date Entered/Updated", entered[row_number], inputs.FIRST_LAUNCH,
                                today, "an entry")
        if p:
            problems.append(p)
        elif precision == "day" == row["date_precision"] and entered[row_number] < row["source_date"]:
            problems.append(Problem(name, row_number, "Date Entered/Updated",
                                    f"entered before the launch it records ({row['source_date']}); "
                                    "Date and Date Entered/Updated swapped?", _shown(value)))
    release = min([today] + ([dt.date.fromisoformat(max(entered.values()))] if entered else []))
    for (row_number, raw), row in zip(read, rows):
        p = inputs.date_problem(name, row_number, "Date", row["source_date"], inputs.FIRST_LAUNCH, release)
        if p:
            problems.append(Problem(p.file, p.row, p.column, p.message, _shown(raw.get("Date"))))
        if row["facility"] != "Unknown":
            columns = ("Facility Latitude", "Facility Longitude")
            problems += inputs.coordinate_problems(
                name, row_number, columns, tuple(raw.get(c) for c in columns),
                tuple(parse_coordinate(raw.get(c)) for c in columns))
        for column, upper in (("Apogee", inputs.MAX_APOGEE_KM), ("Distance Travelled", inputs.MAX_DISTANCE_KM)):
            p = inputs.number_problem(name, row_number, column, inputs.km_value(raw.get(column), parse_km), upper)
            if p:
                problems.append(p)
    columns = {c: [raw.get(c) for _, raw in read] for c in read[0][1]} if read else {}
    for column, looks_right, expected in (
            ("Missile Type", lambda v: parse_missile_class(v) != "unknown", "missile types (SRBM, ICBM, …)"),
            ("Test Outcome", lambda v: parse_outcome(v) != "unknown", "outcomes (Success, Failure)"),
            ("Launch Time (UTC)", lambda v: parse_time(v) != "", "times of day"),
            ("Source(s)", lambda v: bool(first_url(v)), "source lists with a URL")):
        p = inputs.profile_problem(name, header_row, column, columns.get(column, []), looks_right, expected)
        if p:
            problems.append(p)
    if problems:
        raise DataError(problems)


def _entered_date(value: object) -> str:
    try:
        return parse_date(value)[0]
    except ValueError:
        return ""


def release_info(path: Path, source: str, release_date: str, newest_date: str) -> dict:
    """What the release log records about a source file: its kind, name, release date
    (the newest ``Date Entered/Updated`` of a CNS file; the newest event date where a
    file has no such column), newest event date and SHA-256."""
    import hashlib

    return {
        "source": source,
        "file": path.name,
        "release_date": release_date,
        "newest_date": newest_date,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }


# ----------------------------------------------------------------------------
# Reading the file


def _read_records(path: Path) -> tuple[int, list, list[tuple[int, list]]]:
    """(header row number, header cells, [(row number, cells), …] after the header)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _FileProblem("file not found") from None
    except OSError as exc:
        raise _FileProblem(f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise _FileProblem("the file is empty")
    if data.startswith(b"PK\x03\x04"):
        inputs.check_xlsx_size(data, str(path))
        return _xlsx_records(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _FileProblem(
            "this is an old-style .xls workbook (or another OLE file); "
            "save it as .xlsx or CSV and import that"
        )
    if b"\x00" in data[:4096]:
        raise _FileProblem("not a CNS spreadsheet or CSV file (binary content)")
    return _csv_records(data)


def _xlsx_records(data: bytes):
    import openpyxl

    try:
        if zipfile.ZipFile(io.BytesIO(data)).testzip() is not None:
            raise zipfile.BadZipFile("CRC error")
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except zipfile.BadZipFile:
        raise _FileProblem("the xlsx file is truncated or corrupt (not a complete zip archive)") from None
    except Exception as exc:  # openpyxl raises many kinds for a zip that is no workbook
        raise _FileProblem(f"not a readable xlsx workbook ({type(exc).__name__})") from None
    for sheet in workbook.worksheets:
        rows = [list(r) for r in sheet.iter_rows(min_row=1, values_only=True)]
        numbered = list(enumerate(rows, start=1))
        found = _find_header(numbered)
        if found is not None:
            position, header_row, header = found
            return header_row, header, numbered[position + 1 :]
    raise _FileProblem(_no_header_message())


def _csv_records(data: bytes):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    numbered = []
    start = 1
    try:
        for cells in reader:
            numbered.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise _FileProblem(
                "the file ends inside a quoted field: it is truncated",
                row=start,
                column=_open_column(numbered, text, start),
            ) from None
        raise _FileProblem(f"malformed CSV ({exc})", row=start) from None
    found = _find_header(numbered)
    if found is None:
        raise _FileProblem(_no_header_message())
    position, header_row, header = found
    records = numbered[position + 1 :]
    if records and not text.endswith(("\n", "\r")):
        last_row, last_cells = records[-1]
        if len(last_cells) < len(header):
            raise _FileProblem(
                f"the last row has {len(last_cells)} of the header's {len(header)} "
                "fields and no line end: the file is truncated",
                row=last_row,
            )
    return header_row, header, records


def _open_column(numbered: list[tuple[int, list]], text: str, start: int) -> str | None:
    """Name of the column whose quoted field the file ends in, when the header is known."""
    found = _find_header(numbered)
    if found is None:
        return None
    header = found[2]
    rest = "".join(io.StringIO(text, newline="").readlines()[start - 1 :])
    fields = next(csv.reader(io.StringIO(rest, newline="")), [])
    index = max(len(fields) - 1, 0)
    return header[index] if index < len(header) else None


def _find_header(numbered: list[tuple[int, list]]):
    for position, (row_number, cells) in enumerate(numbered[:_HEADER_SEARCH_ROWS]):
        matches = {_ALIASES.get(_norm(c)) for c in cells} - {None}
        if len(matches) >= _MIN_HEADER_MATCHES:
            return position, row_number, ["" if c is None else str(c) for c in cells]
    return None


def _no_header_message() -> str:
    return (
        "not the CNS Missile Test Database format: no header row with its columns "
        "(Date, Missile Name, Missile Type, Facility Name, …)"
    )


# ----------------------------------------------------------------------------
# Reading values


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: object) -> object:
    return None if value is None else str(value)


def _clean_text(value: object) -> str:
    """Text with runs of whitespace (line breaks included) made single spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= TWO_DIGIT_YEAR_PIVOT else 2000
    return year


def _month(text: str) -> int:
    month = _MONTHS.get(text.lower().rstrip("."))
    if month is None:
        raise ValueError(f"unknown month name {text!r}")
    return month


def _make_date(year: int, month: int, day: int, precision: str) -> tuple[str, str]:
    try:
        return dt.date(year, month, day).isoformat(), precision
    except ValueError:
        raise ValueError("impossible date") from None


def parse_date(value: object) -> tuple[str, str]:
    """``(ISO date, precision)`` from a CNS ``Date`` cell; ValueError if unreadable.

    >>> parse_date("9-Apr-84"), parse_date("Sep-84")
    (('1984-04-09', 'day'), ('1984-09-01', 'month'))
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel_serial(value)
    text = _clean_text(value)
    if not text:
        raise ValueError("date is missing")
    m = re.fullmatch(r"(\d{1,2})[- ]([A-Za-z]{3,9}\.?)[- ,]+(\d{2}|\d{4})", text)
    if m:
        return _make_date(_year(m[3]), _month(m[2]), int(m[1]), "day")
    m = re.fullmatch(r"([A-Za-z]{3,9}\.?)[- ,]+(\d{2}|\d{4})", text)
    if m:
        return _make_date(_year(m[2]), _month(m[1]), 1, "month")
    m = re.fullmatch(r"([A-Za-z]{3,9}\.?) (\d{1,2}),? (\d{4})", text)
    if m:
        return _make_date(int(m[3]), _month(m[1]), int(m[2]), "day")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), "day")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m:
        return _make_date(int(m[1]), int(m[2]), 1, "month")
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: 0?0:00(?::00)?)?", text)
    if m:
        return _make_date(_year(m[3]), int(m[1]), int(m[2]), "day")
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        return _make_date(int(m[1]), 1, 1, "year")
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        return _excel_serial(float(text))
    raise ValueError("unreadable date (expected e.g. 9-Apr-84, Sep-84 or 1984-04-09)")


def _excel_serial(number: float) -> tuple[str, str]:
    if not 20000 <= number < 80000:  # 1954 .. 2119
        raise ValueError("a number where a date was expected")
    day = dt.date(1899, 12, 30) + dt.timedelta(days=int(number))
    return day.isoformat(), "day"


def parse_time(value: object) -> str:
    """``HH:MM`` from a launch time cell, ``''`` when unknown or unreadable."""
    if isinstance(value, (dt.datetime, dt.time)):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
    m = _TIME.search(_clean_text(value))
    if not m:
        return ""
    hour, minute = int(m[1]), int(m[2])
    meridiem = (m[3] or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            return ""
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        return ""
    return f"{hour:02d}:{minute:02d}"


def parse_km(value: object) -> float | None:
    """Kilometres from an ``Apogee`` / ``Distance Travelled`` cell, else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if value >= 0 else None
    m = _NUMBER.fullmatch(_clean_text(value))
    if not m:
        return None
    return float(m[1].replace(",", "") + (m[2] or ""))


def parse_coordinate(value: object) -> float | None:
    """A decimal-degree coordinate, else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = _clean_text(value).rstrip("°NnEe ").strip()
    try:
        return float(text)
    except ValueError:
        return None


def parse_missile_class(value: object) -> str:
    """Our ``missile_class`` for a CNS ``Missile Type`` (``unknown`` if unmapped)."""
    return _CLASSES.get(_norm(value), "unknown")


def parse_outcome(value: object) -> str:
    """``success``, ``failure`` or ``unknown`` from a ``Test Outcome`` cell."""
    text = _clean_text(value).lower()
    if text.startswith("success"):
        return "success"
    if text.startswith("fail"):
        return "failure"
    return "unknown"


def first_url(value: object) -> str:
    """The first URL among the ``;``-separated entries of a ``Source(s)`` cell."""
    for part in str(value or "").split(";"):
        m = _URL.search(part)
        if m:
            return m[0].rstrip(".,)]")
    return ""


# ----------------------------------------------------------------------------
# The JSON copy

CNS_JSON_FILES = ("test.en.json", "missile.en.json", "facility.en.json")
"""A JSON copy of the database: the tests, and the missile and facility keys they use."""


def read_cns_json(path: str | PathLike, columns: list[str], evidence: bool = False) -> pd.DataFrame:
    """Read a JSON copy of the CNS database (``test.en.json`` with ``missile.en.json``
    and ``facility.en.json`` beside it) into the same rows as :func:`read_cns`.

    The copy keeps the CNS ``Date`` (``YYYY-MM-DD``, or ``YYYY-MM`` for a month),
    the UTC time as ``HH:MM (UTC)``, the missile's name and CNS type, the facility
    and its coordinates, apogee, distance and outcome; it has no per-missile
    sources, so its rows cite the database's page. Its release date is its newest
    event date (the copy records no entry dates).
    """
    path = inputs.input_path(path, "the CNS JSON copy's test.en.json")
    name = str(path)
    docs, files = _json_documents(path)
    tests, missiles, facilities = inputs.cns_json_parts(docs, files)
    problems: list[Problem] = []
    rows = []
    read: list[tuple[int, dict]] = []
    for index, where, test in tests:
        fields, place = json_fields(test, missiles, facilities)
        row, wrong = launch_row(SourceRecord(name, index, fields, columns=_JSON_FIELDS, where=where))
        problems += wrong
        if row is None:
            continue
        rows.append(row)
        read.append((index, {**fields, "place": place, "facility": test.get("facility"), "where": where}))
    if not problems:
        problems = _json_row_problems(files, read, rows)
    if problems:
        raise DataError(problems)
    if not rows:
        raise DataError([Problem(name, None, None, "the file has no launch records")])
    frame = _launch_frame(rows, columns, evidence)
    newest = max(frame["source_date"])
    frame.attrs["release"] = release_info(path, "cns-copy", newest, newest)
    return frame


def _json_documents(path: Path) -> tuple[dict, dict]:
    """The parsed files of a JSON copy (``test.en.json`` at ``path``, the key files
    beside it) and the path each is shown by, both by file name; DataError naming the
    file that is missing or not JSON."""
    docs, files = {}, {}
    for file in CNS_JSON_FILES:
        sibling = path if file == "test.en.json" else path.with_name(file)
        files[file] = str(sibling)
        try:
            text = inputs.input_path(sibling, "a CNS JSON copy file").read_text(encoding="utf-8-sig")
        except DataError as exc:
            if "not found" in exc.problems[0].message:
                raise DataError([Problem(str(sibling), None, None,
                                         "file not found; a CNS JSON copy needs " + ", ".join(CNS_JSON_FILES))]) from None
            raise
        except (OSError, ValueError) as exc:
            raise DataError([Problem(str(sibling), None, None, f"not readable JSON ({exc})")]) from None
        try:
            docs[file] = inputs.load_json(text, str(sibling))
        except DataError as exc:
            problem = exc.problems[0]
            raise DataError([Problem(problem.file, problem.row, problem.column, "not readable JSON: " + problem.message,
                                     problem.value)]) from None
    return docs, files


def json_fields(test: dict, missiles: dict, facilities: dict) -> tuple[dict, dict]:
    """One JSON copy record's cells by the official file's column names (what
    :func:`launch_row` reads), with its missile and facility looked up by key; and
    the facility record itself (its coordinates are checked once per key)."""
    missile = missiles.get(test.get("missile"), {}) if test.get("missile") is not None else {}
    place = facilities.get(test.get("facility"), {}) if test.get("facility") is not None else {}
    fields = {"Date": test.get("date"), "Launch Time (UTC)": test.get("time"),
              "Missile Name": missile.get("name"), "Missile Type": missile.get("type"),
              "Facility Name": place.get("name"), "Facility Latitude": place.get("lat"),
              "Facility Longitude": place.get("lon"), "Landing Location": test.get("landing"),
              "Apogee": test.get("apogee"), "Distance Travelled": test.get("distance"),
              "Test Outcome": test.get("outcome"), "Additional Information": test.get("description")}
    return fields, place


_JSON_FIELDS = {"Date": "date"}
"""The JSON copy's names of the official columns its problems name."""


def _json_row_problems(files: dict, read: list[tuple[int, dict]], rows: list[dict]) -> list[Problem]:
    """The checks of :func:`check_rows` for a JSON copy: launch dates from 1984 to today,
    apogees and distances within physical bounds, facility coordinates (in
    ``facility.en.json``) that are numbers in North Korea."""
    name, facility_file = files["test.en.json"], files["facility.en.json"]
    problems: list[Problem] = []
    today = inputs.today()
    checked: set = set()
    for (index, raw), row in zip(read, rows):
        where = raw["where"]
        p = inputs.date_problem(name, index, "date", row["source_date"], inputs.FIRST_LAUNCH, today)
        if p:
            problems.append(Problem(p.file, p.row, p.column, f"{p.message} ({where})", _shown(raw["Date"])))
        for column, json_field, upper in (("Apogee", "apogee", inputs.MAX_APOGEE_KM),
                                     ("Distance Travelled", "distance", inputs.MAX_DISTANCE_KM)):
            p = inputs.number_problem(name, index, json_field, inputs.km_value(raw[column], parse_km), upper)
            if p:
                problems.append(Problem(p.file, p.row, p.column, f"{p.message} ({where})", p.value))
        key, place = raw["facility"], raw["place"]
        if row["facility"] != "Unknown" and key not in checked:
            checked.add(key)
            problems += inputs.coordinate_problems(
                facility_file, None, (f"{key}.lat", f"{key}.lon"), (place.get("lat"), place.get("lon")),
                (parse_coordinate(place.get("lat")), parse_coordinate(place.get("lon"))))
    return problems
