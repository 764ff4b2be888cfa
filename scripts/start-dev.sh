#!/usr/bin/env bash
# Sets up the machine, builds the node and starts a single-validator development chain.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$NEKTAR_ROOT/scripts/setup.sh"
"$NEKTAR_ROOT/scripts/build.sh"

RPC_PORT="${RPC_PORT:-9944}"
cat <<MSG

  Nektar development chain
  RPC endpoint: ws://127.0.0.1:${RPC_PORT}
  Polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A${RPC_PORT}#/explorer
  Stop it with Ctrl-C.

MSG
exec "$NEKTAR_NODE" --dev --rpc-port "$RPC_PORT" --rpc-cors all "$@"
