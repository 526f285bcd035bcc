"""The data package: checking the structure of a parsed ``datapackage.json`` and
naming its resources and their files. Reading them from a folder is the data folder
layer's (:mod:`usnk.datafiles`); validation takes the package and frames it is given.

The file name :data:`PACKAGE_FILE` is defined here and only here; everything that
needs the descriptor's path asks :class:`usnk.datafolder.DataFolder` or
:func:`usnk.datafiles.package_path`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from usnk.errors import Problem
from usnk.validate.cells import FIELD_TYPES, parse_date

PACKAGE_FILE = "datapackage.json"
"""The descriptor's file name inside the data folder."""


def check_package(package: Mapping) -> list[Problem]:
    """Structural problems in the package descriptor itself."""
    problems: list[Problem] = []

    def bad(column: str, message: str, value=None) -> None:
        problems.append(Problem(PACKAGE_FILE, None, column, message, value))

    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        bad("resources", "expected a non-empty list of resources")
        return problems
    names: set[str] = set()
    for i, res in enumerate(resources):
        where = f"resources[{i}]"
        if not isinstance(res, dict):
            bad(where, "expected an object")
            continue
        name = res.get("name")
        if not isinstance(name, str) or not name:
            bad(f"{where}.name", "expected a resource name")
        elif name in names:
            bad(f"{where}.name", "expected unique resource names", name)
        else:
            names.add(name)
            where = name
        p = res.get("path")
        if not isinstance(p, str) or not p.endswith(".csv") or "/" in p or "\\" in p:
            bad(f"{where}.path", "expected a CSV file name in the data folder", p)
        if "last_event_date" in res:
            led = res["last_event_date"]
            if led is not None and (not isinstance(led, str) or parse_date(led) is None):
                bad(f"{where}.last_event_date", "expected null or a date YYYY-MM-DD", led)
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields:
            bad(f"{where}.schema.fields", "expected a non-empty list of fields")
            continue
        fnames = []
        for j, field in enumerate(fields):
            fname = field.get("name") if isinstance(field, dict) else None
            if not isinstance(fname, str) or not fname:
                bad(f"{where}.schema.fields[{j}]", "expected a field with a name")
                continue
            fnames.append(fname)
            ftype = field.get("type", "string")
            if ftype not in FIELD_TYPES:
                bad(f"{where}.{fname}", f"expected a type among {', '.join(FIELD_TYPES)}", ftype)
            constraints = field.get("constraints")
            if constraints is not None and not isinstance(constraints, dict):
                bad(f"{where}.{fname}", "expected constraints as an object", constraints)
                continue
            pattern = (constraints or {}).get("pattern")
            if pattern is not None and not isinstance(pattern, str):
                bad(f"{where}.{fname}", "expected a regular expression as a string", pattern)
            elif pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    bad(f"{where}.{fname}", f"expected a valid regular expression: {exc}", pattern)
        if len(set(fnames)) != len(fnames):
            bad(f"{where}.schema.fields", "expected unique field names")
        keys = schema.get("primaryKey") or []
        for key in [keys] if isinstance(keys, str) else keys:
            if key not in fnames:
                bad(f"{where}.schema.primaryKey", "expected primary key fields to be schema fields", key)
    return problems


def resources_by_name(package: Mapping) -> dict[str, dict]:
    """The package's well-formed resources, keyed by name."""
    out = {}
    for res in package.get("resources", []) or []:
        if (
            isinstance(res, dict)
            and isinstance(res.get("name"), str)
            and isinstance(res.get("schema"), dict)
            and isinstance(res["schema"].get("fields"), list)
        ):
            out.setdefault(res["name"], res)
    return out


def resource_file(res: Mapping) -> str:
    """The file name a resource's problems are reported under."""
    p = res.get("path")
    return p if isinstance(p, str) and p else f"{res.get('name')}.csv"
