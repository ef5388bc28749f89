#!/usr/bin/env bash
# Hostile-input benchmark (issue 18): generates the worst rejected inputs we know of, each close
# to the 64 MB input limit (many errors, one very long line, deep nesting, many bad CSV rows,
# lists beyond the limits, broken reference data), runs the release binary on each under GNU
# time, prints wall time and peak memory, and fails when a case is not rejected with exit 2 in
# under 2 s and 200 MB.
# Usage: scripts/bench-hostile.sh [CASE...]   (default: every case; names are printed)
# KEEP=DIR writes the inputs to DIR and keeps them; BIN=PATH uses that binary instead of
# building the release one; SHOW=1 prints the end of each message.
set -euo pipefail
cd "$(dirname "$0")/.."
max_s=${MAX_S:-2}
max_kb=${MAX_KB:-200000}
if [ -z "${BIN:-}" ]; then
  cargo build --profile dist --quiet --bin parcours
  BIN=${CARGO_TARGET_DIR:-target}/dist/parcours
fi
. scripts/bench-lib.sh

# The generators: each writes one case's input files under $work/<case>/.
python3 - "$work" <<'PY'
import json, os, shutil, sys

work = sys.argv[1]
LIMIT = 64_000_000
BUDGET = LIMIT - 200_000  # room for the closing lines
HEAD = '(\n    name: "Hostile",\n    kind: Commune,\n    first_year: 2027,\n'
TAIL = '    budget: (days_per_year: 10, max_days_per_agent: 5),\n)\n'


def case(name):
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    return d


def fill(parts, unit, budget=BUDGET):
    """Appends `unit(i)` to `parts` until about `budget` bytes."""
    size = sum(len(p.encode()) for p in parts)
    i = 0
    while size < budget:
        s = unit(i)
        parts.append(s)
        size += len(s.encode())
        i += 1
    return parts


def write(path, parts):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(parts))


# Many errors: staff lines of unknown métiers, each with unknown competencies, one per line.
def unknown_line(i):
    levels = "".join(f'(competency: "inconnue-{i}-{j}", level: Socle), ' for j in range(40))
    return f'        (metier: "metier-inconnu-{i}", headcount: 1, levels: [{levels}]),\n'


write(os.path.join(case("ron-many-errors"), "profile.ron"),
      fill([HEAD, "    staff: [\n"], unknown_line) + ["    ],\n", TAIL])

