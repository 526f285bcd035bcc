"""Damaged source files for the importers' hostile-input tests and ``make fuzz``.

Each damage takes a base file (a real reference release or one of the project's own
small fixtures) and a seeded ``random.Random`` and returns the damaged file's bytes,
in the ways real files get damaged (cut short, bytes flipped, re-encoded, a BOM,
columns swapped or renamed, impossible dates, huge fields, a CSV saved as xlsx and
back) or made hostile (wrong JSON types, JSON nested thousands deep, a salvo of a
hundred billion missiles, infinite or out-of-range figures).

:func:`outcome` runs the reader of a damaged file and says what happened: a located
refusal, naming the input, or an import whose every row is plausible. Anything else
(another exception, a refusal naming some other file, an implausible row) is a
failure the tests report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from usnk.errors import DataError
from usnk.importers import inputs

from usnk.datafolder import DataFolder
from usnk.importers.common import launch_columns
from usnk.paths import ROOT

LAUNCH_COLUMNS = launch_columns(DataFolder(ROOT / "data"))
"""The launch table's columns, as the repository's data package declares them."""

FIXTURES = Path(__file__).parent / "fixtures"

KINDS = ("cns-csv", "cns-xlsx", "cns-json", "csis-csv", "csis-json")
"""The kinds of input file the importers read."""


# --------------------------------------------------------------------------- bases


@dataclass
class Base:
    """A source file to damage: ``kind``, its bytes, and for a CNS JSON copy the
    bytes of its two sibling files (``missile.en.json``, ``facility.en.json``)."""

    kind: str
    name: str
    data: bytes
    siblings: dict = field(default_factory=dict)


def _csv_text(data: bytes) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_csv_text(data), newline="")))


def rows_csv(rows: list[list]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def rows_xlsx(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(["" if v is None else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_rows(data: bytes) -> list[list[str]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    return [["" if v is None else str(v) for v in r] for r in book.worksheets[0].iter_rows(values_only=True)]


def fixture_bases() -> list[Base]:
    """The project's own small fixtures, one or more of every kind."""
    cns, csis = FIXTURES / "cns", FIXTURES / "csis"
    copy = {
        "test.en.json": json.dumps({"timeBins": [{"year": 2017, "data": [
            {"date": "2017-11-28", "time": "18:17 (UTC)", "missile": "hs15", "facility": "pyongsong",
             "landing": "sea-of-japan", "apogee": "4475", "distance": 950, "outcome": "success"},
            {"date": "2017-12", "time": "unknown", "missile": "kn02", "facility": "unknown",
             "landing": "unknown", "apogee": "unknown", "distance": "unknown", "outcome": "unknown"},
        ]}]}).encode(),
        "missile.en.json": json.dumps({"hs15": {"name": "Hwasong-15", "type": "ICBM"},
                                       "kn02": {"name": "KN-02", "type": "SRBM"}}).encode(),
        "facility.en.json": json.dumps({"facilities": {"pyongsong": {"name": "Pyongsong", "lat": 39.282,
                                                                      "lon": 125.869},
                                                       "unknown": {"name": "Unknown", "lat": 39.2,
                                                                   "lon": 125.67}}}).encode(),
    }
    return [
        Base("cns-csv", "cns_export_cp1252.csv", (cns / "cns_export_cp1252.csv").read_bytes()),
        Base("cns-xlsx", "cns_sample.xlsx", (cns / "cns_sample.xlsx").read_bytes()),
        Base("cns-json", "test.en.json", copy["test.en.json"],
             {k: v for k, v in copy.items() if k != "test.en.json"}),
        Base("csis-csv", "update_sample.csv", (csis / "update_sample.csv").read_bytes()),
        Base("csis-json", "update_sample.json", (csis / "update_sample.json").read_bytes()),
        Base("csis-json", "list_form.json", (csis / "list_form.json").read_bytes()),
    ]


def reference_bases(official_cns: Path, cns_copy: Path, csis_table: Path) -> list[Base]:
    """The real releases, one or more of every kind (an xlsx and a JSON made from the
    CSV releases, as a maintainer would save them)."""
    official = official_cns.read_bytes()
    table = csis_table.read_bytes()
    rows = csv_rows(table)
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    return [
        Base("cns-csv", official_cns.name, official),
        Base("cns-xlsx", official_cns.with_suffix(".xlsx").name, rows_xlsx(csv_rows(official))),
        Base("cns-json", cns_copy.name, cns_copy.read_bytes(),
             {n: (cns_copy.parent / n).read_bytes() for n in ("missile.en.json", "facility.en.json")}),
        Base("csis-csv", csis_table.name, table),
        Base("csis-json", csis_table.with_suffix(".json").name, json.dumps(records).encode()),
    ]


# --------------------------------------------------------------------------- damages

