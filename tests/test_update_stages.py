"""The named stages of ``usnk update`` (``usnk.importers.update.run`` calls them in
order), each run on its own on a copy of the real data folder."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from usnk.datafolder import DataFolder
from usnk.errors import DataError
from usnk.importers import update


def test_read_folder_refuses_a_folder_with_problems_and_names_the_file(data_copy):
    path = data_copy / "summits.csv"
    path.write_text(path.read_text(encoding="utf-8") + "a,b\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        update.read_folder(DataFolder(data_copy))
    assert "summits.csv" in {p.file for p in info.value.problems}


def test_read_folder_lets_incidents_be_missing_only_when_a_csis_file_rebuilds_them(data_copy):
    (data_copy / "incidents.csv").unlink()
    with pytest.raises(DataError):
        update.read_folder(DataFolder(data_copy))
    u = update.read_folder(DataFolder(data_copy), rebuilds={"incidents"})
    assert len(u.frames["incidents"]) == 0 and "incidents" not in u.raw
    assert list(u.frames["incidents"].columns) == [f["name"] for f in u.resources["incidents"]["schema"]["fields"]]


def test_unapply_corrections_gives_the_sources_values_and_cns_rows_without_ids(data_copy):
    u = update.read_folder(DataFolder(data_copy))
    update.unapply_corrections(u)
    ledger = u.ledger[u.ledger["table"] == "missile_launches"]
    assert len(ledger), "the check below needs a launch correction in the ledger"
    for r in ledger.to_dict("records"):
        if r["field"] == "date":  # a moved launch goes back to the date the import gives it
            back = u.launches[u.launches["date"] == r["source_value"]]
            assert len(back) and (back["date_basis"] != "correction").all()
        else:
            rows = u.launches[u.launches["event_id"] == r["row_id"]]
            assert len(rows) and (rows[r["field"]] == r["source_value"]).all()
    assert not {"id", "event_id"} & set(u.cns_rows.columns)
    assert (u.cns_rows["origin"] == "cns").all()
    assert len(u.cns_rows) == int((u.frames["missile_launches"]["origin"] == "cns").sum())
    # the folder's own frames are not changed by the stage
    assert u.frames["missile_launches"].equals(u.before["missile_launches"])


def test_apply_corrections_puts_back_what_unapply_took_off(data_copy):
    u = update.read_folder(DataFolder(data_copy))
    update.unapply_corrections(u)
    u.used = [{"source": "test"}]  # as if a file was read: the rebuilt launches are the table's own
    u.rebuilt = u.launches
    update.apply_corrections(u)
    assert u.touched == {"missile_launches"} and u.notes == []
    after, before = u.frames["missile_launches"], u.before["missile_launches"]
    moved = after["date"] != before["date"]  # date corrections are applied before ids: not here
    # each date correction of the ledger moves every launch of its day back to the source's day
    # (e.g. 2006-07-05 → 04)
    dates = u.ledger[(u.ledger["table"] == "missile_launches") & (u.ledger["field"] == "date")]
    assert len(dates) >= 3 and "2006-07-05" in set(dates["corrected_value"])
    assert moved.any() and set(before.loc[moved, "date"]) == set(dates["corrected_value"])
    assert set(after.loc[moved, "date"]) == set(dates["source_value"])
    pd.testing.assert_frame_equal(after[~moved].reset_index(drop=True), before[~moved].reset_index(drop=True))


def test_the_stages_without_a_source_file_change_nothing(data_copy):
    u = update.read_folder(DataFolder(data_copy))
    update.unapply_corrections(u)
    update.read_sources(u, {})
    assert u.evidence and u.used == []  # the evidence is the table's own
    update.reconcile_launches(u)
    update.assign_launch_ids(u)
    assert u.rebuilt is None
    update.apply_corrections(u)
    update.relink_and_date(u)
    assert u.touched == set() and u.new_package == u.package
    update.diff_tables(u)
    update.log_release(u, "2026-12-03")
    assert u.report == [] and u.changed_rows == [0, 0, 0] and "releases" not in u.touched
    assert update.planned_writes(u) == {}
    out = io.StringIO()
    assert update.write_update(u, dry_run=False, out=out) == 0
    assert out.getvalue() == "no changes\n"


def test_relink_and_date_moves_last_event_date_of_a_rebuilt_table_only(data_copy):
    u = update.read_folder(DataFolder(data_copy))
    later = u.frames["incidents"].iloc[[-1]].assign(id="2030-01-01-1", date="2030-01-01")
    u.frames["incidents"] = pd.concat([u.frames["incidents"], later], ignore_index=True)
    update.relink_and_date(u)
    dates = {r["name"]: r.get("last_event_date") for r in u.new_package["resources"]}
    assert dates == {r["name"]: r.get("last_event_date") for r in u.package["resources"]}  # not rebuilt
    u.touched.add("incidents")
    update.relink_and_date(u)
    assert {r["name"]: r.get("last_event_date") for r in u.new_package["resources"]}["incidents"] == "2030-01-01"
    assert {r["name"]: r.get("last_event_date") for r in u.package["resources"]}["incidents"] != "2030-01-01"
    # the changed table is listed, and the log and the package's version follow
    update.diff_tables(u)
    assert u.report[0].startswith("incidents: 1 added") and u.changed_rows == [1, 0, 0]
    update.log_release(u, "2030-01-02")
    assert u.report[-1] == "releases: 0 entries added"  # no file was used: nothing to log
    assert u.new_package.get("version") == u.package.get("version")
