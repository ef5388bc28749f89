#!/usr/bin/env bash
# Batch benchmark: synthesise N profiles (default 36,000), then plan them all with 1 and with
# 2 threads; prints wall time and peak memory (GNU time), the time of each phase (`--timings`:
# planning, merging, pooling, reports) and checks that both runs wrote the same bytes.
# Usage: scripts/bench-batch.sh [N]
# PROFILES=DIR reuses profiles already synthesised in DIR (read only) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-36000}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/parcours
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profiles=${PROFILES:-}
if [ -z "$profiles" ]; then
  profiles="$work/profiles"
  /usr/bin/time -f "synth: %e s, peak %M KB" "$bin" synth --count "$n" --seed 1 --out "$profiles" 2>&1 | grep -v '^wrote'
fi
for jobs in 1 2; do
  /usr/bin/time -f "batch --jobs $jobs: %e s, peak %M KB, %U s user, %S s system" \
    "$bin" batch "$profiles" --out "$work/out-$jobs" --jobs "$jobs" --timings 2>&1 | grep -v '^planned'
done
same=yes
for f in "$work"/out-1/*; do
  cmp -s "$f" "$work/out-2/$(basename "$f")" || { echo "differs across thread counts: $(basename "$f")"; same=no; }
done
[ "$same" = yes ] && echo "results identical across thread counts"
ls -l "$work/out-2" | awk 'NR > 1 { printf "  %-26s %12d bytes\n", $9, $5 }'
