#!/usr/bin/env bash
# Fuzzes `parcours serve` from its own OpenAPI document with schemathesis (installed from PyPI
# into a virtual environment under the target folder): every operation, generated parameters and
# bodies, checked for no server error, documented status codes, media types, headers and
# response schemas. Loopback only; bounded by MAX_EXAMPLES per operation (default 50).
# Usage: scripts/fuzz-serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
venv=$target/schemathesis-venv
[ -x "$venv/bin/schemathesis" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q schemathesis; }
cargo build --quiet
out=$(mktemp)
"$target/debug/parcours" serve --port 0 --timeout-ms 20000 > "$out" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do grep -q 'http://' "$out" && break; sleep 0.1; done
addr=$(grep -o '127\.0\.0\.1:[0-9]*' "$out" | head -1)
"$venv/bin/schemathesis" run "http://$addr/api/v1/openapi.json" --url "http://$addr" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "${MAX_EXAMPLES:-50}"
