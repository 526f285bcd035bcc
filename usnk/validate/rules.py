"""The project's cross-field and cross-row rules (:data:`RULES`) and the freshness
check of each resource's ``last_event_date``."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from usnk.errors import Problem
from usnk.validate.cells import as_date, fmt_num, parse_date
from usnk.validate.package import PACKAGE_FILE
from usnk.validate.table import Table

EVENT_DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "missile_launches": ("date",),
    "nuclear_tests": ("date",),
    "incidents": ("date",),
    "unsc_resolutions": ("date",),
    "summits": ("date", "end_date"),
    "leaders": ("start_date",),
}
"""Which date fields of each table count as its event dates (for freshness)."""



NO_SOURCE_URL = frozenset({"claims"})
"""Tables whose rows need no source_url: the claims catalogue's one source is the article
it catalogues, named in the resource's ``sources``."""


def _rule_source_url(t: Table) -> None:
    """Every row has a source_url starting with http:// or https:// (tables of
    :data:`NO_SOURCE_URL` excepted)."""
    if t.name in NO_SOURCE_URL:
        return
    if "source_url" not in t.fields:
        t.problems.append(Problem(t.file, None, "source_url", "expected a source_url field in the schema"))
        return
    if "source_url" not in t.raw:
        return
    for i, url in enumerate(t.raw["source_url"]):
        if not url.startswith(("http://", "https://")):
            t.problem(i, "source_url", "expected a source link starting with http:// or https://", url or None)


def _check_order(t: Table, small: str, large: str, report: str, expectation: str) -> None:
    """Where both are given, ``small`` <= ``large``; a row that breaks it is reported on
    column ``report`` as "expected <expectation> (<the other value>)"."""
    if not t.has(small, large):
        return
    other = small if report == large else large
    for i in range(t.n):
        lo, hi = t.get(i, small), t.get(i, large)
        if lo is not None and hi is not None and lo > hi:
            t.problem(i, report, f"expected {expectation} ({fmt_num(t.get(i, other))})", fmt_num(t.get(i, report)))


# The order rules are bound here, and only checked when a table is validated.
_rule_trigger_before = partial(_check_order, small="trigger_date", large="date", report="trigger_date",
                               expectation="trigger_date on or before date")
_rule_yield_range = partial(_check_order, small="yield_kt_low", large="yield_kt_high", report="yield_kt_high",
                            expectation="yield_kt_high >= yield_kt_low")
_rule_summit_end = partial(_check_order, small="date", large="end_date", report="end_date",
                           expectation="end_date on or after date")
_rule_summit_breakdown = partial(_check_order, small="date", large="breakdown_date", report="breakdown_date",
                                 expectation="breakdown_date on or after date")
_rule_leader_end = partial(_check_order, small="start_date", large="end_date", report="end_date",
                           expectation="end_date on or after start_date")


def _rule_veto(t: Table) -> None:
    """Vetoed drafts name who vetoed them; adopted resolutions name nobody."""
    if "status" not in t.raw or "vetoed_by" not in t.raw:
        return
    for i in range(t.n):
        status, by = t.raw["status"][i], t.raw["vetoed_by"][i]
        if status == "vetoed" and not by:
            t.problem(i, "vetoed_by", "expected vetoed_by for a vetoed draft")
        elif status == "adopted" and by:
            t.problem(i, "vetoed_by", "expected no vetoed_by for an adopted resolution", by)


def _rule_votes(t: Table) -> None:
    """Votes for, against and abstaining add up to at most 15 (the Council's size)."""
    cols = ("vote_for", "vote_against", "vote_abstain")
    if not t.has(*cols):
        return
    for i in range(t.n):
        votes = [t.get(i, c) for c in cols]
        if all(v is not None for v in votes) and sum(votes) > 15:
            t.problem(i, "vote_for", "expected at most 15 votes in all (for + against + abstain)",
                      " + ".join(str(v) for v in votes))


def _rule_coordinates(t: Table) -> None:
    """latitude and longitude are both given or both empty."""
    if "latitude" not in t.raw or "longitude" not in t.raw:
        return
    for i in range(t.n):
        lat, lon = t.raw["latitude"][i], t.raw["longitude"][i]
        if bool(lat) != bool(lon):
            missing = "longitude" if lat else "latitude"
            t.problem(i, missing, "expected latitude and longitude both present or both empty")


def _rule_missile_events(t: Table) -> None:
    """event_id starts with the row's date, id with its event_id; rows of one event
    share date, facility and launch_time_utc."""
    if "event_id" not in t.raw:
        return
    ev = t.raw["event_id"]
    if "date" in t.raw:
        for i in range(t.n):
            d = t.raw["date"][i]
            if ev[i] and t.get(i, "date") is not None and not ev[i].startswith(d + "-"):
                t.problem(i, "event_id", f"expected event_id to start with the row's date ({d})", ev[i])
    if "id" in t.raw:
        for i in range(t.n):
            rid = t.raw["id"][i]
            if ev[i] and rid and not rid.startswith(ev[i] + "-"):
                t.problem(i, "id", f"expected id to start with its event_id ({ev[i]}-)", rid)
    first: dict[str, int] = {}
    for i in range(t.n):
        if not ev[i]:
            continue
        if ev[i] not in first:
            first[ev[i]] = i
            continue
        j = first[ev[i]]
        for col in ("date", "facility", "launch_time_utc"):
            if col in t.raw and t.raw[col][i] != t.raw[col][j]:
                t.problem(i, col, f"expected the same {col} for every row of event {ev[i]} "
                                  f"(line {t.lines[j]} has {t.raw[col][j] or 'none'!s})",
                          t.raw[col][i] or None)


