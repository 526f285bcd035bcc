"""Findings of chapter 2, "The nuclear conundrum": tests, capability, reliability, the
sanctions ratchet, the Six-Party Talks and the cycle of provocation and negotiation."""

from __future__ import annotations

import pandas as pd

from ..analysis import (capability_frontier, cumulative_success, date_label, launch_events, launches_around,
                        launches_per_year, negotiation_cycle, period_tempo, sanctions_ratchet, success_rates,
                        tests_and_responses)
from ..analysis.economy import (border_closure_facts, economy_by_year, period_table,
                                sanctions_verdict)
from ..analysis.exercises import exercise_window_test, exercises_verdict
from ..analysis import records
from .base import Facts, Findings, Namespace, Verdict, decide, not_testable, reads, restate

SECTION = "02_nuclear#what-the-data-say"
SECTION_ECONOMY = "02_nuclear#sanctions-and-the-economy"
SECTION_EXERCISES = "02_nuclear#launches-around-exercises"
SECTION_SURVIVAL = "02_nuclear#the-weapons-as-a-guarantee-of-survival"
#: Launch events counted in this many days from each exercise's first day.
EXERCISE_WINDOW_DAYS = 14
#: "The talks began in the early 2000s" holds when their first round came in these years.
EARLY_2000S = (2000, 2005)
#: Systems flown at least this often count for the reliability charts and numbers.
MIN_FLIGHTS = 5
#: Days before and after each sanctions vote in which launch events are counted.
SANCTIONS_WINDOW_DAYS = 365
#: The Kim Jong Un era, for the share of missiles launched under him.
KIM_JONG_UN_FROM = pd.Timestamp("2012-01-01")
#: Years of the Six-Party Talks chart.
SIX_PARTY_YEARS = (1998, 2012)
#: The "cycle" claim holds by this measure when at least this share of negotiations
#: both followed and preceded a major test within a year.
CYCLE_SHARE = 0.5
CYCLE_PHRASES = {"supported": "supported by this measure", "contradicted": "not supported by this measure"}


def ratchet_tests_verdict(tests_answered: pd.Series) -> str:
    """"Each test brings stronger sanctions", for nuclear tests: supported when every
    nuclear test drew a resolution."""
    return decide(len(tests_answered) > 0 and tests_answered.all(), "supported", "contradicted")


def ratchet_missiles_verdict(n_unanswered_later: int) -> str:
    """The same claim for long-range missile tests: contradicted when any major test
    after the last answered one drew no resolution."""
    return decide(n_unanswered_later > 0, "contradicted", "supported")


def cycle_verdict(cycle: pd.DataFrame) -> str:
    """"A cycle of provocation, negotiation and sanctions": supported by this measure when
    at least half of the negotiations came within a year after a major test and were
    followed by one within a year."""
    both = cycle["preceded"] & cycle["followed"]
    return decide(len(cycle) > 0 and both.mean() >= CYCLE_SHARE, "supported", "contradicted")


def resilience_verdict(events_per_year_after: float, exports_drop_pct: float) -> str:
    """"Pyongyang has shown remarkable resilience, continuing its programmes despite
    sanctions": supported when launch events continued after the 2016–17 resolutions
    while recorded exports to China fell by less than half; partly supported when they
    continued though exports fell by half or more (the squeeze was real, the programme
    went on); contradicted when launches stopped."""
    if not events_per_year_after > 0:
        return "contradicted"
    return decide(exports_drop_pct >= 50, "partly supported", "supported")


def early_talks_verdict(first_round_year: int, years=EARLY_2000S) -> str:
    """"The Six-Party Talks of the early 2000s": supported when the first round came
    within ``years`` (inclusive)."""
    return decide(years[0] <= first_round_year <= years[1], "supported", "contradicted")


def doubling_down_verdict(rate_during: float, rate_after: float) -> str:
    """"The breakdown of talks led North Korea to double down, with more tests":
    supported when launch events per year after the last six-party session exceed the
    rate during the talks, contradicted otherwise."""
    return decide(rate_after > rate_during, "supported", "contradicted")


