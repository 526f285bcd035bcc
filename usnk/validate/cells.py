"""Cell typing: what a cell of each Table Schema type may hold, and its value.

Types: ``string``, ``integer``, ``number`` (finite), ``boolean`` written
``true``/``false``, ``date`` as a real calendar date ``YYYY-MM-DD``.
"""

from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

FIELD_TYPES = ("string", "integer", "number", "boolean", "date")
"""The field types the package may use."""

_INTEGER_RE = re.compile(r"[+-]?\d+")
_NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date | None:
    """The calendar date written ``YYYY-MM-DD``, or ``None`` if ``text`` is not one."""
    if not _DATE_RE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_cell(text: str, ftype: str) -> tuple[object, str | None]:
    """Parse one non-empty cell; returns (value, None) or (None, what was expected)."""
    if ftype == "string":
        return text, None
    if ftype == "integer":
        if _INTEGER_RE.fullmatch(text):
            return int(text), None
        return None, "expected an integer"
    if ftype == "number":
        if _NUMBER_RE.fullmatch(text):
            value = float(text)
            if math.isfinite(value):
                return value, None
        return None, "expected a number"
    if ftype == "boolean":
        if text in ("true", "false"):
            return text == "true", None
        return None, "expected true or false"
    if ftype == "date":
        if not _DATE_RE.fullmatch(text):
            return None, "expected a date YYYY-MM-DD"
        parsed = parse_date(text)
        if parsed is None:
            return None, "expected a real calendar date YYYY-MM-DD"
        return parsed, None
    return text, None


def cell_text(value) -> str:
    """A cell of a raw frame as text: missing values (None, NaN, NA, NaT) become ""."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


def fmt_num(x) -> str:
    """A value as the messages show it: a float briefly (``5``, ``2.5``), anything else
    (an integer, a date as ``YYYY-MM-DD``) as ``str`` does."""
    return f"{x:g}" if isinstance(x, float) else str(x)


def as_date(v) -> date | None:
    """A date from a parsed date, a pandas timestamp or ``YYYY-MM-DD`` text; else ``None``."""
    if v is None or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        return parse_date(v)
    return None
