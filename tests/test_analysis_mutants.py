"""Analysis rules that single-token mutations of ``usnk.analysis`` showed unguarded:
exact values on small hand-made tables, with data on both sides of each comparison."""

from __future__ import annotations

import pandas as pd

from framefixture import launches_frame
from usnk import analysis as an


def test_capability_frontier_a_failed_flight_beyond_every_success_does_not_count():
    launches = launches_frame([
        ("s1", "2015-03-01", "e1", "Short", "SRBM", "success", 400, 80),
        ("f1", "2015-04-01", "e2", "Long", "IRBM", "failure", 3000, 900),
        ("u1", "2015-05-01", "e3", "Mid", "MRBM", "unknown", 700, 60),
        ("f2", "2016-01-10", "e4", "Long", "IRBM", "failure", 2500, 700),
    ])
    fr = an.capability_frontier(launches)
    dist = fr[fr["metric"] == "distance_km"].set_index("year")
    apo = fr[fr["metric"] == "apogee_km"].set_index("year")
    # the unknown-outcome 700 km flight counts, the failed 3000 km one does not
    assert dist.loc[2015, "value"] == 700 and dist.loc[2015, "missile_name"] == "Mid"
    assert apo.loc[2015, "value"] == 80 and apo.loc[2015, "missile_name"] == "Short"
    # a year with only failed flights has no frontier at all
    assert fr["year"].tolist() == [2015, 2015]


def _us_leaders():
    return pd.DataFrame({
        "country": ["US", "US"], "name": ["Outgoing", "Incoming"], "party": ["x", "y"],
        "start_date": pd.to_datetime(["2013-01-20", "2017-01-20"]),
        "end_date": pd.to_datetime(["2017-01-20", None]),
        "acting": [False, False]})


def test_launches_by_term_a_handover_day_launch_counts_once_for_the_incoming_leader():
    launches = launches_frame([
        ("a", "2016-05-01", "e1", "X", "SRBM", "success", None, None),
        ("b", "2017-01-20", "e2", "X", "SRBM", "success", None, None),
        ("c", "2017-01-20", "e2", "X", "SRBM", "success", None, None),
        ("d", "2018-01-01", "e3", "X", "SRBM", "success", None, None),
    ])
    t = an.launches_by_term(launches, _us_leaders(), "US",
                            start="2016-01-01", end="2018-01-01").set_index("name")
    assert t.loc["Outgoing", ["missiles", "events"]].tolist() == [1, 1]
    # the launch on the record's last day is counted (the term still running ends there)
    assert t.loc["Incoming", ["missiles", "events"]].tolist() == [3, 2]
    assert int(t["missiles"].sum()) == len(launches)
