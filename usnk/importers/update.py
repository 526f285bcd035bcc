"""``python -m usnk update``: import newer CNS and CSIS files into ``data/``.

Stages, each a function (:func:`run` calls them in order on one :class:`Update`):
read the current tables, which must be valid (:func:`read_folder`) → take the
corrections ledger off them (:func:`unapply_corrections`) → read and merge the new
source files, downloading URLs first (:func:`read_sources`) → reconcile the CNS rows
with the CSIS evidence (:func:`reconcile_launches`, :mod:`usnk.importers.reconcile`)
→ assign identifiers (:func:`assign_launch_ids`) → put the ledger back on
(:func:`apply_corrections`) → relink the Japan impacts and recompute
``last_event_date`` (:func:`relink_and_date`) → list every change
(:func:`diff_tables`) → add the release-log entries (:func:`log_release`) → validate
the whole result and record the verdicts (:func:`validate_update`) → write
atomically, or, with ``dry_run``, only report (:func:`write_update`). On any error
nothing in ``data/`` changes.

Merge rules
-----------
* CNS file (official xlsx/CSV export, or the JSON copy): authoritative up to its
  newest date *as CNS enters it* (``source_date``). CNS rows entered on or before
  that date are replaced by the file's rows; later ones are kept. The JSON copy never
  replaces rows of an official export: it supplies only rows after the newest date
  of the official exports in the release log.
* A file whose release date is older than the newest logged release of the same
  kind is refused (:func:`check_release`).
* Missile names: every imported row carrying an alias of ``missile_names.csv`` gets
  the system's canonical name, so a source that renames a system changes nothing.
* CSIS file: the evidence the CNS rows are reconciled with, and the source of the
  launches CNS lacks. ``incidents.csv`` is rebuilt from the file, keeping curated
  rows the file cannot supply. A curated row is one whose id ends in an ordinal of
  90 or more (``1968-01-23-91``): curators number hand-made rows from 91 so that
  they can never collide with the CSIS rows numbered 1, 2, … within a day. An
  incident that is a launch of the launch table (a rocket-artillery firing of the
  KN-25, a MIRV or mixed tactical test, within a day of the launch) is not an
  incident (:func:`drop_counted_launches`, the rule of :mod:`usnk.validate.oneevent`).
* Without a CSIS file, the evidence is what the launch table holds: its CSIS rows
  and the dates its CNS rows took from CSIS; so re-importing the release the data
  were reconciled with changes nothing.

Every added, moved (re-dated), changed and removed row is listed
(:func:`diff_table`); an applied update that changes anything appends one entry
per file to ``releases.csv``.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

import pandas as pd

from usnk.datafolder import DataFolder
from usnk.errors import DataError, Problem
from usnk.importers import ledger as corrections
from usnk.importers.common import LAUNCHES, assign_ids, launch_columns
from usnk.importers.reconcile import reconcile, source_rows, table_events
from usnk.importers import sources
from usnk.importers.sources import (  # noqa: F401 - the sources' merge rules, named here too
    CURATED_ORDINAL, given_files, known_facilities, merge_incidents, official_until)
from usnk.validate import validate_frames
from usnk.validate.names import NAMES, canonical

@dataclass
class Update:
    """What one update carries from stage to stage (:func:`run`): the folder and its
    package as read, the tables being rebuilt (raw strings), and what the stages found."""

    folder: DataFolder
    package: dict
    resources: dict[str, dict]
    columns: list[str]
    raw: dict[str, pd.DataFrame]
    frames: dict[str, pd.DataFrame]
    before: dict[str, pd.DataFrame]
    ledger: pd.DataFrame | None = None
    releases: pd.DataFrame | None = None
    launches: pd.DataFrame | None = None
    cns_rows: pd.DataFrame | None = None
    evidence: list | None = None
    used: list[dict] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    rebuilt: pd.DataFrame | None = None
    new_package: dict = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    changed_rows: list[int] = field(default_factory=lambda: [0, 0, 0])


def run(*, data_dir, dry_run: bool = False, out: TextIO = sys.stdout, today: str | None = None,
        **given) -> int:
    """Import the source files ``given`` by each source's option (a path or URL, or a
    list of them applied in order: ``cns=...``, ``csis=...``, one keyword per entry of
    :data:`~usnk.importers.sources.SOURCES`) into the data folder ``data_dir`` (the
    caller names it: the command line resolves ``--data-dir`` / ``$USNK_DATA_DIR``
    once).

    Prints, per table, how many rows were added, moved, changed and removed, then
    every such row (field old → new), and the new ``last_event_date`` (prefixed
    "would be" with ``dry_run``). An applied update that changes anything appends
    one entry per file to the release log. Returns 0. Raises
    :class:`~usnk.errors.DataError` for a bad input file, a release older than the
    one the data came from, or a result that does not validate;
    :class:`OSError` for a failed download or write. In every such case the data
    folder is left byte-for-byte unchanged.

    The stages, each a function of this module: :func:`read_folder` →
    :func:`unapply_corrections` → :func:`read_sources` → :func:`reconcile_launches`
    → :func:`assign_launch_ids` → :func:`apply_corrections` → :func:`relink_and_date`
    → :func:`diff_tables` → :func:`log_release` → :func:`validate_update` →
    :func:`write_update`. The release log is written with the data it describes (one
    atomic write), so its entries are made before the whole result is validated.
    """
    unknown = set(given) - {s.option for s in sources.SOURCES}
    if unknown:
        raise TypeError(f"run() got no source with option {', '.join(sorted(unknown))}")
    given = {s.option: given_files(s, given.get(s.option)) for s in sources.SOURCES}
    verb = "would be " if dry_run else ""
    rebuilt = {table for s in sources.SOURCES if given[s.option] for table in s.rebuilds}
    u = read_folder(DataFolder(data_dir), rebuilds=rebuilt)
    unapply_corrections(u)
    read_sources(u, given)
    reconcile_launches(u)
    assign_launch_ids(u)
    apply_corrections(u)
    relink_and_date(u)
    diff_tables(u, verb)
    log_release(u, today or date.today().isoformat(), verb)
    validate_update(u, verb)
    for line in u.report + [f"note: {n}" for n in u.notes]:
        print(line, file=out)
    return write_update(u, dry_run, out)


def read_folder(folder: DataFolder, *, rebuilds=()) -> Update:
    """Read the data folder's tables as raw strings; they must be valid (DataError
    otherwise). A table named in ``rebuilds`` (one that a given source rebuilds whole,
    such as ``incidents`` from a CSIS file) may be absent: it starts empty."""
    package = folder.package
    resources = folder.resources
    columns = launch_columns(folder)
    raw, problems = folder.raw_frames()
    frames = {name: frame.copy() for name, frame in raw.items()}  # the folder's own stay as read
    for name in rebuilds:
        problems = [p for p in problems
                    if not (p.file == resources[name]["path"] and "not found" in p.message)]
        frames.setdefault(name, pd.DataFrame(columns=_columns(resources[name]), dtype=object))
    if problems:
        raise DataError(problems, "the data folder has problems; fix them before updating")
    return Update(folder=folder, package=package, resources=resources, columns=columns, raw=raw,
                  frames=frames, before={name: frame.copy() for name, frame in frames.items()},
                  ledger=frames.get(corrections.LEDGER), releases=frames.get(RELEASES))


def unapply_corrections(u: Update) -> None:
    """Take the ledger off the launch table (values back to the sources'), and keep its
    CNS rows without identifiers: what a new CNS file replaces or adds to."""
    u.launches = corrections.unapply(u.frames[LAUNCHES], LAUNCHES, u.ledger)
    u.cns_rows = source_rows(u.launches[u.launches["origin"] == "cns"]).drop(columns=["id", "event_id"])


def read_sources(u: Update, given: dict[str, list]) -> None:
    """Read the new source files, ``given`` by each source's option (``{"cns": [...],
    "csis": [...]}``), in the order of :data:`~usnk.importers.sources.SOURCES`,
    downloading URLs to temporary files (removed after). Each file is read by its
    source, checked against the release log (:func:`check_release`) and taken into
    the update by its source's ``enter``: a CNS file replaces the CNS rows it is
    authoritative for (see the merge rules above); the CSIS file gives the evidence to
    reconcile with and rebuilds the incidents. When no file gave evidence, the evidence
    is the launch table's own."""
    unknown = set(given) - {s.option for s in sources.SOURCES}
    if unknown:
        raise TypeError(f"no source with option {', '.join(sorted(unknown))}")
    temp_files: list[Path] = []
    try:
        for source in sources.SOURCES:
            for shown in given_files(source, given.get(source.option)):
                local = _local(shown, temp_files)
                new = source.read(local, u.columns)
                u.used.append(check_release({**new.attrs["release"], "source_url": _origin_url(shown, source.page)},
                                            u.releases, str(shown)))
                source.enter(u, new)
    finally:
        for path in temp_files:
            path.unlink(missing_ok=True)
    if u.evidence is None:
        u.evidence = table_events(u.launches)


