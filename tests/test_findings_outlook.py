"""Chapter 5's findings: the agreements rule on both sides, facts named from the data."""

from __future__ import annotations

import importlib
import pandas as pd

from usnk.load import load_all

ch = importlib.import_module("usnk.findings.outlook")  # usnk.findings.outlook is the chapter function


def _durations(holding):
    return pd.DataFrame({"holding": holding})


def test_agreements_verdict_on_both_sides():
    assert ch.agreements_verdict(_durations([False, False])) == "supported"
    assert ch.agreements_verdict(_durations([False, True])) == "partly supported"
    assert ch.agreements_verdict(_durations([False, True, True])) == "contradicted"
    assert ch.agreements_verdict(_durations([])) == "contradicted"


def test_the_named_agreements_come_from_the_data():
    f = ch.outlook(load_all())
    ids = f.frames.durations["id"].tolist()
    assert ids == ["us-dprk-joint-statement-1993", "agreed-framework-1994", "joint-communique-2000",
                   "joint-statement-2005", "initial-actions-2007", "second-phase-actions-2007", "leap-day-deal-2012",
                   "singapore-joint-statement-2018"]
    facts = f.facts
    assert facts.leap_day_deal_2012_days == "44" and facts.agreed_framework_1994_days == "2,989"
    assert facts.leap_day_deal_2012_event == "DPRK satellite launch"     # an acronym keeps its capitals
    assert facts.singapore_joint_statement_2018_holding == "has no breakdown recorded"
    assert (facts.n_broken, facts.n_agreements, facts.verdict_agreements) == ("6", "8", "mostly supported")
