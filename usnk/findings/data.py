"""Findings of the data appendix: the size, span and freshness of every table."""

from __future__ import annotations

import pandas as pd

from .. import release
from ..datadoc import tables_overview
from ..validate import resources_by_name
from .base import ALL_TABLES, Facts, Findings, Namespace, package_of, reads


def declared(value) -> str:
    """A table's declared ``last_event_date`` for the prose: the date, or "not declared"
    when the data package gives none (missing, empty or NaN)."""
    return str(value) if isinstance(value, str) and value else "not declared"


def table_ends(overview: pd.DataFrame, tables: dict) -> pd.DataFrame:
    """Where each table ends: ``table, title, ends`` (its last event date, or for yearly
    tables its last year), newest first."""
    rows = []
    for r in overview.itertuples(index=False):
        frame = tables.get(r.table)
        if isinstance(r[overview.columns.get_loc("last date")], str):
            end = r[overview.columns.get_loc("last date")]
        elif frame is not None and "year" in frame.columns and frame["year"].notna().any():
            end = str(int(frame["year"].max()))
        else:
            continue
        rows.append({"table": r.table, "title": r.title, "ends": end})
    return pd.DataFrame(rows, columns=["table", "title", "ends"]).sort_values(
        "ends", ascending=False, kind="stable").reset_index(drop=True)


def data_appendix(tables: dict, *, package: dict | None = None) -> Findings:
    """The appendix's facts: ``n_tables``, ``n_rows``, ``licence``, and for each table
    ``<name>_rows``, ``<name>_span`` and ``<name>_fresh``, and the ``software_*`` facts
    of :func:`usnk.release.software` (its table is ``frames.software``). ``package``: the data package
    (default: the one the tables were loaded with, ``tables.package``)."""
    pkg = package if package is not None else package_of(tables)
    resources = resources_by_name(pkg)
    overview = tables_overview(pkg, tables)
    facts = Facts(
        n_tables=len(overview), n_rows=f"{int(overview['rows'].sum()):,}",
        licence="; ".join(lic.get("title", lic.get("name", "")) for lic in pkg.get("licenses", [])),
    )
    for _, row in overview.iterrows():
        name, first = row["table"], row["first date"]
        facts[f"{name}_rows"] = f"{int(row['rows']):,}"
        facts[f"{name}_span"] = (f"{first} to {row['last date']}" if pd.notna(first)
                                 else "no event dates (the rows are periods, not events)")
        facts[f"{name}_fresh"] = declared(row["last_event_date"])
    # the software the build runs with, against requirements.lock (usnk.release)
    software, software_table = release.software()
    facts.update(software)
    return Findings(facts, (), Namespace(overview=overview, resources=resources, software=software_table))


data_appendix = reads(ALL_TABLES)(data_appendix)
