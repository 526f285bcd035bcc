"""Each chapter's findings declare the tables they read, and the book build re-executes a
page only when one of those tables changes."""

from __future__ import annotations

import json

import pytest

from usnk import findings
from usnk.findings.base import Facts, Findings, reads
from usnk.sphinxext import tables_used


def test_a_chapter_gets_only_the_tables_it_declares():
    @reads("a")
    def chapter(tables):
        return Findings(Facts(n=len(tables["a"]), seen=",".join(sorted(tables))))

    assert chapter.tables == ("a",)
    assert chapter({"a": [1, 2], "b": [3]}).facts == {"n": "2", "seen": "a"}

    @reads("a")
    def undeclared(tables):
        return tables["b"]

    with pytest.raises(KeyError, match="'b'"):
        undeclared({"a": [], "b": []})
    with pytest.raises(KeyError, match="reads tables that were not loaded: a"):
        chapter({"b": []})


def test_every_chapter_declares_its_tables():
    for chapter in findings.CHAPTERS:
        assert chapter.tables and all(isinstance(t, str) for t in chapter.tables), chapter.__name__
    assert set(findings.claims_register.tables) == ({t for c in findings.CHAPTERS for t in c.tables}
                                                    | {"verdict_history", "releases"})
    # the introduction says where every table ends; the appendix describes every table
    assert findings.intro.tables is None and findings.data_appendix.tables is None


def notebook(tmp_path, *sources):
    path = tmp_path / "page.ipynb"
    cells = [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
             for s in sources]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


@pytest.mark.parametrize("sources, expected", [
    (["chapter = findings.history(load_all())"], set(findings.history.tables)),
    (["t = load_all()\na = findings.history(t)\nb = findings.verdict_counts(findings.claims_register(t))"],
     set(findings.claims_register.tables)),
    (["x = load('nuclear_tests')", "chapter = findings.history(load_all())"],
     {*findings.history.tables, "nuclear_tests"}),
    (["chapter = findings.data_appendix(load_all())"], None),
    (["tables = load_all()"], None),
    (["name = 'summits'\nx = load(name)"], None),
    (["x = load('summits')"], {"summits"}),
])
def test_pages_depend_on_the_tables_their_findings_read(tmp_path, sources, expected):
    assert tables_used(notebook(tmp_path, *sources)) == expected


def test_declared_end_dates_read_as_prose():
    from usnk.findings.data import declared
    assert declared("2026-08-20") == "2026-08-20"
    assert [declared(v) for v in ("", None, float("nan"))] == ["not declared"] * 3


def test_table_ends_take_the_last_date_or_the_last_year_newest_first():
    import pandas as pd
    from usnk.findings.data import table_ends
    overview = pd.DataFrame({"table": ["a", "b", "c", "d", "e"], "title": ["A", "B", "C", "D", "E"],
                             "last date": ["2019-05-01", None, None, "2024-01-02", None]})
    tables = {"b": pd.DataFrame({"year": [2020.0, 2023.0, None]}), "c": pd.DataFrame({"year": [None]}),
              "d": pd.DataFrame({"x": [1]})}
    ends = table_ends(overview, tables)
    assert ends.columns.tolist() == ["table", "title", "ends"]
    assert ends.values.tolist() == [["d", "D", "2024-01-02"], ["b", "B", "2023"], ["a", "A", "2019-05-01"]]
    assert ends.index.tolist() == [0, 1, 2]
    assert table_ends(overview.iloc[2:3], tables).values.tolist() == []


def test_findings_that_read_every_table_get_them_all_and_name_none():
    from usnk.findings.base import ALL_TABLES

    @reads(ALL_TABLES)
    def everything(tables):
        return Findings(Facts(seen=",".join(sorted(tables))))
    assert everything.tables is None
    assert everything({"a": [], "b": []}).facts == {"seen": "a,b"}
