"""The rules of usnk.analysis.records, each on small frames that make it come out each way,
and the not-testable path when its table is empty."""

from __future__ import annotations

import pandas as pd
import pytest

from usnk.analysis import records as R
from usnk.analysis.claims import CONTRADICTED, MIXED, NOT_TESTABLE, SUPPORTED

T = pd.Timestamp


def positions(*rows) -> pd.DataFrame:
    cols = ["id", "date", "date_precision", "actor", "kind", "stance", "summary", "source_url"]
    frame = pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def pos(i, date, actor, kind, stance, precision="day"):
    return (f"p-{i}", date, precision, actor, kind, stance, "summary", "https://example.org")


def launches(*rows) -> pd.DataFrame:
    """rows: (date, missile_class); one missile per event."""
    frame = pd.DataFrame([dict(id=f"m{i}", event_id=f"e{i}", date=T(d), missile_class=c, missile_name="X",
                               distance_km=None, apogee_km=None, source_url="u") for i, (d, c) in enumerate(rows)])
    return frame


def summits(*rows) -> pd.DataFrame:
    """rows: (id, date, kind, track, outcome, breakdown_date)."""
    cols = ["id", "date", "kind", "track", "outcome", "breakdown_date"]
    frame = pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["end_date"] = frame["date"]
    frame["breakdown_date"] = pd.to_datetime(frame["breakdown_date"])
    return frame


def resolutions(*rows) -> pd.DataFrame:
    """rows: (resolution, date, status, kind, vetoed_by)."""
    cols = ["resolution", "date", "status", "kind", "vetoed_by"]
    frame = pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


LEADERS = pd.DataFrame([dict(country="US", name="Joe Biden", start_date=T("2021-01-20"), end_date=T("2025-01-20"))])


# -- the programme's start -------------------------------------------------------------------

def facilities(completed, shutdown, start=1979):
    return pd.DataFrame([dict(facility="Yongbyon 5 MWe reactor", milestone=m, year=y) for m, y in
                         (("construction_start", start), ("completed", completed),
                          ("first_long_shutdown", shutdown))])


def test_program_start_supported_mixed_contradicted_and_missing():
    early = launches(("1984-04-09", "SRBM"))
    assert R.program_start(facilities(1986, 1989), early).verdict == SUPPORTED
    assert R.program_start(facilities(1986, 1991), early).verdict == MIXED
    assert R.program_start(facilities(1995, 1996), launches(("1993-05-29", "MRBM"))).verdict == CONTRADICTED
    missing = R.program_start(facilities(1986, 1989).iloc[0:0], early)
    assert missing.verdict == NOT_TESTABLE and "Yongbyon" in missing.evidence


def test_program_start_evidence_names_construction_start():
    v = R.program_start(facilities(1986, 1989, start=1979), launches(("1984-04-09", "SRBM")))
    assert "completed in 1986" in v.evidence and "begun in 1979" in v.evidence and "1984" in v.evidence


# -- survival --------------------------------------------------------------------------------

def test_weapons_for_survival_each_way():
    both = positions(pos(1, "2013-04-01", "DPRK", "law", "weapons_defend_state"),
                     pos(2, "2022-09-08", "DPRK", "law", "weapons_defend_state"))
    assert R.weapons_for_survival(both).verdict == SUPPORTED
    one = positions(pos(1, "2013-04-01", "DPRK", "law", "weapons_defend_state"),
                    pos(2, "2022-09-08", "DPRK", "law", "keep_sanctions"))
    assert R.weapons_for_survival(one).verdict == MIXED
    none = positions(pos(1, "2013-04-01", "DPRK", "law", "keep_sanctions"))
    assert R.weapons_for_survival(none).verdict == CONTRADICTED
    # a US law or a DPRK statement is not a DPRK law
    other = positions(pos(1, "2013-04-01", "US", "law", "weapons_defend_state"),
                      pos(2, "2014-04-01", "DPRK", "statement", "weapons_defend_state"))
    assert R.weapons_for_survival(other).verdict == NOT_TESTABLE


# -- repression -------------------------------------------------------------------------------

def freedom(*rows):
    """rows: (index, edition, rank, n_assessed, n_worse)."""
    cols = ["index", "edition", "rank", "n_assessed", "n_worse"]
    frame = pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)
    for c in cols[1:]:
        frame[c] = frame[c].astype("Int64")
    return frame


