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


def test_the_sample_update_writes_several_files(sample_data):
    """The failures below are half-way only because this update writes 5 files."""
    before = snapshot(sample_data)
    assert update.run(csis=CSIS_SAMPLE, data_dir=sample_data, out=io.StringIO()) == 0
    after = snapshot(sample_data)
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == ["datapackage.json", "incidents.csv", "missile_launches.csv", "releases.csv",
                       "verdict_history.csv"]
    assert set(after) == set(before)


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
