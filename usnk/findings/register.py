"""The claims register: every chapter's verdicts in one table, and its counts.

:data:`CHAPTERS` lists the chapters that test claims; :func:`claims_register` puts
their verdicts together in the book's order.
"""

from __future__ import annotations

import pandas as pd

from .base import VERDICTS, Fact, Facts, verdict_frame
from .diplomacy import diplomacy
from .history import history
from .nuclear import nuclear
from .outlook import outlook
from .region import region

#: The chapters that test claims, in the book's order.
CHAPTERS = (history, nuclear, diplomacy, region, outlook)

def claims_register(tables: dict, *, chapters=CHAPTERS) -> pd.DataFrame:
    """Every chapter's verdicts in one table (``claim_id, claim, verdict, evidence,
    section, method, robustness, origin``), in the book's order."""
    return verdict_frame([v for chapter in chapters for v in chapter(tables).verdicts])


claims_register.tables = tuple(dict.fromkeys([t for chapter in CHAPTERS for t in chapter.tables]
                                             + ["verdict_history", "releases"]))
claims_register.package_facts = tuple(dict.fromkeys(f for chapter in CHAPTERS
                                                    for f in getattr(chapter, "package_facts", ())))


def moved_text(summary: dict) -> Fact:
    """The verdicts that moved since the previous release, as a sentence for the
    register page (from :func:`verdict_changes`)."""
    if summary["previous"] is None:
        return Fact("no earlier release is recorded yet, so no verdict can have moved.")
    if not summary["moved"]:
        return Fact(f"no verdict moved since release {summary['previous']} ({summary['previous_date']}).")
    items = "; ".join(f"{claim} {before or 'new'} → {after}" for _, claim, before, after in summary["moved"])
    n = summary["n_moved"]
    return Fact(f"{n} verdict{'s' if n != 1 else ''} moved since release {summary['previous']} "
                f"({summary['previous_date']}): {items}.")


def verdict_counts(register: pd.DataFrame) -> Facts:
    """How many claims got each verdict, keyed ``supported``, ``partly_supported``,
    ``mixed``, ``contradicted``, ``not_testable``, plus ``n_claims`` and, when the register
    has an ``origin`` column, ``n_article`` and ``n_book`` (the book's own questions)."""
    counts = register["verdict"].value_counts()
    facts = Facts({VERDICT_KEYS[v]: int(counts.get(v, 0)) for v in VERDICTS})
    facts["n_claims"] = len(register)
    if "origin" in register.columns:
        facts["n_article"] = int((register["origin"] == "article").sum())
        facts["n_book"] = int((register["origin"] == "book").sum())
    return facts


#: The key of each verdict in :func:`verdict_counts`.
VERDICT_KEYS = {"supported": "supported", "partly supported": "partly_supported", "mixed": "mixed",
                "contradicted": "contradicted", "not testable with these data": "not_testable"}
