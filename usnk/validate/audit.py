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
            bad(i, "fix", "expected fix ('rule', 'ledger' or 'merge') for a corrected row")
        if fix == "merge" and r["table"] == MERGED_INTO:
            bad(i, "fix", "expected fix 'merge' only for an incident that is the same event as a launch", fix)
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

    audited_days = sorted(d for d in audit["date"] if _day(d))
    if not audited_days:
        return problems  # nothing audited yet
    horizon = audited_days[-1]
    events: dict[str, Counter] = {}
    for table, key in AUDITED.items():
        frame = frames.get(table)
        if frame is not None and {"date", key} <= set(frame.columns):
            events[table] = table_events(frame, key, horizon)
    assigned = {t: Counter() for t in events}

    def take(table: str, day: str) -> bool:
        if day and table in events and assigned[table][day] < events[table].get(day, 0):
            assigned[table][day] += 1
            return True
        return False

    own = [(i, r) for i, r in enumerate(rows) if r["table"] in events and r["fix"] != "merge"]
    merged = [(i, r) for i, r in enumerate(rows) if r["table"] in events and r["fix"] == "merge"]
    for i, r in sorted(own, key=lambda x: bool(x[1]["recorded_date"])) + merged:
        table, d, rec = r["table"], r["date"], r["recorded_date"]
        if take(table, d) or take(table, rec):
            continue
        where = f"{d}" + (f" or, as recorded, {rec}" if rec else "")
        if r["fix"] == "merge" and MERGED_INTO in events:
            if take(MERGED_INTO, d) or events[MERGED_INTO].get(d, 0):
                continue  # moved to the launch table, or the same event as a launch audited there
            bad(i, "date", f"expected an event of {table} on {where}, or of {MERGED_INTO} on {d}, "
                           "for this merged audit row", d)
            continue
        bad(i, "date", f"expected an event of {table} on {where} for this audit row "
                       f"({events[table].get(d, 0)} there, {assigned[table][d]} already audited)", d)
    for table in events:
        tfile = files.get(table, f"{table}.csv")
        for d in sorted(events[table]):
            if assigned[table][d] < events[table][d]:
                problems.append(Problem(tfile, None, "date",
                                        f"expected an audit row in {file} for every event since {AUDIT_START}: "
                                        f"{events[table][d] - assigned[table][d]} of the {events[table][d]} events "
                                        f"on {d} have none", d))
    return problems
