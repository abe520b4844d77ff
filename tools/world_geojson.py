"""Convert world-atlas's countries-110m TopoJSON to the GeoJSON the dashboard's map draws.

Run once when updating the shapes (the output is committed):

    npm pack world-atlas@2 && tar xzf world-atlas-*.tgz      # in a scratch directory
    python tools/world_geojson.py package/countries-110m.json src/newsgraph/server/static/world.geojson

world-atlas (ISC, Mike Bostock) packages Natural Earth's 1:110m admin-0 countries (public
domain). TopoJSON stores shared borders once as delta-encoded, quantised arcs; this decodes
them into plain polygons, rounded to 0.01 degree (plenty at this scale, and a small file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

Point = list[float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute longitude/latitude points of every arc (undoing quantisation and deltas)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale[0] + translate[0], 2), round(y * scale[1] + translate[1], 2)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed)."""
    points: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])  # consecutive arcs share an end point
    return points


def geometry(g: dict[str, Any], arcs: list[list[Point]]) -> dict[str, Any] | None:
    if g["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in g["arcs"]]}
    if g["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs) for r in p] for p in g["arcs"]]}
    return None


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features = []
    for g in topology["objects"]["countries"]["geometries"]:
        shape = geometry(g, arcs)
        if shape is not None:
            props = {"name": g.get("properties", {}).get("name"), "id": g.get("id")}
            features.append({"type": "Feature", "properties": props, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tools/world_geojson.py countries-110m.json world.geojson", file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    collection = convert(json.loads(source.read_text()))
    target.write_text(json.dumps(collection, separators=(",", ":")) + "\n")
    print(f"{target}: {len(collection['features'])} countries, {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
