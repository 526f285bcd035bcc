"""Incidents (usnk/analysis/incidents.py): counts per decade and category, the landmark
incidents and those that touched the South, on small frames with known answers."""

from __future__ import annotations

import math

import pandas as pd

from framefixture import SRC
from usnk import analysis as an
from usnk.analysis import incidents as inc


INC = pd.DataFrame({
    "id": ["1", "2", "3", "4"],
    "date": pd.to_datetime(["1958-02-16", "1968-01-23", "1969-04-15", "1987-11-29"]),
    "category": ["seizure", "seizure", "attack", "terrorism"],
    "event_type": ["a", "b", "c", "d"],
    "landmark": pd.array([None, "Pueblo", None, "KAL 858"], dtype="str"),
    "touched_south": [False, False, False, True], "source_url": SRC,
})


def test_incidents_per_decade_has_every_decade_and_known_counts():
    t = an.incidents_per_decade(INC)
    assert t.index.tolist() == [1950, 1960, 1970, 1980]
    assert t.columns.tolist() == ["attack", "terrorism", "seizure"]       # style order
    assert t.loc[1960].tolist() == [1, 0, 1]
    assert t.loc[1970].sum() == 0
    assert an.landmark_incidents(INC)["landmark"].tolist() == ["Pueblo", "KAL 858"]


def test_decades_are_integers_and_the_decade_table_names_its_axes():
    assert an.decade_of(pd.Series(pd.to_datetime(["1968-01-23", "2001-01-01"]))).tolist() == [1960, 2000]
    assert an.decade_of(pd.Series(pd.to_datetime(["1968-01-23"]))).dtype.kind == "i"
    t = an.incidents_per_decade(INC)
    assert (t.index.name, t.columns.name) == ("decade", "category")


def test_incidents_per_decade_counts_are_integers():
    incidents = pd.DataFrame({"date": pd.to_datetime(["1968-01-23", "1976-08-18"]),
                              "category": ["seizure", "seizure"]})
    table = an.incidents_per_decade(incidents, start_year=1960)
    assert str(table.dtypes.iloc[0]).startswith("int")
    assert table.index.tolist() == [1960, 1970] and table.iloc[:, 0].tolist() == [1, 1]


def test_incidents_per_decade_start_in_1958_by_default():
    incidents = pd.DataFrame({"date": pd.to_datetime(["1957-06-01", "1958-01-01", "1975-01-01"]),
                              "category": ["attack", "attack", "attack"]})
    table = inc.incidents_per_decade(incidents)
    assert list(table.index) == [1950, 1960, 1970]
    assert table["attack"].tolist() == [1, 0, 1]
    assert not math.isnan(table.values.sum())


def test_landmark_incidents_columns_order_and_blank_labels():
    inc = pd.concat([INC, pd.DataFrame({"id": ["0", "5"], "date": pd.to_datetime(["1968-01-23", "1990-01-01"]),
                                        "category": ["attack", "attack"], "event_type": ["e", "f"],
                                        "landmark": pd.array(["Blue House raid", "  "], dtype="str"),
                                        "touched_south": [True, False], "source_url": SRC})], ignore_index=True)
    lm = an.landmark_incidents(inc)
    assert lm.columns.tolist() == ["date", "decade", "landmark", "category", "event_type", "source_url"]
    assert lm["landmark"].tolist() == ["Blue House raid", "Pueblo", "KAL 858"]  # same day: by id
    assert lm["decade"].tolist() == [1960, 1960, 1980] and lm.index.tolist() == [0, 1, 2]


def test_south_incidents_count_the_incidents_that_touched_the_south():
    inc = pd.DataFrame({"date": pd.to_datetime(["2016-01-01", "2016-05-01", "2017-01-01", "2017-02-01"]),
                        "category": ["balloons", "balloons", "infiltration", "balloons"],
                        "touched_south": [True, True, True, False]})
    t = an.south_incidents(inc)
    assert t.loc[2016, "balloons"] == 2 and t.loc[2017, "infiltration"] == 1 and t.loc[2017, "balloons"] == 0


def test_south_incidents_are_counted_per_year_and_category():
    inc = pd.DataFrame({"date": pd.to_datetime(["2016-01-01", "2016-05-01", "2017-01-01", "2017-02-01"]),
                        "category": ["balloons", "balloons", "infiltration", "balloons"],
                        "touched_south": [True, True, None, False]})
    t = an.south_incidents(inc)
    assert t.index.name == "year" and t.index.tolist() == [2016] and t.to_dict() == {"balloons": {2016: 2}}
