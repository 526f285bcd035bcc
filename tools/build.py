"""Build the book with Sphinx reading (and so executing) pages in parallel.

``python -m tools.build [PATH] [jupyter-book build options]`` runs Jupyter Book's own
``build`` command with one difference: Sphinx reads the pages in ``JOBS`` processes.
myst-nb executes a notebook while Sphinx reads its page, and that execution is nearly
all of a clean build, so two processes on two cores halve it. Jupyter Book 1's command
line has no option for it, though the build function it calls takes ``jobs``; every
extension the book loads declares itself parallel-read safe (Jupyter Book adds
``sphinx_multitoc_numbering``, which does not, only when ``use_multitoc_numbering``
is true; ``_config.yml`` sets it false). Sphinx reads serially anyway when five or
fewer pages changed, so small rebuilds are unaffected.

``USNK_BUILD_JOBS`` overrides the number of processes (``1``: a serial build).
"""

from __future__ import annotations

import functools
import os
import sys


def jobs() -> int:
    """Processes Sphinx reads with: ``$USNK_BUILD_JOBS``, else at most two (one per core)."""
    env = os.environ.get("USNK_BUILD_JOBS", "").strip()
    if env:
        return max(1, int(env))
    return max(1, min(2, os.cpu_count() or 1))


def main(argv: list[str] | None = None) -> None:
    """Run ``jupyter-book build`` with ``argv``; exits with its status, as it does."""
    from jupyter_book import sphinx as jb_sphinx
    from jupyter_book.cli import main as jb_cli

    # the command imports build_sphinx from jupyter_book.sphinx when it runs
    jb_sphinx.build_sphinx = functools.partial(jb_sphinx.build_sphinx, jobs=jobs())
    args = sys.argv[1:] if argv is None else argv
    jb_cli.main(args=["build", *args], prog_name="jupyter-book")


if __name__ == "__main__":
    main()
