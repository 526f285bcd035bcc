"""The real source files in ``../shared/reference`` that tests read as inputs.

A user's fresh clone has no ``../shared``: tests that need these files skip there.
CI has them, so under ``CI=true`` a missing file fails the test instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
OFFICIAL_CNS = REFERENCE / "cns-official" / "north_korea_missile_test_database_2023-04-12.csv"
CNS_COPY = REFERENCE / "cns-via-nagix" / "test.en.json"
CSIS_TABLE = REFERENCE / "csis-beyond-parallel" / "provocations_1958_2026-08-20.csv"


def need(path: Path) -> Path:
    """``path`` if it exists; else skip the test (fail it under CI)."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"reference data missing under CI: {path}")
        pytest.skip(f"reference data not available at {path} (fresh clone without ../shared)")
    return path
