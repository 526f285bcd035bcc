"""Korean time (:mod:`usnk.kst`): the Korean day of a UTC instant and back."""

from __future__ import annotations

from usnk.kst import korean_date, utc_date


def test_korean_and_utc_dates_turn_at_15_utc():
    assert korean_date("2017-05-14", "14:59") == "2017-05-14"
    assert korean_date("2017-05-14", "15:00") == "2017-05-15"
    assert korean_date("2017-12-31", "23:30") == "2018-01-01"
    assert utc_date("2017-05-15", "14:59") == "2017-05-15"
    assert utc_date("2017-05-15", "15:00") == "2017-05-14"
