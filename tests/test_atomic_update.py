"""README: ``usnk update`` "writes atomically, so on any error `data/` is left exactly
as it was" — also when the failure comes half-way through writing several files."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from usnk.importers import update
from usnk.paths import ROOT

CSIS_SAMPLE = ROOT / "tests" / "fixtures" / "csis" / "update_sample.csv"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the folder (temporary files included) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def fail_on_call(n: int, real, what: str):
    """``real``, except that its ``n``-th call raises OSError."""
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(args)
        if len(calls) == n:
            raise OSError(f"disk full while {what} (simulated)")
        return real(*args, **kwargs)

    wrapper.calls = calls
    return wrapper


@pytest.mark.end_to_end
def test_the_sample_update_writes_several_files(sample_data):
    """The failures below are half-way only because this update writes 5 files."""
    before = snapshot(sample_data)
    assert update.run(csis=CSIS_SAMPLE, data_dir=sample_data, out=io.StringIO()) == 0
    after = snapshot(sample_data)
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == ["datapackage.json", "incidents.csv", "missile_launches.csv", "releases.csv",
                       "verdict_history.csv"]
    assert set(after) == set(before)


@pytest.mark.end_to_end
@pytest.mark.parametrize("function, what, calls", [
    ("fsync", "writing the second file", 2),
    ("replace", "replacing the second file", 3),  # the third call puts the first file back
])
def test_second_file_failing_leaves_data_unchanged(sample_data, monkeypatch, function, what, calls):
    before = snapshot(sample_data)
    failing = fail_on_call(2, getattr(os, function), what)
    monkeypatch.setattr(os, function, failing)
    with pytest.raises(OSError, match="simulated"):
        update.run(csis=CSIS_SAMPLE, data_dir=sample_data, out=io.StringIO())
    assert len(failing.calls) == calls
    assert snapshot(sample_data) == before  # same names (no temporary file left), same bytes


# --------------------------------------------------------------------------- one writer of data/

import ast  # noqa: E402
import inspect  # noqa: E402

PACKAGE = ROOT / "usnk"

_MODULE_WRITES = ({("os", n) for n in ("replace", "rename", "remove", "unlink", "link", "symlink", "fdopen",
                                       "truncate", "makedirs", "mkdir", "rmdir")}
                  | {("shutil", n) for n in ("copy", "copy2", "copyfile", "copytree", "move", "rmtree",
                                             "copyfileobj")}
                  | {("tempfile", n) for n in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory")}
                  | {("json", "dump"), ("pickle", "dump")})
_WRITING_METHODS = {"write_text", "write_bytes", "unlink", "mkdir", "touch", "rmdir", "symlink_to", "hardlink_to",
                    "write_html", "write_image", "write_json"}
_WRITING_WHEN_GIVEN_A_PATH = {"to_csv", "to_json", "to_excel", "to_parquet", "to_pickle"}
_RETURNS_TEXT = {("pio", "to_json")}  # plotly.io's to_json returns the JSON; its file writer is write_json


def _writes(call: ast.Call) -> str | None:
    """How ``call`` writes to the file system, or None (an ast-level judgement: a call
    by any of these names counts, whatever object it is made on)."""
    f = call.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and (f.value.id, f.attr) in _MODULE_WRITES:
        return f"{f.value.id}.{f.attr}"
    if isinstance(f, ast.Attribute) and f.attr in _WRITING_METHODS:
        return f".{f.attr}"
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and (f.value.id, f.attr) in _RETURNS_TEXT:
        return None
    if isinstance(f, ast.Attribute) and f.attr in _WRITING_WHEN_GIVEN_A_PATH and (
            call.args or any(k.arg in ("path_or_buf", "path", "excel_writer") for k in call.keywords)):
        return f".{f.attr}"
    if (isinstance(f, ast.Name) and f.id == "open") or (isinstance(f, ast.Attribute) and f.attr == "open"):
        modes = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        modes += [k.value.value for k in call.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
        if any(set(str(m)) & set("wax+") for m in modes):
            return "open for writing"
    return None


def file_writers() -> dict[str, set[str]]:
    """Every function of ``usnk/`` that writes, deletes or moves a file:
    ``"module:function"`` → how."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")

        def visit(node, where):
            for child in ast.iter_child_nodes(node):
                name = where
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    name = f"{where}.{child.name}" if where else child.name
                if isinstance(child, ast.Call) and (how := _writes(child)):
                    found.setdefault(f"{module}:{name or '<module>'}", set()).add(how)
                visit(child, name)

        visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


