"""The validator: the real data is clean, and each rule catches what it should,
located at the exact file, line and column."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from datafixture import edit_package, raw_frames, resource, rewrite_csv, set_cell
from usnk.errors import DataError, Problem
from usnk.datafolder import validate_dir
from usnk.validate import load_package, validate_frames


def only(problems, file, row, column, *words):
    """Exactly one problem at (file, row, column); its message mentions every word."""
    hits = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert len(hits) == 1, f"expected one problem at {file}:{row}: {column}, got:\n" + "\n".join(map(str, problems))
    for w in words:
        assert w in hits[0].message, f"{w!r} not in {hits[0].message!r}"
    return hits[0]


# ----------------------------------------------------------------- real data


def test_real_data_validates_clean(repo_root):
    problems = validate_dir(repo_root / "data")
    assert problems == [], "\n".join(map(str, problems))


def test_real_data_has_every_table(repo_root):
    pkg = load_package(repo_root / "data")
    for res in pkg["resources"]:
        path = repo_root / "data" / res["path"]
        assert path.exists(), f"{res['path']} is missing"
        assert len(path.read_text(encoding="utf-8").splitlines()) > 1, f"{res['path']} has no rows"


# ----------------------------------------------------------------- fixture


def test_fixture_is_valid(valid_data_dir):
    assert validate_dir(valid_data_dir, today=date(2001, 1, 1)) == []


# ----------------------------------------------------------------- problems / errors


def test_problem_str_and_dataerror():
    p = Problem("a.csv", 3, "date", "expected a date YYYY-MM-DD", "2000/01/01")
    assert str(p) == "a.csv:3: date: expected a date YYYY-MM-DD (2000/01/01)"
    assert str(Problem("datapackage.json", None, None, "not found")) == "datapackage.json: not found"
    assert str(Problem("a.csv", None, "x", "missing")) == "a.csv: x: missing"
    err = DataError([p, Problem("b.csv", 2, "id", "expected unique values")])
    assert err.problems[0] is p
    lines = str(err).splitlines()
    assert lines[1:] == [str(p), "b.csv:2: id: expected unique values"]
    with pytest.raises(Exception):
        p.row = 4  # frozen


# ----------------------------------------------------------------- files


def test_missing_file(valid_data_dir):
    (valid_data_dir / "leaders.csv").unlink()
    problems = validate_dir(valid_data_dir)
    only(problems, "leaders.csv", None, None, "not found")
    assert len(problems) == 1


def test_csv_not_described(valid_data_dir):
    (valid_data_dir / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    only(validate_dir(valid_data_dir), "extra.csv", None, None, "not described")


def test_missing_datapackage(valid_data_dir):
    (valid_data_dir / "datapackage.json").unlink()
    only(validate_dir(valid_data_dir), "datapackage.json", None, None, "not found")


def test_invalid_json(valid_data_dir):
    (valid_data_dir / "datapackage.json").write_text('{\n  "resources": [,\n', encoding="utf-8")
    only(validate_dir(valid_data_dir), "datapackage.json", 2, None, "valid JSON")
    with pytest.raises(DataError):
        load_package(valid_data_dir)


def test_not_utf8(valid_data_dir):
    path = valid_data_dir / "summits.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Place B", b"Caf\xe9 B")
    path.write_bytes(b"\n".join(lines))
    only(validate_dir(valid_data_dir), "summits.csv", 3, None, "UTF-8")


def test_binary_file(valid_data_dir):
    (valid_data_dir / "incidents.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    problems = validate_dir(valid_data_dir)
    hits = [p for p in problems if p.file == "incidents.csv"]
    assert len(hits) == 1 and hits[0].row == 1


def test_nul_byte(valid_data_dir):
    path = valid_data_dir / "incidents.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Balloons", "Ball\x00oons"), encoding="utf-8")
    only(validate_dir(valid_data_dir), "incidents.csv", 3, None, "NUL")


def test_empty_file(valid_data_dir):
    (valid_data_dir / "incidents.csv").write_bytes(b"")
    only(validate_dir(valid_data_dir), "incidents.csv", None, None, "empty")


def test_ragged_row(valid_data_dir):
    path = valid_data_dir / "nuclear_tests.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    only(validate_dir(valid_data_dir), "nuclear_tests.csv", 3, None, "expected 13 fields", "found 14")


def test_unclosed_quote(valid_data_dir):
    path = valid_data_dir / "nuclear_tests.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Claim A", '"Claim A'), encoding="utf-8")
    # the quote opened on line 2 runs to the end of the file: reported where it opens,
    # and the unread rows raise no second problem (such as a stale last_event_date)
    assert validate_dir(valid_data_dir) == [Problem(
        "nuclear_tests.csv", 2, None,
        "expected valid CSV: unexpected end of data (a quote opened on this line is never closed)")]


def test_blank_row(valid_data_dir):
    path = valid_data_dir / "nuclear_tests.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    only(validate_dir(valid_data_dir), "nuclear_tests.csv", 3, None, "blank row")


def test_multiline_cell_keeps_line_numbers(valid_data_dir):
    set_cell(valid_data_dir, "summits.csv", 2, "outcome", "line one\nline two")
    set_cell(valid_data_dir, "summits.csv", 3, "kind", "treaty")
    problems = validate_dir(valid_data_dir)
    only(problems, "summits.csv", 4, "kind", "expected one of")


# ----------------------------------------------------------------- header


def test_missing_column(valid_data_dir):
    rewrite_csv(valid_data_dir, "leaders.csv", lambda rows: [r[:3] + r[4:] for r in rows])
    problems = validate_dir(valid_data_dir)
    only(problems, "leaders.csv", 1, "party", "missing")
    assert [p for p in problems if p.file == "leaders.csv"] == [only(problems, "leaders.csv", 1, "party")]


def test_extra_column(valid_data_dir):
    rewrite_csv(valid_data_dir, "leaders.csv", lambda rows: [r + (["notes"] if i == 0 else ["x"])
                                                          for i, r in enumerate(rows)])
    only(validate_dir(valid_data_dir), "leaders.csv", 1, "notes", "unexpected column")


def test_column_order(valid_data_dir):
    rewrite_csv(valid_data_dir, "leaders.csv", lambda rows: [[r[1], r[0]] + r[2:] for r in rows])
    only(validate_dir(valid_data_dir), "leaders.csv", 1, None, "order", "country, name, title")


# ----------------------------------------------------------------- types


@pytest.mark.parametrize("file,line,column,value,expected", [
    ("nuclear_tests.csv", 3, "test_number", "2.0", "expected an integer"),
    ("missile_launches.csv", 2, "latitude", "39,0", "expected a number"),
    ("missile_launches.csv", 3, "apogee_km", "NaN", "expected a number"),
    ("incidents.csv", 2, "touched_south", "True", "expected true or false"),
    ("summits.csv", 2, "date", "10/01/2000", "expected a date YYYY-MM-DD"),
    ("summits.csv", 3, "end_date", "2000-02-30", "expected a real calendar date"),
    ("leaders.csv", 2, "start_date", "2000-1-01", "expected a date YYYY-MM-DD"),
])
def test_types(valid_data_dir, file, line, column, value, expected):
    set_cell(valid_data_dir, file, line, column, value)
    p = only(validate_dir(valid_data_dir), file, line, column, expected)
    assert p.value == value


# ----------------------------------------------------------------- constraints


def test_required(valid_data_dir):
    set_cell(valid_data_dir, "incidents.csv", 3, "event_type", "")
    only(validate_dir(valid_data_dir), "incidents.csv", 3, "event_type", "required")


def test_enum(valid_data_dir):
    set_cell(valid_data_dir, "missile_launches.csv", 4, "missile_class", "icbm")
    p = only(validate_dir(valid_data_dir), "missile_launches.csv", 4, "missile_class", "one of", "ICBM", "SLBM")
    assert p.value == "icbm"


def test_pattern_is_a_full_match(valid_data_dir):
    set_cell(valid_data_dir, "missile_launches.csv", 4, "launch_time_utc", "01:005")
    only(validate_dir(valid_data_dir), "missile_launches.csv", 4, "launch_time_utc", "pattern")


def test_pattern_summit_id(valid_data_dir):
    set_cell(valid_data_dir, "summits.csv", 2, "id", "Meeting A")
    only(validate_dir(valid_data_dir), "summits.csv", 2, "id", "pattern", "[a-z0-9-]+")


@pytest.mark.parametrize("column,value,expected", [
    ("latitude", "50.5", "<= 43.5"),
    ("longitude", "122", ">= 123"),
    ("magnitude_mb", "-1", ">= 0"),
])
def test_minimum_maximum(valid_data_dir, column, value, expected):
    set_cell(valid_data_dir, "nuclear_tests.csv", 2, column, value)
    only(validate_dir(valid_data_dir), "nuclear_tests.csv", 2, column, expected)


def test_vote_maximum(valid_data_dir):
    set_cell(valid_data_dir, "unsc_resolutions.csv", 3, "vote_for", "16")
    only(validate_dir(valid_data_dir), "unsc_resolutions.csv", 3, "vote_for", "<= 15")


def test_unique(valid_data_dir):
    set_cell(valid_data_dir, "unsc_resolutions.csv", 3, "resolution", "1")
    p = only(validate_dir(valid_data_dir), "unsc_resolutions.csv", 3, "resolution", "unique", "line 2")
    assert p.value == "1"


def test_composite_primary_key(valid_data_dir):
    for col, val in [("country", "US"), ("name", "Person C"), ("start_date", "2000-01-01")]:
        set_cell(valid_data_dir, "leaders.csv", 3, col, val)
    only(validate_dir(valid_data_dir), "leaders.csv", 3, "country, name, start_date", "unique", "line 2")


def test_composite_key_parts_may_repeat(valid_data_dir):
    set_cell(valid_data_dir, "leaders.csv", 3, "country", "US")
    set_cell(valid_data_dir, "leaders.csv", 3, "name", "Person C")
    assert validate_dir(valid_data_dir) == []


def test_future_date(valid_data_dir):
    problems = validate_dir(valid_data_dir, today=date(2000, 6, 1))
    # summits breakdown 2000-06-01 is today: allowed; leaders start 2000-07-01 is future
    only(problems, "leaders.csv", 3, "start_date", "not after today", "2000-06-01")
    assert not [p for p in problems if p.file == "summits.csv"]


def test_future_date_default_today(valid_data_dir):
    set_cell(valid_data_dir, "leaders.csv", 3, "end_date", "2999-01-01")
    only(validate_dir(valid_data_dir), "leaders.csv", 3, "end_date", "not after today")


# ----------------------------------------------------------------- rules


def test_source_url_must_be_http(valid_data_dir):
    set_cell(valid_data_dir, "incidents.csv", 2, "source_url", "ftp://example.org/x")
    only(validate_dir(valid_data_dir), "incidents.csv", 2, "source_url")


def test_source_url_rule_without_schema_pattern(valid_data_dir):
    """The http(s) rule holds even if the schema's pattern were dropped."""
    def drop(pkg):
        for f in resource(pkg, "incidents")["schema"]["fields"]:
            if f["name"] == "source_url":
                f["constraints"].pop("pattern")
    edit_package(valid_data_dir, drop)
    set_cell(valid_data_dir, "incidents.csv", 2, "source_url", "www.example.org/x")
    only(validate_dir(valid_data_dir), "incidents.csv", 2, "source_url", "http:// or https://")


