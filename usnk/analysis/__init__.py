"""Aggregations and statistics the chapters draw on (pure functions of the tables),
one module per concept; every public name is importable from here."""

from .dates import (date_label, newest_event_date, KOREAN_WAR_START, ARMISTICE_SIGNED, full_years)
from .launches import (launch_events, launches_per_period, launches_per_year, monthly_by_class, capability_frontier,
    success_rates, cumulative_success, SYSTEM_FEATURES, SYSTEM_GROUPS, first_flights, yearly_since,
    recent_by_class)
from .sanctions import (LONG_RANGE_CLASSES, major_tests, sanctions_ratchet, tests_and_responses,
    launches_around, neighbour_record, same_day_events, response_markers)
from .tempo import (CALIBRATED_APPROACH, period_tempo, rolling_launches, pause_after, launches_by_term,
    summit_window_test, before_after, negotiation_cycle)
from .geography import (japan_events, japan_summary, period_label, eras, facility_counts, landing_areas,
    sites_by_period)
from .incidents import (decade_of, incidents_per_decade, landmark_incidents, south_incidents)
from .leaders import (terms, leader_counts)
from .agreements import (engagement_by_decade, agreement_durations, pathway_record)

__all__ = ["date_label", "newest_event_date", "KOREAN_WAR_START", "ARMISTICE_SIGNED", "full_years",
    "launch_events", "launches_per_period", "launches_per_year", "monthly_by_class", "capability_frontier", "success_rates",
    "cumulative_success", "SYSTEM_FEATURES", "SYSTEM_GROUPS", "first_flights", "yearly_since",
    "recent_by_class", "LONG_RANGE_CLASSES", "major_tests", "sanctions_ratchet", "tests_and_responses",
    "launches_around", "neighbour_record", "same_day_events", "response_markers", "CALIBRATED_APPROACH", "period_tempo", "rolling_launches",
    "pause_after", "launches_by_term", "summit_window_test", "before_after", "negotiation_cycle",
    "japan_events", "japan_summary", "period_label", "eras", "facility_counts", "landing_areas", "sites_by_period", "decade_of",
    "incidents_per_decade", "landmark_incidents", "south_incidents", "terms", "leader_counts",
    "engagement_by_decade", "agreement_durations", "pathway_record"]
