"""Findings of chapter 5, "Looking ahead": how long agreements held, the recent trend
by class, and the record of each pathway the debate proposes."""

from __future__ import annotations

import pandas as pd

from ..labels import date_label
from . import captions
from ..analysis import agreement_durations, pathway_record, recent_by_class
from ..analysis.commitments import commitment_record, commitment_verdicts, pledge_label
from ..analysis.claims import Robustness, robust_verdict, untestable
from ..analysis import records
from .base import Facts, Findings, Namespace, Verdict, reads, restate

SECTION = "05_outlook#what-the-data-say"
SECTION_COMMITMENTS = "05_outlook#commitments-how-long-each-held"
SECTION_DEBATES = "05_outlook#denuclearization-or-arms-control-a-grand-bargain-or-step-by-step"
#: The agreements "the debate usually names": those between the US and the DPRK and
#: those of the Six-Party Talks.
AGREEMENT_TRACKS = ("us_dprk", "six_party")
#: Calendar years of the recent trend.
RECENT_YEARS = 5
CLASS_PHRASES = {"unknown": "unidentified missiles"}


def agreements_verdict(durations: pd.DataFrame) -> str:
    """"Agreements with North Korea never last", for one set of agreements: supported
    when every agreement broke down, contradicted when any has no recorded end."""
    broken = int((~durations["holding"]).sum())
    return "supported" if len(durations) and broken == len(durations) else "contradicted"


def agreements_robustness(summits: pd.DataFrame) -> Robustness:
    """:func:`agreements_verdict` over the agreements the debate names (US–DPRK and
    six-party) and over every agreement with the DPRK in the table (inter-Korean, with
    Japan, with Russia too)."""
    named = summits[(summits["kind"] == "agreement") & summits["track"].isin(AGREEMENT_TRACKS)]
    every = summits[summits["kind"] == "agreement"]
    outcomes = {}
    for label, sel in (("US–DPRK and six-party agreements", named), ("every agreement in the table", every)):
        if len(sel):
            outcomes[label] = agreements_verdict(agreement_durations(summits, ids=sel["id"]))
    return robust_verdict(outcomes)


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
        pledge_longest_label=pledge_label(longest),
        pledge_longest_years=f"{longest['years']:.1f}", pledge_shortest=shortest["terms"],
        pledge_shortest_days=f"{int(shortest['days']):,}", n_repudiated=int(by_kind.get("repudiated", 0)),
        n_violated=int(by_kind.get("violated", 0)), n_lapsed=int(by_kind.get("lapsed", 0)),
        n_dprk_pledges=int(by_party.get("DPRK", 0)))


def _verdicts(f: Facts, last_r, pledge_vs: dict, every: pd.DataFrame) -> tuple:
    """The chapter's own verdicts: agreements (``last_r`` over its variants, ``every``
    agreement's duration), the pledges (``pledge_vs`` by commitment) and the debates."""
    last_v = last_r.verdict
    open_tracks = sorted(set(every.loc[every["holding"], "track"]))
    track_words = {"inter_korean": "inter-Korean", "dprk_japan": "Japan–DPRK", "dprk_russia": "Russia–DPRK",
                   "us_dprk": "US–DPRK", "six_party": "six-party"}
    open_text = (", ".join(track_words.get(t, t) for t in open_tracks) or "none")
    return (
        Verdict("agreements_never_last", "Agreements with North Korea never last.", last_v,
                f"{f.n_broken} of {f.n_agreements} US–DPRK and six-party agreements broke down, after a median of "
                f"{f.median_days} days, the longest after {f.longest_years} years; of every agreement with the DPRK "
                f"in the table, {f.n_every_broken} of {f.n_every} did, those with no recorded end being "
                f"{open_text}.", SECTION,
                method="Every agreement has a recorded breakdown (the date a party ended the monitoring or "
                       "repudiated it, from the summits table).", robustness=last_r.text),
        untestable("pathways", "Dialogue, multilateral frameworks, sanctions and incentives, or a grand bargain "
                   "can still change the trajectory.", SECTION, needs={"record of a grand bargain carried out": None},
                   context=f"Dialogue and talks have a record: agreements held {f.min_days} days to "
                   f"{f.longest_years} years.", method="A forecast: it could be judged only against a pathway tried."),
        restate(pledge_vs["agreements-never-last"], SECTION_COMMITMENTS, "pledges_never_last",
                "Agreements never last, re-tested pledge by pledge (the commitments table)."),
        restate(pledge_vs["moratorium-1999-held"], SECTION_COMMITMENTS, "moratorium_1999_held"),
        restate(pledge_vs["leap-day-ended-april-2012"], SECTION_COMMITMENTS, "leap_day_ended_april_2012"),
        untestable("grand_bargain", "True stability might hinge on a grand bargain: verifiable dismantlement for "
                   "normalization, a peace treaty and economic assistance.", SECTION_DEBATES,
                   needs={"record of such a package carried out": None},
                   context=f"The {f.n_pledges} pledges in the tables are freezes, halts and statements of goals, "
                   f"{f.n_pledges_ended} of them ended.", method="A counterfactual: only a bargain tried could be "
                   "measured."),
        untestable("denuclearization_vs_arms_control", "The goal is complete denuclearization (rather than "
                   "limiting the arsenal).", SECTION_DEBATES, needs={"pledge that caps an arsenal": None},
                   context=f"Of the {f.n_pledges} pledges in the tables ({f.n_dprk_pledges} by the DPRK), none caps "
                   "an arsenal, so the two paths cannot be compared.", method="A goal: the two paths could be "
                   "compared only if both had been tried."),
        untestable("multilateral_leverage", "A coordinated regional strategy (South Korea, Japan, China and "
                   "Russia) would give more leverage and more robust verification.", SECTION_DEBATES,
                   needs={"coordinated strategy of today's powers to compare with": None},
                   context="The six-party pledges of 2005–07 are in the tables.",
                   method="A counterfactual: it needs a coordinated strategy tried."),
        untestable("unconditional_dialogue", "Sustained, unconditional dialogue would prevent misunderstandings "
                   "and build trust.", SECTION_DEBATES, needs={"measure of misunderstanding or trust": None},
                   context=f"The last US–DPRK meeting in the tables was in {f.last_us_meeting_year}.",
                   method="A counterfactual about trust, which no table measures."),
    )


