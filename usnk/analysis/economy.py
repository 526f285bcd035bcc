"""The economy questions: China's trade, the Bank of Korea's growth estimates, and what they
say about sanctions and the 2020 border closure.

Pure functions of the typed tables ``china_trade``, ``gdp_growth``, ``missile_launches``
(see :mod:`usnk.load`). Periods are calendar years because both economic tables are yearly.
"""

from __future__ import annotations

import math

import pandas as pd

from .claims import CONTRADICTED, MIXED, NOT_TESTABLE, PARTLY, SUPPORTED, Verdict, robust_verdict
from .launches import launch_events

#: Calendar-year periods for comparing trade and growth. The five Security Council
#: resolutions of 2016-17 (2270, 2321, 2371, 2375, 2397; see unsc_resolutions) banned the
#: DPRK's main exports; the DPRK closed its border with China in late January 2020 and
#: freight trains resumed in January 2022 (reports linked in china_trade); 2023 is the first
#: full year of reopened trade.
PERIODS: tuple[tuple[str, int, int], ...] = (
    ("before the 2016–17 resolutions", 2010, 2015),
    ("resolutions adopted", 2016, 2017),
    ("resolutions in force, border open", 2018, 2019),
    ("border closed", 2020, 2022),
    ("border reopened", 2023, 2030),
)

BEFORE, IN_FORCE = PERIODS[0][0], PERIODS[2][0]

#: Launch-event years compared for "did the programme slow": the six years the 2016-17
#: resolutions answered, against the six years after the 2018 halt and summits.
LAUNCH_YEARS_BEFORE = (2012, 2017)
LAUNCH_YEARS_AFTER = (2019, 2024)

#: "Lifeline" threshold: China's share of the DPRK's external trade, percent.
LIFELINE_SHARE_PCT = 75.0

SECTION_SANCTIONS = "ch2-sanctions-economy"
SECTION_CHINA = "ch4-china-trade"


def trade_totals(trade: pd.DataFrame) -> pd.DataFrame:
    """One row per year with the two-way total: the reported total, or the sum of the two
    reported components where only those are given (``total_is_sum`` True).

    Columns: ``year, china_exports_musd, china_imports_musd, total_musd, total_is_sum,
    reported_by, source_url``. Years with neither a total nor both components are dropped.
    """
    out = trade[["year", "china_exports_musd", "china_imports_musd", "total_musd",
                 "reported_by", "source_url"]].copy()
    summed = out["china_exports_musd"] + out["china_imports_musd"]
    out["total_is_sum"] = out["total_musd"].isna() & summed.notna()
    out["total_musd"] = out["total_musd"].fillna(summed)
    out = out[out["total_musd"].notna()]
    out["year"] = out["year"].astype(int)
    cols = ["year", "china_exports_musd", "china_imports_musd", "total_musd", "total_is_sum",
            "reported_by", "source_url"]
    return out[cols].sort_values("year").reset_index(drop=True)


def economy_by_year(trade: pd.DataFrame, gdp: pd.DataFrame) -> pd.DataFrame:
    """Trade and growth side by side, one row per year that has either (the frame a chart
    of both draws): ``year, total_musd, china_exports_musd, china_imports_musd,
    total_is_sum, growth_pct, period`` (the :data:`PERIODS` name the year falls in)."""
    totals = trade_totals(trade).drop(columns=["reported_by", "source_url"])
    growth = gdp[["year", "growth_pct"]].assign(year=gdp["year"].astype(int))
    out = totals.merge(growth, on="year", how="outer").sort_values("year").reset_index(drop=True)

    def period_of(year):
        return next((name for name, first, last in PERIODS if first <= year <= last), None)

    out["period"] = out["year"].map(period_of)
    return out


def _mean(values: pd.Series) -> float:
    values = values.dropna()
    return float(values.mean()) if len(values) else math.nan


