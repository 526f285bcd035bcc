"""Each chapter's findings: the numbers its prose shows, its verdicts, its charts' frames.

One function per chapter takes the tables (``usnk.load.load_all()``) and returns a
:class:`Findings`; the notebooks only call it, show ``facts`` in the prose with
``{eval}`facts.name``` and pass ``frames`` to the chart functions. To test a new claim,
add a :class:`Verdict` to the chapter's ``verdicts`` (its rule a small function with
tests on both sides) and it appears in :func:`claims_register`.
"""

from __future__ import annotations

from .changes import verdict_changes
from .base import DEFINITIONS, Fact, Facts, Findings, Namespace, VERDICTS, Verdict, verdict_frame
from .data import data_appendix
from .diplomacy import diplomacy
from .explorer import explorer
from .history import history
from .intro import intro
from .nuclear import nuclear
from .outlook import outlook
from .region import region
from .register import CHAPTERS, VERDICT_KEYS, claims_register, moved_text, verdict_counts

__all__ = ["DEFINITIONS", "VERDICTS", "VERDICT_KEYS", "CHAPTERS", "Fact", "Facts", "Findings", "Namespace", "Verdict", "claims_register",
           "data_appendix", "diplomacy", "explorer", "moved_text", "verdict_changes", "history", "intro", "nuclear", "outlook", "region", "verdict_counts"]