def _recorded(resolutions: pd.DataFrame, n_pledges) -> tuple:
    """The verdicts of this chapter read from the records, or naming the record missing."""
    return (
        restate(records.sanctions_share(resolutions), SECTION),
        restate(records.no_record(
            "pressure_entrenches", "Too much pressure risks entrenching the regime; aid and engagement could offer "
            "an off-ramp.", needs={"measure of the regime's entrenchment or of its sense of threat": None},
            context=f"The tables hold the pressure ({n_pledges} pledges, the Council's resolutions, the "
                    "launches), not how the leadership responds to it inwardly; a counterfactual besides.",
            method="Entrenchment would be measured against the pressure applied, period by period."), SECTION),
    )


def outlook(tables: dict) -> Findings:
    """Chapter 5."""
    launches, summits, resolutions = tables["missile_launches"], tables["summits"], tables["unsc_resolutions"]
    named = summits[(summits["kind"] == "agreement") & summits["track"].isin(AGREEMENT_TRACKS)]
    durations = agreement_durations(summits, ids=named["id"])
    recent = recent_by_class(launches, years=RECENT_YEARS)
    us_meetings = summits[(summits["track"] == "us_dprk") & summits["kind"].isin(["summit", "talks"])]
    last_r = agreements_robustness(summits)
    last_v = last_r.verdict
    every = agreement_durations(summits)
    record = commitment_record(tables["commitments"], launches, tables["nuclear_tests"])
    pledge_vs = {v.claim_id: v for v in commitment_verdicts(record)}
    moratorium = record.set_index("id").loc["missile-moratorium-1999"]
    facts = Facts(_agreement_facts(durations), **_recent_facts(recent),
                  last_us_meeting_year=int(us_meetings["date"].max().year), verdict_agreements=last_v,
                  n_every=len(every), n_every_broken=int((~every["holding"]).sum()),
                  **_commitment_facts(record), verdict_pledges=pledge_vs["agreements-never-last"].verdict,
                  verdict_moratorium_1999=pledge_vs["moratorium-1999-held"].verdict,
                  verdict_leap_day=pledge_vs["leap-day-ended-april-2012"].verdict,
                  moratorium_end=date_label(moratorium["end_date"]),
                  moratorium_breach=date_label(moratorium["first_breach_date"]))
    verdicts = _verdicts(facts, last_r, pledge_vs, every)
    frames = Namespace(durations=durations, recent=recent, commitments=record,
                       pathways=pathway_record(summits, resolutions, launches, agreement_durations(summits)))
    # the numbers the charts' captions state, from the frames they draw
    facts.update({**captions.durability_facts(durations), **captions.commitments_facts(record),
                  **captions.recent_trend_facts(recent)})
    recorded = _recorded(resolutions, facts.n_pledges)
    facts.update(records.verdict_facts(recorded))
    # the pledge-by-pledge re-test of "agreements never last" is that claim a second time (merged)
    verdicts = records.place(verdicts, recorded, merged=("pledges_never_last",),
                             book=("agreements_never_last", "denuclearization_vs_arms_control"))
    return Findings(facts, verdicts, frames)


outlook = reads("missile_launches", "summits", "unsc_resolutions", "commitments", "nuclear_tests")(outlook)
