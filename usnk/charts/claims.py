"""The claims register as a table: claim, verdict, evidence with the method behind it,
and a link to the section."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from ..findings.base import robustness_summary
from .base import esc


def section_href(section: str) -> str:
    """A ``page#anchor`` section as a link from another page of the built book."""
    page, _, anchor = section.partition("#")
    return f"{page}.html" + (f"#{anchor}" if anchor else "")


def _value(row, name: str) -> str:
    value = getattr(row, name, "")
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _evidence_cell(row) -> str:
    parts = [f"<p>{esc(row.evidence)}</p>"]
    for label, name in (("Method", "method"), ("Robustness", "robustness"), ("Since the previous release", "change")):
        text = _value(row, name)
        if text:
            parts.append(f'<p class="usnk-claim-{name}"><strong>{label}.</strong> {esc(text)}</p>')
    return "".join(parts)


def claims_table(register: pd.DataFrame) -> HTML:
    """One row per claim of :func:`usnk.findings.claims_register`, every cell escaped,
    the claim linked to the section that tests it and marked when it is the book's own
    question (``origin`` ``book``); the evidence cell adds the method, the robustness
    check and, when the register has a ``change`` column, what moved since the previous
    release."""
    rows = []
    for r in register.itertuples(index=False):
        mark = " <em>(the book's own question)</em>" if _value(r, "origin") == "book" else ""
        rows.append(f'<tr><td><a href="{esc(section_href(r.section))}">{esc(r.claim)}</a>{mark}</td>'
                    f"<td>{esc(r.verdict)}</td><td>{_evidence_cell(r)}</td></tr>")
    return HTML('<table class="table usnk-table"><thead><tr><th>Claim</th><th>Verdict</th><th>Evidence</th>'
                f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def verdict_definitions() -> HTML:
    """The five verdicts and their one-sentence definitions
    (:data:`usnk.findings.base.DEFINITIONS`, defined in :mod:`usnk.analysis.claims`), as a definition list."""
    from ..findings.base import DEFINITIONS

    items = "".join(f"<dt>{esc(v)}</dt><dd>{esc(d)}</dd>" for v, d in DEFINITIONS.items())
    return HTML(f'<dl class="usnk-verdicts">{items}</dl>')


def claims_list(verdicts) -> HTML:
    """A chapter's verdicts as the chapter shows them: for each claim, the verdict, the
    method and how the verdict fared over the method's variants (counted; the register,
    :func:`claims_table`, lists each variant and the evidence), from the same
    :class:`Verdict` objects as the register, so the two never word a verdict differently."""
    items = []
    for v in verdicts:
        parts = [f"<strong>{esc(v.claim)}</strong> <em>{esc(v.verdict)}</em>."]
        if v.method:
            parts.append(f" Method: {esc(v.method)}")
        if v.robustness and v.verdict != "not testable with these data":
            parts.append(f" Robustness: {esc(robustness_summary(v.robustness))}.")
        if v.origin == "book":
            parts.append(" <em>(The book's own question.)</em>")
        items.append(f"<li>{''.join(parts)}</li>")
    return HTML(f'<ol class="usnk-claims">{"".join(items)}</ol>')
