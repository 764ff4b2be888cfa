#!/usr/bin/env bash
# The throughput benchmark (e2e/bench/throughput.mjs): a `nektar-node --dev` of its own on
# 127.0.0.1 with raised pool limits, N pre-signed extrinsics per kind (transfers, deposits into
# DAMs tracking no and one reward token, reward claims, and transfers and deposits mixed),
# flooded one kind after another. Prints per-block inclusion, the ratio to transfers, weight
# fill, each full block's weight against its re-execution, the deposit fee quoted against the
# fee paid, and the throughput goals, met or not.
#
# Usage: scripts/bench/throughput.sh [--count N] [--timeout S] [--goals]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$NEKTAR_ROOT"
[ -x "$NEKTAR_NODE" ] || "$NEKTAR_ROOT/scripts/build.sh"
[ -d e2e/node_modules ] || (cd e2e && npm ci --no-audit --no-fund)
cd e2e && exec node bench/throughput.mjs "$@"