def test_summit_end_before_start(valid_data_dir):
    set_cell(valid_data_dir, "summits.csv", 2, "end_date", "2000-01-09")
    p = only(validate_dir(valid_data_dir), "summits.csv", 2, "end_date", "on or after date", "2000-01-10")
    assert p.value == "2000-01-09"


def test_leader_end_before_start(valid_data_dir):
    set_cell(valid_data_dir, "leaders.csv", 2, "end_date", "1999-12-31")
    only(validate_dir(valid_data_dir), "leaders.csv", 2, "end_date", "on or after start_date")


def test_breakdown_before_date(valid_data_dir):
    set_cell(valid_data_dir, "summits.csv", 3, "breakdown_date", "2000-01-31")
    only(validate_dir(valid_data_dir), "summits.csv", 3, "breakdown_date", "on or after date")


def test_trigger_after_resolution(valid_data_dir):
    set_cell(valid_data_dir, "unsc_resolutions.csv", 2, "trigger_date", "2000-03-11")
    only(validate_dir(valid_data_dir), "unsc_resolutions.csv", 2, "trigger_date", "on or before date")


def test_vetoed_needs_vetoed_by(valid_data_dir):
    set_cell(valid_data_dir, "unsc_resolutions.csv", 3, "vetoed_by", "")
    only(validate_dir(valid_data_dir), "unsc_resolutions.csv", 3, "vetoed_by", "expected vetoed_by")


