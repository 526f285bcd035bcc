"""How long commitments held and what broke them (usnk/analysis/commitments.py), on hand-made tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framefixture import event_launches, table_frame
from usnk.analysis import commitments as C
from usnk.analysis.claims import CONTRADICTED, MIXED, NOT_TESTABLE, SUPPORTED
from usnk.load import load

URL = "https://example.org/c"


def commitments(*rows):
    """rows: (id, date, end_date, halts_launch_classes, halts_nuclear_tests)."""
    return table_frame("commitments", [
        {"id": i, "pledged_by": "DPRK", "pledged_to": "US", "terms": f"terms of {i}", "date": d,
         "end_date": e or "", "end_event": f"end of {i}" if e else "", "end_kind": "repudiated" if e else "",
         "halts_launch_classes": classes, "halts_nuclear_tests": "true" if tests else "false",
         "source_url": URL} for i, d, e, classes, tests in rows])


def nuclear_tests(*dates):
    return table_frame("nuclear_tests", [
        {"test_number": str(n), "date": d, "site": "Site", "magnitude_mb": "4", "magnitude_estimated_by": "X",
         "yield_kt_low": "1", "yield_kt_high": "2", "yield_estimated_by": "Y", "source_url": URL}
        for n, d in enumerate(dates, start=1)])


LAUNCHES = pd.concat([event_launches(["2000-02-01"], "SRBM"), event_launches(["2000-06-01"], "ICBM", "Big")],
                     ignore_index=True)


def test_record_finds_the_first_covered_launch_or_test():
    rec = C.commitment_record(commitments(("a", "2000-01-01", "2001-01-01", "ICBM; SLV", False),
                                          ("b", "2000-01-01", "2001-01-01", "ICBM", True),
                                          ("c", "2000-01-01", None, "", False)),
                              LAUNCHES, nuclear_tests("2000-03-01"), as_of="2002-01-01").set_index("id")
    assert rec.loc["a", "first_breach"] == "Big (ICBM) launch"  # the SRBM is not covered
    assert rec.loc["a", "first_breach_date"] == pd.Timestamp("2000-06-01") and rec.loc["a", "days_to_breach"] == 152
    assert rec.loc["b", "first_breach"] == "nuclear test no. 1" and rec.loc["b", "days_to_breach"] == 60
    assert (rec.loc["a", "days"], rec.loc["a", "years"], rec.loc["a", "holding"]) == (366, 1.0, False)
    assert rec.loc["c", "holding"] and rec.loc["c", "days"] == 731  # counted to as_of
    assert pd.isna(rec.loc["c", "first_breach_date"]) and math.isnan(rec.loc["c", "days_to_breach"])


def record(*spans):
    """A record of pledges with (start, end or None) spans, nothing covered."""
    rows = [(f"p{i}", s, e, "", False) for i, (s, e) in enumerate(spans)]
    return C.commitment_record(commitments(*rows), LAUNCHES, nuclear_tests(), as_of="2010-01-01")


@pytest.mark.parametrize("spans, expected", [
    ([("2000-01-01", "2000-06-01"), ("2001-01-01", "2002-01-01")], SUPPORTED),      # all ended within a decade
    ([("2000-01-01", "2000-06-01"), ("1990-01-01", "2005-01-01")], MIXED),         # all ended, one after 15 years
    ([("2000-01-01", "2000-06-01"), ("2001-01-01", None), ("2002-01-01", "2002-02-01")], CONTRADICTED),  # one holds
])
def test_never_last_rule(spans, expected):
    v = C.never_last_verdict(record(*spans))
    assert v.verdict == expected and v.claim_id == "agreements-never-last"


def test_never_last_without_pledges_is_not_testable():
    assert C.never_last_verdict(pd.DataFrame()).verdict == NOT_TESTABLE


def test_moratorium_rule_breach_before_or_after_the_end():
    rec = C.commitment_record(commitments(("broken", "2000-01-01", "2001-01-01", "ICBM", False),
                                          ("kept", "2000-01-01", "2000-03-01", "ICBM", False)),
                              LAUNCHES, nuclear_tests())
    broken = C.moratorium_verdict(rec, "broken", "x", "claim", "s")
    assert broken.verdict == MIXED and "Big (ICBM) launch on 1 June 2000" in broken.evidence
    assert "held as behaviour (no covered act before its end): contradicted" in broken.robustness.lower()
    assert C.moratorium_verdict(rec, "kept", "x", "claim", "s").verdict == SUPPORTED
    # ended in March, first covered act in June: held as behaviour to June, not as a pledge
    june = C.moratorium_verdict(rec, "kept", "x", "claim", "s", breached_in="2000-06")
    assert june.verdict == MIXED and "held as a pledge (not ended before June 2000): contradicted" in june.robustness
    assert C.moratorium_verdict(rec, "kept", "x", "claim", "s", breached_in="2000-03").verdict == MIXED
    assert C.moratorium_verdict(rec, "broken", "x", "claim", "s", breached_in="2000-06").verdict == SUPPORTED
    assert C.moratorium_verdict(rec, "kept", "x", "claim", "s", breached_in="2000-07").verdict == CONTRADICTED
    assert C.moratorium_verdict(rec, "missing", "x", "claim", "s").verdict == NOT_TESTABLE


def test_real_data_commitments():
    rec = C.commitment_record(load("commitments"), load("missile_launches"), load("nuclear_tests")).set_index("id")
    assert rec.loc["missile-moratorium-1999", "first_breach_date"] == pd.Timestamp("2006-07-05")
    assert rec.loc["leap-day-moratorium-2012", "days_to_breach"] == 44
    assert rec.loc["denuclearization-pledge-2005", "first_breach"] == "nuclear test no. 1"
    assert not rec.loc["singapore-denuclearization-2018", "holding"]
    assert rec.loc["singapore-denuclearization-2018", "end_date"] == pd.Timestamp("2022-09-08")
    verdicts = {v.claim_id: v.verdict for v in C.commitment_verdicts(rec.reset_index())}
    assert verdicts == {"agreements-never-last": SUPPORTED, "moratorium-1999-held": MIXED,
                        "leap-day-ended-april-2012": SUPPORTED, "halt-2018-held": SUPPORTED}


def test_classes_of_a_pledge_read_a_list_and_an_empty_or_missing_cell_as_none():
    assert C._classes("ICBM; SLV") == ["ICBM", "SLV"]
    assert C._classes("") == [] and C._classes(float("nan")) == [] and C._classes(None) == []


def test_moratorium_evidence_names_the_pledge_its_end_and_the_first_breach():
    rec = C.commitment_record(commitments(("broken", "2000-01-01", "2001-01-01", "ICBM", False),
                                          ("open", "2000-01-01", None, "SLBM", False)),
                              LAUNCHES, nuclear_tests(), as_of="2002-01-01")
    broken = C.moratorium_verdict(rec, "broken", "claim-id", "The claim.", "sec")
    assert (broken.claim_id, broken.claim, broken.section) == ("claim-id", "The claim.", "sec")
    assert broken.evidence == ("Pledged on 1 January 2000; ended on 1 January 2001 (end of broken); held 1.0 years; "
                               "the first covered act after it: Big (ICBM) launch on 1 June 2000.")
    held = C.moratorium_verdict(rec, "open", "claim-id", "The claim.", "sec")
    assert held.verdict == SUPPORTED and held.origin == "book" and held.method.startswith("No launch or test")
    assert held.evidence == ("Pledged on 1 January 2000; still in force; held 2.0 years; no covered launch or test "
                             "since.")
    missing = C.moratorium_verdict(rec, "gone", "claim-id", "The claim.", "sec")
    assert (missing.claim_id, missing.evidence, missing.section) == (
        "claim-id", "No commitment 'gone' in the table.", "sec")


def test_commitment_verdicts_claims_and_the_months_they_name():
    """The 1999 and 2012 claims are judged by the month of the first breach, the 2018
    halt by whether a breach came before its end."""
    def row(cid, date, days, breach):
        return {"id": cid, "pledged_by": "DPRK", "date": pd.Timestamp(date), "days": days, "years": round(days / 365.25, 1),
                "holding": False, "end_event": "end", "first_breach": "a launch",
                "first_breach_date": pd.Timestamp(breach)}
    rec = pd.DataFrame([row("missile-moratorium-1999", "1999-09-24", 4000, "2006-07-05"),
                        row("leap-day-moratorium-2012", "2012-02-29", 400, "2012-04-13"),
                        row("test-halt-2018", "2018-04-21", 620, "2019-05-04")])
    verdicts = C.commitment_verdicts(rec)
    assert [(v.claim_id, v.claim, v.verdict, v.section) for v in verdicts[1:]] == [
        ("moratorium-1999-held", "The 1999 missile moratorium held until July 2006.", SUPPORTED, C.SECTION_RECORD),
        ("leap-day-ended-april-2012", "The 2012 Leap Day deal was ended by the April 2012 launch.", SUPPORTED,
         C.SECTION_RECORD),
        ("halt-2018-held", "The April 2018 halt of nuclear and ICBM tests held while it was in force.",
         MIXED, C.SECTION_HALT)]


def test_never_last_evidence_names_the_median_the_longest_and_those_standing():
    v = C.never_last_verdict(record(("2000-01-01", "2000-06-01"), ("2001-01-01", None), ("2002-01-01", "2004-01-01")))
    assert v.evidence == ("2 of 3 recorded pledges have ended; median duration 1.2 years, the longest the DPRK's "
                          "pledge of 1 January 2002 (2.0 years); still standing: the DPRK's pledge of 1 January 2001.")
    v = C.never_last_verdict(record(("2000-01-01", "2000-06-01")))
    assert v.evidence == ("1 of 1 recorded pledges have ended; median duration 0.4 years, the longest the DPRK's "
                          "pledge of 1 January 2000 (0.4 years); still standing: none.")
    v = C.never_last_verdict(record(("2000-01-01", None)))
    assert (v.verdict, v.evidence) == (CONTRADICTED, "0 of 1 recorded pledges have ended; still standing: the "
                                                     "DPRK's pledge of 1 January 2000.")
