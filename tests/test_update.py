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


def test_reimporting_unchanged_data_is_byte_identical(sample_data):
    """Updating with the JSON form of the same events gives the same bytes."""
    run(csis=CSIS / "update_sample.csv", data_dir=sample_data)
    snapshot = digests(sample_data)
    code, text = run(csis=CSIS / "update_sample.json", data_dir=sample_data)
    assert code == 0 and "no changes" in text
    assert digests(sample_data) == snapshot


def test_curated_incidents_survive_a_csis_update(sample_data):
    path = sample_data / "incidents.csv"
    curated = "1968-01-23-91,1968-01-23,seizure,Curated test row,,false,https://www.history.navy.mil/x\n"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + curated + "".join(lines[1:]), encoding="utf-8")
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=sample_data)
    assert code == 0
    ids = table(sample_data, "incidents")["id"].tolist()
    assert ids[:2] == ["1968-01-23-91", "2008-07-11-91"]


def test_dry_run_writes_nothing(sample_data):
    snapshot = digests(sample_data)
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=sample_data, dry_run=True)
    assert code == 0
    assert "missile_launches: would be 7 added, 0 moved, 11 changed" in text
    assert "  + 2026-09-12-1-02 (2026-09-12, cruise, Unknown, csis)" in text
    assert "releases: would be 1 entries added" in text
    assert "nothing written" in text
    assert digests(sample_data) == snapshot


def test_an_update_that_loses_a_corrected_row_is_refused(data):
    snapshot = digests(data)
    with pytest.raises(DataError) as info:
        run(csis=CSIS / "update_sample.csv", data_dir=data)
    assert any(p.file == "corrections.csv" and p.column == "row_id" and p.value == "1971-06-01-1"
               for p in info.value.problems)
    assert digests(data) == snapshot


def test_an_older_release_is_refused_and_nothing_changes(data):
    snapshot = digests(data)
    with pytest.raises(DataError) as info:
        run(cns=CNS / "cns_sample.xlsx", data_dir=data)
    message = str(info.value.problems[0])
    assert "release (2019-09-10" in message
    assert "north_korea_missile_test_database_2023-04-12.csv, release 2023-04-19" in message
    assert digests(data) == snapshot


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


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_reimporting_the_official_release_changes_nothing(data, tmp_path, form):
    source = need(OFFICIAL_CNS) if form == "csv" else official_xlsx(tmp_path)
    snapshot = digests(data)
    code, text = run(cns=source, data_dir=data)
    assert code == 0
    assert "missile_launches: 0 added, 0 moved, 0 changed, 0 removed" in text
    assert "releases" not in text and "no changes" in text
    assert digests(data) == snapshot


def test_reimporting_the_csis_table_changes_nothing(data):
    snapshot = digests(data)
    code, text = run(csis=need(CSIS_TABLE), data_dir=data)
    assert code == 0 and "no changes" in text
    assert digests(data) == snapshot


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
