"""Load the data tables as typed pandas frames, validated first.

Every load validates the whole data folder (see :mod:`usnk.validate`) and raises
:class:`~usnk.errors.DataError` if anything is wrong, so a chart never draws from a
broken table. Validation results and typed frames are cached by the
``(path, mtime_ns, size)`` of every file in the folder, so notebooks can call
:func:`load` as often as they like; callers always get copies.

Types: ``date`` → ``datetime64[ns]`` (missing = NaT), ``number`` → ``float64``
(missing = NaN), ``integer`` → ``Int64`` (missing = <NA>), ``boolean`` → ``bool``
(``boolean`` with <NA> if a value is missing), ``string`` → pandas ``str`` dtype
(missing = NaN).
"""

from __future__ import annotations

import copy
import os
import threading
from pathlib import Path

import numpy as np
import pandas as pd

from usnk import paths
from usnk.errors import DataError, Problem
from usnk.validate import load_package, read_frames, resources_by_name, validate_dir

_lock = threading.Lock()
_validated: dict[tuple, list[Problem]] = {}
_typed: dict[tuple, dict[str, pd.DataFrame]] = {}
_packages: dict[tuple, dict] = {}


def _signature(ddir: Path) -> tuple:
    """(path, mtime_ns, size) of every file in the data folder."""
    try:
        entries = sorted(ddir.iterdir())
    except OSError:
        return (str(ddir), None)
    sig = []
    for p in entries:
        try:
            st = p.stat()
        except OSError:
            continue
        if p.is_file():
            sig.append((str(p.resolve()), st.st_mtime_ns, st.st_size))
    return (str(ddir.resolve()), tuple(sig))


def clear_cache() -> None:
    """Forget every cached validation result, package and frame."""
    with _lock:
        _validated.clear()
        _typed.clear()
        _packages.clear()


def problems(data_dir: str | os.PathLike | None = None) -> list[Problem]:
    """Validation problems of the data folder (cached by file signature)."""
    ddir = paths.data_dir(data_dir)
    sig = _signature(ddir)
    with _lock:
        if sig in _validated:
            return list(_validated[sig])
    found = validate_dir(ddir)
    with _lock:
        _validated[sig] = found
    return list(found)


def _ensure_valid(ddir: Path) -> None:
    found = problems(ddir)
    if found:
        raise DataError(found, f"{len(found)} data problem{'s' if len(found) != 1 else ''} in {ddir}")


def package(data_dir: str | os.PathLike | None = None) -> dict:
    """The parsed ``datapackage.json`` (a copy). Raises DataError if unreadable."""
    ddir = paths.data_dir(data_dir)
    sig = _signature(ddir)
    with _lock:
        cached = _packages.get(sig)
    if cached is None:
        cached = load_package(ddir)
        with _lock:
            _packages[sig] = cached
    return copy.deepcopy(cached)


def typed_frame(raw: pd.DataFrame, resource: dict) -> pd.DataFrame:
    """Convert a frame of raw strings to the schema's types (no validation)."""
    out = {}
    for field in resource["schema"]["fields"]:
        name = field["name"]
        if name not in raw.columns:
            continue
        s = raw[name].astype(object).where(raw[name].astype(object).ne(""), None)
        s = pd.Series(s.tolist(), index=raw.index, dtype=object)
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
    frame = pd.DataFrame(out, index=pd.RangeIndex(len(raw)))
    return frame


def _typed_all(ddir: Path) -> dict[str, pd.DataFrame]:
    sig = _signature(ddir)
    with _lock:
        cached = _typed.get(sig)
    if cached is not None:
        return cached
    _ensure_valid(ddir)
    pkg = load_package(ddir)
    raw, found = read_frames(ddir, pkg)
    if found:  # the files changed between validating and reading
        raise DataError(found)
    frames = {name: typed_frame(raw[name], res) for name, res in resources_by_name(pkg).items()}
    with _lock:
        _typed[sig] = frames
        _packages.setdefault(sig, pkg)
    return frames


def load(name: str, data_dir: str | os.PathLike | None = None, *, validate: bool = True) -> pd.DataFrame:
    """One table, typed. Raises DataError if the data folder has any problem.

    With ``validate=False`` the table is read and typed without checking (for
    inspecting broken data); a cell that cannot be converted then raises ValueError.
    """
    ddir = paths.data_dir(data_dir)
    if validate:
        frames = _typed_all(ddir)
        if name not in frames:
            raise KeyError(f"no table {name!r} in {ddir}; tables: {', '.join(frames)}")
        return frames[name].copy(deep=True)
    pkg = load_package(ddir)
    resources = resources_by_name(pkg)
    if name not in resources:
        raise KeyError(f"no table {name!r} in {ddir}; tables: {', '.join(resources)}")
    raw, found = read_frames(ddir, {"resources": [resources[name]]})
    if name not in raw:
        raise DataError(found)
    return typed_frame(raw[name], resources[name])


def load_all(data_dir: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    """Every table, typed and validated, keyed by resource name."""
    frames = _typed_all(paths.data_dir(data_dir))
    return {name: f.copy(deep=True) for name, f in frames.items()}
