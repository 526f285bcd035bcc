"""Verdict records: one checkable claim, what the data say about it, how it was measured,
and where the book says so.

The five verdicts, each defined once (:data:`DEFINITIONS`, shown on the claims register):

* *supported*: the claim's measurable form passes its threshold under every variant of
  the method that was tried (other windows, thresholds, periods, event sets);
* *partly supported*: the claim holds only in part, and does so under every variant: one
  part of a compound claim passes while another fails or has no data, or the claim holds
  for some of the cases it generalizes over but not as widely as it says (a partial
  claim, not a fragile one);
* *mixed*: the verdict depends on the method's own choices: some variants pass the
  threshold and some do not, so the data do not settle the claim either way;
* *contradicted*: the measurable form fails its threshold under every variant;
* *not testable with these data*: the tables the measure needs are absent or empty (the
  evidence names them), or the claim is not about an event a table can record.

Two helpers make the rules say this the same way: :func:`robust_verdict` turns a rule's
outcomes over its robustness variants into one verdict (supported or contradicted only
when every variant agrees, mixed otherwise), and :func:`missing_data` /
:func:`untestable` compute *not testable* from the absence of the data a measure needs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields

import numpy as np

SUPPORTED = "supported"
PARTLY = "partly supported"
MIXED = "mixed"
CONTRADICTED = "contradicted"
NOT_TESTABLE = "not testable with these data"

VERDICTS = (SUPPORTED, PARTLY, MIXED, CONTRADICTED, NOT_TESTABLE)
"""Every verdict a record may carry, strongest support first."""

DEFINITIONS = {
    SUPPORTED: "The claim's measurable form passes its threshold under every variant of the method tried.",
    PARTLY: "The claim holds only in part under every variant tried: one part of it passes while another "
            "fails or has no data, or it holds for some of the cases it covers but not as widely as it says.",
    MIXED: "Some variants of the method pass the threshold and some do not, so the data do not settle the "
           "claim.",
    CONTRADICTED: "The claim's measurable form fails its threshold under every variant of the method tried.",
    NOT_TESTABLE: "The data the measure needs are not in the tables (the evidence names them), or the claim "
                  "is about a motive or a counterfactual that no table can record.",
}
"""One plain sentence per verdict, the only place the book defines them."""

ORIGINS = ("article", "book")
"""Where a claim comes from: the article the book tests, or the book's own question."""


@dataclass(frozen=True)
class Verdict:
    """A claim the book tests and what the data say about it (the one verdict type of the
    analysis modules and the chapters' findings).

    ``claim_id``: short stable id; ``claim``: the claim as quoted or paraphrased;
    ``verdict``: one of :data:`VERDICTS`; ``evidence``: one line; ``section``: where the
    book tests it (the chapters use ``page#anchor``). Keyword fields: ``method``: the
    claim's measurable form, the measure and the threshold, in one or two plain sentences;
    ``robustness``: the variants of the method tried and what each gave (see
    :func:`robust_verdict`); ``origin``: ``"article"`` or ``"book"`` (the book's own
    question). Text subclasses such as the findings' ``Fact`` are stored as plain ``str``.
    """

    claim_id: str
    claim: str
    verdict: str
    evidence: str
    section: str
    method: str = ""
    robustness: str = ""
    origin: str = "article"

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(self, f.name, str.__str__(getattr(self, f.name)))
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} of {self.claim_id!r}: expected one of: {', '.join(VERDICTS)}")
        if self.origin not in ORIGINS:
            raise ValueError(f"origin {self.origin!r} of {self.claim_id!r}: expected one of: {', '.join(ORIGINS)}")

    def as_dict(self) -> dict:
        return asdict(self)


#: The columns of a verdict table, in :class:`Verdict`'s order.
COLUMNS = tuple(f.name for f in fields(Verdict))


@dataclass(frozen=True)
class Robustness:
    """A rule's outcome over its variants: the verdict and a sentence listing each
    variant with its outcome (``"14-day window: supported; 21-day window: mixed"``)."""

    verdict: str
    text: str


def _outcome(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return SUPPORTED if bool(value) else CONTRADICTED
    if value not in VERDICTS:
        raise ValueError(f"variant outcome {value!r}: expected True, False or one of: {', '.join(VERDICTS)}")
    return value


def robust_verdict(outcomes: Mapping[str, object]) -> Robustness:
    """One verdict from a rule's outcomes over its robustness variants.

    ``outcomes`` maps a variant's label (``"21-day window"``) to what the rule gave under
    it: ``True`` (the threshold is passed: supported), ``False`` (contradicted) or a
    verdict. The verdict is the variants' common outcome when they all agree, *mixed*
    when they do not; with no variant at all it is *not testable*. The first variant is
    the method's main choice; the text lists every variant in order."""
    if not outcomes:
        return Robustness(NOT_TESTABLE, "No variant could be computed.")
    judged = {label: _outcome(value) for label, value in outcomes.items()}
    distinct = set(judged.values())
    verdict = distinct.pop() if len(distinct) == 1 else MIXED
    text = "; ".join(f"{label}: {outcome}" for label, outcome in judged.items()) + "."
    return Robustness(verdict, text[0].upper() + text[1:])


def _absent(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if hasattr(value, "empty"):
        if value.empty:
            return True
        if hasattr(value, "isna"):
            return bool(value.isna().to_numpy().all())
        return False
    if isinstance(value, (str, bytes, list, tuple, set, dict)):
        return len(value) == 0
    return False


def missing_data(needs: Mapping[str, object]) -> list[str]:
    """What a measure needs and the data do not have.

    ``needs`` maps a description of each input in words (``"a yearly food-security
    series"``) to the data that would hold it: a table, column, value, or ``None`` when
    no table records it at all. Returns the descriptions of the inputs that are absent:
    ``None``, NaN, empty, or all missing."""
    return [what for what, value in needs.items() if _absent(value)]


def untestable(claim_id: str, claim: str, section: str, *, needs: Mapping[str, object],
               rule: Callable[[], Verdict] | None = None, context: str = "", method: str = "",
               origin: str = "article") -> Verdict:
    """A claim's verdict, or *not testable* computed from the data its measure needs.

    When :func:`missing_data` finds any input of ``needs`` absent, the verdict is *not
    testable* and its evidence names what is missing (followed by ``context``, what the
    tables do show); otherwise ``rule()`` gives the verdict. A table added later that
    supplies the missing input turns the claim into a tested one on the next build; with
    no ``rule`` yet that is an error, so a claim never keeps a fixed verdict once its data
    exist."""
    missing = missing_data(needs)
    if not missing:
        if rule is None:
            raise ValueError(f"{claim_id}: the data it needs ({', '.join(needs)}) are now present; "
                             "give the claim a rule")
        return rule()
    names = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " or " + missing[-1]
    evidence = f"The tables hold no {names}." + (f" {context}" if context else "")
    return Verdict(claim_id, claim, NOT_TESTABLE, evidence, section, method=method,
                   robustness="No variant can be computed without these data.", origin=origin)
