"""The rules of the event audit (``data/event_audit.csv``).

The audit has one row per launch event of ``missile_launches`` and per incident of
``incidents`` from :data:`AUDIT_START` on, keyed by table, Korean date and sequence
on that day (ids follow dates, so a re-dated event keeps its audit row). The rules:

* **coverage**: every event of the two tables from :data:`AUDIT_START` to the newest
  audited date has an audit row (events a later release adds await their audit), and
  every audit row stands for an event of its table. A row counts for
  the table's events on its ``date``; a corrected row that names the date the table
  held (``recorded_date``) counts for that date instead while the table still has
  the event there (the fix of the date rule has not been applied yet);
* **one event, one row**: an incident that is the same event as a launch is a
  corrected row with fix ``merge``; it counts for its incident while the incidents
  table holds it, and otherwise for a launch of that date (moved to, or already in,
  ``missile_launches``);
* **dates explained**: ``recorded_date`` differs from ``date`` and only a
  ``corrected`` row has one; a corrected row says how it is fixed (``fix``), and a
  ``ledger`` fix has a row of ``corrections.csv`` for that table whose corrected date
  is the audited one; only a corrected row has a ``fix``;
* **evidence**: a confirmed or corrected row has evidence other than ``none``, an
  ``instant`` needs a dated report, and the report is not dated more than a day
  before the event (a report of a time zone behind Korea may carry the day before);
  an ``instant`` without a dated report needs a reported ``local_time`` from
  :data:`DAYTIME` on, when the CNS date is the Korean date in either convention;
  an unconfirmed row has evidence ``none``;
* **sequence**: the rows of one table on one date are numbered 1, 2, ... without gaps.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

import pandas as pd

from usnk.errors import Problem

AUDIT = "event_audit"
AUDIT_FILE = "event_audit.csv"
AUDIT_START = "2017-01-01"
AUDITED = {"missile_launches": "event_id", "incidents": "id"}
MERGED_INTO = "missile_launches"
"""Where an incident that is the same event as a launch goes (fix ``merge``)."""
DAYTIME = "09:00"
"""From 09:00 KST (00:00 UTC) on, a launch has the same date in UTC and in Korea."""
"""Audited tables and the column that tells one event from another."""


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def table_events(frame: pd.DataFrame, key: str, until: str = "9999-12-31") -> Counter:
    """Number of events per date from :data:`AUDIT_START` to ``until`` (``key`` tells
    events apart)."""
    seen: dict[str, str] = {}
    for d, k in zip(frame["date"], frame[key]):
        if AUDIT_START <= d <= until and k not in seen:
            seen[k] = d
    return Counter(seen.values())


Flaw = tuple[int, str, str, object]
"""One problem of an audit row: (row index, column, what was expected, the value)."""


def _ledger_dates(frames: dict[str, pd.DataFrame]) -> set[tuple[str, str]]:
    """(table, corrected date) of every date correction in the ledger."""
    ledger = frames.get("corrections")
    if ledger is None or not {"table", "field", "corrected_value"} <= set(ledger.columns):
        return set()
    return {(r["table"], r["corrected_value"]) for r in ledger.to_dict("records") if r["field"] == "date"}


def row_flaws(i: int, r: dict, ledger_dates: set[tuple[str, str]]) -> list[Flaw]:
    """The rules one audit row obeys on its own: dates explained, fixes, evidence."""
    flaws: list[Flaw] = []
    outcome, fix, rec = r["outcome"], r["fix"], r["recorded_date"]
    if rec and rec == r["date"]:
        flaws.append((i, "recorded_date", "expected recorded_date only where the table's date differs from date",
                      rec))
    if rec and outcome != "corrected":
        flaws.append((i, "outcome", "expected outcome 'corrected' for a row whose recorded_date differs from date",
                      outcome))
    if outcome == "corrected" and not fix:
        flaws.append((i, "fix", "expected fix ('rule', 'ledger' or 'merge') for a corrected row", None))
    if fix == "merge" and r["table"] == MERGED_INTO:
        flaws.append((i, "fix", "expected fix 'merge' only for an incident that is the same event as a launch", fix))
    if fix and outcome != "corrected":
        flaws.append((i, "fix", "expected no fix for a row that is not corrected", fix))
    if fix == "ledger" and rec and (r["table"], r["date"]) not in ledger_dates:
        flaws.append((i, "fix", f"expected a row of corrections.csv for {r['table']} correcting a date to "
                                f"{r['date']}", fix))
    if outcome in ("confirmed", "corrected") and r["evidence"] == "none":
        flaws.append((i, "evidence", f"expected the evidence that settles the date of a {outcome} row", "none"))
    if outcome == "unconfirmed" and r["evidence"] not in ("none", ""):
        flaws.append((i, "evidence", "expected evidence 'none' for an unconfirmed row", r["evidence"]))
    if r["evidence"] == "instant" and not r["report_date"] and not (r.get("local_time") or "") >= DAYTIME:
        flaws.append((i, "report_date", "expected the date of a report of the day for evidence 'instant' "
                                        f"(or a reported local_time from {DAYTIME}, when the CNS date is the Korean "
                                        "date in either time zone)", None))
    day, rep = _day(r["date"]), _day(r["report_date"])
    if outcome != "unconfirmed" and day and rep and rep < day - timedelta(days=1):
        flaws.append((i, "report_date", f"expected a report dated no earlier than the day before the event "
                                        f"({r['date']})", r["report_date"]))
    return flaws


def sequence_flaws(rows: list[dict]) -> list[Flaw]:
    """The rows of one table on one date are numbered 1, 2, ... without gaps (the
    first break of each day is reported)."""
    seqs: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for i, r in enumerate(rows):
        try:
            seqs[(r["table"], r["date"])].append((int(r["seq"]), i))
        except (TypeError, ValueError):
            pass  # reported by the cell check
    flaws: list[Flaw] = []
    for (table, day), got in seqs.items():
        for want, (seq, i) in enumerate(sorted(got), start=1):
            if seq != want:
                flaws.append((i, "seq", f"expected seq {want}: the rows of {table} on {day} are numbered 1, 2, ... "
                                        "without gaps", seq))
                break
    return flaws


class _Coverage:
    """The events of the audited tables up to ``horizon``, and how many of each day
    the audit rows have claimed so far."""

    def __init__(self, frames: dict[str, pd.DataFrame], horizon: str) -> None:
        self.events: dict[str, Counter] = {}
        for table, key in AUDITED.items():
            frame = frames.get(table)
            if frame is not None and {"date", key} <= set(frame.columns):
                self.events[table] = table_events(frame, key, horizon)
        self.assigned = {t: Counter() for t in self.events}

    def take(self, table: str, day: str) -> bool:
        """Claim one event of ``table`` on ``day`` for an audit row, if one is left."""
        if day and table in self.events and self.assigned[table][day] < self.events[table].get(day, 0):
            self.assigned[table][day] += 1
            return True
        return False

    def unaudited(self) -> list[tuple[str, str, int, int]]:
        """(table, day, events, audited) of every day with events no audit row stands for."""
        return [(table, d, counts[d], self.assigned[table][d]) for table, counts in self.events.items()
                for d in sorted(counts) if self.assigned[table][d] < counts[d]]


def coverage_flaws(rows: list[dict], cover: _Coverage) -> list[Flaw]:
    """Every audit row stands for an event of its table (a merged incident, for its
    incident or for a launch of its date); rows of the table's own date claim first."""
    events, assigned = cover.events, cover.assigned
    own = [(i, r) for i, r in enumerate(rows) if r["table"] in events and r["fix"] != "merge"]
    merged = [(i, r) for i, r in enumerate(rows) if r["table"] in events and r["fix"] == "merge"]
    flaws: list[Flaw] = []
    for i, r in sorted(own, key=lambda x: bool(x[1]["recorded_date"])) + merged:
        table, d, rec = r["table"], r["date"], r["recorded_date"]
        if cover.take(table, d) or cover.take(table, rec):
            continue
        where = f"{d}" + (f" or, as recorded, {rec}" if rec else "")
        if r["fix"] == "merge" and MERGED_INTO in events:
            if cover.take(MERGED_INTO, d) or events[MERGED_INTO].get(d, 0):
                continue  # moved to the launch table, or the same event as a launch audited there
            flaws.append((i, "date", f"expected an event of {table} on {where}, or of {MERGED_INTO} on {d}, "
                                     "for this merged audit row", d))
            continue
        flaws.append((i, "date", f"expected an event of {table} on {where} for this audit row "
                                 f"({events[table].get(d, 0)} there, {assigned[table][d]} already audited)", d))
    return flaws


