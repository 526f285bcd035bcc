"""The claims catalogue: one verdict per catalogued claim and one catalogued claim per
verdict, each article claim found where the catalogue places it in the article."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from sharedref import REFERENCE_DIR, missing_input
from usnk import findings
from usnk.analysis.catalogue import catalogue_problems
from usnk.load import load_all

ARTICLE = REFERENCE_DIR.parent / "source-article.txt"
#: The article's parts in order, as the catalogue names them.
PARTS = ["introduction", "history", "nuclear", "diplomacy", "beyond_headlines", "looking_ahead"]


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.fixture(scope="module")
def register(tables):
    return findings.claims_register(tables)


def test_every_catalogued_claim_has_exactly_one_verdict_and_back(tables, register):
    assert catalogue_problems(tables["claims"], register) == []
    assert len(tables["claims"]) >= 50
    assert set(register["claim_id"]) == set(tables["claims"]["claim_id"])


def test_book_questions_and_merged_pairs_are_marked(tables):
    cat = tables["claims"].set_index("claim_id")
    assert set(cat.index[cat["origin"] == "book"]) == {"sanctions_work",
        "launches_follow_exercises", "halt_2018_held", "moratorium_1999_held", "leap_day_ended_april_2012",
        "agreements_never_last", "denuclearization_vs_arms_control"}
    assert cat.loc["agreements_never_last", "merges"] == "pledges_never_last"
    assert cat["merges"].dropna().tolist() == ["pledges_never_last"]


def frame(rows, cols):
    return pd.DataFrame(rows, columns=cols)


CAT = ["claim_id", "book_section", "origin", "merges"]
REG = ["claim_id", "section", "origin"]


def test_catalogue_problems_names_each_kind_of_mismatch():
    cat = frame([("a", "p#x", "article", "a2"), ("b", "p#y", "book", None), ("c", "p#z", "article", None)], CAT)
    reg = frame([("a", "p#x", "article"), ("a2", "p#x", "article"), ("b", "p#other", "article"),
                 ("d", "p#d", "article")], REG)
    problems = catalogue_problems(cat, reg)
    assert "c: 0 verdicts in the register, expected exactly one" in problems
    assert "a2: merged into another claim of the catalogue, but still in the register" in problems
    assert "d: in the register but not in the catalogue" in problems
    assert "b: catalogued in p#y, tested in p#other" in problems
    assert "b: origin book in the catalogue, article in the register" in problems
    assert len(problems) == 5
    twice = frame([("a", "p#x", "article"), ("a", "p#x", "article")], REG)
    assert catalogue_problems(cat.iloc[:1], twice) == ["a: 2 verdicts in the register, expected exactly one"]
    assert catalogue_problems(cat.iloc[:1], reg.iloc[:1]) == []


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def article_paragraphs() -> dict[str, list[str]]:
    """The article's parts (split at its '##' headings) and their paragraphs (the text
    runs paragraphs together: a new one starts where a sentence end touches a capital)."""
    if not ARTICLE.is_file():
        missing_input(f"the article is not at {ARTICLE}")
    text = ARTICLE.read_text(encoding="utf-8")
    parts = re.split(r"##\s*", text)
    parts[0] = parts[0][parts[0].index("Hey there"):]
    assert len(parts) == len(PARTS)
    return {name: re.split(r"(?<=[.!?])(?=[A-Z][a-z’])", part.strip()) for name, part in zip(PARTS, parts)}


def test_each_article_claim_is_where_the_catalogue_places_it(tables):
    paragraphs = article_paragraphs()
    article = tables["claims"][tables["claims"]["origin"] == "article"]
    for _, row in article.iterrows():
        part = paragraphs[row["article_section"]]
        assert 1 <= row["paragraph"] <= len(part), row["claim_id"]
        assert _normal(row["locator"]) in _normal(part[row["paragraph"] - 1]), row["claim_id"]