KNOWN_WRITERS = {
    "usnk.importers.update:write_atomically": "THE writer of the data folder (called by write_update only)",
    "usnk.importers.update:_backup": "hard links beside the data files write_atomically replaces, removed after",
    "usnk.importers.update:read_sources": "removes the temporary files of downloaded sources",
    "usnk.importers.download:fetch": "a download's temporary file (system temp folder)",
    "usnk.datadoc:update_readme": "the README's data section",
    "usnk.framecache:store": "the checked-table cache (~/.cache/usnk)",
    "usnk.framecache:_prune": "old entries of the checked-table cache",
    "usnk.geo:write_outlines": "usnk/geodata's outlines, built by hand from a world atlas",
    "usnk.plotlyjs:_fetch": "the build's copy of plotly.js",
    "usnk.sphinxext:_write_if_changed": "the build's package parts (_build)",
    "usnk.sphinxext:write_package_parts": "the build's package parts folder (_build)",
    "usnk.sphinxext:serve_chart_data.write": "the built book's chart data",
    "usnk.sphinxext:_copy_static": "the built book's static files",
    "usnk.sphinxext:_write_static": "the built book's static files",
}
"""Every function of ``usnk/`` that writes files, and what it writes. Only the first
writes into a data folder; a new writer must be added here with what it writes, and a
writer that is gone struck off."""


def test_no_function_but_write_atomically_writes_files_into_data():
    found = file_writers()
    assert set(found) == set(KNOWN_WRITERS), (
        f"new file writers (none may write into data/; list each with what it writes): "
        f"{sorted(set(found) - set(KNOWN_WRITERS))}; gone: {sorted(set(KNOWN_WRITERS) - set(found))}")


def test_the_writer_scan_sees_every_kind_of_write():
    calls = {"Path('x').write_text('a')": ".write_text", "os.replace(a, b)": "os.replace",
             "open(p, 'w')": "open for writing", "p.open(mode='ab')": "open for writing",
             "frame.to_csv(path)": ".to_csv", "shutil.copyfile(a, b)": "shutil.copyfile",
             "frame.to_csv()": None, "open(p)": None, "open(p, 'rb')": None, "'a'.replace('a', 'b')": None,
             "json.dumps(x)": None,
             "pio.to_json(fig)": None, "pio.write_json(fig, p)": ".write_json"}
    assert {c: _writes(ast.parse(c).body[0].value) for c in calls} == calls


@pytest.mark.end_to_end
def test_an_applied_update_writes_data_only_through_write_atomically(sample_data, monkeypatch):
    """Run a real update and list what changed in the folder: every changed file is one
    that write_atomically was handed, in its one call, from write_update."""
    handed, callers = [], []
    real = update.write_atomically

    def recording(files, last=None):
        handed.extend(files)
        callers.append(inspect.stack()[1].function)
        return real(files, last=last)

    monkeypatch.setattr(update, "write_atomically", recording)
    before = snapshot(sample_data)
    assert update.run(csis=CSIS_SAMPLE, data_dir=sample_data, out=io.StringIO()) == 0
    after = snapshot(sample_data)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert changed and changed == {p.name for p in handed}
    assert callers == ["write_update"]
    assert {p.parent for p in handed} == {sample_data}


# --------------------------------------------------------------------------- write_atomically on its own

from usnk.importers.update import write_atomically  # noqa: E402


def test_write_atomically_writes_every_file_keeps_modes_and_leaves_no_temporary_file(tmp_path):
    old = tmp_path / "old.csv"
    old.write_bytes(b"before\n")
    os.chmod(old, 0o600)
    new = tmp_path / "new.csv"
    package = tmp_path / "datapackage.json"
    write_atomically({package: b"{}\n", old: b"after\n", new: b"new\n"}, last=package)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "old.csv": b"after\n", "new.csv": b"new\n", "datapackage.json": b"{}\n"}
    assert (old.stat().st_mode & 0o777, new.stat().st_mode & 0o777) == (0o600, 0o644)


def test_write_atomically_puts_back_what_it_replaced_when_a_replace_fails(tmp_path, monkeypatch):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(b"a\n")
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full (simulated)")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="simulated"):
        write_atomically({first: b"A\n", second: b"B\n"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.csv": b"a\n"}
