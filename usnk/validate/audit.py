"""The rules of the event audit (``data/event_audit.csv``).

The audit has one row per launch event of ``missile_launches`` and per incident of
``incidents`` from :data:`AUDIT_START` on, keyed by table, Korean date and sequence
on that day (ids follow dates, so a re-dated event keeps its audit row). The rules:

* **coverage**: every event of the two tables on or after :data:`AUDIT_START` has an
  audit row, and every audit row stands for an event of its table. A row counts for
  the table's events on its ``date``; a corrected row that names the date the table
  held (``recorded_date``) counts for that date instead while the table still has
  the event there (the fix of the date rule has not been applied yet);
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
DAYTIME = "09:00"
"""From 09:00 KST (00:00 UTC) on, a launch has the same date in UTC and in Korea."""
"""Audited tables and the column that tells one event from another."""


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def table_events(frame: pd.DataFrame, key: str) -> Counter:
    """Number of events per date on or after :data:`AUDIT_START` (``key`` tells events apart)."""
    seen: dict[str, str] = {}
    for d, k in zip(frame["date"], frame[key]):
        if d >= AUDIT_START and k not in seen:
            seen[k] = d
    return Counter(seen.values())


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
    problems: list[Problem] = []
    rows = audit.to_dict("records")
    lines = list(audit.attrs.get("lines") or range(2, len(rows) + 2))
    ledger = frames.get("corrections")
    ledger_dates = set()
    if ledger is not None and {"table", "field", "corrected_value"} <= set(ledger.columns):
        ledger_dates = {(r["table"], r["corrected_value"]) for r in ledger.to_dict("records")
                        if r["field"] == "date"}

    def bad(i: int, column: str, message: str, value=None) -> None:
        problems.append(Problem(file, lines[i], column, message, value))

    for i, r in enumerate(rows):
        outcome, fix, rec = r["outcome"], r["fix"], r["recorded_date"]
        if rec and rec == r["date"]:
            bad(i, "recorded_date", "expected recorded_date only where the table's date differs from date", rec)
        if rec and outcome != "corrected":
            bad(i, "outcome", "expected outcome 'corrected' for a row whose recorded_date differs from date",
                outcome)
        if outcome == "corrected" and not fix:
            bad(i, "fix", "expected fix ('rule' or 'ledger') for a corrected row")
        if fix and outcome != "corrected":
            bad(i, "fix", "expected no fix for a row that is not corrected", fix)
        if fix == "ledger" and rec and (r["table"], r["date"]) not in ledger_dates:
            bad(i, "fix", f"expected a row of corrections.csv for {r['table']} correcting a date to {r['date']}",
                fix)
        if outcome in ("confirmed", "corrected") and r["evidence"] == "none":
            bad(i, "evidence", f"expected the evidence that settles the date of a {outcome} row", "none")
        if outcome == "unconfirmed" and r["evidence"] not in ("none", ""):
            bad(i, "evidence", "expected evidence 'none' for an unconfirmed row", r["evidence"])
        if r["evidence"] == "instant" and not r["report_date"] and not (r.get("local_time") or "") >= DAYTIME:
            bad(i, "report_date", "expected the date of a report of the day for evidence 'instant' "
                                  f"(or a reported local_time from {DAYTIME}, when the CNS date is the Korean date "
                                  "in either time zone)")
        day, rep = _day(r["date"]), _day(r["report_date"])
        if outcome != "unconfirmed" and day and rep and rep < day - timedelta(days=1):
            bad(i, "report_date", f"expected a report dated no earlier than the day before the event ({r['date']})",
                r["report_date"])

    seqs: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for i, r in enumerate(rows):
        try:
            seqs[(r["table"], r["date"])].append((int(r["seq"]), i))
        except (TypeError, ValueError):
            pass  # reported by the cell check
    for (table, day), got in seqs.items():
        for want, (seq, i) in enumerate(sorted(got), start=1):
            if seq != want:
                bad(i, "seq", f"expected seq {want}: the rows of {table} on {day} are numbered 1, 2, ... without gaps",
                    seq)
                break

    for table, key in AUDITED.items():
        frame = frames.get(table)
        if frame is None or not {"date", key} <= set(frame.columns):
            continue
        events = table_events(frame, key)
        assigned: Counter = Counter()
        mine = [(i, r) for i, r in enumerate(rows) if r["table"] == table]
        for i, r in sorted(mine, key=lambda x: bool(x[1]["recorded_date"])):
            d, rec = r["date"], r["recorded_date"]
            if assigned[d] < events.get(d, 0):
                assigned[d] += 1
            elif rec and assigned[rec] < events.get(rec, 0):
                assigned[rec] += 1
            else:
                where = f"{d}" + (f" or, as recorded, {rec}" if rec else "")
                bad(i, "date", f"expected an event of {table} on {where} for this audit row "
                               f"({events.get(d, 0)} there, {assigned[d]} already audited)", d)
        tfile = files.get(table, f"{table}.csv")
        for d in sorted(events):
            if assigned[d] < events[d]:
                problems.append(Problem(tfile, None, "date",
                                        f"expected an audit row in {file} for every event since {AUDIT_START}: "
                                        f"{events[d] - assigned[d]} of the {events[d]} events on {d} have none", d))
    return problems
