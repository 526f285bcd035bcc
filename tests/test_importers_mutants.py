"""The importers' reconciliation, corrections and parsing rules on small hand-made
inputs with exact expected values (each comparison exercised on both sides), written
against the mutants of ``usnk/importers/{cns,reconcile,ledger}.py`` that survived."""

from __future__ import annotations

import pandas as pd
import pytest

from usnk.importers import ledger
from usnk.validate import ledger as ledger_rule
from usnk.importers.reconcile import LaunchEvent, reconcile, source_rows
from usnk.kst import korean_date, utc_date

from usnk.datafolder import DataFolder
from usnk.importers.common import launch_columns
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


def test_korean_and_utc_dates_turn_at_15_utc():
    assert korean_date("2017-05-14", "14:59") == "2017-05-14"
    assert korean_date("2017-05-14", "15:00") == "2017-05-15"
    assert korean_date("2017-12-31", "23:30") == "2018-01-01"
    assert utc_date("2017-05-15", "14:59") == "2017-05-15"
    assert utc_date("2017-05-15", "15:00") == "2017-05-14"


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


def test_source_rows_put_back_what_cns_gives():
    cns = cns_rows(("2017-05-14", "day", "21:00", "unknown"), ("2017-06-01", "day", "", "SRBM"))
    out = source_rows(reconcile(cns, [event("one", "2017-05-15", ["IRBM"])]))
    assert out[["date", "missile_class", "class_basis", "date_basis", "launch_date_utc"]].values.tolist() == [
        ["2017-05-14", "unknown", "source", "", ""], ["2017-06-01", "SRBM", "source", "", ""]]


LEDGER_COLUMNS = ["table", "row_id", "field", "source_value", "corrected_value", "reason", "source_url"]


def ledger_rows(*rows):
    return pd.DataFrame([[*r, "why", "https://example.org/fix"] for r in rows], columns=LEDGER_COLUMNS)


def launch_table():
    return pd.DataFrame({
        "id": ["2017-05-15-1-01", "2017-05-15-1-02", "2017-06-01-1-01", "2017-07-04-1-01"],
        "event_id": ["2017-05-15-1", "2017-05-15-1", "2017-06-01-1", "2017-07-04-1"],
        "origin": ["cns", "cns", "csis", "cns"],
        "date": ["2017-05-15", "2017-05-15", "2017-06-01", "2017-07-04"],
        "date_basis": ["csis_match", "csis_match", "source_date", "utc_time"],
        "launch_time_utc": ["21:00", "", "", "03:00"],
        "launch_date_utc": ["2017-05-14", "", "", "2017-07-04"],
        "missile_class": ["unknown", "unknown", "SRBM", "ICBM"],
        "class_basis": ["source", "source", "source", "source"],
    })


def test_ledger_date_corrections_move_every_launch_of_the_day_and_come_off_again():
    table = launch_table()
    fix = ledger_rows(("missile_launches", "2017-05-15-1", "date", "2017-05-15", "2017-05-16"),
                      ("missile_launches", "2017-06-01-1", "date", "2017-06-01", "2017-05-31"),
                      ("other_table", "x", "date", "2017-07-04", "2017-07-05"))
    moved = ledger.apply_dates(table, fix)
    assert moved["date"].tolist() == ["2017-05-16", "2017-05-16", "2017-05-31", "2017-07-04"]
    assert moved["date_basis"].tolist() == ["correction", "correction", "correction", "utc_time"]
    assert moved["launch_date_utc"].tolist() == ["2017-05-15", "", "", "2017-07-04"]
    back = ledger.unapply(moved, "missile_launches", fix)
    assert back["date"].tolist() == table["date"].tolist()
    assert back["date_basis"].tolist() == table["date_basis"].tolist()
    assert ledger.apply_dates(table, None).equals(table)
    assert ledger.apply_dates(table, fix.iloc[0:0]).equals(table)


