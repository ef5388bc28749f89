#!/usr/bin/env bash
# Load test of `parcours serve`: builds the release binary, starts the server on a free loopback
# port, sends REQUESTS (default 2000) plans of each example profile given (default: the rural
# commune and the department) over 8 connections (scripts/load-serve.py), prints the
# throughput, latencies and the server's resident memory after each, and stops the server.
# Usage: scripts/load-serve.sh [REQUESTS] [PROFILE…]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-2000}
shift || true
profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(examples/profiles/commune-rurale.ron examples/profiles/departement.ron)
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/parcours
out=$(mktemp)
"$bin" serve --port 0 > "$out" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do grep -q 'http://' "$out" && break; sleep 0.1; done
addr=$(grep -o '127\.0\.0\.1:[0-9]*' "$out" | head -1)
for p in "${profiles[@]}"; do
    echo "$p"
    python3 scripts/load-serve.py "$addr" "$p" "$requests"
    echo "resident memory: $(ps -o rss= -p "$server") KiB"
done
