"""Shared pytest fixtures. Keep this small: helpers live in their own modules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from datafixture import write_valid_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    """The repository's top-level folder."""
    return ROOT


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of the real data/ folder in a temporary directory."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def without_audit(data_dir: Path) -> Path:
    """``data_dir`` with an empty event audit (for updates from samples that drop events)."""
    audit = data_dir / "event_audit.csv"
    audit.write_text(audit.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    package_file = data_dir / "datapackage.json"
    package = json.loads(package_file.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == "event_audit":
            res["last_event_date"] = None  # no audited events left
    package_file.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return data_dir


@pytest.fixture
def sample_data(data_copy) -> Path:
    """The real data with an empty corrections ledger and an empty event audit, for
    updates from the small CSIS sample: it lacks rows the real ledger corrects and events
    the audit checked, and an update that loses a corrected row or an audited event is
    refused."""
    ledger = data_copy / "corrections.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return without_audit(data_copy)


@pytest.fixture
def valid_data_dir(tmp_path) -> Path:
    """A small synthetic data folder that is valid against the real schema."""
    return write_valid_dir(tmp_path / "fixture-data")


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium (Debian's, driven by Playwright) for the whole session:
    the browser tests of the book and those of JupyterLab open their pages in it, each
    page in a context of its own, instead of each module starting a browser."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_chromium

    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
