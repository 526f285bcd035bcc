"""How long commitments and moratoria held, what ended them, and the first launch or test
that went against each.

Pure functions of the typed tables ``commitments``, ``missile_launches`` and ``nuclear_tests``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .claims import CONTRADICTED, NOT_TESTABLE, PARTLY, SUPPORTED, Verdict
from .launches import launch_events

SECTION_RECORD = "ch5-commitments"
SECTION_HALT = "ch3-halt-2018"

#: "Agreements never last" is read as: every pledge has ended, and the typical one
#: (median) within this many years.
SHORT_LIVED_YEARS = 2.0


def _classes(text) -> list[str]:
    return [c for c in str(text).split("; ") if c] if isinstance(text, str) else []


def commitment_record(commitments: pd.DataFrame, launches: pd.DataFrame, tests: pd.DataFrame, *,
                      as_of=None) -> pd.DataFrame:
    """One row per commitment: how long it held and the first act against it.

    Columns: ``id, pledged_by, terms, date, end_date, holding`` (no end yet), ``days,
    years`` (to the end, or to ``as_of`` while holding: a lower bound), ``end_event,
    end_kind, first_breach_date, first_breach`` (the first launch event of a class the
    pledge halts, or the first nuclear test if it halts tests, after the pledge date),
    ``days_to_breach``. ``as_of`` defaults to the newest launch date.
    """
    ev = launch_events(launches)
    as_of = pd.Timestamp(as_of) if as_of is not None else ev["date"].max()
    rows = []
    for c in commitments.sort_values(["date", "id"]).itertuples():
        candidates = []
        classes = _classes(c.halts_launch_classes)
        if classes:
            later = ev[(ev["date"] > c.date) & ev["missile_class"].isin(classes)]
            if len(later):
                first = later.iloc[0]
                candidates.append((first["date"], f"{first['missile_name']} ({first['missile_class']}) launch"))
        if c.halts_nuclear_tests:
            later = tests[tests["date"] > c.date].sort_values("date")
            if len(later):
                candidates.append((later.iloc[0]["date"], f"nuclear test no. {int(later.iloc[0]['test_number'])}"))
        breach_date, breach = min(candidates) if candidates else (pd.NaT, None)
        holding = pd.isna(c.end_date)
        end = as_of if holding else c.end_date
        days = int((end - c.date).days)
        rows.append({
            "id": c.id, "pledged_by": c.pledged_by, "terms": c.terms, "date": c.date,
            "end_date": c.end_date, "holding": holding, "days": days, "years": round(days / 365.25, 1),
            "end_event": c.end_event, "end_kind": c.end_kind,
            "first_breach_date": breach_date, "first_breach": breach,
            "days_to_breach": (breach_date - c.date).days if pd.notna(breach_date) else np.nan,
        })
    return pd.DataFrame(rows)


def never_last_verdict(record: pd.DataFrame, *, short_years=SHORT_LIVED_YEARS) -> Verdict:
    """Verdict on "agreements with North Korea never last" from :func:`commitment_record`.

    Rule: every pledge ended and the median lasted under ``short_years``: supported;
    most ended (or all ended but the median lasted longer): partly supported; most still
    hold: contradicted; no pledges: not testable.
    """
    claim = "Agreements with North Korea never last."
    if record.empty:
        return Verdict("agreements-never-last", claim, NOT_TESTABLE, "No commitments in the table.", SECTION_RECORD)
    ended = record[~record["holding"]]
    median = float(ended["years"].median()) if len(ended) else float("nan")
    longest = ended.loc[ended["days"].idxmax()] if len(ended) else None
    evidence = (f"{len(ended)} of {len(record)} recorded pledges have ended"
                + (f"; median duration {median:.1f} years, longest {longest['id']} ({longest['years']:.1f} years)"
                   if longest is not None else "")
                + "; still standing: " + (", ".join(record.loc[record["holding"], "id"]) or "none") + ".")
    if len(ended) == len(record) and median < short_years:
        verdict = SUPPORTED
    elif len(ended) * 2 > len(record):
        verdict = PARTLY
    else:
        verdict = CONTRADICTED
    return Verdict("agreements-never-last", claim, verdict, evidence, SECTION_RECORD)


def moratorium_verdict(record: pd.DataFrame, commitment_id: str, claim_id: str, claim: str,
                       section: str, *, breached_in: str | None = None) -> Verdict:
    """Did a launch or test moratorium hold while in force (or, with ``breached_in``,
    until the month ``'YYYY-MM'`` the claim names)?

    Rule without ``breached_in``: no covered launch or test between the pledge and its end
    (or today while it holds): supported; the first breach came before the end:
    contradicted. With ``breached_in``: the first covered launch or test after the pledge
    falls in that month: supported; otherwise contradicted. A pledge not in the table: not
    testable.
    """
    rows = record[record["id"] == commitment_id]
    if rows.empty:
        return Verdict(claim_id, claim, NOT_TESTABLE, f"No commitment {commitment_id!r} in the table.", section)
    r = rows.iloc[0]
    end = r["date"] + pd.Timedelta(days=int(r["days"]))
    breach = r["first_breach_date"]
    end_text = "still in force" if r["holding"] else f"ended {end:%Y-%m-%d} ({r['end_event']})"
    if pd.isna(breach):
        after = "no covered launch or test since"
    else:
        after = f"first covered act after the pledge: {r['first_breach']} on {breach:%Y-%m-%d}"
    evidence = f"Pledged {r['date']:%Y-%m-%d}; {end_text}; held {r['years']:.1f} years; {after}."
    if breached_in is not None:
        verdict = SUPPORTED if pd.notna(breach) and f"{breach:%Y-%m}" == breached_in else CONTRADICTED
    else:
        verdict = CONTRADICTED if pd.notna(breach) and breach < end else SUPPORTED
    return Verdict(claim_id, claim, verdict, evidence, section)


def commitment_verdicts(record: pd.DataFrame) -> list[Verdict]:
    """The verdicts of the commitments questions, computed on ``record``."""
    return [
        never_last_verdict(record),
        moratorium_verdict(record, "missile-moratorium-1999", "moratorium-1999-held",
                           "The 1999 missile moratorium held until July 2006.", SECTION_RECORD,
                           breached_in="2006-07"),
        moratorium_verdict(record, "leap-day-moratorium-2012", "leap-day-ended-april-2012",
                           "The 2012 Leap Day deal was ended by the April 2012 launch.", SECTION_RECORD,
                           breached_in="2012-04"),
        moratorium_verdict(record, "test-halt-2018", "halt-2018-held",
                           "The April 2018 halt of nuclear and ICBM tests held while it was in force.",
                           SECTION_HALT),
    ]
