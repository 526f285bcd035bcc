"""The launch explorer's findings: the frames of each class-menu choice, the frames of a
filtered selection, what the page declares it reads."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd

from usnk import findings, sphinxext, vocabulary
from usnk.load import load_all
from usnk.paths import ROOT

ex = importlib.import_module("usnk.findings.explorer")  # usnk.findings.explorer is the chapter function


def _launches():
    rows = [
        ("2016-03-01", "SRBM", "KN-02", "Site A", 39.0, 125.0, "success"),
        ("2016-03-01", "SRBM", "KN-02", "Site A", 39.0, 125.0, "failure"),
        ("2018-07-04", "ICBM", "Hwasong-14", "Site B", 40.0, 126.0, "success"),
        ("2019-11-29", "ICBM", "Hwasong-15", "Site A", 39.2, 125.2, "unknown"),
        ("2019-12-01", "unknown", "Unknown", None, np.nan, np.nan, "unknown"),
    ]
    return pd.DataFrame([{"id": f"L{i}", "date": pd.Timestamp(d), "missile_class": c, "missile_name": n,
                          "facility": f, "latitude": lat, "longitude": lon, "outcome": o}
                         for i, (d, c, n, f, lat, lon, o) in enumerate(rows)])


def test_one_set_of_rows_per_class_menu_choice():
    chapter = findings.explorer({"missile_launches": _launches()})
    frames, facts = chapter.frames, chapter.facts
    labels = ["All classes"] + [vocabulary.CLASS_LABELS[c] for c in ("SRBM", "ICBM", "unknown")]
    assert [str(o) for o in frames.options["option"]] == labels  # the classes flown, in the book's order
    assert list(frames.options["option"].cat.categories) == list(frames.options["option"])
    assert frames.options["missiles"].tolist() == [5, 2, 2, 1]
    assert frames.options["description"].iloc[2] == "2 missiles, 4 July 2018 to 29 November 2019"
    # every year of the record for every choice, zero included
    srbm = frames.per_year[frames.per_year["option"] == "Short-range ballistic (SRBM)"]
    assert dict(zip(srbm["year"], srbm["missiles"])) == {2016: 2, 2017: 0, 2018: 0, 2019: 0}
    every = frames.per_year[frames.per_year["option"] == "All classes"]
    assert every["missiles"].tolist() == [2, 0, 1, 2]
    # sites: located launches only; the unknown launch has none
    icbm_sites = frames.sites[frames.sites["option"] == "Intercontinental ballistic (ICBM)"]
    assert sorted(zip(icbm_sites["facility"], icbm_sites["missiles"])) == [("Site A", 1), ("Site B", 1)]
    assert (frames.sites["option"] == frames.options["option"].iloc[3]).sum() == 0
    # outcomes per year, only years with launches, with the row total
    out = frames.outcomes[frames.outcomes["option"] == "All classes"]
    assert out["year"].tolist() == [2016, 2018, 2019]
    assert out[["success", "failure", "unknown", "all"]].to_numpy().tolist() == [[1, 1, 0, 2], [1, 0, 0, 1],
                                                                                   [0, 0, 2, 2]]
    assert (facts.n_missiles, facts.first_year, facts.newest_launch, facts.n_options, facts.max_site) == (
        "5", "2016", "1 December 2019", "4", "3")


def test_a_selection_gives_its_sites_and_its_description():
    launches = _launches()
    chosen = ex.selection(launches[launches["facility"] == "Site A"])
    assert chosen.facts.description == "3 missiles, 1 March 2016 to 29 November 2019"
    assert chosen.frames.sites[["facility", "missiles"]].values.tolist() == [["Site A", 3]]
    assert chosen.frames.sites["latitude"].item() == (39.0 + 39.0 + 39.2) / 3
    empty = ex.selection(launches.iloc[0:0])
    assert empty.facts.description == "no launches match the filters" and empty.frames.sites.empty


def test_the_explorer_page_declares_the_launch_table_it_reads():
    assert findings.explorer.tables == ("missile_launches",)
    assert sphinxext.tables_used(ROOT / "book" / "07_explorer.ipynb") == {"missile_launches"}


def test_the_real_explorer_counts_every_launch_once_per_choice():
    tables = load_all()
    launches = tables["missile_launches"]
    chapter = findings.explorer(tables)
    frames = chapter.frames
    every = frames.per_year[frames.per_year["option"] == "All classes"]
    assert every["missiles"].sum() == len(launches) == int(chapter.facts.n_missiles)
    by_class = frames.per_year[frames.per_year["option"] != "All classes"]
    assert by_class["missiles"].sum() == len(launches)  # each launch in its one class
    assert frames.outcomes.groupby("option", observed=True)["all"].sum().tolist() == frames.options["missiles"].tolist()
    top = frames.sites[frames.sites["option"] == "All classes"]["missiles"].max()
    assert chapter.facts.max_site == str(top)
