"""Engagement and agreements (usnk/analysis/agreements.py): meetings per decade, how long
each agreement held, and the pathway record, on small frames with known answers."""

from __future__ import annotations

import pandas as pd
import pytest

from framefixture import small_located_launches
from usnk import analysis as an


@pytest.fixture
def small():
    return small_located_launches()


def test_engagement_by_decade():
    s = pd.DataFrame({"track": ["us_dprk", "us_dprk", "six_party"], "kind": ["talks", "summit", "talks"],
                      "date": pd.to_datetime(["1994-10-21", "2018-06-12", "2005-01-01"])})
    e = an.engagement_by_decade(s)
    assert e.loc[1990, "talks"] == 1 and e.loc[2010, "summit"] == 1 and 2000 not in e.index


def test_engagement_by_decade_has_every_kind_as_integer_counts():
    s = pd.DataFrame({"track": ["us_dprk", "us_dprk", "six_party", "us_dprk"],
                      "kind": ["talks", "summit", "talks", "agreement"],
                      "date": pd.to_datetime(["1994-10-21", "2018-06-12", "2005-01-01", "1994-10-21"])})
    e = an.engagement_by_decade(s)
    assert (e.index.name, e.columns.name, e.columns.tolist()) == ("decade", "kind", ["summit", "talks", "agreement"])
    assert e.to_dict("index") == {1990: {"summit": 0, "talks": 1, "agreement": 1},
                                  2010: {"summit": 1, "talks": 0, "agreement": 0}}
    assert all(str(t).startswith("int") for t in e.dtypes)
    assert an.engagement_by_decade(s, tracks=("six_party",)).to_dict("index") == {
        2000: {"summit": 0, "talks": 1, "agreement": 0}}


def test_agreement_durations_count_the_days_an_agreement_held():
    summits = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "kind": ["agreement", "agreement"],
                            "track": ["us_dprk", "six_party"], "date": pd.to_datetime(["2012-02-29", "2018-06-12"]),
                            "end_date": pd.to_datetime(["2012-02-29", "2018-06-12"]),
                            "breakdown_date": pd.to_datetime(["2012-04-13", None]),
                            "breakdown_event": ["launch", None], "source_url": "https://example.org"})
    d = an.agreement_durations(summits, as_of="2019-06-12").set_index("id")
    assert d.loc["a", "days"] == 44 and not d.loc["a", "holding"]
    assert d.loc["b", "days"] == 365 and d.loc["b", "holding"]


AGREEMENTS = pd.DataFrame({
    "id": ["a", "b", "c", "d", "e", "f"], "name": ["A", "B", "C", "D", "E", "F"],
    "kind": ["summit", "agreement", "talks", "agreement", "summit", "agreement"],
    "track": ["us_dprk", "us_dprk", "six_party", "six_party", "us_dprk", "six_party"],
    "date": pd.to_datetime(["2018-06-12", "2018-06-12", "2005-09-13", "2005-09-19", "2019-02-27", "2007-02-13"]),
    "end_date": pd.to_datetime(["2018-06-12", "2018-06-12", "2005-09-19", "2005-09-19", "2019-02-28", None]),
    "breakdown_date": pd.to_datetime([None, "2019-02-28", None, "2006-07-05", None, None]),
    "breakdown_event": [None, "Hanoi", None, "launches", None, None], "source_url": "https://example.org"})


def test_agreement_durations_default_end_picked_ids_and_index():
    d = an.agreement_durations(AGREEMENTS)
    assert d["id"].tolist() == ["d", "f", "b"] and d.index.tolist() == [0, 1, 2]
    assert d.columns.tolist() == ["id", "name", "track", "signed", "ended", "holding", "breakdown_event",
                                  "source_url", "days", "years"]
    # the holding agreement is counted to the newest date of the table, the summit's last day
    assert d["ended"].tolist()[1] == pd.Timestamp("2019-02-28")
    assert d["days"].tolist() == [289, 4398, 261] and d["years"].tolist() == [0.8, 12.0, 0.7]
    assert d["holding"].tolist() == [False, True, False]
    picked = an.agreement_durations(AGREEMENTS, ids=["b", "d"], as_of="2008-02-13")
    assert picked["id"].tolist() == ["d", "b"] and picked.index.tolist() == [0, 1]


def test_pathway_record_texts(small):
    res = pd.DataFrame({"resolution": ["1", "2", "3"], "kind": ["sanctions"] * 3,
                        "date": pd.to_datetime(["2016-03-02", "2017-12-22", "2022-05-26"]),
                        "status": ["adopted", "adopted", "vetoed"]})
    rec = an.pathway_record(AGREEMENTS, res, small, an.agreement_durations(AGREEMENTS))
    assert rec.to_dict("records") == [
        {"pathway": "Direct dialogue (leader summits)",
         "record": "2 US–DPRK leader meetings (2018–2019); 1 US–DPRK agreements in the table, 1 recorded as "
                   "broken down, after 261 days"},
        {"pathway": "Multilateral frameworks (Six-Party Talks)",
         "record": "1 sessions of talks (rounds and phases of rounds, 2005–2005) and 2 agreements, which held "
                   "289–4,398 days"},
        # the vetoed draft of 2022 is no sanctions resolution; 2015 had no launch
        {"pathway": "Sanctions and incentives",
         "record": "2 sanctions resolutions adopted 2016–2017; missiles per year 0 in 2015 and 1 in 2017; "
                   "4 missiles since the last one (1 a year)"},
        {"pathway": "A grand bargain",
         "record": "no comprehensive deal of this kind has been negotiated, so the tables hold no record to test; "
                   "the 2021 US policy review said it would not seek one"}]
