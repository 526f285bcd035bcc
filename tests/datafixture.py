"""A minimal, valid, synthetic data folder built from the real datapackage.json.

The schema (field names, order, types, constraints) comes from the repository's
``data/datapackage.json``; the rows below are synthetic (names like "Test-1",
"Site A", example.org links) and exist only to exercise the validator. Fields the
rows don't mention (a schema that grew) are filled generically from their type.
"""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL = "https://example.org/fixture"

ROWS: dict[str, list[dict[str, str]]] = {
    "missile_launches": [
        dict(id="2000-01-01-1-01", date="2000-01-01", date_precision="day", date_basis="csis_match",
             source_date="2000-01-01", launch_date_utc="2000-01-01", class_basis="source", launch_time_utc="01:00",
             event_id="2000-01-01-1", missile_name="Test-1", missile_class="SRBM", facility="Site A",
             latitude="39.0", longitude="125.0", landing="Sea A", apogee_km="50", distance_km="300",
             outcome="success", count_is_lower_bound="false", origin="cns", source_url=f"{URL}/ml/1"),
        dict(id="2000-01-01-1-02", date="2000-01-01", date_precision="day", date_basis="csis_match",
             source_date="2000-01-01", launch_date_utc="2000-01-01", class_basis="source", launch_time_utc="01:00",
             event_id="2000-01-01-1", missile_name="Test-1", missile_class="SRBM", facility="Site A",
             latitude="39.0", longitude="125.0", landing="", apogee_km="", distance_km="",
             outcome="failure", count_is_lower_bound="false", origin="cns", source_url=f"{URL}/ml/1"),
        dict(id="2000-02-01-1-01", date="2000-02-01", date_precision="month", date_basis="source_date",
             source_date="2000-02-01", launch_date_utc="", class_basis="source", launch_time_utc="",
             event_id="2000-02-01-1", missile_name="Test-2", missile_class="ICBM", facility="Unknown",
             latitude="", longitude="", landing="", apogee_km="", distance_km="",
             outcome="unknown", count_is_lower_bound="true", origin="csis", source_url=f"{URL}/ml/2"),
    ],
    "nuclear_tests": [
        dict(test_number="1", date="2000-03-01", time_utc="01:30:00", site="Site N", latitude="41.0",
             longitude="129.0", magnitude_mb="4.0", magnitude_estimated_by="Agency X", yield_kt_low="1",
             yield_kt_high="2", yield_estimated_by="Agency Y", dprk_claim="Claim A", source_url=f"{URL}/nt/1"),
        dict(test_number="2", date="2000-04-01", time_utc="", site="Site N", latitude="", longitude="",
             magnitude_mb="5.1", magnitude_estimated_by="Agency X", yield_kt_low="10",
             yield_kt_high="10", yield_estimated_by="Agency Y", dprk_claim="", source_url=f"{URL}/nt/2"),
    ],
    "unsc_resolutions": [
        dict(resolution="1", date="2000-03-10", status="adopted", vote_for="15", vote_against="0",
             vote_abstain="0", vetoed_by="", kind="sanctions", trigger_event="Test A",
             trigger_date="2000-03-01", measures="Measures A", source_url=f"{URL}/un/1"),
        dict(resolution="S/2000/1", date="2000-05-01", status="vetoed", vote_for="13", vote_against="2",
             vote_abstain="0", vetoed_by="China; Russia", kind="other", trigger_event="",
             trigger_date="", measures="Measures B", source_url=f"{URL}/un/2"),
    ],
    "summits": [
        dict(id="meeting-a-2000", name="Meeting A", date="2000-01-10", end_date="2000-01-11", kind="summit",
             track="us_dprk", parties="US; DPRK", place="Place A", leaders="Person A; Person B",
             outcome="Outcome A", breakdown_date="", breakdown_event="", source_url=f"{URL}/su/1"),
        dict(id="agreement-b-2000", name="Agreement B", date="2000-02-01", end_date="2000-02-01",
             kind="agreement", track="six_party", parties="US; DPRK; ROK; China; Russia; Japan",
             place="Place B", leaders="", outcome="Outcome B", breakdown_date="2000-06-01",
             breakdown_event="Collapse B", source_url=f"{URL}/su/2"),
    ],
    "incidents": [
        dict(id="2000-01-05-1", date="2000-01-05", category="armed_clash", event_type="Clash",
             landmark="", touched_south="true", source_url=f"{URL}/in/1"),
        dict(id="2000-01-05-2", date="2000-01-05", category="balloons", event_type="Balloons",
             landmark="Landmark A", touched_south="false", source_url=f"{URL}/in/2"),
    ],
    "leaders": [
        dict(country="US", name="Person C", title="President", party="Party A", start_date="2000-01-01",
             end_date="2000-06-30", acting="false", source_url=f"{URL}/le/1"),
        dict(country="DPRK", name="Person D", title="Leader", party="", start_date="2000-07-01",
             end_date="", acting="false", source_url=f"{URL}/le/2"),
    ],
    "japan_impacts": [
        dict(id="2000-01-01-eez-landing-1", date="2000-01-01", kind="eez_landing", missile_name="Test-1",
             event_id="2000-01-01-1",
             detail="Detail A", source_url=f"{URL}/ji/1"),
        dict(id="2000-02-01-overflight-1", date="2000-02-01", kind="overflight", missile_name="Test-2",
             event_id="",
             detail="Detail B", source_url=f"{URL}/ji/2"),
    ],
    "corrections": [
        dict(table="missile_launches", row_id="2000-01-01-1-01", field="landing", source_value="",
             corrected_value="Sea A", reason="Reason A", source_url=f"{URL}/co/1"),
    ],
    "missile_names": [
        dict(alias="Test One", name="Test-1", reason="Reason N", source_url=f"{URL}/mn/1"),
    ],
    "event_audit": [],  # audits events from 2017 on; the synthetic events are of 2000
    "releases": [
        dict(update="2000-03-01-1", applied_on="2000-03-01", source="cns", file="cns.xlsx",
             release_date="2000-02-15", newest_date="2000-02-01", sha256="0" * 64, rows_added="3",
             rows_changed="0", rows_removed="0", summary="missile_launches: 3 added",
             source_url=f"{URL}/re/1"),
    ],
    "verdict_history": [
        dict(update="2000-03-01-1", claim_id="war_70_years", verdict="contradicted", source_url=f"{URL}/re/1"),
    ],
    "humanitarian": [
        dict(indicator="stunting_under5", period_start="2000", period_end="2000", value="20.5", unit="percent",
             agency="UNICEF", estimate_type="measured", survey="Survey A", source_url=f"{URL}/hu/1"),
        dict(indicator="stunting_under5", period_start="2001", period_end="2003", value="18", unit="percent",
             agency="UNICEF", estimate_type="modelled", survey="", source_url=f"{URL}/hu/2"),
    ],
    "china_trade": [
        dict(year="2000", china_exports_musd="400", china_imports_musd="100", total_musd="500",
             reported_by="China customs", source_url=f"{URL}/ct/1", check_total_musd="510",
             check_reported_by="KOTRA", check_source_url=f"{URL}/ct/2", china_share_pct="50",
             share_source_url=f"{URL}/ct/3"),
        dict(year="2001", china_exports_musd="", china_imports_musd="", total_musd="600",
             reported_by="KOTRA", source_url=f"{URL}/ct/4", check_total_musd="", check_reported_by="",
             check_source_url="", china_share_pct="", share_source_url=""),
    ],
    "gdp_growth": [
        dict(year="1998", growth_pct="-1.5", reported_on="1999-06-01", source_url=f"{URL}/gd/1"),
        dict(year="1999", growth_pct="2", reported_on="2000-06-01", source_url=f"{URL}/gd/2"),
    ],
    "exercises": [
        dict(id="exercise-a-2000", name="Exercise A", date="2000-03-01", date_precision="day",
             end_date="2000-03-10", kind="command_post", status="held", source_url=f"{URL}/ex/1"),
        dict(id="exercise-b-2000", name="Exercise B", date="2000-08-01", date_precision="month",
             end_date="", kind="field_training", status="suspended", source_url=f"{URL}/ex/2"),
    ],
    "commitments": [
        dict(id="pledge-a-2000", pledged_by="DPRK", pledged_to="US", terms="Terms A", date="2000-02-01",
             summit_id="agreement-b-2000", halts_launch_classes="ICBM; SLV", halts_nuclear_tests="true",
             end_date="2000-06-01", end_event="End A", end_kind="violated", source_url=f"{URL}/co/1",
             end_source_url=f"{URL}/co/2"),
        dict(id="pledge-b-2000", pledged_by="US", pledged_to="DPRK", terms="Terms B", date="2000-03-01",
             summit_id="", halts_launch_classes="", halts_nuclear_tests="false", end_date="",
             end_event="", end_kind="", source_url=f"{URL}/co/3", end_source_url=""),
    ],
    "claims": [
        dict(claim_id="claim_a", claim="Claim A.", article_section="nuclear", paragraph="1", locator="words A",
             kind="fact", origin="article", book_section="02_nuclear#section-a", merges="claim_a_again"),
        dict(claim_id="claim_b", claim="Claim B.", article_section="", paragraph="", locator="",
             kind="causal", origin="book", book_section="03_diplomacy#section-b", merges=""),
    ],
    "positions": [
        dict(id="position-a-2000", date="2000-02-01", date_precision="month", actor="US", kind="statement",
             stance="keep_sanctions", summary="Summary A", source_url=f"{URL}/po/1"),
        dict(id="position-b-2000", date="2000-03-05", date_precision="day", actor="DPRK", kind="law",
             stance="weapons_defend_state", summary="Summary B", source_url=f"{URL}/po/2"),
    ],
    "nuclear_facilities": [
        dict(facility="Reactor A", milestone="construction_start", year="1980", source_url=f"{URL}/nf/1"),
        dict(facility="Reactor A", milestone="completed", year="1985", source_url=f"{URL}/nf/2"),
    ],
    "freedom_indices": [
        dict(index="freedom_house", edition="2000", score="3", score_max="100", rank="", n_assessed="200",
             n_worse="2", source_url=f"{URL}/fi/1"),
        dict(index="rsf", edition="2000", score="", score_max="", rank="179", n_assessed="180", n_worse="",
             source_url=f"{URL}/fi/2"),
    ],
}

