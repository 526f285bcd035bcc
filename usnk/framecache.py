"""A cache of checked, typed tables, keyed by everything they were made from.

Every notebook of the book starts a kernel that loads the tables, and loading means
reading every CSV file, checking every rule and converting every column: about half
a second with today's tables, and 15 to 20 seconds with a launch table a hundred
times as long, paid again by each of the nine notebooks. :class:`usnk.datafolder.DataFolder`
therefore keeps, after a check that found no problem, the typed tables in a file of
this cache, and a later kernel reading the same folder takes them from there.

The key is a SHA-256 of what the result depends on: the bytes of ``datapackage.json``
and of every CSV file in the folder, the source of every module of :mod:`usnk` (the
rules and the conversions), the pandas and NumPy versions, and today's date (dates
after today are errors). Change any of them and the tables are read and checked
again. Only clean data is cached: a folder with problems is checked every time, so
its errors are always reported. ``python -m usnk validate`` never uses the cache.

Where: ``$USNK_CACHE_DIR``, else ``$XDG_CACHE_HOME/usnk``, else ``~/.cache/usnk``;
``USNK_CACHE_DIR=off`` switches it off (the test suite does, so that every test
checks the data it is given). Files are written whole (a temporary file renamed)
and only the newest :data:`KEEP` are kept. A cache file that cannot be read or
written is ignored: the tables are then simply read and checked.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

#: Cache files kept (the newest); each holds one folder's tables.
KEEP = 8
#: ``USNK_CACHE_DIR`` values that switch the cache off.
OFF = ("off", "0", "none", "false")
_SOURCES = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is switched off."""
    env = os.environ.get("USNK_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in OFF or not env.strip() else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "usnk"


def key(folder: Path, today: date | None = None) -> str:
    """The cache key of the data folder ``folder`` as its files are now."""
    h = hashlib.sha256()
    h.update(f"pandas {pd.__version__} numpy {np.__version__} today {today or date.today()}\n".encode())
    data = [p for p in sorted(Path(folder).iterdir()) if p.suffix.lower() in (".csv", ".json") and p.is_file()]
    code = sorted(p for p in _SOURCES.rglob("*.py") if "__pycache__" not in p.parts)
    for label, paths in (("data", data), ("code", code)):
        for path in paths:
            h.update(f"{label} {path.name} {path.stat().st_size}\n".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def load(folder: Path) -> dict[str, pd.DataFrame] | None:
    """The cached tables of ``folder``, or ``None`` (no cache, no entry, unreadable)."""
    where = cache_dir()
    if where is None:
        return None
    path = where / f"{key(folder)}.pickle"
    try:
        with path.open("rb") as fh:
            frames = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(frames, dict) or not all(isinstance(f, pd.DataFrame) for f in frames.values()):
        return None
    return frames


def store(folder: Path, frames: dict[str, pd.DataFrame]) -> Path | None:
    """Keep ``frames`` (typed tables of ``folder``, checked and clean) in the cache;
    returns the file written, or ``None`` when the cache is off or not writable."""
    where = cache_dir()
    if where is None:
        return None
    target = where / f"{key(folder)}.pickle"
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(frames, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        _prune(where)
    except OSError:
        return None
    return target


def _prune(where: Path) -> None:
    """Remove all but the :data:`KEEP` newest cache files."""
    files = sorted((p for p in where.glob("*.pickle") if not p.name.startswith(".")),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
