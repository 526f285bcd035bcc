"""One event, one row: an incident that is a launch of the launch table (the rule
of ``usnk.validate.oneevent``), the importer that applies it, and the CSIS firing of
the KN-25 that is a launch, on small frames."""

from __future__ import annotations

import pandas as pd
import pytest

from usnk.datafolder import DataFolder
from usnk.importers.common import launch_columns
from usnk.importers.csis import is_kn25_firing
from usnk.importers.evidence import described_day
from usnk.importers.update import drop_counted_launches
from usnk.paths import ROOT
from usnk.validate import oneevent


def incidents(*rows):
    return pd.DataFrame([{"id": f"{d}-{n}", "date": d, "category": c, "event_type": k}
                         for n, (d, c, k) in enumerate(rows, start=1)])


def launches(*rows):
    return pd.DataFrame([{"date": d, "missile_name": name, "missile_class": cls} for d, name, cls in rows])


KN25 = launches(("2026-01-27", "KN-25", "SRBM"))


@pytest.mark.parametrize("day, category, kind", [
    ("2026-01-28", "weapons_test", "Multiple Launch Rocket System (MLRS) Test"),  # KCNA's day, the next
    ("2026-01-27", "artillery", "Artillery Fire"),                               # the same day
    ("2026-01-26", "weapons_test", "Controlled Rocket Experiment"),              # the day before
])
def test_a_rocket_artillery_incident_within_a_day_of_a_kn25_launch_is_that_launch(day, category, kind):
    frame = incidents((day, category, kind))
    assert oneevent.duplicates(frame, KN25) == {0: ("rocket artillery (the 600 mm KN-25)", "2026-01-27")}
    assert drop_counted_launches(frame, KN25).empty
    problems = oneevent.check({"incidents": frame, "missile_launches": KN25}, {"incidents": "incidents.csv"})
    assert [(p.file, p.row, p.column, p.value) for p in problems] == [("incidents.csv", 2, "event_type", kind)]
    assert "2026-01-27" in problems[0].message


@pytest.mark.parametrize("day, category, kind, table", [
    ("2026-01-29", "weapons_test", "Multiple Launch Rocket System (MLRS) Test", KN25),  # two days away
    ("2026-01-27", "weapons_test", "Rocket Engine Test", KN25),            # an engine test launches nothing
    ("2026-01-27", "weapons_test", "Anti-aircraft Missile Launch", KN25),  # nor does an air-defence test
    ("2026-01-27", "balloons", "Artillery Fire", KN25),                    # not a weapons-test category
    ("2022-10-14", "artillery", "Artillery Fire",                          # shells, and an unrelated SRBM
     launches(("2022-10-14", "Unknown", "SRBM"))),
    ("2026-05-26", "weapons_test", "Mixed Tactical Weapons Test",          # only cruise missiles that day
     launches(("2026-05-26", "Unknown", "cruise"))),
])
def test_an_incident_of_another_kind_or_day_stays(day, category, kind, table):
    frame = incidents((day, category, kind))
    assert oneevent.duplicates(frame, table) == {}
    assert drop_counted_launches(frame, table)["id"].tolist() == [f"{day}-1"]
    assert oneevent.check({"incidents": frame, "missile_launches": table}) == []


def test_a_mirv_or_mixed_test_is_the_ballistic_launch_of_its_day():
    table = launches(("2024-06-26", "Unknown", "unknown"), ("2026-05-26", "Unknown", "SRBM"))
    frame = incidents(("2024-06-26", "weapons_test", "Multiple Independently Targetable Reentry Vehicle (MIRV) Test"),
                      ("2024-06-26", "balloons", "Balloon-floating Trash"),
                      ("2026-05-26", "weapons_test", "Mixed Tactical Weapons Test"))
    assert sorted(oneevent.duplicates(frame, table)) == [0, 2]
    assert drop_counted_launches(frame, table)["event_type"].tolist() == ["Balloon-floating Trash"]


NEW_YEAR = ("North Korea tested a nuclear-capable super-large multiple launch rocket system (MLRS) early in "
            "the morning on New Year's Day, according to state media. The party daily reported Sunday.")
REPORT_ONLY = ("Kim Jong-un oversaw a test launch of an upgraded 600mm multiple-launch rocket system (MLRS). "
               "According to state media, the test involved four rocket launches.")


def test_a_kn25_firing_is_a_launch_when_its_text_names_the_system_and_the_day():
    assert described_day(NEW_YEAR, "2023-01-01") == "2023-01-01"
    assert described_day(NEW_YEAR, "2023-01-02") == "2023-01-01"
    assert described_day(NEW_YEAR, "2023-01-05") == ""          # not this event's New Year
    assert is_kn25_firing("Multiple Lanuch Rocket System (MLRS) Test", NEW_YEAR, "2023-01-01")
    assert not is_kn25_firing("Multiple Launch Rocket System (MLRS) Test", REPORT_ONLY, "2026-01-28")  # no day
    assert not is_kn25_firing("Multiple Launch Rocket System (MLRS) Test",
                              NEW_YEAR.replace("super-large", "240mm"), "2023-01-01")  # another system
    assert not is_kn25_firing("Rocket Engine Test", NEW_YEAR, "2023-01-01")           # not a firing kind


def test_the_csis_launch_path_gives_the_kn25_of_new_years_day(tmp_path):
    from usnk.importers.csis import csis_incident_rows, csis_launch_rows, read_csis

    path = tmp_path / "csis.csv"
    frame = pd.DataFrame({"date": ["2023-01-01", "2026-01-28"], "type": ["Other Provocation", "Missile Provocation"],
                          "event": ["Multiple Lanuch Rocket System (MLRS) Test"] * 2,
                          "description": [NEW_YEAR, REPORT_ONLY],
                          "resources": ["https://www.nknews.org/2023/01/x/", "https://www.nknews.org/2026/01/y/"]})
    frame.to_csv(path, index=False)
    events = read_csis(path)
    rows = csis_launch_rows(events, columns=launch_columns(DataFolder(ROOT / "data")))
    assert rows[["date", "missile_name", "missile_class", "count_is_lower_bound", "origin"]].values.tolist() == [
        ["2023-01-01", "KN-25", "SRBM", "true", "csis"]]
    # both are CSIS incidents too; the one-event rule drops the first against its launch
    incident_rows = csis_incident_rows(events)
    assert incident_rows["date"].tolist() == ["2023-01-01", "2026-01-28"]
    kept = drop_counted_launches(incident_rows, rows[["date", "missile_name", "missile_class"]])
    assert kept["date"].tolist() == ["2026-01-28"]  # no KN-25 launch within a day in this small table
