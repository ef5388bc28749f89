#!/usr/bin/env bash
# Regenerates examples/reports/ from examples/profiles/ with the current code.
# Usage: scripts/regenerate-reports.sh        (from the repository root)
# The test `reports::committed_reports_are_up_to_date` fails when a committed report differs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/parcours
out=examples/reports
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
for what in recommendations metiers; do
  for format in md html json; do
    "$bin" "$what" --format "$format" -o "$out/reference/$what.$format"
  done
done
echo "regenerated $out"
