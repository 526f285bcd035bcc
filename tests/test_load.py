"""Typed, validated, cached loading."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from datafixture import LAST_EVENT_DATE, ROWS, set_cell
from usnk import load as L
from usnk.datafolder import DataFolder
from usnk.errors import DataError


def test_types(valid_data_dir):
    ml = L.load("missile_launches", valid_data_dir)
    assert list(ml.columns)[:3] == ["id", "date", "date_precision"]
    assert ml["date"].dtype == "datetime64[ns]"
    assert ml["latitude"].dtype == "float64"
    assert ml["count_is_lower_bound"].dtype == bool
    assert ml["id"].dtype == "str"
    assert ml["date"].tolist() == [pd.Timestamp("2000-01-01")] * 2 + [pd.Timestamp("2000-02-01")]
    assert ml["count_is_lower_bound"].tolist() == [False, False, True]
    assert ml["apogee_km"].iloc[0] == 50.0 and np.isnan(ml["apogee_km"].iloc[2])
    assert pd.isna(ml["launch_time_utc"].iloc[2]) and ml["launch_time_utc"].iloc[0] == "01:00"
    nt = L.load("nuclear_tests", valid_data_dir)
    assert nt["test_number"].dtype == "Int64" and nt["test_number"].tolist() == [1, 2]
    un = L.load("unsc_resolutions", valid_data_dir)
    assert un["vote_for"].tolist() == [15, 13]
    assert un["trigger_date"].isna().tolist() == [False, True]
    leaders = L.load("leaders", valid_data_dir)
    assert leaders["end_date"].isna().tolist() == [False, True]
    assert leaders["party"].isna().tolist() == [False, True]


def test_load_all(valid_data_dir):
    frames = L.load_all(valid_data_dir)
    assert set(frames) == set(ROWS)
    assert {k: len(v) for k, v in frames.items()} == {k: len(v) for k, v in ROWS.items()}
    pkg = L.package(valid_data_dir)
    assert {r["name"]: r["last_event_date"] for r in pkg["resources"]} == LAST_EVENT_DATE


def test_cache_returns_equal_copies(valid_data_dir):
    a = L.load("summits", valid_data_dir)
    b = L.load("summits", valid_data_dir)
    pd.testing.assert_frame_equal(a, b)
    assert a is not b
    a.loc[0, "name"] = "changed"
    del a["place"]
    c = L.load("summits", valid_data_dir)
    pd.testing.assert_frame_equal(b, c)
    all1 = L.load_all(valid_data_dir)
    all1["summits"].loc[0, "name"] = "changed again"
    pd.testing.assert_frame_equal(L.load_all(valid_data_dir)["summits"], b)
    pkg = L.package(valid_data_dir)
    pkg["resources"].clear()
    assert L.package(valid_data_dir)["resources"]


def test_cache_is_used(valid_data_dir, monkeypatch):
    L.load("leaders", valid_data_dir)
    folder = L.folder(valid_data_dir)
    calls = []
    monkeypatch.setattr(DataFolder, "_find_problems", lambda self, today: calls.append(today) or [])
    L.load("leaders", valid_data_dir)
    L.load_all(valid_data_dir)
    assert L.folder(valid_data_dir) is folder
    assert calls == []
    L.clear_cache()
    assert L.folder(valid_data_dir) is not folder


def test_cache_sees_changes(valid_data_dir):
    assert L.load("incidents", valid_data_dir)["event_type"].tolist() == ["Clash", "Balloons"]
    set_cell(valid_data_dir, "incidents.csv", 3, "event_type", "Leaflets")
    path = valid_data_dir / "incidents.csv"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert L.load("incidents", valid_data_dir)["event_type"].tolist() == ["Clash", "Leaflets"]


def test_broken_dir_raises(valid_data_dir):
    L.load("incidents", valid_data_dir)  # warm the cache first
    set_cell(valid_data_dir, "summits.csv", 2, "date", "2000-13-01")
    with pytest.raises(DataError) as info:
        L.load("incidents", valid_data_dir)  # any problem anywhere stops every load
    assert [(p.file, p.row, p.column) for p in info.value.problems] == [("summits.csv", 2, "date")]
    assert "summits.csv:2: date:" in str(info.value)
    with pytest.raises(DataError):
        L.load_all(valid_data_dir)


def test_load_without_validation(valid_data_dir):
    set_cell(valid_data_dir, "summits.csv", 2, "kind", "treaty")
    with pytest.raises(DataError):
        L.load("summits", valid_data_dir)
    assert L.load("summits", valid_data_dir, validate=False)["kind"].tolist() == ["treaty", "agreement"]


def test_unknown_table(valid_data_dir):
    with pytest.raises(KeyError, match="missile_launches"):
        L.load("launches", valid_data_dir)


def test_missing_dir(tmp_path):
    with pytest.raises(DataError):
        L.load("summits", tmp_path / "nowhere")


def test_env_data_dir(valid_data_dir, monkeypatch):
    monkeypatch.setenv("USNK_DATA_DIR", str(valid_data_dir))
    assert len(L.load("nuclear_tests")) == 2


def test_cache_sees_a_renamed_file(valid_data_dir):
    (valid_data_dir / "notes.txt").write_text("not a table\n", encoding="utf-8")
    before = L.folder(valid_data_dir)
    assert L.folder(valid_data_dir) is before
    # same mtime, same size, same place among the sorted names: only the name differs
    (valid_data_dir / "notes.txt").rename(valid_data_dir / "notes-renamed.txt")
    assert L.folder(valid_data_dir) is not before


def test_a_folder_that_is_not_there_is_not_cached_as_valid(tmp_path):
    missing = tmp_path / "nowhere"
    assert L.problems(missing)[0].message == "expected a data folder; not found"
    assert L.folder(missing) is L.folder(missing)