LAST_EVENT_DATE = {
    "missile_launches": "2000-02-01",
    "nuclear_tests": "2000-04-01",
    "unsc_resolutions": "2000-05-01",
    "summits": "2000-02-01",
    "incidents": "2000-01-05",
    "leaders": "2000-07-01",
    "japan_impacts": "2000-02-01",
    "humanitarian": None,  # no event dates (periods are years)
    "corrections": None,  # not events
    "missile_names": None,  # names, not events
    "releases": None,  # updates of the data, not events
    "verdict_history": None,  # verdicts per release, not events
    "china_trade": None,  # years, no event dates
    "gdp_growth": None,  # years, no event dates
    "exercises": "2000-08-01",
    "commitments": "2000-03-01",
    "event_audit": None,  # no rows (see ROWS)
    "claims": None,  # not events
    "positions": "2000-03-05",
    "nuclear_facilities": None,  # years, no event dates
    "freedom_indices": None,  # editions, no event dates
}
TOTAL_ROWS = sum(len(r) for r in ROWS.values())
NEWEST = max(d for d in LAST_EVENT_DATE.values() if d)


def real_package() -> dict:
    return json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))


def _generic(field: dict, i: int) -> str:
    cons = field.get("constraints", {}) or {}
    if not cons.get("required"):
        return ""
    if cons.get("enum"):
        return str(cons["enum"][0])
    return {"date": "2000-01-01", "integer": str(int(cons.get("minimum", 0)) + i),
            "number": str(cons.get("minimum", 0)), "boolean": "false"}.get(field.get("type"), f"x{i}")


