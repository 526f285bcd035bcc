"""The rule of the corrections ledger (``data/corrections.csv``) and of the launch dates.

:func:`check` is the validation rule: every ledger row names an existing row and
field and is applied; every launch row marked ``correction`` has a ledger row; and
the time convention of ``missile_launches`` holds (see :func:`check_launch_dates`).
Taking the ledger off and putting it on again during an update is the importers'
(:mod:`usnk.importers.ledger`).
"""

from __future__ import annotations

import pandas as pd

from usnk.errors import Problem
from usnk.kst import candidate_days, korean_date

LEDGER = "corrections"
LEDGER_FILE = "corrections.csv"
LAUNCHES = "missile_launches"
CLASS_FIELD = "missile_class"


def selected_rows(frame: pd.DataFrame, table: str, row_id: str) -> pd.Series:
    """The rows of ``frame`` that a ledger row's ``row_id`` names (an ``id``, or for
    the launch table also an ``event_id``)."""
    hit = frame["id"] == row_id
    if table == LAUNCHES and "event_id" in frame:
        hit = hit | (frame["event_id"] == row_id)
    return hit


def check(frames: dict[str, pd.DataFrame], files: dict[str, str] | None = None) -> list[Problem]:
    """Problems with the ledger and the launch table's date and class bases.

    ``frames`` are the tables as raw strings; ``files`` maps table names to file
    names for the messages. Row numbers are file lines (header = line 1).
    """
    files = files or {}
    problems: list[Problem] = []
    ledger = frames.get(LEDGER)
    launches = frames.get(LAUNCHES)
    if ledger is not None:
        problems += _check_ledger(ledger, frames, files.get(LEDGER, LEDGER_FILE))
    if launches is not None:
        problems += check_launch_dates(launches, ledger, files.get(LAUNCHES, "missile_launches.csv"))
    return problems


LEDGER_COLUMNS = ("table", "row_id", "field", "source_value", "corrected_value")


def _check_ledger(ledger: pd.DataFrame, frames, file: str) -> list[Problem]:
    problems = []
    if not set(LEDGER_COLUMNS) <= set(ledger.columns):
        return problems  # the missing columns are reported against the schema
    for i, r in enumerate(ledger.to_dict("records")):
        line = i + 2
        target = frames.get(r["table"])
        if target is None or "id" not in target:
            problems.append(Problem(file, line, "table", "expected the name of a table of the package", r["table"]))
            continue
        if r["field"] not in target.columns or r["field"] in ("id", "event_id"):
            problems.append(Problem(file, line, "field", f"expected a column of {r['table']} other than its keys",
                                    r["field"]))
            continue
        if r["source_value"] == r["corrected_value"]:
            problems.append(Problem(file, line, "corrected_value", "expected a value other than source_value",
                                    r["corrected_value"]))
        if r["row_id"] in set(target["id"][target["id"].duplicated()]):
            continue  # an ambiguous row: the repeated id is reported by the schema check
        selected = target[selected_rows(target, r["table"], r["row_id"])]
        if not len(selected):
            problems.append(Problem(file, line, "row_id", f"expected the id of a row of {r['table']}",
                                    r["row_id"]))
            continue
        wrong = selected[selected[r["field"]] != r["corrected_value"]]
        if len(wrong):
            problems.append(Problem(file, line, "corrected_value",
                                    f"expected {r['table']} {r['row_id']} to hold this value in {r['field']}; "
                                    f"it holds {wrong[r['field']].iloc[0]!r}", r["corrected_value"]))
        if r["table"] == LAUNCHES and r["field"] == "date" and (selected["date_basis"] != "correction").any():
            problems.append(Problem(file, line, "row_id", "expected date_basis correction for the moved launch",
                                    r["row_id"]))
    return problems


