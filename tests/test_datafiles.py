"""Reading a data folder's files (usnk/datafiles.py): datapackage.json and each
resource's CSV as raw strings, with exact located problems."""

from __future__ import annotations

import pytest

from usnk.datafiles import load_package, package_path, read_resource
from usnk.datafolder import DataFolder
from usnk.errors import DataError


def where(problems):
    return [(p.file, p.row, p.column, p.message, p.value) for p in problems]


def test_package_path_is_in_the_folder_given_never_the_environment(tmp_path, monkeypatch):
    # the folder comes from the caller; only the edge reads $USNK_DATA_DIR
    monkeypatch.setenv("USNK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert package_path(tmp_path / "x") == tmp_path / "x" / "datapackage.json"
    with pytest.raises(TypeError):
        package_path()


@pytest.mark.parametrize("content, expected", [
    (b'{"resources": []}', {"resources": []}),
    (b"\xef\xbb\xbf{}", None),  # a byte-order mark is not JSON
    (b'{\n"a": 1,\n"b": \xff}', ("datapackage.json", 3, None, "expected UTF-8 text", None)),
    (b'{\n"a": 1,\n}', ("datapackage.json", 3, None, "expected valid JSON: Expecting property name "
                                                       "enclosed in double quotes", None)),
    (b"[1]", ("datapackage.json", None, None, "expected a JSON object at the top level", None)),
])
def test_load_package(tmp_path, content, expected):
    (tmp_path / "datapackage.json").write_bytes(content)
    if isinstance(expected, dict):
        assert load_package(tmp_path) == expected
        return
    with pytest.raises(DataError) as info:
        load_package(tmp_path)
    if expected is not None:
        assert where(info.value.problems) == [expected]


def test_load_package_missing_and_unreadable(tmp_path):
    with pytest.raises(DataError) as info:
        load_package(tmp_path)
    assert where(info.value.problems) == [
        ("datapackage.json", None, None, f"file not found in {tmp_path}", None)]
    (tmp_path / "datapackage.json").mkdir()
    with pytest.raises(DataError) as info:
        load_package(tmp_path)
    assert where(info.value.problems) == [
        ("datapackage.json", None, None, "cannot be read: Is a directory", None)]


def test_a_folder_reads_every_resource_and_names_the_files_it_cannot_read(tmp_path):
    (tmp_path / "datapackage.json").write_text(
        '{"resources": [{"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "x"}]}},'
        ' {"name": "b", "path": "b.csv", "schema": {"fields": [{"name": "x"}]}},'
        ' {"name": "c", "path": "c.csv", "schema": {"fields": [{"name": "x"}]}}]}', encoding="utf-8")
    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    (tmp_path / "c.csv").mkdir()
    frames, problems = DataFolder(tmp_path).raw_frames()
    assert list(frames) == ["a"] and frames["a"]["x"].tolist() == ["1"]
    assert where(problems) == [
        ("b.csv", None, None, "file not found; resource 'b' in datapackage.json expects it", None),
        ("c.csv", None, None, "cannot be read: Is a directory", None),
    ]


def test_read_resource_gives_raw_strings_with_their_file_lines(tmp_path):
    (tmp_path / "t.csv").write_text("x,y\n1,\n\"a, b\",2\n", encoding="utf-8")
    frame, problems = read_resource(tmp_path, "t", {"name": "t", "path": "t.csv"})
    assert problems == []
    assert frame.to_dict("list") == {"x": ["1", "a, b"], "y": ["", "2"]}
    assert list(frame.attrs["lines"]) == [2, 3]
    frame, problems = read_resource(tmp_path, "u", {"name": "u"})
    assert frame is None
    assert where(problems) == [("u.csv", None, None, "file not found; resource 'u' in datapackage.json expects it",
                                None)]
