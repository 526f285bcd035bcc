"""Aggregations and statistics the chapters draw on (pure functions of the tables)."""

from .core import date_label, launches_per_period, launches_per_year, newest_event_date
from .history import (ARMISTICE_SIGNED, KOREAN_WAR_START, engagement_by_decade, full_years,
                      incidents_per_decade, landmark_incidents, leader_counts, terms)
from .nuclear import (LONG_RANGE_CLASSES, capability_frontier, cumulative_success, launch_events,
                      launches_around, major_tests, negotiation_cycle, period_tempo,
                      sanctions_ratchet, success_rates, tests_and_responses)

__all__ = [
    "date_label", "launches_per_period", "launches_per_year", "newest_event_date",
    "ARMISTICE_SIGNED", "KOREAN_WAR_START", "engagement_by_decade", "full_years",
    "incidents_per_decade", "landmark_incidents", "leader_counts", "terms",
    "LONG_RANGE_CLASSES", "capability_frontier", "cumulative_success", "launch_events",
    "launches_around", "major_tests", "negotiation_cycle", "period_tempo", "sanctions_ratchet",
    "success_rates", "tests_and_responses",
]