def test_worse_than_takes_n_worse_or_the_rank():
    w = R.worse_than(freedom(("freedom_house", 2023, None, 210, 3), ("rsf", 2024, 177, 180, None)))
    assert list(w["worse"]) == [3, 3]


def test_repression_each_way():
    bottom = freedom(("freedom_house", 2023, None, 210, 2), ("rsf", 2024, 180, 180, None))
    assert R.repression(bottom).verdict == SUPPORTED
    near = freedom(("freedom_house", 2023, None, 210, 4), ("rsf", 2024, 176, 180, None))
    assert R.repression(near).verdict == MIXED  # passes at 5 and 10, not at 3
    middle = freedom(("freedom_house", 2023, None, 210, 90), ("rsf", 2024, 100, 180, None))
    assert R.repression(middle).verdict == CONTRADICTED
    assert R.repression(freedom(("rsf", 2024, None, 180, None))).verdict == NOT_TESTABLE


# -- Hanoi ------------------------------------------------------------------------------------

def test_hanoi_sequencing_each_way():
    four = [pos(1, "2019-02-28", "US", "press_conference", "dprk_asks_relief_for_yongbyon"),
            pos(2, "2019-02-28", "US", "press_conference", "us_asks_more_than_yongbyon"),
            pos(3, "2019-03-01", "DPRK", "press_conference", "dprk_asks_relief_for_yongbyon"),
            pos(4, "2019-03-01", "DPRK", "press_conference", "us_asks_more_than_yongbyon")]
    assert R.hanoi_sequencing(positions(*four)).verdict == SUPPORTED
    assert R.hanoi_sequencing(positions(*four[:3])).verdict == MIXED
    assert R.hanoi_sequencing(positions(four[0], four[3])).verdict == CONTRADICTED
    assert R.hanoi_sequencing(positions(pos(9, "2019-01-01", "US", "statement", "keep_sanctions"))).verdict \
        == NOT_TESTABLE


# -- Russia beside China --------------------------------------------------------------------------

def test_russia_with_china_each_way():
    joint = positions(pos(1, "2017-07-04", "China; Russia", "joint_statement", "freeze_for_freeze"))
    shared = resolutions(("S/1", "2022-05-26", "vetoed", "sanctions", "China; Russia"))
    assert R.russia_with_china(joint, shared).verdict == SUPPORTED
    # Russia alone in two of three moves: China's one move was joined, Russia's 1 of 3 (33%)
    alone = resolutions(("S/1", "2022-05-26", "vetoed", "sanctions", "China; Russia"),
                        ("S/2", "2024-03-28", "vetoed", "panel_renewal", "Russia"),
                        ("S/3", "2024-05-01", "vetoed", "other", "Russia"))
    assert R.russia_with_china(positions(), alone).verdict == MIXED
    apart = resolutions(("S/1", "2022-05-26", "vetoed", "sanctions", "China"),
                        ("S/2", "2024-03-28", "vetoed", "panel_renewal", "Russia"))
    assert R.russia_with_china(positions(), apart).verdict == CONTRADICTED
    adopted = resolutions(("1718", "2006-10-14", "adopted", "sanctions", None))
    assert R.russia_with_china(positions(), adopted).verdict == NOT_TESTABLE


# -- the Six-Party Talks ---------------------------------------------------------------------------

SIX = [("r1", "2005-01-01", "talks", "six_party", "no joint document", None),
       ("deal", "2005-09-19", "agreement", "six_party", "DPRK commits to abandon nuclear weapons; action for action",
        "2009-04-14"),
       ("deal2", "2007-02-13", "agreement", "six_party", "shutdown of Yongbyon for energy aid", "2009-04-14")]


def test_six_party_verification_each_way():
    failed = summits(*SIX, ("last", "2008-12-08", "talks", "six_party", "no agreement on a verification protocol",
                            None))
    assert R.six_party_verification(failed).verdict == SUPPORTED
    other = summits(*SIX, ("last", "2008-12-08", "talks", "six_party", "recess over energy aid", None))
    assert R.six_party_verification(other).verdict == CONTRADICTED
    two = summits(*SIX, ("a", "2008-07-10", "talks", "six_party", "recess over energy aid", None),
                  ("last", "2008-12-08", "talks", "six_party", "no verification protocol", None))
    assert R.six_party_verification(two).verdict == MIXED
    assert R.six_party_verification(summits(*SIX[1:])).verdict == NOT_TESTABLE


