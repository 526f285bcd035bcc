"""Which files a notebook's page depends on (so data changes re-execute it)."""

from __future__ import annotations

import json

from usnk import sphinxext
from usnk.paths import ROOT


def _nb(tmp_path, *sources):
    cells = [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
             for s in sources]
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_named_loads_limit_the_data_dependencies(tmp_path):
    nb = _nb(tmp_path, 'from usnk import load\nx = load.load("nuclear_tests")\n', "y = load.load('summits')")
    assert sphinxext.tables_used(nb) == {"nuclear_tests", "summits"}
    deps = {p.name for p in sphinxext.dependency_files(nb)}
    assert {"nuclear_tests.csv", "summits.csv", "datapackage.json", "load.py", "render.py"} <= deps
    assert "missile_launches.csv" not in deps


def test_load_all_or_unknown_argument_means_every_table(tmp_path):
    for source in ("frames = load.load_all()", "name = 'summits'\nx = load.load(name)"):
        nb = _nb(tmp_path, source)
        assert sphinxext.tables_used(nb) is None
        deps = {p.name for p in sphinxext.dependency_files(nb)}
        assert {p.name for p in (ROOT / "data").glob("*.csv")} <= deps


def test_multitoc_numbering_is_declared_parallel_read_safe_only_when_undeclared():
    """sphinx_external_toc loads sphinx_multitoc_numbering, which declares nothing;
    without a declaration Sphinx reads (and executes) pages serially."""
    from types import SimpleNamespace

    for declared, expected in ((None, True), (False, False), (True, True)):
        ext = SimpleNamespace(parallel_read_safe=declared)
        app = SimpleNamespace(extensions={"sphinx_multitoc_numbering": ext})
        sphinxext._declare_multitoc_numbering_parallel_safe(app)
        assert ext.parallel_read_safe is expected
    sphinxext._declare_multitoc_numbering_parallel_safe(SimpleNamespace(extensions={}))  # not loaded: nothing to do
