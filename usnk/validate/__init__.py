"""Check the data tables against ``datapackage.json`` and the project's rules.

Nothing here raises for bad data: every check returns :class:`~usnk.errors.Problem`
objects naming the file, the 1-based line (header = line 1), the column, what was
expected and the offending value.

Checks, in the order they run:

* ``datapackage.json`` is present, valid JSON, and describes each resource with a
  name, a path and a schema whose fields have known types (:mod:`.package`);
* every resource's CSV file exists, every CSV in the data folder is described by a
  resource, and each file is readable UTF-8 CSV without ragged or blank rows
  (:mod:`.csvfile`, and the folder itself in :class:`usnk.datafolder.DataFolder`);
* the header equals the schema's field names, in order; every cell has the field's
  type (:mod:`.cells`) and meets its constraints (``required``, ``enum``,
  ``pattern`` as a full match, ``minimum``/``maximum``, ``unique``); the primary
  key is unique; no date lies in the future; foreign keys resolve (:mod:`.table`);
* the cross-field and cross-row rules in :data:`RULES` (sources, date order within
  a row, vetoes, coordinates, missile event ids, row order) and each resource's
  ``last_event_date`` equal to the newest event date in its table (:mod:`.rules`);
* the corrections ledger and the launch dates (:mod:`.ledger`) and the
  event audit against the tables it audits (:mod:`.audit`);
* one event, one row: no incident is a launch the launch table holds (:mod:`.oneevent`);
* one canonical name per missile system, no alias in the named tables (:mod:`.names`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from usnk.errors import Problem
from usnk.validate import audit as audit_rules
from usnk.validate import names as name_rules
from usnk.validate import oneevent
from usnk.validate import ledger as launch_rules
from usnk.validate.cells import FIELD_TYPES, parse_cell
from usnk.validate.csvfile import read_csv_records, read_csv_text, text_line_of_offset
from usnk.validate.package import PACKAGE_FILE, check_package, resource_file, resources_by_name
from usnk.validate.rules import EVENT_DATE_FIELDS, RULES, check_last_event_date, newest_row_date
from usnk.validate.table import Table, check_cells, check_foreign_keys, check_header, check_primary_key

__all__ = [
    "EVENT_DATE_FIELDS", "FIELD_TYPES", "PACKAGE_FILE", "RULES", "check_package",
    "newest_row_date", "parse_cell", "read_csv_records", "read_csv_text",
    "resource_file", "resources_by_name", "text_line_of_offset",
    "validate_frames",
]


def validate_frames(frames: Mapping[str, pd.DataFrame], package: Mapping, *,
                    today: date | None = None) -> list[Problem]:
    """Validate tables of raw strings against the package.

    ``frames`` maps resource names to frames read with ``dtype=str,
    keep_default_na=False`` (``frame.attrs["lines"]``, if present, gives each row's
    file line; otherwise row *i* is line *i* + 2). A resource with no frame is reported
    as missing: validation reads no folder (the caller hands every table it has).
    """
    today = today or date.today()
    problems = check_package(package)
    resources = resources_by_name(package)
    frames = dict(frames)
    missing = [n for n in resources if n not in frames]
    for name in missing:
        problems.append(Problem(resource_file(resources[name]), None, None,
                                f"no data for resource {name!r}; expected a table"))
    for name in frames:
        if name not in resources:
            problems.append(Problem(f"{name}.csv", None, None,
                                    f"table {name!r} is not described by a resource in {PACKAGE_FILE}"))
    tables: dict[str, Table] = {}
    for name, res in resources.items():
        frame = frames.get(name)
        if frame is None:
            continue
        t = Table(name, res, frame)
        check_header(t, frame)
        check_cells(t, today)
        check_primary_key(t)
        for rule in RULES["*"] + RULES.get(name, []):
            rule(t)
        check_last_event_date(t)
        tables[name] = t
    for t in tables.values():
        check_foreign_keys(t, tables)
        problems.extend(t.problems)
    files = {n: resource_file(r) for n, r in resources.items()}
    problems.extend(launch_rules.check(frames, files))
    problems.extend(oneevent.check(frames, files))
    problems.extend(name_rules.check(frames, files))
    problems.extend(audit_rules.check(frames, files))
    return problems
