"""The parts of ``usnk update`` on small hand-made tables, fast enough for the mutation
run (whole updates of the data folder are in ``test_update.py`` and
``test_atomic_update.py``): release log, differences, merging, writing."""

from __future__ import annotations

import io
import os

import pandas as pd
import pytest

from usnk.errors import DataError
from usnk.importers import update
from usnk.importers.update import (
    TableChanges,
    check_release,
    csv_bytes,
    diff_table,
    drop_counted_launches,
    known_facilities,
    merge_incidents,
    official_until,
    relink_japan_impacts,
    release_entries,
    write_atomically,
)
from usnk.paths import ROOT


def releases(*rows):
    return pd.DataFrame([{"update": u, "applied_on": u[:10], "source": s, "file": f, "release_date": r,
                          "newest_date": n} for u, s, f, r, n in rows])


LOG = releases(("2026-01-02-1", "cns", "a.csv", "2025-12-01", "2025-11-30"),
               ("2026-01-02-1", "csis", "p.csv", "2025-12-20", "2025-12-20"),
               ("2026-02-01-1", "cns", "b.csv", "2026-01-15", "2026-01-10"),
               ("2026-02-01-2", "cns-copy", "t.json", "2026-03-01", "2026-03-01"))


def test_check_release_refuses_only_an_older_release_of_the_same_source():
    info = {"source": "cns", "file": "old.csv", "release_date": "2026-01-14", "newest_date": "2026-01-01"}
    with pytest.raises(DataError) as err:
        check_release(info, LOG, "shown/old.csv")
    assert [(p.file, p.row, p.column, p.message) for p in err.value.problems] == [(
        "shown/old.csv", None, None,
        "this cns release (2026-01-14, newest event 2026-01-01) is older than the release the data came from "
        "(b.csv, release 2026-01-15, newest event 2026-01-10); refusing to go back; nothing was written")]
    same = {**info, "release_date": "2026-01-15"}
    assert check_release(same, LOG, "x") is same
    assert check_release({**info, "source": "csis", "release_date": "2025-12-20"}, LOG, "x")["source"] == "csis"
    assert check_release(info, None, "x") is info and check_release(info, LOG.iloc[0:0], "x") is info


def test_official_until_is_the_newest_event_of_the_official_exports():
    assert official_until(LOG, []) == "2026-01-10"
    assert official_until(LOG, [{"source": "cns", "newest_date": "2026-02-01"},
                                {"source": "cns-copy", "newest_date": "2026-05-01"}]) == "2026-02-01"
    assert official_until(None, [{"source": "cns-copy", "newest_date": "2026-05-01"}]) == ""
    assert official_until(LOG.iloc[0:0], []) == ""


def test_release_entries_number_the_updates_of_a_day():
    used = [{"source": "cns", "file": "c.csv", "release_date": "2026-02-02", "newest_date": "2026-02-01",
             "sha256": "ab", "source_url": "https://example.org/c"}]
    got = release_entries(LOG, used, "2026-02-01", (3, 2, 1), "")
    assert got.to_dict("records") == [{
        "update": "2026-02-01-3", "applied_on": "2026-02-01", "source": "cns", "file": "c.csv",
        "release_date": "2026-02-02", "newest_date": "2026-02-01", "sha256": "ab", "rows_added": "3",
        "rows_changed": "2", "rows_removed": "1", "summary": "no row changed", "source_url": "https://example.org/c"}]
    assert list(got.columns) == update.RELEASE_COLUMNS
    assert release_entries(LOG, used, "2026-03-01", (0, 0, 0), "x: 1 added")[["update", "summary"]].values.tolist() \
        == [["2026-03-01-1", "x: 1 added"]]
    assert release_entries(LOG.iloc[0:0], used, "2026-02-01", (0, 0, 0), "")["update"].tolist() == ["2026-02-01-1"]


def test_table_changes_count_and_list_with_empty_values_shown():
    changes = TableChanges(["id", "date", "note"])
    assert not changes and changes.counts() == {"added": 0, "moved": 0, "changed": 0, "removed": 0}
    changes.changed.append(({"id": "a", "date": "2020-01-01", "note": ""}, {"id": "a", "date": "2020-01-01",
                                                                            "note": "x"}))
    changes.removed.append({"update": "2026-01-02-1", "table": "summits", "field": "name", "other": "no"})
    assert changes and changes.counts() == {"added": 0, "moved": 0, "changed": 1, "removed": 1}
    assert changes.lines() == ["~ a: note ∅ → x", "- 2026-01-02-1 (summits, name)"]
    assert TableChanges(["id"]).lines() == []


