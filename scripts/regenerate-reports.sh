#!/usr/bin/env bash
# Regenerates examples/reports/ from examples/profiles/ with the current code.
# Usage: scripts/regenerate-reports.sh [OUT]   (OUT: another folder, instead of examples/reports)
# BIN=path/to/parcours uses a built binary instead of building one.
# The test `reports::committed_reports_are_up_to_date` fails when a committed report differs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=${CARGO_TARGET_DIR:-target}/release/parcours
fi
bin=$BIN
out=${1:-examples/reports}
rm -rf "$out"
mkdir -p "$out/reference"
for profile in examples/profiles/*.ron; do
  name=$(basename "$profile" .ron)
  mkdir -p "$out/$name"
  for format in md html csv xlsx json; do
    "$bin" plan "$profile" --format "$format" -o "$out/$name/plan.$format"
  done
  "$bin" plan "$profile" --format csv --csv-style excel -o "$out/$name/plan-excel.csv"
done
# The terminal plan of two profiles, at 80 and 160 columns (tests/e2e/terminal.rs).
for name in commune-rurale ville-40000; do
  for width in 80 160; do
    "$bin" plan "examples/profiles/$name.ron" --width "$width" -o "$out/$name/plan-$width.txt"
  done
done
for format in html json; do
  "$bin" budget-curve examples/profiles/ville-40000.ron --format "$format" -o "$out/ville-40000/budget-curve.$format"
done
for what in recommendations metiers; do
  for format in md html json; do
    "$bin" "$what" --format "$format" -o "$out/reference/$what.$format"
  done
done
echo "regenerated $out"
