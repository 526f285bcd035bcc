"""Running ``python -m usnk ARGS`` for the tests: in this process through
:func:`usnk.cli.main` (what ``usnk.__main__`` calls), or in a new interpreter where a
test is about the real process (its exit status, argparse, the environment)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from usnk import cli
from usnk.load import clear_cache

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m usnk ARGS`` in-process, with no data cached, as a new interpreter
    would start: the exit code and what it wrote to stdout and stderr."""
    clear_cache()
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out=out, err=err)
    return subprocess.CompletedProcess(["python", "-m", "usnk", *args], code, out.getvalue(), err.getvalue())


def run_process(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m usnk ARGS`` in a new interpreter, from the repository's top folder."""
    return subprocess.run([sys.executable, "-m", "usnk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
