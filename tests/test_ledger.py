"""The corrections ledger: taken off and put back on around an import
(:mod:`usnk.importers.ledger`) and its validation rule with the launch table's date
rules (:mod:`usnk.validate.ledger`), on small hand-made tables with exact expected
values."""

from __future__ import annotations

import pandas as pd

from usnk.errors import Problem
from usnk.importers import ledger
from usnk.validate import ledger as ledger_rule


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


def test_ledger_value_corrections_after_a_date_correction_are_applied_too():
    fix = ledger_rows(("missile_launches", "2017-06-01-1", "date", "2017-06-01", "2017-05-31"),
                      ("missile_launches", "2017-07-04-1-01", "missile_class", "ICBM", "IRBM"))
    out, notes = ledger.apply(launch_table(), "missile_launches", fix)
    assert out["missile_class"].tolist() == ["unknown", "unknown", "SRBM", "IRBM"] and notes == []


def test_ledger_corrections_of_other_tables_select_by_id_only():
    table = pd.DataFrame({"id": ["a", "b"], "event_id": ["b", "a"], "name": ["x", "x"]})
    out, notes = ledger.apply(table, "summits", ledger_rows(("summits", "a", "name", "x", "y")))
    assert out["name"].tolist() == ["y", "x"] and notes == []
    assert ledger.unapply(out, "summits", ledger_rows(("summits", "a", "name", "x", "y")))["name"].tolist() == ["x", "x"]


# --------------------------------------------------------------------------- the validation rules of the ledger and of the launch dates


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
