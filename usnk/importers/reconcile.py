"""Give every CNS missile its Korean date by matching it to the CSIS event of the same launch.

The CNS ``Date`` column is usually the UTC date but sometimes the Korean one, and
neither CNS file says which a row uses; CSIS dates every event by its Korean date.
So the launch table's ``date`` is established per launch, by the first rule that
applies (the rule is recorded in ``date_basis``):

1. ``csis_match``: the CNS missiles entered on one CNS date with the same Korean
   date by their UTC time (a *group*) are matched to a CSIS launch event of the same
   kind (cruise or not) at most one day away, and take its date. A month-only
   CNS date, or a CSIS date on the 1st (how CSIS enters a launch known only to the
   month), also matches within the month; such a match keeps the CNS date. Candidates are ranked: an event on a date the CNS
   row can mean (the CNS date itself, or the Korean date of the CNS date read as
   UTC plus the launch time) before one that is merely a day away; then an event
   whose count of missiles equals the group's; then the nearer date. Each event
   matches at most one group; the best-ranked pairs are taken first. A timed group
   matched a day away from both dates it can mean keeps the date by its time (2).
   A CSIS event that cites no report (its ``resources`` are empty) is still matched,
   so that it is not counted again, but its date decides nothing: it cannot be
   checked, and the one such event (5 August 2019, a pair of launches of the 6th)
   carries the US date.
2. ``utc_time``: the UTC time known and no match on a date it allows: the CNS date
   is read as the UTC date and the Korean date is that instant plus nine hours.
3. ``source_date``: no match, no time: the date as CNS enters it; month-only dates
   always keep it.
4. ``same_launch``: an untimed row that would keep its CNS date (3) but that CNS
   enters on the same date with the same missile and facility as timed rows, all on
   one Korean day, is a missile of that salvo and takes that day (the third KN-25 of
   10 September 2019, which CNS enters without a time on the 9th).

CSIS events that no CNS group matches are launches CNS lacks (CNS has no cruise
missiles at all, leaves out missiles below its range threshold, and the copies end
at some date): their rows are kept, dated by CSIS (``date_basis = source_date``),
except a non-cruise event on a Korean date a CNS group already took from CSIS (the
same launch reported twice) and, up to the newest CNS date, a non-cruise event of
no named class (unnamed short-range firings, mostly rocket artillery). When a
matched CSIS event names exactly one missile class and a CNS missile has none
(``unknown``), the CSIS class is taken and ``class_basis`` says so.

Wherever the time is known, ``launch_date_utc`` is the UTC day of the launch: the
Korean date, or the day before it for times from 15:00 UTC on.

The evidence can be a CSIS file (:func:`csis_events`) or, when an update brings no
CSIS file, the launch table itself (:func:`table_events`): its CSIS rows and the
dates it already took from CSIS.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from usnk.importers.common import EVENT_KEY
from usnk.importers.evidence import decide_day
from usnk.importers.inputs import MAX_CSIS_COUNT
from usnk.kst import korean_date, utc_date

EVIDENCE_COLUMNS = ("_stated_local", "_report_latest")
"""The readers' temporary evidence columns (see :data:`usnk.importers.cns.EVIDENCE_COLUMNS`)."""

MATCHED_BASES = ("csis_match", "source_text", "first_report")
"""Bases of CNS rows that a CSIS event of the same launch was matched to (or could be)."""


def _cell(frame: pd.DataFrame, i: int, column: str) -> str:
    return str(frame.at[i, column]) if column in frame.columns and frame.at[i, column] == frame.at[i, column] else ""

UNKNOWN_CLASS = "unknown"