def reconcile_launches(u: Update) -> None:
    """Give the CNS rows their Korean dates from the evidence and keep the launches CNS
    lacks (:func:`usnk.importers.reconcile.reconcile`), then move the launches the
    ledger re-dates (before identifiers exist: ids follow dates). Nothing to do when no
    source file was read."""
    if u.used:
        u.rebuilt = corrections.apply_dates(reconcile(u.cns_rows, u.evidence), u.ledger)
        # one canonical name per system: a source's other names are aliases (missile_names.csv)
        u.rebuilt["missile_name"] = canonical(u.rebuilt["missile_name"], u.frames.get(NAMES))


def assign_launch_ids(u: Update) -> None:
    """Number the reconciled launches (``event_id``, ``id``) and sort them."""
    if u.used:
        u.rebuilt = assign_ids(u.rebuilt, u.columns)


def apply_corrections(u: Update) -> None:
    """Put the ledger's other corrections back on the rebuilt launches and incidents
    (noting each correction whose source value changed), after dropping from the
    incidents the firings the launch table counts."""
    if u.used:
        launches, u.notes = corrections.apply(u.rebuilt, LAUNCHES, u.ledger)
        u.frames[LAUNCHES] = launches[u.columns]
        u.touched.add(LAUNCHES)
    if "incidents" in u.touched:
        kept = drop_counted_launches(u.frames["incidents"], u.frames["missile_launches"])
        u.frames["incidents"], more = corrections.apply(kept, "incidents", u.ledger)
        u.notes += more


