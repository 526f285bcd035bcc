"""What the importers share: the launch table's columns and its identifiers.

Identifiers must be deterministic: an update that re-imports the same source rows
must give them the same ``event_id`` and ``id`` again, so that the summary of what
an update added, changed or removed compares like with like. :func:`assign_ids`
depends only on the rows' values and their order in the input, never on the clock
or on hashing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from usnk.errors import DataError, Problem
from usnk.validate.package import PACKAGE_FILE, resources_by_name

LAUNCHES = "missile_launches"
"""The launch table's resource name."""

EVENT_KEY = "_event_key"
"""Optional temporary column: rows of one day with the same non-empty value here
form one launch event, whatever their facility or launch time."""


def launch_columns(source) -> list[str]:
    """Column order of ``missile_launches.csv`` as the data package declares it.

    ``source`` is the parsed package of the data folder being updated, or anything that
    holds one as ``.package`` (a :class:`~usnk.datafolder.DataFolder`); the caller
    names it, there is no default folder. Raises :class:`DataError` if the package has
    no launch table.
    """
    package = source if isinstance(source, Mapping) else source.package
    resource = resources_by_name(package).get(LAUNCHES)
    if resource is None:
        raise DataError([Problem(PACKAGE_FILE, None, "resources", f"expected a {LAUNCHES!r} resource")])
    return [field["name"] for field in resource["schema"]["fields"]]


def launch_frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Importer rows (dicts of text) as a frame with exactly ``columns``: a column a
    row does not give is ``''``, a key that is not a column is left out."""
    return pd.DataFrame([[row.get(c, "") for c in columns] for row in rows], columns=columns, dtype=object)


def format_number(value: object) -> str:
    """A number as the CSV writes it: ``''`` when missing, no ``.0`` on whole numbers.

    >>> format_number(1380.0), format_number(42.5), format_number(None)
    ('1380', '42.5', '')
    """
    if value is None or value == "":
        return ""
    number = float(value)
    if math.isnan(number):
        return ""
    if number.is_integer():
        return str(int(number))
    return repr(number)


def _iso_dates(column: pd.Series) -> list[str]:
    if pd.api.types.is_datetime64_any_dtype(column):
        return [d.strftime("%Y-%m-%d") if not pd.isna(d) else "" for d in column]
    return ["" if pd.isna(d) else str(d)[:10] for d in column]


def _text(column: pd.Series) -> list[str]:
    return ["" if pd.isna(v) else str(v).strip() for v in column]


def assign_ids(launches: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Give every launch row its ``event_id`` and ``id``; return the rows sorted.

    The rows (our schema's columns, text form; ``id`` and ``event_id`` may be empty
    or absent) are first put in a stable order: by ``date``, then
    ``launch_time_utc`` with unknown times last, then ``origin``, then their order
    in the input. A launch event is either the rows of one day sharing the
    temporary column ``_event_key`` (when present and non-empty), or otherwise the
    rows of one day sharing ``facility`` and ``launch_time_utc``. Events are
    numbered 1, 2, … within each day in order of their first row, so
    ``event_id = "<date>-<n>"``; missiles are numbered 01, 02, … within their
    event, so ``id = "<event_id>-<nn>"``.

    Returns a copy without ``_event_key``, with ``columns`` (the launch table's,
    :func:`launch_columns`) first,
    sorted by date then id (the CSV's row order), index reset. The same input
    always gives the same identifiers.
    """
    df = launches.copy()
    n = len(df)
    for column in ("id", "event_id"):
        if column not in df.columns:
            df[column] = ""
    if n == 0:
        return _finish(df, columns)

    dates = _iso_dates(df["date"])
    times = _text(df["launch_time_utc"]) if "launch_time_utc" in df else [""] * n
    origins = _text(df["origin"]) if "origin" in df else [""] * n
    facilities = _text(df["facility"]) if "facility" in df else [""] * n
    keys = _text(df[EVENT_KEY]) if EVENT_KEY in df else [""] * n

    order = sorted(
        range(n),
        key=lambda i: (dates[i], times[i] == "", times[i], origins[i], i),
    )

    event_ids = [""] * n
    row_ids = [""] * n
    events_per_day: dict[str, dict[tuple, int]] = {}
    missiles_per_event: dict[str, int] = {}
    for i in order:
        day = dates[i]
        if not day:
            raise ValueError(f"launch row {i} has no date; cannot assign an id")
        group = ("key", keys[i]) if keys[i] else ("place", facilities[i], times[i])
        day_events = events_per_day.setdefault(day, {})
        number = day_events.setdefault(group, len(day_events) + 1)
        event_id = f"{day}-{number}"
        missiles_per_event[event_id] = missiles_per_event.get(event_id, 0) + 1
        missile = missiles_per_event[event_id]
        if missile > 99:
            raise ValueError(f"event {event_id} has more than 99 missiles")
        event_ids[i] = event_id
        row_ids[i] = f"{event_id}-{missile:02d}"

    df["event_id"] = event_ids
    df["id"] = row_ids
    df["_sort_date"] = dates
    df["_sort_event"] = [int(e.rsplit("-", 1)[1]) for e in event_ids]
    df["_sort_missile"] = [int(r.rsplit("-", 1)[1]) for r in row_ids]
    df = df.sort_values(
        ["_sort_date", "_sort_event", "_sort_missile"], kind="stable"
    ).drop(columns=["_sort_date", "_sort_event", "_sort_missile"])
    return _finish(df, columns)


def _finish(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    if EVENT_KEY in df.columns:
        df = df.drop(columns=[EVENT_KEY])
    first = [c for c in columns if c in df.columns]
    rest = [c for c in df.columns if c not in first]
    return df[first + rest].reset_index(drop=True)