def test_ledger_value_corrections_apply_by_row_or_event_and_note_stale_ones():
    table = launch_table()
    fix = ledger_rows(("missile_launches", "2017-05-15-1", "missile_class", "unknown", "IRBM"),
                      ("missile_launches", "2017-07-04-1-01", "missile_class", "IRBM", "MRBM"),
                      ("missile_launches", "2017-06-01-1", "date", "2017-06-01", "2017-05-31"))
    out, notes = ledger.apply(table, "missile_launches", fix)
    assert out["missile_class"].tolist() == ["IRBM", "IRBM", "SRBM", "ICBM"]
    assert out["class_basis"].tolist() == ["correction", "correction", "source", "source"]
    assert out["date"].tolist() == table["date"].tolist()  # dates are apply_dates' work
    assert notes == ["missile_launches 2017-07-04-1-01 missile_class: the source now gives 'ICBM', "
                     "the ledger expects 'IRBM'; correction not applied, review it"]
    back = ledger.unapply(out, "missile_launches", fix)
    assert back["missile_class"].tolist() == table["missile_class"].tolist()
    assert back["class_basis"].tolist() == ["source"] * 4
    # an already corrected row is not stale
    again, notes = ledger.apply(out, "missile_launches", fix.iloc[:1])
    assert notes == [] and again.equals(out)


def test_ledger_corrections_of_other_tables_select_by_id_only():
    table = pd.DataFrame({"id": ["a", "b"], "event_id": ["b", "a"], "name": ["x", "x"]})
    out, notes = ledger.apply(table, "summits", ledger_rows(("summits", "a", "name", "x", "y")))
    assert out["name"].tolist() == ["y", "x"] and notes == []
    assert ledger.unapply(out, "summits", ledger_rows(("summits", "a", "name", "x", "y")))["name"].tolist() == ["x", "x"]


from usnk.importers.cns import parse_date, parse_km, parse_outcome, parse_time  # noqa: E402


