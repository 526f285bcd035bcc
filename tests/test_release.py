"""The citable release (data package version, release log, CITATION.cff) and the
lock of the software environment."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from usnk import release
from usnk.paths import ROOT


def _copy_data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("datapackage.json", "releases.csv"):
        shutil.copy(ROOT / "data" / name, folder / name)
    return folder


def test_the_data_package_version_is_the_newest_update_of_the_release_log():
    rel = release.current(ROOT / "data")
    assert release.VERSION.fullmatch(rel.version)
    log = (ROOT / "data" / "releases.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert rel.version in {line.split(",")[0] for line in log}
    assert rel.date == rel.version.rsplit("-", 1)[0]


def test_a_version_behind_the_release_log_or_malformed_is_refused(tmp_path):
    folder = _copy_data(tmp_path)
    with (folder / "releases.csv").open("a", encoding="utf-8") as fh:
        fh.write("2099-11-27-2,2099-11-27,csis,x.csv,2099-11-27,2099-11-27," + "0" * 64
                 + ",1,0,0,summary,https://example.org/\n")
    with pytest.raises(release.ReleaseError, match="not the newest update.*2099-11-27-2"):
        release.current(folder)
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    pkg["version"] = "2099-11-27-2"
    (folder / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    assert release.current(folder) == release.Release("2099-11-27-2", "2099-11-27")
    pkg["version"] = "1.0.0"
    (folder / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    with pytest.raises(release.ReleaseError, match="'1.0.0' is not a release name"):
        release.current(folder)


def test_the_tenth_update_of_a_day_is_newer_than_the_ninth(tmp_path):
    folder = _copy_data(tmp_path)
    with (folder / "releases.csv").open("a", encoding="utf-8") as fh:
        for n in (9, 10):
            fh.write(f"2099-11-30-{n},2099-11-30,csis,x.csv,2099-11-30,2099-11-30," + "0" * 64
                     + ",1,0,0,summary,https://example.org/\n")
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    pkg["version"] = "2099-11-30-10"
    (folder / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    assert release.current(folder).version == "2099-11-30-10"


def test_citation_file_is_cff_1_2_0_and_names_the_current_release():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):  # required by CFF 1.2.0
        assert cff[key]
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    rel = release.current(ROOT / "data")
    assert str(cff["version"]) == rel.version
    assert str(cff["date-released"]) == rel.date


def test_cite_text_names_page_book_release_and_date():
    text = release.cite_text("The Book", "The authors", "Chapter 1", release.Release("2026-11-26-1", "2026-11-26"))
    assert text == "The authors, “Chapter 1”, in The Book, release 2026-11-26-1 (2026-11-26)."


def test_lock_pins_every_distribution_with_hashes_and_parses_markers():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = release.locked()
    assert len(pins) > 150
    # every pin line is followed by at least one sha256 hash
    blocks = [b for b in text.split("\n") if "==" in b and not b.startswith("#")]
    assert len(blocks) == len(pins)
    assert text.count("--hash=sha256:") >= len(pins)
    assert pins["appnope"][1] == "sys_platform == 'darwin'"
    direct = [line.split("==")[0] for line in (ROOT / "requirements.txt").read_text().splitlines()
              if line and not line.startswith("#")]
    for name in direct:  # the direct dependencies are locked at the version requirements.txt pins
        wanted = next(l for l in (ROOT / "requirements.txt").read_text().splitlines() if l.startswith(name + "=="))
        assert pins[release.normalise(name)][0] == wanted.split("==")[1]


def test_environment_reports_missing_differing_and_extra(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("alpha==1.0 \\\n    --hash=sha256:aa\nbeta-pkg==2.0 \\\n    --hash=sha256:bb\n"
                    "gamma==3.0 ; sys_platform == 'no-such-platform' \\\n    --hash=sha256:cc\n"
                    "delta==4.0 \\\n    --hash=sha256:dd\n", encoding="utf-8")
    env = release.environment(lock, {"alpha": "1.0", "beta-pkg": "2.1", "pip": "23.2.1"})
    assert env == {"rows": [("alpha", "1.0"), ("beta-pkg", "2.1")], "missing": ["delta"],
                   "differ": [("beta-pkg", "2.0", "2.1")], "extra": ["pip"]}


def test_this_environment_is_the_lock():
    """The interpreter running the tests holds every locked distribution of its platform
    at the locked version, and nothing else but the installer (pip)."""
    env = release.environment()
    assert env["missing"] == [] and env["differ"] == []
    assert set(env["extra"]) <= {"pip"}


def test_software_summary_says_whether_the_build_ran_with_the_lock(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("alpha==1.0 \\\n    --hash=sha256:aa\nbeta==2.0 \\\n    --hash=sha256:bb\n", encoding="utf-8")
    same, frame = release.software(lock, {"alpha": "1.0", "beta": "2.0", "pip": "1"})
    assert same.software_n == "2" and same.software_state == "every one at the version requirements.lock pins"
    assert repr(same.software_state) == "every one at the version requirements.lock pins"
    assert frame.values.tolist() == [["alpha", "1.0"], ["beta", "2.0"]]
    other, _ = release.software(lock, {"alpha": "1.1"})
    assert other.software_state == ("differs from requirements.lock: 1 locked distributions missing, "
                              "1 at another version")


def test_every_chapter_page_gets_a_cite_note_and_other_pages_none():
    from types import SimpleNamespace

    from usnk import sphinxext

    app = SimpleNamespace(config=SimpleNamespace(html_title="The Book", project="unset", author="The authors"),
                          _usnk_release=release.Release("2026-11-26-1", "2026-11-26"))
    context = {"body": "<p>text</p>", "title": "Nuclear <em>tests</em> &amp; more"}
    sphinxext._add_cite_this(app, "book/02_nuclear", "page.html", context, object())
    assert context["body"].startswith("<p>text</p><aside class=\"usnk-cite\"")
    assert ("The authors, “Nuclear tests &amp; more”, in The Book, release 2026-11-26-1 (2026-11-26)."
            in context["body"])
    other = {"body": "<p>x</p>", "title": "Search"}
    sphinxext._add_cite_this(app, "search", "search.html", other, object())
    assert other["body"] == "<p>x</p>"


def test_the_data_appendix_reports_the_software_it_ran_with():
    from usnk import findings
    from usnk.load import load_all

    chapter = findings.data_appendix(load_all())
    facts, table = release.software()
    assert {k: chapter.facts[k] for k in facts} == facts
    assert chapter.frames.software.equals(table) and len(table) > 150
