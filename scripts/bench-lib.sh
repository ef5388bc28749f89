# Shared by the bounded-cost benchmarks (bench-hostile.sh, bench-largest.sh); sourced, not run.
# Sets `work` (KEEP=DIR, kept, or a temporary directory removed at exit), and defines `measure`.

if [ -n "${KEEP:-}" ]; then
  work=$KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
failed=0

# measure MAX_S MAX_KB COMMAND...: runs COMMAND under GNU time (its standard error to
# $work/.err); sets `wall` (s), `peak` (KB), `code` (exit code) and `verdict`, counting a
# miss in `failed`.
measure() {
  local max_s=$1 max_kb=$2
  shift 2
  set +e
  /usr/bin/time -o "$work/.time" -f "%e %M" "$@" 2> "$work/.err"
  code=$?
  set -e
  read -r wall peak < <(tail -1 "$work/.time")
  verdict=ok
  if awk -v w="$wall" -v m="$max_s" 'BEGIN { exit !(w >= m) }'; then verdict="TOO SLOW"; fi
  if [ "$peak" -ge "$max_kb" ]; then verdict="TOO MUCH MEMORY"; fi
  if [ "$verdict" != ok ]; then failed=$((failed + 1)); fi
}
