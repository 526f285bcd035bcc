"""The command line (python -m usnk ...) and the generated data documentation."""

from __future__ import annotations

import io
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from clirun import run_cli, run_process
from datafixture import NEWEST, ROWS, TOTAL_ROWS, edit_package, resource, set_cell
from usnk import paths
from usnk import cli, datadoc
from usnk.errors import DataError, Problem
from usnk.load import load_all, package


# ----------------------------------------------------------------- validate


def test_validate_ok(valid_data_dir):
    r = run_cli("validate", "--data-dir", str(valid_data_dir))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"OK: {len(ROWS)} tables, {TOTAL_ROWS} rows, last event {NEWEST}"


@pytest.mark.parametrize("file, line, column, value, message", [
    ("missile_launches.csv", 2, "launch_date_utc", "1999-12-31",
     "missile_launches.csv:2: launch_date_utc: expected 1999-12-31 01:00 UTC plus nine hours to fall on the date "
     "2000-01-01 (1999-12-31)"),
    ("missile_launches.csv", 2, "launch_date_utc", "",
     "missile_launches.csv:2: launch_date_utc: expected launch_date_utc exactly when launch_time_utc is given"),
    ("missile_launches.csv", 4, "date_basis", "csis_match",
     "missile_launches.csv:4: date_basis: expected source_date, description or correction for a CSIS row (csis_match)"),
    ("missile_launches.csv", 3, "class_basis", "correction",
     "missile_launches.csv:3: class_basis: expected a row of corrections.csv correcting missile_class of this row"),
    ("missile_launches.csv", 2, "landing", "Sea B",
     "corrections.csv:2: corrected_value: expected missile_launches 2000-01-01-1-01 to hold this value in landing; "
     "it holds 'Sea B' (Sea A)"),
    ("corrections.csv", 2, "row_id", "2000-01-09-1-01",
     "corrections.csv:2: row_id: expected the id of a row of missile_launches (2000-01-09-1-01)"),
    ("corrections.csv", 2, "field", "no_such_field",
     "corrections.csv:2: field: expected a column of missile_launches other than its keys (no_such_field)"),
])
def test_validate_checks_the_time_convention_and_the_ledger(valid_data_dir, file, line, column,
                                                            value, message):
    set_cell(valid_data_dir, file, line, column, value)
    r = run_cli("validate", "--data-dir", str(valid_data_dir))
    assert r.returncode == 1
    assert message in r.stderr, r.stderr


def test_validate_broken(valid_data_dir):
    set_cell(valid_data_dir, "missile_launches.csv", 3, "outcome", "partial")
    set_cell(valid_data_dir, "summits.csv", 2, "end_date", "2000-01-09")
    r = run_process("validate", "--data-dir", str(valid_data_dir))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "missile_launches.csv:3: outcome: expected one of: success, failure, unknown (partial)" in r.stderr
    assert "summits.csv:2: end_date: expected end_date on or after date (2000-01-10) (2000-01-09)" in r.stderr
    assert "2 problems found" in r.stderr
    assert r.stdout == ""


def test_validate_unparseable_and_missing_dir(valid_data_dir, tmp_path):
    (valid_data_dir / "leaders.csv").write_bytes(b"\xff\xfe\x00\x01garbage")
    r = run_cli("validate", "--data-dir", str(valid_data_dir))
    assert r.returncode == 1 and "leaders.csv:1:" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("validate", "--data-dir", str(tmp_path / "nowhere"))
    assert r.returncode == 1 and "nowhere" in r.stderr and "Traceback" not in r.stderr


def test_validate_env_data_dir(valid_data_dir):
    import os
    r = run_process("validate", env=dict(os.environ, USNK_DATA_DIR=str(valid_data_dir)))
    assert r.returncode == 0 and r.stdout.startswith(f"OK: {len(ROWS)} tables")  # the fixture tables


def test_usage_error():
    r = run_process("frobnicate")
    assert r.returncode == 2 and "Traceback" not in r.stderr and "usage" in r.stderr


# ----------------------------------------------------------------- update dispatch


@pytest.fixture
def fake_update(monkeypatch):
    calls = []
    mod = types.ModuleType("usnk.importers.update")
    mod.behaviour = lambda: 0

    def run_(**kwargs):
        calls.append(kwargs)
        return mod.behaviour()
    mod.run = run_
    monkeypatch.setitem(sys.modules, "usnk.importers.update", mod)
    import usnk.importers
    monkeypatch.setattr(usnk.importers, "update", mod, raising=False)
    return mod, calls


def test_update_dispatch(fake_update):
    mod, calls = fake_update
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["update", "--cns", "cns.xlsx", "--csis", "https://example.org/t.csv",
                     "--data-dir", "D", "--dry-run"], out=out, err=err)
    assert code == 0
    # the folder is resolved once, by the command line, and handed to the update
    assert calls == [dict(cns=["cns.xlsx"], csis="https://example.org/t.csv", data_dir=Path("D"), dry_run=True, out=out)]
    mod.behaviour = lambda: 3
    assert cli.main(["update", "--cns", "x"], out=out, err=err) == 3
    # no --data-dir: $USNK_DATA_DIR or the repository's data/, resolved here, not in the update
    assert calls[-1] == dict(cns=["x"], csis=None, data_dir=paths.data_dir(), dry_run=False, out=out)
    cli.main(["update", "--cns", "official.xlsx", "--cns", "copy/test.en.json"], out=out, err=err)
    assert calls[-1]["cns"] == ["official.xlsx", "copy/test.en.json"]


