"""Findings of chapter 5, "Looking ahead": how long agreements held, the recent trend
by class, and the record of each pathway the debate proposes."""

from __future__ import annotations

import pandas as pd

from ..analysis import date_label
from ..analysis import agreement_durations, pathway_record, recent_by_class
from ..analysis.commitments import commitment_record, commitment_verdicts
from ..analysis import records
from .base import Facts, Findings, Namespace, Verdict, not_testable, reads, restate

SECTION = "05_outlook#what-the-data-say"
SECTION_COMMITMENTS = "05_outlook#commitments-how-long-each-held"
SECTION_DEBATES = "05_outlook#denuclearization-or-arms-control-a-grand-bargain-or-step-by-step"
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


def _commitment_facts(record: pd.DataFrame) -> dict:
    ended = record[~record["holding"]]
    by_kind = ended["end_kind"].value_counts()
    longest = ended.loc[ended["days"].idxmax()]
    shortest = ended.loc[ended["days"].idxmin()]
    by_party = record.groupby("pledged_by")["id"].count()
    return dict(
        n_pledges=len(record), n_pledges_ended=len(ended), n_pledges_holding=int(record["holding"].sum()),
        holding_ids=", ".join(record.loc[record["holding"], "terms"]) or "none",
        pledges_median=f"{ended['years'].median():.1f}", pledge_longest=longest["terms"],
        pledge_longest_years=f"{longest['years']:.1f}", pledge_shortest=shortest["terms"],
        pledge_shortest_days=f"{int(shortest['days']):,}", n_repudiated=int(by_kind.get("repudiated", 0)),
        n_violated=int(by_kind.get("violated", 0)), n_lapsed=int(by_kind.get("lapsed", 0)),
        n_dprk_pledges=int(by_party.get("DPRK", 0)))


def outlook(tables: dict) -> Findings:
    """Chapter 5."""
    launches, summits, resolutions = tables["missile_launches"], tables["summits"], tables["unsc_resolutions"]
    named = summits[(summits["kind"] == "agreement") & summits["track"].isin(AGREEMENT_TRACKS)]
    durations = agreement_durations(summits, ids=named["id"])
    recent = recent_by_class(launches, years=RECENT_YEARS)
    us_meetings = summits[(summits["track"] == "us_dprk") & summits["kind"].isin(["summit", "talks"])]
    last_v = agreements_verdict(durations)
    record = commitment_record(tables["commitments"], launches, tables["nuclear_tests"])
    pledge_vs = {v.claim_id: v for v in commitment_verdicts(record)}
    moratorium = record.set_index("id").loc["missile-moratorium-1999"]
    facts = Facts(_agreement_facts(durations), **_recent_facts(recent),
                  last_us_meeting_year=int(us_meetings["date"].max().year), verdict_agreements=LAST_PHRASES[last_v],
                  **_commitment_facts(record), verdict_pledges=pledge_vs["agreements-never-last"].verdict,
                  verdict_moratorium_1999=pledge_vs["moratorium-1999-held"].verdict,
                  verdict_leap_day=pledge_vs["leap-day-ended-april-2012"].verdict,
                  moratorium_end=date_label(moratorium["end_date"]),
                  moratorium_breach=date_label(moratorium["first_breach_date"]))
    f = facts
    recorded = (
        restate(records.sanctions_share(resolutions), SECTION),
        restate(records.no_record(
            "pressure_entrenches", "Too much pressure risks entrenching the regime; aid and engagement could offer "
            "an off-ramp.", needs={"measure of the regime's entrenchment or of its sense of threat": None},
            context=f"The tables hold the pressure ({f.n_pledges} pledges, the Council's resolutions, the launches), "
                    "not how the leadership responds to it inwardly; a counterfactual besides.",
            method="Entrenchment would be measured against the pressure applied, period by period."), SECTION),
    )
    facts.update(records.verdict_facts(recorded))
    verdicts = (
        Verdict("agreements_never_last", "Agreements with North Korea never last.", last_v,
                f"{f.n_broken} of {f.n_agreements} agreements broke down, after a median of {f.median_days} days; "
                f"the longest held {f.longest_years} years.", SECTION, origin="book"),
        Verdict("pathways", "Dialogue, multilateral frameworks, sanctions and incentives, or a grand bargain can "
                "still change the trajectory.", "not testable with these data",
                f"Dialogue and talks have a record (agreements held {f.min_days} days to {f.longest_years} years); "
                "a grand bargain has none.", SECTION),
        restate(pledge_vs["moratorium-1999-held"], SECTION_COMMITMENTS, "moratorium_1999_held", origin="book"),
        restate(pledge_vs["leap-day-ended-april-2012"], SECTION_COMMITMENTS, "leap_day_ended_april_2012",
                origin="book"),
        not_testable("grand_bargain", "True stability might hinge on a grand bargain: verifiable dismantlement for "
                     "normalization, a peace treaty and economic assistance.", f"No such package has been carried "
                     f"out: the {f.n_pledges} pledges in the tables are freezes, halts and statements of goals, "
                     f"{f.n_pledges_ended} of them ended, so there is no record of a bargain to measure.",
                     SECTION_DEBATES),
        not_testable("denuclearization_vs_arms_control", "The goal is complete denuclearization (rather than "
                     "limiting the arsenal).", f"A goal is not an event; of the {f.n_pledges} pledges in the tables "
                     f"({f.n_dprk_pledges} by the DPRK), none caps an arsenal, so the two paths cannot be compared.",
                     SECTION_DEBATES, origin="book"),
        not_testable("multilateral_leverage", "A coordinated regional strategy (South Korea, Japan, China and "
                     "Russia) would give more leverage and more robust verification.", "A counterfactual: the "
                     "six-party pledges of 2005–07 are in the tables, but no coordinated strategy of today's "
                     "powers exists to compare with them.", SECTION_DEBATES),
        not_testable("unconditional_dialogue", "Sustained, unconditional dialogue would prevent misunderstandings "
                     "and build trust.", f"Misunderstanding and trust are not measured; the tables show the last "
                     f"US–DPRK meeting in {f.last_us_meeting_year}.", SECTION_DEBATES),
    ) + recorded
    frames = Namespace(durations=durations, recent=recent, commitments=record,
                       pathways=pathway_record(summits, resolutions, launches, agreement_durations(summits)))
    return Findings(facts, verdicts, frames)


outlook = reads("missile_launches", "summits", "unsc_resolutions", "commitments", "nuclear_tests")(outlook)
