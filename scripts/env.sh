# Shared environment of the Nektar scripts. Source it; do not run it.
#
# The cargo target directory lives outside the checkout so that every clone (and CI) on a
# machine shares one warm build.

NEKTAR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NEKTAR_ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/nektar/target}"
# The runtime's wasm build runs its own cargo; it must use this workspace's Cargo.lock.
export WASM_BUILD_WORKSPACE_HINT="$NEKTAR_ROOT"
export NEKTAR_NODE="${NEKTAR_NODE:-$CARGO_TARGET_DIR/release/nektar-node}"
export PATH="$(dirname "$NEKTAR_NODE"):$HOME/.cargo/bin:$PATH"
# The upgrade rehearsal's own target directory (scripts/build-upgrade.sh): the runtime as its
# next version, built apart so that the everyday build stays warm.
export NEKTAR_UPGRADE_TARGET="${NEKTAR_UPGRADE_TARGET:-$HOME/.cache/nektar/upgrade-target}"
