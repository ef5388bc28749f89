#!/usr/bin/env bash
# Batch benchmark: synthesise N profiles (default 36,000), then plan them all with 1 and with
# 2 threads; prints wall time and peak memory (GNU time) and the speed-up.
# Usage: scripts/bench-batch.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-36000}
cargo build --release --quiet
bin=target/release/parcours
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/time -f "synth: %e s, peak %M KB" "$bin" synth --count "$n" --seed 1 --out "$work/profiles" 2>&1 | grep -v '^wrote'
for jobs in 1 2; do
  /usr/bin/time -f "batch --jobs $jobs: %e s, peak %M KB" "$bin" batch "$work/profiles" --out "$work/out-$jobs" --jobs "$jobs" 2>&1 | grep -v '^planned'
done
cmp "$work/out-1/national-demand.json" "$work/out-2/national-demand.json" && echo "results identical across thread counts"
