#!/usr/bin/env bash
# Builds the node, the runtime and every test target in one release build, so that running
# the chain and running the tests share the same artefacts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$NEKTAR_ROOT"
cargo build --release --locked --workspace --all-targets "$@"