def relink_and_date(u: Update) -> None:
    """Point the Japan impacts at the launches' new ids, and set each rebuilt table's
    ``last_event_date`` in a copy of the package."""
    if "missile_launches" in u.touched and "japan_impacts" in u.frames:
        relinked = relink_japan_impacts(u.frames["japan_impacts"], u.frames["missile_launches"])
        if not relinked.equals(u.frames["japan_impacts"]):
            u.frames["japan_impacts"] = relinked
            u.touched.add("japan_impacts")
    u.new_package = copy.deepcopy(u.package)
    for res in u.new_package["resources"]:
        if res["name"] in u.touched and len(u.frames[res["name"]]) and "date" in u.frames[res["name"]]:
            res["last_event_date"] = max(u.frames[res["name"]]["date"])


def diff_tables(u: Update, verb: str = "") -> None:
    """List, per rebuilt table, every row added, moved, changed and removed
    (:func:`diff_table`), and count them over all tables for the release log."""
    for name in sorted(u.touched):
        res = next(r for r in u.new_package["resources"] if r["name"] == name)
        changes = diff_table(u.before.get(name), u.frames[name], key=res["schema"].get("primaryKey") or ["id"])
        counts = changes.counts()
        u.changed_rows[0] += counts["added"]
        u.changed_rows[1] += counts["moved"] + counts["changed"]
        u.changed_rows[2] += counts["removed"]
        text = ", ".join(f"{n} {k}" for k, n in counts.items())
        u.report.append(f"{name}: {verb}{text}; last_event_date {verb}{res.get('last_event_date')}")
        u.report.extend("  " + line for line in changes.lines())
        if changes:
            u.summary.append(f"{name}: {text}")


def log_release(u: Update, today: str, verb: str = "") -> None:
    """When any row changed, add one release-log entry per file used, and name the
    package's ``version`` after the update."""
    if any(u.changed_rows) and RELEASES in u.frames:
        entries = release_entries(u.frames[RELEASES], u.used, today, u.changed_rows, "; ".join(u.summary))
        u.frames[RELEASES] = pd.concat([u.frames[RELEASES], entries], ignore_index=True)
        u.touched.add(RELEASES)
        if len(entries):  # the update is the new release: its name is the package's version
            u.new_package["version"] = entries["update"].iloc[0]
        u.report.append(f"{RELEASES}: {verb}{len(entries)} entries added")
        u.report.extend(f"  + {e['update']} {e['source']} {e['file']} (release {e['release_date']}, "
                        f"newest {e['newest_date']}, sha256 {e['sha256'][:12]}…)" for e in entries.to_dict("records"))


