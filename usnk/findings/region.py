"""Findings of chapter 4, "Beyond the headlines": launch sites, landing areas, Japan,
incidents that touched the South, China and Russia, humanitarian indicators."""

from __future__ import annotations

import pandas as pd

from ..labels import date_label
from . import captions
from ..analysis import (facility_counts, japan_events, japan_summary, landing_areas, neighbour_record,
                               sites_by_period, south_incidents)
from ..analysis.economy import china_share, lifeline_verdict, trade_totals
from ..analysis.claims import robust_verdict, untestable
from ..analysis import records
from .base import Facts, Findings, Namespace, Verdict, decide, reads, restate

SECTION = "04_region#what-the-data-say"
SECTION_CHINA = "04_region#trade-with-china"
SECTION_RIGHTS = "04_region#repression-and-the-2014-commission-of-inquiry"
#: Japan's reported overflights and EEZ landings are compared with the missiles since this day.
JAPAN_FROM = pd.Timestamp("2016-01-01")
SEA_OF_JAPAN = "Sea of Japan (East Sea)"
#: Russia's recent leader meetings are counted from this day.
RUSSIA_RECENT_FROM = pd.Timestamp("2023-01-01")
#: Child stunting prevalence (percent) at which the WHO–UNICEF thresholds of 2018 (de Onis et
#: al., Public Health Nutrition 22:175–179) call the level "medium" and "high": the main one first.
STUNTING_THRESHOLDS = {"medium": 10.0, "high": 20.0}
#: Years from which Japan's reports are set against the missiles: the main one first.
JAPAN_FROM_YEARS = (2016, 2012, 2020)


def shield_phrase(verdict: str, last_unanimous: pd.Timestamp, first_veto: pd.Timestamp) -> str:
    """How the prose states the shield verdict: partly supported reads "contradicted
    until <year of the last unanimous sanctions vote>, supported since <year of the
    first veto>"."""
    if verdict == "partly supported":
        return f"contradicted until {last_unanimous.year}, supported since {first_veto.year}"
    return verdict


def eez_verdict(n_japan_since: int, n_missiles_since: int) -> str:
    """"Tests often land in or near Japan's EEZ": contradicted when Japan reported no
    overflight or EEZ landing since 2016; supported when such launches are at least half
    the missiles since; partly supported (they recur, but most missiles come down
    elsewhere) in between."""
    if n_japan_since == 0:
        return "contradicted"
    return decide(2 * n_japan_since >= n_missiles_since, "supported", "partly supported")


def shield_verdict(n_unanimous: int, n_vetoes: int) -> str:
    """"China and Russia shield the North": partly supported when they both let
    sanctions pass unanimously and later vetoed new ones (contradicted until the first
    veto, supported since); supported with vetoes and no unanimous sanctions vote;
    contradicted with no veto."""
    if n_vetoes == 0:
        return "contradicted"
    return decide(n_unanimous > 0, "partly supported", "supported")


def humanitarian_verdict(hum: pd.DataFrame, threshold_pct: float = STUNTING_THRESHOLDS["medium"], *,
                         latest_only: bool = True) -> str:
    """"The humanitarian cost falls on North Koreans", for its measurable part: child
    stunting measured by a national survey (the latest one, or with ``latest_only`` False
    every one) is at or above ``threshold_pct``: supported; below it: contradicted; no
    measured stunting figure: not testable with these data."""
    measured = hum[(hum["indicator"] == "stunting_under5") & (hum["estimate_type"] == "measured")]
    if measured.empty:
        return "not testable with these data"
    values = measured.sort_values("period_start")["value"]
    values = values.iloc[-1:] if latest_only else values
    return decide(bool((values >= threshold_pct).all()), "supported", "contradicted")


def humanitarian_robustness(hum: pd.DataFrame):
    """:func:`humanitarian_verdict` over both WHO–UNICEF thresholds and over the latest
    survey and every survey."""
    outcomes = {}
    for name, pct in STUNTING_THRESHOLDS.items():
        for latest in (True, False):
            label = f"{'latest survey' if latest else 'every survey'} at the {name} level ({pct:g}%)"
            outcomes[label] = humanitarian_verdict(hum, pct, latest_only=latest)
    if set(outcomes.values()) == {"not testable with these data"}:
        return robust_verdict({})
    return robust_verdict(outcomes)


