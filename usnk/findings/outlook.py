"""Findings of chapter 5, "Looking ahead": how long agreements held, the recent trend
by class, and the record of each pathway the debate proposes."""

from __future__ import annotations

import pandas as pd

from ..analysis import date_label
from ..analysis import agreement_durations, pathway_record, recent_by_class
from .base import Facts, Findings, Namespace, Verdict, reads

SECTION = "05_outlook#what-the-data-say"
#: The agreements "the debate usually names": those between the US and the DPRK and
#: those of the Six-Party Talks.
AGREEMENT_TRACKS = ("us_dprk", "six_party")
#: Calendar years of the recent trend.
RECENT_YEARS = 5
LAST_PHRASES = {"supported": "supported", "partly supported": "mostly supported", "contradicted": "contradicted"}
CLASS_PHRASES = {"unknown": "unidentified missiles"}


def agreements_verdict(durations: pd.DataFrame) -> str:
    """"Agreements with North Korea never last": supported when every agreement broke
    down, partly supported (mostly) when at least half did, contradicted otherwise."""
    broken = int((~durations["holding"]).sum())
    if len(durations) and broken == len(durations):
        return "supported"
    return "partly supported" if len(durations) and 2 * broken >= len(durations) else "contradicted"


def fact_key(agreement_id: str) -> str:
    """The facts' name stem for an agreement: its id with ``_`` for ``-``."""
    return agreement_id.replace("-", "_")


def _agreement_facts(durations: pd.DataFrame) -> dict:
    out = {}
    for r in durations.itertuples(index=False):
        key, event = fact_key(r.id), str(r.breakdown_event)
        out[f"{key}_days"] = f"{int(r.days):,}"
        out[f"{key}_years"] = f"{r.years}"
        out[f"{key}_holding"] = "has no breakdown recorded" if r.holding else "broke down"
        out[f"{key}_event"] = event[0].lower() + event[1:] if event[1:2].islower() else event
    broken = durations[~durations["holding"]]
    longest = broken.loc[broken["days"].idxmax()]
    out.update(as_of=date_label(durations["ended"].max()), n_broken=len(broken), n_agreements=len(durations),
               median_days=f"{int(broken['days'].median()):,}", longest_name=longest["name"],
               longest_years=f"{longest['years']}", min_days=f"{int(broken['days'].min()):,}")
    return out


def _recent_facts(recent: pd.DataFrame) -> dict:
    totals = recent.sum(axis=0).sort_values(ascending=False)
    second = totals.index[1] if len(totals) > 1 else ""
    return dict(
        recent_first=int(recent.index.min()), recent_top_class=totals.index[0],
        recent_top_share=f"{totals.iloc[0] / totals.sum():.0%}",
        recent_second_class=CLASS_PHRASES.get(second, second),
        recent_second_share=f"{totals.iloc[1] / totals.sum():.0%}" if len(totals) > 1 else "",
        through=date_label(recent.attrs["through"]),
        recent_icbm=int(recent["ICBM"].sum()) if "ICBM" in recent.columns else 0)


@reads("missile_launches", "summits", "unsc_resolutions")
def outlook(tables: dict) -> Findings:
    """Chapter 5."""
    launches, summits, resolutions = tables["missile_launches"], tables["summits"], tables["unsc_resolutions"]
    named = summits[(summits["kind"] == "agreement") & summits["track"].isin(AGREEMENT_TRACKS)]
    durations = agreement_durations(summits, ids=named["id"])
    recent = recent_by_class(launches, years=RECENT_YEARS)
    us_meetings = summits[(summits["track"] == "us_dprk") & summits["kind"].isin(["summit", "talks"])]
    last_v = agreements_verdict(durations)
    facts = Facts(_agreement_facts(durations), **_recent_facts(recent),
                  last_us_meeting_year=int(us_meetings["date"].max().year), verdict_agreements=LAST_PHRASES[last_v])
    f = facts
    verdicts = (
        Verdict("agreements_never_last", "Agreements with North Korea never last.", last_v,
                f"{f.n_broken} of {f.n_agreements} agreements broke down, after a median of {f.median_days} days; "
                f"the longest held {f.longest_years} years.", SECTION),
        Verdict("pathways", "Dialogue, multilateral frameworks, sanctions and incentives, or a grand bargain can "
                "still change the trajectory.", "not testable with these data",
                f"Dialogue and talks have a record (agreements held {f.min_days} days to {f.longest_years} years); "
                "a grand bargain has none.", SECTION),
    )
    frames = Namespace(durations=durations, recent=recent,
                       pathways=pathway_record(summits, resolutions, launches, agreement_durations(summits)))
    return Findings(facts, verdicts, frames)
