"""The Korean day of an event, from the evidence its sources give.

Two questions, one module, so that every importer (CNS, CSIS launches, CSIS
incidents) and every update answers them the same way.

**A CNS row with a launch time.** CNS gives a date and a UTC time, but does not say
whether the date is the UTC date or the Korean one. For a time before 15:00 UTC the
two readings give the same Korean day; from 15:00 UTC on they differ by one day:
the date read as UTC gives the next Korean day, the date read as Korean keeps it.
The reading is chosen by the strongest evidence available (:func:`decide_day`,
recorded in ``date_basis``):

1. ``source_text``: the source's own text states the local date
   (:func:`stated_local_date`: "On May 25 (local time)", "the following day,
   November 3", "at dawn of 2 September").
2. ``first_report``: the earliest dated report among the row's sources (a date in
   the URL, :func:`report_dates`) rules a reading out, because a launch is never
   after its first report. A report from a Korean or Japanese publisher carries the
   Korean date; one from elsewhere can carry the previous day's date, so it only
   rules out a day more than one day after it. A report dated before every day the
   row can mean is not a report of this launch (a wrong link) and is ignored.
3. ``csis_match``: the date of the CSIS event of the same launch, when that event
   cites a report (see :mod:`usnk.importers.reconcile`).
4. ``utc_time`` (the default): the date read as the UTC date, plus nine hours.

Whatever reading wins, the instant is the one CNS gives: ``launch_date_utc`` and
``date`` always differ by the nine hours of Korea Standard Time, never more.

**A row without an instant** (CSIS events, launches and incidents alike). CSIS
sometimes dates an event by the day it was reported. :func:`described_day` reads the
day from the description's own words, against the CSIS date: an explicit date
("on October 19", "On March 9, 2020"), a weekday ("early Thursday", "on Tuesday
morning", "Thursday's launch"), or "the night of 12 June". A phrase about a report
("the JCS said Tuesday", "reported on Monday") or about another event ("a similar
incident on June 9", "last Thursday", "the anniversary", "as with the March 16
launches", a dated citation in parentheses) is not the event's day.
Only the first phrase that qualifies counts; a weekday names the day with that name
nearest the CSIS date (at most three days away), a month and day without a year the
nearest such date within a week before to a day after the CSIS date, "on New Year's
Day" the 1 January at most a day from it (a week either
way when the year is given). A weekday and a date given together that disagree are no
evidence. Rows so dated say ``date_basis = description``.
"""

from __future__ import annotations

import datetime as dt
import re

from usnk.kst import candidate_days, korean_date

# ------------------------------------------------------------------ dates in text

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: n for name, n in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = r"(?:" + "|".join(_WEEKDAYS) + r")"

# "May 31, 2023", "November 3", "2 September 2017", "Sep. 4", "August 10th"
_DATE = (r"(?:(?P<m1>" + _MONTH + r")\s*(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y1>\d{4}))?"
         r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MONTH + r")(?:,?\s+(?P<y2>\d{4}))?)")
_DATE_RE = re.compile(r"\b" + _DATE + r"\b", re.I)
_DATE_PLAIN = re.sub(r"\?P<\w+>", "?:", _DATE)


def _date_of(m: re.Match, near: dt.date, before: int, after: int) -> dt.date | None:
    """The date a matched month/day (and year) names, nearest ``near`` within the
    window ``near - before`` .. ``near + after`` days; None outside it or impossible."""
    month = _MONTHS[(m["m1"] or m["m2"]).lower().rstrip(".")]
    day = int(m["d1"] or m["d2"])
    year = m["y1"] or m["y2"]
    years = [int(year)] if year else [near.year - 1, near.year, near.year + 1]
    best = None
    for y in years:
        try:
            candidate = dt.date(y, month, day)
        except ValueError:
            continue
        gap = (candidate - near).days
        if -before <= gap <= after and (best is None or abs(gap) < abs((best - near).days)):
            best = candidate
    return best


# ------------------------------------------------------------------ 1. stated local date

_LOCAL_AFTER = re.compile(r"^\s*(?:,\s*)?\(?\s*local time|^\s*(?:,\s*)?\(\s*KST|^\s*(?:,\s*)?\(KCT\)", re.I)
_LOCAL_BEFORE = re.compile(
    r"(?:local time,?\s+(?:on\s+)?|\(local time\)\s+(?:on\s+)?|following day,\s*|next day,\s*|"
    r"at dawn (?:of|on)\s+|early (?:in the )?morning (?:of|on)\s+|in the morning (?:of|on)\s+|"
    r"the morning of\s+|KST (?:on\s+)?)$", re.I)


