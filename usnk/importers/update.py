"""``python -m usnk update``: import newer CNS and CSIS files into ``data/``.

Steps: read the current tables (they must be valid) → read the new source files
(downloading URLs first) → merge → assign identifiers → recompute
``last_event_date`` → validate the whole result → write atomically, or, with
``dry_run``, only report. On any error nothing in ``data/`` changes.

Merge rules
-----------
* CNS file: authoritative up to its newest date. CNS-origin launch rows dated on or
  before that date are replaced by the file's rows; CSIS-origin launch rows of a
  ballistic/SLV/HGV/unknown class on or before that date are dropped (CNS now
  covers them); later rows and CSIS cruise-missile rows (CNS has no cruise
  missiles) are kept.
* CSIS file: ``incidents.csv`` is rebuilt from the file, keeping curated rows the
  file cannot supply. A curated row is one whose id ends in an ordinal of 90 or
  more (``1968-01-23-91``): curators number hand-made rows from 91 so that they
  can never collide with the CSIS rows numbered 1, 2, … within a day. Launch rows
  are added for CSIS events dated after the newest launch already in the table,
  plus cruise-missile events on dates with no cruise row yet.

Rows are compared by ``id``: added, removed, or changed (same id, other values).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import pandas as pd

from usnk import paths
from usnk.errors import DataError, Problem

CURATED_ORDINAL = 90
"""Incident ids whose last part is at least this number are curated rows."""


def run(cns=None, csis=None, data_dir=None, dry_run: bool = False, out: TextIO = sys.stdout) -> int:
    """Import ``cns`` and/or ``csis`` (paths or URLs) into the data folder.

    Prints, per changed table, how many rows were added, changed and removed and
    the new ``last_event_date`` (prefixed "would be" with ``dry_run``). Returns 0.
    Raises :class:`~usnk.errors.DataError` for a bad input file or a result that
    does not validate, :class:`OSError` for a failed download or write; in every
    such case the data folder is left byte-for-byte unchanged.
    """
    from usnk.importers.common import EVENT_KEY, assign_ids
    from usnk.validate import load_package, read_frames, resources_by_name, validate_frames

    ddir = paths.data_dir(data_dir)
    package_file = ddir / "datapackage.json"
    package_bytes = package_file.read_bytes()
    package = load_package(ddir)
    resources = resources_by_name(package)
    frames, problems = read_frames(ddir, package)
    if csis is not None:  # incidents.csv is rebuilt from the CSIS file, so it may be absent
        problems = [p for p in problems
                    if not (p.file == resources["incidents"]["path"] and "not found" in p.message)]
        frames.setdefault("incidents", pd.DataFrame(columns=_columns(resources["incidents"]), dtype=object))
    if problems:
        raise DataError(problems, "the data folder has problems; fix them before updating")
    before = {name: frame.copy() for name, frame in frames.items()}

    launches = frames["missile_launches"].drop(columns=["id", "event_id"])
    touched: set[str] = set()
    temp_files: list[Path] = []
    try:
        if cns is not None:
            from usnk.importers.cns import read_cns

            new = read_cns(_local(cns, temp_files))
            launches = merge_cns(launches, new)
            touched.add("missile_launches")
        if csis is not None:
            from usnk.importers.csis import csis_incident_rows, csis_launch_rows, read_csis

            events = read_csis(_local(csis, temp_files))
            frames["incidents"] = merge_incidents(frames["incidents"], csis_incident_rows(events))
            touched.add("incidents")
            newest = max(launches["date"]) if len(launches) else None
            added = csis_launch_rows(events, after=newest, facilities=known_facilities(launches))
            have_cruise = set(launches.loc[launches["missile_class"] == "cruise", "date"])
            keep = [(r["missile_class"] != "cruise" and (newest is None or r["date"] > newest))
                    or (r["missile_class"] == "cruise" and r["date"] not in have_cruise)
                    for _, r in added.iterrows()]
            added = added[keep].drop(columns=[EVENT_KEY])
            launches = pd.concat([launches, added], ignore_index=True)
            touched.add("missile_launches")
    finally:
        for path in temp_files:
            path.unlink(missing_ok=True)

    launches = launches.copy()
    launches[EVENT_KEY] = ["csis|" + u if o == "csis" else ""
                           for o, u in zip(launches["origin"], launches["source_url"])]
    launches = assign_ids(launches)
    frames["missile_launches"] = launches[_columns(resources["missile_launches"])]
    if "missile_launches" in touched and "japan_impacts" in frames:
        relinked = relink_japan_impacts(frames["japan_impacts"], frames["missile_launches"])
        if relinked["event_id"].tolist() != frames["japan_impacts"]["event_id"].tolist():
            frames["japan_impacts"] = relinked
            touched.add("japan_impacts")

    new_package = json.loads(package_bytes)
    for res in new_package["resources"]:
        if res["name"] in touched and len(frames[res["name"]]):
            res["last_event_date"] = max(frames[res["name"]]["date"])
    for frame in frames.values():
        frame.attrs.pop("lines", None)
    problems = validate_frames(frames, new_package, data_dir=ddir)
    if problems:
        raise DataError(problems, "the updated data would not be valid; nothing was written")

    writes: dict[Path, bytes] = {}
    verb = "would be " if dry_run else ""
    for name in sorted(touched):
        res = next(r for r in new_package["resources"] if r["name"] == name)
        text = csv_bytes(frames[name], _columns(resources[name]))
        path = ddir / res["path"]
        if not path.exists() or path.read_bytes() != text:
            writes[path] = text
        a, c, r = diff_rows(before.get(name), frames[name], key=res["schema"].get("primaryKey") or ["id"])
        print(f"{name}: {verb}{a} added, {c} changed, {r} removed; "
              f"last_event_date {verb}{res.get('last_event_date')}", file=out)
    package_text = (json.dumps(new_package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if package_text != package_bytes and json.loads(package_text) != json.loads(package_bytes):
        writes[package_file] = package_text
    if dry_run:
        print("dry run: nothing written", file=out)
        return 0
    if writes:
        write_atomically(writes, last=package_file)
        print("wrote " + ", ".join(p.name for p in writes), file=out)
    else:
        print("no changes", file=out)
    return 0


# --------------------------------------------------------------------------- merging


def merge_cns(launches: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """CNS rows up to the file's last date replaced by ``new``; later rows kept.

    CSIS rows of non-cruise classes dated up to that date are dropped (superseded);
    CSIS cruise rows are kept whatever their date.
    """
    if not len(new):
        raise DataError([Problem("CNS file", None, None, "the file has no launch rows")])
    last = max(new["date"])
    old = launches
    covered = old["date"] <= last
    drop = covered & ((old["origin"] == "cns") | (old["missile_class"] != "cruise"))
    new = new.drop(columns=[c for c in ("id", "event_id") if c in new.columns])
    new = new[[c for c in old.columns if c in new.columns]].astype(object)
    return pd.concat([old[~drop], new], ignore_index=True).fillna("")


def relink_japan_impacts(impacts: pd.DataFrame, launches: pd.DataFrame) -> pd.DataFrame:
    """Point each reported overflight or EEZ landing at its launch event again after
    the launch table changed (event ids are recomputed by every update): the k-th
    report of a system on a date gets that day's k-th event of the system. A report
    whose launch is no longer in the table keeps its facts but loses the link (empty
    event_id)."""
    events = (launches[["date", "missile_name", "event_id"]].drop_duplicates("event_id")
              .sort_values(["date", "event_id"], kind="stable"))
    lookup: dict[tuple[str, str], list[str]] = {}
    for d, n, e in zip(events["date"], events["missile_name"], events["event_id"]):
        lookup.setdefault((d, n), []).append(e)
    out = impacts.copy()
    seen: dict[tuple[str, str], int] = {}
    linked = []
    for d, n in zip(out["date"], out["missile_name"]):
        k = seen.get((d, n), 0)
        seen[(d, n)] = k + 1
        candidates = lookup.get((d, n), [])
        linked.append(candidates[k] if k < len(candidates) else "")
    out["event_id"] = linked
    return out


def merge_incidents(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The CSIS rows ``new`` plus the curated rows of ``old`` (see module docstring)."""
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


