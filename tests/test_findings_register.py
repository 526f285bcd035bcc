"""The claims register on the real data: every verdict from the fixed vocabulary, every
section a real heading of a page in the table of contents, and the page's table."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from mutationscope import per_module
from usnk import findings
from usnk.charts.claims import claims_table, section_href
from usnk.load import load_all
from usnk.paths import ROOT


@pytest.fixture(scope=per_module)
def register():
    return findings.claims_register(load_all())


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def test_every_verdict_links_to_a_heading_of_a_page_in_the_book(register):
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert register["claim_id"].is_unique and len(register) == 53
    assert set(register["verdict"]) <= set(findings.VERDICTS)
    for section in register["section"]:
        page, anchor = section.split("#")
        assert f"book/{page}" in toc, section
        nb = json.loads((ROOT / "book" / f"{page}.ipynb").read_text(encoding="utf-8"))
        headings = re.findall(r"^#+ (.+)$", "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "markdown"),
                              flags=re.M)
        assert anchor in {_slug(h) for h in headings}, section


def test_counts_add_up(register):
    counts = findings.verdict_counts(register)
    assert sum(int(counts[k]) for k in ("supported", "partly_supported", "mixed", "contradicted",
                                        "not_testable")) == 53
    assert counts.n_claims == "53"


def test_claims_table_links_and_escapes():
    reg = pd.DataFrame([{"claim_id": "x", "claim": "A <b>claim</b>", "verdict": "supported",
                         "evidence": "1 & 2", "section": "02_nuclear#what-the-data-say"}])
    html = claims_table(reg).data
    assert '<a href="02_nuclear.html#what-the-data-say">A &lt;b&gt;claim&lt;/b&gt;</a>' in html
    assert "<td>supported</td><td><p>1 &amp; 2</p></td>" in html
    assert section_href("06_data") == "06_data.html"


def test_every_claim_is_worded_once(register):
    assert register["claim"].is_unique


def test_the_books_conclusions_are_the_reviewed_ones(register):
    """Every claim's wording, verdict and section as last reviewed
    (tests/fixtures/claims_register.csv). New data that changes a verdict fails this
    test on purpose: read the chapter's evidence, then update the file with the change."""
    reviewed = pd.read_csv(ROOT / "tests" / "fixtures" / "claims_register.csv", dtype=str, keep_default_na=False)
    now = register[["claim_id", "claim", "verdict", "section", "origin"]].astype(str).reset_index(drop=True)
    was = reviewed.set_index("claim_id")["verdict"]
    changed = [f"{r.claim_id}: {r.verdict} (reviewed: {was[r.claim_id]})"
               for r in now.itertuples() if r.claim_id in was.index and r.verdict != was[r.claim_id]]
    assert not changed, "verdicts changed: " + "; ".join(changed)
    pd.testing.assert_frame_equal(now, reviewed[now.columns.tolist()])


#: What new data may change in an evidence sentence: its numbers and dates.
_DATA_PARTS = re.compile(r"\d[\d,.%–-]*|\b(January|February|March|April|May|June|July|August|September|"
                         r"October|November|December)\b")


def test_the_evidence_is_worded_as_reviewed(register):
    """Each verdict's evidence sentence as reviewed, its numbers and dates aside (those
    come from the data and are checked as facts)."""
    reviewed = pd.read_csv(ROOT / "tests" / "fixtures" / "claims_register.csv", dtype=str, keep_default_na=False)
    wording = {r.claim_id: _DATA_PARTS.sub("#", r.evidence) for r in reviewed.itertuples()}
    for r in register.itertuples():
        assert _DATA_PARTS.sub("#", str(r.evidence)) == wording[r.claim_id], r.claim_id


def test_every_verdict_states_its_method_and_its_robustness(register):
    """Each claim has a measurable form and a robustness line; a supported or
    contradicted verdict never rests on a variant that disagreed."""
    missing = register[(register["method"] == "") | (register["robustness"] == "")]["claim_id"].tolist()
    assert not missing, missing
    for r in register.itertuples():
        if r.verdict == "supported":
            assert ": contradicted" not in r.robustness and ": mixed" not in r.robustness, r.claim_id
        if r.verdict == "contradicted":
            assert ": supported" not in r.robustness and ": mixed" not in r.robustness, r.claim_id


def test_the_books_own_questions_are_marked(register):
    book = set(register.loc[register["origin"] == "book", "claim_id"])
    # pledges_never_last re-tested agreements_never_last, a question of the book's own: merged into it
    assert {"halt_2018_held", "moratorium_1999_held", "leap_day_ended_april_2012", "agreements_never_last",
            "launches_follow_exercises", "sanctions_work"} <= book
    assert set(register["origin"]) == {"article", "book"}


def test_no_database_ids_in_the_register_prose(register):
    ids = set(pd.read_csv(ROOT / "data" / "commitments.csv")["id"]) | set(pd.read_csv(ROOT / "data" / "summits.csv")["id"])
    for r in register.itertuples():
        for text in (r.claim, r.evidence, r.method, r.robustness):
            assert not any(i in text for i in ids), (r.claim_id, text)