def fixture_package(package: dict | None = None) -> dict:
    pkg = copy.deepcopy(package or real_package())
    for res in pkg["resources"]:
        if "last_event_date" in res:
            res["last_event_date"] = LAST_EVENT_DATE[res["name"]]
    return pkg


def fixture_rows(res: dict) -> tuple[list[str], list[list[str]]]:
    name = res["name"]
    if name not in ROWS:
        raise KeyError(f"tests/datafixture.py has no fixture rows for resource {name!r}; add some")
    fields = res["schema"]["fields"]
    header = [f["name"] for f in fields]
    rows = [[row[f["name"]] if f["name"] in row else _generic(f, i) for f in fields]
            for i, row in enumerate(ROWS[name])]
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_valid_dir(target: Path, package: dict | None = None) -> Path:
    """Write the synthetic valid data folder to ``target`` and return it."""
    target.mkdir(parents=True, exist_ok=True)
    pkg = fixture_package(package)
    for res in pkg["resources"]:
        header, rows = fixture_rows(res)
        write_csv(target / res["path"], header, rows)
    (target / "datapackage.json").write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    return target


def set_cell(data_dir: Path, file: str, line: int, column: str, value: str) -> None:
    """Set one cell (by 1-based file line and column name) of a CSV in ``data_dir``."""
    path = data_dir / file
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[line - 1][rows[0].index(column)] = value
    write_csv(path, rows[0], rows[1:])