def test_six_party_bargain_and_progress_each_way():
    assert R.six_party_bargain(summits(*SIX)).verdict == SUPPORTED
    bare = summits(SIX[0], ("deal", "2005-09-19", "agreement", "six_party", "DPRK commits to abandon its weapons",
                            None))
    assert R.six_party_bargain(bare).verdict == CONTRADICTED
    assert R.six_party_bargain(summits(SIX[0])).verdict == NOT_TESTABLE
    assert R.six_party_progress(summits(*SIX)).verdict == SUPPORTED
    assert R.six_party_progress(summits(*SIX[:2])).verdict == MIXED  # agreements in one year only
    assert R.six_party_progress(summits(SIX[0])).verdict == CONTRADICTED
    assert R.six_party_progress(summits(SIX[1])).verdict == NOT_TESTABLE


# -- tempo ------------------------------------------------------------------------------------------

def spread(year_counts: dict) -> list:
    return [(f"{year}-0{1 + i % 9}-15", "SRBM") for year, n in year_counts.items() for i in range(n)]


def test_tempo_by_period_counts_only_the_time_covered():
    frame = launches(("1984-06-01", "SRBM"), ("1985-06-01", "SRBM"), ("1986-07-02", "SRBM"))
    tempo = R.tempo_by_period(frame, [(1984, 1985), (1986, None)])
    assert list(tempo["events"]) == [2, 1]
    assert tempo["per_year"].iloc[0] == pytest.approx(2 / 2, rel=0.01)
    assert tempo["years"].iloc[1] == pytest.approx(183 / 365.25, rel=0.01)  # to 2 July 1986 only


def test_testing_intensified_each_way():
    rising = launches(*spread({1985: 1, 1995: 2, 2005: 3, 2015: 10, 2021: 30, 2026: 30}))
    assert R.testing_intensified(rising).verdict == SUPPORTED
    falling = launches(*spread({1985: 9, 1995: 5, 2005: 3, 2015: 2}), ("2029-12-20", "SRBM"))
    assert R.testing_intensified(falling).verdict == CONTRADICTED
    dip = launches(*spread({1985: 1, 2015: 10, 2020: 40}), ("2025-12-01", "SRBM"))
    assert R.testing_intensified(dip).verdict == MIXED
    assert R.testing_intensified(launches()).verdict == NOT_TESTABLE


# -- the Biden years -----------------------------------------------------------------------------------

def test_no_summits_each_way():
    none = summits(("s", "2019-06-30", "summit", "us_dprk", "meeting", None))
    assert R.no_summits(none, LEADERS).verdict == SUPPORTED
    held = summits(("s", "2022-06-30", "summit", "us_dprk", "meeting", None))
    assert R.no_summits(held, LEADERS).verdict == CONTRADICTED
    talks = summits(("t", "2022-06-30", "talks", "us_dprk", "officials", None))
    assert R.no_summits(talks, LEADERS).verdict == SUPPORTED


def test_offer_without_preconditions_each_way():
    early = positions(pos(1, "2021-06-21", "US", "statement", "talks_without_preconditions"))
    assert R.offer_without_preconditions(early, LEADERS).verdict == SUPPORTED
    late = positions(pos(1, "2024-06-21", "US", "statement", "talks_without_preconditions"))
    assert R.offer_without_preconditions(late, LEADERS).verdict == MIXED
    before = positions(pos(1, "2019-06-21", "US", "statement", "talks_without_preconditions"))
    assert R.offer_without_preconditions(before, LEADERS).verdict == CONTRADICTED
    # an open term is halved at the newest recorded position, never at the clock
    open_term = LEADERS.assign(end_date=pd.NaT)
    two = positions(pos(1, "2021-03-01", "US", "statement", "talks_without_preconditions"),
                    pos(2, "2022-01-20", "US", "statement", "other"))
    assert R.offer_without_preconditions(two, open_term).verdict == SUPPORTED    # midpoint 2021-07-21
    two_late = positions(pos(1, "2021-09-01", "US", "statement", "talks_without_preconditions"),
                         pos(2, "2022-01-20", "US", "statement", "other"))
    assert R.offer_without_preconditions(two_late, open_term).verdict == MIXED


