"""The corrections ledger (``data/corrections.csv``) on and off a re-imported table.

Every value in ``data/`` that does not come from its row's own source is one row of
the ledger: the table, the row (``row_id``: a row's ``id``, or for
``missile_launches`` an ``event_id`` when the correction holds for every missile
of the launch), the field, the value the source gives, the corrected value, the
reason and the source of the correction.

Updates rebuild tables from the sources, so the ledger is taken off before an
update (:func:`unapply`: corrected values back to the source's) and put on again
after it (:func:`apply`). A date correction of a launch moves every launch row that
the import dates ``source_value`` (the reconciled date: CSIS's, or the source's) to
``corrected_value`` before identifiers are assigned (:func:`apply_dates`);
``row_id`` names the first event so moved.

The validation rule for the ledger and the launch dates is
:func:`usnk.validate.ledger.check`, below the importers.
"""

from __future__ import annotations

import pandas as pd

from usnk.kst import utc_date
from usnk.validate.ledger import CLASS_FIELD, LAUNCHES, LEDGER, LEDGER_FILE, selected_rows

__all__ = ["CLASS_FIELD", "LAUNCHES", "LEDGER", "LEDGER_FILE", "apply", "apply_dates", "unapply"]


def _rows(ledger: pd.DataFrame | None, table: str):
    if ledger is None or not len(ledger):
        return []
    return [r for _, r in ledger.iterrows() if r["table"] == table]


def unapply(frame: pd.DataFrame, table: str, ledger: pd.DataFrame | None) -> pd.DataFrame:
    """The table with every applied correction taken back to the source's value."""
    out = frame.copy()
    for r in _rows(ledger, table):
        if table == LAUNCHES and r["field"] == "date":
            hit = (out["date"] == r["corrected_value"]) & (out["date_basis"] == "correction")
            out.loc[hit, "date"] = r["source_value"]
            # the date the import gave: taken from CSIS for CNS rows, CSIS's own for CSIS rows
            out.loc[hit, "date_basis"] = ["csis_match" if o == "cns" else "source_date"
                                          for o in out.loc[hit, "origin"]]
            continue
        hit = selected_rows(out, table, r["row_id"]) & (out[r["field"]] == r["corrected_value"])
        out.loc[hit, r["field"]] = r["source_value"]
        if table == LAUNCHES and r["field"] == CLASS_FIELD:
            out.loc[hit, "class_basis"] = "source"
    return out


def apply_dates(launches: pd.DataFrame, ledger: pd.DataFrame | None) -> pd.DataFrame:
    """Launch rows with the ledger's date corrections applied (before ids exist)."""
    out = launches.copy()
    for r in _rows(ledger, LAUNCHES):
        if r["field"] != "date":
            continue
        hit = out["date"] == r["source_value"]
        out.loc[hit, "date"] = r["corrected_value"]
        out.loc[hit, "date_basis"] = "correction"
        timed = hit & (out["launch_time_utc"] != "")
        out.loc[timed, "launch_date_utc"] = [utc_date(r["corrected_value"], t)
                                             for t in out.loc[timed, "launch_time_utc"]]
    return out


def apply(frame: pd.DataFrame, table: str, ledger: pd.DataFrame | None) -> tuple[pd.DataFrame, list[str]]:
    """The table with the ledger's other corrections applied, and a note for each
    correction whose source value is no longer what the source gives."""
    out = frame.copy()
    notes = []
    for r in _rows(ledger, table):
        if table == LAUNCHES and r["field"] == "date":
            continue
        selected = selected_rows(out, table, r["row_id"])
        hit = selected & (out[r["field"]] == r["source_value"])
        stale = selected & ~hit & (out[r["field"]] != r["corrected_value"])
        if stale.any():
            notes.append(f"{table} {r['row_id']} {r['field']}: the source now gives "
                         f"{out.loc[stale, r['field']].iloc[0]!r}, the ledger expects {r['source_value']!r}; "
                         "correction not applied, review it")
        out.loc[hit, r["field"]] = r["corrected_value"]
        if table == LAUNCHES and r["field"] == CLASS_FIELD:
            out.loc[hit, "class_basis"] = "correction"
    return out, notes
