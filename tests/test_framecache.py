"""The cache of checked, typed tables (usnk/framecache.py): a later process takes clean
tables from it; any change to the data, the code or the day checks them again."""

from __future__ import annotations

import os
from datetime import date

import pandas as pd
import pytest

from usnk import framecache
from usnk.datafolder import DataFolder
from usnk.errors import DataError


@pytest.fixture
def cache(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("USNK_CACHE_DIR", str(where))
    return where


def _count_checks(monkeypatch) -> list:
    calls = []
    original = DataFolder.validate

    def counting(self, today=None):
        calls.append(self.path)
        return original(self, today)

    monkeypatch.setattr(DataFolder, "validate", counting)
    return calls


def test_clean_tables_are_taken_from_the_cache_unchecked_and_equal(data_copy, cache, monkeypatch):
    from usnk import datafolder

    first = DataFolder(data_copy).frames()
    assert len(list(cache.glob("*.pickle"))) == 1
    checks = _count_checks(monkeypatch)

    def no_typing(*args):
        raise AssertionError("a cached table was typed again")

    monkeypatch.setattr(datafolder, "typed_frame", no_typing)
    again = DataFolder(data_copy)
    second = again.frames()
    assert checks == []  # not checked again
    assert list(second) == list(first)
    for name in first:
        pd.testing.assert_frame_equal(second[name], first[name])
    # a copy each time: changing it does not change the next one
    second["summits"].loc[0, "name"] = "changed"
    assert again.frame("summits").loc[0, "name"] == first["summits"].loc[0, "name"]


def test_a_changed_file_is_checked_again(data_copy, cache, monkeypatch):
    DataFolder(data_copy).frames()
    path = data_copy / "nuclear_tests.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2017-09-03", "2017-09-3", 1), encoding="utf-8")
    checks = _count_checks(monkeypatch)
    with pytest.raises(DataError) as err:
        DataFolder(data_copy).frames()
    assert checks == [data_copy]
    assert any(p.file == "nuclear_tests.csv" and p.column == "date" for p in err.value.problems)
    # broken data is never cached: the next process reports it again
    with pytest.raises(DataError):
        DataFolder(data_copy).check()
    assert len(list(cache.glob("*.pickle"))) == 1


def test_the_key_follows_data_code_and_day(data_copy, tmp_path, monkeypatch):
    today = date(2026, 11, 26)
    base = framecache.key(data_copy, today)
    assert framecache.key(data_copy, today) == base
    assert framecache.key(data_copy, date(2026, 11, 27)) != base
    (data_copy / "summits.csv").write_text((data_copy / "summits.csv").read_text(encoding="utf-8") + "\n",
                                           encoding="utf-8")
    changed = framecache.key(data_copy, today)
    assert changed != base
    code = tmp_path / "code"
    code.mkdir()
    (code / "rules.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(framecache, "_SOURCES", code)
    one = framecache.key(data_copy, today)
    (code / "rules.py").write_text("X = 2\n", encoding="utf-8")
    assert framecache.key(data_copy, today) != one


def test_an_unreadable_cache_file_is_ignored(data_copy, cache, monkeypatch):
    DataFolder(data_copy).frames()
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    checks = _count_checks(monkeypatch)
    frames = DataFolder(data_copy).frames()
    assert checks == [data_copy] and len(frames["nuclear_tests"]) == 6
    assert entry.read_bytes() != b"not a pickle"  # written anew


def test_only_the_newest_files_are_kept(cache):
    cache.mkdir()
    for i in range(framecache.KEEP + 3):
        (cache / f"{i:02d}.pickle").write_bytes(b"x")
        t = 1_000_000 + i
        os.utime(cache / f"{i:02d}.pickle", (t, t))
    framecache._prune(cache)
    kept = sorted(p.name for p in cache.glob("*.pickle"))
    assert kept == [f"{i:02d}.pickle" for i in range(3, framecache.KEEP + 3)]


def test_where_the_cache_is(monkeypatch, tmp_path):
    for off in ("off", "OFF", "0", "none", ""):
        monkeypatch.setenv("USNK_CACHE_DIR", off)
        assert framecache.cache_dir() is None
        assert framecache.store(tmp_path, {}) is None and framecache.load(tmp_path) is None
    monkeypatch.setenv("USNK_CACHE_DIR", str(tmp_path / "c"))
    assert framecache.cache_dir() == tmp_path / "c"
    monkeypatch.delenv("USNK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert framecache.cache_dir() == tmp_path / "xdg" / "usnk"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert framecache.cache_dir() == tmp_path / "home" / ".cache" / "usnk"


def test_a_cache_folder_is_made_with_its_parents_and_a_data_subfolder_is_no_file(data_copy, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.setenv("USNK_CACHE_DIR", str(tmp_path / "a" / "b" / "cache"))
    (data_copy / "notes.csv").mkdir()  # a folder named like a table is not read as one
    with pytest.raises(DataError):     # (the folder itself is then an undescribed CSV "file")
        DataFolder(data_copy).frames()
    (data_copy / "notes.csv").rmdir()
    (data_copy / "archive").mkdir()
    before = framecache.key(data_copy)
    (data_copy / "archive" / "old.csv").write_text("x\n", encoding="utf-8")
    assert framecache.key(data_copy) == before   # files in subfolders are not the data
    DataFolder(data_copy).frames()
    assert len(list((tmp_path / "a" / "b" / "cache").glob("*.pickle"))) == 1


def test_a_cache_folder_that_cannot_be_written_is_ignored(data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("USNK_CACHE_DIR", str(blocker / "cache"))
    frames = DataFolder(data_copy).frames()
    assert len(frames["nuclear_tests"]) == 6
