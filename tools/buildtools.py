"""Helpers for building the book from a copy of the repository (tests and benchmark)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from copy import deepcopy
from pathlib import Path

from usnk.datafolder import DataFolder
from usnk.paths import ROOT

IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "node_modules", "_build", "_build_*", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "*.pyc"
)


def copy_repo(dest: Path) -> Path:
    """Copy the repository's sources (not .venv, .git or builds) to ``dest``."""
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    return dest


def build_env(book_dir: Path) -> dict:
    """Environment for building ``book_dir``: its own ``usnk`` and ``tools`` come first
    on the path, and its kernels keep checked tables (:mod:`usnk.framecache`) in a cache
    of the copy's own, inside its ``_build`` folder, empty at its first build."""
    env = dict(os.environ)
    env["USNK_CACHE_DIR"] = str(book_dir / "_build" / ".table-cache")
    env["PYTHONPATH"] = str(book_dir) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    return env


def run_build(book_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    """Build ``book_dir`` as ``make book`` does (:mod:`tools.build`, with ``book_dir``'s
    own ``tools`` and ``usnk`` first on the path); return the finished process."""
    cmd = [sys.executable, "-m", "tools.build", str(book_dir)]
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
    folder = DataFolder(root / "data")
    path = folder.csv_path("missile_launches")
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
    pkg = deepcopy(folder.package)
    for res in pkg["resources"]:
        if res["name"] == "missile_launches":
            res["last_event_date"] = date
    folder.package_path.write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def scale_launches(root: Path, factor: int) -> int:
    """Make the copy's launch table ``factor`` times as long: every launch event gets
    ``factor - 1`` synthetic twins on the same day (event numbers offset by multiples
    of 1000, so ids stay unique and tables that link to events keep their links),
    rows sorted as the data package requires. For the benchmark only: the copy is a
    temporary folder and the rows are not facts. Returns the new row count."""
    path = DataFolder(root / "data").csv_path("missile_launches")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    out = list(rows)
    for copy in range(1, factor):
        for row in rows:
            day, number = row["event_id"].rsplit("-", 1)
            event = f"{day}-{int(number) + 1000 * copy}"
            out.append(dict(row, event_id=event, id=event + "-" + row["id"].rsplit("-", 1)[1]))
    out.sort(key=lambda r: (r["date"], _natural(r["id"])))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    _scale_audit(root, factor)
    return len(out)


def _scale_audit(root: Path, factor: int) -> None:
    """The copy's event audit with ``factor`` rows per audited launch event, numbered on
    from the real ones, so that the scaled launch table stays covered by it."""
    folder = DataFolder(root / "data")
    if "event_audit" not in folder.resources:
        return
    path = folder.csv_path("event_audit")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    out, per_day = [], {}
    for row in rows:
        if row["table"] != "missile_launches":
            out.append(row)
            continue
        per_day.setdefault(row["date"], []).append(row)
        if len(per_day[row["date"]]) == 1:
            out.append(row["date"])  # the place of that day's launch rows
    scaled = []
    for item in out:
        if isinstance(item, str):
            day = per_day[item]
            scaled += [dict(r, seq=str(i + 1)) for i, r in enumerate(day * factor)]
        else:
            scaled.append(item)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(scaled)