def diff_rows(before: pd.DataFrame | None, after: pd.DataFrame, key=("id",)) -> tuple[int, int, int]:
    """``(added, changed, removed)`` comparing rows by their primary ``key``."""
    if before is None or not len(before):
        return len(after), 0, 0
    cols = [c for c in after.columns if c in before.columns]
    key = list(key)
    old = {tuple(str(r[k]) for k in key): tuple(str(r[c]) for c in cols) for _, r in before.iterrows()}
    new = {tuple(str(r[k]) for k in key): tuple(str(r[c]) for c in cols) for _, r in after.iterrows()}
    added = sum(1 for k in new if k not in old)
    removed = sum(1 for k in old if k not in new)
    changed = sum(1 for k in new if k in old and new[k] != old[k])
    return added, changed, removed


def _ordinal(identifier: str) -> int:
    tail = str(identifier).rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _columns(res: dict) -> list[str]:
    return [f["name"] for f in res["schema"]["fields"]]


def _local(source, temp_files: list[Path]) -> Path:
    from usnk.importers.download import fetch, is_url

    if is_url(source):
        path = fetch(str(source))
        temp_files.append(path)
        return path
    return Path(source)


# --------------------------------------------------------------------------- writing


def csv_bytes(frame: pd.DataFrame, columns: list[str]) -> bytes:
    """The table as the data files store it: UTF-8, ``\\n`` line ends, minimal quoting.

    Cells are written as the text they hold (the tables are kept as raw strings,
    so ``true``/``false`` and whole numbers without ``.0`` carry through unchanged).
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in frame[columns].itertuples(index=False):
        writer.writerow(["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row])
    return buf.getvalue().encode("utf-8")


def write_atomically(files: dict[Path, bytes], last: Path | None = None) -> None:
    """Write every file to a temporary file beside it, fsync, then replace each.

    ``last`` (the data package) is replaced after all the others. If any temporary
    write fails, no target is touched.
    """
    order = sorted(files, key=lambda p: (p == last, str(p)))
    temps: dict[Path, Path] = {}
    try:
        for target in order:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps[target] = Path(name)
            with os.fdopen(fd, "wb") as fh:
                fh.write(files[target])
                fh.flush()
                os.fsync(fh.fileno())
            if target.exists():
                os.chmod(name, target.stat().st_mode & 0o777)
            else:
                os.chmod(name, 0o644)
        for target in order:
            os.replace(temps.pop(target), target)
        dir_fd = os.open(order[0].parent, os.O_RDONLY) if order else None
        if dir_fd is not None:
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
