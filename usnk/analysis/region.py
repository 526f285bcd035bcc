"""Geography and neighbours (chapter 4): launch sites over time, landing areas,
overflights of Japan, incidents that touched the South, China's and Russia's record."""

from __future__ import annotations

import pandas as pd

#: Launches for which a publisher reported the missile or rocket crossed over Japanese
#: territory, or came down inside Japan's exclusive economic zone (EEZ), as reported by
#: the Japanese government. Dates are Korean local dates, matching missile_launches.csv.
#: Only events with a report the book could check are listed; this is not a complete
#: list of every overflight or EEZ landing.
JAPAN_EVENTS = [
    {"date": "2009-04-05", "kind": "overflight", "missile_name": "Unha",
     "note": "rocket flew over Japan (the last overflight of the main islands before August 2017)",
     "source_url": "https://www.nippon.com/en/behind/l10465/"},
    {"date": "2017-07-04", "kind": "eez_landing", "missile_name": "Hwasong-14",
     "note": "came down in Japan's EEZ", "source_url": "https://www.nippon.com/en/behind/l10465/"},
    {"date": "2017-07-28", "kind": "eez_landing", "missile_name": "Hwasong-14",
     "note": "came down in Japan's EEZ west of Hokkaido", "source_url": "https://www.nippon.com/en/behind/l10465/"},
    {"date": "2017-08-29", "kind": "overflight", "missile_name": "Hwasong-12",
     "note": "flew over Hokkaido's Oshima Peninsula into the Pacific",
     "source_url": "https://www.nippon.com/en/behind/l10465/"},
]

JAPAN_EVENT_LABELS = {"overflight": "Flew over Japan", "eez_landing": "Came down in Japan's EEZ"}


def japan_events(launches: pd.DataFrame, events=None) -> pd.DataFrame:
    """The sourced Japan events joined to their launch rows (facility, coordinates).

    Raises ValueError if an event names a launch not in the table, so a curated entry
    can never silently point at nothing.
    """
    events = pd.DataFrame(events if events is not None else JAPAN_EVENTS)
    events["date"] = pd.to_datetime(events["date"])
    rows = []
    for ev in events.itertuples(index=False):
        match = launches[(launches["date"] == ev.date) & (launches["missile_name"] == ev.missile_name)]
        if match.empty:
            raise ValueError(f"no launch of {ev.missile_name} on {ev.date.date()} in the launch table")
        first = match.iloc[0]
        rows.append({"date": ev.date, "kind": ev.kind, "missile_name": ev.missile_name, "note": ev.note,
                     "source_url": ev.source_url, "facility": first["facility"],
                     "latitude": first["latitude"], "longitude": first["longitude"],
                     "landing": first["landing"], "distance_km": first["distance_km"]})
    return pd.DataFrame(rows)


def eras(newest) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """The periods the launch-site map compares: (label, first day, last day)."""
    newest = pd.Timestamp(newest)
    return [
        ("1984–2011 (Kim Il Sung, Kim Jong Il)", pd.Timestamp("1984-01-01"), pd.Timestamp("2011-12-16")),
        ("2011–2017 (Kim Jong Un, to the 2017 ICBM tests)", pd.Timestamp("2011-12-17"), pd.Timestamp("2017-12-31")),
        ("2018–2021 (summits and after)", pd.Timestamp("2018-01-01"), pd.Timestamp("2021-12-31")),
        (f"2022–{newest.year}", pd.Timestamp("2022-01-01"), newest),
    ]


def facility_counts(launches: pd.DataFrame, *, start=None, end=None) -> pd.DataFrame:
    """Missiles launched per facility in ``[start, end]``: facility, mean coordinates,
    missiles, first and last launch, and the most common class. Rows without
    coordinates are left out (their count is in ``attrs['without_coordinates']``)."""
    df = launches
    if start is not None:
        df = df[df["date"] >= pd.Timestamp(start)]
    if end is not None:
        df = df[df["date"] <= pd.Timestamp(end)]
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    located = located.assign(facility=located["facility"].fillna("Unnamed site"))
    out = (located.groupby("facility")
                  .agg(latitude=("latitude", "mean"), longitude=("longitude", "mean"),
                       missiles=("id", "size"), first=("date", "min"), last=("date", "max"),
                       main_class=("missile_class", lambda s: s.value_counts().index[0]))
                  .reset_index().sort_values(["missiles", "facility"], ascending=[False, True])
                  .reset_index(drop=True))
    out.attrs["without_coordinates"] = int(len(df) - len(located))
    return out


def landing_areas(launches: pd.DataFrame) -> pd.DataFrame:
    """Missiles per landing area as the sources describe it (missing → "not recorded"),
    with the share of all missiles, largest first."""
    land = launches["landing"].fillna("not recorded")
    out = land.value_counts().rename_axis("landing").reset_index(name="missiles")
    out["share"] = (out["missiles"] / out["missiles"].sum()).round(4)
    return out


def south_incidents(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents that touched South Korea directly, per year and category (counts)."""
    df = incidents[incidents["touched_south"].fillna(False).astype(bool)]
    table = pd.crosstab(df["date"].dt.year, df["category"])
    table.index.name = "year"
    return table


def neighbour_record(summits: pd.DataFrame, resolutions: pd.DataFrame) -> dict:
    """China's and Russia's record on the DPRK: leader meetings with the DPRK (from
    summits.csv), vetoes of draft resolutions and the adopted sanctions resolutions
    (all of which China and Russia, as permanent members, let pass)."""
    out = {}
    adopted_sanctions = resolutions[(resolutions["status"] == "adopted") & (resolutions["kind"] == "sanctions")]
    unanimous = adopted_sanctions[adopted_sanctions["vote_for"].astype("Int64") == 15]
    for country, track in (("China", "dprk_china"), ("Russia", "dprk_russia")):
        meets = summits[(summits["track"] == track) & (summits["kind"] == "summit")]
        vetoes = resolutions[(resolutions["status"] == "vetoed")
                             & resolutions["vetoed_by"].fillna("").str.split("; ").apply(lambda v: country in v)]
        out[country] = {
            "meetings": meets[["id", "name", "date", "place", "leaders", "source_url"]].reset_index(drop=True),
            "vetoes": vetoes[["resolution", "date", "kind", "vetoed_by", "source_url"]].reset_index(drop=True),
        }
    out["adopted_sanctions"] = int(len(adopted_sanctions))
    out["unanimous_sanctions"] = int(len(unanimous))
    out["last_unanimous_sanctions"] = unanimous["date"].max() if len(unanimous) else None
    return out