def period_table(trade: pd.DataFrame, gdp: pd.DataFrame, periods=PERIODS) -> pd.DataFrame:
    """Trade and growth averaged over each period, over the years that have a figure.

    Columns: ``period, first_year, last_year, trade_years, mean_total_musd,
    dprk_export_years, mean_dprk_exports_musd`` (China's imports from the DPRK),
    ``growth_years, mean_growth_pct``. Means are NaN where a period has no figure.
    """
    totals = trade_totals(trade)
    exports = trade.loc[trade["china_imports_musd"].notna(), ["year", "china_imports_musd"]]
    growth = gdp[["year", "growth_pct"]]
    rows = []
    for name, first, last in periods:
        def within(frame):
            return frame[(frame["year"] >= first) & (frame["year"] <= last)]
        t, x, g = within(totals), within(exports), within(growth)
        rows.append({
            "period": name, "first_year": first, "last_year": last,
            "trade_years": int(len(t)), "mean_total_musd": _mean(t["total_musd"]),
            "dprk_export_years": int(len(x)), "mean_dprk_exports_musd": _mean(x["china_imports_musd"]),
            "growth_years": int(len(g)), "mean_growth_pct": _mean(g["growth_pct"]),
        })
    return pd.DataFrame(rows)


def launch_events_per_year(launches: pd.DataFrame, first: int, last: int) -> float:
    """Mean launch events per calendar year over ``first``..``last`` (inclusive)."""
    ev = launch_events(launches)
    years = ev["date"].dt.year
    return float(((years >= first) & (years <= last)).sum() / (last - first + 1))


def years_covered(years, first: int, last: int) -> str:
    """The years of ``first``..``last`` that have a figure, in words, for an average
    that must say what it covers: ``"2010–2015"`` when every year has one, else
    ``"2010, 2011, 2012 and 2014, the 4 of the 6 years 2010–2015 with a figure"`` (or
    ``"2018, the only year of 2018–2019 with a figure"``)."""
    have = sorted({int(y) for y in years if first <= int(y) <= last})
    span = last - first + 1
    if len(have) == span:
        return f"{first}–{last}"
    if not have:
        return f"no year of {first}–{last}"
    if len(have) == 1:
        return f"{have[0]}, the only year of {first}–{last} with a figure"
    listed = ", ".join(str(y) for y in have[:-1]) + f" and {have[-1]}"
    return f"{listed}, the {len(have)} of the {span} years {first}–{last} with a figure"


#: Export falls tried for "crippled": the main threshold first.
SQUEEZE_DROPS_PCT = (50.0, 75.0)
#: "Back to the table": US–DPRK meetings a year after the last 2016–17 resolution against the two
#: years of the resolutions (2016–17), over two windows: the two years after, and the years since.
TABLE_WINDOWS = ((2018, 2019), (2020, None))
TABLE_BEFORE = (2016, 2017)


def squeeze_holds(drop_pct: float, growth_before: float, growth_after: float, threshold_pct: float) -> bool:
    """The economy was squeezed: recorded exports to China fell by at least ``threshold_pct``
    percent and mean growth was lower."""
    return bool(drop_pct >= threshold_pct and growth_after < growth_before)


def meetings_per_year(summits: pd.DataFrame, first: int, last: int) -> float:
    """US–DPRK summits and talks a year over the calendar years ``first``..``last``."""
    us = summits[(summits["track"] == "us_dprk") & summits["kind"].isin(["summit", "talks"])]
    years = us["date"].dt.year
    return float(((years >= first) & (years <= last)).sum() / (last - first + 1))


def table_outcomes(summits: pd.DataFrame, last_year: int, *, windows=TABLE_WINDOWS,
                   before=TABLE_BEFORE) -> dict:
    """"Back to the negotiating table" under each window: True when US–DPRK meetings a
    year in the window exceed those a year in ``before`` (a window ending ``None`` runs
    to ``last_year``). Keys ``"meetings 2018–2019 against 2016–2017"``..., values
    ``(passed, rate_after, rate_before, years after)``."""
    b = meetings_per_year(summits, *before)
    out = {}
    for first, last in windows:
        last = last_year if last is None else last
        if last < first:
            continue
        a = meetings_per_year(summits, first, last)
        out[f"meetings {first}–{last} against {before[0]}–{before[1]}"] = (a > b, a, b, f"{first}–{last}")
    return out


