"""Text labels of dates and periods (usnk/labels.py)."""

from __future__ import annotations

from usnk.labels import period_label


def test_period_label():
    assert period_label(2017, 2017) == "2017"
    assert period_label(2019.0, 2021.0) == "2019–2021"
