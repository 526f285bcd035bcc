"""The launch record: launch events, counts per period and class, the capability frontier,
reliability, new systems and the recent trend."""

from __future__ import annotations

import pandas as pd

from .. import style, vocabulary


def launch_events(launches: pd.DataFrame) -> pd.DataFrame:
    """One row per launch event: date, missiles fired, class and system of the event
    (the first missile's), longest distance and highest apogee, source URL."""
    if launches.empty:
        return pd.DataFrame(columns=["event_id", "date", "missiles", "missile_class", "missile_name",
                                     "distance_km", "apogee_km", "source_url"])
    grouped = launches.sort_values(["date", "id"]).groupby("event_id", sort=False)
    events = grouped.agg(
        date=("date", "first"),
        missiles=("id", "size"),
        missile_class=("missile_class", "first"),
        missile_name=("missile_name", "first"),
        distance_km=("distance_km", "max"),
        apogee_km=("apogee_km", "max"),
        source_url=("source_url", "first"),
    ).reset_index()
    return events.sort_values(["date", "event_id"]).reset_index(drop=True)



def launches_per_period(launches: pd.DataFrame, freq: str = "YS", *, classes=None,
                        start=None, end=None) -> pd.DataFrame:
    """Missiles launched per period (``freq``: a pandas frequency such as ``YS`` or
    ``MS``), one column per missile class in the book's order, every period present
    (zero where nothing was launched)."""
    classes = list(classes) if classes is not None else list(vocabulary.MISSILE_CLASSES)
    df = launches[launches["missile_class"].isin(classes)]
    start = pd.Timestamp(start) if start is not None else pd.Timestamp(style.TIMELINE_START)
    end = pd.Timestamp(end) if end is not None else launches["date"].max()
    index = pd.date_range(start, end, freq=freq)
    if len(index) == 0 or index[0] > start:
        index = pd.date_range(pd.Timestamp(start).to_period(freq[0]).start_time, end, freq=freq)
    period = df["date"].dt.to_period(freq[0]).dt.start_time
    table = (
        pd.crosstab(period, df["missile_class"])
        .reindex(index=index, columns=classes, fill_value=0)
        .fillna(0)
        .astype(int)
    )
    table.index.name = "period"
    table.columns.name = "missile_class"
    return table



def monthly_by_class(launches: pd.DataFrame, *, start=None, end=None) -> pd.DataFrame:
    """Missiles launched per month and class in ``[start, end]`` (the months of
    :func:`launches_per_period` with ``MS``), one row per month and class that has any:
    ``month, missile_class, missiles, systems`` (the systems flown, each named once, in
    the order flown) and ``source_urls`` (a tuple of the rows' sources, each once, in
    order). Rows are in the book's class order, then by month."""
    table = launches_per_period(launches, "MS", start=start, end=end)
    month = launches["date"].dt.to_period("M").dt.start_time
    rows = []
    for cls in table.columns:
        counts = table[cls]
        counts = counts[counts > 0]
        if counts.empty:
            continue
        sel = launches[launches["missile_class"] == cls]
        by_month = sel.groupby(month[sel.index])
        systems = by_month["missile_name"].agg(lambda v: ", ".join(dict.fromkeys(map(str, v))))
        sources = by_month["source_url"].agg(lambda v: tuple(dict.fromkeys(v)))
        rows += [{"month": m, "missile_class": cls, "missiles": int(n), "systems": systems.get(m, ""),
                  "source_urls": sources.get(m, ())} for m, n in counts.items()]
    return pd.DataFrame(rows, columns=["month", "missile_class", "missiles", "systems", "source_urls"])


def launches_per_year(launches: pd.DataFrame, *, classes=None) -> pd.DataFrame:
    """Missiles launched per calendar year and class, with an integer year index."""
    table = launches_per_period(launches, "YS", classes=classes)
    table.index = table.index.year
    table.index.name = "year"
    return table



def capability_frontier(launches: pd.DataFrame) -> pd.DataFrame:
    """Longest distance and highest apogee flown each year, with the system and date
    that set them, and whether each was a record (greater than every earlier year).

    Columns: ``year, metric ('distance_km'|'apogee_km'), value, missile_name,
    missile_class, date, source_url, record``. Only successful or unknown-outcome
    flights count (a failure's short distance is not a capability), and only rows
    where the metric is known. Years with no known value are absent.
    """
    rows = []
    flown = launches[launches["outcome"] != "failure"]
    for metric in ("distance_km", "apogee_km"):
        known = flown[flown[metric].notna()].sort_values(["date", "id"])
        if known.empty:
            continue
        idx = known.groupby(known["date"].dt.year)[metric].idxmax()
        best = known.loc[idx.to_numpy()]
        best_so_far = float("-inf")
        for _, r in best.iterrows():
            record = bool(r[metric] > best_so_far)
            best_so_far = max(best_so_far, r[metric])
            rows.append({"year": int(r["date"].year), "metric": metric, "value": float(r[metric]),
                         "missile_name": r["missile_name"], "missile_class": r["missile_class"],
                         "date": r["date"], "source_url": r["source_url"], "record": record})
    out = pd.DataFrame(rows, columns=["year", "metric", "value", "missile_name", "missile_class",
                                      "date", "source_url", "record"])
    return out.sort_values(["metric", "year"]).reset_index(drop=True)



