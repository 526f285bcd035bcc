"""Findings of chapter 2, "The nuclear conundrum": tests, capability, reliability, the
sanctions ratchet, the Six-Party Talks and the cycle of provocation and negotiation."""

from __future__ import annotations

import pandas as pd

from ..analysis import (capability_frontier, cumulative_success, launch_events, launches_around,
                        launches_per_year, negotiation_cycle, period_tempo, sanctions_ratchet, success_rates,
                        response_markers, tests_and_responses)
from ..analysis.economy import (border_closure_facts, economy_by_year, period_table,
                                sanctions_verdict)
from ..analysis.exercises import exercise_window_test, exercises_verdict
from ..analysis.claims import Robustness, robust_verdict, untestable
from ..analysis.economy import launch_events_per_year
from ..analysis.tempo import share_of_days_near
from ..labels import date_label
from . import captions
from ..analysis.sanctions import major_tests
from ..analysis import records
from .base import Facts, Findings, Namespace, Verdict, decide, reads, restate

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
#: The first day of the tests-and-responses chart (its default ``since``).
RESPONSES_CHART_FROM = "2006-01-01"
#: Windows (days) of the cycle measure: the main one (a year) first.
CYCLE_WINDOWS = (365, 182, 730)
#: The ratchet's robustness: every test answered within this many days.
RATCHET_WITHIN_DAYS = 90
#: Exercise windows (days) tried: the main one first.
EXERCISE_WINDOWS = (14, 21, 30)
#: Spans after the last six-party session (years; None: as long as the talks lasted).
DOUBLING_SPANS = (None, 3, 8)
#: Period pairs (before, after the 2016–17 resolutions) for the launch-rate claims: the main
#: pair first (the economy module's), then the four years either side of the 2018 halt, then
#: the two years of the resolutions against the two after.
RATE_PERIODS = (((2012, 2017), (2019, 2024)), ((2014, 2017), (2018, 2021)), ((2016, 2017), (2018, 2019)))


def ratchet_tests_verdict(tests_answered: pd.Series) -> str:
    """"Each test brings stronger sanctions", for nuclear tests: supported when every
    nuclear test drew a resolution."""
    return decide(len(tests_answered) > 0 and tests_answered.all(), "supported", "contradicted")


def ratchet_robustness(responses: pd.DataFrame, kinds, *, within_days=RATCHET_WITHIN_DAYS) -> Robustness:
    """The ratchet rule over its variants for the events of ``kinds`` (``"nuclear_test"``
    or launch classes) in ``responses`` (:func:`usnk.analysis.tests_and_responses`):
    every event answered by an adopted resolution at all, and every event answered within
    ``within_days`` days; for launches also each class on its own. No event: not testable."""
    sel = responses[responses["kind"].isin(list(kinds))]
    if sel.empty:
        return robust_verdict({})
    days = pd.to_numeric(sel["days"], errors="coerce")
    outcomes = {"every event answered": bool(sel["answered"].all()),
                f"every event answered within {within_days} days": bool((sel["answered"] & (days <= within_days)).all())}
    if len(set(kinds)) > 1:
        for kind in kinds:
            one = sel[sel["kind"] == kind]
            if len(one):
                outcomes[f"every {kind} launch event answered"] = bool(one["answered"].all())
    return robust_verdict(outcomes)


def ratchet_missiles_verdict(n_unanswered_later: int) -> str:
    """The same claim for long-range missile tests: contradicted when any major test
    after the last answered one drew no resolution."""
    return decide(n_unanswered_later > 0, "contradicted", "supported")


def cycle_links(cycle: pd.DataFrame, baseline_before: float, baseline_after: float,
                share_answered: float) -> dict:
    """The three links of "a cycle of provocation, negotiation and sanctions" for one
    window: provocation → negotiation (the share of negotiations with a major test in the
    window before exceeds ``baseline_before``, the share of all days with one), negotiation
    → renewed provocation (the share followed by one exceeds ``baseline_after``), and
    provocation → sanctions (at least half the major tests drew a resolution)."""
    n = len(cycle)
    return {"a major test before a negotiation more often than before any day":
            bool(n and cycle["preceded"].mean() > baseline_before),
            "a major test after a negotiation more often than after any day":
            bool(n and cycle["followed"].mean() > baseline_after),
            "at least half the major tests drew a resolution": bool(share_answered >= CYCLE_SHARE)}