def test_diff_of_a_table_without_date_fields_pairs_by_key():
    before = pd.DataFrame({"id": ["a", "b"], "name": ["x", "y"]})
    after = pd.DataFrame({"id": ["a", "c"], "name": ["z", "y"]})
    changes = diff_table(before, after)
    assert changes.lines() == ["+ c ()", "~ a: name x → z", "- b ()"]
    assert diff_table(None, after).counts() == {"added": 2, "moved": 0, "changed": 0, "removed": 0}


def test_rocket_artillery_on_a_kn25_day_is_no_incident():
    incidents = pd.DataFrame({"id": ["1", "2", "3", "4"], "date": ["2020-03-02", "2020-03-02", "2020-03-09",
                                                                   "2020-03-02"],
                              "category": ["weapons_test", "weapons_test", "weapons_test", "artillery"],
                              "event_type": ["MLRS Test", "Anti-aircraft test", "Rocket system test",
                                             "Rocket artillery fire"]})
    launches = pd.DataFrame({"date": ["2020-03-02", "2020-03-09"], "missile_name": ["KN-25", "KN-23"]})
    # the rocket-artillery fire of a KN-25 day is that launch too (one event, one row: 18 March 2024)
    assert drop_counted_launches(incidents, launches)["id"].tolist() == ["2", "3"]
    assert drop_counted_launches(incidents, launches).index.tolist() == [0, 1]


def test_merge_incidents_keeps_curated_rows_the_file_lacks_in_date_order():
    old = pd.DataFrame({"id": ["2010-03-26-1", "2010-03-26-92", "2010-03-26-91", "2008-07-11-91", "2026-01-01-92"],
                        "date": ["2010-03-26", "2010-03-26", "2010-03-26", "2008-07-11", "2026-01-01"],
                        "event_type": ["old", "curated", "curated", "curated", "curated"], "extra": [""] * 5})
    new = pd.DataFrame({"id": ["2010-03-26-1", "2010-03-26-2", "2026-01-01-92"],
                        "date": ["2010-03-26", "2010-03-26", "2026-01-01"], "event_type": ["new", "new", "file"]})
    merged = merge_incidents(old, new)
    assert merged.values.tolist() == [["2008-07-11-91", "2008-07-11", "curated"], ["2010-03-26-1", "2010-03-26", "new"],
                                      ["2010-03-26-2", "2010-03-26", "new"],
                                      ["2010-03-26-91", "2010-03-26", "curated"],
                                      ["2010-03-26-92", "2010-03-26", "curated"],
                                      ["2026-01-01-92", "2026-01-01", "file"]]
    assert merged.index.tolist() == [0, 1, 2, 3, 4, 5]
    assert merge_incidents(old.iloc[0:0], new)["id"].tolist() == ["2010-03-26-1", "2010-03-26-2", "2026-01-01-92"]


def test_known_facilities_take_the_first_place_with_both_coordinates():
    launches = pd.DataFrame({"facility": ["Sunan", "Unknown", "Sunan", "Sinpo", "", "Kusong"],
                             "latitude": ["39.2", "1", "40", "40.0", "1", ""], "longitude": ["125.67", "2", "126", "128.1", "2", "125"]})
    assert known_facilities(launches) == {"Sunan": ("39.2", "125.67"), "Sinpo": ("40.0", "128.1")}


def test_csv_bytes_write_missing_cells_empty_and_quote_only_where_needed():
    frame = pd.DataFrame({"a": ["x, y", None, "1"], "b": [float("nan"), 'say "hi"', "2"], "c": ["", "", ""]})
    assert csv_bytes(frame, ["b", "a"]) == b'b,a\n,"x, y"\n"say ""hi""",\n2,1\n'


def test_origin_url_cites_a_download_or_else_the_page():
    assert update._origin_url("https://example.org/f.csv", "https://page") == "https://example.org/f.csv"
    assert update._origin_url(ROOT / "f.csv", "https://page") == "https://page"


