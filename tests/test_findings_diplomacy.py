"""Chapter 3's findings: the verdict rules on both sides, and the real data's verdicts."""

from __future__ import annotations

import importlib
import pytest

from usnk.load import load_all

ch = importlib.import_module("usnk.findings.diplomacy")  # usnk.findings.diplomacy is the chapter function


def test_summits_verdict_on_both_sides_of_each_rule():
    assert ch.summits_verdict(0.01, pause_ended=True) == "partly supported"
    assert ch.summits_verdict(0.01, pause_ended=False) == "supported"
    assert ch.summits_verdict(0.05, pause_ended=True) == "contradicted"        # not below the threshold
    assert ch.SUMMITS_PHRASES["partly supported"] == "supported, for a while"


def _ba(before, after):
    return {"missiles_before": before, "missiles_after": after}


def test_escalation_needs_more_missiles_and_both_new_kinds():
    both = ["Other new system", "SLBM", "Hypersonic glide vehicle"]
    assert ch.escalation_verdict(_ba(10, 11), both) == "partly supported"
    assert ch.escalation_verdict(_ba(10, 10), both) == "contradicted"
    assert ch.escalation_verdict(_ba(10, 30), ["SLBM"]) == "contradicted"
    assert ch.escalation_verdict(_ba(10, 30), ["Hypersonic glide vehicle"]) == "contradicted"


@pytest.fixture(scope="module")
def real():
    return ch.diplomacy(load_all())


def test_real_data_verdicts_and_derived_summit_term(real):
    f = real.facts
    assert real.verdict("summits_hope").verdict == "partly supported"
    assert f.verdict_summits == "supported, for a while"
    assert real.verdict("calibrated_escalation").verdict == "partly supported"
    assert f.summit_term_label == "Donald Trump (2017–2021)"       # the term of the first US–DPRK summit
    assert f.calibrated_date == "30 April 2021" and f.pause_start == "29 November 2017"
    assert int(f.pause_days) > 400 and float(f.test_p) < ch.SIGNIFICANCE
    assert (real.frames.monthly.sum() > 0).all()
