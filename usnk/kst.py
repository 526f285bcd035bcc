"""Korean time (KST, UTC+9): the one place that turns a UTC instant into a Korean date.

Every event of the data is dated by the Korean local day it happened. Where a source
gives a UTC date and time, the Korean date is that instant plus nine hours; the
importers and the validation rules both need this, so it lives below both.
"""

from __future__ import annotations

import datetime as dt

KOREA_OFFSET = dt.timedelta(hours=9)
"""Korea Standard Time is UTC+9 (no daylight saving since 1988)."""


def korean_date(utc_date: str, utc_time: str) -> str:
    """The Korean date of a UTC date and ``HH:MM`` time.

    >>> korean_date("2017-08-28", "20:58"), korean_date("2016-02-07", "00:29")
    ('2017-08-29', '2016-02-07')
    """
    hour, minute = (int(p) for p in utc_time.split(":"))
    instant = dt.datetime.combine(dt.date.fromisoformat(utc_date), dt.time(hour, minute)) + KOREA_OFFSET
    return instant.date().isoformat()


def utc_date(korean: str, utc_time: str) -> str:
    """The UTC date of a launch at ``utc_time`` on the Korean date ``korean``.

    >>> utc_date("2016-04-15", "20:33"), utc_date("2016-02-07", "00:29")
    ('2016-04-14', '2016-02-07')
    """
    hour = int(utc_time.split(":")[0])
    day = dt.date.fromisoformat(korean)
    return (day - dt.timedelta(days=1) if hour >= 15 else day).isoformat()


def candidate_days(source: str, utc_time: str) -> list[str]:
    """The Korean days a CNS date and UTC time can mean: the date read as Korean,
    and the date read as UTC plus nine hours (one day when they agree).

    >>> candidate_days("2017-08-28", "20:58"), candidate_days("2016-02-07", "")
    (['2017-08-28', '2017-08-29'], ['2016-02-07'])
    """
    if not utc_time:
        return [source]
    return sorted({source, korean_date(source, utc_time)})