def _economy_facts(periods: pd.DataFrame, sanctions: dict, closure: dict) -> dict:
    p = periods.set_index("period")
    before, in_force = p.iloc[0], p.iloc[2]
    return dict(
        exports_before=f"{sanctions['exports_before_musd']:,.0f}",
        exports_after=f"{sanctions['exports_after_musd']:,.0f}",
        exports_drop=f"{sanctions['exports_drop_pct']:.0f}%",
        growth_before=f"{sanctions['growth_before_pct']:+.1f}%", growth_after=f"{sanctions['growth_after_pct']:+.1f}%",
        before_years=f"{int(before['first_year'])}–{int(before['last_year'])}",
        in_force_years=f"{int(in_force['first_year'])}–{int(in_force['last_year'])}",
        events_before=f"{sanctions['launch_events_per_year_before']:.1f}",
        events_after=f"{sanctions['launch_events_per_year_after']:.1f}",
        events_years_before="–".join(str(y) for y in sanctions["launch_years_before"]),
        events_years_after="–".join(str(y) for y in sanctions["launch_years_after"]),
        trade_2019=f"{closure['trade_2019_musd']:,.0f}", closed_low_year=int(closure["lowest_closed_year"]),
        closed_low=f"{closure['lowest_closed_musd']:,.0f}", closed_fall=f"{closure['fall_to_lowest_pct']:.0f}%",
        growth_2020=f"{closure['growth_2020_pct']:+.1f}%")


def _exercise_facts(test: dict) -> dict:
    years = test.get("years", [])
    return dict(
        ex_n=test["n_exercises"], ex_days=test["window_days"], ex_obs=f"{test['observed_mean']:.2f}",
        ex_exp=f"{test['expected_mean']:.2f}", ex_p=f"{test['p_more']:.3f}", ex_perm=f"{test['n_perm']:,}",
        ex_first_year=years[0] if years else "", ex_last_year=years[-1] if years else "")


