"""One canonical name per missile system (``data/missile_names.csv``).

Sources name one system in more than one way (CNS's official export "KN-23", its
later copy "Hwasong-11A (KN-23)"), and a count by ``missile_name`` would count such a
system twice. The alias table maps each other name to the canonical one;
:func:`canonical` renames (the importer applies it to every update) and
:func:`check` is the validation rule:

* an alias is not itself a canonical name (no chains), and is not blank;
* every canonical name is the ``missile_name`` of a row of ``missile_launches``;
* no row of ``missile_launches`` or ``japan_impacts`` carries an alias.
"""

from __future__ import annotations

import pandas as pd

from usnk.errors import Problem

NAMES = "missile_names"
NAMES_FILE = "missile_names.csv"
NAMED_TABLES = ("missile_launches", "japan_impacts")
"""Tables whose ``missile_name`` must be canonical."""


def aliases(names: pd.DataFrame | None) -> dict[str, str]:
    """alias → canonical name ({} without the table)."""
    if names is None or not {"alias", "name"} <= set(names.columns):
        return {}
    return {str(a): str(n) for a, n in zip(names["alias"], names["name"]) if str(a).strip()}


def canonical(missile_names: pd.Series, names: pd.DataFrame | None) -> pd.Series:
    """``missile_names`` with every alias replaced by its canonical name."""
    mapping = aliases(names)
    if not mapping:
        return missile_names
    return missile_names.map(lambda n: mapping.get(n, n)).astype(missile_names.dtype)


def check(frames: dict[str, pd.DataFrame], files: dict[str, str] | None = None) -> list[Problem]:
    """Problems of the alias table against itself and the named tables."""
    files = files or {}
    names = frames.get(NAMES)
    if names is None or not {"alias", "name"} <= set(names.columns):
        return []
    file = files.get(NAMES, NAMES_FILE)
    lines = list(names.attrs.get("lines") or range(2, len(names) + 2))
    problems: list[Problem] = []
    canonical_names = set(names["name"])
    launches = frames.get("missile_launches")
    systems = set(launches["missile_name"]) if launches is not None and "missile_name" in launches else None
    for line, alias, name in zip(lines, names["alias"], names["name"]):
        if alias in canonical_names:
            problems.append(Problem(file, line, "alias", "expected an alias that is not also a canonical name "
                                                         "(one name per system, no chains)", alias))
        if alias == name:
            problems.append(Problem(file, line, "name", "expected a canonical name other than the alias", name))
        if systems is not None and name not in systems:
            problems.append(Problem(file, line, "name", "expected the missile_name of a row of missile_launches "
                                                        "(the canonical name of a system the table holds)", name))
    mapping = aliases(names)
    for table in NAMED_TABLES:
        frame = frames.get(table)
        if frame is None or "missile_name" not in frame.columns:
            continue
        tlines = list(frame.attrs.get("lines") or range(2, len(frame) + 2))
        tfile = files.get(table, f"{table}.csv")
        for line, value in zip(tlines, frame["missile_name"]):
            if value in mapping:
                problems.append(Problem(tfile, line, "missile_name",
                                        f"expected the canonical name {mapping[value]!r}: {value!r} is an alias "
                                        f"in {file}", value))
    return problems
