"""Verdict records: one checkable claim, what the data say about it, and where the book says so.

The analysis functions of the economy, exercises and commitments questions return these
plain records so a claims register can list them without reading prose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

SUPPORTED = "supported"
PARTLY = "partly supported"
CONTRADICTED = "contradicted"
NOT_TESTABLE = "not testable with these data"

VERDICTS = (SUPPORTED, PARTLY, CONTRADICTED, NOT_TESTABLE)
"""Every verdict a record may carry, strongest support first."""


@dataclass(frozen=True)
class Verdict:
    """A claim the book tests and what the data say about it (the one verdict type of the
    analysis modules and the chapters' findings).

    ``claim_id``: short stable id; ``claim``: the claim as quoted or paraphrased;
    ``verdict``: one of :data:`VERDICTS`; ``evidence``: one line; ``section``: where the
    book tests it (the chapters use ``page#anchor``). Text subclasses such as the
    findings' ``Fact`` are stored as plain ``str``.
    """

    claim_id: str
    claim: str
    verdict: str
    evidence: str
    section: str

    def __post_init__(self):
        for name in ("claim_id", "claim", "verdict", "evidence", "section"):
            object.__setattr__(self, name, str.__str__(getattr(self, name)))
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} of {self.claim_id!r}: expected one of: {', '.join(VERDICTS)}")

    def as_dict(self) -> dict:
        return asdict(self)
