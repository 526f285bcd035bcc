"""The shapes every chapter's findings share: display-ready facts, verdicts, frames.

A chapter function (``usnk.findings.nuclear(tables)`` and so on) takes the loaded tables
and returns a :class:`Findings`:

* ``facts``: every number and phrase the chapter's prose shows, as :class:`Fact` strings
  (read in the notebooks' markdown as ``{eval}`facts.n_tests```);
* ``verdicts``: one :class:`Verdict` per claim the chapter tests, its rule in code;
* ``frames``: what each chart of the chapter draws (charts only draw).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

import pandas as pd

# The verdict type and its fixed vocabulary (in the order the claims register counts them)
# are shared with the analysis modules.
from ..analysis.claims import (COLUMNS, DEFINITIONS, MIXED, NOT_TESTABLE, VERDICTS, Robustness,  # noqa: F401
                               Verdict, missing_data, robust_verdict, untestable)
from ..analysis.dates import newest_event_date
from ..datafolder import Tables


class Fact(str):
    """A number or phrase ready for the prose. Its ``repr`` is the text itself, so an
    inline ``{eval}`` role shows it without quotes, in the built book and in JupyterLab."""

    def __repr__(self) -> str:
        return str.__str__(self)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str.__str__(self))


def as_fact(value) -> Fact:
    """``value`` as prose text: integers (also NumPy's) without decimals, other values
    as ``str`` gives them; format floats and dates before passing them."""
    if hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iub":
        value = value.item()
    return Fact(value)


class Namespace(dict):
    """A dict whose keys read as attributes (``facts.n_tests``)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Facts(Namespace):
    """A chapter's facts: every value stored as a :class:`Fact`."""

    def __init__(self, values=(), **more):
        super().__init__()
        self.update(dict(values, **more))

    def __setitem__(self, key, value):
        super().__setitem__(key, as_fact(value))

    def update(self, values=(), **more):
        for key, value in dict(values, **more).items():
            self[key] = value


ALL_TABLES = None
"""``reads(ALL_TABLES)``: findings that describe every table of the package."""

NEWEST_EVENT = "newest_event_date"
"""The package-wide fact "the newest event in these tables": the newest
``last_event_date`` over every table of the data package (ISO date)."""

PACKAGE_FACTS = {
    NEWEST_EVENT: lambda package: newest_event_date(package).date().isoformat(),
}
"""Facts of the whole data package that a chapter may read besides its own tables, each
computed from the package (a JSON-ready value). A chapter declares the ones it reads
(``reads(..., facts=(NEWEST_EVENT,))``) and the book build makes its page depend on each
(:func:`usnk.sphinxext.write_package_parts`), so a change that moves one re-executes
the page and one that does not leaves it alone."""


def package_of(tables) -> dict:
    """The data package the tables were loaded with (:class:`usnk.datafolder.Tables`);
    ValueError when they carry none (a plain dict of frames)."""
    package = getattr(tables, "package", None)
    if package is None:
        raise ValueError("these tables carry no data package: pass the value load_all() returns "
                         "(usnk.datafolder.Tables), or give the fact explicitly")
    return package


def package_fact(tables, name: str):
    """The package-wide fact ``name`` (:data:`PACKAGE_FACTS`) of the tables' package."""
    return PACKAGE_FACTS[name](package_of(tables))


def reads(*names: str | None, facts: tuple[str, ...] = ()):
    """Declare the tables a chapter's findings read: the decorated function gets only
    those (a table it did not declare is a KeyError, so the declaration cannot drift),
    and ``function.tables`` names them, which the book build uses to re-execute a page
    only when a table it reads changes (:mod:`usnk.sphinxext`). ``reads(ALL_TABLES)``
    passes every table and sets ``tables`` to None (the page depends on all of them).
    ``facts`` names the package-wide facts (:data:`PACKAGE_FACTS`) the function reads
    besides its tables; ``function.package_facts`` lists them and only then does the
    function get the tables' package (else ``tables.package`` is None).

    Chapters apply it after the function (``nuclear = reads(...)(nuclear)``), not as a
    decorator: mutmut leaves decorated functions unmutated, and this way mutation
    testing reaches the chapters' bodies too."""
    unknown = [f for f in facts if f not in PACKAGE_FACTS]
    if unknown:
        raise ValueError(f"unknown package facts {unknown}; known: {', '.join(PACKAGE_FACTS)}")

    def declare(func):
        if names == (ALL_TABLES,):
            func.tables = None
            func.package_facts = tuple(PACKAGE_FACTS)
            return func

        @functools.wraps(func)
        def chapter(tables: dict, **options) -> Findings:
            missing = [name for name in names if name not in tables]
            if missing:
                raise KeyError(f"{func.__name__} reads tables that were not loaded: {', '.join(missing)}")
            package = getattr(tables, "package", None) if facts else None
            return func(Tables({name: tables[name] for name in names}, package=package), **options)
        chapter.tables = tuple(names)
        chapter.package_facts = tuple(facts)
        return chapter
    return declare


def decide(condition: bool, if_true: str, if_false: str) -> str:
    """The verdict a rule gives: ``if_true`` when ``condition`` holds, else ``if_false``."""
    return if_true if bool(condition) else if_false


@dataclass
class Findings:
    """One chapter's findings: facts for the prose, verdicts, frames for the charts."""

    facts: Facts
    verdicts: tuple[Verdict, ...] = ()
    frames: Namespace = field(default_factory=Namespace)

    def verdict(self, claim_id: str) -> Verdict:
        """The verdict on the claim ``claim_id``."""
        for v in self.verdicts:
            if v.claim_id == claim_id:
                return v
        raise KeyError(claim_id)


def robustness_summary(text: str) -> str:
    """A verdict's robustness line (``"14-day window: supported; 21-day window: mixed."``)
    counted by outcome (``"2 variants: 1 supported, 1 mixed"``), as the chapters' lists
    of claims show it; a line that lists no variants (``"Not varied: ..."``) is returned
    as it is."""
    items = [part.rsplit(": ", 1) for part in text.rstrip(".").split("; ")]
    if not items or any(len(i) != 2 or i[1] not in VERDICTS for i in items):
        return text
    counts = {v: sum(1 for _, o in items if o == v) for v in VERDICTS}
    listed = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    return f"{len(items)} variant{'s' if len(items) != 1 else ''}: {listed}"


def verdict_frame(verdicts) -> pd.DataFrame:
    """Verdicts as a table, one row per claim, columns in :class:`Verdict`'s order
    (``claim_id, claim, verdict, evidence, section, method, robustness, origin``)."""
    return pd.DataFrame([vars(v) for v in verdicts], columns=list(COLUMNS))


def restate(record: Verdict, section: str, claim_id: str | None = None, claim: str | None = None,
            **fields) -> Verdict:
    """An analysis module's verdict placed in ``section`` (``page#anchor``) of the book,
    under ``claim_id`` (default: the record's id with ``_`` for ``-``) and, when given, with
    the chapter's wording of the ``claim``; other keyword ``fields`` (``origin``,
    ``method``...) replace the record's."""
    return replace(record, claim_id=claim_id or record.claim_id.replace("-", "_"), section=section,
                   claim=claim or record.claim, **fields)


def not_testable(claim_id: str, claim: str, why: str, section: str, **fields) -> Verdict:
    """A claim the tables cannot decide, stated by hand; ``why`` says what is missing
    (and what data there are). Prefer :func:`usnk.analysis.claims.untestable`, which
    computes the verdict from the absence of the data the measure needs."""
    return Verdict(claim_id, claim, NOT_TESTABLE, why, section, **fields)
