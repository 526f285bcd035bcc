"""Chapter 4's findings: the verdict rules on both sides, and known values on the real data."""

from __future__ import annotations

import importlib
import pandas as pd
import pytest

from usnk.load import load_all

ch = importlib.import_module("usnk.findings.region")  # usnk.findings.region is the chapter function


def test_eez_verdict_on_both_sides():
    assert ch.eez_verdict(0, 100) == "contradicted"
    assert ch.eez_verdict(49, 100) == "partly supported"
    assert ch.eez_verdict(50, 100) == "supported"


def test_shield_verdict_on_both_sides():
    assert ch.shield_verdict(n_unanimous=9, n_vetoes=0) == "contradicted"
    assert ch.shield_verdict(n_unanimous=9, n_vetoes=2) == "partly supported"
    assert ch.shield_verdict(n_unanimous=0, n_vetoes=2) == "supported"
    phrase = ch.shield_phrase("partly supported", pd.Timestamp("2017-12-22"), pd.Timestamp("2022-05-26"))
    assert phrase == "contradicted until 2017, supported since 2022"
    assert ch.shield_phrase("supported", pd.Timestamp("2017-12-22"), pd.Timestamp("2022-05-26")) == "supported"


def _hum(kind, value):
    return pd.DataFrame({"estimate_type": [kind], "value": [value]})


def test_humanitarian_verdict_needs_a_measured_figure():
    assert ch.humanitarian_verdict(_hum("measured", 19.0)) == "partly supported"
    assert ch.humanitarian_verdict(_hum("modelled", 19.0)) == "not testable with these data"
    assert ch.humanitarian_verdict(_hum("measured", 0.0)) == "not testable with these data"


@pytest.fixture(scope="module")
def real():
    return ch.region(load_all())


def test_real_data_known_values(real):
    f = real.facts
    assert (f.stunt_2012, f.stunt_2017) == ("28%", "19%")
    assert f.first_veto == "26 May 2022" and f.last_unanimous == "22 December 2017"
    assert (f.cn_veto, f.ru_veto) == ("1", "2")
    assert f.verdict_shield == "contradicted until 2017, supported since 2022"
    assert [v.verdict for v in real.verdicts][:3] == ["partly supported"] * 3
    assert real.verdict("china_lifeline").verdict == "supported"
    assert real.verdict("russia_aligns_with_china").verdict == "partly supported"
    assert (f.trade_peak_year, f.trade_peak, f.share_high, f.share_high_year) == ("2013", "6,540", "96.7%", "2022")
    assert int(f.japan_since_2016) < int(f.missiles_since_2016)