IMPOSSIBLE_DATES = ["31-Feb-17", "9999-12-31", "0001-01-01", "1000-06-01", "2099-01-01", "1983-12-31",
                    "1949-12-31", "-45000", "0", "12/31/9999", "2017-13-01", "Sep-9999"]
BAD_FIGURES = ["inf", "1e400", "9" * 400 + " km", "-200", "-5", "NaN", "abc", "181", "-181", "91",
               "1" * 5000, "-1e308", "0x1F"]
HUGE_COUNTS = ["fired 99,999,999,999 missiles", "fired 99999999999 ballistic missiles",
               "launched " + "9" * 5000 + " missiles", "fired 4,000,000 cruise missiles"]
JSON_VALUES = [None, 0, -1, 1.5, 10 ** 400, [], {}, True, "", [1, 2], {"a": {"b": []}}, "9999-12-31"]


def truncate(base: Base, rnd: random.Random) -> bytes:
    return base.data[: rnd.randrange(0, max(len(base.data), 1))]


def flip_bytes(base: Base, rnd: random.Random) -> bytes:
    data = bytearray(base.data)
    for _ in range(rnd.randint(1, 12)):
        if data:
            data[rnd.randrange(len(data))] ^= rnd.randrange(1, 256)
    return bytes(data)


def reencode(base: Base, rnd: random.Random) -> bytes:
    if base.kind == "cns-xlsx":
        return flip_bytes(base, rnd)
    text = _csv_text(base.data)
    encoding = rnd.choice(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "shift_jis", "utf-8"])
    return text.encode(encoding, errors="replace")


def add_bom(base: Base, rnd: random.Random) -> bytes:
    return rnd.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"]) + base.data


def huge_field(base: Base, rnd: random.Random) -> bytes:
    blob = rnd.choice([b"A", b"9", b"\"", b","]) * rnd.choice([200_000, 2_000_000])
    at = rnd.randrange(0, max(len(base.data), 1))
    return base.data[:at] + blob + base.data[at:]


def _table(base: Base) -> list[list[str]]:
    return xlsx_rows(base.data) if base.kind == "cns-xlsx" else csv_rows(base.data)


def _as_kind(base: Base, rows: list[list]) -> bytes:
    if base.kind == "cns-xlsx":
        return rows_xlsx(rows)
    if base.kind == "csis-json":
        return json.dumps([dict(zip(rows[0], r)) for r in rows[1:]]).encode()
    return rows_csv(rows)


def _tabular(base: Base) -> list[list[str]]:
    if base.kind == "csis-json":
        doc = json.loads(base.data)
        doc = doc["data"] if isinstance(doc, dict) else doc
        header = list(doc[0])
        return [header] + [["" if r.get(h) is None else str(r.get(h)) for h in header] for r in doc]
    return _table(base)


def _cell(rows: list[list], rnd: random.Random, names: tuple[str, ...]) -> tuple[int, int] | None:
    header = rows[0]
    columns = [i for i, h in enumerate(header) if str(h).strip().lower() in {n.lower() for n in names}]
    if not columns or len(rows) < 2:
        return None
    return rnd.randrange(1, len(rows)), rnd.choice(columns)


def _set_cell(base: Base, rnd: random.Random, names: tuple[str, ...], values: list) -> bytes:
    rows = _tabular(base)
    spot = _cell(rows, rnd, names)
    if spot is None:
        return base.data
    row, column = spot
    while len(rows[row]) <= column:
        rows[row].append("")
    rows[row][column] = rnd.choice(values)
    return _as_kind(base, rows)


def impossible_date(base: Base, rnd: random.Random) -> bytes:
    if base.kind == "cns-json":
        return _json_field(base, rnd, "date", IMPOSSIBLE_DATES)
    return _set_cell(base, rnd, ("Date", "Date Entered/Updated"), IMPOSSIBLE_DATES)


def bad_figure(base: Base, rnd: random.Random) -> bytes:
    if base.kind == "cns-json":
        return _json_field(base, rnd, rnd.choice(["apogee", "distance"]), BAD_FIGURES)
    if base.kind.startswith("csis"):
        return _set_cell(base, rnd, ("description",), [f"fired {v} missiles" for v in BAD_FIGURES])
    return _set_cell(base, rnd, ("Apogee", "Distance Travelled", "Facility Latitude", "Facility Longitude"),
                     BAD_FIGURES)


def huge_count(base: Base, rnd: random.Random) -> bytes:
    if not base.kind.startswith("csis"):
        return bad_figure(base, rnd)
    rows = _tabular(base)
    spot = _cell(rows, rnd, ("description",))
    if spot is None:
        return base.data
    row, column = spot
    header = [h.strip().lower() for h in rows[0]]
    rows[row][column] = rnd.choice(HUGE_COUNTS)
    if "type" in header and "event" in header:
        rows[row][header.index("type")] = "Missile Provocation"
        rows[row][header.index("event")] = rnd.choice(["Short-range Ballistic Missile Launch", "Cruise Missile Launch"])
    return _as_kind(base, rows)