@pytest.mark.parametrize("exc,code,text", [
    (DataError([Problem("cns.xlsx", 7, "Date", "expected a date", "soon")]), 1, "cns.xlsx:7: Date: expected a date (soon)"),
    (FileNotFoundError(2, "No such file or directory", "cns.xlsx"), 1, "cns.xlsx: No such file or directory"),
    (ValueError("sheet 'Database' not found in cns.xlsx"), 1, "sheet 'Database' not found"),
    (RuntimeError("boom"), 2, "unexpected error: RuntimeError: boom"),
])
def test_update_errors(fake_update, exc, code, text):
    mod, _ = fake_update

    def fail():
        raise exc
    mod.behaviour = fail
    err = io.StringIO()
    assert cli.main(["update", "--cns", "cns.xlsx"], out=io.StringIO(), err=err) == code
    assert text in err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == 2:
        err = io.StringIO()
        assert cli.main(["--debug", "update", "--cns", "cns.xlsx"], out=io.StringIO(), err=err) == 2
        assert "Traceback" in err.getvalue()


def test_update_needs_an_input(fake_update):
    err = io.StringIO()
    assert cli.main(["update", "--dry-run"], out=io.StringIO(), err=err) == 1
    assert "--cns" in err.getvalue()


# ----------------------------------------------------------------- datadoc


def test_datadoc_creates_and_checks_readme(valid_data_dir, tmp_path):
    readme = tmp_path / "README.md"
    args = ["datadoc", "--data-dir", str(valid_data_dir), "--readme", str(readme)]
    r = run_cli(*args, "--check")
    assert r.returncode == 1 and "out of date" in r.stderr and not readme.exists()
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# ") and datadoc.START in text and datadoc.END in text
    assert "### Missile launches (`missile_launches.csv`)" in text
    assert "| count_is_lower_bound | boolean | yes |" in text
    assert run_cli(*args, "--check").returncode == 0
    # the integrator's text around the markers is kept
    readme.write_text("# Title\n\nIntro.\n\n" + text[text.index(datadoc.START):] + "\nMore.\n", encoding="utf-8")
    assert run_cli(*args, "--check").returncode == 0
    # a data change makes it stale; regenerating keeps the surroundings
    edit_package(valid_data_dir, lambda pkg: resource(pkg, "incidents").update(description="New words."))
    r = run_cli(*args, "--check")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert run_cli(*args).returncode == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nIntro.\n\n") and text.endswith("\nMore.\n")
    assert "New words." in text


def test_datadoc_refuses_broken_data(valid_data_dir, tmp_path):
    set_cell(valid_data_dir, "leaders.csv", 2, "acting", "maybe")
    r = run_cli("datadoc", "--data-dir", str(valid_data_dir), "--readme", str(tmp_path / "R.md"))
    assert r.returncode == 1 and "leaders.csv:2: acting:" in r.stderr and "Traceback" not in r.stderr


def test_tables_overview(valid_data_dir):
    ov = datadoc.tables_overview(package(valid_data_dir), load_all(valid_data_dir)).set_index("table")
    assert ov.loc["summits", "rows"] == 2
    assert ov.loc["summits", "first date"] == "2000-01-10"
    assert ov.loc["summits", "last date"] == "2000-02-01"
    assert ov.loc["leaders", "last date"] == "2000-07-01"
    assert ov.loc["missile_launches", "file"] == "missile_launches.csv"
    assert ov.loc["missile_launches", "what a row is"].startswith("One row per missile launched")
    assert pd.isna(datadoc.tables_overview(package(valid_data_dir)).loc[0, "rows"])


def test_fields_and_sources_tables(valid_data_dir):
    pkg = package(valid_data_dir)
    ml = next(r for r in pkg["resources"] if r["name"] == "missile_launches")
    ft = datadoc.fields_table(ml).set_index("column")
    assert ft.loc["missile_class", "allowed values"].startswith("SRBM, MRBM")
    assert ft.loc["latitude", "allowed values"] == "33 to 43.5"
    assert ft.loc["landing", "required"] == "no" and ft.loc["id", "required"] == "yes"
    ml["sources"] = [{"title": "Src <A>", "path": "https://example.org/a?x=1&y=2", "license": "Terms A"},
                     {"title": "Src B", "path": "javascript:alert(1)"}]
    st = datadoc.sources_table(ml)
    assert st["title"].tolist() == ["Src <A>", "Src B"] and st.loc[0, "licence"] == "Terms A"
    md = datadoc.readme_markdown(pkg | {"resources": [ml]}, {"missile_launches": load_all(valid_data_dir)["missile_launches"]})
    assert "[Src &lt;A&gt;](https://example.org/a?x=1&y=2) — licence/terms: Terms A" in md
    assert "javascript:" not in md.replace("- Src B", "")


def test_to_html_table_escapes():
    df = pd.DataFrame({"name": ["<script>alert(1)</script>", "A & B"],
                       "url": ["https://example.org/?a=1&b=2", "javascript:alert(1)"]})
    out = datadoc.to_html_table(df)
    assert "<script>" not in out and "&lt;script&gt;" in out and "A &amp; B" in out
    assert '<a href="https://example.org/?a=1&amp;b=2">https://example.org/?a=1&amp;b=2</a>' in out
    assert "href=\"javascript" not in out and "<td>javascript:alert(1)</td>" in out
    assert out.count("<tr>") == 3


def test_readme_data_section_is_up_to_date():
    """The README's data section is generated from datapackage.json and must match it."""
    proc = run_cli("datadoc", "--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr + "\nrun: python -m usnk datadoc"


def test_validate_reports_a_broken_ledger_without_a_traceback(valid_data_dir):
    path = valid_data_dir / "corrections.csv"
    path.write_text("table,row_id\nmissile_launches,2000-01-01-1-01\n", encoding="utf-8")
    r = run_cli("validate", "--data-dir", str(valid_data_dir))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "corrections.csv:1: field:" in r.stderr
