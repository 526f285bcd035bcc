"""The rules of the claims catalogue and the positions table, each broken once."""

from __future__ import annotations

from datafixture import set_cell
from usnk.datafolder import validate_dir


def problems(data_dir, file):
    return [p for p in validate_dir(data_dir) if p.file == file]


def test_the_fixture_tables_are_valid(valid_data_dir):
    assert problems(valid_data_dir, "claims.csv") == [] and problems(valid_data_dir, "positions.csv") == []


def test_an_article_claim_needs_its_place(valid_data_dir):
    set_cell(valid_data_dir, "claims.csv", 2, "locator", "")
    (p,) = problems(valid_data_dir, "claims.csv")
    assert (p.row, p.column) == (2, "locator") and "place in the article" in p.message


def test_a_book_question_has_no_place(valid_data_dir):
    set_cell(valid_data_dir, "claims.csv", 3, "paragraph", "2")
    (p,) = problems(valid_data_dir, "claims.csv")
    assert (p.row, p.column) == (3, "paragraph") and "no place in the article" in p.message


def test_a_merged_id_is_not_a_claim(valid_data_dir):
    set_cell(valid_data_dir, "claims.csv", 2, "merges", "claim_b")
    (p,) = problems(valid_data_dir, "claims.csv")
    assert p.column == "merges" and "claim_b is one" in p.message


def test_a_month_date_is_the_first_of_the_month(valid_data_dir):
    set_cell(valid_data_dir, "positions.csv", 2, "date", "2000-02-03")
    (p,) = problems(valid_data_dir, "positions.csv")
    assert (p.row, p.column, p.value) == (2, "date", "2000-02-03") and "first of the month" in p.message
