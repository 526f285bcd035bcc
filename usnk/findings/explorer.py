"""Findings of the launch explorer (``07_explorer``): what its menus and views show.

:func:`explorer` gives the kernel-free figure of the book its frames, one set per
choice of the class menu; :func:`selection` gives the frames and the description of
any filtered set of launches, which :class:`usnk.widgets.LaunchExplorer` draws in a
live kernel after each change of its filters. The charts (:mod:`usnk.charts.explorer`)
only draw them.
"""

from __future__ import annotations

import pandas as pd

from .. import vocabulary
from ..analysis import facility_counts
from ..labels import date_label
from .base import Facts, Findings, Namespace, reads

ALL_CLASSES = "All classes"
#: The outcome columns of the year-by-outcome table, in the order it shows them.
OUTCOMES = ("success", "failure", "unknown")


def describe(launches: pd.DataFrame) -> str:
    """A set of launches in words: how many missiles, from which day to which."""
    if launches.empty:
        return "no launches match the filters"
    return f"{len(launches)} missiles, {date_label(launches['date'].min())} to {date_label(launches['date'].max())}"


def selection(launches: pd.DataFrame) -> Findings:
    """The frames of one filtered set of launches, as the explorer's views draw it:
    ``launches`` (the set itself), ``sites`` (:func:`usnk.analysis.facility_counts`),
    and the fact ``description`` (:func:`describe`)."""
    return Findings(Facts(description=describe(launches)),
                    frames=Namespace(launches=launches, sites=facility_counts(launches)))


def _outcomes_per_year(df: pd.DataFrame) -> pd.DataFrame:
    table = pd.crosstab(df["date"].dt.year, df["outcome"]).reindex(columns=list(OUTCOMES), fill_value=0)
    table = table[table.sum(axis=1) > 0]
    table["all"] = table.sum(axis=1)
    table.index.name = "year"
    return table.reset_index()


def explorer(tables: dict) -> Findings:
    """The launch explorer's frames, one set per choice of its class menu (all classes,
    then each class flown, in the book's order), each frame with an ordered categorical
    ``option`` column naming the choice:

    * ``options``: the choice, its ``missiles``, ``first`` and ``last`` launch dates and
      its ``description`` (:func:`describe`);
    * ``per_year``: ``option, year, missiles``, every year of the record (zero included);
    * ``sites``: ``option`` and the columns of :func:`usnk.analysis.facility_counts`;
    * ``outcomes``: ``option, year`` and missiles per outcome (``success, failure,
      unknown, all``), the years with launches;
    * ``launches``: the launch table (what the live explorer filters).

    Facts: ``n_missiles``, ``first_year``, ``newest_launch``, ``n_options``, ``max_site``
    (the most missiles from one site)."""
    launches = tables["missile_launches"]
    years = list(range(int(launches["date"].dt.year.min()), int(launches["date"].dt.year.max()) + 1))
    present = [c for c in vocabulary.MISSILE_CLASSES if (launches["missile_class"] == c).any()]
    choices = [(ALL_CLASSES, launches)] + [(vocabulary.CLASS_LABELS[c], launches[launches["missile_class"] == c])
                                           for c in present]
    labels = [label for label, _ in choices]

    def option(frame: pd.DataFrame, label: str) -> pd.DataFrame:
        return frame.assign(option=label)

    options = pd.DataFrame([{"option": label, "missiles": len(df), "first": df["date"].min(),
                             "last": df["date"].max(), "description": describe(df)} for label, df in choices])
    per_year = pd.concat([option(df.groupby(df["date"].dt.year).size().reindex(years, fill_value=0)
                                 .rename_axis("year").reset_index(name="missiles"), label)
                          for label, df in choices], ignore_index=True)
    sites = pd.concat([option(facility_counts(df), label) for label, df in choices], ignore_index=True)
    outcomes = pd.concat([option(_outcomes_per_year(df), label) for label, df in choices], ignore_index=True)
    frames = Namespace(launches=launches)
    for name, frame in (("options", options), ("per_year", per_year), ("sites", sites), ("outcomes", outcomes)):
        frame["option"] = pd.Categorical(frame["option"], categories=labels, ordered=True)
        frames[name] = frame[["option"] + [c for c in frame.columns if c != "option"]]
    all_sites = sites[sites["option"] == ALL_CLASSES]
    facts = Facts(n_missiles=len(launches), first_year=years[0], newest_launch=date_label(launches["date"].max()),
                  n_options=len(choices), max_site=int(all_sites["missiles"].max()))
    return Findings(facts, (), frames)


explorer = reads("missile_launches")(explorer)