def cycle_verdict(links_by_window: dict) -> Robustness:
    """"A cycle of provocation, negotiation and sanctions": supported when every link of
    :func:`cycle_links` holds under every window, contradicted when none holds under any,
    mixed otherwise. ``links_by_window``: window label → the links' outcomes."""
    outcomes = {}
    for window, links in links_by_window.items():
        for link, ok in links.items():
            key = link if link.startswith("at least half") else f"{link} ({window})"
            outcomes[key] = ok
    return robust_verdict(outcomes)


def not_slowed(rate_before: float, rate_after: float) -> bool:
    """"Sanctions have not slowed the testing" under one pair of periods: launch events a
    year after are at least the rate before."""
    return bool(rate_after >= rate_before)


def programme_continued(rate_before: float, rate_after: float) -> bool:
    """The programme went on under sanctions (one pair of periods): launch events a year
    after are at least half the rate before."""
    return bool(rate_after > 0 and rate_after >= 0.5 * rate_before)


def resilience_verdict(continued: Robustness, exports_drop_pct: float) -> str:
    """"Pyongyang has shown remarkable resilience, defying sanctions and continuing its
    programmes": the programme went on (:func:`programme_continued`, over the period
    variants) while the squeeze was real (recorded exports to China at least 50% lower).
    Continued under a real squeeze: supported; continued without a measured squeeze
    (nothing to defy): partly supported; slowed: contradicted; depends on the periods:
    mixed."""
    if continued.verdict != "supported":
        return continued.verdict
    return decide(exports_drop_pct >= 50, "supported", "partly supported")


def early_talks_verdict(first_round_year: int, years=EARLY_2000S) -> str:
    """"The Six-Party Talks of the early 2000s": supported when the first round came
    within ``years`` (inclusive)."""
    return decide(years[0] <= first_round_year <= years[1], "supported", "contradicted")


def doubling_down_verdict(rate_during: float, rate_after: float) -> str:
    """"The breakdown of talks led North Korea to double down, with more tests", for one
    span and one kind of test: supported when the rate a year after the last six-party
    session exceeds the rate during the talks, contradicted otherwise."""
    return decide(rate_after > rate_during, "supported", "contradicted")


def rates_after_talks(launches: pd.DataFrame, tests: pd.DataFrame, t0, t1, spans_years=DOUBLING_SPANS) -> dict:
    """Launch events and nuclear tests a year during the talks (``t0``..``t1``) and over
    each span after the last session (``None``: as long as the talks lasted). Keys
    ``(kind, span label)``, values ``(during, after)``."""
    span = t1 - t0
    years_during = (span.days + 1) / 365.25
    out = {}
    for yrs in spans_years:
        length = span if yrs is None else pd.Timedelta(days=round(365.25 * yrs))
        label = "the same span as the talks" if yrs is None else f"{yrs} years"
        lo, hi = t1 + pd.Timedelta(days=1), t1 + length
        out[("launch events", label)] = (period_tempo(launches, t0, t1)["events_per_year"],
                                         period_tempo(launches, lo, hi)["events_per_year"])
        n_during = int(((tests["date"] >= t0) & (tests["date"] <= t1)).sum())
        n_after = int(((tests["date"] >= lo) & (tests["date"] <= hi)).sum())
        out[("nuclear tests", label)] = (n_during / years_during, n_after / ((hi - lo).days + 1) * 365.25)
    return out


