#!/usr/bin/env bash
# Builds the upgrade rehearsal in its own target directory ($NEKTAR_UPGRADE_TARGET), so that the
# everyday build stays warm:
# - the runtime as its own next version (feature `upgrade-rehearsal`: spec_version + 1, and the
#   validators pallet's storage at version 2 through a checked migration), as the wasm a
#   running network upgrades to;
# - the in-process check of that upgrade (runtime/tests/upgrade.rs, with `try-runtime`), which
#   runs the migrations on a snapshot of a live network's state.
#
# It leaves the two where the zombienet upgrade suite looks for them and prints their paths:
#   $NEKTAR_UPGRADE_TARGET/next/nektar_runtime.compact.compressed.wasm
#   $NEKTAR_UPGRADE_TARGET/next/upgrade-check
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$NEKTAR_ROOT"

everyday="$CARGO_TARGET_DIR"
export CARGO_TARGET_DIR="$NEKTAR_UPGRADE_TARGET"
out="$CARGO_TARGET_DIR/next"
mkdir -p "$out"

# On the first build, start the wasm build from the everyday one: the dependencies of the
# runtime are the same, only the runtime and the validators pallet compile again.
if [[ ! -d "$CARGO_TARGET_DIR/release/wbuild" && -d "$everyday/release/wbuild" ]]; then
	echo "build-upgrade: seeding the wasm build from $everyday/release/wbuild" >&2
	mkdir -p "$CARGO_TARGET_DIR/release"
	cp -a "$everyday/release/wbuild" "$CARGO_TARGET_DIR/release/wbuild"
fi

# The native side is only checked; the build script builds the wasm in full.
cargo check --release --locked -p nektar-runtime --features upgrade-rehearsal
cp "$CARGO_TARGET_DIR/release/wbuild/nektar-runtime/nektar_runtime.compact.compressed.wasm" "$out/"

# The migration check runs natively: no wasm needed.
check="$(SKIP_WASM_BUILD=1 cargo test --release --locked -p nektar-runtime \
	--features try-runtime,upgrade-rehearsal --test upgrade --no-run --message-format=json |
	node -e '
		let exe = "";
		require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
			const message = JSON.parse(line);
			if (message.reason === "compiler-artifact" && message.target.name === "upgrade" && message.executable) exe = message.executable;
		}).on("close", () => { if (!exe) process.exit(1); console.log(exe); });
	')"
cp "$check" "$out/upgrade-check"

echo "$out/nektar_runtime.compact.compressed.wasm"
echo "$out/upgrade-check"
