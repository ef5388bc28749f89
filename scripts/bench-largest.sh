#!/usr/bin/env bash
# Largest-profile benchmark (issue 18): writes the largest profile the limits accept
# (`examples/largest_profile.rs`), then plans it in every output format with the release
# binary under GNU time, printing wall time, peak memory and output size, and fails when a
# format takes 10 s or more, or 1 GB of memory or more.
# Usage: scripts/bench-largest.sh   (KEEP=DIR keeps the profile and the outputs in DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
max_s=${MAX_S:-10}
max_kb=${MAX_KB:-1000000}
cargo build --profile dist --quiet --bin parcours --example largest_profile
target=${CARGO_TARGET_DIR:-target}/dist
. scripts/bench-lib.sh
"$target/examples/largest_profile" > "$work/largest.ron"
echo "largest.ron: $(wc -c < "$work/largest.ron") bytes"
printf '%-16s %8s %12s %14s\n' format wall "peak (KB)" "output (bytes)"
for run in table table-explain md md-explain html csv json xlsx; do
  format=${run%-explain}
  extra=()
  [ "$run" != "$format" ] && extra=(--explain)
  out="$work/plan.$run"
  rm -f "$out"
  measure "$max_s" "$max_kb" \
    "$target/parcours" plan "$work/largest.ron" --format "$format" "${extra[@]}" -o "$out"
  [ "$code" = 0 ] || { verdict="FAILED (exit $code)"; failed=$((failed + 1)); cat "$work/.err"; }
  printf '%-16s %7ss %12s %14s  %s\n' "$run" "$wall" "$peak" "$(wc -c < "$out")" "$verdict"
done
if [ "$failed" -gt 0 ]; then
  echo "$failed format(s) missed the target (${max_s} s, ${max_kb} KB)"
  exit 1
fi
echo "every format under ${max_s} s and ${max_kb} KB"
