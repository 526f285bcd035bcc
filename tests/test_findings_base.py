"""The shapes all chapters share: facts that show without quotes, the fixed verdict
vocabulary, the claims register and its counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from IPython.lib.pretty import pretty

from usnk import findings
from usnk.findings.base import Fact, Facts, Findings, Verdict, as_fact, decide, verdict_frame


def test_a_fact_shows_its_text_without_quotes():
    f = Fact("3 September 2017")
    assert repr(f) == "3 September 2017" and pretty(f) == "3 September 2017"
    assert f == "3 September 2017" and isinstance(f, str)


def test_facts_are_stored_as_text_and_read_as_attributes():
    facts = Facts(n=np.int64(6), share="12%")
    facts["year"] = 2017
    assert facts.n == "6" and type(facts.n) is Fact
    assert repr(facts.year) == "2017" and facts.share == "12%"
    with pytest.raises(AttributeError):
        facts.missing
    assert as_fact(np.bool_(True)) == "True"


def test_a_verdict_must_come_from_the_vocabulary():
    v = Verdict("x", "A claim.", Fact("supported"), "Evidence.", "01_history#what-the-data-say")
    assert type(v.verdict) is str and v.verdict == "supported"
    with pytest.raises(ValueError, match="mostly supported"):
        Verdict("x", "A claim.", "mostly supported", "Evidence.", "p#a")


def test_decide_on_both_sides():
    assert decide(True, "a", "b") == "a" and decide(False, "a", "b") == "b"


def _chapter(*verdicts):
    return lambda tables: Findings(Facts(), tuple(Verdict(f"c{i}", "Claim.", v, "E.", "p#a")
                                                  for i, v in enumerate(verdicts)))


def test_claims_register_collects_every_chapter_in_order_and_counts_verdicts():
    reg = findings.claims_register({}, chapters=(_chapter("supported", "contradicted"),
                                                 _chapter("mixed", "not testable with these data")))
    assert list(reg.columns) == COLUMNS
    assert reg["verdict"].tolist() == ["supported", "contradicted", "mixed", "not testable with these data"]
    counts = findings.verdict_counts(reg)
    assert dict(counts) == {"supported": "1", "partly_supported": "0", "mixed": "1", "contradicted": "1",
                            "not_testable": "1", "n_claims": "4", "n_article": "4", "n_book": "0"}


COLUMNS = ["claim_id", "claim", "verdict", "evidence", "section", "method", "robustness", "origin"]


def test_verdict_frame_of_nothing_has_the_columns():
    assert verdict_frame([]).columns.tolist() == COLUMNS
    assert isinstance(verdict_frame([]), pd.DataFrame)
