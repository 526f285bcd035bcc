"""Findings of chapter 3, "Shifting sands": summits, talks and launch tempo."""

from __future__ import annotations

import pandas as pd

from ..analysis import launches_per_period, launches_per_year
from ..labels import date_label
from . import captions
from ..analysis import (CALIBRATED_APPROACH, before_after, first_flights, launches_by_term, pause_after,
                                  rolling_launches, summit_window_test, yearly_since)
from ..analysis.commitments import commitment_record, commitment_verdicts
from ..analysis.claims import robust_verdict, untestable
from ..analysis import records
from .base import Facts, Findings, Namespace, Verdict, decide, reads, restate

SECTION = "03_diplomacy#what-the-data-say"
SECTION_HALT = "03_diplomacy#the-2018-halt-and-hanoi"
SECTION_BIDEN = "03_diplomacy#calibrated-diplomacy-and-what-followed"
#: The commitment whose record the halt section shows.
HALT_ID = "test-halt-2018"
#: The Hanoi summit's id in summits.csv.
HANOI_ID = "hanoi-2019"
#: The year of the first meeting of a sitting US president with a DPRK leader, as claimed.
FIRST_SUMMIT_YEAR = 2018
#: The US president whose outreach the "rebuffed" claim is about.
OUTREACH_PRESIDENT = "Joe Biden"
#: The 2016–17 sanctions resolutions whose lifting was on the table at Hanoi.
HANOI_RELIEF_YEARS = (2016, 2017)
#: "Still followed by sanctions" is tested from the first year after the last sanctions resolution.
SANCTIONS_QUIET_FROM = pd.Timestamp("2018-01-01")
#: The Kim Jong Un era, where the tempo chart and the summit test start.
TEMPO_FROM = "2012-01-01"
#: The pause measured is the one after the last launch on or before this day.
PAUSE_AFTER = "2017-11-30"
#: Summit windows are quieter than chance when the one-sided p-value is below this.
SIGNIFICANCE = 0.05
#: The chart and numbers of the recent years start in this year.
RECENT_FROM = 2021
#: Summit windows (days) tried: the main one first.
SUMMIT_WINDOWS = (30, 14, 60)
#: Months before and after the calibrated approach tried: the main one first.
ESCALATION_MONTHS = (12, 6, 18)


def summits_verdict(p_fewer: float, pause_ended: bool) -> str:
    """"The summits of 2018–19 offered a glimmer of hope": supported when summit windows
    were quieter than chance and the pause still holds, partly supported (for a while)
    when the pause has ended, contradicted when the windows were not quieter."""
    if not p_fewer < SIGNIFICANCE:
        return "contradicted"
    return decide(pause_ended, "partly supported", "supported")


def escalation_verdict(ba: dict, after_groups) -> str:
    """"North Korea answered calibrated diplomacy by escalating, with new hypersonic and
    submarine-launched missiles": the timing is supported (partly supported; the motive
    is not testable) when more missiles flew in the year after than before and both a
    hypersonic glide vehicle and an SLBM first flew in the year after."""
    groups = set(after_groups)
    rose = ba["missiles_after"] > ba["missiles_before"]
    return decide(rose and {"Hypersonic glide vehicle", "SLBM"} <= groups, "partly supported", "contradicted")


def first_meeting_verdict(first_summit: pd.Timestamp, year: int = FIRST_SUMMIT_YEAR) -> str:
    """"Singapore was the first time a sitting US president met a North Korean leader":
    supported when the earliest US–DPRK summit in the tables falls in ``year``."""
    return decide(pd.notna(first_summit) and first_summit.year == year, "supported", "contradicted")


def no_deal_verdict(n_agreements_at_summit: int) -> str:
    """"The Hanoi summit ended abruptly without a deal": supported when no agreement is
    recorded on the summit's days."""
    return decide(n_agreements_at_summit == 0, "supported", "contradicted")


def rebuffed_verdict(n_meetings: int) -> str:
    """"North Korea largely rebuffed the overtures": supported when no US–DPRK meeting
    (summit or talks) took place in the term, contradicted otherwise."""
    return decide(n_meetings == 0, "supported", "contradicted")


def alliances_verdict(n_resumed: int) -> str:
    """"Deterrence: the alliances were strengthened": partly supported (the exercise
    side only is measured) when full-scale combined exercises were held again in the
    term, contradicted when none was."""
    return decide(n_resumed > 0, "partly supported", "contradicted")


