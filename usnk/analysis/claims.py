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
    """A claim the book tests and what the data say about it."""

    claim_id: str
    claim: str
    verdict: str
    evidence: str
    section: str

    def __post_init__(self):
        for name in ("claim_id", "claim", "verdict", "evidence", "section"):
            object.__setattr__(self, name, str.__str__(getattr(self, name)))  # plain str, also from a Fact
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} of {self.claim_id!r}: expected one of: {', '.join(VERDICTS)}")

    def as_dict(self) -> dict:
        return asdict(self)
