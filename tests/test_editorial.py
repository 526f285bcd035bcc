"""Editorial consistency: one launch-event definition, readable pathway figures, chapter
links on the landing page, bibliography keys, frontier labels that do not cross."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

from framefixture import launches_frame
from usnk import analysis as an
from usnk.charts.nuclear import capability_frontier_figure
from usnk.findings.captions import frontier_facts
from usnk.paths import ROOT

SRC = "https://example.org/src"


def _launches():
    rows = [  # id, date, event_id, name, class, outcome, distance, apogee
        ("2017-03-06-1-01", "2017-03-06", "2017-03-06-1", "ER Scud", "SRBM", "success", 1000, 260),
        ("2017-03-06-1-02", "2017-03-06", "2017-03-06-1", "ER Scud", "SRBM", "success", 1000, 260),
        ("2017-03-06-2-01", "2017-03-06", "2017-03-06-2", "ER Scud", "SRBM", "success", 1000, 260),
        ("2017-07-04-1-01", "2017-07-04", "2017-07-04-1", "Hwasong-14", "ICBM", "success", 933, 2802),
        ("2022-03-24-1-01", "2022-03-24", "2022-03-24-1", "Hwasong-15", "ICBM", "success", 1090, 6248),
        ("2023-07-12-1-01", "2023-07-12", "2023-07-12-1", "Hwasong-18", "ICBM", "success", 1001, 6648),
        ("2024-10-31-1-01", "2024-10-31", "2024-10-31-1", "Hwasong-19", "ICBM", "success", 1001, 7687),
    ]
    return launches_frame(rows, SRC)


def test_one_definition_of_a_launch_event():
    """Two salvos on one day from different launch times are two events, the missiles of
    one salvo one; chapter 3's rolling count of events uses the same definition (there is
    one ``launch_events``, in :mod:`usnk.analysis.launches`)."""
    L = _launches()
    a = an.launch_events(L)
    assert len(a) == 6
    assert a.loc[a["event_id"] == "2017-03-06-1", "missiles"].item() == 2
    r = an.rolling_launches(L, window_days=30, start="2017-03-06", end="2017-03-10", unit="events")
    assert r.loc["2017-03-06"] == 2


def test_frontier_record_labels_sit_left_and_climb():
    """Record labels of the capability frontier all point up-left, and consecutive
    labels are set at different heights, so close records (2022, 2023, 2024) do not
    overlap or cross their leader lines."""
    fr = an.capability_frontier(_launches())
    fig = capability_frontier_figure(fr, facts=frontier_facts(fr))
    ann = [a for a in fig.layout.annotations if a.showarrow]
    assert ann and all(a.ax < 0 and a.xanchor == "right" for a in ann)
    apogee = [a for a in ann if a.yref == "y2"]
    assert [a.text for a in apogee] == ["Hwasong-15", "Hwasong-18", "Hwasong-19"]   # 2017 is the first year
    heights = [a.ay for a in apogee]
    assert all(h1 != h2 for h1, h2 in zip(heights, heights[1:]))


def _summits():
    rows = [  # id, name, date, end_date, kind, track, breakdown_date
        ("af", "Agreed Framework", "1994-10-21", "1994-10-21", "agreement", "us_dprk", "2002-12-31"),
        ("r1", "Round 1", "2003-08-27", "2003-08-29", "talks", "six_party", None),
        ("r2", "Round 2", "2004-02-25", "2004-02-28", "talks", "six_party", None),
        ("js", "Joint Statement", "2005-09-19", "2005-09-19", "agreement", "six_party", "2009-04-14"),
        ("ld", "Leap Day deal", "2012-02-29", "2012-02-29", "agreement", "us_dprk", "2012-04-13"),
        ("sg", "Singapore summit", "2018-06-12", "2018-06-12", "summit", "us_dprk", None),
    ]
    df = pd.DataFrame(rows, columns=["id", "name", "date", "end_date", "kind", "track", "breakdown_date"])
    for c in ("date", "end_date", "breakdown_date"):
        df[c] = pd.to_datetime(df[c])
    df["breakdown_event"] = np.where(df["breakdown_date"].notna(), "DPRK satellite launch", None)
    df["source_url"] = SRC
    return df


def test_pathway_record_reads_as_prose():
    s = _summits()
    res = pd.DataFrame({"status": ["adopted", "adopted"], "kind": ["sanctions", "sanctions"],
                        "date": pd.to_datetime(["2006-10-14", "2017-12-22"])})
    L = _launches()
    rec = an.pathway_record(s, res, L, an.agreement_durations(s)).set_index("pathway")["record"]
    dialogue = rec["Direct dialogue (leader summits)"]
    assert "after 2,993 and 44 days" in dialogue           # thousands separated, joined with 'and'
    six = rec["Multilateral frameworks (Six-Party Talks)"]
    assert six.startswith("2 sessions of talks (rounds and phases of rounds, 2003–2004)")
    assert "1,303–1,303 days" in six
    assert "rounds or phases" not in six
    assert "would not seek one" in rec["A grand bargain"]


def _cells(name):
    return json.loads((ROOT / "book" / f"{name}.ipynb").read_text())["cells"]


def test_intro_links_every_chapter_in_the_toc():
    toc = (ROOT / "_toc.yml").read_text()
    chapters = re.findall(r"file:\s*book/(\S+)", toc)
    text = "".join(c["source"] for c in _cells("intro") if c["cell_type"] == "markdown")
    section = text[text.index("## Chapters"):]
    linked = re.findall(r"\{doc\}`([^`]+)`", section)
    assert linked == chapters


def _bib_keys(path):
    text = path.read_text()
    entries = re.findall(r"@\w+\{([^,]+),(.*?)\n\}", text, flags=re.S)
    return {k.strip(): body for k, body in entries}


def test_one_bibliography_one_key_per_source_each_with_a_url():
    assert sorted(p.name for p in (ROOT / "book").glob("*.bib")) == ["references.bib"]
    entries = _bib_keys(ROOT / "book" / "references.bib")
    text = (ROOT / "book" / "references.bib").read_text()
    assert len(entries) == len(re.findall(r"^@", text, flags=re.M))      # no key read twice
    urls = [re.search(r"url\s*=\s*\{(https?://[^}]+)\}", body).group(1) for body in entries.values()]
    assert len(urls) == len(set(urls)), "a source is cited under two keys"
    assert not [k for k in entries if re.match(r"p\d_|.*_p\d$", k)]


def test_cited_keys_exist():
    keys = set(_bib_keys(ROOT / "book" / "references.bib"))
    for nb in ("intro", "01_history", "02_nuclear", "03_diplomacy", "04_region", "05_outlook", "06_data"):
        text = "".join(c["source"] for c in _cells(nb) if c["cell_type"] == "markdown")
        for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", text):
            for key in group.split(","):
                key = re.sub(r"^(intro|ch3)-", "", key.strip())
                assert key in keys, (nb, key)
