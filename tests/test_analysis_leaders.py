"""Leaders' terms (usnk/analysis/leaders.py), clipped to a period, on a small frame."""

from __future__ import annotations

import pandas as pd
import pytest

from framefixture import SRC
from usnk import analysis as an


LEAD = pd.DataFrame({
    "country": ["US", "US", "DPRK", "ROK"], "name": ["A B", "C D", "Kim", "Acting"],
    "title": "t", "party": ["Democratic", "Republican", None, None],
    "start_date": pd.to_datetime(["1990-01-20", "1994-01-20", "1948-09-09", "1993-01-01"]),
    "end_date": pd.to_datetime(["1994-01-20", None, None, "1993-02-01"]),
    "acting": [False, False, False, True], "source_url": SRC,
})


def test_terms_clip_and_leader_counts():
    t = an.terms(LEAD, country="US", start="1992-01-01", end="1996-01-01", as_of="2000-01-01")
    assert t["start"].tolist() == [pd.Timestamp("1992-01-01"), pd.Timestamp("1994-01-20")]
    assert t["end"].tolist()[-1] == pd.Timestamp("1996-01-01")
    assert t["incumbent"].tolist() == [False, True]
    c = an.leader_counts(LEAD)
    assert c.to_dict() == {"DPRK": 1, "US": 2}                            # acting holder left out


def test_terms_end_open_terms_at_the_given_date_and_never_at_the_clock():
    t = an.terms(LEAD, country="US", as_of="2030-05-01")
    assert t["end"].tolist() == [pd.Timestamp("1994-01-20"), pd.Timestamp("2030-05-01")]
    assert t["name"].tolist() == ["A B", "C D"] and t.index.tolist() == [0, 1]
    assert an.terms(LEAD, country="US", as_of="2000-01-01")["end"].tolist()[-1] == pd.Timestamp("2000-01-01")
    with pytest.raises(TypeError):
        an.terms(LEAD, country="US")  # no default: a default would read the clock