def _halt_facts(record: pd.DataFrame) -> dict:
    r = record.set_index("id").loc[HALT_ID]
    breach = r["first_breach_date"]
    return dict(
        halt_date=date_label(r["date"]), halt_terms=r["terms"], halt_end=date_label(r["end_date"]),
        halt_end_event=r["end_event"], halt_years=f"{r['years']:.1f}",
        halt_breach=r["first_breach"] if pd.notna(breach) else "no covered launch or test",
        halt_breach_date=date_label(breach) if pd.notna(breach) else "")


def _hanoi_facts(summits: pd.DataFrame, resolutions: pd.DataFrame) -> dict:
    hanoi = summits.set_index("id").loc[HANOI_ID]
    at_summit = summits[(summits["kind"] == "agreement") & (summits["date"] >= hanoi["date"])
                        & (summits["date"] <= hanoi["end_date"])]
    first, last = HANOI_RELIEF_YEARS
    relief = resolutions[(resolutions["kind"] == "sanctions") & (resolutions["status"] == "adopted")
                         & resolutions["date"].dt.year.between(first, last)].sort_values("date")
    us = summits[summits["track"] == "us_dprk"]
    meetings = us[us["kind"].isin(["summit", "talks"])]
    return dict(
        hanoi_start=date_label(hanoi["date"]), hanoi_end=date_label(hanoi["end_date"]), hanoi_outcome=hanoi["outcome"],
        hanoi_agreements=len(at_summit), n_relief=len(relief),
        relief_list=", ".join(str(r) for r in relief["resolution"]),
        n_us_meetings=len(meetings), n_us_agreements=int((us["kind"] == "agreement").sum()),
        first_us_meeting=date_label(meetings["date"].min()))


def _outreach_facts(summits: pd.DataFrame, leaders: pd.DataFrame, exercises: pd.DataFrame) -> dict:
    term = leaders[(leaders["country"] == "US") & (leaders["name"] == OUTREACH_PRESIDENT)].iloc[0]
    start, end = term["start_date"], term["end_date"]
    within = summits[(summits["track"] == "us_dprk") & summits["kind"].isin(["summit", "talks"])
                     & (summits["date"] >= start) & (summits["date"] < end)]
    held = exercises[(exercises["status"] == "held") & (exercises["date"] >= start) & (exercises["date"] < end)]
    reduced = exercises[exercises["status"].isin(["scaled_down", "suspended", "postponed"])
                        & (exercises["date"] < start)]
    first_held = held.sort_values("date").iloc[0] if len(held) else None
    return dict(
        outreach_president=OUTREACH_PRESIDENT, outreach_from=date_label(start), outreach_to=date_label(end),
        outreach_meetings=len(within), n_held_in_term=len(held), n_reduced_before=len(reduced),
        first_full_exercise=first_held["name"] if first_held is not None else "none",
        first_full_date=date_label(first_held["date"]) if first_held is not None else "")


def _pause_facts(summits: pd.DataFrame, rolling: pd.Series, pause: dict) -> dict:
    us_meet = summits[(summits["track"] == "us_dprk") & summits["kind"].isin(["summit", "talks"])]
    prev_meet = us_meet[us_meet["date"] < pause["next"]].sort_values("date").iloc[-1]
    next_meet = us_meet[us_meet["date"] > pause["next"]].sort_values("date").iloc[0]
    return dict(
        pause_days=pause["days"], pause_start=date_label(pause["last"]), pause_start_name=pause["last_name"],
        pause_end=date_label(pause["next"]), peak_90=int(rolling.max()), peak_90_date=date_label(rolling.idxmax()),
        pause_between=(f"between the {prev_meet['name']} ({date_label(prev_meet['date'])}) and the "
                       f"{next_meet['name']} ({date_label(next_meet['date'])})"))


def _summit_test_facts(test: dict) -> dict:
    return dict(
        test_years=" and ".join(str(y) for y in sorted(test["summits"]["date"].dt.year.unique())),
        test_n=test["n_summits"], test_obs=f"{test['observed_mean']:.2f}", test_exp=f"{test['expected_mean']:.2f}",
        test_p=f"{test['p_fewer']:.3f}", test_perm=f"{test['n_perm']:,}", test_start=date_label(test["start"]),
        test_end=date_label(test["end"]))