def swap_headers(base: Base, rnd: random.Random) -> bytes:
    """Two header names swapped, the data left as it was."""
    if base.kind == "cns-json":
        return wrong_json_type(base, rnd)
    rows = _tabular(base)
    i, j = rnd.sample(range(len(rows[0])), 2)
    rows[0][i], rows[0][j] = rows[0][j], rows[0][i]
    return _as_kind(base, rows)


def rename_header(base: Base, rnd: random.Random) -> bytes:
    if base.kind == "cns-json":
        return _json_field(base, rnd, rnd.choice(["date", "missile", "facility"]), [None], rename=True)
    rows = _tabular(base)
    i = rnd.randrange(len(rows[0]))
    rows[0][i] = rnd.choice([rows[0][i].upper(), rows[0][i] + " (old)", "", "Column" + str(i), " " + rows[0][i]])
    return _as_kind(base, rows)


def swap_columns(base: Base, rnd: random.Random) -> bytes:
    """Two whole columns (header and data) swapped: a file that is still valid."""
    if base.kind == "cns-json":
        return add_bom(base, rnd)
    rows = _tabular(base)
    i, j = rnd.sample(range(len(rows[0])), 2)
    for r in rows:
        while len(r) <= max(i, j):
            r.append("")
        r[i], r[j] = r[j], r[i]
    return _as_kind(base, rows)


def xlsx_round_trip(base: Base, rnd: random.Random) -> bytes:
    """A CSV saved as xlsx (with the CSV's name), or an xlsx saved back as CSV."""
    if base.kind == "cns-json":
        return rows_xlsx([["date", "missile"], ["2017-11-28", "hs15"]])
    if base.kind == "cns-xlsx":
        return rows_csv(xlsx_rows(base.data))
    return rows_xlsx(_tabular(base))


def _json_doc(base: Base):
    return json.loads(base.data)


def _records(doc):
    """Every record (dict) of a parsed JSON source, wherever it sits."""
    if isinstance(doc, dict) and "timeBins" in doc:
        return [r for b in doc["timeBins"] for r in b["data"]]
    if isinstance(doc, dict) and "data" in doc:
        return doc["data"]
    if isinstance(doc, dict) and "facilities" in doc:
        return list(doc["facilities"].values())
    if isinstance(doc, dict):
        return list(doc.values())
    return doc


def _json_field(base: Base, rnd: random.Random, name: str, values: list, rename: bool = False) -> bytes:
    doc = _json_doc(base)
    records = _records(doc)
    record = rnd.choice(records)
    if rename:
        record[name.upper()] = record.pop(name, None)
    else:
        record[name] = rnd.choice(values)
    return json.dumps(doc).encode()


def wrong_json_type(base: Base, rnd: random.Random) -> bytes:
    """A record, a field, a key file's entry or the whole document of the wrong type."""
    if not base.kind.endswith("json"):
        return xlsx_round_trip(base, rnd)
    doc = _json_doc(base)
    value = rnd.choice(JSON_VALUES)
    records = _records(doc)
    where = rnd.choice(["record", "field", "field", "document"])
    if where == "document":
        doc = value
    elif where == "record":
        if isinstance(doc, dict) and "timeBins" in doc:
            data = rnd.choice(doc["timeBins"])["data"]
            data[rnd.randrange(len(data))] = value
        elif isinstance(doc, list):
            doc[rnd.randrange(len(doc))] = value
        else:
            holder = doc.get("data", doc) if isinstance(doc.get("data"), list) else doc
            if isinstance(holder, list):
                holder[rnd.randrange(len(holder))] = value
    else:
        record = rnd.choice(records)
        record[rnd.choice(list(record) or ["x"])] = value
    return json.dumps(doc).encode()


