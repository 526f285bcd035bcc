"""The release a reader cites, and the software the book was built with.

A release is named by the update that made it: the ``update`` column of
``data/releases.csv`` (``YYYY-MM-DD-N``, the day an update was applied and its number
that day), a calendar version. ``python -m usnk update`` writes the new name into the
data package's ``version`` when it applies an update; :func:`current` reads it back and
checks it against the release log, and ``CITATION.cff`` carries the same version (a
test compares them). :func:`cite_text` is the "cite this" line of every chapter page.

:func:`locked` and :func:`environment` compare ``requirements.lock`` with the
distributions installed in the running interpreter, for the data appendix.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from usnk.paths import ROOT

#: The form of a release name (the ``update`` column of the release log).
VERSION = re.compile(r"\d{4}-\d{2}-\d{2}-\d+")
LOCK = ROOT / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


class ReleaseError(ValueError):
    """The data package's version and the release log disagree, or either is malformed."""


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # the day the update was applied (ISO)


def _key(update: str) -> tuple[str, int]:
    day, _, number = update.rpartition("-")
    return day, int(number)


def current(folder: str | Path) -> Release:
    """The release of the data in ``folder``: the data package's ``version``, which must
    be the newest update of ``releases.csv``, and the day that update was applied."""
    folder = Path(folder)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    version = str(package.get("version", ""))
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"{folder / 'datapackage.json'}: version {version!r} is not a release "
                           "name YYYY-MM-DD-N (an update of releases.csv)")
    with (folder / "releases.csv").open(encoding="utf-8", newline="") as fh:
        applied = {row["update"]: row["applied_on"] for row in csv.DictReader(fh)}
    if not applied:
        raise ReleaseError(f"{folder / 'releases.csv'}: no update recorded, so no release to name")
    newest = max(applied, key=_key)
    if version != newest:
        raise ReleaseError(f"{folder / 'datapackage.json'}: version {version} is not the newest "
                           f"update of releases.csv ({newest})")
    return Release(version, applied[newest])


def cite_text(title: str, author: str, page_title: str, release: Release) -> str:
    """The short citation of one page of the book at ``release`` (plain text)."""
    return (f"{author}, “{page_title}”, in {title}, release {release.version} "
            f"({release.date}).")


def locked(path: str | Path = LOCK) -> dict[str, tuple[str, str | None]]:
    """The pins of a lock file made by ``make lock``: normalised name -> (version, marker)."""
    pins: dict[str, tuple[str, str | None]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            name, version, marker = match.groups()
            pins[normalise(name)] = (version, marker.strip() if marker else None)
    return pins


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def installed() -> dict[str, str]:
    """Every distribution installed in the running interpreter: normalised name -> version."""
    return {normalise(d.metadata["Name"]): d.version for d in metadata.distributions()}


def _applies(marker: str | None) -> bool:
    if marker is None:
        return True
    from packaging.markers import Marker

    return Marker(marker).evaluate()


def environment(path: str | Path = LOCK, present: dict[str, str] | None = None) -> dict:
    """The software the running interpreter holds, against the lock: ``rows`` (name,
    version installed) of every locked distribution this platform installs, ``missing``
    (locked, not installed), ``differ`` (name, locked, installed) and ``extra``
    (installed, not locked; pip itself comes with the virtual environment)."""
    present = installed() if present is None else present
    wanted = {n: v for n, (v, m) in locked(path).items() if _applies(m)}
    return {
        "rows": sorted((n, present[n]) for n in wanted if n in present),
        "missing": sorted(n for n in wanted if n not in present),
        "differ": sorted((n, wanted[n], present[n]) for n in wanted if n in present and present[n] != wanted[n]),
        "extra": sorted(n for n in present if n not in wanted),
    }


def software(path: str | Path = LOCK, present: dict[str, str] | None = None):
    """What the data appendix says of the software a build ran with: facts
    (``software_python``, the Python version; ``software_n``, the locked distributions
    installed; ``software_state``, whether each is at its locked version) and a table
    (distribution, version) of them all."""
    import platform

    import pandas as pd

    from usnk.findings.base import Facts

    env = environment(path, present)
    frame = pd.DataFrame(env["rows"], columns=["Distribution", "Version"])
    if env["missing"] or env["differ"]:
        state = (f"differs from requirements.lock: {len(env['missing'])} locked distributions "
                 f"missing, {len(env['differ'])} at another version")
    else:
        state = "every one at the version requirements.lock pins"
    return Facts(software_python=platform.python_version(), software_n=len(frame), software_state=state), frame
