"""Documentation of the data, generated from ``datapackage.json`` and the tables.

Used by ``python -m usnk datadoc`` (the data section of README.md, between the
markers :data:`START` and :data:`END`) and by the book's data appendix. Text from
the data is escaped for where it goes: :func:`to_html_table` HTML-escapes every
cell and links only ``http(s)://`` URLs; :func:`readme_markdown` escapes HTML and
table pipes.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from usnk.validate import EVENT_DATE_FIELDS, resource_file, resources_by_name

START = "<!-- datadoc:start -->"
END = "<!-- datadoc:end -->"

_URL_RE = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


# --------------------------------------------------------------------------- frames


def _dates(frame: pd.DataFrame, cols) -> pd.Series:
    parts = [pd.to_datetime(frame[c], errors="coerce", format="%Y-%m-%d")
             if not pd.api.types.is_datetime64_any_dtype(frame[c]) else frame[c]
             for c in cols if c in frame.columns]
    if not parts:
        return pd.Series([], dtype="datetime64[ns]")
    return pd.concat(parts, ignore_index=True).dropna()


def _iso(ts) -> str | None:
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).date().isoformat()


def tables_overview(package: Mapping, frames: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per table: what a row is, how many rows, first/last event date,
    the declared ``last_event_date`` and the file name.

    ``frames`` may hold typed or raw-string frames; without it the row counts and
    dates are left empty.
    """
    rows = []
    for name, res in resources_by_name(package).items():
        frame = None if frames is None else frames.get(name)
        first = last = None
        n = None
        if frame is not None:
            n = len(frame)
            dates = _dates(frame, EVENT_DATE_FIELDS.get(name, ("date",)))
            if len(dates):
                first, last = _iso(dates.min()), _iso(dates.max())
        rows.append({
            "table": name,
            "title": res.get("title") or name,
            "what a row is": res.get("description") or "",
            "rows": n,
            "first date": first,
            "last date": last,
            "last_event_date": res.get("last_event_date"),
            "file": resource_file(res),
        })
    df = pd.DataFrame(rows, columns=["table", "title", "what a row is", "rows", "first date",
                                     "last date", "last_event_date", "file"])
    df["rows"] = df["rows"].astype("Int64")
    return df


def _fmt(x) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def allowed_values(field: Mapping) -> str:
    """The constraint on a field's values, in words (enum, pattern or range)."""
    cons = field.get("constraints", {}) or {}
    parts = []
    if cons.get("enum") is not None:
        parts.append(", ".join(str(e) for e in cons["enum"]))
    if cons.get("pattern"):
        parts.append(f"pattern {cons['pattern']}")
    lo, hi = cons.get("minimum"), cons.get("maximum")
    if lo is not None and hi is not None:
        parts.append(f"{_fmt(lo)} to {_fmt(hi)}")
    elif lo is not None:
        parts.append(f"≥ {_fmt(lo)}")
    elif hi is not None:
        parts.append(f"≤ {_fmt(hi)}")
    if cons.get("unique"):
        parts.append("unique")
    if field.get("type") == "boolean":
        parts.append("true, false")
    elif field.get("type") == "date":
        parts.append("YYYY-MM-DD")
    return "; ".join(parts)


def fields_table(resource: Mapping) -> pd.DataFrame:
    """One row per column of a table: type, required, allowed values, description."""
    rows = []
    for field in resource["schema"]["fields"]:
        cons = field.get("constraints", {}) or {}
        rows.append({
            "column": field["name"],
            "type": field.get("type", "string"),
            "required": "yes" if cons.get("required") else "no",
            "allowed values": allowed_values(field),
            "description": field.get("description", ""),
        })
    return pd.DataFrame(rows, columns=["column", "type", "required", "allowed values", "description"])


def _licence(entry: Mapping) -> str:
    for key in ("licenses", "licences"):
        if isinstance(entry.get(key), list):
            return "; ".join(_licence_name(x) for x in entry[key] if isinstance(x, Mapping))
    for key in ("license", "licence"):
        v = entry.get(key)
        if isinstance(v, Mapping):
            return _licence_name(v)
        if v:
            return str(v)
    return ""


