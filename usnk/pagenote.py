"""Sphinx extension: each chapter page offers its notebook and says how to run it.

Under the title of every page built from a notebook (the landing page aside), one line
links the page's own ``.ipynb`` source as a download, which Sphinx copies into the
book's ``_downloads`` folder so it is served from the book itself, and names the
command and the file that run it: ``make lab`` in the repository, then the notebook.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes

NOTE_CLASS = "usnk-pagenote"


def notebook_note(docname: str, filename: str) -> nodes.paragraph:
    """The paragraph for page ``docname``, whose source is the notebook ``filename``
    (a path relative to the page's own folder)."""
    link = addnodes.download_reference("", "", refdoc=docname, reftarget=filename, refexplicit=True,
                                       classes=["usnk-notebook-download"])
    link += nodes.literal(filename, filename)
    para = nodes.paragraph(classes=[NOTE_CLASS])
    para += nodes.Text("This chapter is a notebook: download ")
    para += link
    para += nodes.Text(", or run it live with ")
    para += nodes.literal("make lab", "make lab")
    para += nodes.Text(" in the repository, then open ")
    para += nodes.literal(filename, filename)
    para += nodes.Text(" and run all cells.")
    return para


def _add_note(app, doctree):
    env = app.env
    source = Path(env.doc2path(env.docname))
    if source.suffix != ".ipynb" or env.docname == app.config.root_doc:
        return
    note = notebook_note(env.docname, source.name)
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        doctree.insert(0, note)
    else:
        parent = title.parent
        parent.insert(parent.index(title) + 1, note)


def setup(app):
    # Before Sphinx's download collector (priority 500) reads the doctree, so the
    # notebook is registered as a download and copied into _downloads.
    app.connect("doctree-read", _add_note, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
