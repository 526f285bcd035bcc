"""``usnk update``: merging, summary, idempotence, dry run, atomicity, downloads."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import shutil
import threading
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from clirun import run_cli, run_process
from sharedref import CNS_COPY, CSIS_TABLE, OFFICIAL_CNS, need
from usnk.errors import DataError
from usnk.importers import update
from usnk.importers.download import DownloadError, fetch

ROOT = Path(__file__).resolve().parents[1]
CSIS = ROOT / "tests" / "fixtures" / "csis"
CNS = ROOT / "tests" / "fixtures" / "cns"


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def table(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def run(**kw) -> tuple[int, str]:
    out = io.StringIO()
    code = update.run(out=out, **kw)
    return code, out.getvalue()


SAMPLE_LAUNCHES = [("2020-01-01", "SRBM", "false")] * 3 + [("2026-09-10", "SRBM", "false")] * 2 + [
    ("2026-09-12", "cruise", "true")] * 2


@pytest.mark.end_to_end
def test_csis_update_replaces_csis_rows_keeps_cns_dates_and_is_idempotent(sample_data):
    data = sample_data
    before = table(data, "missile_launches")
    n_csis = (before["origin"] == "csis").sum()
    n_incidents = len(table(data, "incidents"))
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=data)
    assert code == 0
    after = table(data, "missile_launches")
    csis = after[after["origin"] == "csis"]
    # The CSIS rows are now the file's launches CNS lacks: 3 SRBMs of 2020, 2 SRBMs and
    # at least 2 cruise missiles ("several") of 2026; the 2023-02-23 cruise event is
    # already a row (same date, class and count) and stays one.
    kept_cruise = csis[csis["date"] == "2023-02-23"]
    assert len(kept_cruise) == 4 and set(kept_cruise["source_url"]) == {"https://example.org/news/2023-02-23"}
    new = csis[csis["date"] != "2023-02-23"]
    assert sorted(zip(new["date"], new["missile_class"], new["count_is_lower_bound"])) == SAMPLE_LAUNCHES
    assert set(new.loc[new["date"] == "2026-09-10", "facility"]) == {"Sunan"}
    # CNS rows keep their Korean dates: a CSIS file that lacks an event does not undo it
    cns_before = before[before["origin"] == "cns"].set_index("id")
    cns_after = after[after["origin"] == "cns"].set_index("id")
    assert cns_after.index.tolist() == cns_before.index.tolist()
    assert cns_after["date"].equals(cns_before["date"])
    # changed: the kept cruise rows' source, and the 2006 rows whose date correction
    # this ledger no longer holds (their date stays: it is the one CNS enters)
    assert (f"missile_launches: 7 added, 0 moved, 11 changed, {n_csis - 4} removed; "
            "last_event_date 2026-09-12") in text
    assert "  + 2026-09-10-1-01 (2026-09-10, SRBM, Unknown, csis)" in text
    assert ("  ~ 2023-02-23-1-01: source_url https://en.yna.co.kr/view/AEN20230224000451325?section=news"
            " → https://example.org/news/2023-02-23") in text
    incidents = table(data, "incidents")
    # rebuilt from the file, curated rows (ordinal >= 91) kept
    assert incidents["id"].tolist() == ["2008-07-11-91", "2010-03-26-1", "2016-01-02-91", "2017-02-13-91",
                                        "2026-09-03-1", "2026-09-03-2"]
    assert (f"incidents: 2 added, 0 moved, 1 changed, {n_incidents - 4} removed; "
            "last_event_date 2026-09-03") in text
    releases = table(data, "releases")
    today = date.today().isoformat()
    number = len(set(releases.loc[releases["applied_on"] == today, "update"]))
    assert releases.iloc[-1][["update", "applied_on", "source", "file", "newest_date", "rows_added", "rows_changed",
                              "rows_removed"]].tolist() == [
        f"{today}-{number}", today, "csis", "update_sample.csv", "2026-09-12", "9", "12",
        str(n_csis - 4 + n_incidents - 4)]  # moved and changed rows count as changed
    # the applied update is the new release: the data package's version names it
    from usnk import release

    assert release.current(data) == release.Release(f"{today}-{number}", today)

    snapshot = digests(data)
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=data)
    assert code == 0
    assert "missile_launches: 0 added, 0 moved, 0 changed, 0 removed" in text
    assert "incidents: 0 added, 0 moved, 0 changed, 0 removed" in text
    assert "no changes" in text
    assert digests(data) == snapshot


@pytest.mark.end_to_end
def test_reimporting_unchanged_data_is_byte_identical(sample_data):
    """Updating with the JSON form of the same events gives the same bytes."""
    run(csis=CSIS / "update_sample.csv", data_dir=sample_data)
    snapshot = digests(sample_data)
    code, text = run(csis=CSIS / "update_sample.json", data_dir=sample_data)
    assert code == 0 and "no changes" in text
    assert digests(sample_data) == snapshot


@pytest.mark.end_to_end
def test_curated_incidents_survive_a_csis_update(sample_data):
    path = sample_data / "incidents.csv"
    curated = "1968-01-23-91,1968-01-23,seizure,Curated test row,,false,https://www.history.navy.mil/x\n"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + curated + "".join(lines[1:]), encoding="utf-8")
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=sample_data)
    assert code == 0
    ids = table(sample_data, "incidents")["id"].tolist()
    assert ids[:2] == ["1968-01-23-91", "2008-07-11-91"]


@pytest.mark.end_to_end
def test_dry_run_writes_nothing(sample_data):
    snapshot = digests(sample_data)
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=sample_data, dry_run=True)
    assert code == 0
    assert "missile_launches: would be 7 added, 0 moved, 11 changed" in text
    assert "  + 2026-09-12-1-02 (2026-09-12, cruise, Unknown, csis)" in text
    assert "releases: would be 1 entries added" in text
    assert "nothing written" in text
    assert digests(sample_data) == snapshot


@pytest.mark.end_to_end
def test_an_update_that_loses_a_corrected_row_is_refused(data):
    snapshot = digests(data)
    with pytest.raises(DataError) as info:
        run(csis=CSIS / "update_sample.csv", data_dir=data)
    assert any(p.file == "corrections.csv" and p.column == "row_id" and p.value == "1971-06-01-1"
               for p in info.value.problems)
    assert digests(data) == snapshot


@pytest.mark.end_to_end
def test_an_older_release_is_refused_and_nothing_changes(data):
    snapshot = digests(data)
    with pytest.raises(DataError) as info:
        run(cns=CNS / "cns_sample.xlsx", data_dir=data)
    message = str(info.value.problems[0])
    assert "release (2019-09-10" in message
    assert "north_korea_missile_test_database_2023-04-12.csv, release 2023-04-19" in message
    assert digests(data) == snapshot


@pytest.mark.end_to_end
@pytest.mark.parametrize("name, where", [
    ("empty.csv", "empty.csv:"),
    ("truncated.csv", "truncated.csv:3:"),
    ("wrong_format.csv", "wrong_format.csv:1:"),
    ("impossible_date.csv", "impossible_date.csv:4: date:"),
    ("missing_column.csv", "missing_column.csv:1: event:"),
])
def test_bad_input_exits_1_and_leaves_data_unchanged(data, name, where):
    snapshot = digests(data)
    proc = run_cli("update", "--csis", str(CSIS / name), "--data-dir", str(data))
    assert proc.returncode == 1, proc.stderr
    assert where in proc.stderr
    assert "Traceback" not in proc.stderr
    assert digests(data) == snapshot


@pytest.mark.end_to_end
def test_invalid_result_is_not_written(sample_data, monkeypatch):
    """A merge whose result fails validation raises and writes nothing."""
    from usnk.importers import csis as csis_module

    real = csis_module.csis_incident_rows

    def broken(events):
        rows = real(events)
        rows.loc[0, "category"] = "not-a-category"
        return rows

    monkeypatch.setattr(csis_module, "csis_incident_rows", broken)
    snapshot = digests(sample_data)
    with pytest.raises(DataError, match="category"):
        run(csis=CSIS / "update_sample.csv", data_dir=sample_data)
    assert digests(sample_data) == snapshot


@pytest.mark.end_to_end
def test_update_follows_the_schema_of_the_folder_it_updates(sample_data, tmp_path, monkeypatch):
    """--data-dir names a folder whose package orders the launch columns otherwise
    and adds one: the update reads and writes that folder's schema, not the repository's."""
    import json

    package_path = sample_data / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    launches = next(r for r in package["resources"] if r["name"] == "missile_launches")
    fields = launches["schema"]["fields"]
    fields.insert(1, fields.pop(next(i for i, f in enumerate(fields) if f["name"] == "source_url")))
    fields.append({"name": "reviewer_note", "type": "string", "description": "A test column."})
    package_path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    before = table(sample_data, "missile_launches")
    before["reviewer_note"] = ["checked" if o == "cns" else "" for o in before["origin"]]
    order = [f["name"] for f in fields]
    (sample_data / "missile_launches.csv").write_bytes(update.csv_bytes(before, order))

    proc = run_cli("update", "--csis", str(CSIS / "update_sample.csv"), "--data-dir", str(sample_data))
    assert proc.returncode == 0, proc.stderr
    assert "missile_launches: 7 added, 0 moved, 11 changed" in proc.stdout
    after = table(sample_data, "missile_launches")
    assert list(after.columns) == order and order[:2] == ["id", "source_url"]
    assert (after["reviewer_note"] == "checked").sum() == (before["origin"] == "cns").sum()
    assert set(after.loc[after["origin"] == "csis", "reviewer_note"]) == {""}
    # nothing on the way reads the repository's data/ (or $USNK_DATA_DIR): with neither
    # there, the same update again goes through and changes nothing
    from usnk import paths

    monkeypatch.setattr(paths, "ROOT", tmp_path / "no-repository")
    monkeypatch.delenv("USNK_DATA_DIR", raising=False)
    snapshot = digests(sample_data)
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=sample_data)
    assert code == 0 and "no changes" in text
    assert digests(sample_data) == snapshot


@pytest.mark.end_to_end
def test_cli_end_to_end(sample_data):
    proc = run_process("update", "--csis", str(CSIS / "update_sample.csv"), "--data-dir", str(sample_data))
    assert proc.returncode == 0, proc.stderr
    assert "missile_launches: 7 added, 0 moved, 11 changed" in proc.stdout
    check = run_cli("validate", "--data-dir", str(sample_data))
    assert check.returncode == 0, check.stdout + check.stderr


# --------------------------------------------------------------------------- real files

def official_xlsx(target: Path) -> Path:
    """The official CSV's rows written as the official xlsx (sheet 'Missile Tests',
    header on row 2, dates and times as spreadsheet values)."""
    import csv as csv_module
    import datetime as dt

    import openpyxl

    from usnk.importers.cns import parse_date

    with need(OFFICIAL_CNS).open(encoding="cp1252", newline="") as fh:
        rows = list(csv_module.reader(fh))
    book = openpyxl.Workbook()
    book.active.title = "About"
    book.active["A1"] = "Test workbook made from the official CSV export"
    sheet = book.create_sheet("Missile Tests")
    sheet.append(["CNS North Korea Missile Test Database"])
    sheet.append(rows[0])
    for cells in rows[1:]:
        out = list(cells)
        date, precision = parse_date(cells[1])
        if precision == "day":
            out[1] = dt.datetime.fromisoformat(date)
        if cells[3].strip()[:1].isdigit():
            out[3] = dt.datetime.strptime(cells[3].strip(), "%I:%M:%S %p").time()
        sheet.append(out)
    path = target / "north_korea_missile_test_database_2023-04-12.xlsx"
    book.save(path)
    return path


@pytest.mark.end_to_end
@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_reimporting_the_official_release_changes_nothing(data, tmp_path, form):
    source = need(OFFICIAL_CNS) if form == "csv" else official_xlsx(tmp_path)
    snapshot = digests(data)
    code, text = run(cns=source, data_dir=data)
    assert code == 0
    assert "missile_launches: 0 added, 0 moved, 0 changed, 0 removed" in text
    assert "releases" not in text and "no changes" in text
    assert digests(data) == snapshot


@pytest.mark.end_to_end
def test_reimporting_the_csis_table_changes_nothing(data):
    snapshot = digests(data)
    code, text = run(csis=need(CSIS_TABLE), data_dir=data)
    assert code == 0 and "no changes" in text
    assert digests(data) == snapshot


@pytest.mark.end_to_end
def test_official_file_on_the_old_table_moves_dates_back_to_korean_dates(data):
    """Rebuilding from the copy and the official file: every difference is listed."""
    launches = data / "missile_launches.csv"
    header = launches.read_text(encoding="utf-8").splitlines()[0]
    launches.write_text(header + "\n", encoding="utf-8")
    (data / "releases.csv").write_text(
        (data / "releases.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    copy = need(CNS_COPY)
    code, text = run(cns=[need(OFFICIAL_CNS), copy], csis=need(CSIS_TABLE), data_dir=data, dry_run=True)
    assert code == 0
    assert "missile_launches: would be 493 added, 0 moved, 0 changed, 0 removed" in text
    assert "  + 2017-08-29-1-01 (2017-08-29, IRBM, Hwasong-12, cns)" in text
    assert "  + 2023-01-01-1-01 (2023-01-01, SRBM, KN-25, csis)" in text  # CSIS's MLRS test of New Year's Day
    assert "  + 2022-11-05-1-04 (2022-11-05, SRBM, Unknown, csis)" in text


# --------------------------------------------------------------------------- downloads

@pytest.fixture
def local_server():
    handler = functools.partial(_QuietHandler, directory=str(CSIS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.mark.end_to_end
def test_update_from_local_url(sample_data, local_server, capsys):
    data = sample_data
    code, text = run(csis=f"{local_server}/update_sample.csv", data_dir=data)
    assert code == 0
    assert "missile_launches: 7 added" in text
    assert table(data, "releases").iloc[-1]["source_url"] == f"{local_server}/update_sample.csv"
    assert "bytes" in capsys.readouterr().err  # the progress bar


def test_fetch_limits(local_server):
    path = fetch(f"{local_server}/update_sample.csv", progress=False)
    try:
        assert path.read_bytes() == (CSIS / "update_sample.csv").read_bytes()
    finally:
        path.unlink()
    with pytest.raises(DownloadError, match="limit"):
        fetch(f"{local_server}/update_sample.csv", max_bytes=100, progress=False)
    with pytest.raises(DownloadError, match="404"):
        fetch(f"{local_server}/missing.csv", progress=False)
    with pytest.raises(DownloadError, match="https"):
        fetch("http://example.org/provocations.csv", progress=False)
    with pytest.raises(DownloadError, match="https"):
        fetch("ftp://example.org/provocations.csv", progress=False)


# --------------------------------------------------------------------------- the stages, each on its own

from usnk.datafolder import DataFolder  # noqa: E402


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


# --------------------------------------------------------------------------- release log, differences, relinking, writing (small tables)

import os  # noqa: E402

from usnk.importers.update import (  # noqa: E402
    TableChanges,
    check_release,
    csv_bytes,
    diff_table,
    drop_counted_launches,
    relink_japan_impacts,
    release_entries,
)


from datafixture import RELEASE_LOG as LOG  # noqa: E402


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


def test_origin_url_cites_a_download_or_else_the_page():
    assert update._origin_url("https://example.org/f.csv", "https://page") == "https://example.org/f.csv"
    assert update._origin_url(ROOT / "f.csv", "https://page") == "https://page"


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


def test_csv_bytes_write_missing_cells_empty_and_quote_only_where_needed():
    frame = pd.DataFrame({"a": ["x, y", None, "1"], "b": [float("nan"), 'say "hi"', "2"], "c": ["", "", ""]})
    assert csv_bytes(frame, ["b", "a"]) == b'b,a\n,"x, y"\n"say ""hi""",\n2,1\n'


# --------------------------------------------------------------------------- whole updates in this process


@pytest.mark.end_to_end
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


@pytest.mark.end_to_end
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


@pytest.mark.end_to_end
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


@pytest.mark.end_to_end
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


@pytest.mark.end_to_end
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


@pytest.mark.end_to_end
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
