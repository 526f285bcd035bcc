"""What new data changed: an applied update records the verdicts of its release, and the
register says which verdicts moved since the previous one."""

from __future__ import annotations

import io

import pandas as pd

from usnk import findings
from usnk.findings.changes import current_update, history_rows, previous_update, verdict_changes
from usnk.importers import update
from usnk.load import load_all
from usnk.paths import ROOT

CSIS_SAMPLE = ROOT / "tests" / "fixtures" / "csis" / "update_sample.csv"


def _releases(*updates):
    return pd.DataFrame({"update": list(updates), "applied_on": [u[:10] for u in updates],
                         "source_url": "https://example.org/r"})


def _register(**verdicts):
    return pd.DataFrame({"claim_id": list(verdicts), "claim": [f"Claim {k}." for k in verdicts],
                         "verdict": list(verdicts.values())})


def test_the_register_compares_with_the_previous_release():
    releases = _releases("2026-01-01-1", "2026-02-01-1")
    history = history_rows(None, "2026-01-01-1", _register(a="supported", b="mixed"), releases)
    history = history_rows(history, "2026-02-01-1", _register(a="supported", b="supported", c="mixed"), releases)
    assert previous_update(history, releases) == "2026-01-01-1"
    out, summary = verdict_changes(_register(a="supported", b="supported", c="mixed"), history, releases)
    assert out["change"].tolist() == ["", "was mixed at release 2026-01-01-1 (applied 1 January 2026)",
                                      "new since release 2026-01-01-1 (applied 1 January 2026)"]
    assert summary["n_moved"] == 2 and summary["moved"][0] == ("b", "Claim b.", "mixed", "supported")


def test_no_earlier_release_means_no_change_column_text():
    releases = _releases("2026-01-01-1")
    history = history_rows(None, "2026-01-01-1", _register(a="supported"), releases)
    assert current_update(releases) == "2026-01-01-1" and previous_update(history, releases) is None
    out, summary = verdict_changes(_register(a="contradicted"), history, releases)
    assert out["change"].tolist() == [""] and summary["previous"] is None


def test_recording_an_update_again_replaces_its_rows():
    releases = _releases("2026-01-01-1")
    once = history_rows(None, "2026-01-01-1", _register(a="supported"), releases)
    twice = history_rows(once, "2026-01-01-1", _register(a="mixed"), releases)
    assert twice.to_dict("records") == [{"update": "2026-01-01-1", "claim_id": "a", "verdict": "mixed",
                                         "source_url": "https://example.org/r"}]


def test_the_committed_history_holds_the_current_release():
    """The committed table has the verdicts of the release the data come from, one row
    per claim; they may differ from today's register only when the book's rules changed
    since (the register shows moves against the previous release, not this one)."""
    tables = load_all()
    history, releases = tables["verdict_history"], tables["releases"]
    now = history[history["update"] == current_update(releases)]
    assert len(now) and now["claim_id"].is_unique
    assert set(now["claim_id"]) & set(findings.claims_register(tables)["claim_id"])


def test_an_applied_update_records_its_verdicts_and_lists_those_that_moved(sample_data):
    out = io.StringIO()
    assert update.run(csis=CSIS_SAMPLE, data_dir=sample_data, out=out, today="2026-12-01") == 0
    text = out.getvalue()
    assert "verdict_history: verdicts of update 2026-12-01-1 recorded;" in text
    history = pd.read_csv(sample_data / "verdict_history.csv", dtype=str)
    assert set(history["update"]) == {"2026-11-26-1", "2026-12-01-1"}
    assert (history.groupby("update").size() == 40).all()
    tables = load_all(sample_data)
    out_reg, summary = verdict_changes(findings.claims_register(tables), tables["verdict_history"],
                                       tables["releases"])
    assert summary["previous"] == "2026-11-26-1"
    moved = [line.strip() for line in text.splitlines() if "→" in line and line.startswith("  ")
             and line.strip().split(":")[0] in set(out_reg["claim_id"])]
    assert len(moved) == summary["n_moved"]


def test_the_page_sentence_for_moved_verdicts():
    assert findings.moved_text({"previous": None}).startswith("no earlier release is recorded yet")
    assert findings.moved_text({"previous": "u1", "previous_date": "1 May", "moved": [], "n_moved": 0}) == (
        "no verdict moved since release u1 (1 May).")
    text = findings.moved_text({"previous": "u1", "previous_date": "1 May", "n_moved": 2,
                                "moved": [("a", "A.", "mixed", "supported"), ("b", "B.", "", "mixed")]})
    assert text == "2 verdicts moved since release u1 (1 May): A. mixed → supported; B. new → mixed."