def stated_local_date(text: str, near: str) -> str:
    """The local (Korean) date the text states, as ISO, or ''.

    A date counts only where the text marks it as local: followed by "(local time)",
    "local time" or "(KST)", or preceded by "local time on", "the following day,", "at
    dawn of", "the morning of". The year, when the text gives none, is the one that
    puts the date nearest ``near`` (the source's own date); a date more than a week
    from ``near`` is not this event's.

    >>> stated_local_date("On May 31, 2023 (local time), North Korea attempted", "2023-05-30")
    '2023-05-31'
    >>> stated_local_date("The following day, November 3, North Korea", "2022-11-02")
    '2022-11-03'
    >>> stated_local_date("On March 24, 2021, North Korea conducted", "2021-03-24")
    ''
    """
    text = " ".join(str(text or "").split())
    anchor = dt.date.fromisoformat(near)
    for m in _DATE_RE.finditer(text):
        local = _LOCAL_AFTER.search(text[m.end():m.end() + 30]) or _LOCAL_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        if not local:
            continue
        day = _date_of(m, anchor, 7, 7)
        if day is not None:
            return day.isoformat()
    return ""


# ------------------------------------------------------------------ 2. dated reports

_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/[^\s;<>\"']*)?", re.I)
_URL_DATES = [
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?!\d)"),   # /2022/11/03/, 2022-01-05
    re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"),          # AEN20221103..., 20221103
]
_KOREA_JAPAN_HOSTS = re.compile(
    r"\.(?:kr|jp|kp)$|(?:^|\.)(?:nknews\.org|kcnawatch\.org|38north\.org)$", re.I)


def report_dates(sources: str) -> list[tuple[str, bool]]:
    """``(date, korean_time)`` for each source URL that carries its date: in the path
    as ``/YYYY/MM/DD/`` or ``YYYY-MM-DD``, or as eight digits ``YYYYMMDD`` (Yonhap's
    ``AEN20221103…`` ids, many news sites' paths). ``korean_time`` is True for Korean
    and Japanese publishers (.kr, .jp, .kp hosts, NK News, KCNA Watch), whose dates
    are Korean (or Japanese, the same) dates.

    >>> report_dates("https://en.yna.co.kr/view/AEN20220105001855325?section=x; "
    ...              "https://www.reuters.com/world/x-2022-01-05/")
    [('2022-01-05', True), ('2022-01-05', False)]
    """
    out = []
    for m in _URL.finditer(str(sources or "")):
        host, _, path = re.sub(r"^https?://", "", m[0], flags=re.I).partition("/")
        host = host.lower()
        for pattern in _URL_DATES:
            d = pattern.search(path)
            if d:
                try:
                    day = dt.date(int(d[1]), int(d[2]), int(d[3]))
                except ValueError:
                    continue
                out.append((day.isoformat(), bool(_KOREA_JAPAN_HOSTS.search(host))))
                break
    return out


