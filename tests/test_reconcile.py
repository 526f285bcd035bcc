"""The reconciliation of the CNS rows with the CSIS evidence
(:mod:`usnk.importers.reconcile`) on small hand-made inputs with exact expected
values: matching a CNS missile to the CSIS event of its launch, the dates and classes
it takes, the untimed missiles of a timed salvo, and the events made of the CSIS table
and of the launch table itself."""

from __future__ import annotations

import pandas as pd
import pytest

from usnk.datafolder import DataFolder
from usnk.importers.common import launch_columns
from usnk.importers.csis import read_csis
from usnk.importers.reconcile import MAX_CSIS_COUNT, LaunchEvent, csis_events, reconcile, source_rows, table_events
from usnk.paths import ROOT

LAUNCH_COLUMNS = launch_columns(DataFolder(ROOT / "data"))
"""The launch table's columns, as the repository's data package declares them."""


CNS_COLUMNS = ["origin", "source_date", "date", "date_precision", "launch_time_utc", "missile_class",
               "class_basis", "date_basis", "launch_date_utc"]


def cns_rows(*rows):
    """CNS rows as the readers give them: (source_date, precision, time, class)."""
    return pd.DataFrame([{"origin": "cns", "source_date": d, "date": d, "date_precision": p,
                          "launch_time_utc": t, "missile_class": c, "class_basis": "",
                          "date_basis": "", "launch_date_utc": ""} for d, p, t, c in rows],
                        columns=CNS_COLUMNS)


def event(key, date, classes, count=None):
    rows = pd.DataFrame({"origin": "csis", "source_date": date, "date": date, "missile_class": list(classes),
                         "class_basis": "source", "date_basis": "source_date", "launch_date_utc": ""})
    count = len(classes) if count is None else count
    return LaunchEvent(key, date, all(c == "cruise" for c in classes), count, tuple(dict.fromkeys(classes)), rows)


# --------------------------------------------------------------------------- matching and dating


def test_reconcile_drops_csis_ballistic_rows_that_cns_supersedes():
    cns = cns_rows(("2017-05-14", "day", "21:00", "unknown"))
    events = [
        event("one", "2017-05-15", ["IRBM"]),            # the CNS missile's launch: matched
        event("twice", "2017-05-15", ["SRBM", "SRBM"]),  # the same launch reported again: dropped
        event("artillery", "2017-03-10", ["unknown"]),   # unnamed firing before CNS ends: dropped
        event("named", "2017-03-10", ["SRBM"]),          # a named class CNS lacks: kept
        event("cruise", "2017-05-15", ["cruise"]),       # cruise missiles: never in CNS, kept
        event("later", "2017-05-16", ["unknown"]),       # after the newest CNS date: kept
    ]
    out = reconcile(cns, events)
    assert out[["date", "date_basis", "missile_class", "class_basis", "launch_date_utc"]].iloc[0].tolist() == [
        "2017-05-15", "csis_match", "IRBM", "csis", "2017-05-14"]
    assert out["_event_key"].tolist() == ["", "named", "cruise", "later"]
    assert out["date"].tolist() == ["2017-05-15", "2017-03-10", "2017-05-15", "2017-05-16"]
    assert len(out) == 4  # not 1 + 2 + 1 + 1 + 1 + 1: no missile counted twice


def test_reconcile_dates_without_a_match_by_time_or_by_the_source():
    cns = cns_rows(("2017-10-10", "day", "16:00", "SRBM"),   # UTC evening: the next Korean day
                   ("2017-10-20", "day", "03:00", "SRBM"),   # UTC morning: the same day
                   ("2017-11-05", "day", "", "SRBM"),        # no time: the source date
                   ("2017-12-01", "month", "", "SRBM"))      # month only: always the source date
    out = reconcile(cns, [])
    assert out["date"].tolist() == ["2017-10-11", "2017-10-20", "2017-11-05", "2017-12-01"]
    assert out["date_basis"].tolist() == ["utc_time", "utc_time", "source_date", "source_date"]
    assert out["launch_date_utc"].tolist() == ["2017-10-10", "2017-10-20", "", ""]
    assert out["class_basis"].tolist() == ["source"] * 4


