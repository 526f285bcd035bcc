"""The map outlines (usnk/geo.py): clipping a ring, decoding TopoJSON, and the shipped
outlines of the peninsula."""

from __future__ import annotations

from usnk import geo


def test_clip_ring_and_topojson_decoding():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    clipped = geo.clip_ring(square, (5, -1, 20, 20))
    assert sorted(set(clipped)) == [(5, 0), (5, 10), (10, 0), (10, 10)]
    topo = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [100, 30]},
            "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
            "objects": {"countries": {"type": "GeometryCollection",
                                      "geometries": [{"type": "Polygon", "id": "408", "arcs": [[0]]}]}}}
    rings = geo.object_rings(topo)
    assert rings["408"][0][:3] == [(100, 30), (102, 30), (102, 32)]
    built = geo.build_outlines(topo, countries={"408": "North Korea"}, bbox=(99, 29, 103, 33))
    assert built["countries"]["North Korea"][0][0] == [100, 30]


def test_shipped_outlines_cover_the_peninsula():
    data = geo.outlines()
    pts = [p for ring in data["countries"]["North Korea"] for p in ring]
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    assert 124 < min(lons) < 125 and 130 < max(lons) < 131
    assert 37 < min(lats) < 38.5 and 42.5 < max(lats) < 43.5
    assert "Japan" in data["countries"] and "Natural Earth" in data["source"]
