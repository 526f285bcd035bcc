"""Findings of chapter 1, "A rollercoaster history": the unended war, the leaders of
the three states, and the incidents since the 1950s."""

from __future__ import annotations

import pandas as pd

from ..analysis import (ARMISTICE_SIGNED, KOREAN_WAR_START, full_years, incidents_per_decade,
                        landmark_incidents, leader_counts, terms)
from ..analysis.economy import china_share
from ..analysis.claims import robust_verdict, untestable
from ..analysis import records
from ..labels import date_label
from .base import NEWEST_EVENT, Facts, Findings, Namespace, Verdict, decide, package_fact, reads, restate

SECTION = "01_history#what-the-data-say"
SECTION_JUCHE = "01_history#juche-and-isolation"
#: A claim of "over 70 years" at war holds when more than this many full years have passed.
WAR_YEARS_CLAIMED = 70
#: The incidents chart and counts by decade start with this year.
INCIDENTS_FROM = 1958


def whole_decades(totals: pd.Series, first_year: int, as_of: pd.Timestamp) -> pd.Series:
    """Incident totals of the decades wholly inside the record: from the first decade
    that starts on or after ``first_year`` to the last that ended by ``as_of``'s year."""
    first_full = -(-int(first_year) // 10) * 10
    return totals[(totals.index >= first_full) & (totals.index + 10 <= as_of.year)]


#: The first day of the leaders chart (its default ``start``).
LEADERS_CHART_FROM = "1945-01-01"


def _spells(leaders: pd.DataFrame, country: str, since) -> int:
    """Non-acting spells in office of ``country``'s leaders that reach ``since`` or later
    (a leader with two separate terms counts twice), as the leaders chart draws them."""
    d = leaders[(leaders["country"] == country) & ~leaders["acting"].astype(bool)]
    return int((d["end_date"].isna() | (d["end_date"] >= pd.Timestamp(since))).sum())


def war_verdict(years_no_treaty: int) -> str:
    """"Technically at war for over 70 years": supported once more than 70 full years
    separate the armistice from the newest data."""
    return decide(years_no_treaty > WAR_YEARS_CLAIMED, "supported", "contradicted")


def incidents_verdict(decade_totals: pd.Series) -> str:
    """"Decades of sporadic incidents": supported when every whole decade has at least
    one incident (and there is at least one whole decade)."""
    return decide(len(decade_totals) > 0 and decade_totals.min() > 0, "supported", "contradicted")


def _war_and_leaders(leaders: pd.DataFrame, as_of: pd.Timestamp) -> dict:
    """The unended war and the leaders since the armistice (and in the chart's span)."""
    years = full_years(ARMISTICE_SIGNED, as_of)
    counts = leader_counts(leaders, since=ARMISTICE_SIGNED)
    return dict(
        war_start=date_label(KOREAN_WAR_START), armistice=date_label(ARMISTICE_SIGNED),
        war_years=full_years(KOREAN_WAR_START, ARMISTICE_SIGNED), years_no_treaty=years,
        as_of=date_label(as_of), verdict_war=war_verdict(years),
        n_us_presidents=int(counts.get("US", 0)), n_rok_presidents=int(counts.get("ROK", 0)),
        n_us_terms=_spells(leaders, "US", ARMISTICE_SIGNED), n_us_terms_chart=_spells(leaders, "US", LEADERS_CHART_FROM),
        n_rok_terms_chart=_spells(leaders, "ROK", LEADERS_CHART_FROM),
        n_dprk_leaders_chart=_spells(leaders, "DPRK", LEADERS_CHART_FROM),
        chart_from_year=pd.Timestamp(LEADERS_CHART_FROM).year,
        n_dprk_leaders=int(counts.get("DPRK", 0)),
    )


def _incidents(incidents: pd.DataFrame, per_decade: pd.DataFrame, full: pd.Series, landmarks: pd.DataFrame,
               as_of: pd.Timestamp) -> dict:
    """The incidents by decade: totals, the busiest and quietest, the 1960s, landmarks."""
    totals = per_decade.sum(axis=1)
    lm60 = landmarks[landmarks["decade"] == 1960]
    return dict(
        n_incidents=int(totals.sum()), first_incident_year=int(incidents["date"].min().year), n_decades=len(full),
        min_decade=f"{int(full.idxmin())}s", max_full_decade_n=int(full.max()), min_decade_n=int(full.min()),
        max_decade=f"{int(totals.idxmax())}s", max_decade_n=int(totals.max()), n_60s=int(totals.get(1960, 0)),
        max_decade_state=("which is not yet complete" if int(totals.idxmax()) + 10 > as_of.year
                          else "a complete decade"),
        top_cat_60s=str(per_decade.loc[1960].idxmax()).replace("_", " ") if 1960 in per_decade.index else "",
        n_landmarks=len(landmarks),
        landmark_60s=", ".join(lm60["landmark"]) if len(lm60) else "no landmark incident",
        n_south=int(incidents["touched_south"].fillna(False).astype(bool).sum()),
    )


def _engagement(summits: pd.DataFrame) -> dict:
    """The US–DPRK meetings and agreements of the summits table."""
    us = summits[summits["track"] == "us_dprk"]
    us_summits = us[us["kind"] == "summit"]
    return dict(
        n_us_dprk=len(us), first_us_dprk=int(us["date"].min().year),
        first_us_summit=date_label(us_summits["date"].min()), n_us_summits=len(us_summits),
        summits_from=int(summits["date"].min().year),
        n_us_meetings=int(us["kind"].isin(["summit", "talks"]).sum()),
        n_us_agreements=int((us["kind"] == "agreement").sum()),
    )


def _verdicts(tables: dict, facts: Facts, full: pd.Series, as_of: pd.Timestamp) -> tuple:
    """The chapter's own verdicts, each with its variants."""
    incidents, trade = tables["incidents"], tables["china_trade"]
    first_year = int(facts.first_incident_year)
    shares = china_share(trade)
    share_text = (f"China's share of its recorded trade was {shares['china_share_pct'].iloc[-1]:g}% in "
                  f"{int(shares['year'].iloc[-1])}" if len(shares) else "no trade shares are recorded")
    trade_years = trade["year"].dropna()
    trade_from = (f"the trade table starts in {int(trade_years.min())}, long after Kim Il Sung" if len(trade_years)
                  else "the trade table is empty")
    war_r = robust_verdict({"full years from the armistice": facts.verdict_war,
                            "full years from the start of the war": war_verdict(full_years(KOREAN_WAR_START, as_of))})
    five_year = incidents.groupby((incidents["date"].dt.year // 5) * 5).size()
    spans = five_year.reindex(range(-(-first_year // 5) * 5, as_of.year - 4, 5), fill_value=0)
    incid_r = robust_verdict({"every whole decade": facts.verdict_incidents,
                              "every whole five-year span": incidents_verdict(spans)})
    return (
        Verdict("war_70_years", "The two Koreas and the United States have been technically at war for over "
                "70 years.", war_r.verdict, f"No peace treaty since the armistice of {facts.armistice}: "
                f"{facts.years_no_treaty} full years by {facts.as_of}.", SECTION,
                method="Full years without a peace treaty, counted from the armistice of 1953 to the newest data; "
                "more than 70 supports the claim.", robustness=war_r.text),
        Verdict("sporadic_incidents", "Decades of sporadic incidents (and little direct engagement).", incid_r.verdict,
                f"Every whole decade has incidents, from {facts.min_decade_n} ({facts.min_decade}) to "
                f"{facts.max_full_decade_n} a decade; engagement before {facts.summits_from} is not in the "
                "tables.", SECTION,
                method="At least one recorded incident in every whole decade of the incidents table; the engagement "
                "half of the claim is not measured before the first recorded talks.", robustness=incid_r.text),
        untestable("juche_isolation", "Under Kim Il Sung the North adopted Juche, self-reliance, and isolated "
                   "itself from much of the world.", SECTION_JUCHE,
                   needs={"trade figures from Kim Il Sung's years (to 1994)": trade_years[trade_years <= 1994]},
                   context=f"An ideology is not an event, and {trade_from}; {share_text}, which shows how narrow its "
                   "trade is today, not why.", method="Isolation would be read as the North's trade with the "
                   "world in Kim Il Sung's years; the ideology itself is not measured."),
    )


def _recorded(tables: dict, summits_from: int) -> tuple:
    """The verdicts of this chapter read from the records, or naming the record missing."""
    return (
        restate(records.no_record(
            "korean_war_origin", "The Korean War began in 1950 with the North's invasion of the South, and the "
            "United States intervened under a UN mandate.",
            needs={"record of the war's events of 1950 (the invasion, the Security Council's resolutions)": None},
            context=f"The tables date the war's start ({date_label(KOREAN_WAR_START)}) and the armistice, and "
                    f"their summits and talks begin in {summits_from}.",
            method="The invasion and the UN mandate would be checked against dated records of 1950."), SECTION),
        restate(records.no_record(
            "us_presence_south", "After the armistice the United States kept a large military presence in South "
            "Korea as a deterrent.", needs={"series of US troop levels in South Korea": None},
            context="The exercises table starts in 2010 and records exercises, not forces stationed.",
            method="A large presence would be measured by the US troops stationed in the South, year by year."),
            SECTION),
        restate(records.early_dialogue(tables["summits"]), SECTION),
    )


def history(tables: dict, *, as_of=None) -> Findings:
    """Chapter 1. ``as_of``: the newest event of any kind (default: the package-wide fact
    :data:`~usnk.findings.base.NEWEST_EVENT` of the tables' package, the newest
    ``last_event_date`` of any table; declared, so the page follows it)."""
    leaders, incidents, summits = tables["leaders"], tables["incidents"], tables["summits"]
    as_of = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp(package_fact(tables, NEWEST_EVENT))
    per_decade = incidents_per_decade(incidents, start_year=INCIDENTS_FROM)
    full = whole_decades(per_decade.sum(axis=1), int(incidents["date"].min().year), as_of)
    landmarks = landmark_incidents(incidents)
    engagement = _engagement(summits)
    facts = Facts(**_war_and_leaders(leaders, as_of), **_incidents(incidents, per_decade, full, landmarks, as_of),
                  **{k: v for k, v in engagement.items() if k not in ("n_us_meetings", "n_us_agreements")},
                  verdict_incidents=incidents_verdict(full), n_us_meetings=engagement["n_us_meetings"],
                  n_us_agreements=engagement["n_us_agreements"])
    verdicts = _verdicts(tables, facts, full, as_of)
    charted = incidents[incidents["date"].dt.year >= INCIDENTS_FROM]
    frames = Namespace(leaders=leaders, as_of=as_of, leaders_from=LEADERS_CHART_FROM, per_decade=per_decade,
                       leader_terms=terms(leaders, start=LEADERS_CHART_FROM, as_of=as_of),
                       landmarks=landmarks[landmarks["date"].dt.year >= INCIDENTS_FROM],
                       first_year=int(charted["date"].min().year), last_year=int(incidents["date"].max().year))
    recorded = _recorded(tables, int(facts.summits_from))
    facts.update(records.verdict_facts(recorded))
    return Findings(facts, records.place(verdicts, recorded), frames)


history = reads("leaders", "incidents", "summits", "china_trade", facts=(NEWEST_EVENT,))(history)