def aligned_verdict(china_vetoes: set, russia_vetoes: set) -> str:
    """"Russia often aligns with China": supported when both vetoed and every draft one
    of them vetoed the other vetoed too; partly supported when they share some vetoes;
    contradicted when they share none."""
    shared = set(china_vetoes) & set(russia_vetoes)
    if not shared:
        return "contradicted"
    return decide(set(china_vetoes) == set(russia_vetoes), "supported", "partly supported")


def _china_trade_facts(totals: pd.DataFrame, shares: pd.DataFrame) -> dict:
    peak = totals.loc[totals["total_musd"].idxmax()]
    last = totals.iloc[-1]
    low, high = shares.loc[shares["china_share_pct"].idxmin()], shares.loc[shares["china_share_pct"].idxmax()]
    return dict(
        trade_first_year=int(totals["year"].min()), trade_last_year=int(last["year"]),
        trade_last=f"{last['total_musd']:,.0f}", trade_peak_year=int(peak["year"]),
        trade_peak=f"{peak['total_musd']:,.0f}", trade_n_years=len(totals),
        share_n=len(shares), share_low=f"{low['china_share_pct']:g}%", share_low_year=int(low["year"]),
        share_high=f"{high['china_share_pct']:g}%", share_high_year=int(high["year"]),
        share_last=f"{shares.iloc[-1]['china_share_pct']:g}%", share_last_year=int(shares.iloc[-1]["year"]))


def _japan_facts(launches: pd.DataFrame, js: dict, sites: pd.DataFrame, areas: pd.DataFrame) -> dict:
    by = areas.set_index("landing")
    return dict(
        n_sites=len(sites), top_site=sites.iloc[0]["facility"], top_site_n=int(sites.iloc[0]["missiles"]),
        sites_first_year=int(launches["date"].min().year), sites_newest=date_label(launches["date"].max()),
        no_coords=sites.attrs["without_coordinates"], n_japan=js["events"], n_overflights=js["overflight"],
        n_eez=js["eez_landing"], first_overflight=date_label(js["overflight_first"]),
        last_overflight=date_label(js["overflight_last"]), first_eez=date_label(js["eez_landing_first"]),
        last_eez=date_label(js["eez_landing_last"]), japan_since_2016=js["since_2016"], japan_years=js["years"],
        missiles_since_2016=int(launches["date"].ge(JAPAN_FROM).sum()),
        soj_n=int(by.loc[SEA_OF_JAPAN, "missiles"]), soj_share=f"{by.loc[SEA_OF_JAPAN, 'share']:.0%}",
        norec_share=f"{by.loc['not recorded', 'share']:.0%}" if "not recorded" in by.index else "0%")


def _south_facts(south: pd.DataFrame) -> dict:
    totals = south.sum()
    return dict(
        south_n=int(south.to_numpy().sum()), south_first=int(south.index.min()), south_last=int(south.index.max()),
        balloons=int(totals.get("balloons", 0)), incursions=int(totals.get("territorial_incursion", 0)),
        infiltration=int(totals.get("infiltration", 0)))


def _neighbour_facts(record: dict) -> dict:
    china, russia = record["China"], record["Russia"]
    return dict(
        cn_meet=len(china["meetings"]), ru_meet=len(russia["meetings"]), cn_veto=len(china["vetoes"]),
        ru_veto=len(russia["vetoes"]), sanctions=record["adopted_sanctions"], unanimous=record["unanimous_sanctions"],
        last_unanimous=date_label(record["last_unanimous_sanctions"]),
        first_veto=date_label(first_veto(record)),
        ru_since_2023=int((russia["meetings"]["date"] >= RUSSIA_RECENT_FROM).sum()))


def first_veto(record: dict) -> pd.Timestamp:
    """The first veto by China or Russia of a draft on the DPRK."""
    return min(record["China"]["vetoes"]["date"].min(), record["Russia"]["vetoes"]["date"].min())


