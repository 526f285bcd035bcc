"""Which files a notebook's page depends on (so data changes re-execute it)."""

from __future__ import annotations

import json
import os

from usnk import sphinxext
from usnk.datafolder import DataFolder
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
    deps = {p.name for p in sphinxext.dependency_files(nb, DataFolder(ROOT / "data"))}
    assert {"nuclear_tests.csv", "summits.csv", "datapackage.json", "load.py", "render.py"} <= deps
    assert "missile_launches.csv" not in deps


def test_load_all_or_unknown_argument_means_every_table(tmp_path):
    for source in ("frames = load.load_all()", "name = 'summits'\nx = load.load(name)"):
        nb = _nb(tmp_path, source)
        assert sphinxext.tables_used(nb) is None
        deps = {p.name for p in sphinxext.dependency_files(nb, DataFolder(ROOT / "data"))}
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


def test_each_table_has_its_part_of_the_package_rewritten_only_when_it_changes(data_copy, tmp_path):
    """A new launch moves the launch table's ``last_event_date``: only that table's part
    changes (and so only pages reading launches re-execute); parts are not touched when
    nothing changed, so their modification times stay."""
    parts_dir = tmp_path / "parts"
    written = sphinxext.write_package_parts(parts_dir, DataFolder(data_copy))
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(p.stem for p in written if p.parent == parts_dir) == sorted(r["name"] for r in package["resources"])
    assert [p.name for p in written if p.parent != parts_dir] == ["newest_event_date.json"]
    part = json.loads((parts_dir / "nuclear_tests.json").read_text(encoding="utf-8"))
    assert part["resource"]["name"] == "nuclear_tests"
    assert part["title"] == package["title"] and "resources" not in part

    stamps = {p.name: p.stat().st_mtime_ns for p in written}
    for p in written:  # back-date every part, so a rewrite would show
        os.utime(p, ns=(stamps[p.name] - 10**9, stamps[p.name] - 10**9))
    before = {p.name: p.stat().st_mtime_ns for p in written}
    for res in package["resources"]:
        if res["name"] == "missile_launches":
            res["last_event_date"] = "2026-11-20"
    (data_copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    sphinxext.write_package_parts(parts_dir, DataFolder(data_copy))
    changed = {p.name for p in written if p.stat().st_mtime_ns != before[p.name]}
    # the launch is newer than any event: the package-wide newest date moved with it
    assert changed == {"missile_launches.json", "newest_event_date.json"}
    assert json.loads((parts_dir / "facts" / "newest_event_date.json").read_text(encoding="utf-8")) == {
        "newest_event_date": "2026-11-20"}
    assert '"last_event_date": "2026-11-20"' in (parts_dir / "missile_launches.json").read_text(encoding="utf-8")


def test_a_page_depends_on_its_tables_parts_of_the_package_not_the_whole_file(tmp_path):
    parts_dir = tmp_path / "parts"
    nb = _nb(tmp_path, 'from usnk import load\nx = load.load("nuclear_tests")\n')
    # no parts written yet: the whole package, to be safe
    assert "datapackage.json" in {p.name for p in sphinxext.dependency_files(nb, DataFolder(ROOT / "data"), parts_dir)}
    sphinxext.write_package_parts(parts_dir, DataFolder(ROOT / "data"))
    deps = sphinxext.dependency_files(nb, DataFolder(ROOT / "data"), parts_dir)
    assert parts_dir / "nuclear_tests.json" in deps
    assert not {"datapackage.json", "missile_launches.json"} & {p.name for p in deps}
    every = _nb(tmp_path, "frames = load.load_all()")
    assert "datapackage.json" in {p.name for p in sphinxext.dependency_files(every, DataFolder(ROOT / "data"), parts_dir)}


def test_a_page_depends_on_the_package_wide_facts_its_findings_declare(data_copy, tmp_path):
    """Chapter 1 dates its facts by the newest event of any table: its page depends on
    that fact's part, not on the tables that set it, and so is executed again when the
    newest date of all moves (a launch after every other event), not for an older one."""
    from usnk import findings

    folder = DataFolder(data_copy)
    parts_dir = tmp_path / "parts"
    nb = _nb(tmp_path, "from usnk import findings\nfrom usnk.load import load_all\nc = findings.history(load_all())")
    assert findings.history.package_facts == ("newest_event_date",)
    assert sphinxext.facts_used(nb) == {"newest_event_date"}
    sphinxext.write_package_parts(parts_dir, folder)
    deps = sphinxext.dependency_files(nb, folder, parts_dir)
    assert parts_dir / "facts" / "newest_event_date.json" in deps
    assert not {"datapackage.json", "missile_launches.json", "missile_launches.csv"} & {p.name for p in deps}
    # the claims register runs chapter 1's rules: it declares the same fact
    register = _nb(tmp_path, "from usnk import findings\nfrom usnk.load import load_all\n"
                             "r = findings.claims_register(load_all())")
    assert sphinxext.facts_used(register) == {"newest_event_date"}
    assert parts_dir / "facts" / "newest_event_date.json" in sphinxext.dependency_files(register, folder, parts_dir)
    # a chapter that declares no fact does not depend on it
    nuclear = _nb(tmp_path, "from usnk import findings\nfrom usnk.load import load_all\nc = findings.nuclear(load_all())")
    assert sphinxext.facts_used(nuclear) == set()
    assert not any(p.parent.name == "facts" for p in sphinxext.dependency_files(nuclear, folder, parts_dir))


def test_the_font_awesome_script_tag_alone_is_taken_out_of_a_page():
    head = ('<head>\n  <script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>\n'
            '  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=55c2" />\n'
            '  <script defer="defer" src="../_static/usnk.js?v=1"></script>\n</head>')
    out = sphinxext.without_fontawesome_js(head)
    assert "fontawesome" not in out
    assert out == head.replace('  <script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>\n', "")
    # a page without the tag is left as it is
    assert sphinxext.without_fontawesome_js(out) == out
