"""Text helpers: dates and periods as the book writes them in prose, captions and labels.

Findings and charts both write dates; the helpers live here, below both, so a chart
labels what it draws without reaching into the analysis.
"""

from __future__ import annotations

import pandas as pd


def date_label(value) -> str:
    """A date as the book writes it in prose, e.g. ``20 August 2026``.

    >>> date_label("2026-08-20")
    '20 August 2026'
    """
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"


def period_label(start, end) -> str:
    """"2017" for a single year, "2019–2021" for a span.

    >>> period_label(2017, 2017), period_label(2019, 2021)
    ('2017', '2019–2021')
    """
    start, end = int(start), int(end)
    return str(start) if start == end else f"{start}–{end}"
