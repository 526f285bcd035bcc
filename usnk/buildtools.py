"""Helpers for building the book from a copy of the repository (tests and benchmark)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import ROOT

IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "_build", "_build_*", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "*.pyc"
)


def copy_repo(dest: Path) -> Path:
    """Copy the repository's sources (not .venv, .git or builds) to ``dest``."""
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    return dest


def build_env(book_dir: Path) -> dict:
    """Environment for building ``book_dir``: its own ``usnk`` comes first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(book_dir) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    return env


def run_build(book_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build`` on ``book_dir``; return the finished process."""
    exe = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(exe) if exe.exists() else "jupyter-book", "build", str(book_dir)]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    return subprocess.run(cmd, cwd=book_dir, env=build_env(book_dir), capture_output=True, text=True,
                          timeout=1800)


def toc_pages(root: Path = ROOT) -> list[str]:
    """Every document the table of contents lists (paths without suffix), in order."""
    import yaml  # installed with jupyter-book

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(node):
        for key in ("parts", "chapters", "sections"):
            for item in node.get(key, []) or []:
                if "file" in item:
                    pages.append(item["file"])
                walk(item)

    walk(toc)
    return pages


def add_launch(root: Path, date: str = "2026-11-20") -> None:
    """Append one SRBM launch dated ``date`` to the copy's data and bump its
    ``last_event_date``: a small, valid data change for rebuild tests and timings."""
    path = root / "data" / "missile_launches.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
    new = {k: "" for k in fields}
    new.update(id=f"{date}-1-01", date=date, date_precision="day", date_basis="source_date",
               source_date=date, class_basis="source", event_id=f"{date}-1",
               missile_name="Unknown", missile_class="SRBM", facility="Unknown", outcome="unknown",
               count_is_lower_bound="false", origin="csis",
               source_url="https://beyondparallel.csis.org/database-north-korean-provocations/")
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=fields, lineterminator="\n").writerow(new)
    pkg_path = root / "data" / "datapackage.json"
    pkg = json.loads(pkg_path.read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        if res["name"] == "missile_launches":
            res["last_event_date"] = date
    pkg_path.write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
