#!/usr/bin/env python3
"""Derives data/geography/neighbours.tsv: which departments share a land border.

Usage:
    # the repository github.com/gregoiredavid/france-geojson, at the commit named below
    scripts/derive-neighbours.py path/to/departements.geojson > data/geography/neighbours.tsv

The geometry (IGN's Admin Express COG, 2018 edition, converted and simplified with mapshaper
after snapping, so that two departments' common boundary has the same vertices on both sides)
covers the 96 departments of metropolitan France. Two departments are neighbours when their
outlines share at least one boundary segment (two consecutive vertices, coordinates rounded to
the file's precision of 1e-5 degree): a common point alone (a corner) is not a border. The
overseas departments have no French department across a land border: they get an empty row.
Rows sorted by code, neighbours sorted by code: the same file gives the same output byte for
byte. Standard library only.
"""

import json
import sys
from collections import defaultdict

SOURCE = "github.com/gregoiredavid/france-geojson"
COMMIT = "5d34ee6d0140c29f785fdb047d9329f1aab58833"
OVERSEAS = ["971", "972", "973", "974", "976"]


def rings(geometry):
    """The rings (outer and holes) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    sys.exit(f"unexpected geometry {geometry['type']}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: derive-neighbours.py departements.geojson")
    with open(sys.argv[1], encoding="utf-8") as f:
        features = json.load(f)["features"]
    # Each boundary segment, as its two rounded end points in order, to the departments
    # whose outline holds it.
    holders = defaultdict(set)
    codes = set()
    for feature in features:
        code = feature["properties"]["code"]
        codes.add(code)
        for ring in rings(feature["geometry"]):
            points = [(round(x * 1e5), round(y * 1e5)) for x, y, *_ in ring]
            for a, b in zip(points, points[1:]):
                if a != b:
                    holders[(min(a, b), max(a, b))].add(code)
    neighbours = {code: set() for code in codes}
    for held in holders.values():
        for a in held:
            neighbours[a].update(held - {a})
    for code in OVERSEAS:
        if code in neighbours:
            sys.exit(f"{code}: an overseas department in the metropolitan file")
        neighbours[code] = set()
    lonely = sorted(c for c in codes if not neighbours[c])
    if lonely:
        sys.exit(f"metropolitan departments without a neighbour: {lonely}")
    pairs = sum(len(n) for n in neighbours.values()) // 2
    out = sys.stdout
    out.write(
        "# Departments sharing a land border, derived by scripts/derive-neighbours.py from\n"
        f"# departements.geojson of {SOURCE} (commit {COMMIT[:12]}):\n"
        "# IGN Admin Express COG 2018 outlines, Licence Ouverte / Open Licence (Etalab).\n"
        "# Neighbours: outlines sharing at least one boundary segment (a corner alone is not a\n"
        "# border). Overseas departments: no land border with another department (empty list).\n"
        f"# {len(neighbours)} departments, {pairs} pairs of neighbours. See data/geography/README.md.\n"
        "# Rows: code <tab> neighbours' codes, comma-separated\n"
    )
    for code in sorted(neighbours):
        out.write(f"{code}\t{','.join(sorted(neighbours[code]))}\n")


if __name__ == "__main__":
    main()
