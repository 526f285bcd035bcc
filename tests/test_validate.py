"""Validation as a whole (usnk/validate/__init__.py): the real data and the fixture are
clean, and ``validate_frames`` checks the tables it is given, located at their lines,
reading only the missing ones from a folder."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from datafixture import only, raw_frames, resource, set_cell
from usnk.datafolder import DataFolder, validate_dir
from usnk.errors import Problem
from usnk.datafiles import load_package
from usnk.validate import validate_frames

TODAY = date(2001, 1, 1)
SU, LE = "summits.csv", "leaders.csv"


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
    # validation reads no folder: the caller hands it the folder's tables
    assert validate_frames({**DataFolder(valid_data_dir).raw_frames()[0], **frames}, pkg) == []


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


def test_a_table_without_a_resource(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    frames["extra"] = frames["leaders"]
    assert validate_frames(frames, package, today=TODAY) == [
        Problem("extra.csv", None, None, "table 'extra' is not described by a resource in datapackage.json")]


def test_frames_without_line_numbers_count_from_line_2(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    frames["summits"].loc[1, "kind"] = "treaty"
    frames["summits"].attrs["lines"] = [2]  # wrong length: ignored
    assert [(p.file, p.row, p.column) for p in validate_frames(frames, package, today=TODAY)] == [
        ("summits.csv", 3, "kind")]


def test_frames_with_line_numbers_report_them(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    frames["summits"].loc[1, "kind"] = "treaty"
    frames["summits"].attrs["lines"] = [2, 7]
    assert [(p.file, p.row, p.column) for p in validate_frames(frames, package, today=TODAY)] == [
        ("summits.csv", 7, "kind")]


def test_a_missing_table_is_reported_never_read_from_a_folder(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    del frames["summits"], frames["leaders"]
    set_cell(valid_data_dir, SU, 3, "kind", "treaty")  # the file's problem is not validation's to see
    assert validate_frames(frames, package, today=TODAY) == [
        Problem(SU, None, None, "no data for resource 'summits'; expected a table"),
        Problem(LE, None, None, "no data for resource 'leaders'; expected a table"),
    ]
    with pytest.raises(TypeError):
        validate_frames(frames, package, today=TODAY, data_dir=valid_data_dir)


def test_a_table_given_in_memory_is_checked_as_given(valid_data_dir):
    package = load_package(valid_data_dir)
    frames = raw_frames(valid_data_dir, package)
    del frames["leaders"]
    frames["summits"].loc[1, "kind"] = "treaty"  # given in memory: checked as given, not re-read
    assert validate_frames({**DataFolder(valid_data_dir).raw_frames()[0], **frames}, package, today=TODAY) == [
        Problem(SU, 3, "kind", "expected one of: summit, talks, agreement", "treaty")]