@dataclass
class LaunchEvent:
    """One launch event of the evidence: its Korean ``date``, whether it is a cruise
    missile launch, how many missiles, which classes it names, and the rows it
    contributes to the table when no CNS group matches it."""

    key: str
    date: str
    cruise: bool
    count: int
    classes: tuple[str, ...]
    rows: pd.DataFrame = field(repr=False)
    fallback: bool = False
    dated: bool = True
    """Whether the event's date is evidence: False for a CSIS event that cites no
    report at all (its date cannot be checked, so it does not decide a CNS reading)."""


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def csis_events(events: pd.DataFrame, facilities=None, *, columns: list[str]) -> list[LaunchEvent]:
    """The launch events of a CSIS table (as read by ``read_csis``), with their rows
    (``columns``: the launch table's, see :func:`usnk.importers.csis.csis_launch_rows`)."""
    from usnk.importers.csis import csis_launch_rows

    rows = csis_launch_rows(events, facilities=facilities, columns=columns)
    sizes = rows.groupby(EVENT_KEY)[EVENT_KEY].transform("size")
    implausible = set(rows.loc[sizes > MAX_CSIS_COUNT, EVENT_KEY])
    if implausible:  # a number in the text that is not the number fired: at least one
        big = rows[EVENT_KEY].isin(implausible)
        rows = pd.concat([rows[~big], rows[big].drop_duplicates(EVENT_KEY).assign(count_is_lower_bound="true")])
    rows.loc[rows["source_date"] == "", "source_date"] = rows["date"]
    rows.loc[rows["date_basis"] == "", "date_basis"] = "source_date"
    rows["class_basis"] = "source"
    rows["launch_date_utc"] = ""
    out = []
    for key, group in rows.groupby(EVENT_KEY, sort=False):
        classes = tuple(dict.fromkeys(group["missile_class"]))
        out.append(LaunchEvent(key, group["date"].iloc[0], all(c == "cruise" for c in classes),
                               len(group), classes, group.drop(columns=[EVENT_KEY]),
                               dated=_cites_report(group)))
    return out


def _cites_report(rows: pd.DataFrame) -> bool:
    """Whether a CSIS event's rows cite a report (not only the CSIS database page)."""
    from usnk.importers.csis import CSIS_DATABASE_URL

    return "source_url" not in rows.columns or bool((rows["source_url"].astype(str) != CSIS_DATABASE_URL).any())


def table_events(launches: pd.DataFrame, matches_only: bool = False) -> list[LaunchEvent]:
    """The CSIS evidence a launch table holds: each CSIS event's rows (unless
    ``matches_only``), and each Korean date its CNS rows took from a CSIS match (with
    the class CSIS supplied). With ``matches_only`` the dates are a fallback, ranked
    after the events of a CSIS file: a new file that lacks an event does not undo the
    dates it gave before."""
    out = []
    csis = launches[launches["origin"] == "csis"]
    for event_id, group in ([] if matches_only else csis.groupby("event_id", sort=False)):
        classes = tuple(dict.fromkeys(group["missile_class"]))
        out.append(LaunchEvent(f"table|{event_id}", group["date"].iloc[0],
                               all(c == "cruise" for c in classes), len(group), classes,
                               group.drop(columns=["id", "event_id"]), dated=_cites_report(group)))
    matched = launches[(launches["origin"] == "cns") & (launches["date_basis"] == "csis_match")
                       | (launches["class_basis"] == "csis")]
    for date, group in matched.groupby("date", sort=False):
        supplied = tuple(dict.fromkeys(group.loc[group["class_basis"] == "csis", "missile_class"]))
        out.append(LaunchEvent(f"table|{date}", date, False, len(group), supplied,
                               group.iloc[0:0].drop(columns=["id", "event_id"]), fallback=matches_only))
    return out


Group = tuple[str, str]
"""CNS rows of one launch: (source date, Korean date by the UTC time, or "")."""


def _groups(cns: pd.DataFrame) -> dict[Group, list[int]]:
    """The CNS rows by launch: same source date and the same Korean date by their time."""
    groups: dict[Group, list[int]] = {}
    for i, (source, time, precision) in enumerate(
            zip(cns["source_date"], cns["launch_time_utc"], cns["date_precision"])):
        by_time = korean_date(source, time) if time and precision == "day" else ""
        groups.setdefault((source, by_time), []).append(i)
    return groups


