"""What each notebook asks of its chapter's findings exists: every ``facts.x`` its prose
evaluates and every ``frames.x`` its charts draw is present on the real data and not
empty, without executing the notebook (the build does that, outside the mutation run)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from usnk import findings
from usnk.load import load_all
from usnk.paths import ROOT

#: notebook → the chapter function its first cell calls
CHAPTERS = {"01_history": "history", "02_nuclear": "nuclear", "03_diplomacy": "diplomacy",
            "04_region": "region", "05_outlook": "outlook", "06_data": "data_appendix", "intro": "intro"}


def _used(notebook: str, kind: str) -> set[str]:
    nb = json.loads((ROOT / "book" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb["cells"])
    return set(re.findall(rf"\b{kind}\.([A-Za-z_][A-Za-z0-9_]*)", text))


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.mark.parametrize("notebook", sorted(CHAPTERS))
def test_every_fact_and_frame_a_notebook_uses_is_there(notebook, tables):
    chapter = getattr(findings, CHAPTERS[notebook])(tables)
    facts, frames = _used(notebook, "facts"), _used(notebook, "frames")
    assert facts or frames, notebook  # the notebook does use its findings
    missing = sorted(f for f in facts if f not in chapter.facts)
    assert not missing, f"{notebook}: facts missing {missing}"
    for name in frames:
        value = getattr(chapter.frames, name, None)
        assert value is not None, f"{notebook}: frames.{name} is missing"
        if isinstance(value, (pd.DataFrame, pd.Series)):
            assert len(value), f"{notebook}: frames.{name} is empty"
    for name in facts:
        assert str(chapter.facts[name]).strip(), f"{notebook}: facts.{name} is empty"


def test_the_launch_chart_of_chapter_3_keeps_every_class_launched_since_2017(tables):
    """``frames.monthly`` drops only the classes never launched in its months."""
    chapter = findings.diplomacy(tables)
    monthly = chapter.frames.monthly
    launches = tables["missile_launches"]
    shown = launches[(launches["date"] >= monthly.index.min())
                     & (launches["date"] <= monthly.index.max() + pd.offsets.MonthEnd(0))]
    assert set(monthly.columns) == set(shown["missile_class"])
    assert int(monthly.to_numpy().sum()) == len(shown)
