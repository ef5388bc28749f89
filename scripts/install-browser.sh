#!/usr/bin/env bash
# Installs what the browser end-to-end test (tests/e2e/browser.rs) drives: Debian's `chromium`
# and `chromium-driver` (which provides `chromedriver`), with apt-get, only where missing.
# Idempotent and quiet; exits 1 with a message saying what to do when it cannot install.
set -euo pipefail
missing=()
command -v chromium > /dev/null 2>&1 || missing+=(chromium)
command -v chromedriver > /dev/null 2>&1 || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0
fail() {
    echo "install-browser.sh: cannot install ${missing[*]}: $1" >&2
    echo "  Install them as root on Debian/Ubuntu: apt-get install ${missing[*]}" >&2
    echo "  or skip the browser test: PARCOURS_SKIP_BROWSER=1 cargo test --workspace" >&2
    exit 1
}
command -v apt-get > /dev/null 2>&1 || fail "apt-get not found (not a Debian-like system)"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
        sudo=(sudo -n)
    else
        fail "not root, and sudo cannot run without a password"
    fi
else
    sudo=()
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq > /dev/null 2>&1 || fail "apt-get update failed"
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null 2>&1 \
    || fail "apt-get install failed"
command -v chromedriver > /dev/null 2>&1 || fail "chromedriver still not on PATH after installing"
