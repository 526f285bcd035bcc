"""Meetings and agreements: engagement per decade, how long agreements held, and the record
of each pathway the debate proposes."""

from __future__ import annotations

import pandas as pd

from .incidents import decade_of


def engagement_by_decade(summits: pd.DataFrame, *, tracks=("us_dprk",)) -> pd.DataFrame:
    """Meetings and agreements per decade on the given tracks, one column per kind
    (summit, talks, agreement)."""
    df = summits[summits["track"].isin(list(tracks))]
    table = pd.crosstab(decade_of(df["date"]), df["kind"]).reindex(
        columns=["summit", "talks", "agreement"], fill_value=0)
    table.index.name = "decade"
    table.columns.name = "kind"
    return table



def agreement_durations(summits: pd.DataFrame, *, ids=None, as_of=None) -> pd.DataFrame:
    """Days from signature to breakdown for the agreements in summits.csv.

    Agreements with no ``breakdown_date`` are counted to ``as_of`` (default: the
    newest date in the table) and flagged ``holding`` = True (a lower bound).
    ``ids`` picks and orders agreements; default: every row of kind ``agreement``.
    """
    agr = summits[summits["kind"] == "agreement"]
    if ids is not None:
        agr = agr.set_index("id").loc[list(ids)].reset_index()
    as_of = pd.Timestamp(as_of) if as_of is not None else summits[["date", "end_date"]].max().max()
    end = agr["breakdown_date"].fillna(as_of)
    out = pd.DataFrame({
        "id": agr["id"].to_numpy(), "name": agr["name"].to_numpy(), "track": agr["track"].to_numpy(),
        "signed": agr["date"].to_numpy(), "ended": end.to_numpy(),
        "holding": agr["breakdown_date"].isna().to_numpy(),
        "breakdown_event": agr["breakdown_event"].to_numpy(), "source_url": agr["source_url"].to_numpy(),
    })
    out["days"] = (out["ended"] - out["signed"]).dt.days.astype(int)
    out["years"] = (out["days"] / 365.25).round(1)
    return out.sort_values("signed", kind="stable").reset_index(drop=True)



def pathway_record(summits: pd.DataFrame, resolutions: pd.DataFrame, launches: pd.DataFrame,
                   durations: pd.DataFrame) -> pd.DataFrame:
    """For each pathway the debate proposes, the evidence in the tables, computed."""
    us = summits[(summits["track"] == "us_dprk") & (summits["kind"] == "summit")]
    sp = summits[summits["track"] == "six_party"]
    sp_talks = sp[sp["kind"] == "talks"]
    sp_agr = durations[durations["track"] == "six_party"]
    sanc = resolutions[(resolutions["status"] == "adopted") & (resolutions["kind"] == "sanctions")]
    first_s, last_s = sanc["date"].min(), sanc["date"].max()
    per_year = launches.groupby(launches["date"].dt.year).size()
    y0, y1 = first_s.year, last_s.year
    after_last = launches[launches["date"] > last_s]
    years_after = max((launches["date"].max() - last_s).days / 365.25, 1e-9)
    us_agr = durations[durations["track"] == "us_dprk"]
    broken_us = us_agr[~us_agr["holding"]]
    rows = [
        {"pathway": "Direct dialogue (leader summits)",
         "record": (f"{len(us)} US–DPRK leader meetings ({us['date'].min().year}–{us['date'].max().year}); "
                    f"{len(us_agr)} US–DPRK agreements in the table, {len(broken_us)} recorded as broken down, "
                    f"after {' and '.join(f'{int(d):,}' for d in broken_us['days'])} days")},
        {"pathway": "Multilateral frameworks (Six-Party Talks)",
         "record": (f"{len(sp_talks)} sessions of talks (rounds and phases of rounds, {sp_talks['date'].min().year}–"
                    f"{sp_talks['date'].max().year}) and {len(sp_agr)} agreements, which held "
                    f"{int(sp_agr['days'].min()):,}–{int(sp_agr['days'].max()):,} days")},
        {"pathway": "Sanctions and incentives",
         "record": (f"{len(sanc)} sanctions resolutions adopted {y0}–{y1}; missiles per year "
                    f"{int(per_year.get(y0 - 1, 0))} in {y0 - 1} and {int(per_year.get(y1, 0))} in {y1}; "
                    f"{len(after_last)} missiles since the last one "
                    f"({len(after_last) / years_after:.0f} a year)")},
        {"pathway": "A grand bargain",
         "record": "no comprehensive deal of this kind has been negotiated, so the tables hold no record to test; "
                   "the 2021 US policy review said it would not seek one"},
    ]
    return pd.DataFrame(rows)
