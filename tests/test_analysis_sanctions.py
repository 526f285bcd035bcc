"""Tests and the Security Council's answers (usnk/analysis/sanctions.py): major tests,
the sanctions ratchet, which test each resolution answers, launches around a date and
the neighbours' record, on small frames with known answers."""

from __future__ import annotations

import pandas as pd

from framefixture import NUCLEAR_LAUNCHES as L
from framefixture import NUCLEAR_RESOLUTIONS as R
from framefixture import NUCLEAR_TESTS as T
from framefixture import SRC, event_launches, launches_frame
from usnk import analysis as an
from usnk.analysis import sanctions


def test_major_tests_columns_kinds_and_same_day_order():
    same_day = pd.concat([L, launches_frame([("d1", "2012-01-01", "e7", "Delta", "IRBM", "success", None, None)])],
                         ignore_index=True)
    m = an.major_tests(same_day, T)
    assert m.columns.tolist() == ["date", "kind", "label", "source_url"]
    assert m["kind"].tolist() == ["nuclear_test", "ICBM", "IRBM", "nuclear_test"]  # a tie ordered by kind
    assert m["label"].tolist() == ["Nuclear test 1", "Bravo", "Delta", "Nuclear test 2"]
    assert m.index.tolist() == [0, 1, 2, 3] and set(m["source_url"]) == {SRC}


def test_sanctions_ratchet_days_and_no_panel_renewals():
    r = an.sanctions_ratchet(R)
    assert r["resolution"].tolist() == ["10", "11", "S/1"]
    assert r["days"].astype(float).tolist() == [10.0, 30.0, 31.0]


def test_tests_and_responses_matches_adopted_resolutions_only():
    tr = an.tests_and_responses(L, T, R, classes=("ICBM",))
    assert tr["label"].tolist() == ["Nuclear test 1", "Bravo", "Nuclear test 2"]
    assert tr["answered"].tolist() == [True, True, False]       # the vetoed draft does not count
    assert tr["resolution"].tolist()[:2] == ["10", "11"]
    assert tr["days"].tolist()[:2] == [10, 30]


def test_tests_and_responses_take_the_classes_asked_for():
    tr = an.tests_and_responses(L, T, R, classes=("SRBM",))
    assert tr["kind"].tolist() == ["SRBM", "nuclear_test", "SRBM", "SRBM", "nuclear_test", "SRBM"]
    assert tr["answered"].tolist() == [False, True, False, False, False, False]
    assert tr.columns.tolist() == ["date", "kind", "label", "source_url", "resolution", "answered", "days"]


def test_a_panel_renewal_answers_no_test():
    renewal = pd.DataFrame({"resolution": pd.array(["13"], dtype="str"), "date": pd.to_datetime(["2012-01-10"]),
                            "status": ["adopted"], "kind": ["panel_renewal"], "trigger_event": ["test 2"],
                            "trigger_date": pd.to_datetime(["2012-01-01"]), "measures": ["m"], "source_url": SRC})
    tr = an.tests_and_responses(L, T, pd.concat([R, renewal], ignore_index=True), classes=("ICBM",))
    assert tr["answered"].tolist() == [True, True, False]


def test_an_event_on_a_votes_day_is_not_answered_by_that_vote():
    """A resolution answers events before its vote; one on the day of the vote comes
    after the text was agreed. The result keeps text dtype for the resolution numbers."""
    vote = pd.DataFrame({"resolution": pd.array(["14"], dtype="str"), "date": pd.to_datetime(["2012-01-01"]),
                         "status": ["adopted"], "kind": ["sanctions"], "trigger_event": ["test 2"],
                         "trigger_date": pd.to_datetime(["2011-12-01"]), "measures": ["m"], "source_url": SRC})
    tr = an.tests_and_responses(L, T, vote, classes=("ICBM",))
    on_the_day = tr[tr["date"] == pd.Timestamp("2012-01-01")]
    assert len(on_the_day) == 1 and not on_the_day["answered"].iloc[0]
    assert tr["resolution"].dtype == "str"


def test_launches_around_counts_both_windows():
    out = an.launches_around(L, ["2011-03-01"], days=365)
    row = out.iloc[0]
    # before: 2010-03-01..2011-02-28 holds b1; after: 2011-03-01..2012-02-29 holds a3, a4, a5
    assert (row["missiles_before"], row["missiles_after"]) == (1, 3)
    assert (row["events_before"], row["events_after"]) == (1, 3)
    wide = an.launches_around(L, ["2011-03-01"], days=500).iloc[0]
    assert (wide["missiles_before"], wide["events_before"]) == (3, 2)
    assert bool(row["complete"]) is True                        # window ends before the newest launch
    late = an.launches_around(L, ["2012-03-01"], days=365).iloc[0]
    assert bool(late["complete"]) is False                      # window runs past the newest launch


def test_launches_around_take_a_year_either_side_by_default():
    launches = event_launches(["2016-01-01", "2016-12-31", "2017-01-02", "2017-12-31", "2018-01-01"])
    row = sanctions.launches_around(launches, ["2017-01-01"]).iloc[0]
    # 2016-01-01 is 366 days before; 2017-12-31 is 364 days after, 2018-01-01 the 365th
    assert (row["missiles_before"], row["missiles_after"]) == (1, 2)
    assert row["complete"]


def test_neighbour_record_counts_meetings_vetoes_and_unanimous_sanctions():
    summits = pd.DataFrame({"id": ["a", "b", "c"], "name": ["a", "b", "c"], "kind": ["summit", "summit", "talks"],
                            "track": ["dprk_china", "dprk_russia", "dprk_russia"], "place": "p", "leaders": "l",
                            "date": pd.to_datetime(["2018-03-25", "2019-04-25", "2019-05-01"]),
                            "source_url": "https://example.org"})
    res = pd.DataFrame({"resolution": ["1", "2", "X"], "date": pd.to_datetime(["2006-10-14", "2017-12-22", "2022-05-26"]),
                        "status": ["adopted", "adopted", "vetoed"], "kind": ["sanctions", "sanctions", "sanctions"],
                        "vote_for": [15, 14, 13], "vetoed_by": [None, None, "China; Russia"],
                        "source_url": "https://example.org"})
    rec = an.neighbour_record(summits, res)
    assert len(rec["China"]["meetings"]) == 1 and len(rec["Russia"]["meetings"]) == 1
    assert len(rec["China"]["vetoes"]) == 1 and len(rec["Russia"]["vetoes"]) == 1
    assert rec["adopted_sanctions"] == 2 and rec["unanimous_sanctions"] == 1
