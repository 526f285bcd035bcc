"""Load the data tables as typed pandas frames, validated first.

Every load validates the whole data folder (see :mod:`usnk.validate`) and raises
:class:`~usnk.errors.DataError` if anything is wrong, so a chart never draws from a
broken table. One :class:`~usnk.datafolder.DataFolder` is kept per folder and
replaced when the ``(path, mtime_ns, size)`` of any file in it changes, so notebooks
can call :func:`load` as often as they like: a cold load reads each file once
(validating and typing share that read), a warm one reads nothing. Callers always
get copies. Column types are those of :func:`usnk.datafolder.typed_frame`.
"""

from __future__ import annotations

import copy
import os
import threading
from pathlib import Path

import pandas as pd

from usnk import paths
from usnk.datafolder import DataFolder, typed_frame
from usnk.errors import Problem

__all__ = ["clear_cache", "folder", "load", "load_all", "package", "problems", "typed_frame"]

_lock = threading.Lock()
_folders: dict[str, tuple[tuple, DataFolder]] = {}


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
    """Forget every cached data folder (its package, problems and frames)."""
    with _lock:
        _folders.clear()


def folder(data_dir: str | os.PathLike | None = None) -> DataFolder:
    """The cached :class:`DataFolder` for the folder's files as they are now."""
    ddir = paths.data_dir(data_dir)
    sig = _signature(ddir)
    with _lock:
        cached = _folders.get(sig[0])
        if cached is None or cached[0] != sig:
            cached = (sig, DataFolder(ddir))
            _folders[sig[0]] = cached
        return cached[1]


def problems(data_dir: str | os.PathLike | None = None) -> list[Problem]:
    """Validation problems of the data folder (cached while its files are unchanged)."""
    return folder(data_dir).validate()


def package(data_dir: str | os.PathLike | None = None) -> dict:
    """The parsed ``datapackage.json`` (a copy). Raises DataError if unreadable."""
    return copy.deepcopy(folder(data_dir).package)


def load(name: str, data_dir: str | os.PathLike | None = None, *, validate: bool = True) -> pd.DataFrame:
    """One table, typed. Raises DataError if the data folder has any problem.

    With ``validate=False`` the table is read and typed without checking (for
    inspecting broken data); a cell that cannot be converted then raises ValueError.
    """
    return folder(data_dir).frame(name, validate=validate)


def load_all(data_dir: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    """Every table, typed and validated, keyed by resource name."""
    return folder(data_dir).frames()
