"""The reference copies in ``../shared/reference`` that some tests compare against.

A fresh clone has no ``../shared``: those tests then skip. CI has it, so under
``CI=true`` a missing reference is a failure, never a silent skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REFERENCE_DIR = Path(os.environ.get("USNK_REFERENCE_DIR")
                     or Path(__file__).resolve().parents[1].parent / "shared" / "reference")
"""``../shared/reference`` next to the repository, or ``$USNK_REFERENCE_DIR`` (the
mutation run sets it: its copy of the tests lies one folder deeper, in ``mutants/``)."""


def in_ci() -> bool:
    """Whether the tests run in CI (``CI`` set to anything but empty, 0, false or no)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_input(reason: str) -> None:
    """Skip the calling test for a missing input, or fail it in CI, where every input exists."""
    if in_ci():
        pytest.fail(f"{reason}; CI has every input, so this test may not be skipped there")
    pytest.skip(reason)


def reference_file(pattern: str = "") -> Path:
    """The reference file matching ``pattern`` (a glob relative to the reference folder;
    of several matches the last by name, i.e. the newest of dated names), or the
    folder itself for ``""``. Skips (fails in CI) when there is none."""
    if not pattern:
        matches = [REFERENCE_DIR] if REFERENCE_DIR.is_dir() else []
    else:
        matches = sorted(p for p in REFERENCE_DIR.glob(pattern) if p.is_file())
    if not matches:
        missing_input(f"reference data not available: {REFERENCE_DIR / pattern}")
    return matches[-1]


#: The source files the importer and update tests read (glob patterns: a refreshed,
#: newer dated file is found too).
OFFICIAL_CNS = REFERENCE_DIR / "cns-official" / "north_korea_missile_test_database_*.csv"
CNS_COPY = REFERENCE_DIR / "cns-via-nagix" / "test.en.json"
CSIS_TABLE = REFERENCE_DIR / "csis-beyond-parallel" / "provocations_*.csv"


def need(path: Path) -> Path:
    """The file ``path`` names (a glob in its last part; of several matches the last by
    name, i.e. the newest dated one); skips the test without it, fails it in CI."""
    matches = sorted(p for p in path.parent.glob(path.name) if p.is_file())
    if not matches:
        missing_input(f"reference data not available: {path}")
    return matches[-1]
