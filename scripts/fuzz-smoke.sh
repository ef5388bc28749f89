#!/usr/bin/env bash
# Fuzzing smoke test (docs/reliability.md): builds every cargo-fuzz target of fuzz/ on the
# current (stable) toolchain without a sanitizer, then runs each for a short time on a
# temporary copy of its seeds (fuzz/corpus/<target>/seed-*). Fails if the lock file is stale, a build fails or a run
# finds a crash, a timeout or an out-of-memory. Leaves the git tree as it found it (crashing
# inputs go to fuzz/artifacts/, which git ignores).
#
#   scripts/fuzz-smoke.sh                 # every target, FUZZ_SECONDS (15) each
#   FUZZ_SECONDS=60 scripts/fuzz-smoke.sh planner profile_csv
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-15}"
# Sanitizer "none" needs no nightly flag; stable rustc is enough for the build and the runs.
build=(--sanitizer none)
libfuzzer=(-max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1)

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi
if ! command -v c++ >/dev/null 2>&1; then
    echo "fuzz-smoke: libfuzzer-sys builds libFuzzer from C++: install a C++ compiler (g++)" >&2
    exit 1
fi
if ! cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null; then
    echo "fuzz-smoke: fuzz/Cargo.lock is stale (the crates' dependencies changed):" \
        "run \`cargo metadata --manifest-path fuzz/Cargo.toml >/dev/null\` and commit it" >&2
    exit 1
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    list="$(cargo fuzz list)"
    mapfile -t targets <<<"$list"
fi
echo "fuzz-smoke: $(rustc --version), $(cargo fuzz --version); targets: ${targets[*]}" >&2

cargo fuzz build "${build[@]}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=()
for t in "${targets[@]}"; do
    # libFuzzer adds the inputs it finds to the corpus directory: give it a copy of the seeds.
    mkdir -p "$scratch/$t"
    cp "fuzz/corpus/$t"/seed-* "$scratch/$t/"
    echo "fuzz-smoke: $t for ${seconds}s" >&2
    if ! cargo fuzz run "${build[@]}" "$t" "$scratch/$t" -- "${libfuzzer[@]}" </dev/null; then
        failed+=("$t")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz-smoke: FAILED: ${failed[*]} (inputs in fuzz/artifacts/; see docs/reliability.md)" >&2
    exit 1
fi
echo "fuzz-smoke: ${#targets[@]} targets built and ran ${seconds}s each without a crash" >&2
