"""Findings of chapter 3, "Shifting sands": summits, talks and launch tempo."""

from __future__ import annotations

import pandas as pd

from ..analysis import date_label, launches_per_period, launches_per_year
from ..analysis import (CALIBRATED_APPROACH, before_after, first_flights, launches_by_term, pause_after,
                                  rolling_launches, summit_window_test, yearly_since)
from .base import Facts, Findings, Namespace, Verdict, decide, reads

SECTION = "03_diplomacy#what-the-data-say"
#: The Kim Jong Un era, where the tempo chart and the summit test start.
TEMPO_FROM = "2012-01-01"
#: The pause measured is the one after the last launch on or before this day.
PAUSE_AFTER = "2017-11-30"
#: Summit windows are quieter than chance when the one-sided p-value is below this.
SIGNIFICANCE = 0.05
#: The chart and numbers of the recent years start in this year.
RECENT_FROM = 2021
SUMMITS_PHRASES = {"supported": "supported", "partly supported": "supported, for a while",
                   "contradicted": "contradicted"}
ESCALATION_PHRASES = {"partly supported": "the timing is supported; the motive is not testable",
                      "contradicted": "the timing is contradicted; the motive is not testable"}


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
    return dict(top_us=top_us["label"], top_us_rate=f"{top_us['per_year']:.1f}", top_rok=top_rok["label"],
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


@reads("missile_launches", "summits", "leaders")
def diplomacy(tables: dict) -> Findings:
    """Chapter 3."""
    launches, summits, leaders = tables["missile_launches"], tables["summits"], tables["leaders"]
    rolling = rolling_launches(launches, window_days=90, start=TEMPO_FROM)
    pause = pause_after(launches, PAUSE_AFTER)
    test = summit_window_test(launches, summits, window_days=30, start=TEMPO_FROM, n_perm=10000, seed=0)
    us, rok = launches_by_term(launches, leaders, "US"), launches_by_term(launches, leaders, "ROK")
    ff = first_flights(launches)
    ba = before_after(launches, CALIBRATED_APPROACH["date"], months=12)
    after = ff[(ff["date"] >= CALIBRATED_APPROACH["date"]) & (ff["date"] < ba["end_after"])]
    since = yearly_since(launches, RECENT_FROM)
    summits_v = summits_verdict(test["p_fewer"], pause["next"] is not None)
    escalation_v = escalation_verdict(ba, after["group"])
    facts = Facts(
        newest=date_label(launches["date"].max()), n_missiles=len(launches), **_pause_facts(summits, rolling, pause),
        **_summit_test_facts(test), **_terms_facts(us, rok, summits), **_new_systems_facts(ff, ba),
        **_recent_facts(since, launches_per_year(launches).sum(axis=1), pause),
        verdict_summits=SUMMITS_PHRASES[summits_v], verdict_escalation=ESCALATION_PHRASES[escalation_v],
    )
    f = facts
    verdicts = (
        Verdict("summits_hope", "The summits of 2018–19 offered a glimmer of hope.", summits_v,
                f"No missile flew for {f.pause_days} days after {f.pause_start}; summit windows held {f.test_obs} "
                f"launch events against {f.test_exp} by chance (p = {f.test_p}); the pause ended on {f.pause_end}.",
                SECTION),
        Verdict("calibrated_escalation", "North Korea answered calibrated diplomacy by escalating, with new "
                "hypersonic and submarine-launched missiles.", escalation_v,
                f"{f.ba_before} missiles in the year before the announcement, {f.ba_after} in the year after, with "
                f"{f.ba_new_after} new systems; the motive is not testable.", SECTION),
    )
    monthly = launches_per_period(launches, "MS", start=f"{RECENT_FROM}-01-01")
    frames = Namespace(rolling=rolling, summits=summits, leaders=leaders, pause=pause, summit_test=test,
                       us_terms=us, rok_terms=rok, first_flights=ff,
                       monthly=monthly.loc[:, monthly.sum() > 0], newest=launches["date"].max())
    return Findings(facts, verdicts, frames)
