"""The book's domain vocabulary: missile classes, incident categories, indicator and
event names, and how the prose and charts label them (colours live in :mod:`usnk.style`)."""

from __future__ import annotations

import pandas as pd

#: Missile classes in the order charts stack and list them (short range first).
MISSILE_CLASSES = ["SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "HGV", "SLV", "cruise", "unknown"]

#: Full name of each missile class.
CLASS_LABELS = {
    "SRBM": "Short-range ballistic (SRBM)",
    "MRBM": "Medium-range ballistic (MRBM)",
    "IRBM": "Intermediate-range ballistic (IRBM)",
    "ICBM": "Intercontinental ballistic (ICBM)",
    "SLBM": "Submarine-launched ballistic (SLBM)",
    "HGV": "Hypersonic glide vehicle (HGV)",
    "SLV": "Satellite launch vehicle (SLV)",
    "cruise": "Cruise missile",
    "unknown": "Unidentified",
}

#: Short legend names for missile classes (the full name is in :data:`CLASS_LABELS`).
CLASS_SHORT = {"SRBM": "SRBM", "MRBM": "MRBM", "IRBM": "IRBM", "ICBM": "ICBM", "SLBM": "SLBM",
               "HGV": "HGV", "SLV": "Satellite launch", "cruise": "Cruise", "unknown": "Unidentified"}

#: Incident categories (incidents.csv) in display order.
INCIDENT_CATEGORIES = ["armed_clash", "infiltration", "attack", "terrorism", "seizure", "territorial_incursion",
                       "artillery", "balloons", "weapons_test", "nuclear_programme", "electronic",
                       "military_exercise", "declaration", "other"]

#: Readable name of each incident category.
INCIDENT_LABELS = {
    "armed_clash": "Armed clash", "infiltration": "Infiltration", "attack": "Attack",
    "terrorism": "Terrorism", "seizure": "Seizure", "territorial_incursion": "Territorial incursion",
    "artillery": "Artillery fire", "balloons": "Balloons", "weapons_test": "Weapons test",
    "nuclear_programme": "Nuclear programme", "electronic": "Electronic (GPS jamming, cyber)",
    "military_exercise": "Military exercise", "declaration": "Declaration", "other": "Other",
}

#: What Japan reported about a launch (japan_impacts.csv ``kind``).
JAPAN_EVENT_LABELS = {"overflight": "Flew over Japan", "eez_landing": "Came down in Japan's EEZ"}

#: Readable names for the humanitarian indicators.
HUMANITARIAN_LABELS = {
    "stunting_under5": "Stunting, children under 5",
    "wasting_under5": "Wasting, children under 5",
    "undernourishment_prevalence": "Prevalence of undernourishment",
}

#: Order of the groups on the first-flights chart (new systems by kind).
SYSTEM_GROUPS = ["SLBM", "Hypersonic glide vehicle", "Solid-fuel ICBM", "Other new system"]

#: Start of the Korean War: the North's invasion across the 38th parallel.
KOREAN_WAR_START = pd.Timestamp("1950-06-25")

#: Signature of the Korean Armistice Agreement at Panmunjom (a ceasefire, not a peace treaty).
ARMISTICE_SIGNED = pd.Timestamp("1953-07-27")