@pytest.mark.parametrize("value, expected", [
    ("Sep 1984", ("1984-09-01", "month")),
    ("September, 1984", ("1984-09-01", "month")),
    ("Sept. 84", ("1984-09-01", "month")),
    ("1984", ("1984-01-01", "year")),           # a year only is no day
    ("2025-4", ("2025-04-01", "month")),
    ("2017-11-29 00:00:00", ("2017-11-29", "day")),
    ("11/29/17 00:00", ("2017-11-29", "day")),
    ("1-Jan-84", ("1984-01-01", "day")),       # at the two-digit pivot: 19xx
    ("1-Jan-83", ("2083-01-01", "day")),       # just below it: 20xx
    (1.0 * 42475, ("2016-04-15", "day")),
    (42475.75, ("2016-04-15", "day")),          # the time of day is dropped, not rounded
    ("42475.0", ("2016-04-15", "day")),
    (20000, ("1954-10-03", "day")),             # 30 Dec 1899 + 20000 days
    (79999, ("2119-01-10", "day")),
])
def test_date_forms_keep_their_precision_and_the_spreadsheet_epoch(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", [19999, 80000, 19999.5, True, "31-Feb-2016", "2016-13", "9-Foo-84"])
def test_dates_out_of_range_raise(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize("value, expected", [
    ("12:00 AM", "00:00"), ("12:59 a.m.", "00:59"), ("12:00 PM", "12:00"), ("12:59 p.m.", "12:59"),
    ("11:59 PM", "23:59"), ("1:00 PM", "13:00"), ("0:30 AM", ""), ("23:59", "23:59"),
    ("24:00", ""), ("23:60", ""), (0.0, "00:00"), (0.999, "23:59"), (1.0, ""),
])
def test_time_forms_at_their_edges(value, expected):
    assert parse_time(value) == expected


@pytest.mark.parametrize("value, expected", [
    (0, 0.0), (-1, None), (950.5, 950.5), ("1,000 km", 1000.0), ("approx. 4,475.5 kms", 4475.5),
    ("about 80", 80.0), ("unknown", None), ("", None),
])
def test_kilometre_cells(value, expected):
    assert parse_km(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("Success", "success"), ("Successful", "success"), ("Fail", "failure"), ("Failure ", "failure"),
    ("Unknown", "unknown"), ("", "unknown"), (None, "unknown"), ("partial success", "unknown"),
])
def test_outcome_cells(value, expected):
    assert parse_outcome(value) == expected


import hashlib  # noqa: E402
import json  # noqa: E402

from usnk.errors import DataError  # noqa: E402
from usnk.importers.cns import CNS_DATABASE_URL, read_cns_json  # noqa: E402


def write_json_copy(folder, tests, missiles=None, facilities=None):
    missiles = {"hs15": {"name": "Hwasong-15", "type": "Intercontinental Ballistic Missile"}} if missiles is None else missiles
    facilities = {"sunan": {"name": "Sunan", "lat": "39.2°N", "lon": 125.67}, "unk": {"name": "unknown"}} \
        if facilities is None else facilities
    (folder / "test.en.json").write_text(json.dumps({"timeBins": [{"data": tests}]}), encoding="utf-8")
    (folder / "missile.en.json").write_text(json.dumps(missiles), encoding="utf-8")
    (folder / "facility.en.json").write_text(json.dumps({"facilities": facilities}), encoding="utf-8")
    return folder / "test.en.json"


def test_read_cns_json_rows_and_release(tmp_path):
    path = write_json_copy(tmp_path, [
        {"date": "2017-11-28", "time": "18:17 (UTC)", "missile": "hs15", "facility": "sunan",
         "apogee": "4,475", "distance": 950, "outcome": "Success", "landing": ""},
        {"date": "2017-12", "missile": "other", "facility": "unk", "outcome": "Fail"},
    ])
    frame = read_cns_json(path, columns=LAUNCH_COLUMNS)
    cols = ["date", "date_precision", "launch_time_utc", "missile_name", "missile_class", "facility",
            "latitude", "longitude", "apogee_km", "distance_km", "outcome", "origin", "source_url"]
    assert frame[cols].values.tolist() == [
        ["2017-11-28", "day", "18:17", "Hwasong-15", "ICBM", "Sunan", "39.2", "125.67", "4475", "950", "success",
         "cns", CNS_DATABASE_URL],
        ["2017-12-01", "month", "", "Unknown", "unknown", "Unknown", "", "", "", "", "failure", "cns",
         CNS_DATABASE_URL]]
    assert frame.attrs["release"] == {"source": "cns-copy", "file": "test.en.json", "release_date": "2017-12-01",
                                      "newest_date": "2017-12-01",
                                      "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def test_read_cns_json_names_the_file_and_record_at_fault(tmp_path):
    path = write_json_copy(tmp_path, [{"date": "2017-11-28"}, {"date": "soon"}])
    with pytest.raises(DataError) as err:
        read_cns_json(path, columns=LAUNCH_COLUMNS)
    [p] = err.value.problems
    assert (p.file, p.row, p.column, p.value) == (str(path), 1, "date", "soon")
    (tmp_path / "missile.en.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_cns_json(path, columns=LAUNCH_COLUMNS)
    [p] = err.value.problems
    assert p.file == str(tmp_path / "missile.en.json") and p.message.startswith("not readable JSON")


from usnk.importers.reconcile import table_events  # noqa: E402


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


# --- the validation rules of the ledger and of the launch table's dates, called directly

from usnk.errors import Problem  # noqa: E402

DATED_COLUMNS = ["id", "event_id", "origin", "date", "date_precision", "date_basis", "source_date",
                 "launch_time_utc", "launch_date_utc", "missile_class", "class_basis", "landing"]


def dated_launches(*rows):
    """Launch rows (id, origin, date, date_basis, source_date, time, utc date, class_basis)."""
    return pd.DataFrame([{"id": i, "event_id": i.rsplit("-", 1)[0], "origin": o, "date": d, "date_precision": "day",
                          "date_basis": b, "source_date": s, "launch_time_utc": t, "launch_date_utc": u,
                          "missile_class": "SRBM", "class_basis": c, "landing": "Sea A"}
                         for i, o, d, b, s, t, u, c in rows], columns=DATED_COLUMNS)


def valid_launches():
    return dated_launches(
        ("2017-05-15-1-01", "cns", "2017-05-15", "csis_match", "2017-05-14", "21:00", "2017-05-14", "source"),
        ("2017-06-01-1-01", "csis", "2017-06-01", "source_date", "2017-06-01", "", "", "source"),
        ("2017-07-04-1-01", "cns", "2017-07-04", "utc_time", "2017-07-04", "03:00", "2017-07-04", "source"),
        ("2017-08-02-1-01", "cns", "2017-08-02", "correction", "2017-08-01", "", "", "correction"),
        ("2017-08-02-1-02", "cns", "2017-08-02", "correction", "2017-08-01", "", "", "correction"),
    )


def valid_ledger():
    return ledger_rows(("missile_launches", "2017-08-02-1-01", "date", "2017-08-01", "2017-08-02"),
                       ("missile_launches", "2017-08-02-1", "missile_class", "unknown", "SRBM"))


def test_ledger_check_passes_a_consistent_table_and_ledger():
    """A date correction names one row but covers every launch of the new date; a class
    correction of an event covers its missiles."""
    assert ledger_rule.check({"corrections": valid_ledger(), "missile_launches": valid_launches()}) == []
    assert ledger_rule.check({"missile_launches": valid_launches().iloc[:3]}) == []


def test_launch_date_rules_name_the_line_column_and_value_of_each_fault():
    table = dated_launches(
        ("2017-07-04-1-01", "cns", "2017-07-04", "csis_match", "2017-07-04", "03:00", "", "source"),
        ("2017-07-04-2-01", "cns", "2017-07-04", "csis_match", "2017-07-04", "", "2017-07-04", "source"),
        ("2017-07-04-3-01", "cns", "2017-07-04", "csis_match", "2017-07-04", "16:00", "2017-07-04", "source"),
        ("2017-07-04-4-01", "cns", "2017-07-04", "utc_time", "2017-07-04", "", "", "source"),
        ("2017-07-04-5-01", "cns", "2017-07-04", "utc_time", "2017-07-03", "03:00", "2017-07-04", "source"),
        ("2017-09-02-1-01", "cns", "2017-09-02", "source_date", "2017-09-01", "", "", "source"),
        ("2017-09-03-1-01", "csis", "2017-09-03", "csis_match", "2017-09-03", "", "", "source"),
        ("2017-09-04-1-01", "cns", "2017-09-04", "correction", "2017-09-03", "", "", "source"),
        ("2017-09-05-1-01", "cns", "2017-09-05", "source_date", "2017-09-05", "", "", "correction"),
        # not dates of ten characters: the date rules leave them to the schema check
        ("2017-09-06-1-01", "cns", "2017-9-6", "source_date", "2017-09-06", "03:00", "2017-9-5", "source"),
        ("2017-09-07-1-01", "cns", "someday", "source_date", "2017-09-07", "", "", "source"),
    )
    got = ledger_rule.check_launch_dates(table, None, "launches.csv")
    assert got == [
        Problem("launches.csv", 2, "launch_date_utc",
                "expected launch_date_utc exactly when launch_time_utc is given", None),
        Problem("launches.csv", 3, "launch_date_utc",
                "expected launch_date_utc exactly when launch_time_utc is given", "2017-07-04"),
        Problem("launches.csv", 4, "launch_date_utc",
                "expected 2017-07-04 16:00 UTC plus nine hours to fall on the date 2017-07-04", "2017-07-04"),
        Problem("launches.csv", 5, "date_basis", "utc_time needs a launch_time_utc", "utc_time"),
        Problem("launches.csv", 6, "date",
                "expected the Korean date of source_date read as UTC plus the launch time", "2017-07-04"),
        Problem("launches.csv", 7, "date", "date_basis source_date: expected the source_date 2017-09-01",
                "2017-09-02"),
        Problem("launches.csv", 8, "date_basis", "expected source_date, description or correction for a CSIS row", "csis_match"),
        Problem("launches.csv", 9, "date_basis",
                "expected a row of corrections.csv correcting date of this row", "correction"),
        Problem("launches.csv", 10, "class_basis",
                "expected a row of corrections.csv correcting missile_class of this row", "correction"),
    ]
    # a table without every column the rules read is left to the schema check
    assert ledger_rule.check_launch_dates(table.drop(columns=["date_precision"]), None, "launches.csv") == []


def test_corrections_count_only_for_launch_rows_of_a_complete_ledger():
    table = valid_launches()
    other_table = valid_ledger().assign(table="summits")
    expected = [Problem("missile_launches.csv", line, column, f"expected a row of corrections.csv correcting {field} "
                        "of this row", "correction")
                for line in (5, 6) for column, field in (("date_basis", "date"), ("class_basis", "missile_class"))]
    assert ledger_rule.check_launch_dates(table, other_table, "missile_launches.csv") == expected
    assert ledger_rule.check_launch_dates(table, valid_ledger().drop(columns=["corrected_value"]),
                                     "missile_launches.csv") == expected
    # the date correction names the first row; the second is covered by the new date
    by_date = valid_ledger().assign(row_id=["2099-01-01-1-01", "2017-08-02-1"])
    assert ledger_rule.check_launch_dates(table, by_date, "missile_launches.csv") == []


def test_ledger_rows_are_checked_against_the_row_and_field_they_name():
    launches = valid_launches()
    launches.loc[4, "date_basis"] = "source_date"
    summits = pd.DataFrame({"id": ["a", "a", "b"], "name": ["x", "y", "z"]})
    fix = ledger_rows(
        ("missile_launches", "2017-08-02-1", "date", "2017-08-01", "2017-08-02"),      # line 2: a moved row unmarked
        ("no_such_table", "x", "name", "a", "b"),                                     # 3
        ("releases", "x", "name", "a", "b"),                                          # 4: a table without ids
        ("missile_launches", "2017-06-01-1-01", "no_such_field", "a", "b"),           # 5
        ("missile_launches", "2017-06-01-1-01", "event_id", "a", "b"),                # 6
        ("missile_launches", "2017-06-01-1-01", "id", "a", "b"),                      # 7
        ("missile_launches", "2017-06-01-1-01", "landing", "Sea A", "Sea A"),         # 8: no change
        ("missile_launches", "2099-01-01-1-01", "landing", "Sea B", "Sea A"),         # 9
        ("missile_launches", "2017-06-01-1-01", "landing", "Sea A", "Sea B"),         # 10
        ("summits", "a", "name", "w", "x"),                                           # 11: repeated id
        ("summits", "b", "name", "w", "z"),                                           # 12: fine
    )
    frames = {"corrections": fix, "missile_launches": launches, "summits": summits,
              "releases": pd.DataFrame({"update": ["u"], "name": ["n"]})}
    got = ledger_rule.check(frames, {"corrections": "fixes.csv", "missile_launches": "launches.csv"})
    assert [p for p in got if p.file == "fixes.csv"] == [
        Problem("fixes.csv", 2, "row_id", "expected date_basis correction for the moved launch", "2017-08-02-1"),
        Problem("fixes.csv", 3, "table", "expected the name of a table of the package", "no_such_table"),
        Problem("fixes.csv", 4, "table", "expected the name of a table of the package", "releases"),
        Problem("fixes.csv", 5, "field", "expected a column of missile_launches other than its keys",
                "no_such_field"),
        Problem("fixes.csv", 6, "field", "expected a column of missile_launches other than its keys", "event_id"),
        Problem("fixes.csv", 7, "field", "expected a column of missile_launches other than its keys", "id"),
        Problem("fixes.csv", 8, "corrected_value", "expected a value other than source_value", "Sea A"),
        Problem("fixes.csv", 9, "row_id", "expected the id of a row of missile_launches", "2099-01-01-1-01"),
        Problem("fixes.csv", 10, "corrected_value",
                "expected missile_launches 2017-06-01-1-01 to hold this value in landing; it holds 'Sea A'", "Sea B"),
    ]
    assert [(p.file, p.row, p.column) for p in got if p.file != "fixes.csv"] == [
        ("launches.csv", 5, "class_basis"), ("launches.csv", 6, "date"), ("launches.csv", 6, "class_basis")]
    # without its key columns the ledger is left to the schema check
    assert ledger_rule.check({"corrections": fix.drop(columns=["row_id"]), "summits": summits}) == []


def test_read_cns_json_fills_the_fixed_cells_and_reads_bare_facility_maps(tmp_path):
    path = write_json_copy(tmp_path, [{"date": "2017-11-28", "missile": "hs15", "facility": "sunan",
                                       "landing": "Sea of Japan or East Sea", "outcome": "Success"}])
    (tmp_path / "facility.en.json").write_text(json.dumps({"sunan": {"name": "Sunan", "lat": 39.2, "lon": 125.67}}),
                                               encoding="utf-8")
    row = read_cns_json(path, columns=LAUNCH_COLUMNS).iloc[0]
    assert row[["facility", "latitude", "longitude", "landing", "class_basis", "count_is_lower_bound",
                "date_basis", "launch_date_utc"]].tolist() == [
        "Sunan", "39.2", "125.67", "Sea of Japan (East Sea)", "source", "false", "", ""]


# --- identifiers of rows in other forms than the importers' text


from usnk.importers.common import assign_ids  # noqa: E402

ID_COLUMNS = ["id", "event_id", "date", "launch_time_utc", "facility", "origin"]


def test_assign_ids_reads_timestamps_and_longer_date_texts():
    stamps = pd.DataFrame({"date": pd.to_datetime(["2017-05-15", "2017-05-14"]), "facility": ["A", "A"],
                           "launch_time_utc": ["", ""], "origin": ["cns", "cns"]})
    assert assign_ids(stamps, ID_COLUMNS)["id"].tolist() == ["2017-05-14-1-01", "2017-05-15-1-01"]
    texts = stamps.assign(date=["2017-05-15T21:00", "2017-05-15 03:00"])
    assert assign_ids(texts, ID_COLUMNS)["event_id"].tolist() == ["2017-05-15-1", "2017-05-15-1"]


def test_assign_ids_numbers_missiles_by_origin_within_an_event_and_orders_by_them():
    rows = pd.DataFrame({"date": ["2017-05-15"] * 3, "facility": ["A"] * 3, "launch_time_utc": ["03:00"] * 3,
                         "origin": ["csis", "cns", "cns"], "missile_name": ["c", "n1", "n2"]})
    out = assign_ids(rows, ID_COLUMNS)
    assert out[["id", "missile_name"]].values.tolist() == [
        ["2017-05-15-1-01", "n1"], ["2017-05-15-1-02", "n2"], ["2017-05-15-1-03", "c"]]
    # without an origin column the input order decides
    out = assign_ids(rows.drop(columns=["origin"]), ID_COLUMNS)
    assert out["missile_name"].tolist() == ["c", "n1", "n2"]


def test_assign_ids_of_no_rows_still_gives_the_id_columns():
    out = assign_ids(pd.DataFrame(columns=["date", "origin"]), ID_COLUMNS)
    assert list(out.columns) == ["id", "event_id", "date", "origin"] and len(out) == 0


# --- the reconciliation's matching window, and the CSIS file's events


def test_reconcile_matches_a_day_row_only_a_day_away_and_only_of_its_kind():
    cns = cns_rows(("2018-01-05", "day", "", "unknown"), ("2018-02-05", "day", "", "unknown"))
    out = reconcile(cns, [event("same month", "2018-01-20", ["SRBM"]), event("cruise", "2018-02-05", ["cruise"])])
    assert out[["date", "date_basis", "missile_class", "_event_key"]].values.tolist() == [
        ["2018-01-05", "source_date", "unknown", ""], ["2018-02-05", "source_date", "unknown", ""],
        ["2018-01-20", "source_date", "SRBM", "same month"], ["2018-02-05", "source_date", "cruise", "cruise"]]


from usnk.importers.reconcile import MAX_CSIS_COUNT, csis_events  # noqa: E402


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


def test_ledger_value_corrections_after_a_date_correction_are_applied_too():
    fix = ledger_rows(("missile_launches", "2017-06-01-1", "date", "2017-06-01", "2017-05-31"),
                      ("missile_launches", "2017-07-04-1-01", "missile_class", "ICBM", "IRBM"))
    out, notes = ledger.apply(launch_table(), "missile_launches", fix)
    assert out["missile_class"].tolist() == ["unknown", "unknown", "SRBM", "IRBM"] and notes == []


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


def test_csis_events_mark_an_event_without_a_report_as_undated(tmp_path):
    from usnk.importers.csis import read_csis
    from usnk.importers.reconcile import csis_events

    path = tmp_path / "csis.csv"
    path.write_text("date,type,event,description,resources\n"
                    "2019-08-05,Missile Provocation,Short-range Ballistic Missile Launch,Two missiles were fired.,\n"
                    "2019-08-10,Missile Provocation,Short-range Ballistic Missile Launch,Two missiles were fired.,"
                    "https://www.wsj.com/articles/x-11565388807\n", encoding="utf-8")
    assert [(ev.date, ev.dated) for ev in csis_events(read_csis(path), columns=LAUNCH_COLUMNS)] == [("2019-08-05", False), ("2019-08-10", True)]


def test_same_launch_dates_are_validated():
    rows = pd.DataFrame([
        {"id": "a-01", "event_id": "a", "origin": "cns", "date": "2019-09-10", "source_date": "2019-09-09",
         "date_basis": "same_launch", "launch_date_utc": "", "launch_time_utc": "", "class_basis": "source",
         "date_precision": "day"},
        {"id": "b-01", "event_id": "b", "origin": "cns", "date": "2019-09-09", "source_date": "2019-09-09",
         "date_basis": "same_launch", "launch_date_utc": "", "launch_time_utc": "", "class_basis": "source",
         "date_precision": "day"},
        {"id": "c-01", "event_id": "c", "origin": "csis", "date": "2019-09-10", "source_date": "2019-09-09",
         "date_basis": "same_launch", "launch_date_utc": "", "launch_time_utc": "", "class_basis": "source",
         "date_precision": "day"},
    ])
    problems = ledger_rule.check_launch_dates(rows, None, "missile_launches.csv")
    assert [(p.row, p.column) for p in problems if "same_launch" in p.message] == [(3, "date"), (4, "date_basis")]
