"""Every notebook as the book build executed it, in a real kernel: no errors, nothing
on stderr, every cell run (except the one tagged skip-execution), and every figure
carrying both Plotly's own MIME type (for JupyterLab and VS Code) and the book's HTML.

The notebooks are not executed a second time here: myst-nb writes each notebook it
executed, with all its outputs, to ``_build/jupyter_execute`` of the one strict build
the test session makes (the ``built_book`` fixture)."""

from __future__ import annotations

import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

from usnk.paths import ROOT
from usnk.render import PLOTLY_MIME

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")
#: Pages that hold tables, not charts.
TABLE_PAGES = {"06_data", "08_claims"}


def eval_expressions(nb) -> list[str]:
    """The expressions of the prose's ``{eval}`` roles, in order of first use."""
    found = [e for c in nb.cells if c.cell_type == "markdown" for e in EVAL_ROLE.findall(c.source)]
    return list(dict.fromkeys(found))


def _skipped(cell) -> bool:
    return "skip-execution" in cell.metadata.get("tags", [])


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def executed(request, built_book):
    """A notebook of ``book/`` and the executed copy the book build wrote."""
    built_book.require_success()
    source = built_book.root / "book" / request.param.name
    path = built_book.root / "_build" / "jupyter_execute" / "book" / source.name
    assert path.exists(), f"the build wrote no executed copy of {source.name}"
    return source, nbformat.read(path, as_version=4)


def test_every_cell_was_executed(executed):
    path, nb = executed
    source = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.source for c in code] == [c.source for c in source.cells if c.cell_type == "code"]
    not_run = [i for i, c in enumerate(code) if c.execution_count is None and not _skipped(c)]
    assert code and not not_run, f"{path.name}: code cells {not_run} were not executed"


def _outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            for out in cell.outputs:
                yield cell, out


def test_notebook_runs_without_errors_or_stderr(executed):
    path, nb = executed
    for cell, out in _outputs(nb):
        assert out.output_type != "error", f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
        assert not (out.output_type == "stream" and out.name == "stderr"), f"{path.name}: stderr: {out.text[:500]}"


def test_figures_show_in_jupyterlab_and_in_the_book(executed):
    path, nb = executed
    figures = [out for _, out in _outputs(nb) if PLOTLY_MIME in out.get("data", {})]
    if path.stem in TABLE_PAGES:
        return
    assert figures, f"{path.name} shows no figure"
    for out in figures:
        assert 'class="usnk-figure-data"' in out["data"]["text/html"]
        assert out["data"][PLOTLY_MIME]["data"], f"{path.name}: a figure without traces"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_number_in_the_prose_evaluates_and_shows_without_quotes(path, monkeypatch):
    """Each ``{eval}`` role names a value the notebook's hidden first cell defines, and
    it shows as plain text (its repr has no quotes), in the book and in JupyterLab alike.
    (The first cell runs here in-process; the kernel run is the build's.)"""
    nb = nbformat.read(path, as_version=4)
    exprs = eval_expressions(nb)
    if not exprs:
        return
    monkeypatch.chdir(path.parent)
    namespace: dict = {}
    exec(compile(next(c.source for c in nb.cells if c.cell_type == "code"), str(path), "exec"), namespace)
    for expr in exprs:
        text = repr(eval(expr, namespace))
        assert text and text[0] not in "'\"" and text.strip() == text, (path.name, expr, text)


def test_prose_numbers_come_from_findings_only():
    """No glue keys, and every role reads ``facts`` (or the register's ``claims``)."""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        assert "glue" not in text, path.name
        assert all(e.split(".")[0] in {"facts", "claims"} for e in eval_expressions(nb)), path.name


def test_cells_load_call_and_draw_only():
    """Code cells are short and decide nothing: no comparison, no aggregation, no
    filtering; the hidden first cell loads the tables and calls the chapter's findings."""
    forbidden = re.compile(r"==|!=|>=|<=|[^-]>|<|\.sum\(|\.mean\(|\.median\(|\.max\(|\.min\(|\.loc\[|"
                           r"\.iloc\[|\bif\b|\bfor\b|\bglue\(|groupby")
    for path in NOTEBOOKS:
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        for cell in code:
            assert len(cell.source.splitlines()) <= 10, (path.name, cell.source)
            if _skipped(cell):
                continue  # the live widgets cell: shown only in a running kernel
            assert not forbidden.search(cell.source), (path.name, cell.source)
        if path.stem not in {"07_explorer"}:
            first = code[0].source
            assert "load_all()" in first and "findings." in first, path.name
            assert code[0].metadata.get("tags") == ["remove-input", "remove-output"], path.name


def test_explorer_cell_is_the_only_one_the_book_skips():
    """The book build skips the ipywidgets cell (tag skip-execution), so no dead
    widget is shown in the static page; JupyterLab runs it like any other cell."""
    nb = nbformat.read(ROOT / "book" / "07_explorer.ipynb", as_version=4)
    skipped = [c for c in nb.cells if _skipped(c)]
    assert len(skipped) == 1 and "explorer.widget()" in skipped[0].source
    for other in NOTEBOOKS:
        if other.stem != "07_explorer":
            cells = nbformat.read(other, as_version=4).cells
            assert not any(_skipped(c) for c in cells), other.name


def test_explorer_widgets_work_in_a_live_kernel():
    """In a real kernel the controls build, display, and their callbacks redraw.

    (Uses the first 40 launches: nbclient, unlike JupyterLab, stalls when a figure of
    the full table is captured in an Output widget.)"""
    cells = [
        "from usnk import load\nfrom usnk.widgets import LaunchExplorer, in_live_kernel\n"
        "explorer = LaunchExplorer(load.load('missile_launches').head(40))\n"
        "assert in_live_kernel()\nbox = explorer.widget()\ndisplay(box)",
        "explorer._controls['view'].value = 'table'\nexplorer._controls['years'].value = (1993, 2006)\n"
        "print(explorer.view, explorer.years, len(explorer.filtered()))",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    assert any(WIDGET_MIME in out.get("data", {}) for out in nb.cells[0].outputs)
    printed = "".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert printed.startswith("table (1993, 2006) ")
    assert int(printed.split()[-1]) > 0