def _group_evidence(cns: pd.DataFrame, groups: dict[Group, list[int]]) -> dict[Group, tuple[str, str]]:
    """Each launch's own evidence: the local date its text states, its first report's date."""
    evidence = {}
    for group, members in groups.items():
        stated = next((v for v in (_cell(cns, i, "_stated_local") for i in members) if v), "")
        latest = min((v for v in (_cell(cns, i, "_report_latest") for i in members) if v), default="")
        evidence[group] = (stated, latest)
    return evidence


def _match(cns: pd.DataFrame, groups: dict[Group, list[int]], evidence: dict[Group, tuple[str, str]],
           events: list[LaunchEvent]) -> tuple[dict[Group, LaunchEvent], set[int]]:
    """Each CNS launch's CSIS event, if any (best ranked pairs first, each event used
    once), and the indices of the events used."""
    pairs = []
    for group, members in groups.items():
        source, by_time = group
        day = _day(source)
        by_month = cns.at[members[0], "date_precision"] != "day"
        plausible = {source, by_time}
        time = cns.at[members[0], "launch_time_utc"]
        decided = decide_day(source, time, *evidence[group])[0] if by_time else ""
        cruise = all(cns.at[i, "missile_class"] == "cruise" for i in members)
        for n, ev in enumerate(events):
            gap = abs((_day(ev.date) - day).days)
            near = gap <= 1 or ((by_month or ev.date.endswith("-01")) and ev.date[:7] == source[:7])
            if not near or ev.cruise != cruise:
                continue
            rank = (bool(decided) and ev.date != decided, ev.date not in plausible, ev.fallback,
                    ev.count != len(members), gap, ev.date, n)
            pairs.append((rank, group, n))
    matched: dict[Group, LaunchEvent] = {}
    used: set[int] = set()
    for _, group, n in sorted(pairs):
        if group in matched or n in used:
            continue
        matched[group] = events[n]
        used.add(n)
    return matched, used


def _date_rows(cns: pd.DataFrame, groups: dict[Group, list[int]], evidence: dict[Group, tuple[str, str]],
               matched: dict[Group, LaunchEvent]) -> set[str]:
    """Date (and, where CSIS names the one class, class) every CNS row in place; the
    Korean dates of launches a CSIS event matched."""
    taken: set[str] = set()
    for group, members in groups.items():
        source, by_time = group
        ev = matched.get(group)
        for i in members:
            time = cns.at[i, "launch_time_utc"]
            cls, cls_basis = cns.at[i, "missile_class"], cns.at[i, "class_basis"] or "source"
            near = ev is not None and abs((_day(ev.date) - _day(source)).days) <= 1
            same_launch = near and cns.at[i, "date_precision"] == "day" and (
                not by_time or ev.date in (source, by_time))
            if by_time:
                date, basis = decide_day(source, time, *evidence[group],
                                         csis=ev.date if same_launch and ev.dated else "")
            elif same_launch and ev.dated:
                date, basis = ev.date, "csis_match"
            else:
                date, basis = source, "source_date"
            if same_launch:
                taken.add(date)
                named = [c for c in ev.classes if c != UNKNOWN_CLASS]
                if cls == UNKNOWN_CLASS and len(named) == 1:
                    cls, cls_basis = named[0], "csis"
            cns.loc[i, ["date", "date_basis", "launch_date_utc", "missile_class", "class_basis"]] = [
                date, basis, utc_date(date, time) if time else "", cls, cls_basis]
    return taken


