"""The CNS importer reads the official file format, quirks included, and fails loudly."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from sharedref import CNS_COPY, OFFICIAL_CNS, need
from usnk.errors import DataError, Problem
from usnk.importers.cns import CNS_DATABASE_URL, parse_date, parse_km, parse_time, read_cns
from usnk.datafolder import DataFolder
from usnk.importers.common import assign_ids, launch_columns
from usnk.paths import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "cns"
LAUNCH_COLUMNS = launch_columns(DataFolder(ROOT / "data"))


def records(path: Path) -> list[dict]:
    return read_cns(path, columns=LAUNCH_COLUMNS).to_dict("records")


def only_problem(path: Path):
    with pytest.raises(DataError) as info:
        read_cns(path, columns=LAUNCH_COLUMNS)
    problems = info.value.problems
    assert len(problems) == 1, problems
    assert problems[0].file == str(path)
    return problems[0]


# --- reading good files -------------------------------------------------------


def test_launch_columns_come_from_the_data_package_of_the_folder(tmp_path, monkeypatch):
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["name"] == "missile_launches")["schema"]["fields"]
    names = [f["name"] for f in fields]
    assert names[:3] == ["id", "date", "date_precision"]
    assert LAUNCH_COLUMNS == launch_columns(package) == names
    # another folder's package, named by the caller, is the one read; never $USNK_DATA_DIR
    fields.reverse()
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    other = launch_columns(DataFolder(tmp_path))
    assert other == names[::-1]
    monkeypatch.setenv("USNK_DATA_DIR", str(tmp_path))
    with pytest.raises(TypeError):
        launch_columns()
    assert list(read_cns(FIXTURES / "cns_sample.xlsx", other).columns) == names[::-1]


def test_a_package_without_a_launch_table_is_a_located_error():
    with pytest.raises(DataError) as info:
        launch_columns({"resources": [{"name": "summits", "schema": {"fields": [{"name": "id"}]}}]})
    assert [(p.file, p.column, p.message) for p in info.value.problems] == [
        ("datapackage.json", "resources", "expected a 'missile_launches' resource")]


def test_importer_rows_take_the_given_columns():
    """A column the schema adds is empty; one it leaves out is not in the rows."""
    columns = ["origin", "id", "event_id", "date", "source_date", "reviewer_note"]
    got = read_cns(FIXTURES / "cns_sample.xlsx", columns)
    assert list(got.columns) == columns
    assert got.values.tolist()[0] == ["cns", "1984-09-01-1-01", "1984-09-01-1", "1984-09-01", "1984-09-01", ""]
    assert set(got["reviewer_note"]) == {""} and len(got) == 3


def test_xlsx_with_spreadsheet_dates_times_and_numbers():
    rows = records(FIXTURES / "cns_sample.xlsx")
    assert len(rows) == 3  # the trailing empty sheet row is skipped
    assert list(rows[0]) == LAUNCH_COLUMNS
    month_only, icbm, unknown_site = rows
    assert month_only == {
        "id": "1984-09-01-1-01",
        "date": "1984-09-01",
        "date_precision": "month",
        "date_basis": "",  # set by reconciliation
        "source_date": "1984-09-01",
        "launch_date_utc": "",
        "launch_time_utc": "",
        "event_id": "1984-09-01-1",
        "missile_name": "Scud-B",
        "missile_class": "SRBM",
        "class_basis": "source",
        "facility": "Tonghae Satellite Launching Ground",
        "latitude": "40.8499966",
        "longitude": "129.666664",
        "landing": "",
        "apogee_km": "",
        "distance_km": "",
        "outcome": "failure",
        "count_is_lower_bound": "false",
        "origin": "cns",
        "source_url": CNS_DATABASE_URL,  # the citation names no URL
    }
    assert (icbm["date"], icbm["date_precision"], icbm["launch_time_utc"]) == ("2017-11-29", "day", "18:17")
    assert (icbm["missile_class"], icbm["apogee_km"], icbm["distance_km"]) == ("ICBM", "4475", "950")
    assert icbm["source_url"] == "https://www.mod.go.jp/e/jdf/"  # first URL, not first entry
    assert icbm["outcome"] == "success"
    # Unknown site: no placeholder coordinates; empty name -> Unknown; 'Cruise Missile' mapped.
    assert (unknown_site["facility"], unknown_site["latitude"], unknown_site["longitude"]) == ("Unknown", "", "")
    assert unknown_site["missile_name"] == "Unknown"
    assert unknown_site["missile_class"] == "cruise"
    assert (unknown_site["apogee_km"], unknown_site["distance_km"]) == ("50", "330")
    assert (unknown_site["launch_time_utc"], unknown_site["outcome"]) == ("", "unknown")


def test_cp1252_csv_export_with_quirks():
    rows = records(FIXTURES / "cns_export_cp1252.csv")
    assert [r["id"] for r in rows] == [
        "1984-04-09-1-01",
        "1984-09-01-1-01",
        "2006-07-05-1-01",
        "2006-07-05-1-02",
    ]
    first, month_only, nodong, nodong2 = rows
    # Two-digit years, lower-case class, '200 km', embedded newline + doubled quotes
    # in a field we skip, first URL after a non-URL citation.
    assert (first["date"], first["date_precision"], first["missile_class"]) == ("1984-04-09", "day", "SRBM")
    assert (first["apogee_km"], first["distance_km"], first["landing"]) == ("", "200", "")
    assert first["source_url"] == "http://www.nti.org/media/pdfs/op2.pdf"
    assert (month_only["date"], month_only["date_precision"]) == ("1984-09-01", "month")
    assert month_only["source_url"] == CNS_DATABASE_URL
    # 06 -> 2006, Windows-1252 punctuation decoded, '1,380 km' read.
    assert nodong["date"] == "2006-07-05"
    assert nodong["landing"] == "Japan\u2019s EEZ \u2013 Sea of Japan"
    assert nodong["distance_km"] == "1380"
    assert nodong["event_id"] == nodong2["event_id"] == "2006-07-05-1"
    # '330km east of Hachinohe' and 'over 1,000 km' are not the apogee/distance flown.
    assert (nodong2["apogee_km"], nodong2["distance_km"]) == ("", "")
    assert nodong2["outcome"] == "failure"


def test_reading_is_deterministic():
    path = FIXTURES / "cns_export_cp1252.csv"
    pd.testing.assert_frame_equal(read_cns(path, columns=LAUNCH_COLUMNS), read_cns(path, columns=LAUNCH_COLUMNS))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9-Apr-84", ("1984-04-09", "day")),
        ("5-Jul-06", ("2006-07-05", "day")),
        ("Sep-84", ("1984-09-01", "month")),
        ("29-Nov-2017", ("2017-11-29", "day")),
        ("2017-11-29", ("2017-11-29", "day")),
        ("11/29/2017", ("2017-11-29", "day")),
        ("May 29, 1993", ("1993-05-29", "day")),
        ("1-Jan-05", ("2005-01-01", "day")),  # below the pivot 84: 20xx
        ("25-May-99", ("1999-05-25", "day")),
        ("12-Apr-23", ("2023-04-12", "day")),
        ("4/19/2023", ("2023-04-19", "day")),
        (dt.datetime(2016, 4, 15), ("2016-04-15", "day")),  # an xlsx date cell
        (dt.date(2016, 4, 15), ("2016-04-15", "day")),
        (42475, ("2016-04-15", "day")),  # a spreadsheet serial date
        ("42475", ("2016-04-15", "day")),
        ("2025-04", ("2025-04-01", "month")),  # the JSON copy's month-only date
    ],
)
def test_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "31-Feb-16", "7", "Q3 1984"])
def test_unreadable_dates_raise(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("8:33:00 PM", "20:33"),
        ("12:29:00 AM", "00:29"),  # midnight hour: AM is 00
        ("12:05:00 PM", "12:05"),  # noon hour: PM is 12
        ("1:05 am", "01:05"),
        ("22:22", "22:22"),
        ("20:33 (UTC)", "20:33"),  # the JSON copy
        (dt.time(20, 33), "20:33"),  # an xlsx time cell
        (dt.datetime(1899, 12, 30, 0, 29), "00:29"),
        (0.5, "12:00"),  # a spreadsheet day fraction
        ("unknown", ""),
        ("Unknown", ""),
        ("13:00:00 PM", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_time_forms(value, expected):
    assert parse_time(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("200 km", 200.0),
        ("1,380 km", 1380.0),
        ("Unknown", None),
        ("330km east of Hachinohe", None),
        ("approximately 450 km", 450.0),
        ("300-400 km", None),
        ("42.5", 42.5),
        ("", None),
        ("N/A", None),
        ("over 1,000 km", None),
        (1380, 1380.0),
    ],
)
def test_kilometre_forms(text, expected):
    assert parse_km(text) == expected


# --- bad files ----------------------------------------------------------------


def test_empty_file():
    problem = only_problem(FIXTURES / "empty.csv")
    assert (problem.row, problem.column) == (None, None)
    assert "empty" in problem.message


def test_csv_cut_inside_a_quoted_field():
    problem = only_problem(FIXTURES / "truncated.csv")
    assert (problem.row, problem.column) == (2, "Additional Information")
    assert "truncated" in problem.message


def test_xlsx_that_is_not_a_complete_zip():
    problem = only_problem(FIXTURES / "truncated.xlsx")
    assert problem.row is None
    assert "truncated" in problem.message


def test_csv_without_the_cns_header():
    problem = only_problem(FIXTURES / "wrong_format.csv")
    assert problem.row is None
    assert "not the CNS" in problem.message


def test_missing_required_columns_are_each_named():
    path = FIXTURES / "missing_column.csv"
    with pytest.raises(DataError) as info:
        read_cns(path, columns=LAUNCH_COLUMNS)
    located = [(p.file, p.row, p.column) for p in info.value.problems]
    assert located == [(str(path), 1, "Apogee"), (str(path), 1, "Test Outcome")]


def test_every_bad_date_is_reported_with_its_line():
    path = FIXTURES / "bad_dates.csv"
    with pytest.raises(DataError) as info:
        read_cns(path, columns=LAUNCH_COLUMNS)
    problems = info.value.problems
    # The first record spans lines 2-3 (embedded newline), so the bad ones are 4 and 5.
    assert [(p.file, p.row, p.column, p.value) for p in problems] == [
        (str(path), 4, "Date", "31-Feb-17"),
        (str(path), 5, "Date", "sometime in 2017"),
    ]
    assert "impossible date" in problems[0].message
    assert f"{path}:4: Date: impossible date (31-Feb-17)" in str(info.value)


def test_missing_file():
    problem = only_problem(FIXTURES / "no_such_file.xlsx")
    assert "not found" in problem.message


# --- ids ----------------------------------------------------------------------


def _launch(date, time="", facility="A", origin="cns", **extra):
    row = {c: "" for c in LAUNCH_COLUMNS}
    row.update(date=date, launch_time_utc=time, facility=facility, origin=origin, **extra)
    return row


def test_assign_ids_groups_events_and_orders_them():
    rows = pd.DataFrame(
        [
            _launch("2022-11-02", "23:51", "B"),
            _launch("2022-11-02", "21:51", "A"),
            _launch("2022-11-02", "", "A"),
            _launch("2022-11-02", "21:51", "A"),
            _launch("2022-11-03", "", "C"),
        ]
    )
    out = assign_ids(rows, columns=LAUNCH_COLUMNS)
    assert list(out.columns) == LAUNCH_COLUMNS
    assert list(zip(out["id"], out["launch_time_utc"], out["facility"])) == [
        ("2022-11-02-1-01", "21:51", "A"),
        ("2022-11-02-1-02", "21:51", "A"),
        ("2022-11-02-2-01", "23:51", "B"),
        ("2022-11-02-3-01", "", "A"),  # unknown time: not the same launch as 21:51
        ("2022-11-03-1-01", "", "C"),
    ]
    assert list(out["event_id"]) == [i.rsplit("-", 1)[0] for i in out["id"]]
    # Same input, same ids; shuffled input of distinct rows, same ids too.
    pd.testing.assert_frame_equal(assign_ids(rows, columns=LAUNCH_COLUMNS), out)
    shuffled = assign_ids(rows.iloc[[4, 2, 0, 3, 1]].reset_index(drop=True), columns=LAUNCH_COLUMNS)
    assert list(shuffled["id"]) == list(out["id"])


def test_assign_ids_event_key_overrides_facility_and_time():
    rows = pd.DataFrame(
        [
            _launch("2019-09-10", "21:53", "Kaechon", _event_key="kaechon"),
            _launch("2019-09-10", "22:12", "Kaechon", _event_key="kaechon"),
            _launch("2019-09-10", "", "Kaechon", _event_key="kaechon"),
        ]
    )
    out = assign_ids(rows, columns=LAUNCH_COLUMNS)
    assert list(out["id"]) == ["2019-09-10-1-01", "2019-09-10-1-02", "2019-09-10-1-03"]
    assert "_event_key" not in out.columns


# --- the committed table against the reference copy ---------------------------


def official_rows() -> list[list[str]]:
    with need(OFFICIAL_CNS).open(encoding="cp1252", newline="") as fh:
        return list(csv.reader(fh))[1:]


def launch_table() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "missile_launches.csv", dtype=str, keep_default_na=False)


def test_reading_the_official_file_keeps_its_types_sources_and_times():
    rows = official_rows()
    got = read_cns(need(OFFICIAL_CNS), columns=LAUNCH_COLUMNS)
    assert len(got) == len(rows) == 245
    assert got.attrs["release"]["release_date"] == "2023-04-19"
    assert got.attrs["release"]["newest_date"] == "2023-04-12"
    assert (got["missile_class"] == "unknown").sum() == 8  # CNS types all but 8
    unha = got[(got["source_date"] == "2016-02-07")]
    assert unha[["missile_name", "launch_time_utc", "apogee_km", "distance_km"]].values.tolist() == [
        ["Unha-3", "00:29", "502", ""]]
    assert unha["source_url"].iloc[0] == "http://www.bbc.com/news/world-asia-35515207"


def test_cns_rows_to_the_official_release_match_it_year_by_year():
    rows = official_rows()
    expected = collections.Counter(parse_date(r[1])[0][:4] for r in rows)
    table = launch_table()
    cns = table[(table["origin"] == "cns") & (table["source_date"] <= "2023-04-12")]
    assert collections.Counter(cns["source_date"].str[:4]) == expected
    # the Korean date moves no launch across a year boundary
    assert collections.Counter(cns["date"].str[:4]) == expected
    assert expected["1984"] == 6 and expected["2022"] == 69
    assert cns["id"].is_unique


def test_cns_rows_cite_the_first_url_cns_gives():
    from usnk.importers.cns import first_url

    firsts = collections.Counter(first_url(r[18]) or CNS_DATABASE_URL for r in official_rows())
    table = launch_table()
    cns = table[(table["origin"] == "cns") & (table["source_date"] <= "2023-04-12")]
    assert collections.Counter(cns["source_url"]) == firsts
    assert (cns["source_url"] == CNS_DATABASE_URL).sum() == firsts[CNS_DATABASE_URL] < 10


def test_the_json_copy_reads_into_the_same_rows():
    copy = need(CNS_COPY)
    got = read_cns(copy, columns=LAUNCH_COLUMNS)
    assert len(got) == 339 and got.attrs["release"]["source"] == "cns-copy"
    assert got.attrs["release"]["newest_date"] == "2026-04-18"
    assert list(got.columns) == LAUNCH_COLUMNS
    assert (got["source_url"] == CNS_DATABASE_URL).all()  # the copy has no per-missile sources
    assert (got["date_precision"] == "month").sum() == 8


def test_the_json_copy_needs_its_key_files(tmp_path):
    (tmp_path / "test.en.json").write_text('{"timeBins": []}', encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_cns(tmp_path / "test.en.json", columns=LAUNCH_COLUMNS)
    assert "missile.en.json" in info.value.problems[0].file


def test_missing_reference_files_skip_but_fail_under_ci(monkeypatch, tmp_path):
    missing = tmp_path / "absent.csv"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        need(missing)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI has every input"):
        need(missing)


# --- exact messages and edge cases of the file reader ---------------------------

from usnk.importers.cns import CNS_COLUMNS, parse_coordinate  # noqa: E402

NO_HEADER = ("not the CNS Missile Test Database format: no header row with its columns "
             "(Date, Missile Name, Missile Type, Facility Name, …)")


def cns_csv(path: Path, rows: list[list[str]], header=CNS_COLUMNS, end="\n", final=True,
            encoding="utf-8") -> Path:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_bytes((end.join(lines) + (end if final else "")).encode(encoding))
    return path


def full_row(date="9-Apr-84", name="Scud-B", landing="Sea of Japan or East Sea"):
    """A row with every cell given (no blank cell)."""
    values = {"F1": "1", "Date": date, "Date Entered/Updated": "5-May-20", "Launch Time (UTC)": "03:15",
              "Missile Name": name, "Missile Type": "SRBM", "Launch Agency/Authority": "KPA",
              "Facility Name": "Site A", "Facility Location": "Place", "Other Name": "Other",
              "Facility Latitude": "40.5", "Facility Longitude": "129.5", "Landing Location": landing,
              "Apogee": "100 km", "Distance Travelled": "200", "Confirmation Status": "Confirmed",
              "Test Outcome": "Success", "Additional Information": "Note", "Source(s)": "https://example.org/s"}
    return [values[c] for c in CNS_COLUMNS]


def test_a_row_with_every_cell_given_is_read_whole(tmp_path):
    frame = read_cns(cns_csv(tmp_path / "full.csv", [full_row()]), columns=LAUNCH_COLUMNS)
    got = frame.iloc[0]
    assert got[["date", "launch_time_utc", "missile_name", "missile_class", "facility", "latitude", "longitude",
                "landing", "apogee_km", "distance_km", "outcome", "source_url"]].tolist() == [
        "1984-04-09", "03:15", "Scud-B", "SRBM", "Site A", "40.5", "129.5", "Sea of Japan (East Sea)", "100",
        "200", "success", "https://example.org/s"]
    assert frame.attrs["release"]["release_date"] == "2020-05-05"


def test_the_release_date_without_an_entered_column_is_the_newest_event(tmp_path):
    header = [c for c in CNS_COLUMNS if c != "Date Entered/Updated"]
    rows = [[v for c, v in zip(CNS_COLUMNS, full_row(date)) if c != "Date Entered/Updated"]
            for date in ("9-Apr-84", "1-Jun-90")]
    frame = read_cns(cns_csv(tmp_path / "no_entered.csv", rows, header=header), columns=LAUNCH_COLUMNS)
    assert (frame.attrs["release"]["release_date"], frame.attrs["release"]["newest_date"]) == (
        "1990-06-01", "1990-06-01")


def test_csv_line_ends_and_a_last_line_without_one(tmp_path):
    # old Mac line ends; the last row is short of fields but ends its line
    rows = [full_row(), full_row("1-Jun-90")[:13]]
    assert read_cns(cns_csv(tmp_path / "cr.csv", rows, end="\r"), columns=LAUNCH_COLUMNS)["date"].tolist() == ["1984-04-09", "1990-06-01"]
    # a complete last row without a line end is whole
    assert len(read_cns(cns_csv(tmp_path / "no_end.csv", rows[:1], final=False), columns=LAUNCH_COLUMNS)) == 1
    problem = only_problem(cns_csv(tmp_path / "cut.csv", rows, final=False))
    assert (problem.row, problem.column, problem.message) == (
        3, None, "the last row has 13 of the header's 19 fields and no line end: the file is truncated")


def test_a_byte_windows_1252_leaves_undefined_is_replaced(tmp_path):
    path = cns_csv(tmp_path / "cp.csv", [full_row(name="Scud\x81\x85")], encoding="latin-1")
    assert read_cns(path, columns=LAUNCH_COLUMNS)["missile_name"].tolist() == ["Scud\ufffd…"]


def test_a_missing_date_cell_is_reported_without_a_value(tmp_path):
    header = [c for c in CNS_COLUMNS if c != "Date"] + ["Date"]
    path = cns_csv(tmp_path / "short.csv", [full_row()[2:15]], header=header)
    problem = only_problem(path)
    assert (problem.row, problem.column, problem.message, problem.value) == (2, "Date", "date is missing", None)


@pytest.mark.parametrize("content, message", [
    (b"\x00\x01\x02 binary", "not a CNS spreadsheet or CSV file (binary content)"),
    (b"F1,Name\n1,x\n", NO_HEADER),
])
def test_file_level_problems_have_no_location(tmp_path, content, message):
    path = tmp_path / "cns.csv"
    path.write_bytes(content)
    problem = only_problem(path)
    assert (problem.row, problem.column, problem.message, problem.value) == (None, None, message, None)


def test_exact_messages_of_unreadable_and_truncated_files(tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert only_problem(folder).message == ("this is a folder; expected a CNS Missile Test Database file "
                                            "(xlsx, CSV or the JSON copy) (a file)")
    assert only_problem(FIXTURES / "truncated.csv").message == "the file ends inside a quoted field: it is truncated"


def test_xlsx_rows_are_numbered_as_the_sheet_shows_them(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Database of tests"])
    sheet.append(CNS_COLUMNS)
    sheet.append(full_row())
    sheet.append(full_row(date="31-Feb-84"))
    workbook.save(tmp_path / "cns.xlsx")
    problem = only_problem(tmp_path / "cns.xlsx")
    assert (problem.row, problem.column, problem.value) == (4, "Date", "31-Feb-84")


def test_a_boolean_is_no_coordinate():
    assert parse_coordinate(True) is None
    assert parse_coordinate(39) == 39.0 and parse_coordinate("39.5°N") == 39.5


def test_an_xlsx_formula_cell_is_read_by_the_value_the_spreadsheet_saved(tmp_path):
    """openpyxl writes a formula without its result; the spreadsheet program saves both,
    as here: the importer reads the result (serial 30781 is 9 April 1984), not the formula."""
    import zipfile

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(CNS_COLUMNS)
    workbook.active.append(["=DATE(1984,4,9)" if c == "Date" else v
                            for c, v in zip(CNS_COLUMNS, full_row())])
    written = tmp_path / "written.xlsx"
    workbook.save(written)
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(saved, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>DATE(1984,4,9)</f><v />", b"<f>DATE(1984,4,9)</f><v>30781</v>")
                assert b"<v>30781</v>" in data
            target.writestr(item, data)
    assert read_cns(saved, columns=LAUNCH_COLUMNS)[["date", "date_precision"]].values.tolist() == [["1984-04-09", "day"]]


# --- one row builder for both readers --------------------------------------------

from usnk.importers.cns import SourceRecord, launch_row  # noqa: E402

FULL_RECORD = {"Date": "28-Aug-17", "Launch Time (UTC)": "8:58:00 PM", "Missile Name": "Hwasong-12",
               "Missile Type": "IRBM", "Facility Name": "Sunan", "Facility Latitude": "39.2",
               "Facility Longitude": "125.67", "Landing Location": "Pacific Ocean", "Apogee": "550 km",
               "Distance Travelled": "2,700 km", "Test Outcome": "Success",
               "Additional Information": "Flew over Hokkaido.",
               "Source(s)": "KCNA report; https://example.org/report.html; https://example.org/b"}


def test_launch_row_reads_every_canonical_field_of_a_record():
    row, problems = launch_row(SourceRecord("f.csv", 7, FULL_RECORD))
    assert problems == []
    assert {k: row[k] for k in ("date", "date_precision", "source_date", "launch_time_utc", "missile_name",
                                "missile_class", "facility", "latitude", "longitude", "landing", "apogee_km",
                                "distance_km", "outcome", "origin", "count_is_lower_bound", "source_url",
                                "class_basis", "id", "event_id")} == {
        "date": "2017-08-28", "date_precision": "day", "source_date": "2017-08-28", "launch_time_utc": "20:58",
        "missile_name": "Hwasong-12", "missile_class": "IRBM", "facility": "Sunan", "latitude": "39.2",
        "longitude": "125.67", "landing": "Pacific Ocean", "apogee_km": "550", "distance_km": "2700",
        "outcome": "success", "origin": "cns", "count_is_lower_bound": "false",
        "source_url": "https://example.org/report.html", "class_basis": "source", "id": "", "event_id": ""}
    assert set(row) >= {"_stated_local", "_report_latest"}


def test_launch_row_of_a_sparse_record_gives_unknowns_and_cites_the_database():
    row, problems = launch_row(SourceRecord("f.json", 0, {"Date": "2016-04", "Facility Name": "unknown",
                                                         "Facility Latitude": "40.0"}))
    assert problems == []
    assert (row["date"], row["date_precision"]) == ("2016-04-01", "month")
    assert (row["missile_name"], row["missile_class"], row["facility"], row["latitude"], row["outcome"],
            row["launch_time_utc"], row["apogee_km"], row["source_url"]) == (
        "Unknown", "unknown", "Unknown", "", "unknown", "", "", CNS_DATABASE_URL)


def test_launch_row_locates_an_unreadable_date_as_each_reader_names_it():
    assert launch_row(SourceRecord("f.csv", 12, {"Date": "31-Feb-16"})) == (
        None, [Problem("f.csv", 12, "Date", "impossible date", "31-Feb-16")])
    record = SourceRecord("test.en.json", 3, {"Date": None}, columns={"Date": "date"}, where="timeBins[0].data[3]")
    assert launch_row(record) == (None, [Problem("test.en.json", 3, "date", "date is missing (timeBins[0].data[3])",
                                                 None)])


def test_both_readers_build_their_rows_with_launch_row(tmp_path, monkeypatch):
    from usnk.importers import cns

    seen = []
    real = cns.launch_row
    monkeypatch.setattr(cns, "launch_row", lambda record: seen.append(record) or real(record))
    read_cns(FIXTURES / "cns_export_cp1252.csv", columns=LAUNCH_COLUMNS)
    assert seen and all(r.file.endswith("cns_export_cp1252.csv") and "Source(s)" in r.fields for r in seen)
    seen.clear()
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "test.en.json").write_text(json.dumps({"timeBins": [{"data": [
        {"date": "2017-08-28", "time": "20:58 (UTC)", "missile": "hs12", "facility": "sunan", "landing": "pacific-ocean",
         "apogee": "550", "distance": "2700", "outcome": "success", "description": ""}]}]}))
    (folder / "missile.en.json").write_text(json.dumps({"hs12": {"name": "Hwasong-12", "type": "IRBM"}}))
    (folder / "facility.en.json").write_text(json.dumps({"sunan": {"name": "Sunan", "lat": 39.2, "lon": 125.67}}))
    frame = read_cns(folder / "test.en.json", columns=LAUNCH_COLUMNS)
    assert [(r.row, r.where, r.fields["Missile Name"], r.fields["Facility Latitude"]) for r in seen] == [
        (0, "timeBins[0].data[0]", "Hwasong-12", 39.2)]
    assert frame.loc[0, ["missile_name", "landing", "launch_time_utc"]].tolist() == [
        "Hwasong-12", "Pacific Ocean", "20:58"]


def test_json_fields_look_up_the_missile_and_facility_by_key():
    from usnk.importers.cns import json_fields

    test = {"date": "2017-08-28", "time": "20:58 (UTC)", "missile": "hs12", "facility": "sunan",
            "landing": "pacific-ocean", "apogee": "550", "distance": "2700", "outcome": "success",
            "description": "text"}
    fields, place = json_fields(test, {"hs12": {"name": "Hwasong-12", "type": "IRBM"}},
                                {"sunan": {"name": "Sunan", "lat": 39.2, "lon": 125.67}})
    assert place == {"name": "Sunan", "lat": 39.2, "lon": 125.67}
    assert fields == {"Date": "2017-08-28", "Launch Time (UTC)": "20:58 (UTC)", "Missile Name": "Hwasong-12",
                      "Missile Type": "IRBM", "Facility Name": "Sunan", "Facility Latitude": 39.2,
                      "Facility Longitude": 125.67, "Landing Location": "pacific-ocean", "Apogee": "550",
                      "Distance Travelled": "2700", "Test Outcome": "success", "Additional Information": "text"}
    fields, place = json_fields({**test, "missile": None, "facility": "elsewhere"}, {}, {})
    assert place == {} and fields["Missile Name"] is None and fields["Facility Name"] is None


# --------------------------------------------------------------------------- cells at their edges

from usnk.importers.cns import parse_outcome  # noqa: E402


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


# --------------------------------------------------------------------------- the JSON copy, small

import hashlib  # noqa: E402

from usnk.importers.cns import read_cns_json  # noqa: E402


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


def test_read_cns_json_fills_the_fixed_cells_and_reads_bare_facility_maps(tmp_path):
    path = write_json_copy(tmp_path, [{"date": "2017-11-28", "missile": "hs15", "facility": "sunan",
                                       "landing": "Sea of Japan or East Sea", "outcome": "Success"}])
    (tmp_path / "facility.en.json").write_text(json.dumps({"sunan": {"name": "Sunan", "lat": 39.2, "lon": 125.67}}),
                                               encoding="utf-8")
    row = read_cns_json(path, columns=LAUNCH_COLUMNS).iloc[0]
    assert row[["facility", "latitude", "longitude", "landing", "class_basis", "count_is_lower_bound",
                "date_basis", "launch_date_utc"]].tolist() == [
        "Sunan", "39.2", "125.67", "Sea of Japan (East Sea)", "source", "false", "", ""]


# --------------------------------------------------------------------------- identifiers of rows in other forms than the importers' text


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
