"""The event audit (data/event_audit.csv): its validation rules each way, and the
audited events of the fixture (tests/fixtures/audited_events.csv) in the real data."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from usnk.validate import audit as A

ROOT = Path(__file__).resolve().parent.parent
AUDIT_COLUMNS = ["table", "date", "seq", "recorded_date", "local_time", "evidence", "reported_class",
                 "reported_count", "reported_system", "source_url", "report_date", "outcome", "fix", "note"]


def audit_row(table="missile_launches", date="2020-03-02", seq="1", **kw) -> dict:
    row = dict(table=table, date=date, seq=seq, recorded_date="", local_time="", evidence="report_text",
               reported_class="", reported_count="", reported_system="", source_url="https://example.org/r",
               report_date="", outcome="confirmed", fix="", note="Note.")
    row.update(kw)
    return row


def frames(audit, launches=(), incidents=(), ledger=()) -> dict[str, pd.DataFrame]:
    """Tables of raw strings: launches as (event_id, date) pairs, one row per missile;
    incidents as (id, date) pairs."""
    return {
        "event_audit": pd.DataFrame(list(audit), columns=AUDIT_COLUMNS),
        "missile_launches": pd.DataFrame([dict(id=f"{e}-{i:02d}", event_id=e, date=d)
                                          for i, (e, d) in enumerate(launches, start=1)],
                                         columns=["id", "event_id", "date"]),
        "incidents": pd.DataFrame([dict(id=i, date=d) for i, d in incidents], columns=["id", "date"]),
        "corrections": pd.DataFrame(list(ledger), columns=["table", "row_id", "field", "source_value",
                                                           "corrected_value", "reason", "source_url"]),
    }


def messages(fr) -> list[str]:
    return [f"{p.file}:{p.row}:{p.column}: {p.message}" for p in A.check(fr)]


# --------------------------------------------------------------------------- coverage


def test_every_event_since_2017_audited_passes():
    fr = frames([audit_row(date="2020-03-02"), audit_row(date="2020-03-02", seq="2"),
                 audit_row(table="incidents", date="2021-05-01")],
                launches=[("2020-03-02-1", "2020-03-02"), ("2020-03-02-1", "2020-03-02"),
                          ("2020-03-02-2", "2020-03-02"), ("2016-12-31-1", "2016-12-31")],
                incidents=[("2021-05-01-1", "2021-05-01"), ("2010-01-01-1", "2010-01-01")])
    assert messages(fr) == []  # two missiles of one event are one audited event; 2016 and 2010 are not audited


def test_an_event_without_audit_row_is_reported_on_its_table():
    fr = frames([audit_row(date="2020-03-02")],
                launches=[("2020-03-02-1", "2020-03-02"), ("2020-03-02-2", "2020-03-02")])
    assert messages(fr) == ["missile_launches.csv:None:date: expected an audit row in event_audit.csv for every "
                            "event since 2017-01-01: 1 of the 2 events on 2020-03-02 have none"]


def test_events_after_the_newest_audited_date_await_their_audit():
    fr = frames([audit_row(date="2020-03-02")],
                launches=[("2020-03-02-1", "2020-03-02"), ("2020-03-03-1", "2020-03-03")],
                incidents=[("2020-03-01-1", "2020-03-01")])
    assert messages(fr) == ["incidents.csv:None:date: expected an audit row in event_audit.csv for every event "
                            "since 2017-01-01: 1 of the 1 events on 2020-03-01 have none"]
    assert A.check(frames([], launches=[("2020-03-02-1", "2020-03-02")])) == []  # nothing audited yet


def test_an_audit_row_without_event_is_reported():
    fr = frames([audit_row(table="incidents", date="2021-05-02")], incidents=[("2021-05-01-1", "2021-05-01")])
    got = messages(fr)
    assert got[0] == ("event_audit.csv:2:date: expected an event of incidents on 2021-05-02 for this audit row "
                      "(0 there, 0 already audited)")
    assert len(got) == 2  # and the incident of 1 May has no audit row


def test_a_rule_correction_counts_for_the_old_date_until_the_rule_moves_the_event():
    moved = audit_row(date="2022-11-03", recorded_date="2022-11-02", outcome="corrected", fix="rule",
                      evidence="source_note")
    before = frames([moved], launches=[("2022-11-02-1", "2022-11-02")])
    after = frames([moved], launches=[("2022-11-03-1", "2022-11-03")])
    assert messages(before) == [] and messages(after) == []
    elsewhere = frames([moved], launches=[("2022-11-04-1", "2022-11-04")])
    assert any("expected an event of missile_launches on 2022-11-03 or, as recorded, 2022-11-02" in m
               for m in messages(elsewhere))


def test_a_moved_row_does_not_take_the_place_of_another_event_on_its_old_date():
    moved = audit_row(date="2022-11-03", recorded_date="2022-11-02", outcome="corrected", fix="rule")
    stays = audit_row(date="2022-11-02")
    fr = frames([stays, moved], launches=[("2022-11-02-1", "2022-11-02")])  # the rule moved nothing yet: 1 event
    assert any("2022-11-03 or, as recorded, 2022-11-02" in m for m in messages(fr))


def test_a_merged_incident_counts_where_the_event_is():
    row = audit_row(table="incidents", date="2024-05-30", recorded_date="2024-05-31", outcome="corrected",
                    fix="merge", evidence="report_text")
    launch_row = audit_row(date="2024-05-30")
    salvo = [("2024-05-30-1", "2024-05-30")] * 18
    still_an_incident = frames([row, launch_row], launches=salvo, incidents=[("2024-05-31-1", "2024-05-31")])
    removed = frames([row, launch_row], launches=salvo)  # the one-event rule dropped the incident
    assert messages(still_an_incident) == [] and messages(removed) == []
    new_year = audit_row(table="incidents", date="2023-01-01", outcome="corrected", fix="merge")
    moved = frames([new_year], launches=[("2023-01-01-1", "2023-01-01")])  # now a launch, audited by this row
    assert messages(moved) == []
    nowhere = frames([row, launch_row], launches=[("2024-05-29-1", "2024-05-29")])
    assert ("event_audit.csv:2:date: expected an event of incidents on 2024-05-30 or, as recorded, 2024-05-31, "
            "or of missile_launches on 2024-05-30, for this merged audit row") in messages(nowhere)


def test_only_an_incident_is_merged():
    row = audit_row(outcome="corrected", fix="merge")
    got = messages(frames([row], launches=[("2020-03-02-1", "2020-03-02")]))
    assert got == ["event_audit.csv:2:fix: expected fix 'merge' only for an incident that is the same event as a "
                   "launch"]


# --------------------------------------------------------------------------- dates explained


def test_a_recorded_date_needs_a_corrected_row_with_a_fix():
    row = audit_row(date="2022-11-03", recorded_date="2022-11-02", outcome="confirmed")
    got = messages(frames([row], launches=[("2022-11-02-1", "2022-11-02")]))
    assert "event_audit.csv:2:outcome: expected outcome 'corrected' for a row whose recorded_date differs from date" \
        in got
    row = audit_row(date="2022-11-03", recorded_date="2022-11-02", outcome="corrected", fix="")
    got = messages(frames([row], launches=[("2022-11-02-1", "2022-11-02")]))
    assert got == ["event_audit.csv:2:fix: expected fix ('rule', 'ledger' or 'merge') for a corrected row"]


def test_a_recorded_date_equal_to_the_date_is_refused():
    row = audit_row(recorded_date="2020-03-02", outcome="corrected", fix="rule")
    got = messages(frames([row], launches=[("2020-03-02-1", "2020-03-02")]))
    assert got == ["event_audit.csv:2:recorded_date: expected recorded_date only where the table's date differs "
                   "from date"]


def test_only_a_corrected_row_has_a_fix():
    got = messages(frames([audit_row(fix="rule")], launches=[("2020-03-02-1", "2020-03-02")]))
    assert got == ["event_audit.csv:2:fix: expected no fix for a row that is not corrected"]


def test_a_ledger_fix_needs_the_ledger_row_that_makes_it():
    row = audit_row(date="2025-04-28", recorded_date="2025-04-30", outcome="corrected", fix="ledger")
    launches = [("2025-04-28-1", "2025-04-28")]
    ledger_row = dict(table="missile_launches", row_id="2025-04-28-1", field="date", source_value="2025-04-30",
                      corrected_value="2025-04-28", reason="Reason.", source_url="https://example.org/c")
    assert messages(frames([row], launches=launches, ledger=[ledger_row])) == []
    assert messages(frames([row], launches=launches)) == [
        "event_audit.csv:2:fix: expected a row of corrections.csv for missile_launches correcting a date to "
        "2025-04-28"]


# --------------------------------------------------------------------------- evidence and sequence


@pytest.mark.parametrize("row, expected", [
    (audit_row(evidence="none"), "evidence: expected the evidence that settles the date of a confirmed row"),
    (audit_row(outcome="unconfirmed", evidence="report_text"), "evidence: expected evidence 'none' for an "
                                                               "unconfirmed row"),
    (audit_row(evidence="instant", local_time="08:59"),
     "report_date: expected the date of a report of the day for evidence 'instant' (or a reported local_time from "
     "09:00, when the CNS date is the Korean date in either time zone)"),
    (audit_row(report_date="2020-02-29"), "report_date: expected a report dated no earlier than the day before "
                                          "the event (2020-03-02)"),
])
def test_evidence_rules_refuse(row, expected):
    got = messages(frames([row], launches=[("2020-03-02-1", "2020-03-02")]))
    assert got == [f"event_audit.csv:2:{expected}"]


@pytest.mark.parametrize("row", [
    audit_row(evidence="instant", report_date="2020-03-01"),  # a US report carries the day before
    audit_row(evidence="instant", report_date="2020-03-05"),
    audit_row(evidence="instant", local_time="09:00"),  # the same date in UTC and KST
    audit_row(outcome="unconfirmed", evidence="none", report_date="2020-02-20"),  # the nearest report found
])
def test_evidence_rules_accept(row):
    assert messages(frames([row], launches=[("2020-03-02-1", "2020-03-02")])) == []


def test_sequence_numbers_have_no_gaps():
    fr = frames([audit_row(seq="1"), audit_row(seq="3")],
                launches=[("2020-03-02-1", "2020-03-02"), ("2020-03-02-2", "2020-03-02")])
    assert messages(fr) == ["event_audit.csv:3:seq: expected seq 2: the rows of missile_launches on 2020-03-02 "
                            "are numbered 1, 2, ... without gaps"]


def test_an_audit_table_with_missing_columns_is_left_to_the_schema_check():
    fr = frames([audit_row()], launches=[("2020-03-02-1", "2020-03-02")])
    fr["event_audit"] = fr["event_audit"].drop(columns=["fix"])
    assert A.check(fr) == []


# --------------------------------------------------------------------------- the real audit


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def audit() -> dict[tuple, dict]:
    return {(r["table"], r["date"], r["seq"]): r for r in _read(ROOT / "data" / "event_audit.csv")}


def test_the_known_examples_of_issue_19_hold_in_the_audit(audit):
    h17 = audit[("missile_launches", "2022-11-03", "1")]
    assert (h17["reported_system"], h17["reported_class"], h17["local_time"], h17["recorded_date"],
            h17["outcome"]) == ("Hwasong-17", "ICBM", "07:40", "2022-11-02", "corrected")
    chollima = audit[("missile_launches", "2023-05-31", "1")]
    assert (chollima["reported_system"], chollima["recorded_date"]) == ("Chollima-1", "2023-05-30")
    cruise = audit[("missile_launches", "2025-10-28", "1")]
    assert (cruise["reported_class"], cruise["recorded_date"], cruise["report_date"]) == (
        "cruise", "2025-10-29", "2025-10-28")
    hypersonic = audit[("missile_launches", "2022-01-05", "1")]
    assert (hypersonic["recorded_date"], hypersonic["local_time"], hypersonic["report_date"]) == (
        "2022-01-06", "08:10", "2022-01-05")
    salvo = audit[("incidents", "2024-05-30", "2")]  # the MLRS test of the 31st is the KN-25 salvo of the 30th
    assert (salvo["recorded_date"], salvo["fix"], salvo["local_time"]) == ("2024-05-31", "merge", "06:14")
    mdl = audit[("incidents", "2025-10-19", "1")]
    assert (mdl["recorded_date"], mdl["outcome"], mdl["fix"]) == ("2025-10-23", "corrected", "rule")
    assert ("missile_launches", "2022-11-02", "1") not in audit or \
        audit[("missile_launches", "2022-11-02", "1")]["reported_system"] != "Hwasong-17"


def test_the_fixture_of_audited_events_is_in_the_audit(audit):
    fixture = _read(ROOT / "tests" / "fixtures" / "audited_events.csv")
    assert len(fixture) >= 15
    for want in fixture:
        got = audit.get((want["table"], want["date"], want["seq"]))
        assert got is not None, want
        assert {k: got[k] for k in want} == want


def test_the_tables_hold_each_audited_event_on_its_date_or_as_recorded(audit):
    """Confirmed events are on their audited date; corrected ones are on it or, until the
    date rule is fixed, on the date recorded at the audit; a merged incident is in its
    table or, once the one-event rule has run, in missile_launches."""
    tables = {name: _read(ROOT / "data" / f"{name}.csv") for name in A.AUDITED}
    fixture = _read(ROOT / "tests" / "fixtures" / "audited_events.csv")
    for want in fixture:
        dates = {r["date"] for r in tables[want["table"]]}
        if want["fix"] == "merge":
            dates |= {r["date"] for r in tables[A.MERGED_INTO] if r["date"] == want["date"]}
        allowed = {want["date"]} | ({want["recorded_date"]} if want["outcome"] == "corrected" else set())
        assert dates & allowed, want


def test_the_audit_covers_every_year_since_2017(audit):
    years = {d[:4] for _, d, _ in audit}
    assert {"2017", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"} <= years
    outcomes = {r["outcome"] for r in audit.values()}
    assert outcomes == {"confirmed", "corrected", "unconfirmed"}


# --------------------------------------------------------------------------- counts for the appendix


def test_audit_counts_per_table_and_year():
    from usnk.datadoc import audit_counts

    audit = pd.DataFrame([audit_row(date="2022-11-03", outcome="corrected"), audit_row(date="2022-01-05"),
                          audit_row(date="2023-05-31", outcome="unconfirmed"),
                          audit_row(table="incidents", date="2025-10-19", outcome="corrected")])
    got = audit_counts(audit)
    assert got.values.tolist() == [
        ["incidents", "2025", 1, 0, 1, 0], ["incidents", "all", 1, 0, 1, 0],
        ["missile_launches", "2022", 2, 1, 1, 0], ["missile_launches", "2023", 1, 0, 0, 1],
        ["missile_launches", "all", 3, 1, 1, 1]]
    assert audit_counts(audit.iloc[0:0]).columns.tolist() == [
        "table", "year", "checked", "confirmed", "corrected", "unconfirmed"]
    with pytest.raises(ValueError, match="expected outcomes confirmed, corrected, unconfirmed; got maybe"):
        audit_counts(pd.DataFrame([audit_row(outcome="maybe")]))


def test_audit_counts_of_the_real_audit_add_up(audit):
    from usnk.datadoc import audit_counts

    got = audit_counts(pd.DataFrame(list(audit.values())))
    totals = got[got["year"] == "all"].set_index("table")
    assert totals.loc["missile_launches", "checked"] == sum(1 for t, _, _ in audit if t == "missile_launches")
    assert (totals["confirmed"] + totals["corrected"] + totals["unconfirmed"] == totals["checked"]).all()


# --------------------------------------------------------------------------- the three rules one by one


def test_row_flaws_judge_one_row_alone():
    ledger = {("missile_launches", "2020-03-02")}
    assert A.row_flaws(0, audit_row(), ledger) == []
    fixed = audit_row(recorded_date="2020-03-01", outcome="corrected", fix="ledger", evidence="instant",
                      report_date="2020-03-02")
    assert A.row_flaws(4, fixed, ledger) == []
    assert A.row_flaws(4, fixed, set()) == [
        (4, "fix", "expected a row of corrections.csv for missile_launches correcting a date to 2020-03-02",
         "ledger")]
    early = audit_row(evidence="instant", report_date="2020-02-28")
    assert A.row_flaws(1, early, ledger) == [
        (1, "report_date", "expected a report dated no earlier than the day before the event (2020-03-02)",
         "2020-02-28")]
    # a report of the day before passes: a time zone behind Korea may date it so
    assert A.row_flaws(1, audit_row(evidence="instant", report_date="2020-03-01"), ledger) == []


def test_sequence_flaws_report_the_first_gap_of_each_day():
    rows = [audit_row(seq="1"), audit_row(seq="3"), audit_row(seq="4"),
            audit_row(date="2020-04-01", seq="2"), audit_row(date="2020-05-01", seq="x")]
    assert A.sequence_flaws(rows) == [
        (1, "seq", "expected seq 2: the rows of missile_launches on 2020-03-02 are numbered 1, 2, ... "
                   "without gaps", 3),
        (3, "seq", "expected seq 1: the rows of missile_launches on 2020-04-01 are numbered 1, 2, ... "
                   "without gaps", 2),
    ]


def test_coverage_lets_rows_of_the_tables_own_date_claim_first():
    fr = frames([audit_row(date="2020-03-02", recorded_date="2020-03-01", outcome="corrected", fix="rule"),
                 audit_row(date="2020-03-01")],
                launches=[("2020-03-01-1", "2020-03-01")])
    rows = fr["event_audit"].to_dict("records")
    cover = A._Coverage(fr, "2020-03-02")
    # the plain row takes the one event of 1 March; the corrected row then finds none left
    assert A.coverage_flaws(rows, cover) == [
        (0, "date", "expected an event of missile_launches on 2020-03-02 or, as recorded, 2020-03-01 for this "
                    "audit row (0 there, 0 already audited)", "2020-03-02")]
    assert cover.unaudited() == []