def _rule_id_starts_with_date(t: Table) -> None:
    """A date-based id starts with the row's date."""
    if "id" not in t.raw or "date" not in t.raw:
        return
    for i in range(t.n):
        rid, d = t.raw["id"][i], t.raw["date"][i]
        if rid and t.get(i, "date") is not None and not rid.startswith(d + "-"):
            t.problem(i, "id", f"expected id to start with the row's date ({d})", rid)


def _rule_month_first(t: Table) -> None:
    """A date known only to the month is written as the first of that month."""
    if not t.has("date", "date_precision"):
        return
    for i in range(t.n):
        d = t.get(i, "date")
        if t.raw["date_precision"][i] == "month" and d is not None and d.day != 1:
            t.problem(i, "date", "expected the first of the month (date_precision is month)", t.raw["date"][i])


ARTICLE_PLACE = ("article_section", "paragraph", "locator")


def _rule_claim_place(t: Table) -> None:
    """A claim of the article says where it is (article_section, paragraph, locator); a
    question of the book's own has no place in the article. A merged register id is
    not itself a claim and is merged only once."""
    if not t.has("origin", *ARTICLE_PLACE):
        return
    for i in range(t.n):
        origin = t.raw["origin"][i]
        for col in ARTICLE_PLACE:
            given = t.raw[col][i] != ""
            if origin == "article" and not given:
                t.problem(i, col, "expected the claim's place in the article (origin is article)")
            elif origin == "book" and given:
                t.problem(i, col, "expected an empty cell: a question of the book's own has no place in the article",
                          t.raw[col][i])
    if "merges" not in t.raw or "claim_id" not in t.raw:
        return
    ids, seen = set(t.raw["claim_id"]), set()
    for i, cell in enumerate(t.raw["merges"]):
        for merged in filter(None, (m.strip() for m in cell.split(";"))):
            if merged in ids:
                t.problem(i, "merges", f"expected a register id that is not itself a claim; {merged} is one", cell)
            elif merged in seen:
                t.problem(i, "merges", f"expected each merged id once; {merged} is merged twice", cell)
            seen.add(merged)


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def _rule_sorted(t: Table) -> None:
    """Rows are sorted by date (then id)."""
    if "date" not in t.values:
        return
    dates = t.values["date"]
    ids = t.raw.get("id")
    prev = None
    for i in range(t.n):
        if dates[i] is None:
            continue
        key = (dates[i], _natural(ids[i]) if ids else ())
        if prev is not None and key < prev[0]:
            what = "date, then id" if ids else "date"
            t.problems.append(Problem(t.file, t.lines[i], "date",
                                      f"expected rows sorted by {what}; this row comes before line {t.lines[prev[1]]}",
                                      t.raw["date"][i]))
        else:
            prev = (key, i)


RULES: dict[str, list[Callable[[Table], None]]] = {
    "*": [_rule_source_url, _rule_coordinates, _rule_sorted],
    "missile_launches": [_rule_missile_events],
    "nuclear_tests": [_rule_yield_range],
    "unsc_resolutions": [_rule_trigger_before, _rule_veto, _rule_votes],
    "summits": [_rule_summit_end, _rule_summit_breakdown],
    "incidents": [_rule_id_starts_with_date],
    "leaders": [_rule_leader_end],
    "claims": [_rule_claim_place],
    "positions": [_rule_month_first],
}
"""Cross-field and cross-row rules per resource name ("*": every resource)."""


def newest_row_date(name: str, frame_or_values) -> date | None:
    """The newest date among a table's rows, in its event-date columns (see
    :data:`EVENT_DATE_FIELDS`); None when no row has one. (The package-wide newest event,
    from the declared ``last_event_date``s, is :func:`usnk.analysis.dates.newest_event_date`.)

    Accepts a frame of raw strings or of parsed dates/timestamps.
    """
    cols = EVENT_DATE_FIELDS.get(name, ("date",))
    best = None
    for col in cols:
        if col not in frame_or_values:
            continue
        for v in list(frame_or_values[col]):
            d = as_date(v)
            if d is not None and (best is None or d > best):
                best = d
    return best


def check_last_event_date(t: Table) -> None:
    """The resource's ``last_event_date`` is its table's newest event date (unchecked
    when the file could not be read to its end: the newest rows may be unread)."""
    if "last_event_date" not in t.res or not t.complete:
        return
    declared = t.res["last_event_date"]
    newest = newest_row_date(t.name, t.values)
    newest_s = newest.isoformat() if newest else None
    if declared == newest_s:
        return
    if not (declared is None or (isinstance(declared, str) and parse_date(declared))):
        return  # reported by check_package
    if newest is None:
        msg = f"last_event_date in {PACKAGE_FILE} is {declared} but {t.file} has no dated rows; expected null"
    else:
        msg = f"last_event_date in {PACKAGE_FILE} is {declared or 'null'} but the newest row is {newest_s}"
    t.problems.append(Problem(PACKAGE_FILE, None, f"{t.name}.last_event_date", msg, declared))


