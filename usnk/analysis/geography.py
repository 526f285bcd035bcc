"""Where missiles were launched from and came down, and Japan's reported overflights and
EEZ landings."""

from __future__ import annotations

import pandas as pd

from ..labels import period_label


def japan_events(launches: pd.DataFrame, impacts: pd.DataFrame) -> pd.DataFrame:
    """The reported overflights of Japan and landings in its EEZ (``japan_impacts``)
    joined to their launch rows through ``event_id`` (facility, coordinates, landing
    area, distance), in date order.

    Raises ValueError if a row names an event_id that is not in the launch table or
    whose launch is of a different system, so a curated row can never silently point
    at nothing. Rows without an event_id keep empty launch columns.
    """
    first = launches.drop_duplicates("event_id").set_index("event_id")
    rows = []
    for ev in impacts.itertuples(index=False):
        eid = ev.event_id if isinstance(ev.event_id, str) and ev.event_id else None
        row = {"date": ev.date, "kind": ev.kind, "missile_name": ev.missile_name, "event_id": eid,
               "detail": ev.detail, "source_url": ev.source_url, "facility": None,
               "latitude": float("nan"), "longitude": float("nan"), "landing": None, "distance_km": float("nan")}
        if eid is not None:
            if eid not in first.index:
                raise ValueError(f"japan_impacts: event {eid} ({ev.missile_name}) is not in the launch table")
            launch = first.loc[eid]
            if launch["missile_name"] != ev.missile_name or launch["date"] != ev.date:
                raise ValueError(f"japan_impacts: event {eid} is a {launch['missile_name']} launch on "
                                 f"{launch['date'].date()}, not {ev.missile_name} on {ev.date.date()}")
            row.update(facility=launch["facility"], latitude=launch["latitude"], longitude=launch["longitude"],
                       landing=launch["landing"], distance_km=launch["distance_km"])
        rows.append(row)
    cols = ["date", "kind", "missile_name", "event_id", "detail", "source_url", "facility", "latitude",
            "longitude", "landing", "distance_km"]
    return pd.DataFrame(rows, columns=cols).sort_values("date", kind="stable").reset_index(drop=True)



def japan_summary(events: pd.DataFrame) -> dict:
    """Counts for the prose: events, overflights, EEZ landings (by launch event), the
    years they fall in, and the first and latest of each kind."""
    out = {"events": int(len(events))}
    for kind in ("overflight", "eez_landing"):
        part = events[events["kind"] == kind]
        out[kind] = int(len(part))
        out[f"{kind}_first"] = part["date"].min() if len(part) else None
        out[f"{kind}_last"] = part["date"].max() if len(part) else None
    out["since_2016"] = int((events["date"] >= pd.Timestamp("2016-01-01")).sum())
    out["years"] = int(events["date"].dt.year.nunique())
    return out






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



def sites_by_period(launches: pd.DataFrame) -> pd.DataFrame:
    """:func:`facility_counts` for the whole record and for each of :func:`eras`, one
    frame: the columns of :func:`facility_counts` after ``period``, an ordered
    categorical of the periods' labels (``"All years"`` first, then the eras), so a
    period without a located launch keeps its place."""
    newest = launches["date"].max()
    periods = [("All years", launches["date"].min(), newest)] + eras(newest)
    parts = [facility_counts(launches, start=s, end=e).assign(period=label) for label, s, e in periods]
    out = pd.concat(parts, ignore_index=True)
    out["period"] = pd.Categorical(out["period"], categories=[label for label, _, _ in periods], ordered=True)
    return out[["period"] + [c for c in out.columns if c != "period"]]


def landing_areas(launches: pd.DataFrame) -> pd.DataFrame:
    """Missiles per landing area as the sources describe it (missing → "not recorded"),
    with the share of all missiles, largest first."""
    land = launches["landing"].fillna("not recorded")
    out = land.value_counts().rename_axis("landing").reset_index(name="missiles")
    out["share"] = (out["missiles"] / out["missiles"].sum()).round(4)
    return out
