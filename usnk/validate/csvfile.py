"""The one CSV reader: UTF-8 CSV bytes to rows of strings, each with its file line.

Every problem is a :class:`~usnk.errors.Problem` naming the file and the 1-based
line (header = line 1); nothing here raises for bad content. Importers can read
their CSV input with :func:`read_csv_records` and report problems the same way.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd

from usnk.errors import Problem


def text_line_of_offset(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


class RowLines(list):
    """The file line of each row of a frame, kept in ``frame.attrs["lines"]``. pandas
    deep-copies a frame's attrs on every operation; these lines are never changed once
    read, so a copy shares them instead of copying thousands of numbers each time."""

    def __deepcopy__(self, memo):
        return self


@dataclass
class CsvRecords:
    """A CSV file's header, its rows (each as long as the header), the file line each
    row starts on, and whether the reading reached the end of the file."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    complete: bool = True


def read_csv_records(data: bytes, file: str, *, skip_blank: bool = False
                     ) -> tuple[CsvRecords | None, list[Problem]]:
    """Parse CSV bytes, reporting unreadable content under the name ``file``.

    Returns the records (``None`` if not even a header could be read) and the
    problems. Ragged and blank rows are reported and left out; a quoting error ends
    the reading and is reported on the line its record starts on. A leading byte-order mark is ignored.
    With ``skip_blank``, rows whose cells are all empty or whitespace (whatever their
    number) are left out without a problem, as exported tables often end with some.
    """
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
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: CsvRecords | None = None
    start = 1
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            if records is None:
                records = CsvRecords(record)
                continue
            width = len(records.header)
            if skip_blank and not any(cell.strip() for cell in record):
                continue
            if not record:
                problems.append(Problem(file, line, None, f"blank row; expected {width} fields"))
            elif len(record) != width:
                problems.append(Problem(file, line, None,
                                        f"expected {width} fields as in the header, found {len(record)}"))
            else:
                records.rows.append(record)
                records.lines.append(line)
    except csv.Error as exc:
        # reported on the line the broken record starts on: an unclosed quote is
        # only noticed at the end of the file
        hint = " (a quote opened on this line is never closed)" if "end of data" in str(exc) else ""
        problems.append(Problem(file, start, None, f"expected valid CSV: {exc}{hint}"))
        if records is not None:
            records.complete = False
    # text that is not blank holds a header, so no records means a csv.Error was reported
    return records, problems


def read_csv_text(data: bytes, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """:func:`read_csv_records` as a frame of raw strings (columns = the header).

    The file line of each row is stored in ``frame.attrs["lines"]``, and whether
    every row could be read in ``frame.attrs["complete"]``.
    """
    records, problems = read_csv_records(data, file)
    if records is None:
        return None, problems
    frame = pd.DataFrame(records.rows, columns=range(len(records.header)), dtype=object)
    frame.columns = records.header
    frame.attrs["lines"] = RowLines(records.lines)
    frame.attrs["complete"] = records.complete
    return frame, problems
