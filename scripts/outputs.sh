#!/usr/bin/env bash
# Writes every output the project promises to keep stable into OUT (default: a new temporary
# folder) and prints one SHA-256 per file: the example reports and reference lists (as
# scripts/regenerate-reports.sh writes them), the plan of the JSON example profile, the JSON
# Schemas, `validate`, `show` of a few records, the graph exports, `profile init`/`from-csv`,
# and the synthetic profiles of the real map (every employer; COUNT=N for N of them) with their
# batch results. Run it on two commits and
# compare the listings (`diff`) to check that a change leaves every output byte-identical.
# Usage: scripts/outputs.sh [OUT]          BIN=path/to/parcours to use a built binary.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=${CARGO_TARGET_DIR:-target}/release/parcours
fi
out=${1:-$(mktemp -d)}
mkdir -p "$out/cli"
BIN=$BIN scripts/regenerate-reports.sh "$out/reports" > /dev/null
for format in md html csv xlsx json; do
  "$BIN" plan examples/profiles/ville-40000.json --format "$format" -o "$out/cli/ville-40000-json.$format"
done
for which in plan profile; do "$BIN" schema "$which" -o "$out/cli/schema-$which.json"; done
"$BIN" validate > "$out/cli/validate.txt" 2>&1
"$BIN" validate --format json > "$out/cli/validate.json" 2>&1 || true
for rec in 23 E2 R6; do
  "$BIN" show "$rec" > "$out/cli/show-$rec.txt" 2>&1 || true
  "$BIN" show "$rec" --format json > "$out/cli/show-$rec.json" 2>&1 || true
done
for format in dot mermaid json; do "$BIN" graph --format "$format" -o "$out/cli/graph.$format"; done
"$BIN" profile init -o "$out/cli/profile-init.ron"
"$BIN" profile from-csv examples/profiles/ville-40000-staff.csv -o "$out/cli/from-csv.ron" || true
"$BIN" synth ${COUNT:+--count "$COUNT"} --seed 1 --out "$out/synth" > /dev/null
"$BIN" batch "$out/synth" --out "$out/batch" --jobs 2 > /dev/null
( cd "$out" && find reports cli batch -type f | LC_ALL=C sort | xargs sha256sum
  find synth -type f | LC_ALL=C sort | xargs cat | sha256sum | sed 's/-$/synth (all profiles)/' )
