"""Where the project's files live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository's top-level folder."""


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit override, else ``$USNK_DATA_DIR``, else ``ROOT/data``."""
    if override is not None:
        return Path(override)
    env = os.environ.get("USNK_DATA_DIR")
    return Path(env) if env else ROOT / "data"