def _terms_facts(us: pd.DataFrame, rok: pd.DataFrame, summits: pd.DataFrame) -> dict:
    top_us, top_rok = us.loc[us["per_year"].idxmax()], rok.loc[rok["per_year"].idxmax()]
    first_summit = summits.loc[(summits["track"] == "us_dprk") & (summits["kind"] == "summit"), "date"].min()
    summit_term = us[(us["start"] <= first_summit) & (us["end"] >= first_summit)].iloc[0]
    latest = us.loc[us["start"].idxmax()]
    return dict(latest_us_label=latest["label"], latest_us_rate=f"{latest['per_year']:.1f}",
                top_us=top_us["label"], top_us_rate=f"{top_us['per_year']:.1f}", top_rok=top_rok["label"],
                top_rok_rate=f"{top_rok['per_year']:.1f}", summit_term_rate=f"{summit_term['per_year']:.1f}",
                summit_term_label=summit_term["label"])


def _new_systems_facts(ff: pd.DataFrame, ba: dict) -> dict:
    date = CALIBRATED_APPROACH["date"]
    hgv = ff[ff["group"] == "Hypersonic glide vehicle"].iloc[0]
    slbm = ff[(ff["group"] == "SLBM") & (ff["date"] >= date)].iloc[0]
    solid = ff[ff["group"] == "Solid-fuel ICBM"]
    return dict(
        calibrated_date=date_label(date), ba_before=ba["missiles_before"], ba_after=ba["missiles_after"],
        ba_new_after=ba["new_after"], ba_new_before=ba["new_before"], ba_names=", ".join(ba["new_after_names"]),
        hgv=f"{hgv['missile_name']} on {date_label(hgv['date'])}",
        slbm=f"{slbm['missile_name']} on {date_label(slbm['date'])}",
        solid=" and ".join(f"{r.missile_name} ({date_label(r.date)})" for r in solid.itertuples()),
        n_systems=len(ff))


def _recent_facts(since: pd.DataFrame, all_years: pd.Series, pause: dict) -> dict:
    busiest = since.loc[since["missiles"].idxmax()]
    after_pause = all_years[all_years.index > pause["next"].year]
    return dict(
        busiest_year=int(busiest["year"]), busiest_n=int(busiest["missiles"]),
        busiest_systems=int(busiest["systems"]),
        first_recent_n=int(since.loc[since["year"] == RECENT_FROM, "missiles"].iloc[0]),
        busiest_record="a record" if int(busiest["missiles"]) >= int(all_years.max()) else "a high of",
        after_pause_max_year=int(after_pause.idxmax()), after_pause_max=int(after_pause.max()),
        after_pause_record=("the most in any year on record" if int(after_pause.max()) >= int(all_years.max())
                            else "below the record"))


def escalation_outcome(launches: pd.DataFrame, ff: pd.DataFrame, months: int) -> str:
    """:func:`escalation_verdict` with windows of ``months`` either side of the approach."""
    ba = before_after(launches, CALIBRATED_APPROACH["date"], months=months)
    after = ff[(ff["date"] >= CALIBRATED_APPROACH["date"]) & (ff["date"] < ba["end_after"])]
    return escalation_verdict(ba, after["group"])


def _summits_robustness(launches: pd.DataFrame, summits: pd.DataFrame, test: dict, pause: dict):
    """The summits' verdict over every window (the 30-day ``test`` is the main one)."""
    tests = {w: test if w == 30 else summit_window_test(launches, summits, window_days=w, start=TEMPO_FROM,
                                                        n_perm=10000, seed=0) for w in SUMMIT_WINDOWS}
    return robust_verdict({f"{w}-day windows": summits_verdict(t["p_fewer"], pause["next"] is not None)
                           for w, t in tests.items()})


def _rebuffed_robustness(summits: pd.DataFrame, leaders: pd.DataFrame, outreach_meetings: int):
    """Rebuffed outreach, counting summits and talks, or every US–DPRK row of the term."""
    us_dprk = summits[(summits["track"] == "us_dprk")]
    term = leaders[(leaders["country"] == "US") & (leaders["name"] == OUTREACH_PRESIDENT)].iloc[0]
    in_term = us_dprk[(us_dprk["date"] >= term["start_date"]) & (us_dprk["date"] < term["end_date"])]
    return robust_verdict({"summits and talks": rebuffed_verdict(outreach_meetings),
                           "any US–DPRK meeting or agreement": rebuffed_verdict(len(in_term))})


