"""``usnk update``: merging, summary, idempotence, dry run, atomicity, downloads."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

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


def test_csis_update_adds_expected_rows_and_is_idempotent(data):
    before = table(data, "missile_launches")
    n_incidents = len(table(data, "incidents"))
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=data)
    assert code == 0
    after = table(data, "missile_launches")
    added = after[~after["id"].isin(before["id"])]
    # Only the two events after the table's newest launch: 2 SRBMs and 2 cruise
    # missiles ("several" -> at least two); the 2023 cruise date and the 2020
    # ballistic launch are already covered.
    assert sorted(zip(added["date"], added["missile_class"], added["count_is_lower_bound"])) == [
        ("2026-09-10", "SRBM", "false"), ("2026-09-10", "SRBM", "false"),
        ("2026-09-12", "cruise", "true"), ("2026-09-12", "cruise", "true")]
    assert set(added["facility"]) == {"Sunan", "Unknown"}
    assert added.loc[added["facility"] == "Sunan", "latitude"].ne("").all()
    assert len(after) == len(before) + 4
    assert before["id"].isin(after["id"]).all()

    incidents = table(data, "incidents")
    assert incidents["id"].tolist() == ["2010-03-26-1", "2026-09-03-1", "2026-09-03-2"]
    assert "missile_launches: 4 added, 0 changed, 0 removed; last_event_date 2026-09-12" in text
    # incidents.csv is rebuilt from the file: the Cheonan row keeps its id with the
    # fixture's source (changed), two rows are new, all the others are gone.
    assert (f"incidents: 2 added, 1 changed, {n_incidents - 1} removed; "
            "last_event_date 2026-09-03") in text

    snapshot = digests(data)
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=data)
    assert code == 0
    assert "missile_launches: 0 added, 0 changed, 0 removed" in text
    assert "incidents: 0 added, 0 changed, 0 removed" in text
    assert digests(data) == snapshot


def test_reimporting_unchanged_data_is_byte_identical(data):
    """Updating with the JSON form of the same events gives the same bytes."""
    run(csis=CSIS / "update_sample.csv", data_dir=data)
    snapshot = digests(data)
    code, text = run(csis=CSIS / "update_sample.json", data_dir=data)
    assert code == 0 and "no changes" in text
    assert digests(data) == snapshot


def test_curated_incidents_survive_a_csis_update(data):
    path = data / "incidents.csv"
    curated = "1968-01-23-91,1968-01-23,seizure,Curated test row,,false,https://www.history.navy.mil/x\n"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + curated + "".join(lines[1:]), encoding="utf-8")
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=data)
    assert code == 0
    ids = table(data, "incidents")["id"].tolist()
    assert ids == ["1968-01-23-91", "2010-03-26-1", "2026-09-03-1", "2026-09-03-2"]


def test_dry_run_writes_nothing(data):
    snapshot = digests(data)
    code, text = run(csis=CSIS / "update_sample.csv", data_dir=data, dry_run=True)
    assert code == 0
    assert "missile_launches: would be 4 added, 0 changed, 0 removed" in text
    assert "nothing written" in text
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
    proc = subprocess.run(
        [sys.executable, "-m", "usnk", "update", "--csis", str(CSIS / name), "--data-dir", str(data)],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert where in proc.stderr
    assert "Traceback" not in proc.stderr
    assert digests(data) == snapshot


def test_invalid_result_is_not_written(data, monkeypatch):
    """A merge whose result fails validation raises and writes nothing."""
    from usnk.importers import csis as csis_module

    real = csis_module.csis_incident_rows

    def broken(events):
        rows = real(events)
        rows.loc[0, "category"] = "not-a-category"
        return rows

    monkeypatch.setattr(csis_module, "csis_incident_rows", broken)
    snapshot = digests(data)
    with pytest.raises(DataError, match="category"):
        run(csis=CSIS / "update_sample.csv", data_dir=data)
    assert digests(data) == snapshot


def test_cli_end_to_end(data):
    proc = subprocess.run(
        [sys.executable, "-m", "usnk", "update", "--csis", str(CSIS / "update_sample.csv"),
         "--data-dir", str(data)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "missile_launches: 4 added, 0 changed, 0 removed" in proc.stdout
    check = subprocess.run([sys.executable, "-m", "usnk", "validate", "--data-dir", str(data)],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


def test_cns_update_replaces_rows_up_to_its_last_date(data):
    sample = CNS / "cns_sample.xlsx"
    if not sample.exists():
        pytest.skip("CNS fixture not present")
    from usnk.importers.cns import read_cns

    new = read_cns(sample)
    last = new["date"].max()
    before = table(data, "missile_launches")
    code, text = run(cns=sample, data_dir=data)
    assert code == 0
    after = table(data, "missile_launches")
    cns_covered = after[(after["origin"] == "cns") & (after["date"] <= last)]
    assert sorted(cns_covered["date"]) == sorted(new["date"])
    later = before[before["date"] > last]
    assert later["id"].isin(after["id"]).all()
    cruise = before[before["missile_class"] == "cruise"]
    assert cruise["id"].isin(after["id"]).all() and len(cruise) > 0
    removed = (before["origin"] == "cns") & (before["date"] <= last)
    assert f"{removed.sum()} removed" in text or "removed" in text
    # A second run with the same file changes nothing.
    snapshot = digests(data)
    code, text = run(cns=sample, data_dir=data)
    assert "missile_launches: 0 added, 0 changed, 0 removed" in text
    assert digests(data) == snapshot


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


def test_update_from_local_url(data, local_server, capsys):
    code, text = run(csis=f"{local_server}/update_sample.csv", data_dir=data)
    assert code == 0
    assert "missile_launches: 4 added" in text
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


def test_relink_japan_impacts_follows_recomputed_event_ids():
    from usnk.importers.update import relink_japan_impacts

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