def test_write_atomically_writes_every_file_keeps_modes_and_leaves_no_temporary_file(tmp_path):
    old = tmp_path / "old.csv"
    old.write_bytes(b"before\n")
    os.chmod(old, 0o600)
    new = tmp_path / "new.csv"
    package = tmp_path / "datapackage.json"
    write_atomically({package: b"{}\n", old: b"after\n", new: b"new\n"}, last=package)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "old.csv": b"after\n", "new.csv": b"new\n", "datapackage.json": b"{}\n"}
    assert (old.stat().st_mode & 0o777, new.stat().st_mode & 0o777) == (0o600, 0o644)


def test_write_atomically_puts_back_what_it_replaced_when_a_replace_fails(tmp_path, monkeypatch):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(b"a\n")
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full (simulated)")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="simulated"):
        write_atomically({first: b"A\n", second: b"B\n"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.csv": b"a\n"}


def test_relink_japan_impacts_follows_recomputed_event_ids():
    launches = pd.DataFrame({"date": ["2021-09-15", "2021-09-15", "2017-08-29"],
                             "missile_name": ["KN-23", "KN-23", "Hwasong-12"],
                             "event_id": ["2021-09-15-1", "2021-09-15-2", "2017-08-29-3"]})
    impacts = pd.DataFrame({"id": ["a", "b", "c", "d"],
                            "date": ["2017-08-29", "2021-09-15", "2021-09-15", "2009-04-05"],
                            "missile_name": ["Hwasong-12", "KN-23", "KN-23", "Unha"],
                            "event_id": ["2017-08-29-1", "2021-09-15-1", "2021-09-15-2", "2009-04-05-1"]})
    out = relink_japan_impacts(impacts, launches)
    # moved id followed; two reports of one system that day keep two events; a launch no
    # longer in the table leaves the report unlinked rather than pointing at nothing
    assert out["event_id"].tolist() == ["2017-08-29-3", "2021-09-15-1", "2021-09-15-2", ""]
    assert out["id"].tolist() == ["a", "b", "c", "d"]
    assert out["missile_name"].tolist() == ["Hwasong-12", "KN-23", "KN-23", "Unha"]


def test_relinking_an_unchanged_table_gives_an_equal_table():
    """Raw tables are read as text (object columns): the relinked table keeps them, so
    an update that leaves every link in place does not report japan_impacts as touched."""
    launches = pd.DataFrame({"date": ["2017-08-29"], "missile_name": ["Hwasong-12"], "event_id": ["2017-08-29-1"]},
                            dtype=object)
    impacts = pd.DataFrame({"id": ["a"], "date": ["2017-08-29"], "missile_name": ["Hwasong-12"],
                            "event_id": ["2017-08-29-1"]}, dtype=object)
    out = relink_japan_impacts(impacts, launches)
    assert out.equals(impacts)
    assert out["event_id"].dtype == object and out["missile_name"].dtype == object


def test_relink_follows_a_renamed_system_when_the_day_has_one():
    launches = pd.DataFrame({"date": ["2022-10-04"], "missile_name": ["New IRBM (2022)"],
                             "event_id": ["2022-10-04-1"]})
    impacts = pd.DataFrame({"id": ["x"], "date": ["2022-10-04"], "missile_name": ["Hwasong-12"],
                            "event_id": [""]})
    out = relink_japan_impacts(impacts, launches)
    assert out[["event_id", "missile_name"]].values.tolist() == [["2022-10-04-1", "New IRBM (2022)"]]


def test_diff_lists_moved_changed_added_and_removed_rows():
    cols = ["id", "event_id", "date", "date_basis", "missile_name", "apogee_km"]
    before = pd.DataFrame([["2017-08-28-1-01", "2017-08-28-1", "2017-08-28", "source_date", "Hwasong-12", "550"],
                           ["2022-12-18-1-01", "2022-12-18-1", "2022-12-18", "csis_match", "Unknown", "500"],
                           ["2009-04-05-1-01", "2009-04-05-1", "2009-04-05", "csis_match", "Unha-2", ""]],
                          columns=cols)
    after = pd.DataFrame([["2017-08-29-1-01", "2017-08-29-1", "2017-08-29", "csis_match", "Hwasong-12", "550"],
                          ["2022-12-18-1-01", "2022-12-18-1", "2022-12-18", "csis_match", "Unknown", "550"],
                          ["2022-11-05-1-01", "2022-11-05-1", "2022-11-05", "source_date", "Unknown", ""]],
                         columns=cols)
    changes = diff_table(before, after)
    assert changes.counts() == {"added": 1, "moved": 1, "changed": 1, "removed": 1}
    assert changes.lines() == [
        "+ 2022-11-05-1-01 (2022-11-05, Unknown)",
        "> 2017-08-28-1-01 → 2017-08-29-1-01: date 2017-08-28 → 2017-08-29; date_basis source_date → csis_match",
        "~ 2022-12-18-1-01: apogee_km 500 → 550",
        "- 2009-04-05-1-01 (2009-04-05, Unha-2)",
    ]


def test_a_dry_run_update_reports_every_change_and_writes_nothing(sample_data):
    """One whole update from the small CSIS sample, in process: the report, line by line."""
    def read(name):
        return pd.read_csv(sample_data / f"{name}.csv", dtype=str, keep_default_na=False)

    before = {p.name: p.read_bytes() for p in sample_data.iterdir()}
    n_csis = int((read("missile_launches")["origin"] == "csis").sum())
    n_incidents = len(read("incidents"))
    out = io.StringIO()
    assert update.run(csis=ROOT / "tests" / "fixtures" / "csis" / "update_sample.csv", data_dir=sample_data,
                      dry_run=True, out=out, today="2026-11-20") == 0
    lines = out.getvalue().splitlines()
    shown = [line for line in lines if not line.startswith("  - ")]
    sample = "https://example.org/news/"
    assert shown == [
        f"incidents: would be 2 added, 0 moved, 1 changed, {n_incidents - 4} removed; "
        "last_event_date would be 2026-09-03",
        "  + 2026-09-03-1 (2026-09-03, balloons, Balloon-floating Trash)",
        "  + 2026-09-03-2 (2026-09-03, territorial_incursion, DMZ Encroachment)",
        "  ~ 2010-03-26-1: source_url http://www.mnd.go.kr/user/mnd_eng/upload/pblictn/"
        f"PBLICTNEBOOK_201308080718210240.pdf → {sample}2010-03-26",
        f"missile_launches: would be 7 added, 0 moved, 11 changed, {n_csis - 4} removed; "
        "last_event_date would be 2026-09-12",
        *[f"  + 2020-01-01-1-0{n} (2020-01-01, SRBM, Unknown, csis)" for n in (1, 2, 3)],
        *[f"  + 2026-09-10-1-0{n} (2026-09-10, SRBM, Unknown, csis)" for n in (1, 2)],
        *[f"  + 2026-09-12-1-0{n} (2026-09-12, cruise, Unknown, csis)" for n in (1, 2)],
        "  ~ 2006-07-05-1-01: date_basis correction → source_date",
        *[f"  ~ 2006-07-05-2-0{n}: date_basis correction → source_date" for n in range(1, 7)],
        *[f"  ~ 2023-02-23-1-0{n}: source_url https://en.yna.co.kr/view/AEN20230224000451325?section=news → "
          f"{sample}2023-02-23" for n in range(1, 5)],
        "releases: would be 1 entries added",
        "  + 2026-11-20-1 csis update_sample.csv (release 2026-09-12, newest 2026-09-12, sha256 14d856fb6135…)",
        "verdict_history: would be verdicts of update 2026-11-20-1 recorded; 2 moved since the previous release",
        "  sporadic_incidents: supported → mixed",          # the sample keeps few of the older incidents
        "  breakdown_doubling_down: mixed → supported",
        "dry run: nothing written",
    ]
    assert len(lines) - len(shown) == n_incidents - 4 + n_csis - 4
    assert {p.name: p.read_bytes() for p in sample_data.iterdir()} == before


def test_an_update_checks_the_folder_and_the_release_before_it_reads_on(sample_data, tmp_path, monkeypatch):
    # the folder updated gives the schema, never $USNK_DATA_DIR's (here without a launch table)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "datapackage.json").write_text('{"resources": []}', encoding="utf-8")
    monkeypatch.setenv("USNK_DATA_DIR", str(elsewhere))
    csis = tmp_path / "provocations_2000.csv"
    csis.write_text("date,type,event,description,resources\n"
                    "2000-01-01,Missile Provocation,Cruise Missile Launch,one cruise missile,\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        update.run(csis=csis, data_dir=sample_data, out=io.StringIO())
    assert [(p.file, p.row, p.column, p.message) for p in err.value.problems] == [(
        str(csis), None, None,
        "this csis release (2000-01-01, newest event 2000-01-01) is older than the release the data came from "
        "(provocations_1958_2026-08-20.csv, release 2026-08-20, newest event 2026-08-20); refusing to go back; "
        "nothing was written")]
    cns = ROOT / "tests" / "fixtures" / "cns" / "cns_sample.xlsx"
    with pytest.raises(DataError) as err:
        update.run(cns=cns, data_dir=sample_data, out=io.StringIO())
    assert [(p.file, p.message[:48]) for p in err.value.problems] == [
        (str(cns), "this cns release (2019-09-10, newest event 2019-")]
    (sample_data / "summits.csv").unlink()
    with pytest.raises(DataError) as err:
        update.run(csis=csis, data_dir=sample_data, out=io.StringIO())
    assert err.value.message == "the data folder has problems; fix them before updating"
    assert [(p.file, p.row, p.column) for p in err.value.problems] == [("summits.csv", None, None)]


def test_a_csis_update_rebuilds_an_absent_incident_table_and_keeps_the_corrections(sample_data, monkeypatch):
    """Written, not a dry run: the new table, the package's dates, the ledger put back on."""
    import json

    real_ledger = (ROOT / "data" / "corrections.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    corrected = [line for line in real_ledger if line.startswith("missile_launches,1984-04-09-1,date_precision,")]
    (sample_data / "corrections.csv").write_text(real_ledger[0] + corrected[0], encoding="utf-8")
    (sample_data / "incidents.csv").unlink()
    real_replace, replaced = os.replace, []
    monkeypatch.setattr(os, "replace", lambda src, dst: (replaced.append(os.path.basename(dst)),
                                                         real_replace(src, dst)))
    out = io.StringIO()
    assert update.run(csis=ROOT / "tests" / "fixtures" / "csis" / "update_sample.csv", data_dir=sample_data,
                      out=out, today="2026-11-20") == 0
    assert replaced == ["incidents.csv", "missile_launches.csv", "releases.csv", "verdict_history.csv",
                        "datapackage.json"]
    assert out.getvalue().splitlines()[:4] == [
        "incidents: 3 added, 0 moved, 0 changed, 0 removed; last_event_date 2026-09-03",
        "  + 2010-03-26-1 (2010-03-26, attack, Sinking of the ROKS Cheonan)",
        "  + 2026-09-03-1 (2026-09-03, balloons, Balloon-floating Trash)",
        "  + 2026-09-03-2 (2026-09-03, territorial_incursion, DMZ Encroachment)"]
    incidents = pd.read_csv(sample_data / "incidents.csv", dtype=str, keep_default_na=False)
    assert incidents["id"].tolist() == ["2010-03-26-1", "2026-09-03-1", "2026-09-03-2"]
    text = (sample_data / "datapackage.json").read_text(encoding="utf-8")
    package = json.loads(text)
    assert text == json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    dates = {r["name"]: r.get("last_event_date") for r in package["resources"]}
    assert (dates["incidents"], dates["missile_launches"]) == ("2026-09-03", "2026-09-12")
    launches = pd.read_csv(sample_data / "missile_launches.csv", dtype=str, keep_default_na=False)
    assert set(launches.loc[launches["event_id"] == "1984-04-09-1", "date_precision"]) == {"year"}
    again = io.StringIO()
    assert update.run(csis=ROOT / "tests" / "fixtures" / "csis" / "update_sample.csv", data_dir=sample_data,
                      out=again, today="2026-11-20") == 0
    assert again.getvalue().splitlines() == [
        "incidents: 0 added, 0 moved, 0 changed, 0 removed; last_event_date 2026-09-03",
        "missile_launches: 0 added, 0 moved, 0 changed, 0 removed; last_event_date 2026-09-12", "no changes"]


def test_an_update_whose_result_is_invalid_writes_nothing(sample_data, monkeypatch):
    from usnk.importers import csis as csis_module

    real = csis_module.csis_incident_rows
    monkeypatch.setattr(csis_module, "csis_incident_rows",
                        lambda events: real(events).assign(category="not-a-category"))
    before = {p.name: p.read_bytes() for p in sample_data.iterdir()}
    with pytest.raises(DataError) as err:
        update.run(csis=ROOT / "tests" / "fixtures" / "csis" / "update_sample.csv", data_dir=sample_data,
                   out=io.StringIO())
    assert err.value.message == "the updated data would not be valid; nothing was written"
    assert {(p.file, p.column, p.value) for p in err.value.problems} == {
        ("incidents.csv", "category", "not-a-category")}
    assert {p.name: p.read_bytes() for p in sample_data.iterdir()} == before


def test_a_json_copy_replaces_the_copied_rows_after_the_official_export(data_copy, tmp_path):
    """A copy ending on the newest copied date replaces every row copied after the
    official export's newest event, that date's rows included; the official rows stay.
    (The one-record copy drops audited launches, so the audit is emptied first.)"""
    import json

    from conftest import without_audit

    without_audit(data_copy)

    tests = [{"date": "2026-04-18", "time": "21:10 (UTC)", "missile": "m", "facility": "f", "outcome": "Success"}]
    (tmp_path / "test.en.json").write_text(json.dumps({"timeBins": [{"data": tests}]}), encoding="utf-8")
    (tmp_path / "missile.en.json").write_text(json.dumps(
        {"m": {"name": "Hwasong-11D (KN-35)", "type": "Short-Range Ballistic Missile"}}), encoding="utf-8")
    (tmp_path / "facility.en.json").write_text(json.dumps(
        {"facilities": {"f": {"name": "Sinpo Shipyard", "lat": 40.0, "lon": 128.2}}}), encoding="utf-8")
    launches = pd.read_csv(data_copy / "missile_launches.csv", dtype=str, keep_default_na=False)
    log = pd.read_csv(data_copy / "releases.csv", dtype=str, keep_default_na=False)
    official = max(log.loc[log["source"] == "cns", "newest_date"])
    copied = launches[(launches["origin"] == "cns") & (launches["source_date"] > official)]
    assert max(copied["source_date"]) == "2026-04-18"
    out = io.StringIO()
    assert update.run(cns=[tmp_path / "test.en.json"], data_dir=data_copy, dry_run=True, out=out,
                      today="2026-11-20") == 0
    lines = out.getvalue().splitlines()
    summary = next(line for line in lines if line.startswith("missile_launches:"))
    assert summary.startswith(f"missile_launches: would be 0 added, 0 moved, 1 changed, {len(copied) - 1} removed;")
    assert "  + 2026-11-20-1 cns-copy test.en.json (release 2026-04-18, newest 2026-04-18, sha256 " in \
        [line[:len(line) - 14] for line in lines]


def test_an_update_gives_a_missile_named_by_an_alias_its_canonical_name(data_copy, tmp_path):
    """The copy names the missile of 18 April 2026 (UTC) 'Hwasong-11D', an alias in
    missile_names.csv: the row keeps the canonical 'Hwasong-11D (KN-35)'."""
    import json

    from conftest import without_audit

    without_audit(data_copy)
    tests = [{"date": "2026-04-18", "time": "21:10 (UTC)", "missile": "m", "facility": "f", "outcome": "Success"}]
    (tmp_path / "test.en.json").write_text(json.dumps({"timeBins": [{"data": tests}]}), encoding="utf-8")
    (tmp_path / "facility.en.json").write_text(json.dumps(
        {"facilities": {"f": {"name": "Sinpo Shipyard", "lat": 40.0, "lon": 128.2}}}), encoding="utf-8")
    changes = {}
    for name in ("Hwasong-11D", "Hwasong-11D (KN-35)"):
        (tmp_path / "missile.en.json").write_text(json.dumps(
            {"m": {"name": name, "type": "Short-Range Ballistic Missile"}}), encoding="utf-8")
        out = io.StringIO()
        assert update.run(cns=[tmp_path / "test.en.json"], data_dir=data_copy, dry_run=True, out=out,
                          today="2026-11-20") == 0
        changes[name] = [line for line in out.getvalue().splitlines() if line.startswith("  ~ 2026-04-19-1-01")]
    assert changes["Hwasong-11D"] == changes["Hwasong-11D (KN-35)"]
    assert changes["Hwasong-11D"] and "missile_name" not in changes["Hwasong-11D"][0]
