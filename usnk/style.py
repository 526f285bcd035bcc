"""The book's visual language: one colour per missile class and per event kind.

Colours come from the Okabe–Ito palette (missile classes) and Paul Tol's "muted"
palette (event kinds), both designed to stay distinguishable with the common forms
of colour-vision deficiency. Event kinds also differ by marker symbol, so no chart
relies on colour alone.
"""

from __future__ import annotations

import pandas as pd


CLASS_COLOURS = {
    "SRBM": "#56B4E9",  # sky blue
    "MRBM": "#009E73",  # bluish green
    "IRBM": "#E69F00",  # orange
    "ICBM": "#D55E00",  # vermillion
    "SLBM": "#0072B2",  # blue
    "HGV": "#F0E442",  # yellow
    "SLV": "#CC79A7",  # reddish purple
    "cruise": "#7F7F7F",  # grey
    "unknown": "#C8C8C8",  # light grey
}

#: Event kinds drawn as markers or bands; each has a colour and a symbol.
EVENT_STYLES = {
    "nuclear_test": {"colour": "#000000", "symbol": "star", "label": "Nuclear test"},
    "resolution_adopted": {"colour": "#332288", "symbol": "diamond", "label": "UNSC resolution adopted"},
    "resolution_vetoed": {"colour": "#882255", "symbol": "x", "label": "UNSC draft vetoed"},
    "summit": {"colour": "#117733", "symbol": "circle", "label": "Summit"},
    "talks": {"colour": "#44AA99", "symbol": "circle-open", "label": "Talks"},
    "agreement": {"colour": "#999933", "symbol": "square", "label": "Agreement"},
    "incident": {"colour": "#AA4499", "symbol": "triangle-up", "label": "Incident"},
}

#: A colour for each incident category (:data:`usnk.vocabulary.INCIDENT_CATEGORIES`).
INCIDENT_COLOURS = {
    "armed_clash": "#CC6677",
    "infiltration": "#332288",
    "attack": "#882255",
    "terrorism": "#AA4499",
    "seizure": "#DDCC77",
    "territorial_incursion": "#117733",
    "artillery": "#999933",
    "balloons": "#88CCEE",
    "weapons_test": "#44AA99",
    "nuclear_programme": "#000000",
    "electronic": "#6699CC",
    "military_exercise": "#AA7744",
    "declaration": "#BBBBBB",
    "other": "#DDDDDD",
}

#: Shading for US administrations by party (light, so data drawn on top stays legible).
PARTY_SHADES = {"Democratic": "rgba(0,114,178,0.08)", "Republican": "rgba(213,94,0,0.08)"}

#: Countries in leader and neighbour charts.
COUNTRY_COLOURS = {"US": "#0072B2", "ROK": "#009E73", "DPRK": "#D55E00", "China": "#CC79A7", "Russia": "#E69F00"}

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

#: First year shown on the book's shared time axis (the first CNS-recorded launches).
TIMELINE_START = "1984-01-01"


def timeline_end(newest) -> pd.Timestamp:
    """Where the timeline's axis ends: the end of the newest event's month and 45 days
    more, so the newest markers are not cut at the edge."""
    return pd.Timestamp(newest) + pd.offsets.MonthEnd(1) + pd.Timedelta(days=45)