def test_reconcile_month_only_rows_match_within_the_month_and_keep_their_date():
    cns = cns_rows(("1990-05-01", "month", "", "unknown"))
    out = reconcile(cns, [event("may", "1990-05-20", ["SRBM"]), event("june", "1990-06-01", ["SRBM"])])
    assert out[["date", "date_basis", "missile_class"]].values.tolist() == [
        ["1990-05-01", "source_date", "unknown"], ["1990-06-01", "source_date", "SRBM"]]
    assert out["_event_key"].tolist() == ["", "june"]


def test_reconcile_ranks_a_date_the_row_can_mean_before_the_count_and_the_count_before_the_gap():
    cns = cns_rows(("2018-01-05", "day", "", "unknown"), ("2018-01-05", "day", "", "unknown"))
    out = reconcile(cns, [event("next day, two", "2018-01-06", ["MRBM", "MRBM"]),
                          event("same day, one", "2018-01-05", ["SRBM"])])
    assert out["date"].tolist()[:2] == ["2018-01-05", "2018-01-05"]
    assert out["missile_class"].tolist() == ["SRBM", "SRBM", "MRBM", "MRBM"]
    assert out["_event_key"].tolist() == ["", "", "next day, two", "next day, two"]

    cns = cns_rows(("2018-03-05", "day", "", "unknown"), ("2018-03-05", "day", "", "unknown"))
    out = reconcile(cns, [event("before, one", "2018-03-04", ["SRBM"]),
                          event("after, two", "2018-03-06", ["MRBM", "MRBM"])])
    assert out["date"].tolist() == ["2018-03-06", "2018-03-06", "2018-03-04"]
    assert out["missile_class"].tolist() == ["MRBM", "MRBM", "SRBM"]


def test_reconcile_a_timed_row_matched_a_day_from_both_its_dates_keeps_its_time_date():
    cns = cns_rows(("2017-09-02", "day", "20:00", "unknown"))  # Korean 2017-09-03 by the time
    out = reconcile(cns, [event("a day early", "2017-09-01", ["SRBM"])])
    assert out[["date", "date_basis", "missile_class", "launch_date_utc"]].values.tolist() == [
        ["2017-09-03", "utc_time", "unknown", "2017-09-02"]]


def test_reconcile_keeps_a_csis_class_only_when_it_names_one():
    cns = cns_rows(("2019-07-25", "day", "", "unknown"), ("2019-08-10", "day", "", "unknown"),
                   ("2019-08-24", "day", "", "SLBM"))
    out = reconcile(cns, [event("one class", "2019-07-25", ["SRBM"]),
                          event("two classes", "2019-08-10", ["SRBM", "MRBM"]),
                          event("already named", "2019-08-24", ["SRBM"])])
    assert out["missile_class"].tolist() == ["SRBM", "unknown", "SLBM"]
    assert out["class_basis"].tolist() == ["csis", "source", "source"]


def test_reconcile_matches_a_day_row_only_a_day_away_and_only_of_its_kind():
    cns = cns_rows(("2018-01-05", "day", "", "unknown"), ("2018-02-05", "day", "", "unknown"))
    out = reconcile(cns, [event("same month", "2018-01-20", ["SRBM"]), event("cruise", "2018-02-05", ["cruise"])])
    assert out[["date", "date_basis", "missile_class", "_event_key"]].values.tolist() == [
        ["2018-01-05", "source_date", "unknown", ""], ["2018-02-05", "source_date", "unknown", ""],
        ["2018-01-20", "source_date", "SRBM", "same month"], ["2018-02-05", "source_date", "cruise", "cruise"]]