# The same, every line a valid métier's, but the levels unknown: errors inside the lines.
metiers = []
with open("data/metiers.ron", encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line.startswith('id: "'):
            metiers.append(line.split('"')[1])


def unknown_levels(i):
    levels = "".join(f'(competency: "inconnue-{j}", pix: 3), ' for j in range(2000))
    return f'        (metier: "{metiers[i % len(metiers)]}", headcount: 1, levels: [{levels}]),\n'


write(os.path.join(case("ron-many-levels"), "profile.ron"),
      fill([HEAD, "    staff: [\n"], unknown_levels) + ["    ],\n", TAIL])

# Many custom métiers, each with a target of an unknown competency.
def custom(i):
    return (f'        (id: "metier-local-{i}", name: "Métier local {i}", '
            f'targets: [(competency: "inconnue-{i}", year10: Socle)]),\n')


write(os.path.join(case("ron-many-custom-metiers"), "profile.ron"),
      fill([HEAD, "    staff: [],\n    custom_metiers: [\n"], custom) + ["    ],\n", TAIL])

# One very long line: a 40 MB name, then errors far into the line.
long_name = "x" * 40_000_000
parts = [f'(name: "{long_name}", kind: Commune, first_year: 2027, staff: [']
fill(parts, lambda i: f'(metier: "{metiers[i % len(metiers)]}", headcount: 1, '
                      f'levels: [(competency: "inconnue-{i}", level: Socle)]), ')
parts.append("], budget: (days_per_year: 10, max_days_per_agent: 5))")
write(os.path.join(case("ron-one-long-line"), "profile.ron"), parts)

# The same in minified JSON.
parts = ['{"name": "' + long_name + '", "kind": "Commune", "first_year": 2027, "staff": [']
fill(parts, lambda i: ('' if i == 0 else ',') + json.dumps(
    {"metier": metiers[i % len(metiers)], "headcount": 1,
     "levels": [{"competency": f"inconnue-{i}", "level": "Socle"}]}))
parts.append('], "budget": {"days_per_year": 10, "max_days_per_agent": 5}}')
write(os.path.join(case("json-one-long-line"), "profile.json"), parts)

# A JSON profile pretty-printed, one error per line, beyond every limit.
parts = ['{\n  "name": "Hostile",\n  "kind": "Commune",\n  "first_year": 2027,\n  "staff": [\n']
fill(parts, lambda i: ('' if i == 0 else ',\n') +
     f'    {{"metier": "inconnu-{i}", "headcount": 1, "done_modules": ["module-inconnu-{i}"]}}')
parts.append('\n  ],\n  "budget": {"days_per_year": 10, "max_days_per_agent": 5}\n}\n')
write(os.path.join(case("json-many-errors"), "profile.json"), parts)

# Deep nesting, on one line.
write(os.path.join(case("ron-deep-nesting"), "profile.ron"),
      [HEAD, "    staff: ", "[" * (BUDGET // 2), "]" * (BUDGET // 2), TAIL])
write(os.path.join(case("json-deep-nesting"), "profile.json"),
      ['{"name": "Hostile", "kind": "Commune", "first_year": 2027, "staff": ',
       "[" * (BUDGET // 2), "]" * (BUDGET // 2), "}"])

# Tiny list items: the most values per byte.
write(os.path.join(case("ron-tiny-items"), "profile.ron"),
      [HEAD, '    done_modules: [', '"",' * (BUDGET // 3), '],\n    staff: [],\n', TAIL])

# An unclosed string of 64 MB.
write(os.path.join(case("ron-unclosed-string"), "profile.ron"),
      ['(name: "', "y" * BUDGET])

# CSV: every row an unknown métier; empty métiers; rows with too many fields; a wide header;
# one huge cell.
write(os.path.join(case("csv-bad-rows"), "staff.csv"),
      fill(["metier,headcount\n"], lambda i: f"metier-inconnu-{i},1\n"))
write(os.path.join(case("csv-empty-metiers"), "staff.csv"),
      ["metier,headcount\n", ",1\n" * (BUDGET // 3)])
write(os.path.join(case("csv-malformed-rows"), "staff.csv"),
      ["metier,headcount\n", "a,1,2\n" * (BUDGET // 6)])
write(os.path.join(case("csv-bad-levels"), "staff.csv"),
      ["metier,headcount,pix-1-1\n", "charge-accueil,1,zz\n" * (BUDGET // 20)])
write(os.path.join(case("csv-wide-header"), "staff.csv"),
      fill(["metier,headcount"], lambda i: f",colonne-{i}") + ["\ncharge-accueil,1\n"])
write(os.path.join(case("csv-huge-cell"), "staff.csv"),
      ["metier,headcount\n", "z" * BUDGET, ",1\n"])

# Reference data: a metiers.ron of unknown fields and groups; a one-line catalogue of
# unknown prerequisites. The other files are the shipped ones.
def data_case(name):
    d = case(name)
    for f in os.listdir("data"):
        if f.endswith(".ron"):
            shutil.copy(os.path.join("data", f), d)
    return d


d = data_case("data-many-errors")
write(os.path.join(d, "metiers.ron"), fill(["[\n"], lambda i: (
    f'    (id: "metier-{i}", name: "M", field: "champ-{i}", filiere: Technique, '
    f'groups: ["groupe-{i}"], provenance: Study(source: "s")),\n')) + ["]\n"])
d = data_case("data-one-long-line")
write(os.path.join(d, "catalogue.ron"), fill(["["], lambda i: (
    f'(id: "module-{i}", title: "T", competency: "inconnue-{i}", level: Socle, hours: 7, '
    f'prerequisites: [Module("absent-{i}")], modality: SelfTraining, min_participants: 1, '
    f'max_participants: 10, recommendations: [99], provenance: Project(rationale: "r")), '))
      + ["]"])
# Within the limits: 5,000 modules, each requiring the next one (a chain the catalogue lists
# backwards) and citing an unknown recommendation; 5,000 métiers of 200 unknown groups each.
d = data_case("data-long-chain")
write(os.path.join(d, "catalogue.ron"), ["["] + [
    f'(id: "module-{i}", title: "T", competency: "pix-1-1", level: Socle, hours: 7, '
    + (f'prerequisites: [Module("module-{i + 1}")], ' if i < 4999 else '')
    + 'modality: SelfTraining, min_participants: 1, max_participants: 10, '
    f'recommendations: [99], provenance: Project(rationale: "r")),\n' for i in range(5000)] + ["]"])
d = data_case("data-many-metiers")
groups = "".join(f'"groupe-{j}", ' for j in range(200))
write(os.path.join(d, "metiers.ron"), ["[\n"] + [
    f'(id: "metier-{i}", name: "M", field: "champ", filiere: Technique, groups: [{groups}], '
    f'provenance: Study(source: "s")),\n' for i in range(5000)] + ["]\n"])
d = data_case("data-tiny-items")
write(os.path.join(d, "metiers.ron"),
      ['[(id: "m", name: "M", field: "f", filiere: Technique, groups: [', '"",' * (BUDGET // 3),
       '], provenance: Study(source: "s"))]'])
PY

cases=$(cd "$work" && ls)
if [ $# -gt 0 ]; then cases="$*"; fi
printf '%-26s %9s %8s %12s %5s\n' case size wall "peak (KB)" exit
for c in $cases; do
  d="$work/$c"
  case "$c" in
    csv-*) args=(profile from-csv "$d/staff.csv") ;;
    data-*) args=(--data "$d" validate) ;;
    json-*) args=(plan "$d/profile.json") ;;
    *) args=(plan "$d/profile.ron") ;;
  esac
  size=$(du -b "$d" | awk '{ print $1 }')
  measure "$max_s" "$max_kb" "$BIN" "${args[@]}" > /dev/null
  if [ "$code" != 2 ] || grep -q panicked "$work/.err"; then
    verdict="NOT REJECTED CLEANLY"
    failed=$((failed + 1))
  fi
  printf '%-26s %9s %7ss %12s %5s  %s\n' "$c" "$((size / 1000000)) MB" "$wall" "$peak" "$code" "$verdict"
  if [ "$verdict" != ok ]; then
    head -c 600 "$work/.err" | sed 's/^/    | /'
    echo
  fi
  if [ -n "${SHOW:-}" ]; then tail -n 3 "$work/.err" | cut -c1-200 | sed 's/^/    > /'; fi
done
if [ "$failed" -gt 0 ]; then
  echo "$failed case(s) missed the target (${max_s} s, ${max_kb} KB)"
  exit 1
fi
echo "every case rejected with exit 2 in under ${max_s} s and ${max_kb} KB"
