"""``make lab``: JupyterLab on the book's notebooks, opened on the introduction.

``python -m tools.lab [JUPYTERLAB OPTIONS]`` starts JupyterLab with the ``book/``
folder as its root and the introduction as its first page. As root (the usual user in
a container) it adds ``--allow-root``, without which JupyterLab refuses to start.
Markdown cells are rendered by the jupyterlab-myst extension, which evaluates each
``{eval}`` role of the prose through the kernel when its cell runs (Run All), so no
``jupyter trust`` step is needed: executed cells are trusted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tools.buildtools import toc_pages
from usnk.paths import ROOT


def first_page(root: Path = ROOT) -> Path:
    """The notebook the book opens on (the root of the table of contents)."""
    return root / f"{toc_pages(root)[0]}.ipynb"


def lab_command(extra: list[str] | tuple[str, ...] = (), root: Path = ROOT) -> list[str]:
    """The command line that starts JupyterLab on the notebooks next to the first page,
    opened on that page; ``--allow-root`` only when the effective user id is 0."""
    intro = first_page(root)
    cmd = [sys.executable, "-m", "jupyterlab",
           f"--ServerApp.root_dir={intro.parent}",
           f"--LabApp.default_url=/lab/tree/{intro.name}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd + list(extra)


def main(argv: list[str] | None = None) -> int:
    cmd = lab_command(sys.argv[1:] if argv is None else argv)
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:  # Ctrl-C stops JupyterLab, which has its own message
        return 0


if __name__ == "__main__":
    sys.exit(main())