def validate_update(u: Update, verb: str = "") -> None:
    """Validate the whole result (DataError if it would not be valid), then record the
    release's verdicts in the verdict history and validate again."""
    for frame in u.frames.values():
        frame.attrs.pop("lines", None)
    problems = validate_frames(u.frames, u.new_package)
    if problems:
        raise DataError(problems, "the updated data would not be valid; nothing was written")
    if RELEASES in u.touched and VERDICT_HISTORY in u.resources:
        record_verdicts(u.frames, u.before, u.new_package, u.package, u.report, verb)
        u.touched.add(VERDICT_HISTORY)
        problems = validate_frames(u.frames, u.new_package)
        if problems:
            raise DataError(problems, "the updated verdict history would not be valid; nothing was written")


def planned_writes(u: Update) -> dict[Path, bytes]:
    """The files the update changes and their new bytes (unchanged files left out)."""
    writes: dict[Path, bytes] = {}
    for name in sorted(u.touched):
        text = csv_bytes(u.frames[name], _columns(u.resources[name]))
        if name not in u.raw or csv_bytes(u.raw[name], _columns(u.resources[name])) != text:
            writes[u.folder.csv_path(name)] = text
    if u.new_package != u.package:
        writes[u.folder.package_path] = (json.dumps(u.new_package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return writes


def write_update(u: Update, dry_run: bool, out: TextIO) -> int:
    """Write the changed files atomically (the package last), or with ``dry_run`` say
    that nothing was written. Returns 0."""
    writes = planned_writes(u)
    if dry_run:
        print("dry run: nothing written", file=out)
        return 0
    if writes:
        write_atomically(writes, last=u.folder.package_path)
        print("wrote " + ", ".join(p.name for p in writes), file=out)
    else:
        print("no changes", file=out)
    return 0


# --------------------------------------------------------------------------- verdicts

VERDICT_HISTORY = "verdict_history"


def record_verdicts(frames: dict, before: dict, package: dict, old_package: dict, report: list[str],
                    verb: str = "") -> None:
    """Record the claims register's verdicts for the update just added to the release
    log (:func:`usnk.findings.changes.record_release`) in ``frames``, and report the
    verdicts that moved since the previous release."""
    from usnk.findings.changes import record_release

    update = str(frames[RELEASES]["update"].iloc[-1])
    frames[VERDICT_HISTORY], moved = record_release(frames, package, update, before=before,
                                                    before_package=old_package)
    report.append(f"{VERDICT_HISTORY}: {verb}verdicts of update {update} recorded; "
                  f"{len(moved)} moved since the previous release")
    report.extend("  " + line for line in moved)


# --------------------------------------------------------------------------- releases

RELEASES = "releases"
RELEASE_COLUMNS = ["update", "applied_on", "source", "file", "release_date", "newest_date", "sha256",
                   "rows_added", "rows_changed", "rows_removed", "summary", "source_url"]


def check_release(info: dict, releases: pd.DataFrame | None, shown: str) -> dict:
    """``info`` if its release is not older than the newest release of the same source
    in the log; else a DataError naming both releases."""
    if releases is not None and len(releases):
        same = releases[releases["source"] == info["source"]]
        if len(same):
            newest = same.sort_values(["release_date", "update"]).iloc[-1]
            if info["release_date"] < newest["release_date"]:
                raise DataError([Problem(
                    shown, None, None,
                    f"this {info['source']} release ({info['release_date']}, newest event {info['newest_date']}) "
                    f"is older than the release the data came from ({newest['file']}, release "
                    f"{newest['release_date']}, newest event {newest['newest_date']}); refusing to go back; "
                    "nothing was written")])
    return info


def _origin_url(source, page: str) -> str:
    from usnk.importers.download import is_url

    return str(source) if is_url(source) else page


def release_entries(log: pd.DataFrame, used: list[dict], today: str, counts, summary: str) -> pd.DataFrame:
    """One release-log row per file used by an update applied on ``today``."""
    number = len(set(log.loc[log["applied_on"] == today, "update"])) + 1 if len(log) else 1
    rows = [{**info, "update": f"{today}-{number}", "applied_on": today, "rows_added": str(counts[0]),
             "rows_changed": str(counts[1]), "rows_removed": str(counts[2]),
             "summary": summary or "no row changed"} for info in used]
    return pd.DataFrame(rows, columns=RELEASE_COLUMNS, dtype=object)


# --------------------------------------------------------------------------- differences


class TableChanges:
    """What an update does to one table: rows added, moved (a re-dated row, which
    gets a new id), changed (same id, other values) and removed."""

    def __init__(self, columns: list[str]):
        self.columns = columns
        self.added: list[dict] = []
        self.removed: list[dict] = []
        self.moved: list[tuple[dict, dict]] = []
        self.changed: list[tuple[dict, dict]] = []

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.moved or self.changed)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "moved": len(self.moved), "changed": len(self.changed),
                "removed": len(self.removed)}

    def _fields(self, old: dict, new: dict, skip=()) -> str:
        return "; ".join(f"{c} {old.get(c) or '∅'} → {new.get(c) or '∅'}" for c in self.columns
                         if c not in skip and old.get(c) != new.get(c))

    def lines(self) -> list[str]:
        out = [f"+ {_label(r)}" for r in self.added]
        out += [f"> {_key(o)} → {_key(n)}: {self._fields(o, n, skip=('id', 'event_id'))}" for o, n in self.moved]
        out += [f"~ {_key(n)}: {self._fields(o, n)}" for o, n in self.changed]
        out += [f"- {_label(r)}" for r in self.removed]
        return out


