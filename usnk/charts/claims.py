"""The claims register as a table: claim, verdict, evidence, and a link to the section."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from .base import esc


def section_href(section: str) -> str:
    """A ``page#anchor`` section as a link from another page of the built book."""
    page, _, anchor = section.partition("#")
    return f"{page}.html" + (f"#{anchor}" if anchor else "")


def claims_table(register: pd.DataFrame) -> HTML:
    """One row per claim of :func:`usnk.findings.claims_register`, every cell escaped,
    the claim linked to the section that tests it."""
    rows = "".join(
        f'<tr><td><a href="{esc(section_href(r.section))}">{esc(r.claim)}</a></td>'
        f"<td>{esc(r.verdict)}</td><td>{esc(r.evidence)}</td></tr>"
        for r in register.itertuples(index=False))
    return HTML('<table class="table usnk-table"><thead><tr><th>Claim</th><th>Verdict</th><th>Evidence</th>'
                f"</tr></thead><tbody>{rows}</tbody></table>")
