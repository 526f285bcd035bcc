"""Tests that need ``../shared/reference`` skip without it, but fail in CI."""

from __future__ import annotations

import pytest

import sharedref


@pytest.fixture
def reference(tmp_path, monkeypatch):
    folder = tmp_path / "reference"
    monkeypatch.setattr(sharedref, "REFERENCE_DIR", folder)
    return folder


@pytest.mark.parametrize("value, expected", [
    ("true", True), ("1", True), ("yes", True), ("TRUE", True),
    ("", False), ("0", False), ("false", False), ("no", False), (" False ", False),
])
def test_in_ci(monkeypatch, value, expected):
    monkeypatch.setenv("CI", value)
    assert sharedref.in_ci() is expected


def test_no_ci_variable_is_not_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert sharedref.in_ci() is False


@pytest.mark.parametrize("ci, outcome", [(None, pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_missing_reference_skips_outside_ci_and_fails_in_ci(reference, monkeypatch, ci, outcome):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="reference data not available"):
        sharedref.reference_file("csis/*.csv")
    with pytest.raises(outcome):
        sharedref.reference_file()


def test_newest_dated_file_is_chosen(reference, monkeypatch):
    monkeypatch.setenv("CI", "true")
    (reference / "csis").mkdir(parents=True)
    for name in ("provocations_1958_2026-08-20.csv", "provocations_1958_2026-11-02.csv"):
        (reference / "csis" / name).write_text("x\n", encoding="utf-8")
    (reference / "csis" / "provocations_later").mkdir()  # a folder is never the file
    assert sharedref.reference_file("csis/provocations_*") == reference / "csis" / "provocations_1958_2026-11-02.csv"
    assert sharedref.reference_file() == reference
