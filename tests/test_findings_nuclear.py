"""Chapter 2's findings: the verdict rules on both sides, and known values on the real
data (nuclear tests and resolutions exactly; launch-derived numbers by their properties,
since the launch table is re-imported from time to time)."""

from __future__ import annotations

import importlib
import pandas as pd
import pytest

from usnk.load import load_all

ch = importlib.import_module("usnk.findings.nuclear")  # usnk.findings.nuclear is the chapter function


def test_ratchet_for_nuclear_tests_needs_every_test_answered():
    assert ch.ratchet_tests_verdict(pd.Series([True, True])) == "supported"
    assert ch.ratchet_tests_verdict(pd.Series([True, False])) == "contradicted"
    assert ch.ratchet_tests_verdict(pd.Series([], dtype=bool)) == "contradicted"


def test_ratchet_for_missiles_fails_with_one_unanswered_later_test():
    assert ch.ratchet_missiles_verdict(0) == "supported"
    assert ch.ratchet_missiles_verdict(1) == "contradicted"


def _cycle(preceded, followed):
    return pd.DataFrame({"preceded": preceded, "followed": followed})


def test_cycle_needs_half_of_the_negotiations_between_two_tests():
    assert ch.cycle_verdict(_cycle([True, True, False, False], [True, True, True, False])) == "supported"
    assert ch.cycle_verdict(_cycle([True, False, False, False], [True, True, True, True])) == "contradicted"
    assert ch.cycle_verdict(_cycle([], [])) == "contradicted"
    assert ch.CYCLE_PHRASES[ch.cycle_verdict(_cycle([True], [True]))] == "supported by this measure"


def test_six_party_years_counts_events_and_missiles_in_every_year():
    launches = pd.DataFrame({"id": ["1", "2", "3"], "date": pd.to_datetime(["2006-07-05", "2006-07-05", "2009-04-05"]),
                             "event_id": ["a", "a", "b"], "missile_name": "x", "missile_class": "SRBM",
                             "distance_km": None, "apogee_km": None,
                             "source_url": "https://example.org"})
    t = ch.six_party_years(launches, 2005, 2009)
    assert t["events"].tolist() == [0, 1, 0, 0, 1] and t["missiles"].tolist() == [0, 2, 0, 0, 1]


@pytest.fixture(scope="module")
def real():
    return ch.nuclear(load_all())


def test_nuclear_tests_and_resolutions_known_values(real):
    f = real.facts
    assert (f.n_tests, f.first_test, f.last_test, f.test_sites) == (
        "6", "9 October 2006", "3 September 2017", "all at the Punggye-ri site")
    assert (f.mb_first, f.mb_last) == ("4.3", "6.3")
    assert (f.tests_answered, f.first_resolution_year, f.last_sanctions_year) == ("6", "1993", "2017")
    assert f.last_sanctions == "22 December 2017" and f.veto_year == "2022"
    assert real.verdict("ratchet_nuclear_tests").verdict == "supported"
    assert real.verdict("ratchet_missile_tests").verdict == "contradicted"
    assert real.verdict("sanctions_work").verdict == "not testable with these data"


def test_launch_numbers_are_consistent(real):
    f = real.facts
    assert int(f.n_missiles) > int(f.peak_year_n) > 0
    assert f.share_kju.endswith("%") and 50 < int(f.share_kju[:-1]) <= 100
    assert int(f.n_sanction_votes) == int(f.n_more_after) + int(f.n_fewer_after) + sum(
        int(b) == int(a) for b, a in zip(real.frames.around["events_before"], real.frames.around["events_after"]))
    assert int(f.n_both) <= min(int(f.n_preceded), int(f.n_followed))
    assert f.verdict_cycle in ch.CYCLE_PHRASES.values()
    assert (real.frames.success["flights"] >= ch.MIN_FLIGHTS).all()
    assert len(real.frames.success) == int(f.n_systems5)
    assert set(real.frames.sanctions_votes["kind"]) == {"sanctions"}
