"""Findings of the data appendix: the size, span and freshness of every table."""

from __future__ import annotations

import pandas as pd

from ..datadoc import tables_overview
from ..load import package as load_package
from ..validate import resources_by_name
from .base import Facts, Findings, Namespace


def data_appendix(tables: dict, *, package: dict | None = None) -> Findings:
    """The appendix's facts: ``n_tables``, ``n_rows``, ``licence``, and for each table
    ``<name>_rows``, ``<name>_span`` and ``<name>_fresh``. ``package``: the data package
    (default: the one the tables were loaded from)."""
    pkg = package if package is not None else load_package()
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
        facts[f"{name}_fresh"] = str(row["last_event_date"] or "not declared")
    return Findings(facts, (), Namespace(overview=overview, resources=resources))


data_appendix.tables = None  # it describes every table of the package