def test_adopted_has_no_vetoed_by(valid_data_dir):
    set_cell(valid_data_dir, "unsc_resolutions.csv", 2, "vetoed_by", "Russia")
    only(validate_dir(valid_data_dir), "unsc_resolutions.csv", 2, "vetoed_by", "no vetoed_by")


def test_votes_add_up(valid_data_dir):
    set_cell(valid_data_dir, "unsc_resolutions.csv", 3, "vote_abstain", "1")
    only(validate_dir(valid_data_dir), "unsc_resolutions.csv", 3, "vote_for", "at most 15")


def test_latitude_without_longitude(valid_data_dir):
    set_cell(valid_data_dir, "missile_launches.csv", 4, "latitude", "40.0")
    only(validate_dir(valid_data_dir), "missile_launches.csv", 4, "longitude", "both present or both empty")


def test_yield_range(valid_data_dir):
    set_cell(valid_data_dir, "nuclear_tests.csv", 2, "yield_kt_low", "3")
    only(validate_dir(valid_data_dir), "nuclear_tests.csv", 2, "yield_kt_high", ">= yield_kt_low")


def test_event_id_starts_with_date(valid_data_dir):
    set_cell(valid_data_dir, "missile_launches.csv", 4, "event_id", "2000-02-02-1")
    set_cell(valid_data_dir, "missile_launches.csv", 4, "id", "2000-02-02-1-01")
    only(validate_dir(valid_data_dir), "missile_launches.csv", 4, "event_id", "start with the row's date",
         "2000-02-01")