def deep_json(base: Base, rnd: random.Random) -> bytes:
    """A value nested thousands of levels deep inside the document."""
    depth = rnd.choice([25, 1_000, 5_000, 100_000])
    nested = "[" * depth + "1" + "]" * depth
    if not base.kind.endswith("json"):
        return nested.encode()
    text = base.data.decode("utf-8", errors="replace")
    at = text.find(":", rnd.randrange(max(len(text) // 2, 1)))
    if at < 0:
        return nested.encode()
    end = at + 1
    return (text[:end] + " " + nested + ", \"_x\":" + text[end:]).encode()


def json_constants(base: Base, rnd: random.Random) -> bytes:
    if not base.kind.endswith("json"):
        return huge_count(base, rnd)
    text = base.data.decode("utf-8", errors="replace")
    constant = rnd.choice(["Infinity", "-Infinity", "NaN", "1e400", "9" * 5000, "1" * 300])
    at = text.find(":", rnd.randrange(max(len(text) // 2, 1)))
    if at < 0:
        return base.data
    return (text[:at + 1] + constant + ", \"_y\":" + text[at + 1:]).encode()


DAMAGES = {
    "truncate": truncate, "flip_bytes": flip_bytes, "reencode": reencode, "bom": add_bom,
    "huge_field": huge_field, "impossible_date": impossible_date, "bad_figure": bad_figure,
    "huge_count": huge_count, "swap_headers": swap_headers, "rename_header": rename_header,
    "swap_columns": swap_columns, "xlsx_round_trip": xlsx_round_trip, "wrong_json_type": wrong_json_type,
    "deep_json": deep_json, "json_constants": json_constants,
}
"""Every damage by name."""


# --------------------------------------------------------------------------- outcomes


@dataclass
class Outcome:
    """What a reader made of a damaged file: ``"refused"`` (with its problems),
    ``"imported"`` (with the row count) or ``"failure"`` (with what went wrong)."""

    result: str
    detail: str = ""
    problems: list = field(default_factory=list)


def write(base: Base, folder: Path, damage: str, rnd: random.Random) -> Path:
    """Write ``base`` damaged by ``damage`` into ``folder``; return the path to read.
    For a JSON copy, one of its three files (chosen by ``rnd``) is damaged."""
    if base.kind == "cns-json":
        files = {"test.en.json": base.data, **base.siblings}
        target = rnd.choice(list(files))
        files[target] = DAMAGES[damage](Base(base.kind, target, files[target]), rnd)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        return folder / "test.en.json"
    path = folder / base.name
    path.write_bytes(DAMAGES[damage](base, rnd))
    return path


def outcome(kind: str, path: Path) -> Outcome:
    """Read ``path`` as an input of ``kind`` with the importer's readers (for CSIS also
    making its launch and incident rows) and judge the result."""
    from usnk.importers.cns import read_cns
    from usnk.importers.csis import csis_incident_rows, csis_launch_rows, read_csis

    allowed = {str(path)} | ({str(path.with_name(n)) for n in ("missile.en.json", "facility.en.json")}
                             if kind == "cns-json" else set())
    try:
        if kind.startswith("cns"):
            frame = read_cns(path, columns=LAUNCH_COLUMNS)
            problems = launch_problems(frame)
            rows = len(frame)
        else:
            events = read_csis(path)
            launches = csis_launch_rows(events, columns=LAUNCH_COLUMNS)
            incidents = csis_incident_rows(events)
            problems = event_problems(events) + launch_problems(launches)
            sizes = launches.groupby("_event_key").size() if len(launches) else []
            problems += [f"an event made {n} rows" for n in sizes if n > inputs.row_cap()]
            rows = len(launches) + len(incidents)
    except DataError as exc:
        wrong = [p for p in exc.problems if str(p.file) not in allowed or not p.message]
        if not exc.problems or wrong:
            return Outcome("failure", "refusal not naming the input: " + "; ".join(map(str, wrong[:3])),
                           exc.problems)
        return Outcome("refused", str(exc.problems[0])[:200], exc.problems)
    except Exception as exc:  # noqa: BLE001 - what the tests look for
        return Outcome("failure", f"internal error {type(exc).__name__}: {str(exc)[:200]}")
    if problems:
        return Outcome("failure", "implausible rows accepted: " + "; ".join(problems[:3]))
    return Outcome("imported", f"{rows} rows")


def _finite_in(text: str, low: float, high: float) -> bool:
    if text == "":
        return True
    try:
        value = float(text)
    except ValueError:
        return False
    return math.isfinite(value) and low <= value <= high


def launch_problems(frame, first: str = inputs.FIRST_LAUNCH.isoformat()) -> list[str]:
    """What makes launch rows implausible: dates outside ``first`` .. today, figures not
    finite or out of bounds, coordinates outside North Korea."""
    today = dt.date.today().isoformat()
    south, north, west, east = inputs.KOREA_BOX
    out = []
    for row in frame.to_dict("records"):
        if not first <= row["date"] <= today:
            out.append(f"launch date {row['date']}")
        if not _finite_in(row["apogee_km"], 0, inputs.MAX_APOGEE_KM):
            out.append(f"apogee {row['apogee_km']}")
        if not _finite_in(row["distance_km"], 0, inputs.MAX_DISTANCE_KM):
            out.append(f"distance {row['distance_km']}")
        if not _finite_in(row["latitude"], south, north) or not _finite_in(row["longitude"], west, east):
            out.append(f"coordinates {row['latitude']}, {row['longitude']}")
    return out


def event_problems(events) -> list[str]:
    today = dt.date.today().isoformat()
    first = inputs.FIRST_INCIDENT.isoformat()
    return [f"event date {d}" for d in events["date"] if not first <= d <= today]
