"""Dates of the record (usnk/analysis/dates.py): whole years between two days."""

from __future__ import annotations

from usnk import analysis as an


def test_full_years_counts_anniversaries():
    assert an.full_years("1953-07-27", "2023-07-26") == 69
    assert an.full_years("1953-07-27", "2023-07-27") == 70
    assert an.full_years(an.ARMISTICE_SIGNED, "2026-08-20") == 73