def _economy_facts(periods: pd.DataFrame, sanctions: dict, closure: dict) -> dict:
    p = periods.set_index("period")
    before, in_force = p.iloc[0], p.iloc[2]
    return dict(
        exports_before=f"{sanctions['exports_before_musd']:,.0f}",
        exports_after=f"{sanctions['exports_after_musd']:,.0f}",
        exports_drop=f"{sanctions['exports_drop_pct']:.0f}%",
        export_years_before=sanctions["export_years_before"], export_years_after=sanctions["export_years_after"],
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
        later_kinds=("later nuclear tests and long-range launch events" if (later["kind"] == "nuclear_test").any()
                     else "later long-range launch events"),
        n_icbm_later=int((later["kind"] == "ICBM").sum()),
        lr_answered=int(lr["answered"].sum()), lr_total=len(lr), n_vetoed=len(vetoed),
        lr_first_year=int(lr["date"].min().year) if len(lr) else "",
        chart_since=int(pd.Timestamp(RESPONSES_CHART_FROM).year),
        chart_answered=int(responses.loc[responses["date"] >= pd.Timestamp(RESPONSES_CHART_FROM), "answered"].sum()),
        chart_total=int((responses["date"] >= pd.Timestamp(RESPONSES_CHART_FROM)).sum()),
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


def _cycle(summits, launches, tests, responses) -> tuple[Robustness, dict]:
    """The cycle measure under each window, with its facts for the main window."""
    major = major_tests(launches, tests)["date"]
    share_answered = float(responses["answered"].mean()) if len(responses) else 0.0
    links, facts = {}, {}
    for days in CYCLE_WINDOWS:
        cycle = negotiation_cycle(summits, launches, tests, days=days)
        lo, hi = f"{cycle['date'].min().year}-01-01", f"{cycle['date'].max().year}-12-31"
        base_before = share_of_days_near(major, lo, hi, days=days)
        base_after = share_of_days_near(major, lo, hi, days=days, after=True)
        label = "a year" if days == 365 else f"{round(days / 30.44)} months"
        links[f"window of {label}"] = cycle_links(cycle, base_before, base_after, share_answered)
        if days == CYCLE_WINDOWS[0]:
            facts = dict(n_negotiations=len(cycle), n_preceded=int(cycle["preceded"].sum()),
                         n_followed=int(cycle["followed"].sum()),
                         n_both=int((cycle["preceded"] & cycle["followed"]).sum()),
                         cycle_base_before=f"{base_before:.0%}", cycle_base_after=f"{base_after:.0%}",
                         cycle_answered=int(responses["answered"].sum()), cycle_major=len(responses),
                         cycle_years=f"{cycle['date'].min().year}–{cycle['date'].max().year}")
    return cycle_verdict(links), facts


def _rate_variants(launches) -> dict:
    return {f"{b[0]}–{b[1]} against {a[0]}–{a[1]}": (launch_events_per_year(launches, *a),
                                                      launch_events_per_year(launches, *b))
            for a, b in RATE_PERIODS}


def _exercise_section(launches: pd.DataFrame, exercises: pd.DataFrame):
    """Launches around the exercises, at every window: the tests by window, the main
    window's test and the book's verdict on it (robust over the windows)."""
    tests_by_window = {w: exercise_window_test(launches, exercises, window_days=w) for w in EXERCISE_WINDOWS}
    exercise_test = tests_by_window[EXERCISE_WINDOW_DAYS]
    exercise_r = robust_verdict({f"{w}-day window": exercises_verdict(t).verdict
                                 for w, t in tests_by_window.items()})
    exercises_v = restate(exercises_verdict(exercise_test), SECTION_EXERCISES, verdict=exercise_r.verdict,
                          robustness=exercise_r.text, origin="book",
                          method=(f"Launch events in the {EXERCISE_WINDOW_DAYS} days from each exercise's first day "
                                  "against all other such windows of the same years: an excess with p below 0.05 "
                                  "supports, one within chance is mixed, none contradicts."))
    return tests_by_window, exercise_test, exercises_v


def _rate_section(launches: pd.DataFrame, exports_drop_pct):
    """Launch rates before and after the 2016–17 resolutions: the text, and whether the
    testing slowed, went on, and (with the exports' drop) the resilience verdict."""
    rates = _rate_variants(launches)
    rate_text = "; ".join(f"{before:.1f} a year in {a[0]}–{a[1]}, {after:.1f} in {b[0]}–{b[1]}"
                          for (a, b), (before, after) in zip(RATE_PERIODS, rates.values()))
    slowed = robust_verdict({k: not_slowed(*v) for k, v in rates.items()})
    continued = robust_verdict({k: programme_continued(*v) for k, v in rates.items()})
    return rate_text, slowed, continued, resilience_verdict(continued, exports_drop_pct)


def _talks_section(launches: pd.DataFrame, tests: pd.DataFrame, talks: pd.DataFrame, first_year: int):
    """The six-party talks: the rates after them by kind and span, and the verdicts on
    doubling down and on the talks' early-2000s dating."""
    after_talks = rates_after_talks(launches, tests, talks["date"].min(), talks["end_date"].max())
    doubling = robust_verdict({f"{kind}, {span}": doubling_down_verdict(*v) for (kind, span), v in after_talks.items()})
    early = robust_verdict({f"early 2000s as {a}–{b}": early_talks_verdict(first_year, (a, b))
                            for a, b in (EARLY_2000S, (2000, 2004))})
    return after_talks, doubling, early


def _verdicts(f: Facts, v: Namespace) -> tuple:
    """The chapter's own verdicts, from its facts ``f`` and the robust verdicts ``v``."""
    return (
        Verdict("ratchet_nuclear_tests", "Each (nuclear) test brings stronger sanctions.", v.ratchet_nt.verdict,
                f"{f.tests_answered} of {f.n_tests} nuclear tests drew a resolution.", SECTION,
                method="Every nuclear test answered by an adopted Security Council resolution whose trigger "
                       "covers it.",
                robustness=v.ratchet_nt.text),
        Verdict("ratchet_missile_tests", "Each (missile) test brings stronger sanctions.", v.ratchet_lr.verdict,
                f"{f.lr_answered} of {f.lr_total} long-range launch events (IRBM, ICBM, satellite launch) drew a "
                f"resolution; none of the {f.n_unanswered_later} since {f.last_answered}.", SECTION,
                method="The same for every long-range launch event (IRBM, ICBM, satellite launch).",
                robustness=v.ratchet_lr.text),
        Verdict("provocation_cycle", "North Korea follows a cycle of provocation, negotiation and sanctions.",
                v.cycle.verdict, f"Of {f.n_negotiations} US–DPRK and six-party negotiations ({f.cycle_years}), "
                f"{f.n_preceded} came within a year after a nuclear test or long-range launch, against "
                f"{f.cycle_base_before} of all days; {f.n_followed} were followed by one within a year, against "
                f"{f.cycle_base_after} of all days; {f.cycle_answered} of {f.cycle_major} major tests drew a "
                "resolution.", SECTION,
                method="Three links, all needed: negotiations follow a major test more often than random days "
                       "do; a renewed test follows them more often than random days; at least half the major "
                       "tests draw a resolution.",
                robustness=v.cycle.text),
        Verdict("sanctions_work", "Sanctions have not slowed the testing.", v.slowed.verdict,
                f"Launch events before and after the 2016–17 resolutions: {v.rate_text}.", SECTION,
                method="Launch events a year after the 2016–17 resolutions at least the rate before them.",
                robustness=v.slowed.text, origin="book"),
        restate(v.economy, SECTION_ECONOMY, "sanctions_cripple_economy"),
        Verdict("resilience", "Pyongyang has shown remarkable resilience, defying sanctions and continuing its "
                "programmes.", v.resilience, f"Recorded exports to China were {f.exports_drop} lower in "
                f"{f.export_years_after}, than a year in {f.export_years_before}. Launch events before and "
                f"after the 2016–17 resolutions: {v.rate_text}.", SECTION_ECONOMY,
                method="The programme went on (launch events a year after the 2016–17 resolutions at least half the "
                       "rate before) while the squeeze was real (recorded exports to China at least 50% lower).",
                robustness=v.continued.text),
        v.exercises,
        Verdict("six_party_early_2000s", "The Six-Party Talks of the early 2000s involved the US, both Koreas, "
                "China, Japan and Russia.", v.early.verdict,
                f"{f.sp_rounds} sessions from {f.sp_start} to {f.sp_end}.", SECTION,
                method="The first six-party session in the summits table falls in the early 2000s.",
                robustness=v.early.text),
        Verdict("breakdown_doubling_down", "The breakdown of talks led North Korea to double down, with more tests.",
                v.doubling.verdict, f"{f.sp_rate} launch events a year during the talks; after the last session "
                f"{f.sp_rate_after} a year over the same span, {f.sp_rate_after_3} over 3 years and "
                f"{f.sp_rate_after_8} over 8; the tables cannot show that one caused the other.", SECTION,
                method="Tests a year after the last six-party session against the rate during the talks; the claim "
                       "holds when the rate after is higher.", robustness=v.doubling.text),
    )


def _caption_facts(frames: Namespace) -> dict:
    """The numbers the charts' captions state, from the frames they draw."""
    return {**captions.per_year_facts(frames.per_year), **captions.nuclear_tests_facts(frames.tests),
            **captions.frontier_facts(frames.frontier), **captions.success_rates_facts(frames.success),
            **captions.success_history_facts(frames.success_history), **captions.ratchet_facts(frames.ratchet),
            **captions.responses_facts(frames.responses, RESPONSES_CHART_FROM),
            **captions.before_after_facts(frames.around),
            **captions.six_party_facts(frames.six_party_years, frames.six_party),
            **captions.economy_facts(frames.economy), **captions.exercise_windows_facts(frames.exercise_windows)}


def _recorded(tables: dict) -> tuple:
    """The verdicts of this chapter read from the records (agreements, laws, facilities)."""
    summits, launches = tables["summits"], tables["missile_launches"]
    return (
        restate(records.six_party_bargain(summits), SECTION),
        restate(records.six_party_progress(summits), SECTION),
        restate(records.six_party_verification(summits), SECTION),
        restate(records.testing_intensified(launches), SECTION),
        restate(records.weapons_for_survival(tables["positions"]), SECTION_SURVIVAL),
        restate(records.program_start(tables["nuclear_facilities"], launches), SECTION_SURVIVAL),
    )


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
    cycle_r, cycle_facts = _cycle(summits, launches, tests, responses)
    trade, gdp = tables["china_trade"], tables["gdp_growth"]
    economy_v, economy = sanctions_verdict(trade, gdp, launches, summits=summits)
    tests_by_window, exercise_test, exercises_v = _exercise_section(launches, tables["exercises"])
    talks = six_party[six_party["kind"] == "talks"]
    facts = Facts(
        _tests_facts(tests), **_capability_facts(launches, per_year, frontier, success),
        **_ratchet_facts(resolutions, ratchet, responses), **_sanctions_facts(votes, around),
        **_six_party_facts(launches, talks), **cycle_facts, verdict_cycle=cycle_r.verdict,
        **_economy_facts(period_table(trade, gdp), economy, border_closure_facts(trade, gdp)),
        **_exercise_facts(exercise_test), sp_first_year=int(talks["date"].min().year),
    )
    rate_text, slowed, continued, resilience = _rate_section(launches, economy["exports_drop_pct"])
    after_talks, doubling, early = _talks_section(launches, tests, talks, int(facts.sp_first_year))
    lr = responses[responses["kind"] != "nuclear_test"]
    ratchet_nt = ratchet_robustness(responses, ["nuclear_test"])
    ratchet_lr = ratchet_robustness(responses, list(lr["kind"].drop_duplicates()))
    facts.update(verdict_ratchet_tests=ratchet_nt.verdict, verdict_ratchet_missiles=ratchet_lr.verdict,
                 verdict_economy=economy_v.verdict, verdict_exercises=exercises_v.verdict,
                 verdict_resilience=resilience, verdict_slowed=slowed.verdict, verdict_doubling=doubling.verdict,
                 sp_rate_after_3=f"{after_talks[('launch events', '3 years')][1]:.1f}",
                 sp_rate_after_8=f"{after_talks[('launch events', '8 years')][1]:.1f}",
                 ex_p_21=f"{tests_by_window[21]['p_more']:.3f}", ex_p_30=f"{tests_by_window[30]['p_more']:.3f}")
    verdicts = _verdicts(facts, Namespace(
        ratchet_nt=ratchet_nt, ratchet_lr=ratchet_lr, cycle=cycle_r, slowed=slowed, rate_text=rate_text,
        economy=economy_v, resilience=resilience, continued=continued, exercises=exercises_v, early=early,
        doubling=doubling))
    frames = Namespace(
        tests=tests.sort_values("date"), per_year=per_year.loc[:, per_year.sum() > 0], frontier=frontier,
        success=success, success_history=cumulative_success(launches, success["missile_name"].tolist()),
        min_flights=MIN_FLIGHTS, ratchet=ratchet, responses=responses, responses_since=RESPONSES_CHART_FROM,
        response_markers=response_markers(responses, RESPONSES_CHART_FROM),
        votes=resolutions[resolutions["kind"] != "panel_renewal"], newest_launch=launches["date"].max(),
        sanctions_votes=votes, around=around, window_days=SANCTIONS_WINDOW_DAYS,
        six_party=six_party, six_party_years=six_party_years(launches, *SIX_PARTY_YEARS),
        economy=economy_by_year(trade, gdp), exercise_windows=exercise_test["windows"],
        exercise_test=exercise_test, exercise_days=EXERCISE_WINDOW_DAYS, exercise_tests=tests_by_window,
    )
    facts.update(_caption_facts(frames))
    recorded = _recorded(tables)
    facts.update(records.verdict_facts(recorded))
    return Findings(facts, records.place(verdicts, recorded), frames)


nuclear = reads(
    "missile_launches", "nuclear_tests", "unsc_resolutions", "summits",
    "china_trade", "gdp_growth", "exercises", "positions", "nuclear_facilities",
)(nuclear)