def test_id_starts_with_event_id(valid_data_dir):
    set_cell(valid_data_dir, "missile_launches.csv", 3, "id", "2000-01-01-2-02")
    only(validate_dir(valid_data_dir), "missile_launches.csv", 3, "id", "start with its event_id")


@pytest.mark.parametrize("column,value", [("facility", "Site B"), ("launch_time_utc", "01:05")])
def test_event_rows_agree(valid_data_dir, column, value):
    set_cell(valid_data_dir, "missile_launches.csv", 3, column, value)
    p = only(validate_dir(valid_data_dir), "missile_launches.csv", 3, column, "same", "2000-01-01-1", "line 2")
    assert p.value == value


def test_event_rows_share_date(valid_data_dir):
    set_cell(valid_data_dir, "missile_launches.csv", 3, "date", "2000-01-02")
    problems = validate_dir(valid_data_dir)
    only(problems, "missile_launches.csv", 3, "date", "same date", "2000-01-01-1")
    only(problems, "missile_launches.csv", 3, "event_id", "start with the row's date")


def test_incident_id_starts_with_date(valid_data_dir):
    set_cell(valid_data_dir, "incidents.csv", 3, "id", "2000-01-06-1")
    only(validate_dir(valid_data_dir), "incidents.csv", 3, "id", "start with the row's date")


def test_rows_sorted_by_date(valid_data_dir):
    rewrite_csv(valid_data_dir, "nuclear_tests.csv", lambda rows: [rows[0], rows[2], rows[1]])
    only(validate_dir(valid_data_dir), "nuclear_tests.csv", 3, "date", "sorted")