def _key(row: dict) -> str:
    return row.get("id") or row.get("update") or str(row)


def _label(row: dict) -> str:
    shown = [row.get(c) for c in ("date", "missile_class", "missile_name", "category", "event_type", "origin",
                                  "table", "field", "file") if row.get(c)]
    return f"{_key(row)} ({', '.join(shown)})"


_MOVABLE = {"id", "event_id", "date", "date_basis", "launch_date_utc"}


def diff_table(before: pd.DataFrame | None, after: pd.DataFrame, key=("id",)) -> TableChanges:
    """Compare a table before and after an update, row by row.

    Rows are paired, in this order: by key with identical values (unchanged); by
    every value except the key and the date fields (a *moved* row: re-dated or
    renumbered); by key (a *changed* row); what is left is added or removed.
    """
    columns = list(after.columns)
    changes = TableChanges(columns)
    key = list(key)
    new = [{c: str(v) for c, v in r.items()} for r in after.to_dict("records")]
    old = [] if before is None else [{c: str(r.get(c, "")) for c in columns} for r in before.to_dict("records")]

    def k(r):
        return tuple(r.get(c, "") for c in key)

    def body(r):
        return tuple(v for c, v in r.items() if c not in _MOVABLE and c not in key)

    new_by_key = {k(r): r for r in new}
    left_old = [r for r in old if new_by_key.get(k(r)) != r]
    same = {k(r) for r in old if new_by_key.get(k(r)) == r}
    left_new = [r for r in new if k(r) not in same]
    if set(_MOVABLE) & set(columns) - set(key):
        pool: dict[tuple, list[dict]] = {}
        for r in left_old:
            pool.setdefault(body(r), []).append(r)
        rest = []
        for r in left_new:
            candidates = pool.get(body(r))
            if candidates:
                exact = next((o for o in candidates if k(o) == k(r)), candidates[0])
                candidates.remove(exact)
                (changes.changed if k(exact) == k(r) else changes.moved).append((exact, r))
            else:
                rest.append(r)
        left_new = rest
        left_old = [r for group in pool.values() for r in group]
    old_by_key = {k(r): r for r in left_old}
    for r in left_new:
        o = old_by_key.pop(k(r), None)
        if o is None:
            changes.added.append(r)
        else:
            changes.changed.append((o, r))
    changes.removed = list(old_by_key.values())
    return changes


