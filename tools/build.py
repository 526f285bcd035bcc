"""Build the book with Sphinx reading (and so executing) pages in parallel.

``python -m tools.build [PATH] [jupyter-book build options]`` runs Jupyter Book's own
``build`` command with one difference: Sphinx can read the pages in ``jobs()`` processes.
myst-nb executes a notebook while Sphinx reads its page, and that execution is nearly
all of a clean build, so two processes on two cores halve it. Jupyter Book 1's command
line has no option for it, though the build function it calls takes ``jobs``; every
extension the book loads declares itself parallel-read safe (Jupyter Book adds
``sphinx_multitoc_numbering``, which does not, only when ``use_multitoc_numbering``
is true; ``_config.yml`` sets it false). Sphinx reads serially anyway when five or
fewer pages changed, so small rebuilds are unaffected.

``USNK_BUILD_JOBS`` overrides the number of processes (``1``: a serial build).

The build's standard error passes through a filter that drops one notice every kernel
prints on start ("Kernel is running over TCP without encryption"): the kernels
myst-nb starts listen on 127.0.0.1 only, and myst-nb offers no way to choose their
transport (IPC) or encryption, so the notice only alarms a reader of the log.
Everything else passes unchanged.
"""

from __future__ import annotations

import functools
import os
import sys
import threading

from tools import warmkernels


def jobs() -> int:
    """Processes Sphinx reads with: ``$USNK_BUILD_JOBS``, else one.

    Serial by default for now: in two parallel builds where a notebook failed (a
    deliberately raising cell; a chart error with a 100x launch table) the build hung
    instead of failing, a reading process blocked on a pipe write, not yet explained.
    ``USNK_BUILD_JOBS=2`` builds a book that executes cleanly in about half the time."""
    env = os.environ.get("USNK_BUILD_JOBS", "").strip()
    return max(1, int(env)) if env else 1


#: Lines of standard error the build drops (see the module's docstring).
DROPPED = ("Kernel is running over TCP without encryption.",)


def _filter_stderr() -> tuple[threading.Thread, int]:
    """Route file descriptor 2 (which kernels and Sphinx's reading processes inherit)
    through a pipe whose reader forwards every line except the ``DROPPED`` ones."""
    read_fd, write_fd = os.pipe()
    saved, forward_to = os.dup(2), os.dup(2)
    sys.stderr.flush()
    os.dup2(write_fd, 2)
    os.close(write_fd)

    def forward():
        with os.fdopen(read_fd, "rb") as src, os.fdopen(forward_to, "wb", buffering=0) as dst:
            for line in src:
                if not any(text.encode() in line for text in DROPPED):
                    dst.write(line)

    thread = threading.Thread(target=forward, daemon=True)
    thread.start()
    return thread, saved


def _restore_stderr(thread: threading.Thread, saved: int) -> None:
    """Put the original standard error back; the reader ends once every process that
    inherited the pipe has exited."""
    sys.stderr.flush()
    os.dup2(saved, 2)
    os.close(saved)
    thread.join(timeout=10)


def main(argv: list[str] | None = None) -> None:
    """Run ``jupyter-book build`` with ``argv``; exits with its status, as it does."""
    from jupyter_book import sphinx as jb_sphinx
    from jupyter_book.cli import main as jb_cli

    # the command imports build_sphinx from jupyter_book.sphinx when it runs
    jb_sphinx.build_sphinx = functools.partial(jb_sphinx.build_sphinx, jobs=jobs())
    args = sys.argv[1:] if argv is None else argv
    forwarder = _filter_stderr()
    kernels = warmkernels.install()
    try:
        jb_cli.main(args=["build", *args], prog_name="jupyter-book")
    finally:
        kernels.close()
        _restore_stderr(*forwarder)


if __name__ == "__main__":
    main()
