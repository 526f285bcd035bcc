"""The sources an update imports are the entries of one list (usnk.importers.sources):
the command line, the update and the release log all follow it, so a third source
is one more entry."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pandas as pd
import pytest

from usnk import cli
from usnk.importers import sources, update
from usnk.importers.cns import CNS_DATABASE_URL
from usnk.importers.csis import CSIS_DATABASE_URL
from usnk.paths import ROOT


def test_the_list_names_cns_then_csis_with_their_options_kinds_and_pages():
    assert [(s.option, s.flag, s.log_kinds, s.page, s.repeatable, s.rebuilds) for s in sources.SOURCES] == [
        ("cns", "--cns", ("cns", "cns-copy"), CNS_DATABASE_URL, True, ()),
        ("csis", "--csis", ("csis",), CSIS_DATABASE_URL, False, ("incidents",))]


def test_the_release_logs_schema_lists_every_kind_a_source_logs():
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    releases = next(r for r in package["resources"] if r["name"] == "releases")
    field = next(f for f in releases["schema"]["fields"] if f["name"] == "source")
    assert sorted(field["constraints"]["enum"]) == sorted(k for s in sources.SOURCES for k in s.log_kinds)


def test_the_command_line_has_one_option_per_source():
    parser = cli.build_parser()
    args = parser.parse_args(["update", "--cns", "a.csv", "--cns", "b.json", "--csis", "c.csv"])
    assert (args.cns, args.csis) == (["a.csv", "b.json"], "c.csv")


def test_given_files_are_a_list_whatever_form_they_come_in():
    cns = sources.SOURCES[0]
    assert sources.given_files(cns, None) == []
    assert sources.given_files(cns, "a.csv") == ["a.csv"]
    assert sources.given_files(cns, ("a.csv", "b.csv")) == ["a.csv", "b.csv"]


def test_an_unknown_source_option_is_refused(data_copy):
    with pytest.raises(TypeError, match="kcna"):
        update.run(kcna="x.csv", data_dir=data_copy, dry_run=True, out=io.StringIO())


def test_a_third_source_is_one_more_entry_of_the_list(data_copy, tmp_path, monkeypatch):
    """A source added to the list gets its command-line option, is read and checked
    against the release log and entered into the update, in the list's order, with no
    other change to the update or the command line."""
    calls = []
    given = tmp_path / "third.txt"
    given.write_text("anything", encoding="utf-8")

    def read(path, columns):
        calls.append(("read", path.name, tuple(columns[:2])))
        frame = pd.DataFrame()
        frame.attrs["release"] = {"source": "third", "file": path.name, "release_date": "2026-01-01",
                                  "newest_date": "2026-01-01", "sha256": "0" * 64}
        return frame

    def enter(u, frame):
        calls.append(("enter", frame.attrs["release"]["file"], [s["source"] for s in u.used]))

    third = replace(sources.SOURCES[1], name="A third source", option="third", help="a third source's file",
                    log_kinds=("third",), read=read, enter=enter, page="https://example.org/third",
                    rebuilds=())
    monkeypatch.setattr(sources, "SOURCES", (*sources.SOURCES, third))

    assert cli.build_parser().parse_args(["update", "--third", str(given)]).third == str(given)
    out = io.StringIO()
    assert cli.main(["update", "--third", str(given), "--data-dir", str(data_copy), "--dry-run"], out=out,
                    err=io.StringIO()) == 0
    assert calls == [("read", "third.txt", ("id", "date")), ("enter", "third.txt", ["third"])]
    assert "dry run: nothing written" in out.getvalue()
    err = io.StringIO()
    assert cli.main(["update", "--data-dir", str(data_copy)], out=io.StringIO(), err=err) == 1
    assert err.getvalue() == ("error: nothing to import: give --cns FILE_OR_URL and/or --csis FILE_OR_URL "
                              "and/or --third FILE_OR_URL\n")


# --------------------------------------------------------------------------- the sources' merge rules

from usnk.importers.sources import known_facilities, merge_incidents, official_until  # noqa: E402


from datafixture import RELEASE_LOG as LOG  # noqa: E402


def test_official_until_is_the_newest_event_of_the_official_exports():
    assert official_until(LOG, []) == "2026-01-10"
    assert official_until(LOG, [{"source": "cns", "newest_date": "2026-02-01"},
                                {"source": "cns-copy", "newest_date": "2026-05-01"}]) == "2026-02-01"
    assert official_until(None, [{"source": "cns-copy", "newest_date": "2026-05-01"}]) == ""
    assert official_until(LOG.iloc[0:0], []) == ""


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
