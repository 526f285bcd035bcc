"""Each chapter's findings: the numbers its prose shows, its verdicts, its charts' frames.

One function per chapter takes the tables (``usnk.load.load_all()``) and returns a
:class:`Findings`; the notebooks only call it, show ``facts`` in the prose with
``{eval}`facts.name``` and pass ``frames`` to the chart functions. To test a new claim,
add a :class:`Verdict` to the chapter's ``verdicts`` (its rule a small function with
tests on both sides) and it appears in :func:`claims_register`.
"""

from __future__ import annotations

import pandas as pd

from .base import DEFINITIONS, Fact, Facts, Findings, Namespace, VERDICTS, Verdict, verdict_frame
from .data import data_appendix
from .diplomacy import diplomacy
from .history import history
from .intro import intro
from .nuclear import nuclear
from .outlook import outlook
from .region import region

#: The chapters that test claims, in the book's order.
CHAPTERS = (history, nuclear, diplomacy, region, outlook)

__all__ = ["DEFINITIONS", "VERDICTS", "VERDICT_KEYS", "CHAPTERS", "Fact", "Facts", "Findings", "Namespace", "Verdict", "claims_register",
           "data_appendix", "diplomacy", "history", "intro", "nuclear", "outlook", "region", "verdict_counts"]


def claims_register(tables: dict, *, chapters=CHAPTERS) -> pd.DataFrame:
    """Every chapter's verdicts in one table (``claim_id, claim, verdict, evidence,
    section, method, robustness, origin``), in the book's order."""
    return verdict_frame([v for chapter in chapters for v in chapter(tables).verdicts])


claims_register.tables = tuple(dict.fromkeys(t for chapter in CHAPTERS for t in chapter.tables))


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
