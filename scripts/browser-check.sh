#!/usr/bin/env bash
# The web app in a real browser: installs Debian's chromium where it is missing (apt-get; needs
# root), starts `parcours serve` on a free loopback port and runs scripts/browser-check.mjs on
# the commune's fixture export (Node 20 or newer). Usage: scripts/browser-check.sh [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
cargo build --quiet
bin=${CARGO_TARGET_DIR:-target}/debug/parcours
out=$(mktemp)
"$bin" serve --port 0 > "$out" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do grep -q 'http://' "$out" && break; sleep 0.1; done
addr=$(grep -o '127\.0\.0\.1:[0-9]*' "$out" | head -1)
node --experimental-websocket --no-warnings scripts/browser-check.mjs "http://$addr/" \
    "$PWD/tests/fixtures/exports/commune-agents.csv" "$@"