def _verdicts(f: Facts, v: Namespace, tables: dict) -> tuple:
    """The chapter's own verdicts, from its facts ``f`` and the verdicts ``v`` computed
    for them (``tables`` for the record a verdict names as missing)."""
    record_note = "Not varied: a date in the record, with no choice of window or threshold."
    return (
        Verdict("summits_hope", "The summits of 2018–19 offered a glimmer of hope.", v.summits_v,
                f"No missile flew for {f.pause_days} days after {f.pause_start}; summit windows held {f.test_obs} "
                f"launch events against {f.test_exp} by chance (p = {f.test_p}); the pause ended on {f.pause_end}.",
                SECTION, method="Hope is read as quiet: launch events in the 30 days around each summit fewer than "
                "chance (p below 0.05) and a pause that still holds; quiet windows and a pause that ended make it "
                "partly supported (for a while).", robustness=v.summits_r.text),
        Verdict("calibrated_escalation", "North Korea answered calibrated diplomacy by escalating, with new "
                "hypersonic and submarine-launched missiles.", v.escalation_v,
                f"{f.ba_before} missiles in the year before the announcement, {f.ba_after} in the year after, with "
                f"{f.ba_new_after} new systems; the motive is not testable.", SECTION,
                method="More missiles in the months after the approach was announced than before, with both a "
                "hypersonic glide vehicle and a submarine-launched missile among the new systems; the timing is "
                "tested, the motive is not (so at most partly supported).", robustness=v.escalation_r.text),
        restate(v.halt_v, SECTION_HALT, "halt_2018_held"),
        Verdict("first_sitting_president", "Singapore (2018) was the first time a sitting US president met a "
                "North Korean leader.", v.first_v, f"The first US–DPRK summit in the tables is on {f.first_summit}; "
                f"the US–DPRK meetings before it, from {f.first_us_meeting}, were talks between officials.",
                SECTION_HALT, method="The earliest US–DPRK summit (a meeting of leaders) in the summits table falls "
                "in 2018.", robustness=record_note),
        Verdict("hanoi_no_deal", "The Hanoi summit ended abruptly without a deal.", v.no_deal_v,
                f"The summit, {f.hanoi_start} to {f.hanoi_end}, {f.hanoi_outcome}; {f.hanoi_agreements} agreements "
                "are recorded on its days.", SECTION_HALT, method="No agreement is recorded on the days of the Hanoi summit.",
                robustness=record_note),
        untestable("hanoi_sequencing", "The sticking point was sequencing: North Korea sought sanctions relief "
                   "first, the US verifiable denuclearization first.", SECTION_HALT,
                   needs={"record of what each side proposed at Hanoi": tables.get("hanoi_positions")},
                   context=f"They hold Hanoi's outcome and the {f.n_relief} sanctions resolutions of 2016–17 "
                   f"({f.relief_list}).", method="Each side's public account of what it asked for and offered."),
        Verdict("outreach_rebuffed", "The Biden team signalled openness to dialogue, but North Korea largely "
                "rebuffed these overtures.", v.rebuffed_v, f"{f.outreach_meetings} US–DPRK meetings between "
                f"{f.outreach_from} and {f.outreach_to}; the offers themselves are not in the tables.", SECTION_BIDEN,
                method="No US–DPRK summit or round of talks took place in the Biden term.",
                robustness=v.rebuffed_r.text),
        Verdict("alliances_strengthened", "The Biden administration paired diplomacy with deterrence, "
                "strengthening the alliances.", v.alliances_v, f"{f.n_held_in_term} full-scale combined exercises "
                f"held in the term, the first {f.first_full_exercise} on {f.first_full_date}, after "
                f"{f.n_reduced_before} scaled down, suspended or postponed; other alliance measures are not in "
                "the tables.", SECTION_BIDEN, method="Full-scale combined US–ROK exercises were held again in the "
                "term; only the exercise side of the alliances is measured, so at most partly supported.",
                robustness="Not varied: any full-scale exercise held counts; the other alliance measures have no "
                "table."),
    )


def _recorded(tables: dict, n_held_in_term) -> tuple:
    """The verdicts of this chapter read from the records (positions, resolutions, summits)."""
    launches, summits, leaders = tables["missile_launches"], tables["summits"], tables["leaders"]
    positions, resolutions = tables["positions"], tables["unsc_resolutions"]
    return (
        restate(records.hanoi_sequencing(positions), SECTION_HALT),
        restate(records.no_summits(summits, leaders, OUTREACH_PRESIDENT), SECTION_BIDEN),
        restate(records.offer_without_preconditions(positions, leaders, OUTREACH_PRESIDENT), SECTION_BIDEN),
        restate(records.sanctions_kept(positions, resolutions, leaders, OUTREACH_PRESIDENT), SECTION_BIDEN),
        restate(records.sanctions_after(launches, resolutions, SANCTIONS_QUIET_FROM), SECTION_BIDEN),
        restate(records.no_record(
            "allied_coordination", "The Biden administration stressed coordination with South Korea and Japan.",
            needs={"record of US–ROK–Japan meetings or joint statements": None},
            context=f"The exercises table records only US–ROK exercises ({n_held_in_term} full-scale ones in "
                    "the term).",
            method="Coordination would be measured by the trilateral meetings and statements of the term."),
            SECTION_BIDEN),
    )