def test_sanctions_kept_each_way_and_month_dates():
    kept = positions(pos(1, "2022-01-01", "US", "designation", "keep_sanctions", precision="month"))
    vetoed = resolutions(("S/1", "2022-05-26", "vetoed", "sanctions", "China; Russia"),
                         ("2680", "2023-03-23", "adopted", "panel_renewal", None))
    v = R.sanctions_kept(kept, vetoed, LEADERS)
    assert v.verdict == SUPPORTED and "January 2022" in v.evidence and "1 January" not in v.evidence
    eased = resolutions(("9999", "2022-05-26", "adopted", "other", None))
    assert R.sanctions_kept(positions(), eased, LEADERS).verdict == CONTRADICTED
    assert R.sanctions_kept(kept, eased, LEADERS).verdict == MIXED


# -- the Council's tools ---------------------------------------------------------------------------------

def test_sanctions_after_each_way():
    since = T("2018-01-01")
    shots = launches(("2019-05-04", "SRBM"), ("2022-03-24", "ICBM"), ("2023-04-13", "ICBM"))
    none = resolutions(("2397", "2017-12-22", "adopted", "sanctions", None))
    assert R.sanctions_after(shots, none, since).verdict == CONTRADICTED
    answered = resolutions(("2397", "2017-12-22", "adopted", "sanctions", None),
                           ("9999", "2023-06-01", "adopted", "sanctions", None))
    assert R.sanctions_after(shots, answered, since).verdict == SUPPORTED
    early_only = resolutions(("9999", "2021-01-01", "adopted", "sanctions", None))
    # answered after the 2019 launch but not after the long-range ones of 2022-23
    assert R.sanctions_after(shots, early_only, since).verdict == MIXED


def test_sanctions_share_each_way():
    regime = resolutions(("1", "2006-10-14", "adopted", "sanctions", None),
                         ("2", "2010-06-01", "adopted", "panel_renewal", None),
                         ("3", "1993-05-11", "adopted", "other", None))
    assert R.sanctions_share(regime).verdict == SUPPORTED
    demands = resolutions(("1", "2006-10-14", "adopted", "sanctions", None),
                          ("2", "2007-01-01", "adopted", "other", None), ("3", "2008-01-01", "adopted", "other", None))
    assert R.sanctions_share(demands).verdict == CONTRADICTED
    assert R.sanctions_share(resolutions()).verdict == NOT_TESTABLE


def test_early_dialogue_each_way():
    broke = summits(("a", "1993-06-11", "agreement", "us_dprk", "x", "2003-01-10"),
                    ("b", "1994-10-21", "agreement", "us_dprk", "y", "2002-12-27"))
    v = R.early_dialogue(broke)
    assert v.verdict == SUPPORTED and "9.6" in v.evidence
    held = summits(("a", "1993-06-11", "agreement", "us_dprk", "x", None),
                   ("b", "1994-10-21", "agreement", "us_dprk", "y", None))
    assert R.early_dialogue(held).verdict == CONTRADICTED
    mixed = summits(("a", "1993-06-11", "agreement", "us_dprk", "x", "2003-01-10"),
                    ("b", "1994-10-21", "agreement", "us_dprk", "y", None),
                    ("c", "2000-10-12", "agreement", "us_dprk", "z", None))
    assert R.early_dialogue(mixed).verdict == MIXED  # 1 of 2 before 2000, 1 of 3 to its end
    assert R.early_dialogue(summits(("c", "2000-10-12", "agreement", "us_dprk", "z", None))).verdict \
        == NOT_TESTABLE


def test_no_record_names_what_is_missing():
    v = R.no_record("x", "Claim.", needs={"a series of troop levels": None}, context="Context.", method="M.")
    assert v.verdict == NOT_TESTABLE and v.evidence == "The tables hold no a series of troop levels. Context."


def test_place_replaces_in_place_appends_drops_merged_and_marks_book():
    from usnk.analysis.claims import Verdict
    old = [Verdict(i, "c", NOT_TESTABLE, "e", "s") for i in ("a", "b", "dup", "c")]
    new = [Verdict("b", "c", SUPPORTED, "new", "s"), Verdict("z", "c", MIXED, "e", "s")]
    out = R.place(old, new, merged=("dup",), book=("c",))
    assert [v.claim_id for v in out] == ["a", "b", "c", "z"]
    assert out[1].verdict == SUPPORTED and out[1].evidence == "new"
    assert out[2].origin == "book" and out[0].origin == "article"
