#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (PostgreSQL server binaries; Chromium for the
# end-to-end tests of the web app, driven by Playwright), once.
# Idempotent: skips what is present. Works as root; otherwise uses sudo when it can.
set -euo pipefail

need=()
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1; then
    need+=(postgresql)
fi
if ! command -v chromium >/dev/null 2>&1; then
    need+=(chromium)
fi

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "system-deps: need ${need[*]} from Debian; run as root: apt-get install ${need[*]}" >&2
    exit 1
fi

echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
