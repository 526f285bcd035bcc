"""Fixtures shared by the tests that build the book or drive a browser.

The book is built once per test session, strictly (warnings are errors), from a
fresh copy of the repository in a temporary folder, so the developer's own
``_build`` is never touched and the build is always clean.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tools.buildtools import copy_repo, run_build

# Every test checks the data it is given: the cache of checked tables (usnk.framecache)
# is off in the tests; the cache's own tests set a folder, and each book a test builds
# keeps a cache of its own (tools.buildtools.build_env).
os.environ["USNK_CACHE_DIR"] = "off"


class BuiltBook:
    """A built copy of the repository: its root, its HTML folder and the build log."""

    def __init__(self, root: Path, proc: subprocess.CompletedProcess):
        self.root = root
        self.proc = proc
        self.html = root / "_build" / "html"
        self.log = proc.stdout + "\n" + proc.stderr

    def require_success(self):
        if self.proc.returncode != 0:
            pytest.fail("the strict book build failed:\n" + self.log[-6000:])


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> BuiltBook:
    """A strict, clean build of a copy of the repository (built once per session)."""
    root = copy_repo(tmp_path_factory.mktemp("book") / "repo")
    return BuiltBook(root, run_build(root, strict=True))
