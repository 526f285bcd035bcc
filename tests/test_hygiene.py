"""Cheap checks on what the repository holds."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from sharedref import reference_file
from tools.buildtools import toc_pages
from usnk.paths import ROOT

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def _tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        files = [ROOT / line for line in out.splitlines() if line]
    except (OSError, subprocess.CalledProcessError):
        skip = {".venv", ".git", "_build", "__pycache__", ".pytest_cache"}
        files = [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]
    return [p for p in files if p.exists()]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(nb):
    data = json.loads(nb.read_text(encoding="utf-8"))
    for cell in data["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{nb.name}: a code cell has outputs"
            assert cell.get("execution_count") is None, f"{nb.name}: a code cell has an execution count"
    source = "".join("".join(c["source"]) for c in data["cells"])
    assert "filterwarnings" not in source, f"{nb.name}: warnings must not be silenced"


def test_every_notebook_is_in_the_table_of_contents_and_vice_versa():
    listed = set(toc_pages())
    pages = {f"book/{p.stem}" for p in (ROOT / "book").glob("*.md")}   # text-only pages (the glossary)
    present = {f"book/{p.stem}" for p in NOTEBOOKS} | pages
    assert listed == present


def test_no_large_or_generated_files_are_committed():
    for path in _tracked_files():
        rel = path.relative_to(ROOT).as_posix()
        assert path.stat().st_size < 1_000_000, f"{rel} is over 1 MB"
        assert not any(part in {".venv", "_build", "__pycache__", ".ipynb_checkpoints"} for part in path.parts), rel
        assert not rel.endswith((".bak", ".pyc")) and "_new." not in rel, rel


def test_no_reference_file_is_copied_into_the_project():
    reference = reference_file()
    digests = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in reference.rglob("*")
               if p.is_file() and p.suffix != ".md"}
    for path in _tracked_files():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest not in digests, f"{path} is a copy of {digests.get(digest)}"
