"""One event, one row: an incident that is a launch of ``missile_launches``.

CSIS files some launches as incidents (a rocket-artillery "MLRS test", "Artillery
Fire", a "MIRV test", a "Mixed Tactical Weapons Test"), often dated by the day KCNA
reported them, while the launch table holds the same firing as a launch (CNS counts
the 600 mm KN-25 rocket as a short-range ballistic missile). Counted in both tables,
one event would be counted twice in two chapters' numbers.

The rule: an incident of a weapons-test or artillery category whose kind is a kind
of launch (:data:`LAUNCH_KINDS`) may not lie within a day (:data:`WITHIN_DAYS`) of a
launch of the same system or class. :func:`duplicates` finds such incidents; the
importer drops them (:func:`usnk.importers.update.drop_counted_launches`), so every
update applies it, and :func:`check` reports any that a table still holds.
Weapons tests that launch nothing the table counts (engine tests, air-defence
missiles, drones) have no launch kind and are never matched.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from usnk.errors import Problem

CATEGORIES = ("weapons_test", "artillery")
"""Incident categories the rule applies to."""

WITHIN_DAYS = 1
"""An incident this many days or fewer from a launch of its kind is that launch."""


@dataclass(frozen=True)
class LaunchKind:
    """A kind of incident that is a launch: its ``name``, the incident kinds
    (``event_type``) it covers, and which launch rows are of that kind (by
    ``missile_name`` or by ``missile_class``)."""

    name: str
    event_type: re.Pattern
    missile_name: re.Pattern | None = None
    classes_except: tuple[str, ...] | None = None

    def launches(self, launches: pd.DataFrame) -> pd.Series:
        if self.missile_name is not None:
            return launches["missile_name"].astype(str).str.contains(self.missile_name)
        if "missile_class" not in launches.columns:
            return pd.Series(False, index=launches.index)
        return ~launches["missile_class"].isin(self.classes_except or ())


LAUNCH_KINDS = (
    LaunchKind("rocket artillery (the 600 mm KN-25)",
               re.compile(r"MLRS|multiple launch rocket|rocket launcher|artillery fire|controlled rocket", re.I),
               missile_name=re.compile(r"KN-25")),
    LaunchKind("ballistic missile",
               re.compile(r"MIRV|reentry vehicle|tactical weapons", re.I),
               classes_except=("cruise", "SLV")),
)


def duplicates(incidents: pd.DataFrame, launches: pd.DataFrame) -> dict[int, tuple[str, str]]:
    """Incidents (by index) that are launches of the launch table: index →
    (the kind's name, the date of the nearest launch of that kind)."""
    out: dict[int, tuple[str, str]] = {}
    needed_i = {"category", "event_type", "date"}
    needed_l = {"date", "missile_name"}
    if not (needed_i <= set(incidents.columns) and needed_l <= set(launches.columns)) or not len(launches):
        return out
    days_of = {}
    for kind in LAUNCH_KINDS:
        days_of[kind.name] = sorted({d for d in launches.loc[kind.launches(launches), "date"] if _day(d)})
    for i, (category, event_type, day) in enumerate(zip(incidents["category"], incidents["event_type"],
                                                         incidents["date"])):
        here = _day(day)
        if category not in CATEGORIES or here is None:
            continue
        for kind in LAUNCH_KINDS:
            if not kind.event_type.search(str(event_type)):
                continue
            near = [d for d in days_of[kind.name] if abs((_day(d) - here).days) <= WITHIN_DAYS]
            if near:
                out[incidents.index[i]] = (kind.name, min(near, key=lambda d: abs((_day(d) - here).days)))
                break
    return out


def check(frames: dict[str, pd.DataFrame], files: dict[str, str] | None = None) -> list[Problem]:
    """An incident that is a launch the launch table holds is a problem of the
    incidents file, at its line."""
    files = files or {}
    incidents, launches = frames.get("incidents"), frames.get("missile_launches")
    if incidents is None or launches is None:
        return []
    lines = list(incidents.attrs.get("lines") or range(2, len(incidents) + 2))
    position = {index: n for n, index in enumerate(incidents.index)}
    file = files.get("incidents", "incidents.csv")
    return [Problem(file, lines[position[i]], "event_type",
                    f"expected no {kind} incident within {WITHIN_DAYS} day of a launch of that kind "
                    f"(missile_launches has one on {day}): one event, one row, in missile_launches",
                    incidents.at[i, "event_type"])
            for i, (kind, day) in duplicates(incidents, launches).items()]


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None
