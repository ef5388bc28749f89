#!/usr/bin/env python3
"""Writes tests/fixtures/exports/commune-pix.csv: the export of a fictional Pix Orga
profile-collection campaign taken by agents of tests/fixtures/exports/commune-agents.csv, in
the format Pix's code writes (see crates/parcours-import/src/pix.rs): UTF-8 with BOM, `;`,
text quoted, numbers bare, « NA » for results not shared, `'` before a text that could start a
formula. Deterministic: run it again to get the same file."""
import csv
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent
STAFF = ROOT / "tests/fixtures/exports/commune-agents.csv"
OUT = ROOT / "tests/fixtures/exports/commune-pix.csv"

# Pix's own wording of the 16 competences (5.2 differs from the CRCN decree's, apostrophes are ’).
COMPETENCES = [
    "Mener une recherche et une veille d’information",
    "Gérer des données",
    "Traiter des données",
    "Interagir",
    "Partager et publier",
    "Collaborer",
    "S’insérer dans le monde numérique",
    "Développer des documents textuels",
    "Développer des documents multimedia",
    "Adapter les documents à leur finalité",
    "Programmer",
    "Sécuriser l’environnement numérique",
    "Protéger les données personnelles et la vie privée",
    "Protéger la santé, le bien-être et l’environnement",
    "Résoudre des problèmes techniques",
    "Construire un environnement numérique",
]
# Most agents already reach approfondissement (Pix 5-6) in 4.1, « Sécuriser l’environnement numérique ».
STRONG = 11


def cell(v):
    """A value as Pix's serializer writes it."""
    if isinstance(v, int):
        return str(v)
    if v and all(c.isdigit() or c == "-" for c in v):
        return v
    prefix = "'" if v[:1] in ("=", "+", "-", "@") else ""
    return '"' + prefix + v.replace('"', '""') + '"'


def main():
    rng = random.Random(24)
    rows = list(csv.reader(STAFF.open(encoding="utf-8-sig"), delimiter=";"))[1:]
    header = [
        "Nom de l'organisation", "ID Campagne", "Code", "Nom de la campagne",
        "Nom du Participant", "Prénom du Participant", "Matricule", "Envoi (O/N)",
        "Date et heure de l'envoi (Europe/Paris)", "Nombre de pix total", "Certifiable (O/N)",
        "Nombre de compétences certifiables",
    ]
    for c in COMPETENCES:
        header += [f"Niveau pour la compétence {c}", f"Nombre de pix pour la compétence {c}"]
    common = ["Ville fictive", 48213, "VILFIC26", "Compétences numériques 2026"]
    lines = ["\ufeff" + ";".join(cell(h) for h in header)]

    def participation(last, first, matricule, day, levels):
        if levels is None:
            values = common + [last, first, matricule, "Non"] + ["NA"] * (4 + 2 * len(COMPETENCES))
        else:
            pix = [lv * 8 + rng.randrange(0, 8) if lv else rng.randrange(0, 8) for lv in levels]
            certifiable = sum(1 for lv in levels if lv >= 1)
            values = common + [
                last, first, matricule, "Oui", f"{day:02d}/03/2026 {9 + day % 8:02d}:{day * 7 % 60:02d}",
                sum(pix), "Oui" if certifiable >= 5 else "Non", certifiable,
            ]
            for lv, p in zip(levels, pix):
                values += [lv, p]
        lines.append(";".join(cell(v) for v in values))

    def levels():
        out = [rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4]) for _ in COMPETENCES]
        out[STRONG] = rng.choice([5, 5, 5, 6, 6, 2])
        return out

    taken = [r for i, r in enumerate(rows) if i % 3 != 2][:100]
    for n, r in enumerate(taken):
        matricule, last, first = r[0], r[2], r[3]
        day = 2 + n % 25
        if n == 0:
            # Pix puts a quote before a text that could start a formula.
            last = "=" + last
        if n == 5:
            # Typed in lower case with a space: still the same identifier.
            matricule = " " + matricule.lower()
        if n == 7:
            # Two participations: the first shared with low levels, the latest with its own.
            participation(last, first, matricule, 1, [1] * len(COMPETENCES))
        if n % 11 == 3:
            participation(last, first, matricule, day, None)
        else:
            participation(last, first, matricule, day, levels())
    # A participant who is not in the staff export (arrived after the extraction).
    participation("Quidam", "Alix", "M09999", 20, levels())
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


main()
