"""How long commitments and moratoria held, what ended them, and the first launch or test
that went against each.

Pure functions of the typed tables ``commitments``, ``missile_launches`` and ``nuclear_tests``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..labels import date_label
from .claims import NOT_TESTABLE, Verdict, robust_verdict
from .launches import launch_events

SECTION_RECORD = "ch5-commitments"
SECTION_HALT = "ch3-halt-2018"

#: "Agreements never last", robustness: every pledge ended within this many years.
LASTING_YEARS = 10.0


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


def pledge_label(row) -> str:
    """A pledge in prose, without ids or data strings: who made it and when
    (``"the DPRK's pledge of 11 June 1993"``)."""

    by = str(row["pledged_by"])
    who = {"DPRK": "the DPRK's", "US": "the US's", "ROK; DPRK": "the two Koreas'"}.get(by, f"{by}'s")
    return f"{who} pledge of {date_label(row['date'])}"


def never_last_verdict(record: pd.DataFrame, *, lasting_years=LASTING_YEARS) -> Verdict:
    """Verdict on "agreements with North Korea never last" from :func:`commitment_record`.

    Measure: the share of recorded pledges that have ended. Variants: every pledge ended
    (the claim read strictly), and every pledge ended within ``lasting_years`` (none
    lasted a decade). Supported or contradicted when both agree, mixed otherwise; no
    pledges: not testable.
    """
    claim = "Agreements with North Korea never last."
    method = ("Every pledge in the commitments table has ended (from its date to the end its sources record); "
              f"the check also asks that none lasted {lasting_years:g} years or more.")
    if record.empty:
        return Verdict("agreements-never-last", claim, NOT_TESTABLE, "No commitments in the table.", SECTION_RECORD,
                       method=method)
    ended = record[~record["holding"]]
    median = float(ended["years"].median()) if len(ended) else float("nan")
    longest = ended.loc[ended["days"].idxmax()] if len(ended) else None
    standing = [pledge_label(r) for _, r in record[record["holding"]].iterrows()]
    evidence = (f"{len(ended)} of {len(record)} recorded pledges have ended"
                + (f"; median duration {median:.1f} years, the longest {pledge_label(longest)} "
                   f"({longest['years']:.1f} years)" if longest is not None else "")
                + "; still standing: " + (", ".join(standing) or "none") + ".")
    r = robust_verdict({"every pledge ended": len(ended) == len(record),
                        f"every pledge ended within {lasting_years:g} years":
                        len(ended) == len(record) and bool((ended["years"] < lasting_years).all())})
    return Verdict("agreements-never-last", claim, r.verdict, evidence, SECTION_RECORD, method=method,
                   robustness=r.text, origin="book")


def moratorium_verdict(record: pd.DataFrame, commitment_id: str, claim_id: str, claim: str,
                       section: str, *, breached_in: str | None = None) -> Verdict:
    """Did a launch or test moratorium hold while in force (or, with ``breached_in``,
    until the month ``'YYYY-MM'`` the claim names)?

    Two readings of "held", both tried. As behaviour: no covered launch or test between
    the pledge and its end (with ``breached_in``: the first covered act falls in that
    month). As a pledge: the pledge itself stood (with ``breached_in``: it was not ended
    before that month; without, there is nothing more to ask). Both readings agree:
    supported or contradicted; they differ: mixed. A pledge not in the table: not testable.
    """

    rows = record[record["id"] == commitment_id]
    if rows.empty:
        return Verdict(claim_id, claim, NOT_TESTABLE, f"No commitment {commitment_id!r} in the table.", section)
    r = rows.iloc[0]
    end = r["date"] + pd.Timedelta(days=int(r["days"]))
    breach = r["first_breach_date"]
    end_text = ("still in force" if r["holding"]
                else f"ended on {date_label(end)} ({_lower(r['end_event'])})")
    if pd.isna(breach):
        after = "no covered launch or test since"
    else:
        after = f"the first covered act after it: {r['first_breach']} on {date_label(breach)}"
    evidence = f"Pledged on {date_label(r['date'])}; {end_text}; held {r['years']:.1f} years; {after}."
    if breached_in is not None:
        behaviour = bool(pd.notna(breach) and f"{breach:%Y-%m}" == breached_in)
        pledge = bool(r["holding"] or f"{end:%Y-%m}" >= breached_in)
        month = f"{pd.Timestamp(breached_in + '-01'):%B %Y}"
        outcomes = {f"held as behaviour (first covered act in {month})": behaviour,
                    f"held as a pledge (not ended before {month})": pledge}
        method = (f"The first launch or test of a class the pledge covers falls in {month}, and the pledge "
                  "was not ended before then.")
    else:
        outcomes = {"held as behaviour (no covered act before its end)": not (pd.notna(breach) and breach < end),
                    "held as a pledge (it stood until its recorded end)": True}
        method = "No launch or test of a class the pledge covers came between the pledge and its recorded end."
    rv = robust_verdict(outcomes)
    return Verdict(claim_id, claim, rv.verdict, evidence, section, method=method, robustness=rv.text,
                   origin="book")


def _lower(text) -> str:
    """A data string as a clause inside a sentence: its first letter lowered unless it
    starts an acronym or a name (``"DPRK ..."`` and ``"Kim ..."`` stay)."""
    text = str(text)
    return text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() and not text.startswith(
        ("Kim ", "US ")) else text


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
