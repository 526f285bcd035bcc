"""Findings of the introduction: the key numbers of the whole record."""

from __future__ import annotations

import pandas as pd

from .. import style
from ..analysis import launches_per_year, monthly_by_class, terms
from ..labels import date_label
from ..datadoc import tables_overview
from .base import ALL_TABLES, NEWEST_EVENT, PACKAGE_FACTS, Facts, Findings, Namespace, package_of, reads
from .data import table_ends


def intro(tables: dict, *, as_of=None) -> Findings:
    """The record at a glance, from every table and their package (``tables`` as
    :func:`usnk.load.load_all` returns them). ``as_of``: the newest event of any kind
    (default: the package's newest ``last_event_date``)."""
    launches, tests = tables["missile_launches"], tables["nuclear_tests"]
    resolutions, summits, incidents = tables["unsc_resolutions"], tables["summits"], tables["incidents"]
    pkg = package_of(tables)
    as_of = pd.Timestamp(as_of if as_of is not None else PACKAGE_FACTS[NEWEST_EVENT](pkg))
    ends = table_ends(tables_overview(pkg, tables), tables)
    adopted = resolutions["status"] == "adopted"
    per_year = launches_per_year(launches).sum(axis=1)
    # the timeline: 1984 to the newest launch, test, vote or summit it draws
    newest_drawn = max(d for d in (launches["date"].max(), tests["date"].max(), resolutions["date"].max(),
                                   summits["date"].max()) if pd.notna(d))
    monthly = monthly_by_class(launches, start=style.TIMELINE_START, end=newest_drawn)
    per_month = monthly.groupby("month")["missiles"].sum()
    facts = Facts(
        newest_launch=date_label(launches["date"].max()),
        data_as_of=date_label(as_of),
        first_launch_year=int(launches["date"].min().year),
        n_missiles=len(launches),
        n_launch_events=int(launches["event_id"].nunique()),
        n_tests=len(tests),
        last_test=date_label(tests["date"].max()),
        n_adopted=int(adopted.sum()),
        n_sanctions=int((adopted & (resolutions["kind"] == "sanctions")).sum()),
        n_vetoed=int((resolutions["status"] == "vetoed").sum()),
        n_summits=int((summits["kind"] == "summit").sum()),
        n_talks=int((summits["kind"] == "talks").sum()),
        n_agreements=int((summits["kind"] == "agreement").sum()),
        n_incidents=len(incidents),
        first_incident_year=int(incidents["date"].min().year),
        peak_year=int(per_year.idxmax()),
        peak_year_n=int(per_year.max()),
        ends_list="; ".join(f"{r.title} to {r.ends}" for r in ends.itertuples(index=False)),
        ends_first=ends["ends"].iloc[-1] if len(ends) else "", ends_last=ends["ends"].iloc[0] if len(ends) else "",
        timeline_missiles=int(monthly["missiles"].sum()),
        timeline_busiest_month=f"{per_month.idxmax():%B %Y}" if len(per_month) else "",
        timeline_busiest_n=int(per_month.max()) if len(per_month) else 0,
        test_years=", ".join(str(d.year) for d in tests["date"]),
    )
    # us_terms: an open term runs to the timeline's end (the chart shades no further)
    frames = Namespace(launches=launches, tests=tests, resolutions=resolutions, summits=summits,
                       leaders=tables["leaders"], table_ends=ends, monthly=monthly,
                       us_terms=terms(tables["leaders"], country="US", as_of=style.timeline_end(newest_drawn)), timeline_newest=newest_drawn)
    return Findings(facts, (), frames)


intro = reads(ALL_TABLES)(intro)
