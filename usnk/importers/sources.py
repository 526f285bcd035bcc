"""The sources an update can import, one :class:`Source` entry each, in one list.

``python -m usnk update`` knows its sources only through :data:`SOURCES`: the command
line makes one option per entry (``--cns``, ``--csis``), :func:`usnk.importers.update.read_sources`
reads the files given for each entry in the list's order and lets the entry take them
into the update, and the release log records each file under the entry's kind.

Adding a third source is a reader module in ``usnk/importers/`` (a file in, rows in
the CSV's text form out, located :class:`~usnk.errors.DataError`s for bad input) and
one :class:`Source` entry here naming it: its option, the kinds of file it reads, the
function that reads a file, the function that takes what was read into the update,
and the ``source`` kinds it writes into the release log (which the data package's
``releases`` schema must list: a test compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from usnk.importers import cns, csis
from usnk.importers import ledger as corrections
from usnk.importers.reconcile import csis_events, table_events

CURATED_ORDINAL = 90
"""Incident ids whose last part is at least this number are curated rows."""


@dataclass(frozen=True)
class Source:
    """One kind of source file an update can import.

    ``read(path, columns)`` reads a local file into a frame whose ``attrs["release"]``
    is what the release log records of it (:func:`usnk.importers.cns.release_info`);
    ``enter(update, frame)`` takes that frame into the :class:`~usnk.importers.update.Update`
    being built (the stage functions of :mod:`usnk.importers.update` call it after the
    release check). ``rebuilds`` names the tables a file of this source rebuilds whole,
    so they may be missing from the data folder; ``page`` is cited in the release log
    when the file was not downloaded from a URL."""

    name: str
    option: str
    metavar: str
    help: str
    file_kinds: tuple[str, ...]
    log_kinds: tuple[str, ...]
    read: Callable[[Path, list[str]], pd.DataFrame]
    enter: Callable[[object, pd.DataFrame], None]
    page: str
    repeatable: bool = False
    rebuilds: tuple[str, ...] = ()

    @property
    def flag(self) -> str:
        """The command-line option, e.g. ``--cns``."""
        return f"--{self.option}"


# --------------------------------------------------------------------------- CNS


def read_cns_file(path: Path, columns: list[str]) -> pd.DataFrame:
    """A CNS file (official xlsx/CSV export or the JSON copy) with the evidence columns
    the reconciliation weighs."""
    return cns.read_cns(path, columns, evidence=True)


def enter_cns(u, new: pd.DataFrame) -> None:
    """The CNS rows of a file replace the rows it is authoritative for: an official
    export those entered up to its newest date; the JSON copy only those after the
    newest date of the official exports (in the release log or read before it), so a
    copy never replaces what an official export gave."""
    newest = new.attrs["release"]["newest_date"]
    new = new.drop(columns=["id", "event_id"])
    if new.attrs["release"]["source"] == "cns-copy":
        official = official_until(u.releases, u.used)
        new = new[new["source_date"] > official]
        replaced = (u.cns_rows["source_date"] > official) & (u.cns_rows["source_date"] <= newest)
    else:
        replaced = u.cns_rows["source_date"] <= newest
    u.cns_rows = pd.concat([u.cns_rows[~replaced], new], ignore_index=True)


def official_until(releases: pd.DataFrame | None, used: list[dict]) -> str:
    """Newest event date of the official CNS exports in the log or used so far ('' if none)."""
    dates = [u["newest_date"] for u in used if u["source"] == "cns"]
    if releases is not None and len(releases):
        dates += list(releases.loc[releases["source"] == "cns", "newest_date"])
    return max(dates, default="")


# --------------------------------------------------------------------------- CSIS


def read_csis_file(path: Path, columns: list[str]) -> pd.DataFrame:
    """The CSIS table's events; its release date is its newest event date."""
    events = csis.read_csis(path)
    newest = max(events["date"])
    events.attrs["release"] = cns.release_info(path, "csis", newest, newest)
    return events


def enter_csis(u, events: pd.DataFrame) -> None:
    """The CSIS events become the evidence the CNS rows are reconciled with (with the
    launch table's own evidence for days the file lacks), and rebuild the incidents
    (curated rows kept, the ledger taken off first)."""
    u.evidence = csis_events(events, facilities=known_facilities(u.cns_rows), columns=u.columns)
    in_file = {ev.date for ev in u.evidence}
    u.evidence += [ev for ev in table_events(u.launches, matches_only=True) if ev.date not in in_file]
    incidents = corrections.unapply(u.frames["incidents"], "incidents", u.ledger)
    u.frames["incidents"] = merge_incidents(incidents, csis.csis_incident_rows(events))
    u.touched.add("incidents")


def merge_incidents(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The CSIS rows ``new`` plus the curated rows of ``old`` (see
    :mod:`usnk.importers.update`'s merge rules)."""
    curated = old[[_ordinal(i) >= CURATED_ORDINAL for i in old["id"]]] if len(old) else old
    curated = curated[~curated["id"].isin(new["id"])]
    merged = pd.concat([new, curated[list(new.columns)]], ignore_index=True)
    merged["_n"] = [_ordinal(i) for i in merged["id"]]
    merged = merged.sort_values(["date", "_n"], kind="stable").drop(columns="_n")
    return merged.reset_index(drop=True)


def known_facilities(launches: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Facility name → (latitude, longitude) as text, from rows that have both."""
    out: dict[str, tuple[str, str]] = {}
    for f, lat, lon in zip(launches["facility"], launches["latitude"], launches["longitude"]):
        if f and f != "Unknown" and lat and lon and f not in out:
            out[f] = (lat, lon)
    return out


def _ordinal(identifier: str) -> int:
    tail = str(identifier).rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


# --------------------------------------------------------------------------- the list

SOURCES: tuple[Source, ...] = (
    Source(
        name="CNS North Korea Missile Test Database",
        option="cns",
        metavar="FILE_OR_URL",
        help="CNS North Korea Missile Test Database file (xlsx, CSV, or the JSON copy's test.en.json) or URL; "
             "repeat to apply several in order",
        file_kinds=("xlsx", "csv", "json"),
        log_kinds=("cns", "cns-copy"),
        read=read_cns_file,
        enter=enter_cns,
        page=cns.CNS_DATABASE_URL,
        repeatable=True,
    ),
    Source(
        name="CSIS Beyond Parallel Database of North Korean Provocations",
        option="csis",
        metavar="FILE_OR_URL",
        help="CSIS Beyond Parallel provocations table file or URL",
        file_kinds=("csv", "json"),
        log_kinds=("csis",),
        read=read_csis_file,
        enter=enter_csis,
        page=csis.CSIS_DATABASE_URL,
        rebuilds=("incidents",),
    ),
)
"""Every source, in the order an update applies them: the CNS files first (the CSIS
evidence is matched against the CNS rows they leave), then the CSIS table."""


def given_files(source: Source, value) -> list:
    """The files given for ``source`` (a path or URL, a list of them, or None) as a list."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]
