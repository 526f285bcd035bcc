"""What new data changed: the verdicts of each applied release and the verdicts that
moved since the previous one.

``data/verdict_history.csv`` holds one row per claim and release (``update, claim_id,
verdict``). ``python -m usnk update`` appends the verdicts of the release it applies
(:func:`history_rows`, called from :mod:`usnk.importers.update`), and the claims
register compares each claim's verdict now with the one recorded at the previous
release (:func:`verdict_changes`).
"""

from __future__ import annotations

import pandas as pd

from ..labels import date_label

VERDICT_HISTORY = "verdict_history"
HISTORY_COLUMNS = ["update", "claim_id", "verdict", "source_url"]


def current_update(releases: pd.DataFrame | None) -> str | None:
    """The update the data now come from: the newest in the release log."""
    if releases is None or not len(releases):
        return None
    return str(releases.sort_values(["applied_on", "update"])["update"].iloc[-1])


def register_of(frames: dict, package: dict) -> pd.DataFrame:
    """The claims register computed on ``frames`` (typed tables) of ``package``, with the
    history chapter counted to the package's newest event (not the folder on disk)."""
    from ..analysis import newest_event_date
    from .base import verdict_frame
    from .history import history
    from .register import CHAPTERS

    as_of = newest_event_date(package)
    verdicts = []
    for chapter in CHAPTERS:
        found = chapter(frames, as_of=as_of) if chapter is history else chapter(frames)
        verdicts.extend(found.verdicts)
    return verdict_frame(verdicts)


def history_rows(history: pd.DataFrame | None, update: str, register: pd.DataFrame,
                 releases: pd.DataFrame) -> pd.DataFrame:
    """``history`` with the verdicts of ``register`` recorded for ``update`` (rows of the
    same update replaced), as strings in :data:`HISTORY_COLUMNS` order. Each row links
    the source of the update's first file in the release log, the data the verdict was
    computed on."""
    old = history if history is not None else pd.DataFrame(columns=HISTORY_COLUMNS)
    old = old[old["update"].astype(str) != update][HISTORY_COLUMNS]
    files = releases[releases["update"].astype(str) == update]
    if files.empty:
        raise ValueError(f"update {update} is not in the release log")
    new = pd.DataFrame({"update": update, "claim_id": register["claim_id"].astype(str),
                        "verdict": register["verdict"].astype(str), "source_url": str(files["source_url"].iloc[0])},
                       columns=HISTORY_COLUMNS)
    return pd.concat([old, new], ignore_index=True).astype(str)


def previous_update(history: pd.DataFrame | None, releases: pd.DataFrame | None) -> str | None:
    """The release to compare with: the newest recorded update other than the one the
    data now come from (None when no earlier release is recorded)."""
    if history is None or not len(history):
        return None
    now = current_update(releases)
    order = (list(releases.sort_values(["applied_on", "update"])["update"].drop_duplicates())
             if releases is not None and len(releases) else [])
    recorded = [u for u in order if u in set(history["update"].astype(str)) and u != now]
    return recorded[-1] if recorded else None


def verdict_changes(register: pd.DataFrame, history: pd.DataFrame | None,
                    releases: pd.DataFrame | None) -> tuple[pd.DataFrame, dict]:
    """The register with a ``change`` column (what the verdict was at the previous
    release, when it differs, or that the claim is new since then) and a summary:
    ``previous`` (the update compared with, or None), ``previous_date``, ``moved`` (a
    list of ``(claim_id, claim, before, after)``) and ``n_moved``."""
    prev = previous_update(history, releases)
    out = register.copy()
    if prev is None:
        out["change"] = ""
        return out, {"previous": None, "previous_date": "", "moved": [], "n_moved": 0}
    was = history[history["update"].astype(str) == prev].set_index("claim_id")["verdict"]
    applied = releases.loc[releases["update"] == prev, "applied_on"].iloc[0]
    when = f"release {prev} (applied {date_label(pd.Timestamp(applied))})"
    changes, moved = [], []
    for r in out.itertuples(index=False):
        if r.claim_id not in was.index:
            changes.append(f"new since {when}")
            moved.append((r.claim_id, r.claim, "", r.verdict))
        elif was[r.claim_id] != r.verdict:
            changes.append(f"was {was[r.claim_id]} at {when}")
            moved.append((r.claim_id, r.claim, was[r.claim_id], r.verdict))
        else:
            changes.append("")
    out["change"] = changes
    return out, {"previous": prev, "previous_date": date_label(pd.Timestamp(applied)), "moved": moved,
                 "n_moved": len(moved)}


def record_release(frames: dict, package: dict, update: str, *, before: dict | None = None,
                   before_package: dict | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The verdict history after applying ``update``: ``frames`` are the update's valid
    tables as raw strings (``releases`` already holding the update's entries). When the
    history has no rows for the release the data came from, they are computed first from
    ``before`` (the tables before the update, with ``before_package``), so the register
    can compare the two. Returns the new history and one report line per verdict that
    moved (``claim_id: before → after``)."""
    from ..datafolder import typed_frame

    def typed(tables, pkg):
        resources = {r["name"]: r for r in pkg["resources"]}
        return {name: typed_frame(frame, resources[name]) for name, frame in tables.items() if name in resources}

    history = frames.get(VERDICT_HISTORY)
    releases = frames["releases"]
    prev = current_update(before.get("releases")) if before is not None else None
    if prev is not None and (history is None or prev not in set(history["update"].astype(str))):
        absent = [name for name, frame in frames.items()
                  if frame is not None and len(frame) and (before.get(name) is None or not len(before[name]))]
        if absent:  # a table the update builds from nothing: the old verdicts cannot be known
            prev = None
        else:
            history = history_rows(history, prev, register_of(typed(before, before_package), before_package),
                                   releases)
    register = register_of(typed(frames, package), package)
    history = history_rows(history, update, register, releases)
    lines = []
    if prev is not None:
        was = history[history["update"] == prev].set_index("claim_id")["verdict"]
        for r in register.itertuples(index=False):
            if was.get(r.claim_id) != r.verdict:
                lines.append(f"{r.claim_id}: {was.get(r.claim_id, 'new')} → {r.verdict}")
    return history, lines
