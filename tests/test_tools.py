"""The developer tools in tools/: the build command's standard-error filter, the benchmark's synthetic launch table,
the page-text snapshot for comparing builds and the module report."""

from __future__ import annotations

import csv
import subprocess
import sys

from tools import build, modules, mutation_sample, pagetext
from tools.buildtools import copy_repo, scale_launches
from usnk.datafolder import validate_dir


def test_mutation_sample_is_stratified_reproducible_and_keeps_a_minimum(tmp_path):
    names = ([f"usnk.analysis.tempo.x_pause_after__mutmut_{i}" for i in range(1, 101)]
             + [f"usnk.analysis.dates.x_date_label__mutmut_{i}" for i in range(1, 21)]
             + [f"usnk.findings.base.xǁFactǁ__repr____mutmut_{i}" for i in range(1, 4)]
             + [f"usnk.load.x_frame__mutmut_{i}" for i in range(1, 50)])
    sample = mutation_sample.stratified_sample(names, ["usnk.analysis.*", "usnk.findings.*"], 0.1, 8, 13)
    by_module = {}
    for name in sample:
        by_module.setdefault(mutation_sample.module_of(name), []).append(name)
    # a tenth of 100, the minimum of 8 for 20, all 3 of a module with fewer; no other module
    assert {m: len(v) for m, v in by_module.items()} == {
        "usnk.analysis.tempo": 10, "usnk.analysis.dates": 8, "usnk.findings.base": 3}
    assert sample == sorted(sample) and set(sample) <= set(names)
    # the same seed draws the same names, whatever the input order or the other modules
    assert mutation_sample.stratified_sample(names[::-1], ["usnk.analysis.*", "usnk.findings.*"], 0.1, 8, 13) == sample
    alone = mutation_sample.stratified_sample(names, ["usnk.analysis.tempo"], 0.1, 8, 13)
    assert alone == by_module["usnk.analysis.tempo"]
    assert mutation_sample.stratified_sample(names, ["usnk.analysis.tempo"], 0.1, 8, 14) != alone
    # names come from mutmut's .meta files
    meta = tmp_path / "usnk" / "analysis" / "tempo.py.meta"
    meta.parent.mkdir(parents=True)
    meta.write_text('{"exit_code_by_key": {"usnk.analysis.tempo.x_b__mutmut_1": null, '
                    '"usnk.analysis.tempo.x_a__mutmut_2": 1}}', encoding="utf-8")
    assert mutation_sample.mutant_names(tmp_path) == ["usnk.analysis.tempo.x_a__mutmut_2",
                                                      "usnk.analysis.tempo.x_b__mutmut_1"]


def test_stderr_filter_drops_only_the_kernel_transport_notice():
    """Kernels inherit the build's standard error: their transport notice is dropped,
    every other line (of this process or a child) passes, and errors raised after
    the build still reach the real standard error."""
    code = (
        "import subprocess, sys\n"
        "from tools import build\n"
        "state = build._filter_stderr()\n"
        "print('parent line', file=sys.stderr)\n"
        "subprocess.run([sys.executable, '-c', \"import sys; sys.stderr.write("
        "'[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All ...\\\\n"
        "child line\\\\n')\"])\n"
        "build._restore_stderr(*state)\n"
        "raise SystemExit('after the build')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["parent line", "child line", "after the build"]


def test_scaled_launch_table_is_valid_and_factor_times_as_long(tmp_path):
    root = copy_repo(tmp_path / "repo")
    path = root / "data" / "missile_launches.csv"
    with path.open(encoding="utf-8") as fh:
        before = sum(1 for _ in csv.DictReader(fh))
    assert scale_launches(root, 3) == 3 * before
    with path.open(encoding="utf-8") as fh:
        ids = [row["id"] for row in csv.DictReader(fh)]
    assert len(ids) == len(set(ids)) == 3 * before
    assert validate_dir(root / "data") == []


def test_a_copy_builds_with_a_table_cache_of_its_own(tmp_path, monkeypatch):
    from tools.buildtools import build_env

    monkeypatch.setenv("USNK_CACHE_DIR", "off")
    env = build_env(tmp_path / "repo")
    assert env["USNK_CACHE_DIR"] == str(tmp_path / "repo" / "_build" / ".table-cache")
    assert env["PYTHONPATH"].split(":")[0] == str(tmp_path / "repo")


PAGE = """<html><head><script>var x = 1;</script><style>p {}</style></head><body>
<nav><p>Contents, not the article</p></nav>
<article><h1>Title<a class="headerlink">#</a></h1>
<p>From the armistice to  the newest event is
   <b>73</b> full years.</p>
<figure><div>chart</div><script type="application/json" class="usnk-figure-data">{"data":[{"y":[1,2]}],"layout":{}}</script>
<figcaption>Leaders in office, 1945&#8211;2026.</figcaption></figure>
<img src="x.png" alt="A map of sites">
<ul><li>one</li><li>two</li></ul></article></body></html>"""


def test_page_text_is_the_articles_text_a_block_a_line():
    assert pagetext.page_text(PAGE) == ("Title#\nFrom the armistice to the newest event is 73 full years.\nchart\n"
                                        "Leaders in office, 1945\u20132026.\n[image: A map of sites]\none\ntwo\n")
    changed = PAGE.replace("<b>73</b>", "<b>74</b>")
    assert pagetext.page_text(changed) != pagetext.page_text(PAGE)


def test_page_figures_are_the_charts_json_in_page_order():
    two = PAGE.replace("</article>", '<script type="application/json" class="usnk-figure-data">{"data":[]}</script>'
                                     "</article>")
    assert pagetext.page_figures(two) == [{"data": [{"y": [1, 2]}], "layout": {}}, {"data": []}]


def test_the_module_report_counts_lines_and_ranks_functions():
    text = "def a():\n    return 1\n\n\nclass K:\n    def b(self):\n        x = 1\n        return x\n"
    assert modules.functions("m.py", text) == [(2, "m.py:a"), (3, "m.py:K.b")]
    assert modules.lines(text) == 8
    report = modules.report(".", ".", top=3)
    assert "| `usnk/datafiles.py` |" in report and "Longest functions at .:" in report