def check_launch_dates(launches: pd.DataFrame, ledger: pd.DataFrame | None, file: str) -> list[Problem]:
    """The time convention of ``missile_launches``: ``launch_date_utc`` is given
    exactly when ``launch_time_utc`` is, and that UTC instant plus nine hours falls
    on ``date``; ``date_basis`` agrees with the row (``utc_time`` needs a time and
    gives the Korean date of the source date read as UTC; ``source_date`` keeps the
    source's date; ``correction`` and a ``class_basis`` of ``correction`` need a
    ledger row; ``source_text`` and ``first_report`` need a time and pick one of the
    two readings of source_date; ``same_launch`` is for an untimed CNS row and gives
    the day after source_date; CSIS rows are dated by CSIS, by their description or
    by a correction)."""
    problems = []
    corrected = set()
    if ledger is not None and set(LEDGER_COLUMNS) <= set(ledger.columns):
        rows = [r for r in ledger.to_dict("records") if r["table"] == LAUNCHES]
        corrected = {(r["row_id"], r["field"]) for r in rows}
        # a date correction moves every launch of the day: the new date is what it names
        corrected |= {(r["corrected_value"], "date") for r in rows if r["field"] == "date"}
    needed = [c for c in ("date", "date_basis", "source_date", "launch_date_utc", "launch_time_utc",
                          "class_basis", "origin", "id", "event_id", "date_precision") if c in launches.columns]
    if len(needed) < 10:
        return problems
    for i, r in enumerate(launches[needed].to_dict("records")):
        line = i + 2

        def bad(column, message, value):
            problems.append(Problem(file, line, column, message, value))

        time, utc_day, basis = r["launch_time_utc"], r["launch_date_utc"], r["date_basis"]
        if bool(time) != bool(utc_day):
            bad("launch_date_utc", "expected launch_date_utc exactly when launch_time_utc is given",
                utc_day or None)
        elif time and _valid_day(utc_day) and _valid_day(r["date"]) and korean_date(utc_day, time) != r["date"]:
            bad("launch_date_utc", f"expected {utc_day} {time} UTC plus nine hours to fall on the date "
                                   f"{r['date']}", utc_day)
        if basis == "utc_time":
            if not time:
                bad("date_basis", "utc_time needs a launch_time_utc", basis)
            elif _valid_day(r["source_date"]) and korean_date(r["source_date"], time) != r["date"]:
                bad("date", "expected the Korean date of source_date read as UTC plus the launch time",
                    r["date"])
        if basis == "source_date" and _valid_day(r["date"]) and r["date"] != r["source_date"]:
            bad("date", f"date_basis source_date: expected the source_date {r['source_date']}", r["date"])
        if basis in ("source_text", "first_report"):
            if not time:
                bad("date_basis", f"{basis} needs a launch_time_utc", basis)
            elif _valid_day(r["source_date"]) and r["date"] not in candidate_days(r["source_date"], time):
                bad("date", f"date_basis {basis}: expected source_date read as the Korean date or as the "
                            "UTC date plus the launch time", r["date"])
        if basis == "same_launch":
            if time or r["origin"] != "cns":
                bad("date_basis", "same_launch is for untimed CNS rows (they take the date of their timed salvo)",
                    basis)
            elif _valid_day(r["source_date"]) and r["date"] != _next_day(r["source_date"]):
                bad("date", "date_basis same_launch: expected the day after source_date (the salvo's Korean date "
                            "by its UTC times)", r["date"])
        if basis == "description" and _valid_day(r["date"]) and r["date"] == r["source_date"]:
            bad("date_basis", "description: expected a date other than source_date (else source_date)", basis)
        if r["origin"] == "csis" and basis not in ("source_date", "description", "correction"):
            bad("date_basis", "expected source_date, description or correction for a CSIS row", basis)
        if r["origin"] == "cns" and basis == "description":
            bad("date_basis", "description is for rows without an instant from CSIS; not a CNS row", basis)
        for column, value, field in (("date_basis", basis, "date"), ("class_basis", r["class_basis"], CLASS_FIELD)):
            keys = (r["id"], r["event_id"], r["date"]) if field == "date" else (r["id"], r["event_id"])
            if value == "correction" and not any((key, field) in corrected for key in keys):
                bad(column, f"expected a row of {LEDGER_FILE} correcting {field} of this row", value)
    return problems


def _next_day(day: str) -> str:
    return (pd.Timestamp(day) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")


def _valid_day(text: str) -> bool:
    try:
        pd.Timestamp(text)
        return len(text) == 10
    except ValueError:
        return False
