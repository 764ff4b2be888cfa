#!/usr/bin/env bash
# The load test (e2e/bench/flood.mjs): a `nektar-node --dev` of its own on 127.0.0.1, 2,000
# funded accounts, one pre-signed extrinsic each (deposits, withdrawal requests, reward claims
# and transfers), submitted at once. Prints per-block inclusion, TPS per kind and block fill.
#
# Usage: scripts/bench/flood.sh [--accounts N] [--timeout S]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$NEKTAR_ROOT"
[ -x "$NEKTAR_NODE" ] || "$NEKTAR_ROOT/scripts/build.sh"
[ -d e2e/node_modules ] || (cd e2e && npm ci --no-audit --no-fund)
cd e2e && exec node bench/flood.mjs "$@"