def _licence_name(lic: Mapping) -> str:
    return str(lic.get("title") or lic.get("name") or lic.get("path") or "")


def sources_table(resource: Mapping) -> pd.DataFrame:
    """One row per source of a table: title, link, licence/terms, and notes."""
    rows = []
    for src in resource.get("sources", []) or []:
        if not isinstance(src, Mapping):
            continue
        notes = [f"{k}: {v}" for k, v in src.items()
                 if k not in ("title", "path", "url", "license", "licence", "licenses", "licences")
                 and v not in (None, "", [], {})]
        rows.append({
            "title": str(src.get("title") or ""),
            "url": str(src.get("path") or src.get("url") or ""),
            "licence": _licence(src),
            "notes": "; ".join(str(n) for n in notes),
        })
    return pd.DataFrame(rows, columns=["title", "url", "licence", "notes"])


AUDIT_OUTCOMES = ("confirmed", "corrected", "unconfirmed")


def audit_counts(audit: pd.DataFrame) -> pd.DataFrame:
    """Events checked by the event audit and their outcomes, per table and year.

    One row per table and year of the audited (Korean) date, then one total row per
    table: columns ``table``, ``year``, ``checked`` and one count per outcome of
    :data:`AUDIT_OUTCOMES`. ``audit`` is the typed or raw-string ``event_audit`` table.
    """
    cols = ["table", "year", "checked", *AUDIT_OUTCOMES]
    if not len(audit):
        return pd.DataFrame(columns=cols)
    years = pd.to_datetime(audit["date"], errors="coerce", format="%Y-%m-%d").dt.year
    frame = pd.DataFrame({"table": audit["table"].astype(str), "year": years.astype("Int64"),
                          "outcome": audit["outcome"].astype(str)})
    unknown = sorted(set(frame["outcome"]) - set(AUDIT_OUTCOMES))
    if unknown:
        raise ValueError(f"event_audit: expected outcomes {', '.join(AUDIT_OUTCOMES)}; got {', '.join(unknown)}")
    rows = []
    for table in sorted(frame["table"].unique()):
        part = frame[frame["table"] == table]
        for year in sorted(part["year"].dropna().unique()):
            one = part[part["year"] == year]
            rows.append([table, str(year), len(one), *[int((one["outcome"] == o).sum()) for o in AUDIT_OUTCOMES]])
        rows.append([table, "all", len(part), *[int((part["outcome"] == o).sum()) for o in AUDIT_OUTCOMES]])
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------- HTML


def is_http_url(text) -> bool:
    return isinstance(text, str) and _URL_RE.fullmatch(text.strip()) is not None


def html_cell(value) -> str:
    """A cell's HTML: escaped text; an http(s) URL becomes an escaped link."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    text = str(value)
    if is_http_url(text):
        url = text.strip()
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
    return html.escape(text)


def to_html_table(df: pd.DataFrame, *, classes: str = "usnk-table") -> str:
    """An HTML table of ``df`` with every header and cell escaped."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False, name=None):
        body.append("<tr>" + "".join(f"<td>{html_cell(v)}</td>" for v in row) + "</tr>")
    return (f'<table class="{html.escape(classes, quote=True)}">\n<thead><tr>{head}</tr></thead>\n'
            "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>")


# --------------------------------------------------------------------------- markdown


def resource_html(resource: Mapping) -> str:
    """One table's documentation for the data appendix: its description, its columns
    and its sources, as HTML."""
    return ("<p>" + html_cell(resource.get("description", "")) + "</p>"
            + "<h4>Columns</h4>" + to_html_table(fields_table(resource))
            + "<h4>Sources</h4>" + to_html_table(sources_table(resource)))


