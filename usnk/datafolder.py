"""The data folder as one object: its paths, its package read once, its tables read once.

Every road to the data goes through :class:`DataFolder`::

    from usnk.datafolder import DataFolder

    folder = DataFolder(path)             # the folder the edge resolved (usnk.load, the CLI)
    folder.package_path                   # .../data/datapackage.json
    folder.resource("summits")            # the resource's descriptor (a dict)
    folder.csv_path("summits")            # .../data/summits.csv
    folder.validate()                     # [Problem, ...]; [] when the data is clean
    folder.frame("summits")               # typed frame (a copy); DataError if invalid
    folder.frames()                       # every table, typed (copies)

An instance reads ``datapackage.json`` at most once and each CSV file at most once,
whatever is asked of it: validating and typing share the same read. It does not
notice later changes to the files; make a new instance for that (:func:`usnk.load.folder`
keeps one per folder and makes a new one when a file changes).

Types: ``date`` → ``datetime64[ns]`` (missing = NaT), ``number`` → ``float64``
(missing = NaN), ``integer`` → ``Int64`` (missing = <NA>), ``boolean`` → ``bool``
(``boolean`` with <NA> if a value is missing), ``string`` → pandas ``str`` dtype
(missing = NaN).
"""

from __future__ import annotations

import copy
import os
import threading
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from usnk import framecache
from usnk.errors import DataError, Problem
from usnk.validate import validate_frames
from usnk.datafiles import load_package, read_resource
from usnk.validate.package import PACKAGE_FILE, resource_file, resources_by_name


_UNSET = object()


class Tables(dict):
    """The typed tables of one data folder, keyed by resource name, with the data
    package they were read with (``tables.package``): the one value :func:`usnk.load.load_all`
    returns and the chapters' findings take as their only input. A plain ``dict`` of
    tables is a ``Tables`` without a package."""

    def __init__(self, tables=(), package: dict | None = None):
        super().__init__(tables)
        self.package = package


def typed_frame(raw: pd.DataFrame, resource: dict) -> pd.DataFrame:
    """Convert a frame of raw strings to the schema's types (no validation).

    A cell that cannot be converted raises ValueError.
    """
    out = {}
    for field in resource["schema"]["fields"]:
        name = field["name"]
        if name not in raw.columns:
            continue
        text = raw[name].astype(object)
        s = pd.Series(text.where(text.ne(""), None).tolist(), index=raw.index, dtype=object)
        ftype = field.get("type", "string")
        if ftype == "date":
            col = pd.to_datetime(s, format="%Y-%m-%d").astype("datetime64[ns]")
        elif ftype == "number":
            col = pd.to_numeric(s).astype("float64")
        elif ftype == "integer":
            col = pd.to_numeric(s).astype("Int64")
        elif ftype == "boolean":
            mapped = s.map({"true": True, "false": False})
            col = mapped.astype(bool) if mapped.notna().all() else mapped.astype("boolean")
        else:
            col = s.where(s.notna(), np.nan).astype("str")
        out[name] = col
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