def six_party_years(launches: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Launch events and missiles per year, ``start``–``end`` (every year present)."""
    ev = launch_events(launches)
    years = list(range(start, end + 1))
    return pd.DataFrame({
        "events": ev.groupby(ev["date"].dt.year).size().reindex(years, fill_value=0),
        "missiles": launches.groupby(launches["date"].dt.year).size().reindex(years, fill_value=0),
    }).rename_axis("year")


def _tests_facts(tests: pd.DataFrame) -> dict:
    t = tests.sort_values("date")
    first, last = t.iloc[0], t.iloc[-1]
    sites = t["site"].dropna().unique()
    return dict(
        n_tests=len(t), test_sites=f"all at the {sites[0]} site" if len(sites) == 1 else f"at {len(sites)} sites",
        first_test=date_label(first["date"]), last_test=date_label(last["date"]),
        mb_first=f"{first['magnitude_mb']:.1f}", mb_last=f"{last['magnitude_mb']:.1f}",
        kt_first=f"{first['yield_kt_high']:g}", kt_last_low=f"{last['yield_kt_low']:g}",
        kt_last_high=f"{last['yield_kt_high']:g}")


def _capability_facts(launches: pd.DataFrame, per_year: pd.DataFrame, frontier: pd.DataFrame,
                      success: pd.DataFrame) -> dict:
    totals = per_year.sum(axis=1)
    dist, apo = frontier[frontier["metric"] == "distance_km"], frontier[frontier["metric"] == "apogee_km"]
    d, a = dist.loc[dist["value"].idxmax()], apo.loc[apo["value"].idxmax()]
    worst = success.loc[success["rate"].idxmin()]
    return dict(
        n_missiles=len(launches), peak_year=int(totals.idxmax()), peak_year_n=int(totals.max()),
        share_kju=f"{(launches['date'] >= KIM_JONG_UN_FROM).mean():.0%}",
        n_classes_used=int((per_year.sum() > 0).sum()),
        max_dist=f"{d['value']:,.0f}", max_dist_sys=str(d["missile_name"]), max_dist_year=int(d["year"]),
        max_apo=f"{a['value']:,.0f}", max_apo_sys=str(a["missile_name"]), max_apo_year=int(a["year"]),
        n_apo_records=int(apo["record"].sum()),
        n_systems5=len(success), worst_sys=str(worst["missile_name"]), worst_rate=f"{worst['rate']:.0%}",
        n_perfect=int((success["rate"] == 1).sum()))


def _ratchet_facts(resolutions: pd.DataFrame, ratchet: pd.DataFrame, responses: pd.DataFrame) -> dict:
    adopted = ratchet[(ratchet["status"] == "adopted") & ratchet["days"].notna()]
    nt = responses[responses["kind"] == "nuclear_test"]
    last_answered = responses[responses["answered"]]["date"].max()
    later = responses[responses["date"] > last_answered]
    lr = responses[responses["kind"] != "nuclear_test"]
    sanctions = ratchet[(ratchet["status"] == "adopted") & (ratchet["kind"] == "sanctions")]
    vetoed = resolutions[resolutions["status"] == "vetoed"]
    veto_sanc = vetoed[vetoed["kind"] == "sanctions"].sort_values("date")
    last_veto = veto_sanc.iloc[-1] if len(veto_sanc) else None
    return dict(
        median_days=f"{adopted['days'].median():.0f}", min_days=int(adopted["days"].min()),
        max_days=int(adopted["days"].max()),
        tests_answered=int(nt["answered"].sum()), test_days_median=f"{nt['days'].astype(float).median():.0f}",
        last_answered=date_label(last_answered), n_unanswered_later=len(later),
        n_icbm_later=int((later["kind"] == "ICBM").sum()),
        lr_answered=int(lr["answered"].sum()), lr_total=len(lr), n_vetoed=len(vetoed),
        first_resolution_year=int(ratchet["date"].min().year),
        last_sanctions_year=int(sanctions["date"].max().year), last_sanctions=date_label(sanctions["date"].max()),
        veto_trigger=last_veto["trigger_event"] if last_veto is not None else "",
        veto_trigger_month=f"{last_veto['trigger_date']:%B %Y}" if last_veto is not None else "",
        veto_year=int(last_veto["date"].year) if last_veto is not None else "",
        verdict_ratchet_tests=ratchet_tests_verdict(nt["answered"]),
        verdict_ratchet_missiles=ratchet_missiles_verdict(len(later)))


def _sanctions_facts(votes: pd.DataFrame, around: pd.DataFrame) -> dict:
    return dict(
        n_sanction_votes=len(votes), n_sanction_vetoed=int((votes["status"] == "vetoed").sum()),
        n_more_after=int((around["events_after"] > around["events_before"]).sum()),
        n_fewer_after=int((around["events_after"] < around["events_before"]).sum()),
        events_before_total=int(around["events_before"].sum()),
        events_after_total=int(around["events_after"].sum()),
        n_zero_after=int((around["events_after"] == 0).sum()))


def _six_party_facts(launches: pd.DataFrame, rounds: pd.DataFrame) -> dict:
    t0, t1 = rounds["date"].min(), rounds["end_date"].max()
    span = t1 - t0
    during = period_tempo(launches, t0, t1)
    before = period_tempo(launches, t0 - span, t0 - pd.Timedelta(days=1))
    after = period_tempo(launches, t1 + pd.Timedelta(days=1), t1 + span)
    return dict(
        sp_rounds=len(rounds), sp_start=date_label(t0), sp_end=date_label(t1), sp_years=f"{during['years']:.1f}",
        sp_rate=f"{during['events_per_year']:.1f}", sp_rate_before=f"{before['events_per_year']:.1f}",
        sp_rate_after=f"{after['events_per_year']:.1f}")


def nuclear(tables: dict) -> Findings:
    """Chapter 2."""
    launches, tests = tables["missile_launches"], tables["nuclear_tests"]
    resolutions, summits = tables["unsc_resolutions"], tables["summits"]
    per_year = launches_per_year(launches)
    frontier = capability_frontier(launches)
    success = success_rates(launches, min_flights=MIN_FLIGHTS)
    ratchet = sanctions_ratchet(resolutions)
    responses = tests_and_responses(launches, tests, resolutions)
    votes = resolutions[resolutions["kind"] == "sanctions"].sort_values("date")
    around = launches_around(launches, votes["date"], days=SANCTIONS_WINDOW_DAYS)
    six_party = summits[summits["track"] == "six_party"].sort_values("date")
    cycle = negotiation_cycle(summits, launches, tests)
    both = cycle["preceded"] & cycle["followed"]
    trade, gdp = tables["china_trade"], tables["gdp_growth"]
    economy_v, economy = sanctions_verdict(trade, gdp, launches)
    exercise_test = exercise_window_test(launches, tables["exercises"], window_days=EXERCISE_WINDOW_DAYS)
    talks = six_party[six_party["kind"] == "talks"]
    facts = Facts(
        _tests_facts(tests), **_capability_facts(launches, per_year, frontier, success),
        **_ratchet_facts(resolutions, ratchet, responses), **_sanctions_facts(votes, around),
        **_six_party_facts(launches, six_party[six_party["kind"] == "talks"]),
        n_negotiations=len(cycle), n_preceded=int(cycle["preceded"].sum()),
        n_followed=int(cycle["followed"].sum()), n_both=int(both.sum()),
        verdict_cycle=CYCLE_PHRASES[cycle_verdict(cycle)],
        **_economy_facts(period_table(trade, gdp), economy, border_closure_facts(trade, gdp)),
        **_exercise_facts(exercise_test), sp_first_year=int(talks["date"].min().year),
    )
    f = facts
    resilience = resilience_verdict(economy["launch_events_per_year_after"], economy["exports_drop_pct"])
    exercises_v = restate(exercises_verdict(exercise_test), SECTION_EXERCISES, origin="book")
    facts.update(verdict_economy=economy_v.verdict, verdict_exercises=exercises_v.verdict,
                 verdict_resilience=resilience)
    recorded = (
        restate(records.six_party_bargain(summits), SECTION),
        restate(records.six_party_progress(summits), SECTION),
        restate(records.six_party_verification(summits), SECTION),
        restate(records.testing_intensified(launches), SECTION),
        restate(records.weapons_for_survival(tables["positions"]), SECTION_SURVIVAL),
        restate(records.program_start(tables["nuclear_facilities"], launches), SECTION_SURVIVAL),
    )
    facts.update(records.verdict_facts(recorded))
    verdicts = (
        Verdict("ratchet_nuclear_tests", "Each (nuclear) test brings stronger sanctions.", f.verdict_ratchet_tests,
                f"{f.tests_answered} of {f.n_tests} nuclear tests drew a resolution.", SECTION),
        Verdict("ratchet_missile_tests", "Each (missile) test brings stronger sanctions.",
                f.verdict_ratchet_missiles, f"{f.lr_answered} of {f.lr_total} long-range launch events drew a "
                f"resolution; none of {f.n_unanswered_later} since {f.last_answered}.", SECTION),
        Verdict("provocation_cycle", "North Korea follows a cycle of provocation, negotiation and sanctions.",
                cycle_verdict(cycle), f"{f.n_both} of {f.n_negotiations} negotiations came within a year after "
                "a major test and were followed by one within a year.", SECTION),
        restate(economy_v, SECTION_ECONOMY, "sanctions_cripple_economy"),
        Verdict("resilience", "Pyongyang has shown remarkable resilience, defying sanctions and continuing its "
                "programmes.", resilience, f"Recorded exports to China fell {f.exports_drop} ({f.before_years} against "
                f"{f.in_force_years}); launch events went on at {f.events_after} a year in {f.events_years_after}.",
                SECTION_ECONOMY),
        exercises_v,
        Verdict("six_party_early_2000s", "The Six-Party Talks of the early 2000s involved the US, both Koreas, "
                "China, Japan and Russia.", early_talks_verdict(int(f.sp_first_year)),
                f"{f.sp_rounds} sessions from {f.sp_start} to {f.sp_end}.", SECTION),
        Verdict("breakdown_doubling_down", "The breakdown of talks led North Korea to double down, with more tests.",
                doubling_down_verdict(float(f.sp_rate), float(f.sp_rate_after)),
                f"{f.sp_rate} launch events a year during the talks, {f.sp_rate_after} a year over the same span "
                "after the last session; the tables cannot show that one caused the other.", SECTION),
    ) + recorded
    frames = Namespace(
        tests=tests.sort_values("date"), per_year=per_year.loc[:, per_year.sum() > 0], frontier=frontier,
        success=success, success_history=cumulative_success(launches, success["missile_name"].tolist()),
        min_flights=MIN_FLIGHTS, ratchet=ratchet, responses=responses,
        votes=resolutions[resolutions["kind"] != "panel_renewal"], newest_launch=launches["date"].max(),
        sanctions_votes=votes, around=around, window_days=SANCTIONS_WINDOW_DAYS,
        six_party=six_party, six_party_years=six_party_years(launches, *SIX_PARTY_YEARS),
        economy=economy_by_year(trade, gdp), exercise_windows=exercise_test["windows"],
        exercise_test=exercise_test, exercise_days=EXERCISE_WINDOW_DAYS,
    )
    return Findings(facts, verdicts, frames)


nuclear = reads(
    "missile_launches", "nuclear_tests", "unsc_resolutions", "summits",
    "china_trade", "gdp_growth", "exercises", "positions", "nuclear_facilities",
)(nuclear)
