"""The data package passes the standard Frictionless validator, the tool a data user runs on it."""

from __future__ import annotations

from pathlib import Path

import frictionless


def standard_errors(package_json: Path) -> tuple[bool, list[str]]:
    """Validate with Frictionless; return (valid, one line per error naming the table, row and field)."""
    report = frictionless.validate(str(package_json))
    lines = [f"package: {e.type}: {e.message}" for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            where = f"{task.name}"
            if getattr(e, "row_number", None) is not None:
                where += f" row {e.row_number}"
            if getattr(e, "field_name", None):
                where += f" field {e.field_name}"
            lines.append(f"{where}: {e.type}: {e.message}")
    return report.valid, lines


def test_frictionless_accepts_the_package(repo_root):
    valid, errors = standard_errors(repo_root / "data" / "datapackage.json")
    assert valid, "frictionless validate data/datapackage.json failed:\n" + "\n".join(errors)
    assert errors == []


def test_frictionless_rejects_a_broken_copy(data_copy):
    """The check can fail: a non-numeric growth figure and a summit link to a missing row are caught."""
    gdp = data_copy / "gdp_growth.csv"
    gdp.write_text(gdp.read_text(encoding="utf-8").replace("2016,3.9,", "2016,three,", 1), encoding="utf-8")
    commitments = data_copy / "commitments.csv"
    text = commitments.read_text(encoding="utf-8")
    commitments.write_text(text.replace(",leap-day-deal-2012,", ",no-such-summit,", 1), encoding="utf-8")
    valid, errors = standard_errors(data_copy / "datapackage.json")
    assert not valid
    assert any(line.startswith("gdp_growth row 19 field growth_pct: type-error") for line in errors), errors
    assert any(line.startswith("commitments row 8") and "foreign-key" in line for line in errors), errors