class DataFolder:
    """One data folder, ``path``. The folder is always named by the caller: the edge
    (:mod:`usnk.load`, the command line, the Sphinx extension) resolves ``--data-dir`` /
    ``$USNK_DATA_DIR`` / the repository's ``data/`` once (:func:`usnk.paths.data_dir`)."""

    def __init__(self, path: str | os.PathLike):
        self.path: Path = Path(path)
        self._lock = threading.RLock()
        self._package: dict | None = None
        self._raw: dict[str, tuple[pd.DataFrame | None, list[Problem]]] = {}
        self._typed: dict[str, pd.DataFrame] = {}
        self._problems: dict[date | None, list[Problem]] = {}
        self._cache: dict[str, pd.DataFrame] | None | object = _UNSET

    def __repr__(self) -> str:
        return f"DataFolder({str(self.path)!r})"

    # ------------------------------------------------------------------ package

    @property
    def package_path(self) -> Path:
        """Where ``datapackage.json`` is."""
        return self.path / PACKAGE_FILE

    @property
    def package(self) -> dict:
        """The parsed ``datapackage.json`` (read once; do not modify it).

        Raises :class:`DataError` with a located problem if it cannot be read.
        """
        with self._lock:
            if self._package is None:
                self._package = load_package(self.path)
            return self._package

    @property
    def resources(self) -> dict[str, dict]:
        """The package's well-formed resources, keyed by name, in package order."""
        return resources_by_name(self.package)

    def resource(self, name: str) -> dict:
        """One resource's descriptor; KeyError naming the known tables if there is none."""
        resources = self.resources
        if name not in resources:
            raise KeyError(f"no table {name!r} in {self.path}; tables: {', '.join(resources)}")
        return resources[name]

    def csv_path(self, name: str) -> Path:
        """The CSV file of resource ``name``."""
        return self.path / resource_file(self.resource(name))

    # ------------------------------------------------------------------ reading

    def _read(self, name: str) -> tuple[pd.DataFrame | None, list[Problem]]:
        with self._lock:
            if name not in self._raw:
                self._raw[name] = read_resource(self.path, name, self.resource(name))
            return self._raw[name]

    def raw(self, name: str) -> pd.DataFrame:
        """Resource ``name`` as read: every cell a string, ``attrs["lines"]`` holding each
        row's file line (not a copy; do not modify it). DataError if unreadable."""
        frame, problems = self._read(name)
        if frame is None:
            raise DataError(problems)
        return frame

    def raw_frames(self) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
        """Every readable resource's raw frame, and the problems met reading the files."""
        frames: dict[str, pd.DataFrame] = {}
        problems: list[Problem] = []
        for name in self.resources:
            frame, found = self._read(name)
            problems.extend(found)
            if frame is not None:
                frames[name] = frame
        return frames, problems

    # ------------------------------------------------------------------ checking

    def validate(self, today: date | None = None) -> list[Problem]:
        """Every problem in the folder: the package, the files, the cells, the rules
        (``today`` bounds dates; the real today by default). ``[]`` when clean."""
        with self._lock:
            if today not in self._problems:
                self._problems[today] = self._find_problems(today)
            return list(self._problems[today])

    def _find_problems(self, today: date | None) -> list[Problem]:
        if not self.path.is_dir():
            return [Problem(str(self.path), None, None, "expected a data folder; not found")]
        try:
            package = self.package
        except DataError as exc:
            return exc.problems
        frames, problems = self.raw_frames()
        described = {resource_file(r) for r in self.resources.values()}
        for path in sorted(self.path.iterdir()):
            if path.suffix.lower() == ".csv" and path.name not in described:
                problems.append(Problem(path.name, None, None,
                                        f"CSV file not described by any resource in {PACKAGE_FILE}"))
        # a missing or unreadable file was reported when reading: don't report it twice
        reported = {p.file for p in problems}
        for p in validate_frames(frames, package, today=today):
            if p.row is None and p.file in reported and p.message.startswith("no data for resource"):
                continue
            problems.append(p)
        return problems

    def _cached_frames(self) -> dict[str, pd.DataFrame] | None:
        """The typed tables :mod:`usnk.framecache` holds for this folder's files as
        they were first asked for (looked up once), or ``None``."""
        with self._lock:
            if self._cache is _UNSET:
                self._cache = framecache.load(self.path) if self.path.is_dir() else None
            return self._cache

    def check(self) -> None:
        """Raise :class:`DataError` carrying every problem, if there is any. Data that
        an earlier check found clean (the same files, code and day; see
        :mod:`usnk.framecache`) is not checked again."""
        if self._cached_frames() is not None:
            return
        found = self.validate()
        if found:
            n = len(found)
            raise DataError(found, f"{n} data problem{'s' if n != 1 else ''} in {self.path}")

    # ------------------------------------------------------------------ typed tables

    def frame(self, name: str, *, validate: bool = True) -> pd.DataFrame:
        """Table ``name``, typed (a copy the caller may change).

        With ``validate`` (the default) any problem anywhere in the folder raises
        :class:`DataError`, so nothing is drawn from broken data. Without it the table
        is read and typed unchecked (for inspecting broken data); a cell that cannot
        be converted then raises ValueError.
        """
        if validate:
            self.check()
        with self._lock:
            if name not in self._typed:
                cached = self._cached_frames()  # there only if these files were found clean
                if cached is not None and name in cached:
                    self._typed[name] = cached[name]
                else:
                    self._typed[name] = typed_frame(self.raw(name), self.resource(name))
            return self._typed[name].copy(deep=True)

    def frames(self) -> Tables:
        """Every table, validated and typed (copies), keyed by resource name, with a
        copy of the package (:class:`Tables`). Clean
        tables are kept in :mod:`usnk.framecache` for the next process that asks."""
        self.check()
        out = Tables({name: self.frame(name, validate=False) for name in self.resources},
                     package=copy.deepcopy(self.package))
        if self._cached_frames() is None:
            framecache.store(self.path, {name: self._typed[name] for name in out})
        return out


def validate_dir(data_dir: str | os.PathLike, *, today: date | None = None) -> list[Problem]:
    """Validate every table in the data folder ``data_dir``; returns the problems
    (empty if clean). The same as ``DataFolder(data_dir).validate(today=today)``."""
    return DataFolder(data_dir).validate(today=today)