def _named(frame, names, facilities):
    return frame.assign(missile_name=names, facility=facilities)


def test_an_untimed_missile_of_a_timed_salvo_takes_the_salvos_korean_day():
    # 10 September 2019: CNS enters three KN-25s on the 9th, two timed (21:53 and 22:12
    # UTC, the 10th in Korea) and the third without a time
    cns = _named(cns_rows(("2019-09-09", "day", "21:53", "SRBM"), ("2019-09-09", "day", "22:12", "SRBM"),
                          ("2019-09-09", "day", "", "SRBM")), ["KN-25"] * 3, ["Kaechon"] * 3)
    out = reconcile(cns, [])
    assert out["date"].tolist() == ["2019-09-10", "2019-09-10", "2019-09-10"]
    assert out["date_basis"].tolist() == ["utc_time", "utc_time", "same_launch"]
    assert out["launch_date_utc"].tolist() == ["2019-09-09", "2019-09-09", ""]


@pytest.mark.parametrize("names, facilities", [
    (["KN-25", "KN-23"], ["Kaechon", "Kaechon"]),   # another missile: another launch
    (["KN-25", "KN-25"], ["Kaechon", "Sunan"]),     # another site: another launch
])
def test_an_untimed_row_of_another_launch_keeps_its_date(names, facilities):
    cns = _named(cns_rows(("2019-09-09", "day", "21:53", "SRBM"), ("2019-09-09", "day", "", "SRBM")),
                 names, facilities)
    out = reconcile(cns, [])
    assert out["date"].tolist() == ["2019-09-10", "2019-09-09"]
    assert out["date_basis"].tolist() == ["utc_time", "source_date"]


def test_an_untimed_row_whose_salvo_keeps_the_cns_date_is_not_moved():
    cns = _named(cns_rows(("2019-05-04", "day", "01:54", "SRBM"), ("2019-05-04", "day", "", "SRBM")),
                 ["KN-23"] * 2, ["Hodo"] * 2)
    assert reconcile(cns, [])["date_basis"].tolist() == ["utc_time", "source_date"]


def _with_source(ev, url):
    ev.rows["source_url"] = url
    ev.dated = url != "https://beyondparallel.csis.org/database-north-korean-provocations/"
    return ev


def test_a_csis_event_that_cites_no_report_decides_no_date():
    # 6 August 2019: CNS enters 5 August, 20:24 UTC (the 6th in Korea); CSIS, citing
    # nothing, dates the pair the 5th
    cns = cns_rows(("2019-08-05", "day", "20:24", "SRBM"))
    unsourced = _with_source(event("pair", "2019-08-05", ["SRBM"]),
                             "https://beyondparallel.csis.org/database-north-korean-provocations/")
    out = reconcile(cns, [unsourced])
    assert out[["date", "date_basis", "launch_date_utc"]].values.tolist() == [["2019-08-06", "utc_time", "2019-08-05"]]
    assert len(out) == 1  # still matched: the CSIS event is not added as a second launch
    sourced = _with_source(event("pair", "2019-08-05", ["SRBM"]), "https://en.yna.co.kr/view/AEN20190805000100325")
    out = reconcile(cns, [sourced])
    assert out[["date", "date_basis", "launch_date_utc"]].values.tolist() == [["2019-08-05", "csis_match", "2019-08-04"]]


def test_source_rows_put_back_what_cns_gives():
    cns = cns_rows(("2017-05-14", "day", "21:00", "unknown"), ("2017-06-01", "day", "", "SRBM"))
    out = source_rows(reconcile(cns, [event("one", "2017-05-15", ["IRBM"])]))
    assert out[["date", "missile_class", "class_basis", "date_basis", "launch_date_utc"]].values.tolist() == [
        ["2017-05-14", "unknown", "source", "", ""], ["2017-06-01", "SRBM", "source", "", ""]]


