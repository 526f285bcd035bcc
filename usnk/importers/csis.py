"""Import the CSIS Beyond Parallel "Database of North Korean Provocations".

The table, as published on the CSIS page and as re-scraped by users, has one row per
event and the columns ``date, type, event, description, resources`` (CSV, or the
same records as JSON: a list of objects or ``{"data": [...]}``; extra columns are
ignored). The import runs in three stages, each of named functions:

1. **read**: :func:`read_csis` takes the file's bytes to text (:func:`source_text`),
   the text to records (:func:`table_records`, CSV or JSON) and checks every record
   into a frame of events;
2. **classify**: :func:`classify` sorts each event into a missile launch (with its
   missile classes), a non-missile incident (with an incident category) or a nuclear
   test; :func:`missile_count` reads how many missiles it fired, and
   :func:`launch_of` puts the two together for the launch table (a cruise missile in
   a weapons test and a KN-25 firing are launches there);
3. **build rows**: :func:`csis_launch_rows` (one event's rows in
   :func:`event_launch_rows`, after :func:`launch_classes` and
   :func:`missiles_per_class`) and :func:`csis_incident_rows` (:func:`incident_row`,
   then :func:`number_incidents`) turn events into rows of our ``missile_launches``
   and ``incidents`` tables.

Nothing from the ``description`` column is copied into the data: it is only read
for a few facts (how many missiles, whether the launch failed, a launch site named
exactly as in our launch table, whether the event touched the South).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from os import PathLike
from pathlib import Path

import pandas as pd

from usnk.errors import DataError, Problem
from usnk.importers.common import EVENT_KEY, launch_frame
from usnk.importers.evidence import described_day, event_day
from usnk.importers import inputs
from usnk.validate.csvfile import read_csv_records

REQUIRED_COLUMNS = ("date", "type", "event", "description", "resources")
"""Columns the CSIS table must have (others are ignored)."""

EVENT_TYPES = ("Missile Provocation", "Nuclear Provocation", "Other Provocation")
"""Values of the CSIS ``type`` column."""

CSIS_DATABASE_URL = "https://beyondparallel.csis.org/database-north-korean-provocations/"
"""The CSIS page, cited for rows whose ``resources`` cell holds no URL."""

LINE_COLUMN = "source_row"
"""Column of :func:`read_csis`'s frame: the CSV line (header = 1) or JSON index."""


# --------------------------------------------------------------------------- reading


def read_csis(path: str | PathLike) -> pd.DataFrame:
    """Read a CSIS provocations table (CSV or JSON) into a frame of strings.

    Returns the five :data:`REQUIRED_COLUMNS` (stripped text; ``date`` as ISO
    ``YYYY-MM-DD``) and :data:`LINE_COLUMN`, in file order. Raises
    :class:`~usnk.errors.DataError` listing every problem, located by file, row (CSV
    line number with the header as line 1, or the JSON record's index) and column:
    empty, truncated or unreadable file, a file of another format, missing columns,
    impossible dates and unknown event types.
    """
    path = inputs.input_path(path, "the CSIS provocations table (CSV or JSON)")
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError([Problem(file, None, None, f"cannot be read: {exc.strerror or exc}")]) from exc
    records, problems = table_records(data, source_text(data, file), file)
    if problems:
        raise DataError(problems)
    return _check_records(records, file)


def source_text(data: bytes, file: str) -> str:
    """The text of a CSIS table file's bytes; DataError for an empty file, a ZIP
    (xlsx) file, text that is not UTF-8 (located at its line) or binary content."""
    if not data.strip():
        raise DataError([Problem(file, None, None, "file is empty; expected the CSIS provocations table")])
    if data.startswith(b"PK\x03\x04"):
        raise DataError([Problem(file, None, None,
                                 "wrong format: this is a ZIP/xlsx file; expected the CSIS table as CSV or JSON")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(file, data.count(b"\n", 0, exc.start) + 1, None,
                                 "wrong format: not UTF-8 text; expected the CSIS table as CSV or JSON",
                                 data[exc.start:exc.start + 4].hex(" "))]) from exc
    if "\x00" in text:
        raise DataError([Problem(file, None, None, "wrong format: binary file; expected CSV or JSON")])
    return text


