"""The hostile inputs of issue 22, one by one: each is refused with a problem naming
the input file, its row or record and its field (or imported within bounds), never
an internal error; through the command line, with exit 1, no traceback and the data
folder byte-identical."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import ROOT, run_cli
from usnk.errors import DataError
from usnk.importers import inputs
from usnk.importers.cns import CNS_COLUMNS, read_cns, read_cns_json
from usnk.importers.csis import csis_launch_rows, read_csis

from usnk.datafolder import DataFolder
from usnk.importers.common import launch_columns
from usnk.paths import ROOT

LAUNCH_COLUMNS = launch_columns(DataFolder(ROOT / "data"))
"""The launch table's columns, as the repository's data package declares them."""

FIXTURES = Path(__file__).parent / "fixtures"
CSIS_SAMPLE = FIXTURES / "csis" / "update_sample.csv"


def problems_of(read, path) -> list:
    with pytest.raises(DataError) as info:
        read(path, LAUNCH_COLUMNS) if read in (read_cns, read_cns_json) else read(path)
    return info.value.problems


def where(problem) -> tuple:
    return problem.file, problem.row, problem.column


# --------------------------------------------------------------------------- CNS CSV


def cns_row(**cells) -> list[str]:
    row = {c: "" for c in CNS_COLUMNS}
    row.update({"Date": "28-Nov-17", "Date Entered/Updated": "5-Jan-18", "Launch Time (UTC)": "6:17:00 PM",
                "Missile Name": "Hwasong-15", "Missile Type": "ICBM", "Facility Name": "Pyongsong",
                "Facility Latitude": "39.282", "Facility Longitude": "125.869", "Apogee": "4475 km",
                "Distance Travelled": "950 km", "Test Outcome": "Success",
                "Source(s)": "https://example.org/a"})
    row.update(cells)
    return [row[c] for c in CNS_COLUMNS]


def cns_file(tmp_path, *rows, header=CNS_COLUMNS) -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "cns export.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_a_good_cns_file_still_reads(tmp_path):
    frame = read_cns(cns_file(tmp_path, cns_row()), columns=LAUNCH_COLUMNS)
    assert frame[["date", "apogee_km", "latitude", "longitude"]].values.tolist() == [
        ["2017-11-28", "4475", "39.282", "125.869"]]


@pytest.mark.parametrize("cells, column, message", [
    ({"Date": "1-Jan-0001"}, "Date", "implausible date: a launch before 1984-01-01"),
    ({"Date": "0001-01-01"}, "Date", "implausible date: a launch before 1984-01-01"),
    ({"Date": "1000-06-01"}, "Date", "implausible date: a launch before 1984-01-01"),
    ({"Date": "1983-12-31", "Date Entered/Updated": ""}, "Date", "implausible date: a launch before 1984-01-01"),
    ({"Date": "9999-12-31", "Date Entered/Updated": ""}, "Date", "implausible date: a launch after"),
    ({"Date": "1-Feb-18", "Date Entered/Updated": "5-Jan-18"}, "Date",
     "implausible date: a launch after 2018-01-05"),
    ({"Date Entered/Updated": "-45000"}, "Date Entered/Updated", "unreadable date"),
    ({"Date Entered/Updated": "1-Jan-2999"}, "Date Entered/Updated", "implausible date: an entry after"),
    ({"Date Entered/Updated": "1-Nov-17"}, "Date Entered/Updated", "entered before the launch it records"),
    ({"Apogee": "9" * 400 + " km"}, "Apogee", "expected a distance in km from 0 to 10,000"),
    ({"Distance Travelled": "30,000 km"}, "Distance Travelled", "expected a distance in km from 0 to 20,100"),
    ({"Facility Longitude": "-200"}, "Facility Longitude", "expected a coordinate from -180 to 180 degrees"),
    ({"Facility Latitude": "north-ish"}, "Facility Latitude", "expected a coordinate in decimal degrees"),
    ({"Facility Latitude": "125.869", "Facility Longitude": "39.282"}, "Facility Latitude",
     "expected a coordinate from -90 to 90 degrees"),
    ({"Facility Latitude": "1e999"}, "Facility Latitude", "expected a coordinate from -90 to 90 degrees"),
])
def test_implausible_cns_cells_are_refused_at_their_row_and_column(tmp_path, cells, column, message):
    path = cns_file(tmp_path, cns_row(), cns_row(**cells))
    problems = problems_of(read_cns, path)
    assert any(where(p) == (str(path), 3, column) and message in p.message for p in problems), problems


def test_unknown_facilities_keep_their_placeholder_coordinates(tmp_path):
    frame = read_cns(cns_file(tmp_path, cns_row(**{"Facility Name": "Unknown", "Facility Latitude": "abc"})), columns=LAUNCH_COLUMNS)
    assert frame[["facility", "latitude", "longitude"]].values.tolist() == [["Unknown", "", ""]]


def test_headers_swapped_without_their_data_are_refused_at_the_header(tmp_path):
    header = list(CNS_COLUMNS)
    i, j = header.index("Missile Name"), header.index("Missile Type")
    header[i], header[j] = header[j], header[i]
    rows = [cns_row(**{"Missile Name": name}) for name in ("Hwasong-15", "KN-23", "KN-25", "Scud-B", "Nodong")]
    path = cns_file(tmp_path, *rows, header=header)
    [problem] = problems_of(read_cns, path)
    assert where(problem) == (str(path), 1, "Missile Type")
    assert problem.message.startswith("5 of 5 values are not missile types")
    assert "headers swapped or renamed?" in problem.message


def test_the_json_copy_refuses_wrong_types_with_the_file_record_and_field(tmp_path):
    tests = [{"date": "2017-11-28", "missile": "hs15", "facility": "p", "apogee": "4475"}, 7,
             {"date": "2017-11-29", "missile": ["hs15"], "facility": "p", "time": {"h": 1}},
             {"date": None, "missile": 12, "facility": "p"}]
    (tmp_path / "test.en.json").write_text(json.dumps({"timeBins": [{"data": tests}]}), encoding="utf-8")
    (tmp_path / "missile.en.json").write_text(json.dumps({"hs15": None, "x": {"name": ["X"], "type": "SRBM"}}),
                                             encoding="utf-8")
    (tmp_path / "facility.en.json").write_text(json.dumps({"p": {"name": "P", "lat": "39.2", "lon": [125]}}),
                                              encoding="utf-8")
    problems = problems_of(read_cns_json, tmp_path / "test.en.json")
    test, missile, facility = (str(tmp_path / n) for n in ("test.en.json", "missile.en.json", "facility.en.json"))
    assert [(*where(p), p.message) for p in problems] == [
        (test, 1, None, "expected a launch record (an object), found a number (timeBins[0].data[1])"),
        (test, 2, "time", "expected text, a number or null, found an object (timeBins[0].data[2])"),
        (test, 2, "missile", "expected text, a number or null, found a list (timeBins[0].data[2])"),
        (test, 3, "missile", "expected a key (text) or null, found a number (timeBins[0].data[3])"),
        (missile, None, "hs15", "expected a missile (an object with name, type), found null"),
        (missile, None, "x.name", "expected text, a number or null, found a list"),
        (facility, None, "p.lon", "expected text, a number or null, found a list"),
    ]


def write_copy(folder: Path, test: dict) -> Path:
    (folder / "test.en.json").write_text(json.dumps({"timeBins": [{"data": [test]}]}), encoding="utf-8")
    (folder / "missile.en.json").write_text(json.dumps({"m": {"name": "M", "type": "SRBM"}}), encoding="utf-8")
    (folder / "facility.en.json").write_text(json.dumps({"f": {"name": "F", "lat": 39.2, "lon": 125.6}}),
                                             encoding="utf-8")
    return folder / "test.en.json"


@pytest.mark.parametrize("field, value, message", [
    ("date", "9999-12-31", "implausible date: a launch after"),
    ("date", "1000-01-01", "implausible date: a launch before 1984-01-01"),
    ("apogee", float("inf"), "expected a finite number"),
    ("apogee", -4, "expected a distance in km from 0 to 10,000"),
    ("distance", 10 ** 20, "expected a number of at most 1,000,000,000,000,000"),
])
def test_the_json_copy_refuses_implausible_values(tmp_path, field, value, message):
    record = {"date": "2017-11-28", "time": "18:17 (UTC)", "missile": "m", "facility": "f", field: value}
    path = write_copy(tmp_path, record)
    path.write_text(path.read_text().replace("Infinity", "1e999"), encoding="utf-8")  # json.dumps writes Infinity
    [problem] = problems_of(read_cns_json, path)
    assert where(problem) == (str(path), 0, field) and message in problem.message


def test_json_nested_thousands_deep_is_refused_not_a_recursion_error(tmp_path):
    path = write_copy(tmp_path, {"date": "2017-11-28"})
    path.write_text('{"timeBins": [{"data": [{"date": ' + "[" * 100_000 + "]" * 100_000 + "}]}]}")
    [problem] = problems_of(read_cns_json, path)
    assert problem.file == str(path) and f"nested more than {inputs.MAX_JSON_DEPTH} levels" in problem.message
    csis = tmp_path / "provocations.json"
    csis.write_text("[" * 50_000 + "]" * 50_000)
    [problem] = problems_of(read_csis, csis)
    assert problem.file == str(csis) and "nested more than" in problem.message


def test_json_constants_that_are_no_numbers_are_refused(tmp_path):
    csis = tmp_path / "provocations.json"
    csis.write_text('[{"date": "2020-01-01", "type": "Missile Provocation", "event": "x", '
                    '"description": NaN, "resources": ""}]')
    [problem] = problems_of(read_csis, csis)
    assert problem.file == str(csis) and "NaN is not a JSON number" in problem.message


# --------------------------------------------------------------------------- CSIS


def csis_file(tmp_path, edit) -> Path:
    rows = list(csv.reader(io.StringIO(CSIS_SAMPLE.read_text(encoding="utf-8"), newline="")))
    edit(rows)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = tmp_path / "provocations.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_a_salvo_of_a_hundred_billion_missiles_makes_a_bounded_number_of_rows(tmp_path):
    def edit(rows):
        rows[2][3] = "The North fired 99,999,999,999 short-range ballistic missiles."
    events = read_csis(csis_file(tmp_path, edit))
    rows = csis_launch_rows(events, columns=LAUNCH_COLUMNS)
    assert rows.groupby("_event_key").size().max() == inputs.row_cap()


@pytest.mark.parametrize("date, message", [
    ("9999-12-31", "implausible date: an event after"),
    ("1949-12-31", "implausible date: an event before 1950-01-01"),
    ("1983-06-01", "implausible date: a missile launch before 1984-01-01"),
])
def test_implausible_csis_dates_are_refused(tmp_path, date, message):
    def edit(rows):
        rows[2][0] = date
    path = csis_file(tmp_path, edit)
    [problem] = problems_of(read_csis, path)
    assert where(problem) == (str(path), 3, "date") and problem.message.startswith(message)


def test_csis_records_with_lists_for_cells_are_refused(tmp_path):
    path = tmp_path / "provocations.json"
    path.write_text(json.dumps([{"date": "2020-01-01", "type": "Missile Provocation", "event": ["x"],
                                 "description": "d", "resources": {"url": "https://example.org"}}]))
    problems = problems_of(read_csis, path)
    assert [(where(p), p.message) for p in problems] == [
        ((str(path), 0, "event"), "expected text, a number or null, found a list"),
        ((str(path), 0, "resources"), "expected text, a number or null, found an object")]


def test_csis_description_and_resources_swapped_are_refused(tmp_path):
    def edit(rows):
        for row in rows[1:]:
            row.extend([""] * (5 - len(row)))
        rows[0][3], rows[0][4] = rows[0][4], rows[0][3]
    path = csis_file(tmp_path, edit)
    problems = problems_of(read_csis, path)
    assert {(where(p)) for p in problems} >= {(str(path), 1, "resources")}


# --------------------------------------------------------------------------- the command line


def digest(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_an_empty_file_name_is_refused_not_the_working_directory(data_copy):
    before = digest(data_copy)
    result = run_cli("update", "--cns", "", "--data-dir", str(data_copy))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "'': no file name given; expected a source file or URL"
    assert digest(data_copy) == before


@pytest.mark.parametrize("option, make", [
    ("--cns", lambda tmp: cns_file(tmp, cns_row(**{"Facility Longitude": "-200"}))),
    ("--cns", lambda tmp: write_copy(tmp, {"date": "9999-12-31", "time": "23:59 (UTC)", "missile": "m"})),
    ("--csis", lambda tmp: csis_file(tmp, lambda rows: rows[1].__setitem__(0, "2999-01-01"))),
])
def test_the_updater_names_the_input_exits_1_and_leaves_the_data_alone(data_copy, tmp_path, option, make):
    path = make(tmp_path)
    before = digest(data_copy)
    result = run_cli("update", option, str(path), "--data-dir", str(data_copy))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:") and "missile_launches.csv" not in first and "corrections.csv" not in first
    assert digest(data_copy) == before


MEMORY_LIMIT = 3 * 1024 ** 3
"""Address space the salvo subprocess may use: it fails, not the machine, if the cap breaks."""


def test_the_salvo_reads_in_bounded_memory_in_a_limited_process(tmp_path):
    def edit(rows):
        rows[2][3] = "The North fired 99,999,999,999 short-range ballistic missiles."
    path = csis_file(tmp_path, edit)
    script = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
        "from usnk.importers.csis import csis_launch_rows, read_csis\n"
        f"rows = csis_launch_rows(read_csis(sys.argv[1]), columns={LAUNCH_COLUMNS!r})\n"
        "print(len(rows), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    rows, peak_mb = map(int, done.stdout.split())
    assert rows < 100 and peak_mb < 1024