# --------------------------------------------------------------------------- the evidence: events of the table and of the CSIS file


def test_table_events_give_the_csis_events_and_the_dates_cns_rows_took():
    table = pd.DataFrame({
        "id": ["c1", "c2", "c3", "n1", "n2", "n3"],
        "event_id": ["E1", "E1", "E2", "E3", "E3", "E4"],
        "origin": ["csis", "csis", "csis", "cns", "cns", "cns"],
        "date": ["2019-05-04", "2019-05-04", "2019-07-31", "2019-05-09", "2019-05-09", "2019-08-02"],
        "date_basis": ["source_date", "source_date", "source_date", "csis_match", "csis_match", "utc_time"],
        "missile_class": ["SRBM", "unknown", "cruise", "SRBM", "unknown", "SRBM"],
        "class_basis": ["source", "source", "source", "csis", "source", "source"],
    })
    events = table_events(table)
    assert [(e.key, e.date, e.cruise, e.count, e.classes, e.fallback, len(e.rows)) for e in events] == [
        ("table|E1", "2019-05-04", False, 2, ("SRBM", "unknown"), False, 2),
        ("table|E2", "2019-07-31", True, 1, ("cruise",), False, 1),
        ("table|2019-05-09", "2019-05-09", False, 2, ("SRBM",), False, 0)]
    assert "id" not in events[0].rows and "event_id" not in events[0].rows
    fallback = table_events(table, matches_only=True)
    assert [(e.key, e.fallback) for e in fallback] == [("table|2019-05-09", True)]


def test_csis_events_group_rows_by_event_and_cap_implausible_counts():
    events = pd.DataFrame([
        ["2026-09-10", "Missile Provocation", "Short-range Ballistic Missile Launch",
         "The North fired two short-range ballistic missiles.", "https://example.org/a", 2],
        ["2026-09-12", "Missile Provocation", "Cruise Missile Launch",
         f"The North fired {MAX_CSIS_COUNT + 1} cruise missiles.", "https://example.org/b", 3],
        ["2026-09-13", "Missile Provocation", "Cruise Missile Launch",
         f"The North fired {MAX_CSIS_COUNT} cruise missiles.", "https://example.org/c", 4],
    ], columns=["date", "type", "event", "description", "resources", "source_row"])
    columns = ["id", "event_id", "date", "missile_class", "count_is_lower_bound", "source_date", "date_basis",
               "class_basis", "launch_date_utc", "origin"]
    got = csis_events(events, columns=columns)
    assert [(e.key, e.date, e.cruise, e.count, e.classes, e.fallback, len(e.rows)) for e in got] == [
        ("csis-2", "2026-09-10", False, 2, ("SRBM",), False, 2),
        ("csis-4", "2026-09-13", True, MAX_CSIS_COUNT, ("cruise",), False, MAX_CSIS_COUNT),
        ("csis-3", "2026-09-12", True, 1, ("cruise",), False, 1)]
    assert got[0].rows.iloc[0].tolist() == ["", "", "2026-09-10", "SRBM", "false", "2026-09-10", "source_date",
                                            "source", "", "csis"]
    assert got[2].rows["count_is_lower_bound"].tolist() == ["true"]
    assert "_event_key" not in got[0].rows


def test_csis_events_mark_an_event_without_a_report_as_undated(tmp_path):
    path = tmp_path / "csis.csv"
    path.write_text("date,type,event,description,resources\n"
                    "2019-08-05,Missile Provocation,Short-range Ballistic Missile Launch,Two missiles were fired.,\n"
                    "2019-08-10,Missile Provocation,Short-range Ballistic Missile Launch,Two missiles were fired.,"
                    "https://www.wsj.com/articles/x-11565388807\n", encoding="utf-8")
    assert [(ev.date, ev.dated) for ev in csis_events(read_csis(path), columns=LAUNCH_COLUMNS)] == [("2019-08-05", False), ("2019-08-10", True)]