def test_last_event_date_mismatch(valid_data_dir):
    edit_package(valid_data_dir, lambda pkg: resource(pkg, "summits").update(last_event_date="2000-02-01"))
    assert validate_dir(valid_data_dir) == []
    set_cell(valid_data_dir, "summits.csv", 3, "end_date", "2000-02-03")
    p = only(validate_dir(valid_data_dir), "datapackage.json", None, "summits.last_event_date")
    assert p.message == "last_event_date in datapackage.json is 2000-02-01 but the newest row is 2000-02-03"


def test_last_event_date_null(valid_data_dir):
    edit_package(valid_data_dir, lambda pkg: resource(pkg, "leaders").update(last_event_date=None))
    p = only(validate_dir(valid_data_dir), "datapackage.json", None, "leaders.last_event_date")
    assert "is null but the newest row is 2000-07-01" in p.message


def test_last_event_date_not_a_date(valid_data_dir):
    edit_package(valid_data_dir, lambda pkg: resource(pkg, "leaders").update(last_event_date="July 2000"))
    only(validate_dir(valid_data_dir), "datapackage.json", None, "leaders.last_event_date", "YYYY-MM-DD")


def test_unknown_field_type_in_package(valid_data_dir):
    def edit(pkg):
        resource(pkg, "leaders")["schema"]["fields"][0]["type"] = "text"
    edit_package(valid_data_dir, edit)
    only(validate_dir(valid_data_dir), "datapackage.json", None, "leaders.country", "expected a type")


# ----------------------------------------------------------------- validate_frames


def test_validate_frames_clean_and_located(valid_data_dir):
    pkg = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, pkg)
    assert validate_frames(frames, pkg, today=date(2001, 1, 1)) == []
    frames["summits"].loc[1, "kind"] = "treaty"
    only(validate_frames(frames, pkg), "summits.csv", 3, "kind", "one of")


def test_validate_frames_missing_table(valid_data_dir):
    pkg = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, pkg)
    del frames["incidents"]
    only(validate_frames(frames, pkg), "incidents.csv", None, None, "no data")
    # with data_dir, tables not given are read from the folder
    assert validate_frames(frames, pkg, data_dir=valid_data_dir) == []


def test_validate_frames_none_cells_count_as_empty(valid_data_dir):
    pkg = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, pkg)
    frames["leaders"] = frames["leaders"].astype(object)
    frames["leaders"].loc[0, "name"] = None
    only(validate_frames(frames, pkg), "leaders.csv", 2, "name", "required")


def test_validate_frames_sees_new_last_event_date(valid_data_dir):
    """Importers pass a package with the new last_event_date: it is checked against the frames."""
    pkg = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, pkg)
    extra = frames["incidents"].iloc[[1]].assign(id="2000-01-07-1", date="2000-01-07")
    frames["incidents"] = pd.concat([frames["incidents"], extra], ignore_index=True)
    only(validate_frames(frames, pkg), "datapackage.json", None, "incidents.last_event_date", "2000-01-07")
    resource(pkg, "incidents")["last_event_date"] = "2000-01-07"
    assert validate_frames(frames, pkg) == []


def test_never_raises_on_garbage(valid_data_dir):
    files = [res["path"] for res in json.loads((valid_data_dir / "datapackage.json").read_text())["resources"]]
    for file in files:
        (valid_data_dir / file).write_bytes(bytes(range(256)) * 4)
    # bytes 0-127 are ASCII (one newline among them); byte 128 is the first that is not UTF-8
    assert validate_dir(valid_data_dir) == [
        Problem(file, 2, None, "expected UTF-8 text (is this a CSV file?)", "80 81 82 83") for file in files]


def test_foreign_key_to_a_missing_launch_event(valid_data_dir):
    """japan_impacts.event_id must name an event of missile_launches (foreignKeys)."""
    set_cell(valid_data_dir, "japan_impacts.csv", 2, "event_id", "2000-01-01-9")
    only(validate_dir(valid_data_dir, today=date(2001, 1, 1)), "japan_impacts.csv", 2, "event_id",
         "exists in missile_launches.csv")
