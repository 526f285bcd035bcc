"""The verdict framework: five verdicts defined once, the method fields, the robustness
helper and the computed *not testable*."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from usnk.analysis.claims import (DEFINITIONS, MIXED, NOT_TESTABLE, PARTLY, SUPPORTED, CONTRADICTED, VERDICTS,
                                  Verdict, missing_data, robust_verdict, untestable)
from usnk.charts.claims import claims_table
from usnk.findings.base import verdict_frame


def test_five_verdicts_each_defined_once():
    assert VERDICTS == (SUPPORTED, PARTLY, MIXED, CONTRADICTED, NOT_TESTABLE) and MIXED == "mixed"
    assert set(DEFINITIONS) == set(VERDICTS)
    assert len(set(DEFINITIONS.values())) == 5 and all(d.endswith(".") for d in DEFINITIONS.values())


def test_old_calls_keep_working_and_new_fields_have_defaults():
    v = Verdict("x", "A claim.", "supported", "Evidence.", "p#a")
    assert (v.method, v.robustness, v.origin) == ("", "", "article")
    b = Verdict("x", "A claim.", "mixed", "E.", "p#a", method="M.", robustness="R.", origin="book")
    assert b.as_dict()["origin"] == "book" and b.method == "M."
    with pytest.raises(ValueError, match="origin 'essay'"):
        Verdict("x", "A claim.", "supported", "E.", "p#a", origin="essay")


def test_robust_verdict_needs_every_variant_to_agree():
    agree = robust_verdict({"14-day window": True, "21-day window": np.bool_(True)})
    assert agree.verdict == SUPPORTED and agree.text == "14-day window: supported; 21-day window: supported."
    assert robust_verdict({"a": False, "b": CONTRADICTED}).verdict == CONTRADICTED
    split = robust_verdict({"14 days": True, "21 days": False, "30 days": False})
    assert split.verdict == MIXED and "21 days: contradicted" in split.text
    assert robust_verdict({"a": PARTLY, "b": PARTLY}).verdict == PARTLY
    assert robust_verdict({"a": PARTLY, "b": SUPPORTED}).verdict == MIXED
    assert robust_verdict({}).verdict == NOT_TESTABLE
    with pytest.raises(ValueError, match="'maybe'"):
        robust_verdict({"a": "maybe"})


def test_missing_data_names_what_is_absent():
    needs = {"a harvest series": None, "a trade table": pd.DataFrame({"x": [1]}),
             "a share column": pd.Series([np.nan, np.nan]), "a figure": float("nan"), "a count": 0,
             "a list": []}
    assert missing_data(needs) == ["a harvest series", "a share column", "a figure", "a list"]
    assert missing_data({"a table": pd.DataFrame({"x": [np.nan, 2.0]})}) == []


def test_untestable_is_computed_from_the_absent_data():
    tested = Verdict("x", "Claim.", "supported", "Rule ran.", "p#a")
    off = untestable("x", "Claim.", "p#a", needs={"a harvest series": None, "a disaster list": pd.DataFrame()},
                     rule=lambda: tested, context="Stunting fell.")
    assert off.verdict == NOT_TESTABLE
    assert off.evidence == "The tables hold no a harvest series or a disaster list. Stunting fell."
    on = untestable("x", "Claim.", "p#a", needs={"a harvest series": pd.Series([1.0])}, rule=lambda: tested)
    assert on is tested


def test_register_table_shows_method_robustness_origin_and_change():
    reg = verdict_frame([Verdict("x", "Claim.", "mixed", "E.", "p#a", method="Count <things>.",
                                 robustness="14 days: supported.", origin="book")])
    reg["change"] = "was supported"
    html = claims_table(reg).data
    assert "<em>(the book's own question)</em>" in html and "<td>mixed</td>" in html
    assert "<strong>Method.</strong> Count &lt;things&gt;." in html
    assert "<strong>Robustness.</strong> 14 days: supported." in html
    assert "<strong>Since the previous release.</strong> was supported" in html
    plain = claims_table(verdict_frame([Verdict("y", "C.", "supported", "E.", "p#a")])).data
    assert "Method" not in plain and "own question" not in plain


def test_the_definitions_render_as_a_list():
    from usnk.charts.claims import verdict_definitions

    html = verdict_definitions().data
    assert html.count("<dt>") == 5 and "<dt>mixed</dt><dd>Some variants" in html


def test_untestable_without_a_rule_fails_once_its_data_exist():
    assert untestable("x", "C.", "p#a", needs={"a law table": None}).verdict == NOT_TESTABLE
    with pytest.raises(ValueError, match="x: the data it needs"):
        untestable("x", "C.", "p#a", needs={"a law table": pd.DataFrame({"a": [1]})})


def test_a_chapter_lists_its_verdicts_from_the_same_objects():
    from usnk.charts.claims import claims_list
    from usnk.findings.base import robustness_summary

    v = Verdict("x", "A <claim>.", "mixed", "E & F.", "p#a", method="M.", robustness="a: supported; b: mixed.",
                origin="book")
    html = claims_list([v, Verdict("y", "B.", "not testable with these data", "G.", "p#a",
                                   robustness="No variant.")]).data
    assert html.count("<li>") == 2 and "<strong>A &lt;claim&gt;.</strong> <em>mixed</em>." in html
    assert "Method: M." in html and "Robustness: 2 variants: 1 supported, 1 mixed." in html
    assert html.count("own question") == 1 and html.count("Robustness") == 1
    assert robustness_summary("Not varied: a record.") == "Not varied: a record."
    assert robustness_summary("One: contradicted.") == "1 variant: 1 contradicted"