def table_records(data: bytes, text: str, file: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """The file's records as ``(row, {column: text})`` and the problems found reading
    them: JSON when the text opens with ``[`` or ``{``, CSV otherwise (HTML or XML is
    refused)."""
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        return _json_records(text, file)
    if stripped[:1] == "<":
        raise DataError([Problem(file, 1, None,
                                 "wrong format: this looks like HTML/XML; expected the CSIS table as CSV or JSON")])
    return _csv_records(data, text, file)


def _json_records(text: str, file: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    try:
        doc = inputs.load_json(text, file)
    except DataError as exc:
        return [], exc.problems
    if isinstance(doc, dict) and isinstance(doc.get("data"), list):
        doc = doc["data"]
    if not isinstance(doc, list):
        return [], [Problem(file, None, None,
                            'wrong format: expected a JSON list of records or {"data": [...]}')]
    if not doc:
        return [], [Problem(file, None, None, "file holds no records; expected the CSIS provocations table")]
    records, problems = [], []
    for i, rec in enumerate(doc):
        if not isinstance(rec, dict):
            problems.append(Problem(file, i, None, "wrong format: expected a JSON object (record)",
                                    type(rec).__name__))
            continue
        wrong = inputs.check_record_values(rec, file, i)
        if wrong:
            problems += wrong
            continue
        records.append((i, {str(k).strip().lower(): "" if v is None else str(v) for k, v in rec.items()}))
    if problems:
        return [], problems
    keys = set().union(*(r.keys() for _, r in records))
    missing = [c for c in REQUIRED_COLUMNS if c not in keys]
    if missing:
        return [], _missing(file, missing, sorted(keys))
    return records, []


def _csv_records(data: bytes, text: str, file: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    table, problems = read_csv_records(data, file, skip_blank=True)
    if table is None:
        return [], problems or [Problem(file, None, None, "no header row")]
    header = [h.strip().lower() for h in table.header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if len(missing) >= len(REQUIRED_COLUMNS) - 1:  # at most "date" in common
        return [], [Problem(file, 1, None,
                            "wrong format: the header is not the CSIS table's "
                            f"(expected columns {', '.join(REQUIRED_COLUMNS)})",
                            ",".join(table.header)[:80])]
    if missing:
        return [], _missing(file, missing, header)
    # a ragged row on the file's last line is most likely a file cut short
    last_line = text.count("\n") + (not text.endswith("\n"))
    problems = [Problem(p.file, p.row, p.column, p.message + " (truncated file?)", p.value)
                if p.row == last_line and "fields as in the header" in p.message else p
                for p in problems]
    records = [(line, dict(zip(header, row))) for line, row in zip(table.lines, table.rows)]
    if not records and not problems:
        problems.append(Problem(file, None, None, "file has a header but no rows"))
    return records, problems


def _missing(file: str, missing: list[str], found: list[str]) -> list[Problem]:
    return [Problem(file, 1, column, "required column is missing", ", ".join(found)[:120])
            for column in missing]


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _check_records(records: list[tuple[int, dict]], file: str) -> pd.DataFrame:
    problems: list[Problem] = []
    rows = []
    for line, rec in records:
        row = {c: str(rec.get(c, "")).strip() for c in REQUIRED_COLUMNS}
        m = _ISO.fullmatch(row["date"])
        if not m:
            problems.append(Problem(file, line, "date", "expected a date as YYYY-MM-DD", row["date"]))
        else:
            try:
                Date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                problems.append(Problem(file, line, "date", "impossible date", row["date"]))
            else:
                problems += _implausible_date(file, line, row)
        if row["type"] not in EVENT_TYPES:
            problems.append(Problem(file, line, "type",
                                    f"unknown event type; expected one of {', '.join(EVENT_TYPES)}",
                                    row["type"]))
        if not row["event"]:
            problems.append(Problem(file, line, "event", "event kind is empty"))
        row[LINE_COLUMN] = line
        rows.append(row)
    problems += _column_profiles(file, rows)
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=[*REQUIRED_COLUMNS, LINE_COLUMN])


def _implausible_date(file: str, line: int, row: dict) -> list[Problem]:
    """A CSIS event before 1950 or after today, or a launch before 1984, is refused."""
    problem = inputs.date_problem(file, line, "date", row["date"], inputs.FIRST_INCIDENT, inputs.today(), "an event")
    if problem is None and row["date"] < inputs.FIRST_LAUNCH.isoformat() and row["type"] in EVENT_TYPES \
            and _makes_launch_rows(row):
        problem = Problem(file, line, "date",
                          f"implausible date: a missile launch before {inputs.FIRST_LAUNCH.isoformat()}", row["date"])
    return [problem] if problem else []


def _makes_launch_rows(row: dict) -> bool:
    """Whether :func:`csis_launch_rows` can make launch rows of this event."""
    c = classify(row["event"], row["type"], row["description"])
    return c.kind == "launch" or (c.kind == "incident" and c.category == "weapons_test"
                                  and bool(_CRUISE_TEST.search(row["description"])))


def _column_profiles(file: str, rows: list[dict]) -> list[Problem]:
    """Headers swapped without their data: ``resources`` must mostly hold URLs and
    ``event`` short kinds (a description is sentences long)."""
    checks = [
        ("resources", lambda v: bool(_URL.search(v)), "source links (URLs)"),
        ("event", lambda v: len(v) <= 120 and not _URL.search(v), "short event kinds"),
        ("description", lambda v: not _URL.fullmatch(v.strip()), "descriptions (text, not a bare URL)"),
    ]
    out = []
    for column, looks_right, expected in checks:
        problem = inputs.profile_problem(file, 1, column, [r[column] for r in rows], looks_right, expected)
        if problem:
            out.append(problem)
    return out


# --------------------------------------------------------------------------- classifying

_SPELLING = [
    (re.compile(r"\bLanuch", re.I), "Launch"),
    (re.compile(r"\bEnroachment", re.I), "Encroachment"),
    (re.compile(r"\bAssasination", re.I), "Assassination"),
    (re.compile(r"\bRentry", re.I), "Reentry"),
    (re.compile(r"\s*\(Other Provocation\)"), ""),
]


def normalise_event(event: str) -> str:
    """The CSIS event kind with its known misspellings fixed and spaces tidied."""
    text = " ".join(str(event).split())
    for pattern, repl in _SPELLING:
        text = pattern.sub(repl, text)
    return text


@dataclass(frozen=True)
class Classification:
    """What a CSIS event is: ``kind`` is 'launch', 'incident' or 'nuclear_test'.

    Launches carry ``missile_classes`` (one or more of our missile classes, one per
    kind of missile the event kind names); incidents carry ``category``.
    """

    kind: str
    missile_classes: tuple[str, ...] = ()
    category: str | None = None


# Event kinds that name a missile but are, for our tables, weapons tests in the
# incidents table: air-defence missiles, rocket artillery, engine tests, a MIRV
# test, a test held in China, and KCNA's "mixed tactical weapons" report (whose
# ballistic launches CSIS lists again as a separate launch row the same day).
_WEAPONS_TEST = re.compile(
    r"anti-aircraft|surface-to-air|rocket system|\bMLRS\b|engine test|controlled rocket|"
    r"\bMIRV\b|independently targetable|joint missile test|mixed tactical|underwater.*drone|drone test|"
    r"nuclear detonation device", re.I)

# A short-range event whose text names cruise or anti-ship missiles (and no
# ballistic one) is a cruise missile launch filed under a short-range heading.
_CRUISE_TEXT = re.compile(r"cruise missile|surface-to-ship|ship-to-ship|anti-ship", re.I)

# One missile class per pattern, in the order they are looked for in a kind.
_CLASS_PATTERNS = [
    ("ICBM", re.compile(r"inter-?continental|\bICBM", re.I)),
    ("IRBM", re.compile(r"intermediate-range|\bIRBM", re.I)),
    ("MRBM", re.compile(r"medium-range|\bMRBM", re.I)),
    ("SLBM", re.compile(r"submarine[- ]launched ballistic|\bSLBM", re.I)),
    ("HGV", re.compile(r"hypersonic|\bHGV", re.I)),
    ("SLV", re.compile(r"satellite launch|space launch|\bSLV\b", re.I)),
    ("cruise", re.compile(r"cruise", re.I)),
    ("SRBM", re.compile(r"short-range ballistic|\bSRBM", re.I)),
    ("short-range", re.compile(r"short-range missile", re.I)),
    ("unknown", re.compile(r"ballistic missile launch(?!er)", re.I)),
]

# Incident categories from the (normalised) event kind; first match wins.
_CATEGORY_PATTERNS = [
    ("balloons", r"balloon"),
    ("electronic", r"\bGPS\b|jamming|loudspeaker"),
    ("nuclear_programme", r"\bNPT\b|reactor|uranium|nuclear-powered|nuclear fuel|nuclear detonation"),
    ("weapons_test", _WEAPONS_TEST.pattern),
    ("territorial_incursion", r"encroachment|territorial|incursion \(air\)|drones? \(UAV"),
    ("artillery", r"artillery|shelling"),
    ("declaration", r"declar"),
    ("military_exercise", r"exercise"),
    ("seizure", r"seizure|detain|detainment"),
    ("terrorism", r"hijack|bombing|terror|explosion at|bomb"),
    ("infiltration", r"infiltration|spy|tunnel|armed agents|NK vessel|north korean vessel"),
    ("armed_clash", r"exchange of fire|naval campaign|NLL"),
    ("attack", r"attack|ambush|assassination|raid|murder|killing|shot down|fires at|"
               r"sinking of|henderson|land mine|interception"),
]
_CATEGORY_RES = [(cat, re.compile(p, re.I)) for cat, p in _CATEGORY_PATTERNS]


def classify(event_text: str, type: str, description: str = "") -> Classification:
    """Sort one CSIS event into a launch, an incident or a nuclear test.

    Rules, on the event kind after :func:`normalise_event`:

    * "Nuclear Test" alone is a nuclear test (``nuclear_tests.csv`` has those);
      a kind that also names a missile ("Nuclear Test / Short-range missile
      launch") is a launch of the missile part.
    * Air-defence missiles, rocket artillery (MLRS), engine and MIRV tests, drones,
      a joint test in China and "Mixed Tactical Weapons Test" are incidents of
      category ``weapons_test``; "Artillery Fire" is ``artillery`` whatever its type.
    * Other kinds naming a missile are launches: short/medium/intermediate-range,
      intercontinental, submarine-launched ballistic → SRBM/MRBM/IRBM/ICBM/SLBM;
      any cruise missile → cruise; satellite launch → SLV; hypersonic → HGV;
      "Ballistic Missile Launch" with no range → unknown. Mixed kinds ("ICBM &
      SRBM") give one class per part. "Short-range Missile Launch" is SRBM only when
      the description says ballistic, else unknown. A short-range kind whose
      description names cruise, anti-ship or ship-to-ship missiles and no ballistic
      one is cruise (CSIS files some cruise launches under short-range headings).
    * Everything else is an incident, its category chosen by keyword
      (:data:`_CATEGORY_PATTERNS`), ``other`` when nothing matches.
    """
    kind = normalise_event(event_text)
    if _WEAPONS_TEST.search(kind):
        if (re.search(r"nuclear detonation", kind, re.I) and type == "Missile Provocation"
                and re.search(r"\bfired an? (?:unidentified )?ballistic missile", description or "", re.I)):
            # a launch filed under the wrong kind (5 January 2022): the text says a missile was fired
            return Classification("launch", missile_classes=("unknown",))
        cat = "nuclear_programme" if re.search(r"nuclear detonation", kind, re.I) else "weapons_test"
        return Classification("incident", category=cat)
    if re.search(r"artillery", kind, re.I):
        return Classification("incident", category="artillery")
    classes: list[str] = []
    for cls, pattern in _CLASS_PATTERNS:
        if pattern.search(kind):
            if cls == "short-range":
                cls = "SRBM" if re.search(r"ballistic", description or "", re.I) else "unknown"
            if cls == "unknown" and classes:
                continue
            if cls not in classes:
                classes.append(cls)
    if classes and set(classes) <= {"SRBM", "unknown"} and _CRUISE_TEXT.search(description or "") \
            and not re.search(r"ballistic", description or "", re.I):
        return Classification("launch", missile_classes=("cruise",))
    if classes:
        return Classification("launch", missile_classes=tuple(classes))
    if re.search(r"nuclear test", kind, re.I):
        return Classification("nuclear_test")
    for cat, pattern in _CATEGORY_RES:
        if pattern.search(kind):
            return Classification("incident", category=cat)
    return Classification("incident", category="other")


# --------------------------------------------------------------------------- counting

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "dozen": 12,
}
_VAGUE = r"multiple|multipled|several|numerous|a\s+barrage\s+of|a\s+volley\s+of|a\s+salvo\s+of|" \
         r"a\s+number\s+of|a\s+series\s+of|a\s+couple\s+of|dozens\s+of|a\s+few"
_QUANT = (r"(?P<q>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMBER_WORDS) +
          r"|(?P<vague>" + _VAGUE + r")|(?P<single>an?|one|single))")
_NOUN = (r"(?P<noun>missiles?|rockets?|projectiles?|SRBMs?|MRBMs?|IRBMs?|ICBMs?|SLBMs?|CRBMs?|"
         r"Scuds?|Nodongs?|Musudans?|FROGs?)")
# Up to six words between the quantity and the noun; no numbers, no units of time
# or distance ("six days after another missile"), no "of" (except "type of"), so that "an estimated 10 missiles" reads as 10 and "a mix of
# missiles" is not "a missile".
_FILLER = (r"(?:(?:type\s+of|(?!(?:of|and|or|after|before|since|ago|days?|weeks?|months?|years?|hours?|"
           r"minutes?|seconds?|times|rounds?|km|kilomet(?:er|re)s?|miles?|" + "|".join(_NUMBER_WORDS) + r")\b)"
           r"[A-Za-z\"'“‘][\w\-‑–'’\"”/]*)\s+){0,6}?")
_COUNT_RE = re.compile(
    r"(?<![\w\-‑.,])" + _QUANT + r"\s+" + _FILLER + _NOUN +
    r"\b(?!\s*(?:-|‑)?(?:test|launch|launcher|launchers|unit|units|system|systems|program|programme|"
    r"base|site|bureau|administration|force|forces|division|regiment|submarine|zone|"
    r"development|technology|engine|industry|of)\b)",
    re.I)
_APPROX = re.compile(r"(?:around|about|approximately|approxiamately|roughly|some|estimated|nearly|"
                     r"up\s+to|an\s+estimated)\s*$", re.I)
_AT_LEAST = re.compile(r"(?:at\s+least|more\s+than|over|no\s+fewer\s+than|upwards\s+of)\s*$", re.I)
_PLURAL_NOUN = re.compile(r"\b(?:missiles|rockets|projectiles|SRBMs|MRBMs|IRBMs|ICBMs|SLBMs|CRBMs)\b", re.I)
_SINGULAR_NOUN = re.compile(r"\b(?:missile|rocket|projectile|SRBM|MRBM|IRBM|ICBM|SLBM)\b", re.I)
_CRUISE_TEST = re.compile(r"\bcruise missile", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


class MissileCount(tuple):
    """``(n, lower_bound)``; ``.approximate`` is True for "around 10" and the like."""

    def __new__(cls, n: int, lower_bound: bool, approximate: bool = False):
        self = super().__new__(cls, (n, lower_bound))
        self.approximate = approximate
        return self

    @property
    def n(self) -> int:
        return self[0]

    @property
    def lower_bound(self) -> bool:
        return self[1]


def missile_count(description: str) -> MissileCount | None:
    """How many missiles a CSIS description says were fired, as ``(n, lower_bound)``.

    In order of preference:

    1. A number (digits or words) before a missile noun ("fired 3 KN-01 missiles",
       "two strategic cruise missiles"): the first sentence that has one gives the
       sum of its counted phrases ("5 Scud missiles and 2 Nodong missiles" → 7).
       "at least"/"more than" make it a lower bound; "around"/"about"/"an
       estimated" keep the number, not a bound, with ``.approximate`` set.
    2. A vague quantity ("multiple", "several", "a barrage of") → ``(2, True)``: the
       documented convention "at least two".
    3. "a"/"an"/"one" before a missile noun → ``(1, False)``.
    4. A plural missile noun with no number ("launched cruise missiles") →
       ``(2, True)``; a singular one with no article ("launched ship-to-ship
       missile") → ``(1, True)``.
    5. No missile noun at all → ``None``.
    """
    text = " ".join(str(description or "").split())
    if not text:
        return None
    vague = single = False
    for sentence in _SENTENCE.split(text):
        count, said_vague, said_single = sentence_count(sentence)
        if count is not None:
            return count
        vague, single = vague or said_vague, single or said_single
    if vague:
        return MissileCount(2, True)
    if single:
        return MissileCount(1, False)
    if _PLURAL_NOUN.search(text):
        return MissileCount(2, True)
    if _SINGULAR_NOUN.search(text):
        return MissileCount(1, True)
    return None


def sentence_count(sentence: str) -> tuple[MissileCount | None, bool, bool]:
    """The counted phrases of one sentence (rule 1 of :func:`missile_count`): the sum
    of its numbers before a missile noun, plus one for each "a"/"an" missile beside
    them, when it has a number (else None); and whether it has a vague quantity or a
    single missile, for the rules that follow."""
    total, lower, approx, strong = 0, False, False, False
    vague = single = False
    singles = 0
    for m in _COUNT_RE.finditer(sentence):
        before = sentence[:m.start()]
        if m.group("vague"):
            vague = True
            continue
        if m.group("single"):
            single = True
            singles += 1
            continue
        q = m.group("q").lower().replace(",", "")
        n = inputs.count_from_text(q) if q.isdigit() else _NUMBER_WORDS[q]
        strong = True
        total += n
        if _AT_LEAST.search(before[-20:]):
            lower = True
        elif _APPROX.search(before[-20:]):
            approx = True
    return (MissileCount(total + singles, lower, approx) if strong else None), vague, single


# --------------------------------------------------------------------------- rows

_URL = re.compile(r"(?:https?://|www\.)[^\s;,<>\"]+", re.I)


_SHORTENERS = {"goo.gl", "bit.ly", "t.co", "ow.ly", "tinyurl.com", "buff.ly"}


def first_url(resources: str) -> str:
    """The first usable URL in a CSIS ``resources`` cell, or the CSIS database page.

    Bare ``www.`` addresses get ``http://``. Link-shortener addresses (goo.gl and the
    like, common in the older rows and no longer resolving) are skipped: a row whose
    only links are short links cites the CSIS database page itself, which publishes
    the record, so that every source link leads somewhere a reader can check.
    """
    for m in _URL.finditer(str(resources or "")):
        url = m[0].rstrip(".,);]")
        if url.lower().startswith("www."):
            url = "http://" + url
        host = re.sub(r"^https?://", "", url, flags=re.I).split("/")[0].lower()
        if host.removeprefix("www.") in _SHORTENERS:
            continue
        return url
    return CSIS_DATABASE_URL


_FAILED = re.compile(r"\b(?:failed(?!\s+to\s+(?:send|give|notify|issue|cross|disclose|identify))|failure|"
                     r"exploded|blew up|broke apart|misfired|crashed)\b", re.I)
_SUCCEEDED = re.compile(r"\bsuccess(?:ful(?:ly)?)?\b|\bsucces+fully\b", re.I)
_PARTIAL = re.compile(r"\bout of\b|\bone of the\b|\bsome of the\b|\btwo of the\b", re.I)


def outcome_of(description: str) -> str:
    """'failure' or 'success' when the text says so plainly for the whole event, else 'unknown'."""
    text = str(description or "")
    failed, ok = bool(_FAILED.search(text)), bool(_SUCCEEDED.search(text))
    if failed and not ok and not _PARTIAL.search(text):
        return "failure"
    if ok and not failed:
        return "success"
    return "unknown"


def facility_of(description: str, facilities: dict[str, tuple[str, str]] | None) -> tuple[str, str, str]:
    """``(facility, latitude, longitude)`` when the text names, after "from", a
    facility exactly as our launch table spells it; else ``('Unknown', '', '')``."""
    text = str(description or "")
    best = None
    for name, (lat, lon) in (facilities or {}).items():
        m = re.search(r"\bfrom (?:the |its )?(?:[A-Za-z]+ ){0,2}?" + re.escape(name) + r"\b(?![\w-])", text)
        if m and (best is None or m.start() < best[0] or (m.start() == best[0] and len(name) > len(best[1]))):
            best = (m.start(), name, lat, lon)
    if best is None:
        return "Unknown", "", ""
    return best[1], best[2], best[3]


_SUPER_LARGE = re.compile(r"super[-\s]large|600\s*-?\s*mm", re.I)


def is_kn25_firing(event_text: str, description: str, reported: str) -> bool:
    """Whether a CSIS rocket-artillery incident (an MLRS test, artillery fire) is a
    firing of the KN-25: its text names the 600 mm "super-large" system and states
    the day it was fired (:func:`~usnk.importers.evidence.described_day`). Without a
    stated day it is KCNA's report of a firing that is, or is not, a launch already
    counted, and stays an incident (the one-event rule then drops it when a KN-25
    launch lies within a day, :mod:`usnk.validate.oneevent`). A firing on a day the
    launch table already has a KN-25 launch is that launch (see
    :func:`usnk.importers.reconcile.reconcile`)."""
    from usnk.validate.oneevent import LAUNCH_KINDS

    rocket = LAUNCH_KINDS[0]
    return (bool(rocket.event_type.search(normalise_event(event_text)))
            and bool(_SUPER_LARGE.search(str(description or "")))
            and bool(described_day(description, reported)))


def csis_launch_rows(events: pd.DataFrame, after: str | None = None,
                     classes: set[str] | None = None,
                     facilities: dict[str, tuple[str, str]] | None = None, *,
                     columns: list[str]) -> pd.DataFrame:
    """Launch rows in our schema (text cells; ``id``/``event_id`` empty) from CSIS events.

    Ballistic, SLV, HGV and unknown-class events are taken only when ``date >
    after`` (the end of the CNS-derived data); cruise-missile events are taken for
    every year (CNS does not cover cruise missiles), also from a weapons-test event
    whose text names a cruise missile (at least one missile). ``classes`` restricts the
    missile classes. One row per missile as counted by :func:`missile_count`;
    events with no count are left out. ``facilities`` maps launch-table facility
    names to ``(latitude, longitude)`` for :func:`facility_of`.
    ``columns`` are the launch table's (:func:`~usnk.importers.common.launch_columns`
    of the package being updated).
    """
    rows = []
    for _, ev in events.iterrows():
        c, count, name = launch_of(ev)
        if c.kind != "launch" or count is None:
            continue
        day, basis = event_day(ev["description"], ev["date"])
        wanted = launch_classes(c, day, after, classes)
        if wanted:
            rows += event_launch_rows(ev, day, basis, name, missiles_per_class(c, wanted, count), facilities)
    return launch_frame(rows, [*columns, EVENT_KEY])


def launch_of(ev) -> tuple[Classification, MissileCount | None, str]:
    """What one CSIS event (a record of :func:`read_csis`) launched: its classification
    (:func:`classify`), its count of missiles (:func:`missile_count`, None when the text
    gives none) and the system's name (``Unknown`` unless the event names it).

    Two incidents are launches here: a weapons test whose text names a cruise missile
    (at least one cruise missile), and a firing of the KN-25 (:func:`is_kn25_firing`),
    the 600 mm rocket CNS counts as an SRBM (its count, or at least one rocket when the
    text gives none or more than 30)."""
    c = classify(ev["event"], ev["type"], ev["description"])
    count = missile_count(ev["description"])
    if c.kind == "incident" and c.category == "weapons_test" and _CRUISE_TEST.search(ev["description"]):
        return Classification("launch", missile_classes=("cruise",)), MissileCount(1, True), "Unknown"
    if c.kind == "incident" and is_kn25_firing(ev["event"], ev["description"], ev["date"]):
        count = count if count is not None and count.n <= 30 else MissileCount(1, True)
        return Classification("launch", missile_classes=("SRBM",)), count, "KN-25"
    return c, count, "Unknown"


def launch_classes(c: Classification, day: str, after: str | None, classes: set[str] | None) -> list[str]:
    """The classes of a launch that make rows: those in ``classes`` (all when None),
    cruise on any day (CNS has no cruise missiles), the others only after ``after``."""
    return [k for k in c.missile_classes
            if (classes is None or k in classes) and (k == "cruise" or after is None or day > after)]


def missiles_per_class(c: Classification, wanted: list[str], count: MissileCount) -> list[tuple[str, int, bool]]:
    """``(class, missiles, lower_bound)`` for each wanted class: the whole count for an
    event of one class; at least one of each class for a mixed kind ("ICBM & SRBM")."""
    if len(c.missile_classes) == 1:
        return [(wanted[0], count.n, count.lower_bound)]
    return [(k, 1, True) for k in wanted]


def event_launch_rows(ev, day: str, basis: str, name: str, per_class: list[tuple[str, int, bool]],
                      facilities: dict[str, tuple[str, str]] | None) -> list[dict]:
    """The launch rows (one per missile, text cells) of one CSIS event dated ``day``
    (``basis`` says how), ``per_class`` from :func:`missiles_per_class`. The rows share
    the temporary :data:`~usnk.importers.common.EVENT_KEY` of the event's line. A count
    above :func:`~usnk.importers.inputs.row_cap` makes only that many rows (the
    reconciliation reads such a count as "at least one")."""
    facility, lat, lon = facility_of(ev["description"], facilities)
    base = {
        "id": "", "event_id": "", "date": day, "date_precision": "day",
        "date_basis": basis, "source_date": ev["date"],
        "launch_time_utc": "", "missile_name": name, "facility": facility,
        "latitude": lat, "longitude": lon, "landing": "", "apogee_km": "",
        "distance_km": "", "outcome": outcome_of(ev["description"]),
        "origin": "csis", "source_url": first_url(ev["resources"]),
        EVENT_KEY: f"csis-{ev[LINE_COLUMN]}",
    }
    return [{**base, "missile_class": cls, "count_is_lower_bound": "true" if lower else "false"}
            for cls, n, lower in per_class for _ in range(min(n, inputs.row_cap()))]


LANDMARKS = {
    ("1968-01-23", "pueblo"): "USS Pueblo seizure",
    ("1976-08-18", "axe"): "Panmunjom axe murders",
    ("1983-10-09", "rangoon"): "Rangoon bombing",
    ("1987-11-29", "aircraft"): "KAL 858 bombing",
    ("2010-03-26", "cheonan"): "Cheonan sinking",
    ("2010-11-23", "yeonpyeong"): "Yeonpyeong shelling",
}
"""Landmark incidents: (date, word in the event kind) → label."""

# touched_south: categories that by definition happen on, over or off the South.
_SOUTH_CATEGORIES = {"balloons", "infiltration", "territorial_incursion"}
# ... event kinds naming South Korean targets or places.
_SOUTH_KIND = re.compile(
    r"south korean|\bSK\b|\bROK|cheonan|yeonpyeong|daecheong|blue house|park chung-hee|\bKAL\b|"
    r"\bNLL\b|land mine|assassination|rangoon|taegu|airport terror|train station|killing of south", re.I)
# ... description phrases placing the event on the South's side of the line or in
# its territory, or naming South Korean victims.
_SOUTH_TEXT = re.compile(
    r"south of the (?:DMZ|demilitarized zone|military demarcation line|MDL|northern limit line|NLL)|"
    r"crossed (?:the )?(?:inter-korean border|northern limit line|NLL|military demarcation line|MDL)|"
    r"(?:into|in|over) south korean? (?:territory|airspace|waters)|"
    r"south korean (?:soldiers?|civilians?|troops?|marines?|fishermen|fishing|vessel|ship|navy|patrol|"
    r"coast guard|guard post|residents?|passengers?)", re.I)


# ... an exchange of fire between the two sides' forces across the line.
_EXCHANGE_KIND = re.compile(r"exchange of fire", re.I)
_EXCHANGE_TEXT = re.compile(r"\bexchanged (?:[\w-]+ )?(?:fire|gunfire|shots)\b", re.I)


def touched_south(kind: str, category: str, description: str) -> bool:
    """Whether an incident took place on, over or off the South or targeted South Koreans.

    True for balloons, infiltrations and territorial incursions (by category);
    for kinds naming South Korean targets or places (Cheonan, Yeonpyeong, the NLL,
    KAL, Blue House, assassination attempts, …); and where the description places it south of the
    DMZ/MDL/NLL, in South Korean territory, or names South Korean victims. Weapons
    tests, nuclear-programme news, declarations and exercises are False unless a
    phrase above says otherwise.

    Every exchange of fire touches the South (a kind naming an exchange of fire, or a
    description saying the two sides exchanged fire): the South's forces return fire
    at North Korean fire that reached its side of the MDL or NLL, its guard posts,
    positions, islands or waters, so the North's shells or rounds landed in the South
    (10 October 2014, rounds in Yeoncheon county; 20 August 2015, shells near
    Yeoncheon). North Korean artillery fired into the sea or the buffer zone north of
    the line is not an exchange and touches the South only where a phrase above says so.
    """
    if category in _SOUTH_CATEGORIES:
        return True
    if _SOUTH_KIND.search(kind):
        return True
    if category in {"weapons_test", "nuclear_programme", "declaration", "military_exercise"}:
        return False
    if _EXCHANGE_KIND.search(kind) or _EXCHANGE_TEXT.search(str(description or "")):
        return True
    return bool(_SOUTH_TEXT.search(str(description or "")))


INCIDENT_COLUMNS = ["id", "date", "category", "event_type", "landmark", "touched_south", "source_url"]


def csis_incident_rows(events: pd.DataFrame) -> pd.DataFrame:
    """Incident rows (text cells) for every CSIS event that is neither a launch nor a
    nuclear test: ``id`` is the date and the event's number that day in file order."""
    rows = []
    for _, ev in events.iterrows():
        c = classify(ev["event"], ev["type"], ev["description"])
        if c.kind == "incident":
            rows.append(incident_row(ev, c.category))
    return number_incidents(rows)


def incident_row(ev, category: str) -> dict:
    """The incident row (text cells, no ``id`` yet) of one CSIS event of ``category``:
    its day (:func:`~usnk.importers.evidence.event_day`), its normalised kind, its
    landmark label if it is one (:data:`LANDMARKS`) and whether it touched the South."""
    kind = normalise_event(ev["event"])
    landmark = next((label for (day, word), label in LANDMARKS.items()
                     if day == ev["date"] and word in kind.lower()), "")
    day, _ = event_day(ev["description"], ev["date"])
    return {
        "date": day, "category": category, "event_type": kind, "landmark": landmark,
        "touched_south": "true" if touched_south(kind, category, ev["description"]) else "false",
        "source_url": first_url(ev["resources"]),
    }


def number_incidents(rows: list[dict]) -> pd.DataFrame:
    """Incident rows sorted by date (stable) and numbered within each day:
    ``id = "<date>-<n>"``, n = 1, 2, … in the events' file order."""
    df = pd.DataFrame(rows, columns=INCIDENT_COLUMNS[1:], dtype=object)
    df = df.sort_values("date", kind="stable").reset_index(drop=True)
    ordinal = df.groupby("date").cumcount() + 1
    df.insert(0, "id", [f"{d}-{n}" for d, n in zip(df["date"], ordinal)])
    return df[INCIDENT_COLUMNS]
