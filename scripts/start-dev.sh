#!/usr/bin/env bash
# Sets up the machine, builds the node and the app, starts a single-validator development chain
# and serves the app beside it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$NEKTAR_ROOT/scripts/setup.sh"
"$NEKTAR_ROOT/scripts/build.sh"

(cd "$NEKTAR_ROOT/app" && npm run --silent build >/dev/null)

RPC_PORT="${RPC_PORT:-9944}"
APP_PORT="${APP_PORT:-8080}"
node "$NEKTAR_ROOT/app/scripts/serve.mjs" --port "$APP_PORT" >/dev/null &
app_server=$!
trap 'kill "$app_server" 2>/dev/null || true' EXIT
cat <<MSG

  Nektar development chain
  RPC endpoint: ws://127.0.0.1:${RPC_PORT}
  Nektar app: http://127.0.0.1:${APP_PORT}/?rpc=ws%3A%2F%2F127.0.0.1%3A${RPC_PORT}
  Polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A${RPC_PORT}#/explorer
  Stop it with Ctrl-C.

MSG
"$NEKTAR_NODE" --dev --rpc-port "$RPC_PORT" --rpc-cors all "$@"
