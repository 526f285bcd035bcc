"""Build the book: Jupyter Book's own ``build`` command, reading the pages serially.

``python -m tools.build [PATH] [jupyter-book build options]`` runs ``jupyter-book
build`` with two additions: notebooks take warm kernels (:mod:`tools.warmkernels`),
and the build's standard error passes through a filter that drops one notice every
kernel prints on start ("Kernel is running over TCP without encryption"): the kernels
myst-nb starts listen on 127.0.0.1 only, and myst-nb offers no way to choose their
transport (IPC) or encryption, so the notice only alarms a reader of the log.
Everything else passes unchanged.

Pages are read (and so executed) one at a time. A parallel read (an option
``USNK_BUILD_JOBS`` until 2026-12) was removed: twice, when a notebook failed, the
build hung with a reading process blocked on a pipe write, and it was not explained.
Two readings of the code make it likely and neither was confirmed: Sphinx stops the
other reading processes on a failure with SIGTERM and never waits for or kills them,
while nbclient, during a notebook's execution, replaces the default SIGTERM action by
an asyncio handler that only schedules the kernel's shutdown; a reading process that
outlives the signal and then sends its result to a parent that no longer reads it
blocks, and the parent, at exit, waits for it. Small failing books built with two
processes did not hang (a raising first cell; a second process asleep in a cell).
"""

from __future__ import annotations

import os
import sys
import threading

from tools import warmkernels


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
    from jupyter_book.cli import main as jb_cli

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
