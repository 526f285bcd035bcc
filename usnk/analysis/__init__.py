"""Aggregations and statistics the chapters draw on (pure functions of the tables)."""

from .core import date_label, launches_per_period, launches_per_year, newest_event_date

__all__ = ["date_label", "launches_per_period", "launches_per_year", "newest_event_date"]