def _unmatched_rows(events: list[LaunchEvent], used: set[int], taken: set[str], covered_until: str) -> list:
    """The rows of the CSIS events no CNS launch took, each keyed as one event; left out:
    a second report of a launch already dated, and unnamed short-range firings within
    the CNS coverage."""
    extra = []
    for n, ev in enumerate(events):
        if n in used or not len(ev.rows):
            continue
        if not ev.cruise and ev.date in taken:
            continue  # the same launch reported twice (e.g. a launch and the "satellite" claimed)
        if not ev.cruise and ev.date <= covered_until and set(ev.classes) == {UNKNOWN_CLASS}:
            continue  # unnamed short-range firings CNS, which counts every ballistic missile, left out
        rows = ev.rows.copy()
        rows[EVENT_KEY] = ev.key
        extra.append(rows)
    return extra


def reconcile(cns: pd.DataFrame, events: list[LaunchEvent]) -> pd.DataFrame:
    """CNS rows dated by the rules above, followed by the rows of unmatched events.

    ``cns`` holds rows as the CNS readers give them (``date == source_date``,
    ``missile_class`` as CNS types it). Returns a new frame (text cells) with
    ``date``, ``date_basis``, ``launch_date_utc`` and, where CSIS supplies it,
    ``missile_class``/``class_basis`` set; CSIS rows carry the temporary
    ``_event_key`` column so that each CSIS event stays one event.
    """
    cns = cns.copy().reset_index(drop=True)
    groups = _groups(cns)
    evidence = _group_evidence(cns, groups)
    matched, used = _match(cns, groups, evidence, events)
    taken = _date_rows(cns, groups, evidence, matched) | _date_untimed_with_timed(cns)
    cns[EVENT_KEY] = ""
    covered_until = max(cns["source_date"]) if len(cns) else ""
    cns = cns.drop(columns=[c for c in EVIDENCE_COLUMNS if c in cns.columns])
    extra = _unmatched_rows(events, used, taken, covered_until)
    out = pd.concat([cns, *extra], ignore_index=True) if extra else cns
    return out.fillna("").astype(str)


def _date_untimed_with_timed(cns: pd.DataFrame) -> set[str]:
    """Give an untimed CNS row the Korean date of the timed rows of its launch (rule 4,
    ``same_launch``): rows CNS enters on the same date with the same missile and
    facility are one salvo, so a missile whose time CNS lacks ("3 of 3 tests") flew on
    the day its timed siblings did. Only rows still dated as entered (``source_date``)
    are moved, and only when the timed siblings all fall on one Korean day. Returns
    the dates given."""
    given: set[str] = set()
    if not {"missile_name", "facility"} <= set(cns.columns):
        return given
    timed = cns["launch_time_utc"] != ""
    for i in cns.index[~timed & (cns["date_basis"] == "source_date") & (cns["date_precision"] == "day")]:
        same = (timed & (cns["source_date"] == cns.at[i, "source_date"])
                & (cns["missile_name"] == cns.at[i, "missile_name"]) & (cns["facility"] == cns.at[i, "facility"]))
        days = set(cns.loc[same, "date"])
        if len(days) == 1 and (day := days.pop()) != cns.at[i, "source_date"]:
            cns.loc[i, ["date", "date_basis"]] = [day, "same_launch"]
            given.add(day)
    return given


def source_rows(cns: pd.DataFrame) -> pd.DataFrame:
    """CNS rows of the table put back as CNS gives them: the source date, and the
    class CNS gives (``unknown`` where CSIS supplied one)."""
    out = cns.copy()
    out["_stated_local"] = [d if b == "source_text" else "" for d, b in zip(out["date"], out["date_basis"])]
    out["_report_latest"] = [d if b == "first_report" else "" for d, b in zip(out["date"], out["date_basis"])]
    out["date"] = out["source_date"]
    out.loc[out["class_basis"] == "csis", "missile_class"] = UNKNOWN_CLASS
    out["class_basis"] = "source"
    out["date_basis"] = ""
    out["launch_date_utc"] = ""
    return out