def _humanitarian_facts(hum: pd.DataFrame) -> dict:
    stunt = hum[hum["indicator"] == "stunting_under5"].set_index("period_start")
    wast = hum[hum["indicator"] == "wasting_under5"].iloc[0]
    return dict(
        hum_n=len(hum), hum_agencies=", ".join(sorted(set(hum["agency"]))),
        stunt_2012=f"{stunt.loc[2012, 'value']:g}%", stunt_2017=f"{stunt.loc[2017, 'value']:g}%",
        wast=f"{wast['value']:g}%", wast_year=int(wast["period_start"]),
        hum_measured=int((hum["estimate_type"] == "measured").sum()))


def _japan_since(japan: pd.DataFrame, launches: pd.DataFrame, year: int) -> tuple[int, int]:
    """Missiles Japan reported (overflights and EEZ landings) and all missiles, from 1 January ``year``."""
    start = pd.Timestamp(f"{year}-01-01")
    return int((japan["date"] >= start).sum()), int((launches["date"] >= start).sum())


def _verdicts(tables: dict, f: Facts, v: Namespace) -> tuple:
    """The chapter's own verdicts, from its facts ``f`` and the verdicts ``v`` computed
    for them (``tables`` for the records a verdict names as missing)."""
    return (
        Verdict("japan_eez", "Tests often land in or near Japan's exclusive economic zone.", v.eez,
                f"Japan reported {f.n_eez} EEZ landings and {f.n_overflights} overflights, {f.japan_since_2016} of "
                f"them since 2016, against {f.missiles_since_2016} missiles.", SECTION,
                method="Missiles Japan reported landing in its exclusive economic zone or flying over it, against "
                "all missiles since 2016: at least half supports the claim, some partly supports it, none "
                "contradicts it.", robustness=v.eez_r.text),
        Verdict("neighbours_shield", "China and Russia shield the North.", v.shield, f"Both voted for all "
                f"{f.unanimous} sanctions resolutions to {f.last_unanimous}; vetoes since {f.first_veto} (China "
                f"{f.cn_veto}, Russia {f.ru_veto}).", SECTION,
                method="Shielding is read in the Security Council record: vetoes of sanctions drafts, against votes "
                "for sanctions. The two periods come out differently, so the claim is partly supported (since "
                "2022, not before).", robustness=v.shield_r.text),
        Verdict("humanitarian_cost", "The humanitarian cost of the standoff falls on North Koreans.",
                v.humanitarian, f"{f.stunt_2017} of young children stunted in 2017 ({f.stunt_2012} in "
                "2012); the cause cannot be measured here.", SECTION,
                method="The measurable part: child stunting in the latest national survey at or above the "
                "WHO–UNICEF medium level (10%); whether the standoff caused it is not measured.",
                robustness=v.humanitarian_r.text),
        v.lifeline,
        Verdict("russia_aligns_with_china", "Russia often aligns with China, advocating dialogue and sanctions "
                "relief.", v.aligned, f"Of the drafts vetoed, China vetoed {f.cn_veto} and Russia {f.ru_veto}, "
                f"{f.n_shared_vetoes} of them together.", SECTION,
                method="Russia's Security Council vetoes on the DPRK against China's: every veto shared supports "
                "the claim, some shared partly supports it, none shared contradicts it.",
                robustness="Not varied: the vetoes are the only alignment the tables record."),
        untestable("china_fears_collapse", "China wants neither a nuclear-armed North nor its collapse.",
                   SECTION_CHINA, needs={"record of China's stated aims on the peninsula": None},
                   context=f"They show China voting for all {f.unanimous} sanctions resolutions passed 15–0 (to "
                   f"{f.last_unanimous}) and trading {f.trade_last} million USD with the North in "
                   f"{f.trade_last_year}.", method="A preference: it could be read only from China's stated aims."),
        untestable("repression", "North Korea's people live under one of the most repressive regimes in the "
                   "world, with political prison camps and forced labour.", SECTION_RIGHTS,
                   needs={"human rights measure (a freedom index or ranking)": tables.get("freedom_scores")},
                   context="The UN Commission of Inquiry's findings of 2014 are cited, not computed.",
                   method="A rank among the world's states on a published freedom index."),
        untestable("food_insecurity_causes", "Chronic food insecurity is made worse by natural disasters and "
                   "sanctions.", SECTION, needs={"harvest series": None, "record of disasters": None,
                                                 "record of aid": None},
                   context=f"Stunting fell from {f.stunt_2012} to {f.stunt_2017} of young children (2012 to "
                   "2017), but no cause can be weighed.", method="Harvests and food security set against dated "
                   "disasters and sanctions."),
        untestable("south_korea_economy", "Each escalation impacts South Korea's economy.", SECTION,
                   needs={"South Korean market or economic series to set against the launch dates": None},
                   method="South Korean markets in the days after each launch, against other days."),
    )


