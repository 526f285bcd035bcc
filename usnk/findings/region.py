"""Findings of chapter 4, "Beyond the headlines": launch sites, landing areas, Japan,
incidents that touched the South, China and Russia, humanitarian indicators."""

from __future__ import annotations

import pandas as pd

from ..analysis import date_label
from ..analysis import (facility_counts, japan_events, japan_summary, landing_areas, neighbour_record,
                               south_incidents)
from .base import Facts, Findings, Namespace, Verdict, decide, reads

SECTION = "04_region#what-the-data-say"
#: Japan's reported overflights and EEZ landings are compared with the missiles since this day.
JAPAN_FROM = pd.Timestamp("2016-01-01")
SEA_OF_JAPAN = "Sea of Japan (East Sea)"
#: Russia's recent leader meetings are counted from this day.
RUSSIA_RECENT_FROM = pd.Timestamp("2023-01-01")
HUMANITARIAN_PHRASES = {"partly supported": "supported for children, within narrow limits",
                        "not testable with these data": "not testable with these data"}


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


def humanitarian_verdict(hum: pd.DataFrame) -> str:
    """"The humanitarian cost falls on North Koreans": partly supported (for children,
    within narrow limits: the data cannot show the cause) when a measured malnutrition
    figure exists; not testable with these data otherwise."""
    measured = hum[(hum["estimate_type"] == "measured") & (hum["value"] > 0)]
    return decide(len(measured) > 0, "partly supported", "not testable with these data")


def _japan_facts(launches: pd.DataFrame, js: dict, sites: pd.DataFrame, areas: pd.DataFrame) -> dict:
    by = areas.set_index("landing")
    return dict(
        n_sites=len(sites), top_site=sites.iloc[0]["facility"], top_site_n=int(sites.iloc[0]["missiles"]),
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


@reads("missile_launches", "incidents", "japan_impacts", "summits", "unsc_resolutions", "humanitarian")
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
    eez = eez_verdict(int(f.japan_since_2016), int(f.missiles_since_2016))
    shield = shield_verdict(int(f.unanimous), len(record["China"]["vetoes"]) + len(record["Russia"]["vetoes"]))
    humanitarian = humanitarian_verdict(hum)
    facts.update(verdict_eez=eez, verdict_humanitarian=HUMANITARIAN_PHRASES[humanitarian],
                 verdict_shield=shield_phrase(shield, record["last_unanimous_sanctions"], first_veto(record)))
    verdicts = (
        Verdict("japan_eez", "Tests often land in or near Japan's exclusive economic zone.", eez,
                f"Japan reported {f.n_eez} EEZ landings and {f.n_overflights} overflights, {f.japan_since_2016} of "
                f"them since 2016, against {f.missiles_since_2016} missiles.", SECTION),
        Verdict("neighbours_shield", "China and Russia shield the North.", shield,
                f"Both voted for all {f.unanimous} sanctions resolutions to {f.last_unanimous}; vetoes since "
                f"{f.first_veto} (China {f.cn_veto}, Russia {f.ru_veto}).", SECTION),
        Verdict("humanitarian_cost", "The humanitarian cost of the standoff falls on North Koreans.",
                humanitarian, f"{f.stunt_2017} of young children stunted in 2017 ({f.stunt_2012} in "
                "2012); the cause cannot be measured here.", SECTION),
    )
    frames = Namespace(launches=launches, japan=japan, areas=areas, south=south, record=record,
                       resolutions=tables["unsc_resolutions"], humanitarian=hum)
    return Findings(facts, verdicts, frames)