def sanctions_verdict(trade: pd.DataFrame, gdp: pd.DataFrame, launches: pd.DataFrame, *,
                      summits: pd.DataFrame | None = None,
                      launch_years_before=LAUNCH_YEARS_BEFORE,
                      launch_years_after=LAUNCH_YEARS_AFTER) -> tuple[Verdict, dict]:
    """Verdict on the article's "sanctions are designed to cripple North Korea's economy
    and force it back to the negotiating table", and the facts behind it.

    Two parts. *Crippled*: the DPRK's recorded exports to China while the 2016-17
    resolutions were in force (2018-19) are at least 50% below their level before them
    (2010-15), and mean growth is lower (robustness: a 75% fall). *Back to the table*:
    US–DPRK meetings a year after the resolutions exceed those of 2016–17, in 2018–19
    and in the years since (:func:`table_outcomes`; needs ``summits``). Both parts hold
    under every variant: supported; the squeeze holds and the table part does not
    (fails or depends on the window): partly supported; no squeeze: contradicted (the
    mechanism the claim names did not happen); a period without figures: not testable.
    Averages name the years they cover (:func:`years_covered`). The launch rates of
    ``launch_years_before``/``after`` are returned as facts for the chapter.
    """
    facts = _sanctions_facts(trade, gdp, launches, launch_years_before, launch_years_after)
    needed = [facts["exports_before_musd"], facts["exports_after_musd"],
              facts["growth_before_pct"], facts["growth_after_pct"]]
    claim = "Sanctions are designed to cripple North Korea's economy and force it back to the negotiating table."
    method = ("Crippled: the DPRK's recorded exports to China in 2018–2019, with the 2016–17 resolutions in force, "
              "at least 50% below 2010–2015, and mean growth lower. Back to the table: more US–DPRK meetings a "
              "year after the resolutions than in 2016–2017.")
    limits = ("These data show recorded trade and estimated growth only: smuggling, ship-to-ship "
              "transfers, workers abroad, cyber theft and Russian trade are not in them, and they "
              "cannot separate the effect of sanctions from weather, diplomacy or the border closure.")
    if any(math.isnan(v) for v in needed):
        facts["exports_drop_pct"] = math.nan
        return Verdict("sanctions-work", claim, NOT_TESTABLE,
                       "The trade or growth table has no figure for a period compared. " + limits,
                       SECTION_SANCTIONS, method=method), facts
    drop = 100 * (1 - facts["exports_after_musd"] / facts["exports_before_musd"])
    facts["exports_drop_pct"] = drop
    outcomes = {f"exports at least {t:g}% lower": squeeze_holds(drop, facts["growth_before_pct"],
                                                               facts["growth_after_pct"], t)
                for t in SQUEEZE_DROPS_PCT}
    squeeze = robust_verdict(outcomes)
    last_year = int(summits["date"].max().year) if summits is not None and len(summits) else 0
    table = table_outcomes(summits, max(last_year, int(launches["date"].max().year))) if summits is not None else {}
    facts["table"] = table
    table_v = robust_verdict({k: v[0] for k, v in table.items()})
    both = robust_verdict({**outcomes, **{k: v[0] for k, v in table.items()}})
    evidence = _sanctions_evidence(facts, drop, table) + limits
    return Verdict("sanctions-work", claim, _squeeze_and_table(squeeze.verdict, table_v.verdict), evidence,
                   SECTION_SANCTIONS, method=method, robustness=both.text), facts


def _sanctions_facts(trade: pd.DataFrame, gdp: pd.DataFrame, launches: pd.DataFrame,
                     launch_years_before, launch_years_after) -> dict:
    """Exports, growth and launch rates before and with the 2016–17 resolutions in force."""
    periods = period_table(trade, gdp).set_index("period")
    before, after = periods.loc[BEFORE], periods.loc[IN_FORCE]
    export_years = trade.loc[trade["china_imports_musd"].notna(), "year"].astype(int)
    return {
        "exports_before_musd": before["mean_dprk_exports_musd"],
        "exports_after_musd": after["mean_dprk_exports_musd"],
        "growth_before_pct": before["mean_growth_pct"],
        "growth_after_pct": after["mean_growth_pct"],
        "launch_events_per_year_before": launch_events_per_year(launches, *launch_years_before),
        "launch_events_per_year_after": launch_events_per_year(launches, *launch_years_after),
        "launch_years_before": tuple(launch_years_before), "launch_years_after": tuple(launch_years_after),
        "export_years_before": years_covered(export_years, PERIODS[0][1], PERIODS[0][2]),
        "export_years_after": years_covered(export_years, PERIODS[2][1], PERIODS[2][2]),
    }


def _squeeze_and_table(squeeze: str, table: str) -> str:
    """The claim's verdict from its two parts: no squeeze contradicts it; a squeeze and a
    return to the table support it; a squeeze alone partly supports it; else mixed."""
    if squeeze == CONTRADICTED:
        return CONTRADICTED
    if squeeze == SUPPORTED and table == SUPPORTED:
        return SUPPORTED
    if squeeze == SUPPORTED:
        return PARTLY
    return MIXED