def _recorded(tables: dict) -> tuple:
    """The verdicts of this chapter read from the records (positions, votes, indices)."""
    return (
        restate(records.russia_with_china(tables["positions"], tables["unsc_resolutions"]), SECTION),
        restate(records.repression(tables["freedom_indices"]), SECTION_RIGHTS),
    )


def region(tables: dict) -> Findings:
    """Chapter 4."""
    launches, incidents = tables["missile_launches"], tables["incidents"]
    japan = japan_events(launches, tables["japan_impacts"])
    sites, areas = facility_counts(launches), landing_areas(launches)
    south = south_incidents(incidents)
    record = neighbour_record(tables["summits"], tables["unsc_resolutions"])
    hum = tables["humanitarian"].sort_values(["indicator", "period_start"]).reset_index(drop=True)
    facts = Facts(_japan_facts(launches, japan_summary(japan), sites, areas), **_south_facts(south),
                  **_neighbour_facts(record), **_humanitarian_facts(hum))
    f = facts
    eez_r = robust_verdict({f"since {y} ({n} of {m})": eez_verdict(n, m)
                            for y, (n, m) in ((y, _japan_since(japan, launches, y)) for y in JAPAN_FROM_YEARS)})
    eez = eez_r.verdict
    shield = shield_verdict(int(f.unanimous), len(record["China"]["vetoes"]) + len(record["Russia"]["vetoes"]))
    humanitarian_r = humanitarian_robustness(hum)
    humanitarian = humanitarian_r.verdict
    trade = tables["china_trade"]
    totals, shares = trade_totals(trade), china_share(trade)
    lifeline = restate(lifeline_verdict(trade), SECTION_CHINA, "china_lifeline")
    facts.update(_china_trade_facts(totals, shares), verdict_lifeline=lifeline.verdict)
    cn_v, ru_v = set(record["China"]["vetoes"]["resolution"]), set(record["Russia"]["vetoes"]["resolution"])
    aligned = aligned_verdict(cn_v, ru_v)
    facts.update(verdict_aligned=aligned, n_shared_vetoes=len(cn_v & ru_v))
    facts.update(verdict_eez=eez, verdict_humanitarian=humanitarian,
                 verdict_shield=shield_phrase(shield, record["last_unanimous_sanctions"], first_veto(record)))
    shield_r = robust_verdict({"sanctions votes to 2017": decide(int(f.unanimous) == 0, "supported", "contradicted"),
                               "vetoes since 2022": decide(int(f.cn_veto) + int(f.ru_veto) > 0, "supported",
                                                           "contradicted")})
    verdicts = _verdicts(tables, f, Namespace(eez=eez, eez_r=eez_r, shield=shield, shield_r=shield_r,
                                              humanitarian=humanitarian, humanitarian_r=humanitarian_r,
                                              lifeline=lifeline, aligned=aligned))
    frames = Namespace(launches=launches, sites=sites_by_period(launches), japan=japan, areas=areas, south=south,
                       record=record,
                       resolutions=tables["unsc_resolutions"], humanitarian=hum,
                       china_trade=totals, china_share=shares)
    # the numbers the charts' captions state, from the frames they draw
    facts.update({**captions.japan_sites_facts(japan), **captions.south_facts(south),
                  **captions.neighbours_facts(frames.resolutions), **captions.humanitarian_facts(hum),
                  **captions.china_trade_facts(totals, shares)})
    recorded = _recorded(tables)
    facts.update(records.verdict_facts(recorded), verdict_aligned=recorded[0].verdict)
    verdicts = records.place(verdicts, recorded)
    return Findings(facts, verdicts, frames)


region = reads(
    "missile_launches", "incidents", "japan_impacts", "summits",
    "unsc_resolutions", "humanitarian", "china_trade", "positions", "freedom_indices",
)(region)
