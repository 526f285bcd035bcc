"""Coastlines and borders for the book's maps, drawn on ordinary x/y axes.

Plotly's geographic traces fetch their base map from a CDN when the chart is drawn;
the book must work offline, so its maps are plain scatter plots in longitude and
latitude over outlines shipped with the package (``usnk/geodata/``).

The outlines are Natural Earth's 1:50m admin-0 country polygons (public domain), as
redistributed in TopoJSON by the npm package ``world-atlas`` 2.0.2 (ISC licence,
file ``countries-50m.json``). :func:`build_outlines` decodes that file, keeps the
countries of the region, clips them to a bounding box and rounds the coordinates;
it made ``usnk/geodata/northeast_asia_50m.json`` with::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -c "from usnk import geo; geo.write_outlines('package/countries-50m.json')"
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

#: Longitude/latitude box of the book's regional map (west, south, east, north).
REGION_BBOX = (118.0, 28.0, 150.0, 46.5)

#: ISO 3166-1 numeric codes (as used by Natural Earth/world-atlas) of the map's countries.
REGION_COUNTRIES = {"408": "North Korea", "410": "South Korea", "392": "Japan", "156": "China", "643": "Russia"}

OUTLINES_FILE = Path(__file__).with_name("geodata") / "northeast_asia_50m.json"

SOURCE = ("Natural Earth 1:50m admin-0 countries (public domain), via the npm package "
          "world-atlas 2.0.2 (ISC licence)")


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (lon, lat) points (delta- and quantisation-decoded)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def _ring(indices, arcs) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def object_rings(topology: dict, object_name: str = "countries") -> dict[str, list[list[tuple[float, float]]]]:
    """Outer and inner rings of every geometry in ``object_name``, keyed by geometry id."""
    arcs = decode_arcs(topology)
    out: dict[str, list] = {}
    for geom in topology["objects"][object_name]["geometries"]:
        gid = str(geom.get("id", ""))
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        out.setdefault(gid, []).extend(_ring(r, arcs) for poly in polys for r in poly)
    return out


def clip_ring(ring, bbox) -> list[tuple[float, float]]:
    """Sutherland–Hodgman clip of a closed ring to ``bbox`` (west, south, east, north)."""
    west, south, east, north = bbox
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cut_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cut_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cut_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cut_y(a, b, north)),
    ]
    pts = list(ring)
    for inside, cut in edges:
        if not pts:
            break
        src, pts = pts, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    pts.append(cut(prev, cur))
                pts.append(cur)
            elif inside(prev):
                pts.append(cut(prev, cur))
            prev = cur
    return pts


def _cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def build_outlines(topology: dict, *, countries=None, bbox=REGION_BBOX, digits: int = 2) -> dict:
    """Clipped, rounded outlines of ``countries`` (id → name) from a world-atlas topology."""
    countries = countries or REGION_COUNTRIES
    rings = object_rings(topology, "countries")
    out = {"source": SOURCE, "bbox": list(bbox), "countries": {}}
    for gid, name in countries.items():
        kept = []
        for ring in rings.get(gid, []):
            clipped = clip_ring(ring, bbox)
            rounded = []
            for lon, lat in clipped:
                p = [round(lon, digits), round(lat, digits)]
                if not rounded or rounded[-1] != p:
                    rounded.append(p)
            if len(rounded) >= 3:
                kept.append(rounded)
        out["countries"][name] = kept
    return out


def write_outlines(topojson_path, dest: Path = OUTLINES_FILE) -> Path:
    """Build the regional outlines from a world-atlas ``countries-50m.json`` and write them."""
    topology = json.loads(Path(topojson_path).read_text(encoding="utf-8"))
    data = build_outlines(topology)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return dest


@lru_cache(maxsize=1)
def outlines() -> dict:
    """The shipped regional outlines: ``{"source", "bbox", "countries": {name: [ring, …]}}``."""
    return json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))


def outline_xy(rings) -> tuple[list, list]:
    """Rings as one x/y pair of lists, rings separated by ``None`` (for one Plotly trace)."""
    xs: list = []
    ys: list = []
    for ring in rings:
        xs.extend(p[0] for p in ring)
        xs.append(ring[0][0])
        ys.extend(p[1] for p in ring)
        ys.append(ring[0][1])
        xs.append(None)
        ys.append(None)
    return xs, ys