def _sanctions_evidence(facts: dict, drop: float, table: dict) -> str:
    """The evidence sentence: exports, growth and (when given) the meetings."""
    meetings = ""
    if table:
        rate_before = next(iter(table.values()))[2]
        meetings = (f"US–DPRK meetings: {rate_before:.1f} a year in {TABLE_BEFORE[0]}–{TABLE_BEFORE[1]}, "
                    + " and ".join(f"{a:.1f} in {years}" for _, a, _, years in table.values()) + ". ")
    return (f"China's recorded imports from the DPRK averaged {facts['exports_before_musd']:,.0f} million USD "
            f"a year in {facts['export_years_before']}, and {facts['exports_after_musd']:,.0f} million in "
            f"{facts['export_years_after']}: {drop:.0f}% lower. Bank of Korea growth estimates averaged "
            f"{facts['growth_before_pct']:+.1f}% and {facts['growth_after_pct']:+.1f}% a year in the two "
            f"periods. " + (meetings or "No meetings table was given. "))


def border_closure_facts(trade: pd.DataFrame, gdp: pd.DataFrame) -> dict:
    """Trade in the last open year (2019) against the closed years, and growth in 2020."""
    totals = trade_totals(trade).set_index("year")["total_musd"]
    growth = gdp.set_index("year")["growth_pct"]
    closed = [y for y in range(PERIODS[3][1], PERIODS[3][2] + 1) if y in totals.index]
    low_year = min(closed, key=lambda y: totals[y]) if closed else None
    out = {
        "trade_2019_musd": float(totals.get(2019, math.nan)),
        "lowest_closed_year": low_year,
        "lowest_closed_musd": float(totals[low_year]) if low_year is not None else math.nan,
        "growth_2020_pct": float(growth.get(2020, math.nan)),
    }
    out["fall_to_lowest_pct"] = 100 * (1 - out["lowest_closed_musd"] / out["trade_2019_musd"])
    return out


def china_share(trade: pd.DataFrame) -> pd.DataFrame:
    """China's reported share of the DPRK's external trade: ``year, china_share_pct, share_source_url``."""
    rows = trade.loc[trade["china_share_pct"].notna(), ["year", "china_share_pct", "share_source_url"]]
    rows = rows.assign(year=rows["year"].astype(int))
    return rows.sort_values("year").reset_index(drop=True)


#: Thresholds tried for the lifeline: the main one first, then "most of its trade".
LIFELINE_THRESHOLDS_PCT = (LIFELINE_SHARE_PCT, 50.0)


def lifeline_verdict(trade: pd.DataFrame, *, threshold=LIFELINE_SHARE_PCT) -> Verdict:
    """Verdict on "China is North Korea's most important economic patron" (its lifeline).

    Rule: every reported share at or above ``threshold`` percent: supported; some above,
    some below: partly supported; none above: contradicted; no share reported: not testable.
    """
    shares = china_share(trade)
    claim = "China is North Korea's most important economic patron."
    if shares.empty:
        return Verdict("china-lifeline", claim, NOT_TESTABLE, "No reported share of China in the DPRK's trade.",
                       SECTION_CHINA)
    listed = ", ".join(f"{r.year}: {r.china_share_pct:g}%" for r in shares.itertuples())
    evidence = (f"China's share of the DPRK's recorded external trade (excluding inter-Korean trade), as South "
                f"Korean agencies report it: {listed}. Threshold for a lifeline: {threshold:g}%. The figures count "
                f"recorded merchandise trade only, not aid, oil pipeline deliveries or illicit trade.")
    def rule(pct):
        hit = shares["china_share_pct"] >= pct
        return SUPPORTED if hit.all() else PARTLY if hit.any() else CONTRADICTED

    thresholds = dict.fromkeys((threshold, *LIFELINE_THRESHOLDS_PCT))
    r = robust_verdict({f"every year at {pct:g}% or more": rule(pct) for pct in thresholds})
    method = (f"China's reported share of the DPRK's external trade in every year with a figure at or above "
              f"{threshold:g}%; some years above: partly supported; none: contradicted.")
    return Verdict("china-lifeline", claim, r.verdict, evidence, SECTION_CHINA, method=method, robustness=r.text)
