"""The build's spare kernels (tools/warmkernels.py): a notebook gets a kernel that
already imported the book's modules, and nothing else differs from a fresh kernel."""

from __future__ import annotations

import nbformat
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

from tools.warmkernels import WarmKernels
from usnk.paths import ROOT

#: What a first cell sees: its names, its execution count, and whether usnk is loaded.
PROBE = (
    "import sys\n"
    "print(sorted(k for k in dir() if not k.startswith('_')), 'usnk.findings' in sys.modules)"
)


def first_cell(kernels: WarmKernels | None) -> tuple[str, int, bool]:
    """Execute the probe as myst-nb's inline execution does: a client whose kernel
    manager comes from ``create_kernel_manager``, set up synchronously."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)],
                                  metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    client = NotebookClient(nb, resources={"metadata": {"path": str(ROOT / "book")}}, timeout=120)
    if kernels is not None:
        kernels.take(client)
    with client.setup_kernel():
        client.execute_cell(nb.cells[0], 0)
        alive = run_sync(client.km.is_alive)()
    cell = nb.cells[0]
    return cell.outputs[0]["text"], cell.execution_count, alive


def test_a_warm_kernel_differs_from_a_fresh_one_only_in_loaded_modules():
    fresh_text, fresh_count, _ = first_cell(None)
    kernels = WarmKernels()
    try:
        warm = [first_cell(kernels)]
        spare = kernels.spare
        assert spare is not None and run_sync(spare.km.is_alive)()
    finally:
        kernels.close()
    assert not run_sync(spare.km.is_alive)()
    names_fresh, loaded_fresh = fresh_text.rsplit(" ", 1)
    assert loaded_fresh.strip() == "False"
    for text, count, alive in warm:
        names, loaded = text.rsplit(" ", 1)
        assert names == names_fresh  # the warm-up left no name in the user namespace
        assert loaded.strip() == "True"  # ... but usnk's modules are imported
        assert count == fresh_count == 1
        assert alive


class _FakeSpare:
    """Stands in for a started kernel: records what happens to it."""

    started: list = []

    def __init__(self, manager_class, kernel_name, cwd):
        import os

        self.kernel_name, self.cwd, self.pid = kernel_name, cwd, os.getpid()
        self.km, self.kc, self.discarded = f"km{len(self.started)}", _FakeClient(), False
        self.started.append(self)

    def fits(self, kernel_name, cwd):
        import os

        return (self.kernel_name, self.cwd, self.pid) == (kernel_name, cwd, os.getpid())

    def discard(self):
        self.discarded = True


class _FakeClient:
    allow_stdin = True


def _client(path="/book"):
    from types import SimpleNamespace

    return SimpleNamespace(kernel_name="python3", nb=SimpleNamespace(metadata={}), kernel_manager_class=None,
                           resources={"metadata": {"path": path}})


def test_spares_are_handed_out_in_turn_and_never_by_a_fork(monkeypatch):
    from tools import warmkernels

    monkeypatch.setattr(warmkernels, "Spare", _FakeSpare)
    _FakeSpare.started = []
    kernels = WarmKernels()
    first, second = _client(), _client()
    kernels.take(first)                      # no spare yet: one started for it, and the next spare
    assert first.km == "km0" and kernels.spare.km == "km1"
    assert first.shutdown_kernel == "immediate" and first.owns_km and first.kc.allow_stdin is False
    kernels.take(second)                     # the spare, and a new one
    assert second.km == "km1" and kernels.spare.km == "km2"
    other_dir = _client("/elsewhere")
    kernels.take(other_dir)                  # the spare does not fit: discarded, a kernel of its own
    assert other_dir.km == "km3" and _FakeSpare.started[2].discarded
    spare = kernels.spare
    monkeypatch.setattr(warmkernels.os, "getpid", lambda: -1)   # now in a forked reading process
    forked = _client("/elsewhere")
    kernels.take(forked)
    assert forked.km == "km5" and kernels.spare is None       # own kernel, no spare kept
    assert not spare.discarded                               # the parent's spare is not the fork's to stop


def test_a_spare_whose_kernel_died_is_replaced():
    kernels = WarmKernels()
    try:
        first = _real_client()
        kernels.take(first)                                     # its own kernel, and a spare
        run_sync(first.km.shutdown_kernel)(now=True)
        spare = kernels.spare
        run_sync(spare.km.shutdown_kernel)(now=True)          # the spare dies while it waits
        assert not spare.fits("python3", str(ROOT / "book"))
        client = _real_client()
        kernels.take(client)
        assert client.km is not spare.km and run_sync(client.km.is_alive)()
        run_sync(client.km.shutdown_kernel)(now=True)
    finally:
        kernels.close()


def _real_client():
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    return NotebookClient(nb, resources={"metadata": {"path": str(ROOT / "book")}}, timeout=120)
