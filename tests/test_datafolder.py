"""The data-folder object: where things are, the package and each file read once,
typed frames, problems, and ``USNK_DATA_DIR``."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd
import pytest

from datafixture import LAST_EVENT_DATE, ROWS, set_cell
from usnk import datafolder, load, paths
from usnk.datafolder import DataFolder, typed_frame
from usnk.errors import DataError, Problem
from usnk import datafiles

RESOURCE_ORDER = list(LAST_EVENT_DATE)


@pytest.fixture
def reads(monkeypatch):
    """Counts, per file name, how often a CSV file and the package are read."""
    counts: Counter = Counter()
    real_csv, real_package = datafiles.read_csv_text, datafolder.load_package

    def read_csv_text(data, file):
        counts[file] += 1
        return real_csv(data, file)

    def load_package(data_dir):
        counts["datapackage.json"] += 1
        return real_package(data_dir)

    monkeypatch.setattr(datafiles, "read_csv_text", read_csv_text)
    monkeypatch.setattr(datafolder, "load_package", load_package)
    load.clear_cache()
    yield counts
    load.clear_cache()


def test_paths(valid_data_dir):
    folder = DataFolder(valid_data_dir)
    assert folder.path == valid_data_dir
    assert folder.package_path == valid_data_dir / "datapackage.json"
    assert folder.csv_path("summits") == valid_data_dir / "summits.csv"
    assert repr(folder) == f"DataFolder({str(valid_data_dir)!r})"


def test_resources_in_package_order(valid_data_dir):
    folder = DataFolder(valid_data_dir)
    assert list(folder.resources) == RESOURCE_ORDER
    assert folder.resource("leaders")["path"] == "leaders.csv"
    assert folder.package["resources"][0]["name"] == "missile_launches"


def test_unknown_resource_names_the_known_ones(valid_data_dir):
    with pytest.raises(KeyError) as info:
        DataFolder(valid_data_dir).csv_path("launches")
    assert info.value.args[0] == (f"no table 'launches' in {valid_data_dir}; tables: "
                                  + ", ".join(RESOURCE_ORDER))


def test_the_folder_is_named_by_the_caller_never_the_environment(valid_data_dir, monkeypatch, tmp_path):
    # only the edge (usnk.load, the CLI, the Sphinx extension) resolves $USNK_DATA_DIR
    monkeypatch.setenv("USNK_DATA_DIR", str(valid_data_dir))
    with pytest.raises(TypeError):
        DataFolder()
    assert DataFolder(tmp_path).path == tmp_path
    assert len(DataFolder(valid_data_dir).frame("nuclear_tests")) == 2


def test_a_cold_load_reads_every_file_exactly_once(valid_data_dir, reads):
    frames = load.load_all(valid_data_dir)
    assert {k: len(v) for k, v in frames.items()} == {k: len(v) for k, v in ROWS.items()}
    expected = {f"{name}.csv": 1 for name in ROWS} | {"datapackage.json": 1}
    assert dict(reads) == expected
    load.load("summits", valid_data_dir)  # warm: nothing is read again
    load.problems(valid_data_dir)
    load.package(valid_data_dir)
    assert dict(reads) == expected


def test_validate_then_frames_share_one_read(valid_data_dir, reads):
    folder = DataFolder(valid_data_dir)
    assert folder.validate(today=date(2001, 1, 1)) == []
    assert folder.validate() == []
    folder.frames()
    folder.frame("leaders", validate=False)
    assert set(reads.values()) == {1} and len(reads) == len(ROWS) + 1


def test_validate_returns_a_copy(valid_data_dir):
    set_cell(valid_data_dir, "summits.csv", 2, "kind", "treaty")
    folder = DataFolder(valid_data_dir)
    found = folder.validate()
    found.clear()
    assert [(p.file, p.row, p.column, p.value) for p in folder.validate()] == [
        ("summits.csv", 2, "kind", "treaty")]


def test_frame_of_broken_folder_raises_with_every_problem(valid_data_dir):
    set_cell(valid_data_dir, "summits.csv", 3, "date", "2000-02-30")
    set_cell(valid_data_dir, "leaders.csv", 2, "acting", "yes")
    folder = DataFolder(valid_data_dir)
    with pytest.raises(DataError) as info:
        folder.frame("incidents")
    assert info.value.message == f"2 data problems in {valid_data_dir}"
    assert info.value.problems == [
        Problem("summits.csv", 3, "date", "expected a real calendar date YYYY-MM-DD", "2000-02-30"),
        Problem("leaders.csv", 2, "acting", "expected true or false", "yes"),
    ]
    with pytest.raises(DataError):
        folder.frames()
    # unchecked, the unbroken table still loads
    assert folder.frame("incidents", validate=False)["id"].tolist() == ["2000-01-05-1", "2000-01-05-2"]


def test_one_problem_is_named_in_the_singular(valid_data_dir):
    set_cell(valid_data_dir, "leaders.csv", 2, "acting", "yes")
    with pytest.raises(DataError) as info:
        DataFolder(valid_data_dir).check()
    assert str(info.value).splitlines() == [
        f"1 data problem in {valid_data_dir}:", "leaders.csv:2: acting: expected true or false (yes)"]


def test_check_passes_on_clean_data(valid_data_dir):
    assert DataFolder(valid_data_dir).check() is None


def test_raw_frame_keeps_strings_and_lines(valid_data_dir):
    set_cell(valid_data_dir, "summits.csv", 2, "outcome", "line one\nline two")
    raw = DataFolder(valid_data_dir).raw("summits")
    assert raw["outcome"].tolist() == ["line one\nline two", "Outcome B"]
    assert raw["date"].tolist() == ["2000-01-10", "2000-02-01"]
    assert raw.attrs["lines"] == [2, 4]


def test_raw_of_missing_file_raises_located_problem(valid_data_dir):
    (valid_data_dir / "summits.csv").unlink()
    with pytest.raises(DataError) as info:
        DataFolder(valid_data_dir).raw("summits")
    assert info.value.problems == [Problem(
        "summits.csv", None, None, "file not found; resource 'summits' in datapackage.json expects it")]


def test_raw_frames_report_unreadable_files_and_keep_the_rest(valid_data_dir):
    (valid_data_dir / "summits.csv").unlink()
    (valid_data_dir / "leaders.csv").write_bytes(b"")
    frames, problems = DataFolder(valid_data_dir).raw_frames()
    assert set(frames) == set(ROWS) - {"summits", "leaders"}
    assert [(p.file, p.message) for p in problems] == [
        ("summits.csv", "file not found; resource 'summits' in datapackage.json expects it"),
        ("leaders.csv", "file is empty; expected a header row"),
    ]


def test_missing_folder(tmp_path):
    folder = DataFolder(tmp_path / "nowhere")
    assert folder.validate() == [Problem(str(tmp_path / "nowhere"), None, None,
                                         "expected a data folder; not found")]
    with pytest.raises(DataError):
        folder.frame("summits")


def test_unreadable_package_is_the_only_problem(valid_data_dir):
    (valid_data_dir / "datapackage.json").write_text("[]", encoding="utf-8")
    folder = DataFolder(valid_data_dir)
    assert folder.validate() == [Problem("datapackage.json", None, None, "expected a JSON object at the top level")]
    with pytest.raises(DataError):
        folder.package


def test_missing_file_is_reported_once(valid_data_dir):
    (valid_data_dir / "leaders.csv").unlink()
    assert DataFolder(valid_data_dir).validate() == [Problem(
        "leaders.csv", None, None, "file not found; resource 'leaders' in datapackage.json expects it")]


def test_undescribed_csv_files_are_reported_by_name(valid_data_dir):
    (valid_data_dir / "b_extra.CSV").write_text("a\n1\n", encoding="utf-8")
    (valid_data_dir / "a_extra.csv").write_text("a\n1\n", encoding="utf-8")
    (valid_data_dir / "notes.txt").write_text("not a table\n", encoding="utf-8")
    assert [(p.file, p.message) for p in DataFolder(valid_data_dir).validate()] == [
        ("a_extra.csv", "CSV file not described by any resource in datapackage.json"),
        ("b_extra.CSV", "CSV file not described by any resource in datapackage.json"),
    ]


def test_frames_are_copies(valid_data_dir):
    folder = DataFolder(valid_data_dir)
    a = folder.frame("summits")
    a.loc[0, "name"] = "changed"
    assert folder.frame("summits").loc[0, "name"] == "Meeting A"
    everything = folder.frames()
    everything["summits"].loc[0, "name"] = "changed again"
    assert folder.frames()["summits"].loc[0, "name"] == "Meeting A"
    assert list(everything) == RESOURCE_ORDER


# ----------------------------------------------------------------- typing

RESOURCE = {"schema": {"fields": [
    {"name": "d", "type": "date"}, {"name": "n", "type": "number"}, {"name": "i", "type": "integer"},
    {"name": "b", "type": "boolean"}, {"name": "m", "type": "boolean"}, {"name": "s", "type": "string"},
    {"name": "u"}, {"name": "absent", "type": "string"},
]}}


def test_typed_frame_types_and_missing_values():
    raw = pd.DataFrame({"d": ["2020-02-29", ""], "n": ["1.5", ""], "i": ["-3", ""], "b": ["true", "false"],
                        "m": ["true", ""], "s": ["x", ""], "u": ["", "y"], "extra": ["e", "e"]}, dtype=object)
    typed = typed_frame(raw, RESOURCE)
    assert list(typed.columns) == ["d", "n", "i", "b", "m", "s", "u"]
    assert typed.dtypes.astype(str).tolist() == ["datetime64[ns]", "float64", "Int64", "bool", "boolean",
                                                 "str", "str"]
    assert typed["d"].iloc[0] == pd.Timestamp("2020-02-29") and pd.isna(typed["d"].iloc[1])
    assert typed["n"].iloc[0] == 1.5 and pd.isna(typed["n"].iloc[1])
    assert typed["i"].iloc[0] == -3 and typed["i"].iloc[1] is pd.NA
    assert typed["b"].tolist() == [True, False]
    assert typed["m"].iloc[0] is True or typed["m"].iloc[0] == True  # noqa: E712 (numpy bool)
    assert typed["m"].iloc[1] is pd.NA
    assert typed["s"].iloc[0] == "x" and pd.isna(typed["s"].iloc[1])
    assert pd.isna(typed["u"].iloc[0]) and typed["u"].iloc[1] == "y"
    assert typed.index.tolist() == [0, 1]


@pytest.mark.parametrize("text", ["2020-13-01", "10/01/2000", "2000-01-02 10:00"])
def test_typed_frame_of_a_bad_date_raises_value_error(text):
    raw = pd.DataFrame({"d": [text]}, dtype=object)
    with pytest.raises(ValueError):
        typed_frame(raw, RESOURCE)


def test_a_missing_file_does_not_hide_later_problems(valid_data_dir):
    (valid_data_dir / "leaders.csv").unlink()
    set_cell(valid_data_dir, "summits.csv", 3, "kind", "treaty")
    assert DataFolder(valid_data_dir).validate() == [
        Problem("leaders.csv", None, None, "file not found; resource 'leaders' in datapackage.json expects it"),
        Problem("summits.csv", 3, "kind", "expected one of: summit, talks, agreement", "treaty"),
    ]
