"""The real source files in ``../shared/reference`` that importer and update tests read.

Each is found through :func:`sharedref.reference_file` (by glob, so a refreshed dated
file is still found): a fresh clone without ``../shared`` skips those tests; under
``CI=true`` a missing file fails them instead.
"""

from __future__ import annotations

from pathlib import Path

from sharedref import REFERENCE_DIR, missing_input

OFFICIAL_CNS = REFERENCE_DIR / "cns-official" / "north_korea_missile_test_database_*.csv"
CNS_COPY = REFERENCE_DIR / "cns-via-nagix" / "test.en.json"
CSIS_TABLE = REFERENCE_DIR / "csis-beyond-parallel" / "provocations_*.csv"


def need(path: Path) -> Path:
    """The file ``path`` names (a glob pattern allowed; of several matches the last by
    name, i.e. the newest dated one); skips the test without it, fails it under CI."""
    matches = sorted(p for p in path.parent.glob(path.name) if p.is_file())
    if not matches:
        missing_input(f"reference data not available: {path}")
    return matches[-1]