def diplomacy(tables: dict) -> Findings:
    """Chapter 3."""
    launches, summits, leaders = tables["missile_launches"], tables["summits"], tables["leaders"]
    rolling = rolling_launches(launches, window_days=90, start=TEMPO_FROM)
    pause = pause_after(launches, PAUSE_AFTER)
    test = summit_window_test(launches, summits, window_days=30, start=TEMPO_FROM, n_perm=10000, seed=0)
    us, rok = launches_by_term(launches, leaders, "US"), launches_by_term(launches, leaders, "ROK")
    ff = first_flights(launches)
    ba = before_after(launches, CALIBRATED_APPROACH["date"], months=12)
    since = yearly_since(launches, RECENT_FROM)
    summits_r = _summits_robustness(launches, summits, test, pause)
    summits_v = summits_r.verdict
    escalation_r = robust_verdict({f"{m} months either side": escalation_outcome(launches, ff, m)
                                   for m in ESCALATION_MONTHS})
    escalation_v = escalation_r.verdict
    record = commitment_record(tables["commitments"], launches, tables["nuclear_tests"])
    halt_v = next(v for v in commitment_verdicts(record) if v.claim_id == "halt-2018-held")
    first_summit = summits.loc[(summits["track"] == "us_dprk") & (summits["kind"] == "summit"), "date"].min()
    facts = Facts(
        newest=date_label(launches["date"].max()), n_missiles=len(launches), **_pause_facts(summits, rolling, pause),
        **_summit_test_facts(test), **_terms_facts(us, rok, summits), **_new_systems_facts(ff, ba),
        **_recent_facts(since, launches_per_year(launches).sum(axis=1), pause),
        verdict_summits=summits_v, verdict_escalation=escalation_v,
        **_halt_facts(record), **_hanoi_facts(summits, tables["unsc_resolutions"]),
        **_outreach_facts(summits, leaders, tables["exercises"]), first_summit=date_label(first_summit),
    )
    f = facts
    first_v = first_meeting_verdict(first_summit)
    no_deal_v = no_deal_verdict(int(f.hanoi_agreements))
    rebuffed_r = _rebuffed_robustness(summits, leaders, int(f.outreach_meetings))
    rebuffed_v = rebuffed_r.verdict
    alliances_v = alliances_verdict(int(f.n_held_in_term))
    facts.update(verdict_halt=halt_v.verdict, verdict_first=first_v, verdict_no_deal=no_deal_v,
                 verdict_rebuffed=rebuffed_v, verdict_alliances=alliances_v)
    verdicts = _verdicts(facts, Namespace(
        summits_v=summits_v, summits_r=summits_r, escalation_v=escalation_v, escalation_r=escalation_r,
        halt_v=halt_v, first_v=first_v, no_deal_v=no_deal_v, rebuffed_v=rebuffed_v, rebuffed_r=rebuffed_r,
        alliances_v=alliances_v), tables)
    monthly = launches_per_period(launches, "MS", start=f"{RECENT_FROM}-01-01")
    frames = Namespace(rolling=rolling, summits=summits, leaders=leaders, pause=pause, summit_test=test,
                       summit_null=captions.summit_null(test["null"]),
                       us_terms=us, rok_terms=rok, first_flights=ff,
                       monthly=monthly.loc[:, monthly.sum() > 0], newest=launches["date"].max())
    # the numbers the charts' captions state, from the frames they draw
    facts.update({**captions.tempo_facts(rolling, summits), **captions.term_rates_facts(us, rok),
                  **captions.first_flights_facts(ff), **captions.since_facts(frames.monthly)})
    recorded = _recorded(tables, facts.n_held_in_term)
    facts.update(records.verdict_facts(recorded))
    verdicts = records.place(verdicts, recorded)
    return Findings(facts, verdicts, frames)


diplomacy = reads(
    "missile_launches", "summits", "leaders", "commitments",
    "exercises", "nuclear_tests", "unsc_resolutions", "positions",
)(diplomacy)
