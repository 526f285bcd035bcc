"""Reading a CSV file (usnk/validate/csvfile.py): rows with the line they start on,
and every unreadable file, row or quote reported at its line, on its own and through
the validation of a data folder."""

from __future__ import annotations

import json

import pytest

from datafixture import only, set_cell
from usnk.datafolder import validate_dir
from usnk.errors import Problem
from usnk.validate.csvfile import CsvRecords, read_csv_records, read_csv_text, text_line_of_offset

F = "t.csv"


# ----------------------------------------------------------------- the reader on its own


def test_rows_keep_the_line_they_start_on():
    records, problems = read_csv_records(b'id,name\r\n1,"a\nb"\r\n2,c\r\n', F)
    assert problems == []
    assert records == CsvRecords(["id", "name"], [["1", "a\nb"], ["2", "c"]], [2, 4], True)


def test_byte_order_mark_is_not_part_of_the_header():
    records, _ = read_csv_records(b"\xef\xbb\xbfid,name\n1,a", F)
    assert records.header == ["id", "name"] and records.rows == [["1", "a"]]


def test_header_only():
    assert read_csv_records(b"id,name\n", F) == (CsvRecords(["id", "name"]), [])


def test_blank_and_ragged_rows_are_reported_and_left_out():
    records, problems = read_csv_records(b"id,name\n1,a\n\n2,b,x\n3\n4,d\n", F)
    assert problems == [
        Problem(F, 3, None, "blank row; expected 2 fields"),
        Problem(F, 4, None, "expected 2 fields as in the header, found 3"),
        Problem(F, 5, None, "expected 2 fields as in the header, found 1"),
    ]
    assert records.rows == [["1", "a"], ["4", "d"]] and records.lines == [2, 6]
    assert records.complete is True


def test_blank_rows_can_be_skipped_without_a_problem():
    """``skip_blank`` leaves out empty and whitespace-only rows of any width; ragged
    rows with text are still reported."""
    records, problems = read_csv_records(b"id,name\n1,a\n\n , \n \n,,,\n2,b,x\n3,c\n", F, skip_blank=True)
    assert problems == [Problem(F, 7, None, "expected 2 fields as in the header, found 3")]
    assert records.rows == [["1", "a"], ["3", "c"]] and records.lines == [2, 8]


def test_unclosed_quote_is_reported_where_it_opens():
    records, problems = read_csv_records(b'id,name\n1,a\n2,"b\n3,c\n4,d\n', F)
    assert problems == [Problem(F, 3, None, "expected valid CSV: unexpected end of data "
                                            "(a quote opened on this line is never closed)")]
    assert records.rows == [["1", "a"]] and records.complete is False


def test_stray_quote_inside_a_field():
    records, problems = read_csv_records(b'id,name\n1,a\n2,"b"x\n', F)
    assert problems == [Problem(F, 3, None, "expected valid CSV: ',' expected after '\"'")]
    assert records.rows == [["1", "a"]] and records.complete is False


def test_broken_header_gives_no_records():
    assert read_csv_records(b'"id,name\n1,a\n', F) == (None, [Problem(
        F, 1, None, "expected valid CSV: unexpected end of data (a quote opened on this line is never closed)")])


def test_not_utf8():
    assert read_csv_records(b"id\n1\n\xff\xfeab\n", F) == (None, [Problem(
        F, 3, None, "expected UTF-8 text (is this a CSV file?)", "ff fe 61 62")])


@pytest.mark.parametrize("data", [b"id\n1\n2\x00\n", b"\nid\n\x00"])
def test_nul_byte(data):
    assert read_csv_records(data, F) == (None, [Problem(
        F, 3, None, "expected text, found a NUL byte (is this a CSV file?)")])


@pytest.mark.parametrize("data", [b"", b" \n\r\n", b"\xef\xbb\xbf"])
def test_empty(data):
    assert read_csv_records(data, F) == (None, [Problem(F, None, None, "file is empty; expected a header row")])


def test_frame_of_strings_with_lines():
    frame, problems = read_csv_text(b'a,b,a\n1,,x\n\n2,"y\nz",w\n', F)
    assert problems == [Problem(F, 3, None, "blank row; expected 3 fields")]
    assert list(frame.columns) == ["a", "b", "a"]
    assert frame.values.tolist() == [["1", "", "x"], ["2", "y\nz", "w"]]
    assert frame.attrs == {"lines": [2, 4], "complete": True}
    assert frame.dtypes.tolist() == [object] * 3  # raw cells stay Python strings


def test_frame_of_unreadable_text_is_none():
    assert read_csv_text(b"", F) == (None, [Problem(F, None, None, "file is empty; expected a header row")])


def test_frame_of_header_only_has_columns_and_no_rows():
    frame, problems = read_csv_text(b"a,b\n", F)
    assert problems == [] and list(frame.columns) == ["a", "b"] and len(frame) == 0


@pytest.mark.parametrize("data, offset, line", [
    (b"ab\nc\nd", 0, 1), (b"ab\nc\nd", 2, 1), (b"ab\nc\nd", 3, 2), (b"ab\nc\nd", 4, 2), (b"ab\nc\nd", 5, 3),
    (b"\nx", 1, 2), (b"\r\n\r\nx", 4, 3),
])
def test_text_line_of_offset(data, offset, line):
    assert text_line_of_offset(data, offset) == line


# ----------------------------------------------------------------- in a data folder, at the file's line


def test_a_file_not_in_utf8_is_located_at_its_line(valid_data_dir):
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


def test_a_nul_byte_is_located_at_its_line(valid_data_dir):
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


def test_never_raises_on_garbage(valid_data_dir):
    files = [res["path"] for res in json.loads((valid_data_dir / "datapackage.json").read_text())["resources"]]
    for file in files:
        (valid_data_dir / file).write_bytes(bytes(range(256)) * 4)
    # bytes 0-127 are ASCII (one newline among them); byte 128 is the first that is not UTF-8
    assert validate_dir(valid_data_dir) == [
        Problem(file, 2, None, "expected UTF-8 text (is this a CSV file?)", "80 81 82 83") for file in files]
