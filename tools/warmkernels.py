"""Start each notebook's kernel while the previous notebook executes.

myst-nb executes the book's notebooks one after another, and each starts a fresh
kernel: about a second to start IPython, then one to two more to import pandas, Plotly
and :mod:`usnk`, all on one core while the machine's second core idles. With
:func:`install`, the build keeps one spare kernel: it is started, and told to import
the modules the notebooks use, as soon as the previous spare is handed to a notebook,
so its start and imports run in a separate process during that notebook's execution.

Every notebook still gets a kernel of its own that has executed none of its cells and
holds none of its names: the imports run with ``silent=True`` (no execution count, no
output, no history) inside a function, so the user namespace is as a new kernel's.
Only ``sys.modules`` is warm. A notebook whose directory or kernel differs from the
spare's gets a kernel started the ordinary way. :mod:`tools.build` reads serially; if
Sphinx ever reads in forked processes, each starts its kernels when it needs them and
keeps no spare (a spare would outlive the fork that started it).
"""

from __future__ import annotations

import importlib
import os
import pkgutil

from jupyter_core.utils import run_sync

#: Arguments nbclient gives the kernels it starts (IPython's history in memory only).
KERNEL_ARGS = ["--HistoryManager.hist_file=:memory:"]

#: Sent to a spare kernel as soon as it is started; runs before any cell of its notebook.
WARMUP = "__import__('tools.warmkernels').warmkernels.import_book_modules()"


def import_book_modules() -> None:
    """Import what the notebooks import (run inside the spare kernel): every module of
    :mod:`usnk.charts` and :mod:`usnk.findings`, the loader and the data tables' docs."""
    for package in ("usnk.charts", "usnk.findings"):
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            importlib.import_module(f"{package}.{info.name}")
    for name in ("usnk.load", "usnk.datadoc", "usnk.widgets", "IPython.display"):
        importlib.import_module(name)


class Spare:
    """A started kernel, its client's channels open and the warm-up request sent."""

    def __init__(self, manager_class, kernel_name: str, cwd: str):
        self.kernel_name, self.cwd, self.pid = kernel_name, cwd, os.getpid()
        self.km = manager_class(kernel_name=kernel_name)
        run_sync(self.km.start_kernel)(extra_arguments=list(KERNEL_ARGS), cwd=cwd)
        self.kc = self.km.client()
        self.kc.start_channels()
        # queued by ZeroMQ until the kernel listens; the kernel runs it before anything else
        self.kc.execute(WARMUP, silent=True, store_history=False)

    def fits(self, kernel_name: str, cwd: str) -> bool:
        """Whether this spare can serve a notebook of ``kernel_name`` run in ``cwd`` (and
        its kernel is still alive: a spare that died waiting is replaced, not handed out)."""
        return ((self.kernel_name, self.cwd, self.pid) == (kernel_name, cwd, os.getpid())
                and run_sync(self.km.is_alive)())

    def discard(self) -> None:
        try:
            self.kc.stop_channels()
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001  (already gone: nothing to clean up)
            pass


class WarmKernels:
    """The spare kernel, handed to notebook clients and replaced at once."""

    def __init__(self) -> None:
        self.spare: Spare | None = None
        self.pid = os.getpid()

    def take(self, client) -> None:
        """Give nbclient's ``client`` a started kernel and client (``client.km`` and
        ``client.kc``), then start the spare for the next notebook."""
        kernel_name = client.kernel_name or client.nb.metadata.get("kernelspec", {}).get("name") or "python3"
        cwd = str(client.resources.get("metadata", {}).get("path") or os.getcwd())
        spare, self.spare = self.spare, None
        if spare is not None and spare.pid != os.getpid():
            spare = None  # the parent process's spare, inherited by a fork: not ours to use
        if spare is None or not spare.fits(kernel_name, cwd):
            if spare is not None:
                spare.discard()
            spare = Spare(client.kernel_manager_class, kernel_name, cwd)
        client.km, client.kc = spare.km, spare.kc
        client.kc.allow_stdin = False
        client.owns_km = True  # nbclient shuts it down when the notebook is done ...
        # ... at once: its notebook has run, and a graceful shutdown waits a second or two
        client.shutdown_kernel = "immediate"
        if os.getpid() == self.pid:
            # a forked reading process (parallel build) keeps no spare: it would outlive it
            self.spare = Spare(client.kernel_manager_class, kernel_name, cwd)

    def close(self) -> None:
        """Shut the spare kernel down (at the end of the build)."""
        if self.spare is not None:
            self.spare.discard()
            self.spare = None


def install() -> WarmKernels:
    """Make myst-nb's inline execution take its kernels from a :class:`WarmKernels`."""
    from myst_nb.core.execute import inline

    kernels = WarmKernels()

    def create_kernel_manager(client):
        kernels.take(client)
        return client.km

    inline.ModifiedNotebookClient.create_kernel_manager = create_kernel_manager
    return kernels