def success_rates(launches: pd.DataFrame, *, min_flights: int = 5) -> pd.DataFrame:
    """Outcome counts per identified system flown at least ``min_flights`` times.

    ``rate`` is successes divided by flights whose outcome is known (NaN if none is).
    Rows named 'Unknown' are not a system and are left out. Sorted by flights, most first.
    """
    named = launches[launches["missile_name"].notna() & (launches["missile_name"] != "Unknown")]
    counts = pd.crosstab(named["missile_name"], named["outcome"]).reindex(
        columns=["success", "failure", "unknown"], fill_value=0)
    counts["flights"] = counts.sum(axis=1)
    counts = counts[counts["flights"] >= min_flights]
    known = counts["success"] + counts["failure"]
    counts["rate"] = (counts["success"] / known.where(known > 0)).astype(float)
    span = named.groupby("missile_name")["date"].agg(["min", "max"])
    counts["first_year"] = span.loc[counts.index, "min"].dt.year.to_numpy()
    counts["last_year"] = span.loc[counts.index, "max"].dt.year.to_numpy()
    cls = named.groupby("missile_name")["missile_class"].agg(lambda s: s.mode().iloc[0])
    counts["missile_class"] = cls.loc[counts.index].to_numpy()
    counts = counts.reset_index().rename_axis(None, axis=1)
    return counts.sort_values(["flights", "missile_name"], ascending=[False, True]).reset_index(drop=True)



def cumulative_success(launches: pd.DataFrame, systems) -> pd.DataFrame:
    """Success rate over each system's test history: for every flight of each system
    in ``systems`` (in date order), the cumulative success rate among flights with a
    known outcome so far. Columns ``missile_name, flight, date, outcome, rate``."""
    parts = []
    for name in systems:
        f = launches[launches["missile_name"] == name].sort_values(["date", "id"])
        succ = (f["outcome"] == "success").cumsum()
        known = f["outcome"].isin(["success", "failure"]).cumsum()
        parts.append(pd.DataFrame({
            "missile_name": name, "flight": range(1, len(f) + 1), "date": f["date"].to_numpy(),
            "outcome": f["outcome"].to_numpy(),
            "rate": (succ / known.where(known > 0)).astype(float).to_numpy(),
        }))
    if not parts:
        return pd.DataFrame(columns=["missile_name", "flight", "date", "outcome", "rate"])
    return pd.concat(parts, ignore_index=True)



#: New systems whose defining feature is not in the launch table's class column:
#: missile name → (group, what the publisher reported, source URL).
SYSTEM_FEATURES = {
    "Hwasong-18": ("Solid-fuel ICBM", "first test of the solid-fuel Hwasong-18 ICBM",
                   "https://www.shephardmedia.com/news/defence-notes/north-korea-launches-solid-fuelled-icbm-for-the-first-time/"),
    "Hwasong-19": ("Solid-fuel ICBM", "Hwasong-19, announced to operate alongside the solid-fuel Hwasong-18",
                   "https://chosun.com/english/north-korea-en/2024/11/01/3VK4FNZIQJH6DHR5RGPTNL7PD4"),
}



SYSTEM_GROUPS = vocabulary.SYSTEM_GROUPS



def first_flights(launches: pd.DataFrame, *, since=None) -> pd.DataFrame:
    """The first launch of every named system (``Unknown`` left out), with its group:
    SLBM and hypersonic glide vehicle from the table's class, solid-fuel ICBMs from
    :data:`SYSTEM_FEATURES` (with the publisher's URL), else "Other new system"."""
    named = launches[launches["missile_name"].notna() & (launches["missile_name"].str.lower() != "unknown")]
    first = (named.sort_values(["date", "id"], kind="stable").groupby("missile_name", sort=False).head(1)
                  .loc[:, ["missile_name", "date", "missile_class", "facility", "outcome", "apogee_km",
                           "distance_km", "source_url"]].reset_index(drop=True))
    groups, notes, urls = [], [], []
    for row in first.itertuples(index=False):
        feat = SYSTEM_FEATURES.get(row.missile_name)
        if row.missile_class == "SLBM":
            groups.append("SLBM"); notes.append("submarine-launched ballistic missile (class in the data)")
            urls.append(row.source_url)
        elif row.missile_class == "HGV":
            groups.append("Hypersonic glide vehicle"); notes.append("hypersonic glide vehicle (class in the data)")
            urls.append(row.source_url)
        elif feat is not None:
            groups.append(feat[0]); notes.append(feat[1]); urls.append(feat[2])
        else:
            groups.append("Other new system"); notes.append(""); urls.append(row.source_url)
    first["group"] = groups
    first["note"] = notes
    first["group_source_url"] = urls
    if since is not None:
        first = first[first["date"] >= pd.Timestamp(since)].reset_index(drop=True)
    return first



def yearly_since(launches: pd.DataFrame, year: int) -> pd.DataFrame:
    """Missiles per year from ``year`` to the newest launch, with the number of
    distinct named systems and whether the year is complete in the data."""
    recent = launches[launches["date"].dt.year >= year]
    newest = launches["date"].max()
    rows = []
    for y in range(year, newest.year + 1):
        yr = recent[recent["date"].dt.year == y]
        names = yr.loc[yr["missile_name"].str.lower() != "unknown", "missile_name"].nunique()
        rows.append({"year": y, "missiles": int(len(yr)), "events": int(yr["event_id"].nunique()),
                     "systems": int(names), "complete": bool(y < newest.year or newest >= pd.Timestamp(y, 12, 31))})
    return pd.DataFrame(rows)



def recent_by_class(launches: pd.DataFrame, *, years: int = 5) -> pd.DataFrame:
    """Missiles per year and class for the newest ``years`` calendar years (classes
    with no launch in them dropped); ``attrs['partial_year']`` names the newest year
    if it is not complete, with ``attrs['through']`` its newest launch date."""
    table = launches_per_year(launches)
    newest = launches["date"].max()
    table = table.loc[table.index >= newest.year - years + 1]
    table = table.loc[:, table.sum() > 0]
    table.attrs["partial_year"] = newest.year if newest < pd.Timestamp(newest.year, 12, 31) else None
    table.attrs["through"] = newest
    return table
