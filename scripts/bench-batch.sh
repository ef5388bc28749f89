#!/usr/bin/env bash
# Batch benchmark: synthesise N profiles (default 36,000), then plan them all with 1 and with
# 2 threads; prints wall time and peak memory (GNU time), the time of each phase (`--timings`:
# planning, merging, pooling, reports) and checks that both runs wrote the same bytes.
# Usage: scripts/bench-batch.sh [N]
# PROFILES=DIR reuses profiles already synthesised in DIR (read only) instead.
# RUNS=K runs K pairs (`--jobs 1` then `--jobs 2`, back to back; default 1) and ends with a
# summary: each thread count's fastest and median wall time and peak memory, the speed-up of
# each pair and their median, and the speed-ups of the medians and of the fastest runs. On a
# shared machine single runs vary by a third or more: take several.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-36000}
runs=${RUNS:-1}
cargo build --profile dist --quiet
bin=${CARGO_TARGET_DIR:-target}/dist/parcours
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profiles=${PROFILES:-}
if [ -z "$profiles" ]; then
  profiles="$work/profiles"
  /usr/bin/time -f "synth: %e s, peak %M KB" "$bin" synth --count "$n" --seed 1 --out "$profiles" 2>&1 | grep -v ' profils écrits dans '
fi
: > "$work/times"
for run in $(seq 1 "$runs"); do
  for jobs in 1 2; do
    rm -rf "$work/out-$jobs"
    /usr/bin/time -o "$work/time" -f "%e %M %U %S" \
      "$bin" batch "$profiles" --out "$work/out-$jobs" --jobs "$jobs" --timings 2>&1 | grep -Ev ' planifiés? sur '
    read -r wall peak user sys < "$work/time"
    echo "batch --jobs $jobs: $wall s, peak $peak KB, $user s user, $sys s system"
    echo "$run $jobs $wall $peak" >> "$work/times"
  done
  same=yes
  for f in "$work"/out-1/*; do
    cmp -s "$f" "$work/out-2/$(basename "$f")" || { echo "differs across thread counts: $(basename "$f")"; same=no; }
  done
  [ "$same" = yes ] && echo "results identical across thread counts"
done
ls -l "$work/out-2" | awk 'NR > 1 { printf "  %-26s %12d bytes\n", $9, $5 }'
if [ "$runs" -gt 1 ]; then
  for jobs in 1 2; do
    awk -v j="$jobs" '$2 == j { print $3, $4 }' "$work/times" | sort -n | awk -v j="$jobs" '
      { wall[NR] = $1; if ($2 > peak) peak = $2 }
      END { m = (NR % 2) ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2;
            printf "--jobs %s over %d runs: fastest %.2f s, median %.2f s, peak %d KB\n", j, NR, wall[1], m, peak }'
  done
  awk '{ w[$1, $2] = $3 } END { printf "speed-ups:"; for (r = 1; (r, 1) in w; r++) printf " %.2f", w[r, 1] / w[r, 2]; print "" }' "$work/times"
  # A pair's two runs are back to back, so share the machine's speed: their median speed-up.
  awk '{ w[$1, $2] = $3 } END { for (r = 1; (r, 1) in w; r++) print w[r, 1] / w[r, 2] }' "$work/times" |
    sort -n | awk '{ s[NR] = $1 } END { m = (NR % 2) ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2; printf "median speed-up of the pairs %.2f\n", m }'
  # The machine's speed drifts between runs: the ratio of the medians (and of the fastest
  # runs) over several pairs says more than any single pair.
  for jobs in 1 2; do
    awk -v j="$jobs" '$2 == j { print $3 }' "$work/times" | sort -n | awk -v j="$jobs" '
      { w[NR] = $1 } END { m = (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2; print j, w[1], m }'
  done | awk '{ f[$1] = $2; m[$1] = $3 } END { printf "speed-up of the medians %.2f, of the fastest runs %.2f\n", m[1] / m[2], f[1] / f[2] }'
fi