def check(frames: dict[str, pd.DataFrame], files: dict[str, str] | None = None) -> list[Problem]:
    """Problems of the audit table against itself, the audited tables and the ledger."""
    files = files or {}
    audit = frames.get(AUDIT)
    if audit is None:
        return []
    file = files.get(AUDIT, AUDIT_FILE)
    needed = {"table", "date", "seq", "recorded_date", "evidence", "report_date", "outcome", "fix"}
    if not needed <= set(audit.columns):
        return []  # the missing columns are reported against the schema
    rows = audit.to_dict("records")
    lines = list(audit.attrs.get("lines") or range(2, len(rows) + 2))
    ledger_dates = _ledger_dates(frames)
    flaws = [f for i, r in enumerate(rows) for f in row_flaws(i, r, ledger_dates)] + sequence_flaws(rows)
    audited_days = sorted(d for d in audit["date"] if _day(d))
    cover = _Coverage(frames, audited_days[-1]) if audited_days else None
    if cover is not None:
        flaws += coverage_flaws(rows, cover)
    problems = [Problem(file, lines[i], column, message, value) for i, column, message, value in flaws]
    for table, d, n, audited in cover.unaudited() if cover is not None else []:
        problems.append(Problem(files.get(table, f"{table}.csv"), None, "date",
                                f"expected an audit row in {file} for every event since {AUDIT_START}: "
                                f"{n - audited} of the {n} events on {d} have none", d))
    return problems