def drop_counted_launches(incidents: pd.DataFrame, launches: pd.DataFrame) -> pd.DataFrame:
    """Incidents without those that are launches of the launch table: a weapons-test
    or artillery incident of a launch kind within a day of a launch of that kind (the
    rule of :mod:`usnk.validate.oneevent`, e.g. CSIS's MLRS tests, dated by KCNA's
    report, of a KN-25 launch CNS counts as an SRBM)."""
    from usnk.validate.oneevent import duplicates

    counted = incidents.index.isin(list(duplicates(incidents, launches)))
    return incidents[~counted].reset_index(drop=True)


# --------------------------------------------------------------------------- merging


def relink_japan_impacts(impacts: pd.DataFrame, launches: pd.DataFrame) -> pd.DataFrame:
    """Point each reported overflight or EEZ landing at its launch event again after
    the launch table changed (event ids are recomputed by every update): the k-th
    report of a system on a date gets that day's k-th event of the system. A report
    whose launch is no longer in the table keeps its facts but loses the link (empty
    event_id). When the system's name is not found on the date and the table has one
    system that day, the report is linked to it and takes its name (a source renamed
    the system)."""
    events = (launches[["date", "missile_name", "event_id"]].drop_duplicates("event_id")
              .sort_values(["date", "event_id"], kind="stable"))
    lookup: dict[tuple[str, str], list[str]] = {}
    for d, n, e in zip(events["date"], events["missile_name"], events["event_id"]):
        lookup.setdefault((d, n), []).append(e)
    by_day: dict[str, list[tuple[str, str]]] = {}
    for d, n, e in zip(events["date"], events["missile_name"], events["event_id"]):
        by_day.setdefault(d, []).append((n, e))
    out = impacts.copy()
    seen: dict[tuple[str, str], int] = {}
    linked, names = [], []
    for d, n in zip(out["date"], out["missile_name"]):
        k = seen.get((d, n), 0)
        seen[(d, n)] = k + 1
        candidates = lookup.get((d, n), [])
        if k < len(candidates):
            linked.append(candidates[k])
            names.append(n)
        elif not candidates and len({name for name, _ in by_day.get(d, [])}) == 1:
            # the system was renamed by the source: the day's only system is the one
            name, event = by_day[d][0]
            linked.append(event)
            names.append(name)
        else:
            linked.append("")
            names.append(n)
    # keep the columns' types, so that an unchanged table compares equal to the one read
    out["event_id"] = pd.Series(linked, index=out.index, dtype=impacts["event_id"].dtype)
    out["missile_name"] = pd.Series(names, index=out.index, dtype=impacts["missile_name"].dtype)
    return out


def _columns(res: dict) -> list[str]:
    return [f["name"] for f in res["schema"]["fields"]]


def _local(source, temp_files: list[Path]) -> Path:
    from usnk.importers.download import fetch, is_url

    from usnk.importers.inputs import input_path

    if is_url(source):
        path = fetch(str(source))
        temp_files.append(path)
        return path
    return input_path(source, "a source file or URL")  # "" would be the working directory


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
    write fails, no target is touched; if a replace fails part-way, the targets already
    replaced are put back from backups (hard links to the old files) and new ones are
    removed, so the folder is left as it was.
    """
    order = sorted(files, key=lambda p: (p == last, str(p)))
    temps: dict[Path, Path] = {}
    backups: dict[Path, Path | None] = {}
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
            backups[target] = _backup(target)
        replaced: list[Path] = []
        try:
            for target in order:
                os.replace(temps[target], target)
                del temps[target]
                replaced.append(target)
        except BaseException:
            for target in reversed(replaced):
                old = backups.pop(target)
                if old is None:
                    target.unlink(missing_ok=True)
                else:
                    os.replace(old, target)
            raise
        dir_fd = os.open(order[0].parent, os.O_RDONLY) if order else None
        if dir_fd is not None:
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    finally:
        for temp in list(temps.values()) + [b for b in backups.values() if b is not None]:
            temp.unlink(missing_ok=True)


def _backup(target: Path) -> Path | None:
    """A hard link to ``target``'s current file beside it (None if there is none)."""
    if not target.exists():
        return None
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".bak", dir=target.parent)
    os.close(fd)
    try:
        os.unlink(name)
        os.link(target, name)
    except OSError:  # no hard links here: a copy does the same job
        shutil.copyfile(target, name)
    return Path(name)
