"""The bounds of ``usnk.importers.inputs`` at their edges: each limit itself is
accepted and the next value refused."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest

from usnk.errors import DataError
from usnk.importers import inputs
from usnk.importers.csis import csis_launch_rows, missile_count


def test_json_as_deep_as_the_limit_is_read_and_one_level_more_is_refused():
    limit = inputs.MAX_JSON_DEPTH
    assert inputs.json_depth_problem("[" * limit + "]" * limit, "f.json") is None
    problem = inputs.json_depth_problem("[\n" * (limit + 1) + "]" * (limit + 1), "f.json")
    assert (problem.file, problem.row) == ("f.json", limit + 1)


def test_brackets_inside_strings_do_not_count_as_nesting_even_after_an_escaped_quote():
    text = json.dumps({"a": 'say \\"' + "[" * 50, "b": "\\\\" + "{" * 50})
    assert inputs.json_depth_problem(text, "f.json") is None
    assert inputs.load_json(text, "f.json")["a"].endswith("[" * 50)


def test_a_date_on_either_limit_is_plausible():
    first, last = dt.date(1984, 1, 1), dt.date(2020, 5, 5)
    assert inputs.date_problem("f", 2, "Date", "1984-01-01", first, last) is None
    assert inputs.date_problem("f", 2, "Date", "2020-05-05", first, last) is None
    assert "before 1984-01-01" in inputs.date_problem("f", 2, "Date", "1983-12-31", first, last).message
    assert "after 2020-05-05" in inputs.date_problem("f", 2, "Date", "2020-05-06", first, last).message


def test_a_figure_on_its_bound_is_accepted():
    assert inputs.number_problem("f", 2, "Apogee", inputs.MAX_APOGEE_KM, inputs.MAX_APOGEE_KM) is None
    assert inputs.number_problem("f", 2, "Apogee", 0.0, inputs.MAX_APOGEE_KM) is None
    assert inputs.number_problem("f", 2, "Apogee", inputs.MAX_APOGEE_KM + 0.5, inputs.MAX_APOGEE_KM) is not None


def test_coordinates_on_the_edges_of_the_box_and_of_the_globe():
    columns = ("lat", "lon")
    south, north, west, east = inputs.KOREA_BOX
    assert inputs.coordinate_problems("f", 2, columns, ("x", "y"), (south, west)) == []
    assert inputs.coordinate_problems("f", 2, columns, ("x", "y"), (north, east)) == []
    [edge] = inputs.coordinate_problems("f", 2, columns, ("39", "180"), (39.0, 180.0))
    assert edge.column == "lon" and edge.message.startswith("implausible coordinate")
    [beyond] = inputs.coordinate_problems("f", 2, columns, ("39", "180.5"), (39.0, 180.5))
    assert beyond.message == "expected a coordinate from -180 to 180 degrees"


def test_a_column_is_refused_only_when_most_of_its_values_look_wrong():
    good = lambda v: v.startswith("ok")  # noqa: E731
    half = ["ok"] * 3 + ["bad"] * 3
    assert inputs.profile_problem("f", 1, "c", half, good, "oks") is None
    problem = inputs.profile_problem("f", 1, "c", half + ["bad"], good, "oks")
    assert (problem.row, problem.column, problem.value) == (1, "c", "bad")
    assert problem.message.startswith("4 of 7 values are not oks")


def test_counts_of_up_to_six_digits_are_read_and_longer_ones_are_too_many():
    assert inputs.count_from_text("999999") == 999_999
    assert inputs.count_from_text("1000000") == 10 ** 6
    assert inputs.count_from_text("9" * 5000) == 10 ** 6
    assert missile_count("fired " + "9" * 5000 + " missiles") == (10 ** 6, False)


def _event(description):
    import pandas as pd

    return pd.DataFrame([{"date": "2020-01-01", "type": "Missile Provocation",
                          "event": "Short-range Ballistic Missile Launch", "description": description,
                          "resources": "https://example.org/a", "source_row": 2}])


@pytest.mark.parametrize("text, rows", [("fired 30 missiles", 30), ("fired 31 missiles", 31),
                                        ("fired 99,999,999,999 missiles", 31)])
def test_an_event_makes_at_most_one_row_more_than_the_largest_plausible_salvo(text, rows):
    assert len(csis_launch_rows(_event(text), columns=["id", "date", "missile_class", "origin"])) == rows


def test_a_workbook_unpacking_past_the_limit_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/sheet.xml", "w") as part:
        chunk = b"\0" * (1 << 20)
        for _ in range(inputs.MAX_XLSX_UNPACKED_BYTES // len(chunk) + 1):
            part.write(chunk)
    with pytest.raises(DataError) as info:
        inputs.check_xlsx_size(out.getvalue(), "big.xlsx")
    assert info.value.problems[0].file == "big.xlsx" and "unpacks to" in info.value.problems[0].message


def test_a_file_past_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as f:
        f.truncate(inputs.MAX_INPUT_BYTES)
    assert inputs.input_path(path, "a file") == path
    with open(path, "wb") as f:
        f.truncate(inputs.MAX_INPUT_BYTES + 1)
    with pytest.raises(DataError) as info:
        inputs.input_path(path, "a file")
    assert info.value.problems[0].message.startswith(f"the file has {inputs.MAX_INPUT_BYTES + 1:,} bytes")
