#!/usr/bin/env python3
"""Derives data/geography/france.tsv from Etalab's *découpage administratif*.

Usage:
    mkdir -p /tmp/geo && cd /tmp/geo && npm pack @etalab/decoupage-administratif@6.0.0
    tar xzf etalab-decoupage-administratif-6.0.0.tgz
    scripts/derive-geography.py /tmp/geo/package > data/geography/france.tsv

Keeps what `parcours synth` and `parcours batch` need, sorted by code, so that the same package
gives the same file byte for byte: the current communes of metropolitan France and the five
overseas departments (the overseas collectivities with special status, zone `com`, are left
out), the intercommunalities with their own taxation (EPCI à fiscalité propre) and the
departments and regions of the same territories. Standard library only.
"""

import json
import sys
from pathlib import Path

SOURCE = "@etalab/decoupage-administratif"


def clean(text):
    """A field of the TSV: no tab, no line break."""
    return " ".join(str(text).split())


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: derive-geography.py PACKAGE_DIR (the unpacked npm package)")
    package = Path(sys.argv[1])
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    data = package / "data"
    load = lambda name: json.loads((data / name).read_text(encoding="utf-8"))
    communes = [
        c
        for c in load("communes.json")
        if c["type"] == "commune-actuelle" and c["zone"] in ("metro", "drom")
    ]
    kept = {c["code"] for c in communes}
    epcis = load("epci.json")
    member_of = {}
    for e in epcis:
        for m in e["membres"]:
            if m["code"] in member_of:
                sys.exit(f"commune {m['code']} in two intercommunalities")
            member_of[m["code"]] = e["code"]
    departments = [d for d in load("departements.json") if d["zone"] in ("metro", "drom")]
    regions = [r for r in load("regions.json") if r["zone"] in ("metro", "drom")]
    out = sys.stdout
    out.write(
        "# Communes, intercommunalities (EPCI à fiscalité propre), departments and regions of\n"
        "# metropolitan France and the five overseas departments, derived by\n"
        "# scripts/derive-geography.py from the npm package "
        f"{SOURCE} {meta['version']} (2026 edition, published 2026-03-09).\n"
        "# Data: INSEE's official geographic code and legal populations, DGCL's list of EPCI;\n"
        "# Licence Ouverte / Open Licence (Etalab). Package code: MIT. See data/geography/README.md.\n"
        "# Rows: R code seat tncc name | D code region tncc name | E siren type name |\n"
        "#       C insee department region epci population tncc name\n"
        "# (seat: INSEE code of the commune seat of the region; tncc: INSEE's article type of the\n"
        "# name, 0 to 8; epci: the intercommunality's SIREN, empty when none).\n"
    )
    for r in sorted(regions, key=lambda r: r["code"]):
        out.write(f"R\t{r['code']}\t{r['chefLieu']}\t{r['typeLiaison']}\t{clean(r['nom'])}\n")
    for d in sorted(departments, key=lambda d: d["code"]):
        out.write(f"D\t{d['code']}\t{d['region']}\t{d['typeLiaison']}\t{clean(d['nom'])}\n")
    for e in sorted(epcis, key=lambda e: e["code"]):
        if not any(m["code"] in kept for m in e["membres"]):
            continue
        out.write(f"E\t{e['code']}\t{e['type']}\t{clean(e['nom'])}\n")
    for c in sorted(communes, key=lambda c: c["code"]):
        out.write(
            f"C\t{c['code']}\t{c['departement']}\t{c['region']}\t{member_of.get(c['code'], '')}"
            f"\t{c.get('population', 0)}\t{c.get('typeLiaison', 0)}\t{clean(c['nom'])}\n"
        )


main()
