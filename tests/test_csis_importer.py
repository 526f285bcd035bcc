"""The CSIS Beyond Parallel importer: reading, classifying, counting, rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sharedref import CSIS_TABLE, need
from usnk.errors import DataError
from usnk.importers.csis import (
    CSIS_DATABASE_URL,
    Classification,
    classify,
    csis_incident_rows,
    csis_launch_rows,
    first_url,
    missile_count,
    normalise_event,
    outcome_of,
    read_csis,
    touched_south,
)

from usnk.datafolder import DataFolder
from usnk.importers.common import launch_columns
from usnk.paths import ROOT

LAUNCH_COLUMNS = launch_columns(DataFolder(ROOT / "data"))
"""The launch table's columns, as the repository's data package declares them."""

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "csis"


# --------------------------------------------------------------------------- classify

@pytest.mark.parametrize("event, type_, description, expected", [
    ("Short-range Ballistic Missile Launch", "Missile Provocation", "", ("SRBM",)),
    ("Short-range Ballistic Missile Lanuch", "Missile Provocation", "", ("SRBM",)),
    ("Medium-range Ballistic Missile Launch", "Missile Provocation", "", ("MRBM",)),
    ("Intermediate-range Ballistic Missile Launch", "Missile Provocation", "", ("IRBM",)),
    ("Intercontinental Ballistic Missile", "Missile Provocation", "", ("ICBM",)),
    ("Submarine Launched Ballistic Missile Launch", "Missile Provocation", "", ("SLBM",)),
    ("Anti-Ship Cruise Missile Launch", "Missile Provocation", "", ("cruise",)),
    ("Strategic cruise missile", "Missile Provocation", "", ("cruise",)),
    ("Long-range Cruise Missile Launch", "Missile Provocation", "", ("cruise",)),
    ("Satellite Launch", "Other Provocation", "", ("SLV",)),
    ("Satellite Launch (Other Provocation)", "Missile Provocation", "", ("SLV",)),
    ("Ballistic Missile Launch (type unknown)", "Missile Provocation", "", ("unknown",)),
    ("Short-range Missile Launch", "Missile Provocation", "fired two short-range ballistic missiles", ("SRBM",)),
    ("Short-range Missile Launch", "Missile Provocation", "fired two short-range missiles", ("unknown",)),
    ("Intercontinental ballistic missile & SRBM", "Missile Provocation", "", ("ICBM", "SRBM")),
    ("Nuclear Test / Short-range missile launch", "Nuclear Provocation", "a ballistic one", ("SRBM",)),
])
def test_classify_launches(event, type_, description, expected):
    c = classify(event, type_, description)
    assert c.kind == "launch"
    assert c.missile_classes == expected


@pytest.mark.parametrize("event, type_, category", [
    ("Balloon-floating Trash", "Other Provocation", "balloons"),
    ("DMZ Enroachment", "Other Provocation", "territorial_incursion"),
    ("Multiple Lanuch Rocket System (MLRS) Test", "Missile Provocation", "weapons_test"),
    ("Rocket Engine Test", "Other Provocation", "weapons_test"),
    ("Anti-aircraft Missile Launch", "Missile Provocation", "weapons_test"),
    ("Short-range Surface-to-Air Missile Launch", "Missile Provocation", "weapons_test"),
    ("Underwater nuclear attack drone", "Other Provocation", "weapons_test"),
    ("Artillery Fire", "Missile Provocation", "artillery"),
    ("Shelling of Yeonpyeong Island", "Other Provocation", "artillery"),
    ("Withdrawal from NPT", "Other Provocation", "nuclear_programme"),
    ("Uranium Facility Visit", "Other Provocation", "nuclear_programme"),
    ("GPS Signal Jamming", "Other Provocation", "electronic"),
    ("Seizure of USS Pueblo", "Other Provocation", "seizure"),
    ("The Rangoon Bombing", "Other Provocation", "terrorism"),
    ("Sinking of the ROKS Cheonan", "Other Provocation", "attack"),
    ("Infiltration and Incursion", "Other Provocation", "infiltration"),
    ("NLL Exchange of Fire", "Other Provocation", "armed_clash"),
    ("No-Sail Zone Declared", "Other Provocation", "declaration"),
    ("Airplane Exercise", "Other Provocation", "military_exercise"),
    ("Drones (UAVs)", "Other Provocation", "territorial_incursion"),
    ("Tactical Ballistic Missile Launcher Deployment", "Other Provocation", "other"),
])
def test_classify_incidents(event, type_, category):
    c = classify(event, type_)
    assert (c.kind, c.category) == ("incident", category)


def test_nuclear_test_is_neither():
    assert classify("Nuclear Test", "Nuclear Provocation").kind == "nuclear_test"


def test_normalise_event_fixes_spelling():
    assert normalise_event("DMZ  Enroachment") == "DMZ Encroachment"
    assert normalise_event("Multiple Lanuch Rocket System (MLRS) Test") == "Multiple Launch Rocket System (MLRS) Test"
    assert normalise_event("Satellite Launch (Other Provocation)") == "Satellite Launch"


# --------------------------------------------------------------------------- counts

@pytest.mark.parametrize("text, expected", [
    ("North Korea fired a ballistic missile into the sea.", (1, False)),
    ("It launched an anti-ship cruise missile.", (1, False)),
    ("The North fired two short-range missiles.", (2, False)),
    ("It fired 3 KN-01 missiles from a site near the coast.", (3, False)),
    ("It test-fired 16 short-range rockets.", (16, False)),
    ("It fired 5 Scud missiles and 2 Nodong missiles.", (7, False)),
    ("It conducted three launches with a total of 7 missiles.", (7, False)),
    ("It fired at least 7 short-range ballistic missiles.", (7, True)),
    ("It fired around 10 short-range ballistic missiles.", (10, False)),
    ("It launched an estimated 10 short-range ballistic missiles.", (10, False)),
    ("The North fired multiple cruise missiles.", (2, True)),
    ("The North fired several strategic cruise missiles.", (2, True)),
    ("The North fired a barrage of rockets.", (2, True)),
    ("It launched cruise missiles near the town.", (2, True)),
    ("It launched ship-to-ship missile from a ship.", (1, True)),
    ("It fired multiple missiles. The launch consisted of five missiles in two rounds.", (5, False)),
    ("It fired multiple cruise missiles. KCNA said it tested a new-type anti-aircraft missile.", (2, True)),
    ("It fired a missile. The launch came six days after another ballistic missile firing.", (1, False)),
    ("The submarine \"8.24 Yongung\" fired two strategic cruise missiles.", (2, False)),
    ("Kim oversaw a strategic cruise missile test launch; the missiles flew for hours.", (2, True)),
    ("Kim inspected a shipyard.", None),
])
def test_missile_count(text, expected):
    result = missile_count(text)
    assert (tuple(result) if result is not None else None) == expected


def test_missile_count_marks_approximate():
    assert missile_count("It fired around 10 missiles.").approximate is True
    assert missile_count("It fired 10 missiles.").approximate is False


def test_outcome_and_first_url():
    assert outcome_of("a failed launch of a cruise missile") == "failure"
    assert outcome_of("it failed to send out a navigational warning") == "unknown"
    assert outcome_of("two out of three reportedly misfired") == "unknown"
    assert outcome_of("KCNA reported the launch as successful") == "success"
    # dead link-shortener addresses are skipped for the next real link, else the CSIS page
    assert first_url("https://goo.gl/iXM6H4The US Military Experience") == CSIS_DATABASE_URL
    assert first_url("https://goo.gl/iXM6H4; https://www.nytimes.com/x") == "https://www.nytimes.com/x"
    assert first_url("www.mnd.go.kr/a.pdf; other") == "http://www.mnd.go.kr/a.pdf"
    assert first_url("A book, page 117.") == CSIS_DATABASE_URL
    assert first_url("https://a.example/x; https://b.example/y") == "https://a.example/x"


# --------------------------------------------------------------------------- reading

def test_read_csv_fixture():
    ev = read_csis(FIXTURES / "update_sample.csv")
    assert len(ev) == 8
    assert list(ev.columns[:5]) == ["date", "type", "event", "description", "resources"]
    assert ev["source_row"].tolist() == list(range(2, 10))


@pytest.mark.parametrize("name", ["update_sample.json", "list_form.json"])
def test_read_json_forms(name):
    ev = read_csis(FIXTURES / name)
    csv_ev = read_csis(FIXTURES / "update_sample.csv")
    assert ev["date"].tolist() == csv_ev["date"].tolist()[:len(ev)]
    assert ev["source_row"].tolist()[0] == 0


def test_extra_columns_are_accepted(tmp_path):
    text = (FIXTURES / "update_sample.csv").read_text(encoding="utf-8").splitlines()
    extra = [text[0] + ",year"] + [line + ",x" for line in text[1:]]
    path = tmp_path / "extra.csv"
    path.write_text("\n".join(extra) + "\n", encoding="utf-8")
    assert len(read_csis(path)) == 8


@pytest.mark.parametrize("name, row, column, words", [
    ("empty.csv", None, None, "empty"),
    ("truncated.csv", 3, None, "truncated"),
    ("truncated.json", 1, None, "truncated JSON"),
    ("wrong_format.csv", 1, None, "wrong format"),
    ("missing_column.csv", 1, "event", "missing"),
    ("impossible_date.csv", 4, "date", "impossible date"),
    ("unknown_type.csv", 7, "type", "unknown event type"),
])
def test_bad_files_give_located_errors(name, row, column, words):
    with pytest.raises(DataError) as info:
        read_csis(FIXTURES / name)
    problems = info.value.problems
    assert problems, "a DataError must list its problems"
    p = problems[0]
    assert p.file.endswith(name)
    assert (p.row, p.column) == (row, column)
    assert words in p.message


ROW = "2026-09-10,Missile Provocation,Short-range Ballistic Missile,Text,https://example.org/a"


def test_csv_problems_come_from_the_shared_reader_located_by_line(tmp_path):
    """Blank rows are skipped; ragged rows and broken quoting are reported on the line
    where their record starts, a ragged last line as a likely truncation."""
    path = tmp_path / "t.csv"
    path.write_text(f"date,type,event,description,resources\n{ROW}\n\n , ,\n{ROW},x\n{ROW}\n2026-09-11,Missile",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_csis(path)
    assert [(p.row, p.message) for p in info.value.problems] == [
        (5, "expected 5 fields as in the header, found 6"),
        (7, "expected 5 fields as in the header, found 2 (truncated file?)")]
    path.write_text(f'date,type,event,description,resources\n{ROW}\n2026-09-11,Missile,"Cut\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_csis(path)
    assert [(p.file, p.row, p.message) for p in info.value.problems] == [
        (str(path), 3, "expected valid CSV: unexpected end of data (a quote opened on this line is never closed)")]
    path.write_text(f"\ufeffdate,type,event,description,resources\n\n{ROW}\n , , , , \n", encoding="utf-8")
    assert read_csis(path)[["date", "source_row"]].values.tolist() == [["2026-09-10", 3]]


def test_xlsx_is_wrong_format():
    cns_xlsx = Path(__file__).resolve().parent / "fixtures" / "cns" / "cns_sample.xlsx"
    if not cns_xlsx.exists():
        pytest.skip("CNS fixture not present")
    with pytest.raises(DataError, match="wrong format"):
        read_csis(cns_xlsx)


# --------------------------------------------------------------------------- rows

def test_fixture_rows():
    ev = read_csis(FIXTURES / "update_sample.csv")
    launches = csis_launch_rows(ev, after="2026-08-20", facilities={"Sunan": ("39.2", "125.67")}, columns=LAUNCH_COLUMNS)
    got = launches[["date", "missile_class", "count_is_lower_bound", "facility", "latitude"]].values.tolist()
    assert sorted(map(tuple, got)) == sorted([
        ("2026-09-10", "SRBM", "false", "Sunan", "39.2"),
        ("2026-09-10", "SRBM", "false", "Sunan", "39.2"),
        ("2026-09-12", "cruise", "true", "Unknown", ""),
        ("2026-09-12", "cruise", "true", "Unknown", ""),
        ("2023-02-23", "cruise", "false", "Unknown", ""),
        ("2023-02-23", "cruise", "false", "Unknown", ""),
        ("2023-02-23", "cruise", "false", "Unknown", ""),
        ("2023-02-23", "cruise", "false", "Unknown", ""),
    ])
    assert set(launches["origin"]) == {"csis"}
    assert set(launches.loc[launches.date == "2026-09-10", "source_url"]) == {"https://example.org/news/2026-09-10"}

    inc = csis_incident_rows(ev)
    assert inc["id"].tolist() == ["2010-03-26-1", "2026-09-03-1", "2026-09-03-2"]
    assert inc["category"].tolist() == ["attack", "balloons", "territorial_incursion"]
    assert inc["event_type"].tolist()[2] == "DMZ Encroachment"
    assert inc["landmark"].tolist() == ["Cheonan sinking", "", ""]
    assert inc["touched_south"].tolist() == ["true", "true", "true"]
    assert inc["source_url"].tolist()[2] == CSIS_DATABASE_URL


# --------------------------------------------------------------------------- the real table

@pytest.fixture(scope="module")
def reference_events():
    return read_csis(need(CSIS_TABLE))


def test_reference_table_imports(reference_events):
    ev = reference_events
    assert len(ev) == 493
    assert ev["type"].value_counts().to_dict() == {
        "Missile Provocation": 246, "Other Provocation": 241, "Nuclear Provocation": 6}
    assert ev["date"].min() == "1958-02-16" and ev["date"].max() == "2026-08-20"
    kinds = pd.Series([classify(e, t, d).kind for e, t, d in
                       zip(ev["event"], ev["type"], ev["description"])]).value_counts().to_dict()
    assert kinds == {"incident": 258, "launch": 230, "nuclear_test": 5}  # 5 Jan 2022: a launch filed as a device


def test_reference_incidents(reference_events):
    inc = csis_incident_rows(reference_events)
    assert len(inc) == 258
    assert inc["id"].is_unique
    cheonan = inc[inc["date"] == "2010-03-26"].iloc[0]
    assert (cheonan["category"], cheonan["landmark"], cheonan["touched_south"]) == (
        "attack", "Cheonan sinking", "true")
    labels = dict(zip(inc["landmark"], inc["date"]))
    assert labels["USS Pueblo seizure"] == "1968-01-23"
    assert labels["Panmunjom axe murders"] == "1976-08-18"
    assert labels["Rangoon bombing"] == "1983-10-09"
    assert labels["KAL 858 bombing"] == "1987-11-29"
    assert labels["Yeonpyeong shelling"] == "2010-11-23"
    assert (inc["category"] == "balloons").sum() == 32
    assert inc.loc[inc["category"] == "balloons", "touched_south"].eq("true").all()


def test_reference_launches(reference_events):
    rows = csis_launch_rows(reference_events, after="2026-04-19", columns=LAUNCH_COLUMNS)
    late = rows[rows["missile_class"] != "cruise"]
    assert late["date"].min() > "2026-04-19"
    assert (late["date"] == "2026-08-20").sum() == 10
    assert (late["date"] == "2026-08-12").sum() == 1
    assert (rows["date"] == "2023-02-23").sum() == 4
    assert rows["date"].min() == "1994-05-31"


# --------------------------------------------------------------------------- exact problems

HEADER = "date,type,event,description,resources\n"
NOT_UTF8 = "wrong format: not UTF-8 text; expected the CSIS table as CSV or JSON"


@pytest.mark.parametrize("content, problems", [
    (b"\xef\xbb\xbf\n", [(None, None, "file is empty; expected a header row", None)]),
    (b"\x00\x01binary", [(None, None, "wrong format: binary file; expected CSV or JSON", None)]),
    (b"\n  <html><body>CSIS</body></html>",
     [(1, None, "wrong format: this looks like HTML/XML; expected the CSIS table as CSV or JSON", None)]),
    (HEADER.encode() + b"2026-09-10,Missile Provocation,x,y,z\n2026-09-11,Missile \xff\xfe,x,y,z\n",
     [(3, None, NOT_UTF8, "ff fe 2c 78")]),
    (b"F1,Date,Missile Name\n1,9-Apr-84,Scud-B\n",
     [(1, None, "wrong format: the header is not the CSIS table's (expected columns date, type, event, "
                "description, resources)", "F1,Date,Missile Name")]),
    (b"date,type,event\n2026-09-10,Missile Provocation,x\n",
     [(1, "description", "required column is missing", "date, type, event"),
      (1, "resources", "required column is missing", "date, type, event")]),
    ((HEADER + "2026/09/10,Missile Provocation,x,y,z\n2026-09-11,Missile Provocation,,y,z\n").encode(),
     [(2, "date", "expected a date as YYYY-MM-DD", "2026/09/10"), (3, "event", "event kind is empty", None)]),
    (b'[{"date": "2026-09-10"}, [1, 2]]', [(1, None, "wrong format: expected a JSON object (record)", "list")]),
    (b'[{"date": "2026-09-10",}]', [(1, None, "malformed JSON: Expecting property name enclosed in double quotes "
                                             "(column 24)", None)]),
    (b'[{"date": "2026-09-10"', [(1, None, "truncated JSON: Expecting ',' delimiter (column 23)", None)]),
])
def test_bad_files_give_exact_problems(tmp_path, content, problems):
    path = tmp_path / "provocations.csv"
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        read_csis(path)
    assert [(p.file, p.row, p.column, p.message, p.value) for p in info.value.problems] == [
        (str(path), *p) for p in problems]


def test_json_with_leading_space_and_null_cells(tmp_path):
    path = tmp_path / "provocations.json"
    path.write_text('\n  [{"date": "2026-09-10", "type": "Missile Provocation", "event": "Cruise Missile Launch",'
                    ' "description": null, "resources": "https://example.org/a"}]', encoding="utf-8")
    assert read_csis(path).values.tolist() == [
        ["2026-09-10", "Missile Provocation", "Cruise Missile Launch", "", "https://example.org/a", 0]]


def test_classify_whole_results_of_the_special_rules():
    assert classify("Short-range Missile Launch", "Missile Provocation", "fired two anti-ship missiles") == \
        Classification("launch", missile_classes=("cruise",))
    assert classify("Short-range Ballistic Missile Launch", "Missile Provocation",
                    "fired two ship-to-ship missiles") == Classification("launch", missile_classes=("cruise",))
    assert classify("Short-range Missile Launch", "Missile Provocation",
                    "fired two anti-ship and one ballistic missile") == Classification("launch", ("SRBM",))
    assert classify("Short-range Missile Launch", "Missile Provocation", None) == Classification("launch", ("unknown",))
    assert classify("Nuclear detonation device test", "Other Provocation") == \
        Classification("incident", category="nuclear_programme")
    assert classify("Engine test", "Other Provocation") == Classification("incident", category="weapons_test")


def test_missile_count_adds_singles_and_reads_thousands():
    assert missile_count("The North fired a missile, a rocket and 2 projectiles.") == (4, False)
    assert missile_count("The North fired a missile and 3 rockets.") == (4, False)
    assert missile_count("A plan to build 1,200 rockets was reported.") == (1200, False)


def test_touched_south_by_category_kind_and_text():
    assert touched_south("Military Exercise", "military_exercise", "troops crossed the NLL") is False
    assert touched_south("Shooting", "attack", "soldiers fired at South Korean soldiers") is True
    assert touched_south("Shooting", "attack", "soldiers fired into the air") is False
    assert touched_south("Shooting", "attack", None) is False


def test_launch_rows_take_the_given_columns_and_the_event_facts():
    events = pd.DataFrame([
        ["2026-09-10", "Missile Provocation", "Short-range Ballistic Missile Launch",
         "The North fired two short-range ballistic missiles; the launch failed.", "https://example.org/a", 5],
        ["2026-09-11", "Other Provocation", "Mixed Tactical Weapons Test",
         "The test included a strategic cruise missile and artillery.", "", 6],
    ], columns=["date", "type", "event", "description", "resources", "source_row"])
    columns = ["date", "date_precision", "missile_class", "outcome", "landing", "count_is_lower_bound", "source_url",
               "origin"]
    rows = csis_launch_rows(events, columns=columns)
    assert list(rows.columns) == [*columns, "_event_key"]
    assert rows.values.tolist() == [
        ["2026-09-10", "day", "SRBM", "failure", "", "false", "https://example.org/a", "csis", "csis-5"],
        ["2026-09-10", "day", "SRBM", "failure", "", "false", "https://example.org/a", "csis", "csis-5"],
        ["2026-09-11", "day", "cruise", "unknown", "", "true", CSIS_DATABASE_URL, "csis", "csis-6"],
    ]
    assert csis_launch_rows(events, classes={"SRBM"}, columns=columns)["missile_class"].tolist() == ["SRBM", "SRBM"]


@pytest.mark.parametrize("kind, category, text, expected", [
    ("DMZ Exchange of Fire", "armed_clash", "North and South Korea exchanged artillery fire near Yeoncheon.", True),
    ("Exchange of Fire (Ground)", "armed_clash", "A guard fired on an observation post.", True),
    ("Clash", "armed_clash", "Machine-gun fire was exchanged; the two sides exchanged gunfire.", True),
    ("Artillery Fire", "artillery", "North Korea fired shells into the sea north of the line.", False),
    ("Artillery Fire", "artillery", "Shells landed south of the NLL.", True),
    ("Exchange at the inter-Korean Joint Liaison Office", "other", "The office was demolished.", False),
    ("Multiple Launch Rocket System (MLRS) Test", "weapons_test", "exchanged fire", False),
])
def test_every_exchange_of_fire_touches_the_south(kind, category, text, expected):
    assert touched_south(kind, category, text) is expected


# --------------------------------------------------------------------------- the stages, one by one

from usnk.importers import csis as csis_module  # noqa: E402


def event_record(event, description="", type_="Missile Provocation", date="2022-03-24", line=5,
                 resources="https://example.org/a"):
    return pd.Series({"date": date, "type": type_, "event": event, "description": description,
                      "resources": resources, "source_row": line})


def test_source_text_decodes_utf8_with_a_bom_and_refuses_what_is_no_text():
    assert csis_module.source_text("\ufeffdate,type\n".encode("utf-8"), "f.csv") == "date,type\n"
    for data, row, words in [(b"  \n", None, "file is empty"), (b"PK\x03\x04rest", None, "ZIP/xlsx"),
                             (b"date\nok\n\xff\xfe", 3, "not UTF-8"), (b"date\x00", None, "binary")]:
        with pytest.raises(DataError) as info:
            csis_module.source_text(data, "f.csv")
        (problem,) = info.value.problems
        assert (problem.file, problem.row) == ("f.csv", row) and words in problem.message


def test_table_records_read_csv_and_json_and_refuse_html():
    csv_text = "date,type,event,description,resources\n2022-03-24,Missile Provocation,ICBM,d,u\n"
    assert csis_module.table_records(csv_text.encode(), csv_text, "f.csv") == (
        [(2, {"date": "2022-03-24", "type": "Missile Provocation", "event": "ICBM", "description": "d",
              "resources": "u"})], [])
    json_text = '[{"Date": "2022-03-24", "type": "t", "event": "e", "description": null, "resources": "u"}]'
    records, problems = csis_module.table_records(json_text.encode(), json_text, "f.json")
    assert problems == [] and records == [(0, {"date": "2022-03-24", "type": "t", "event": "e", "description": "",
                                               "resources": "u"})]
    with pytest.raises(DataError, match="HTML/XML"):
        csis_module.table_records(b"<html>", "  <html>", "f.csv")


def test_launch_of_turns_cruise_weapons_tests_and_kn25_firings_into_launches():
    assert csis_module.launch_of(event_record("Intercontinental Ballistic Missile", "fired one ICBM")) == (
        Classification("launch", ("ICBM",)), (1, False), "Unknown")
    c, count, name = csis_module.launch_of(event_record("Mixed Tactical Weapons Test",
                                                        "tested a strategic cruise missile and artillery"))
    assert (c, count, count.lower_bound, name) == (Classification("launch", ("cruise",)), (1, True), True, "Unknown")
    kn25 = "On March 23, North Korea fired 4 super-large rockets from its 600 mm multiple rocket launcher."
    assert csis_module.launch_of(event_record("MLRS Test", kn25, date="2022-03-24")) == (
        Classification("launch", ("SRBM",)), (4, False), "KN-25")
    many = kn25.replace("fired 4", "fired 40")
    assert csis_module.launch_of(event_record("MLRS Test", many, date="2022-03-24"))[1] == (1, True)
    assert csis_module.launch_of(event_record("Balloon-floating Trash", "", type_="Other Provocation"))[0].kind \
        == "incident"


def test_launch_classes_keep_cruise_always_and_the_others_after_the_cns_end():
    mixed = Classification("launch", ("ICBM", "cruise"))
    assert csis_module.launch_classes(mixed, "2020-01-01", "2020-06-30", None) == ["cruise"]
    assert csis_module.launch_classes(mixed, "2020-07-01", "2020-06-30", None) == ["ICBM", "cruise"]
    assert csis_module.launch_classes(mixed, "2020-06-30", None, None) == ["ICBM", "cruise"]
    assert csis_module.launch_classes(mixed, "2020-07-01", "2020-06-30", {"ICBM"}) == ["ICBM"]


def test_missiles_per_class_counts_one_class_whole_and_a_mixed_kind_one_each():
    from usnk.importers.csis import MissileCount

    one = Classification("launch", ("SRBM",))
    assert csis_module.missiles_per_class(one, ["SRBM"], MissileCount(3, False)) == [("SRBM", 3, False)]
    mixed = Classification("launch", ("ICBM", "SRBM"))
    assert csis_module.missiles_per_class(mixed, ["ICBM", "SRBM"], MissileCount(5, False)) == [
        ("ICBM", 1, True), ("SRBM", 1, True)]


def test_event_launch_rows_make_one_row_per_missile_up_to_the_cap(monkeypatch):
    ev = event_record("Short-range Ballistic Missile Launch", "Two missiles failed after launch from Sunan.",
                      line=9, resources="see www.example.org/x; more")
    rows = csis_module.event_launch_rows(ev, "2022-03-23", "description", "Unknown",
                                         [("SRBM", 2, False), ("cruise", 1, True)], {"Sunan": ("39.2", "125.67")})
    assert [(r["missile_class"], r["count_is_lower_bound"]) for r in rows] == [
        ("SRBM", "false"), ("SRBM", "false"), ("cruise", "true")]
    assert {(r["date"], r["date_basis"], r["source_date"], r["facility"], r["latitude"], r["outcome"],
             r["origin"], r["source_url"], r["_event_key"]) for r in rows} == {
        ("2022-03-23", "description", "2022-03-24", "Sunan", "39.2", "failure", "csis", "http://www.example.org/x",
         "csis-9")}
    monkeypatch.setattr(csis_module.inputs, "row_cap", lambda: 2)
    assert len(csis_module.event_launch_rows(ev, "2022-03-23", "", "Unknown", [("SRBM", 30, False)], None)) == 2


def test_incident_row_and_numbering_within_a_day():
    ev = event_record("Cheonan Sinking", "A South Korean navy ship sank.", type_="Other Provocation",
                      date="2010-03-26", resources="https://example.org/cheonan")
    row = csis_module.incident_row(ev, "attack")
    assert row == {"date": "2010-03-26", "category": "attack", "event_type": "Cheonan Sinking",
                   "landmark": "Cheonan sinking", "touched_south": "true", "source_url": "https://example.org/cheonan"}
    other = {**row, "landmark": "", "event_type": "Other"}
    earlier = {**other, "date": "2010-03-25"}
    frame = csis_module.number_incidents([row, other, earlier])
    assert frame["id"].tolist() == ["2010-03-25-1", "2010-03-26-1", "2010-03-26-2"]
    assert frame["event_type"].tolist() == ["Other", "Cheonan Sinking", "Other"]
    assert list(frame.columns) == csis_module.INCIDENT_COLUMNS


def test_sentence_count_sums_numbers_and_reports_vague_and_single_phrases():
    assert csis_module.sentence_count("It fired 5 Scud missiles and 2 Nodong missiles.") == ((7, False), False, False)
    count, vague, single = csis_module.sentence_count("It fired at least 3 missiles.")
    assert count == (3, True) and not count.approximate
    assert csis_module.sentence_count("It fired around 10 rockets.")[0].approximate
    assert csis_module.sentence_count("It fired several missiles and a rocket.") == (None, True, True)
    assert csis_module.sentence_count("Talks resumed.") == (None, False, False)
