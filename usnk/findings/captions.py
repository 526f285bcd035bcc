"""The numbers the charts' captions and alt texts state, computed from the frames the
charts draw.

A chart only draws: the counts, sums, extremes and rates its text names are facts of
the chapter's findings, computed here from the same frames, one function per chart
(named after it) returning a small mapping whose keys start with the chart's name. A
chapter merges them into its facts (``facts.update(per_year_facts(table))``); the
notebook passes ``facts=facts`` to the chart; a test can call the function on the small
frame it draws. Numbers are formatted here as the text shows them (``"6,540"``,
``"83%"``), so the chart writes them as they are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..labels import date_label
from ..vocabulary import SYSTEM_GROUPS


def per_year_facts(table: pd.DataFrame) -> dict:
    """Missiles per year by class (:func:`usnk.analysis.launches_per_year`): the total,
    and the first of the busiest years with its count."""
    totals = table.sum(axis=1)
    return {"per_year_total": int(table.to_numpy().sum()), "per_year_peak_year": int(totals.idxmax()),
            "per_year_peak": int(totals.max())}


def nuclear_tests_facts(tests: pd.DataFrame) -> dict:
    """The newest test's lowest yield estimate as a multiple of the first test's highest."""
    t = tests.sort_values("date")
    first, last = t.iloc[0], t.iloc[-1]
    ratio = last["yield_kt_low"] / first["yield_kt_high"] if first["yield_kt_high"] else float("nan")
    return {"nuclear_tests_yield_ratio": f"{ratio:.0f}"}


def frontier_facts(frontier: pd.DataFrame) -> dict:
    """The records of the capability frontier (:func:`usnk.analysis.capability_frontier`):
    for distance and apogee, the highest value (km), the system and the year; empty
    text for a metric with no flight."""
    out = {}
    for metric, key in (("distance_km", "frontier_distance"), ("apogee_km", "frontier_apogee")):
        d = frontier[frontier["metric"] == metric]
        top = d.loc[d["value"].idxmax()] if len(d) else None
        out.update({f"{key}_km": f"{top['value']:,.0f}" if top is not None else "",
                    f"{key}_system": top["missile_name"] if top is not None else "",
                    f"{key}_year": top["year"] if top is not None else ""})
    return out


def success_rates_facts(success: pd.DataFrame) -> dict:
    """The systems of :func:`usnk.analysis.success_rates`: missiles flown in all, and the
    highest and lowest success rates with their systems and flights (the first of equals
    in the chart's order, bottom to top)."""
    sr = success.iloc[::-1]
    best, worst = sr.loc[sr["rate"].idxmax()], sr.loc[sr["rate"].idxmin()]
    return {"success_missiles": int(sr["flights"].sum()),
            "success_best": best["missile_name"], "success_best_rate": f"{best['rate']:.0%}",
            "success_best_flights": int(best["flights"]),
            "success_worst": worst["missile_name"], "success_worst_rate": f"{worst['rate']:.0%}",
            "success_worst_flights": int(worst["flights"])}


def success_history_facts(history: pd.DataFrame) -> dict:
    """Systems of :func:`usnk.analysis.cumulative_success` whose rate after their last
    flight is higher than after their third (or their last, for fewer)."""
    early = history[history["flight"] <= 3].groupby("missile_name")["rate"].last()
    final = history.groupby("missile_name")["rate"].last()
    return {"success_history_improved": int((final > early.reindex(final.index)).sum())}


def ratchet_facts(ratchet: pd.DataFrame) -> dict:
    """Votes of the sanctions ratchet with a known trigger date, and the days from the
    trigger to the vote of the adopted ones: fewest, most, median."""
    r = ratchet[ratchet["days"].notna()]
    adopted = r[r["status"] == "adopted"]
    return {"ratchet_dated": len(r), "ratchet_days_min": int(adopted["days"].min()),
            "ratchet_days_max": int(adopted["days"].max()), "ratchet_days_median": f"{adopted['days'].median():.0f}"}


def responses_facts(responses: pd.DataFrame, since) -> dict:
    """Tests and long-range launch events since ``since``: how many, how many an adopted
    resolution answered, the last answered and how many came after it."""
    tr = responses[responses["date"] >= pd.Timestamp(since)]
    last = tr[tr["answered"]]["date"].max()
    after = tr[tr["date"] > last] if pd.notna(last) else tr
    return {"responses_events": len(tr), "responses_answered": int(tr["answered"].sum()),
            "responses_last_answered": date_label(last) if pd.notna(last) else "the start",
            "responses_after": len(after)}


def before_after_facts(around: pd.DataFrame) -> dict:
    """Votes after which launch events rose, and fell, in the window that followed."""
    return {"before_after_more": int((around["events_after"] > around["events_before"]).sum()),
            "before_after_fewer": int((around["events_after"] < around["events_before"]).sum())}


def six_party_facts(years_table: pd.DataFrame, sessions: pd.DataFrame) -> dict:
    """The Six-Party Talks' sessions (their count, first month and last), and the year
    with the most launch events in ``years_table``."""
    talks = sessions[sessions["kind"] == "talks"]
    per_year = years_table["events"]
    return {"six_party_sessions": len(talks), "six_party_first": f"{talks['date'].min():%B %Y}",
            "six_party_last": f"{talks['end_date'].max():%B %Y}",
            "six_party_first_year": talks["date"].min().year, "six_party_last_year": talks["end_date"].max().year,
            "six_party_peak_year": int(per_year.idxmax()), "six_party_peak": int(per_year.max())}


def economy_facts(economy: pd.DataFrame) -> dict:
    """The years of China–DPRK trade and of the growth estimates, the trade's peak and
    low (USD million) with their years, and the range of growth."""
    trade = economy[economy["total_musd"].notna()]
    growth = economy[economy["growth_pct"].notna()]
    low = trade.loc[trade["total_musd"].idxmin()]
    return {"economy_trade_from": int(trade["year"].min()), "economy_trade_to": int(trade["year"].max()),
            "economy_growth_from": int(growth["year"].min()), "economy_growth_to": int(growth["year"].max()),
            "economy_trade_peak": f"{trade['total_musd'].max():,.0f}",
            "economy_trade_peak_year": int(trade.loc[trade["total_musd"].idxmax(), "year"]),
            "economy_trade_low": f"{low['total_musd']:,.0f}", "economy_trade_low_year": int(low["year"]),
            "economy_growth_min": f"{growth['growth_pct'].min():+.1f}",
            "economy_growth_max": f"{growth['growth_pct'].max():+.1f}"}


def exercise_windows_facts(windows: pd.DataFrame) -> dict:
    """Launch events in the exercise windows: in all, on average, and the average of the
    other windows of the same years."""
    return {"exercise_windows_events": int(windows["events"].sum()),
            "exercise_windows_mean": f"{windows['events'].mean():.2f}",
            "exercise_windows_baseline": f"{windows['baseline_mean'].mean():.2f}"}


def tempo_facts(rolling: pd.Series, summits: pd.DataFrame, tracks=("us_dprk", "inter_korean")) -> dict:
    """The 90-day launch count's peak (at least 1, as the chart's scale), and the summits
    of ``tracks`` inside the series' span."""
    start, end = rolling.index.min(), rolling.index.max()
    sel = summits[summits["track"].isin(tracks) & (summits["date"] >= start) & (summits["date"] <= end)]
    return {"tempo_peak": max(int(rolling.max()), 1), "tempo_summits": int((sel["kind"] == "summit").sum())}


def summit_null(null) -> pd.DataFrame:
    """The chance distribution of the summit-window test as the chart draws it: each
    mean (to two decimals) and the share of random placements that gave it."""
    values, counts = np.unique(np.round(null, 2), return_counts=True)
    return pd.DataFrame({"mean": values, "share": counts / counts.sum()})


def term_rates_facts(us: pd.DataFrame, rok: pd.DataFrame) -> dict:
    """The highest rates of missiles per year in office, US and ROK, and the span of the
    record the rates count."""
    top_us, top_rok = us.loc[us["per_year"].idxmax()], rok.loc[rok["per_year"].idxmax()]
    return {"term_rates_from": us["start"].min().year, "term_rates_to": date_label(us["end"].max()),
            "term_rates_top_us": top_us["label"], "term_rates_top_us_rate": f"{top_us['per_year']:.1f}",
            "term_rates_top_rok": top_rok["label"], "term_rates_top_rok_rate": f"{top_rok['per_year']:.1f}"}


def group_key(group: str) -> str:
    """The fact naming the first flights of a group of new systems:
    ``first_flights_solid_fuel_icbm`` for ``"Solid-fuel ICBM"``."""
    return "first_flights_" + group.lower().replace("-", "_").replace(" ", "_")


def first_flights_facts(first_flights: pd.DataFrame) -> dict:
    """First flights per group of new systems (:func:`group_key`), and their years."""
    counts = first_flights["group"].value_counts()
    return {"first_flights_from": first_flights["date"].min().year, "first_flights_to": first_flights["date"].max().year,
            **{group_key(g): int(counts.get(g, 0)) for g in SYSTEM_GROUPS}}


def since_facts(table: pd.DataFrame) -> dict:
    """Missiles per month by class since a date: in all, and the first busiest month."""
    totals = table.sum(axis=1)
    return {"since_total": int(totals.sum()), "since_peak_month": totals.idxmax().strftime("%B %Y"),
            "since_peak": int(totals.max())}


def south_facts(table: pd.DataFrame) -> dict:
    """Incidents that touched the South per year: the first year with the most, its count."""
    totals = table.sum(axis=1)
    return {"south_peak_year": int(totals.idxmax()), "south_peak_n": int(totals.max())}


def neighbours_facts(resolutions: pd.DataFrame) -> dict:
    """Sanctions resolutions adopted (China and Russia voting for), and the year of the last."""
    sanc = resolutions[(resolutions["status"] == "adopted") & (resolutions["kind"] == "sanctions")]
    return {"neighbours_sanctions": len(sanc), "neighbours_last_sanctions": sanc["date"].max().year}


def humanitarian_facts(frame: pd.DataFrame) -> dict:
    """The agencies that published the humanitarian figures, and how many were measured."""
    return {"humanitarian_agencies": ", ".join(sorted(set(frame["agency"]))),
            "humanitarian_measured": int((frame["estimate_type"] == "measured").sum())}


def china_trade_facts(totals: pd.DataFrame, shares: pd.DataFrame) -> dict:
    """China–DPRK trade's peak (USD million) and the range of China's share of DPRK trade."""
    return {"china_trade_peak": f"{totals['total_musd'].max():,.0f}",
            "china_trade_share_min": f"{shares['china_share_pct'].min():g}",
            "china_trade_share_max": f"{shares['china_share_pct'].max():g}"}


def japan_sites_facts(japan: pd.DataFrame) -> dict:
    """Japan's reports with a located launch site, per kind (overflight, EEZ landing)."""
    located = japan[japan["latitude"].notna() & japan["longitude"].notna()]
    return {f"japan_sites_{kind}": int((located["kind"] == kind).sum()) for kind in ("overflight", "eez_landing")}


def durability_facts(durations: pd.DataFrame) -> dict:
    """Agreements that broke down, the fewest and most days they held, and the date the
    others are counted to."""
    broken = durations[~durations["holding"]]
    return {"durability_broken": len(broken), "durability_min_days": int(broken["days"].min()),
            "durability_max_days": int(broken["days"].max()), "durability_to": date_label(durations["ended"].max())}


def commitments_facts(record: pd.DataFrame) -> dict:
    """Pledges that ended, and the fewest and most years they held."""
    ended = record[~record["holding"]]
    return {"commitments_ended": len(ended), "commitments_min_years": f"{ended['years'].min():g}",
            "commitments_max_years": f"{ended['years'].max():g}"}


def recent_trend_facts(table: pd.DataFrame) -> dict:
    """Missiles per year of the newest years, as a list (``"2023: 31, 2024: 45"``)."""
    return {"recent_trend_totals": ", ".join(f"{y}: {int(t)}" for y, t in table.sum(axis=1).items())}
