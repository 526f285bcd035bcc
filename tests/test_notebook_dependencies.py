"""A change in any module of ``usnk``, subpackages included, re-executes the notebooks
(README: "a change in `usnk/` re-executes the notebooks")."""

from __future__ import annotations

from types import SimpleNamespace

from usnk import sphinxext
from usnk.datafolder import DataFolder
from usnk.paths import ROOT

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def _subpackage_modules() -> set[str]:
    """Every module of a subpackage of usnk (``usnk/analysis/x.py`` and the like)."""
    return {str(p) for p in (ROOT / "usnk").rglob("*.py")
            if len(p.relative_to(ROOT / "usnk").parts) > 1 and "__pycache__" not in p.parts}


def test_the_repository_has_subpackage_modules():
    # the checks below would hold vacuously without them
    assert len(_subpackage_modules()) >= 2


def test_every_notebook_depends_on_every_usnk_module():
    top_level = {str(p) for p in (ROOT / "usnk").glob("*.py")}
    for nb in NOTEBOOKS:
        deps = {str(p) for p in sphinxext.dependency_files(nb, DataFolder(ROOT / "data"))}
        assert top_level | _subpackage_modules() <= deps, nb.name
        assert not any("__pycache__" in d for d in deps), nb.name


def test_a_page_read_notes_subpackage_modules_as_dependencies(tmp_path):
    """Sphinx re-reads (and myst-nb re-executes) a page when a noted dependency
    changes; the hook must note the subpackage modules of the page's notebook."""
    noted: list[str] = []
    nb = NOTEBOOKS[0]
    env = SimpleNamespace(doc2path=lambda docname: str(nb), note_dependency=noted.append)
    sphinxext._note_dependencies(SimpleNamespace(env=env, doctreedir=str(tmp_path)), nb.stem, [""])
    assert _subpackage_modules() <= set(noted)
    # no table's part of the package is written in this doctree folder: the whole package
    assert str(ROOT / "data" / "datapackage.json") in noted


def test_a_page_that_is_not_a_notebook_has_no_noted_dependencies(tmp_path):
    noted: list[str] = []
    page = tmp_path / "page.md"
    page.write_text("# A page\n", encoding="utf-8")
    env = SimpleNamespace(doc2path=lambda docname: str(page), note_dependency=noted.append)
    sphinxext._note_dependencies(SimpleNamespace(env=env, doctreedir=str(tmp_path)), "page", [""])
    assert noted == []