def latest_day(reports: list[tuple[str, bool]], candidates: list[str]) -> str:
    """The latest Korean day the reports allow (''), given the days a row can mean:
    a Korean/Japanese report's own date, any other report's date plus one day;
    reports dated before every candidate are ignored (they are not about this event)."""
    if not candidates:
        return ""
    earliest = min(candidates)
    limits = []
    for day, korean in reports:
        limit = day if korean else (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
        if limit >= earliest:
            limits.append(limit)
    return min(limits, default="")


# ------------------------------------------------------------------ the decision


def decide_day(source: str, utc_time: str, stated: str = "", latest: str = "",
               csis: str = "") -> tuple[str, str]:
    """``(Korean date, date_basis)`` of a CNS row with a launch time, by the evidence
    order of the module docstring; ``stated`` is the source's stated local date,
    ``latest`` the latest day its reports allow (:func:`latest_day`), ``csis`` the
    date of its matched CSIS event ('' for none of these).

    >>> decide_day("2022-11-02", "22:39", stated="2022-11-03", csis="2022-11-02")
    ('2022-11-03', 'source_text')
    >>> decide_day("2022-01-05", "23:10", latest="2022-01-05")
    ('2022-01-05', 'first_report')
    >>> decide_day("2022-01-05", "23:10")
    ('2022-01-06', 'utc_time')
    """
    days = candidate_days(source, utc_time)
    by_utc = korean_date(source, utc_time)
    if len(days) == 1:
        return (csis, "csis_match") if csis == days[0] else (by_utc, "utc_time")
    if stated in days:
        return stated, "source_text"
    if latest:
        allowed = [d for d in days if d <= latest]
        if len(allowed) == 1:
            return allowed[0], "first_report"
    if csis in days:
        return csis, "csis_match"
    return by_utc, "utc_time"


# ------------------------------------------------------------------ rows without an instant

_DAY_PHRASE = re.compile(
    r"(?P<night>(?:on\s+)?the\s+night\s+of\s+)?"
    r"(?:(?P<wd>" + _WEEKDAY + r")(?P<poss>['’]s\s+(?:launch|launches|test|tests|firing|firings))?"
    r"(?:\s*(?:,|\()?\s*(?P<date_after>" + _DATE_PLAIN + r"))?"
    r"|(?P<date>" + _DATE_PLAIN + r")(?:\s*,?\s*\(?(?P<wd_after>" + _WEEKDAY + r"))?)",
    re.I)
_REPORTED_BEFORE = re.compile(
    r"(?:said|says|reported|announced|told\s+\w+|stated|according\s+to[^.,;]{0,60}?|notified\s+\w+"
    r"(?:\s+at\s+[\d:.apm ]+)?|published|revealed|disclosed|confirmed|showed\s+[\w\s]{0,20}?)"
    r"\s*(?:on\s+|late\s+|early\s+)?(?:for the first time\s+on\s+)?$", re.I)
_OTHER_EVENT_CLAUSE = re.compile(
    r"\b(?:since|after|before|earlier|last|previous(?:ly)?|similar|compared|also|as with|first|until|anniversary|launched on|tested on)\b|\([^)]*$", re.I)
_OTHER_EVENT_AFTER = re.compile(r"^[^.;]{0,25}anniversary|^\s*(?:and|to|–|-)\s+\d|^\s*(?:-|–)", re.I)


def described_day(description: str, reported: str) -> str:
    """The Korean day the description says the event happened, as ISO, or '' when it
    says nothing usable (see the module docstring); ``reported`` is the CSIS date.

    >>> described_day("fired missiles toward the sea on Tuesday morning, according to", "2024-11-04")
    '2024-11-05'
    >>> described_day("soldiers crossed the MDL on October 19. The 20 soldiers", "2025-10-23")
    '2025-10-19'
    >>> described_day("the Joint Chiefs of Staff said Tuesday. The detonations", "2024-10-15")
    ''
    """
    text = " ".join(str(description or "").split())
    anchor = dt.date.fromisoformat(reported)
    for m in _DAY_PHRASE.finditer(text):
        before = text[max(0, m.start() - 240):m.start()]
        after = text[m.end():m.end() + 40]
        if _REPORTED_BEFORE.search(before) or _OTHER_EVENT_AFTER.search(after):
            continue
        clause = re.split(r"[.;!?]\s+(?=[A-Z\"“])", before)[-1]
        if _OTHER_EVENT_CLAUSE.search(clause) and not m["night"]:
            continue
        weekday = m["wd"] or m["wd_after"]
        by_weekday = _nearest_weekday(anchor, weekday) if weekday else None
        date_text = m["date"] or m["date_after"]
        by_date = None
        if date_text:
            dm = _DATE_RE.match(date_text)
            has_year = bool(dm["y1"] or dm["y2"])
            by_date = _date_of(dm, anchor, 7, 7 if has_year else 1)
            if by_date is None:
                continue
        if by_weekday and by_date and by_weekday != by_date:
            return ""  # the text contradicts itself: no evidence
        day = by_date or by_weekday
        if day is None:
            continue
        end = _range_end(after, day)
        if end is not None and day <= anchor <= end:
            return ""  # an event over several days, and the CSIS date is one of them
        return day.isoformat()
    holiday = _NEW_YEARS_DAY.search(text)
    if holiday and not _REPORTED_BEFORE.search(text[max(0, holiday.start() - 240):holiday.start()]):
        for year in (anchor.year, anchor.year + 1):
            if abs((dt.date(year, 1, 1) - anchor).days) <= 1:
                return dt.date(year, 1, 1).isoformat()
    return ""


_NEW_YEARS_DAY = re.compile(r"\bon New Year['’]s Day\b", re.I)
"""A holiday that names a date: "early in the morning on New Year's Day" (1 January
nearest the CSIS date, at most a day away), read when no other phrase qualifies."""


_RANGE_END = re.compile(
    r"^(?:[^.;]|\.(?!\s+(?-i:[A-Z]))){0,40}?\b(?:and|to|until|through|till)\s+(?:" + _WEEKDAY + r",?\s+)?"
    r"(?:(?P<month>" + _MONTH + r")\s*)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:a\.?m|p\.?m|:|km|missiles?))",
    re.I)


def _range_end(after: str, start: dt.date) -> dt.date | None:
    """The last day of a range the phrase opens ("between July 18 ... and July 19",
    "on November 11 and 14"), or None."""
    m = _RANGE_END.search(after)
    if not m:
        return None
    month = _MONTHS[m["month"].lower().rstrip(".")] if m["month"] else start.month
    for year in (start.year, start.year + 1):
        try:
            end = dt.date(year, month, int(m["day"]))
        except ValueError:
            return None
        if end >= start:
            return end if (end - start).days <= 31 else None
    return None


def _nearest_weekday(anchor: dt.date, name: str) -> dt.date:
    target = _WEEKDAYS.index(name.lower())
    gap = (target - anchor.weekday()) % 7
    return anchor + dt.timedelta(days=gap if gap <= 3 else gap - 7)


def event_day(description: str, reported: str) -> tuple[str, str]:
    """``(date, date_basis)`` of a CSIS event: the described day (``description``),
    else the CSIS date (``source_date``)."""
    day = described_day(description, reported)
    if day and day != reported:
        return day, "description"
    return reported, "source_date"