def edit_package(data_dir: Path, edit) -> None:
    """Apply ``edit(package_dict)`` to ``data_dir/datapackage.json``."""
    path = data_dir / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    edit(pkg)
    path.write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def resource(pkg: dict, name: str) -> dict:
    return next(r for r in pkg["resources"] if r["name"] == name)


def rewrite_csv(data_dir: Path, file: str, transform) -> None:
    """Replace the rows (header first) of a CSV in ``data_dir`` by ``transform(rows)``."""
    path = data_dir / file
    with path.open(encoding="utf-8", newline="") as fh:
        rows = transform(list(csv.reader(fh)))
    write_csv(path, rows[0], rows[1:])


def raw_frames(data_dir: Path, package: dict) -> dict:
    """Every resource's table as strings, read with pandas (no line numbers)."""
    import pandas as pd

    return {r["name"]: pd.read_csv(data_dir / r["path"], dtype=str, keep_default_na=False)
            for r in package["resources"]}


def only(problems, file, row, column, *words):
    """Exactly one problem at (file, row, column); its message mentions every word."""
    hits = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert len(hits) == 1, f"expected one problem at {file}:{row}: {column}, got:\n" + "\n".join(map(str, problems))
    for w in words:
        assert w in hits[0].message, f"{w!r} not in {hits[0].message!r}"
    return hits[0]


def release_log(*rows):
    """A release log (``releases.csv`` typed) from (update, source, file, release_date,
    newest_date) rows; applied_on is the update's day."""
    import pandas as pd

    return pd.DataFrame([{"update": u, "applied_on": u[:10], "source": s, "file": f, "release_date": r,
                          "newest_date": n} for u, s, f, r, n in rows])


#: Two days of updates: official CNS exports, a CSIS table and a later CNS copy.
RELEASE_LOG = release_log(("2026-01-02-1", "cns", "a.csv", "2025-12-01", "2025-11-30"),
                          ("2026-01-02-1", "csis", "p.csv", "2025-12-20", "2025-12-20"),
                          ("2026-02-01-1", "cns", "b.csv", "2026-01-15", "2026-01-10"),
                          ("2026-02-01-2", "cns-copy", "t.json", "2026-03-01", "2026-03-01"))