def md_text(value) -> str:
    """Text safe inside a markdown table cell: HTML-escaped, pipes and newlines escaped."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    text = html.escape(str(value), quote=False)
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    return re.sub(r"\s*\n\s*", " ", text)


def md_link(title: str, url: str) -> str:
    """A markdown link when ``url`` is http(s), else the escaped title alone."""
    label = md_text(title or url)
    if is_http_url(url):
        href = url.strip().replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        return f"[{label.replace('[', '&#91;').replace(']', '&#93;')}]({href})"
    return label


def md_table(df: pd.DataFrame) -> str:
    head = "| " + " | ".join(md_text(c) for c in df.columns) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    lines = [head, rule]
    for row in df.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(md_text(v) for v in row) + " |")
    return "\n".join(lines)


def readme_markdown(package: Mapping, frames: Mapping[str, pd.DataFrame]) -> str:
    """The README's data section: an overview, then per table what a row is, its
    columns, its sources with links and licence, freshness and row count."""
    out = ["## Data", ""]
    title = package.get("title")
    if title:
        out += [md_text(title) + ".", ""]
    lic = [_licence_name(x) for x in package.get("licenses", []) or [] if isinstance(x, Mapping)]
    lic_links = [md_link(_licence_name(x), str(x.get("path") or ""))
                 for x in package.get("licenses", []) or [] if isinstance(x, Mapping)]
    out += [
        "The tables live in `data/` as UTF-8 CSV files described by `data/datapackage.json` "
        "(a Frictionless Data Package: types, allowed values, sources, licence and the date of "
        "the newest event in each table). Dates are ISO `YYYY-MM-DD`; an empty cell means "
        "unknown or not applicable; every row links to its source. "
        "Check the data with `python -m usnk validate`.",
        "",
    ]
    if lic:
        out += ["Licence of the compiled tables: " + ", ".join(lic_links) + ".", ""]
    overview = tables_overview(package, frames)
    show = overview[["file", "what a row is", "rows", "first date", "last date"]]
    out += [md_table(show), ""]
    for name, res in resources_by_name(package).items():
        row = overview.set_index("table").loc[name]
        out += [f"### {md_text(res.get('title') or name)} (`{md_text(resource_file(res))}`)", ""]
        if res.get("description"):
            out += [md_text(res["description"]), ""]
        rows = row["rows"]
        count = "no data" if pd.isna(rows) else f"{int(rows):,} rows"
        span = ""
        if isinstance(row["first date"], str) and row["first date"]:  # NaN when no row has a date
            span = f", {row['first date']} to {row['last date']}"
        led = res.get("last_event_date")
        fresh = f"; newest event {md_text(led)}" if led else ""
        out += [f"{count}{span}{fresh}.", ""]
        out += ["Columns:", "", md_table(fields_table(res)), ""]
        src = sources_table(res)
        if len(src):
            out += ["Sources:", ""]
            for s in src.itertuples(index=False):
                line = "- " + md_link(s.title, s.url)
                if s.licence:
                    line += f" — licence/terms: {md_text(s.licence)}"
                if s.notes:
                    line += f" ({md_text(s.notes)})"
                out.append(line)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def replace_section(text: str, section: str) -> str:
    """``text`` with the part between the datadoc markers replaced by ``section``
    (markers appended at the end if absent)."""
    body = f"{START}\n{section.rstrip()}\n{END}"
    start, end = text.find(START), text.find(END)
    if start == -1 or end == -1 or end < start:
        sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return text + sep + body + "\n"
    return text[:start] + body + text[end + len(END):]


def new_readme(section: str) -> str:
    """A README with a heading and the data section between the markers."""
    return replace_section("# US–North Korea relations: an executable analysis book\n\n", section)


def update_readme(path: Path, section: str, *, check: bool = False) -> bool:
    """Write (or with ``check``, compare) the README's data section.

    Returns True if the README was already up to date.
    """
    old = path.read_text(encoding="utf-8") if path.exists() else None
    new = new_readme(section) if old is None else replace_section(old, section)
    if old == new:
        return True
    if not check:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(path)
    return False
