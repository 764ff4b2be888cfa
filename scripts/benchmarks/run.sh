#!/usr/bin/env bash
# Builds the runtime and the node with the `runtime-benchmarks` feature (in their own target
# directory, so the everyday build stays lean) and regenerates the weights of the Nektar
# pallets.
#
# Usage: scripts/benchmarks/run.sh [pallet ...]   (default: every Nektar pallet)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$NEKTAR_ROOT"

BENCH_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/nektar/bench-target}"
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
pallets=("$@")
[ "${#pallets[@]}" -gt 0 ] || pallets=(marketplace dam vaults rewards slashing)

# The runtime first, with its benchmarks compiled in: the node measures this wasm blob.
CARGO_TARGET_DIR="$BENCH_TARGET_DIR" cargo build --release --locked -p nektar-runtime --features runtime-benchmarks
# Then the node. Its benchmarking CLI brings a test runtime of its own whose wasm build cannot
# resolve against this workspace, so wasm builds are skipped here: the node then embeds no
# runtime and is given the blob above through a chain spec.
CARGO_TARGET_DIR="$BENCH_TARGET_DIR" SKIP_WASM_BUILD=1 cargo build --release --locked -p nektar-node --features runtime-benchmarks
bench_node="$BENCH_TARGET_DIR/release/nektar-node"
runtime="$BENCH_TARGET_DIR/release/wbuild/nektar-runtime/nektar_runtime.compact.compressed.wasm"

# The development chain spec, from the everyday node, with the benchmarking runtime as code.
[ -x "$NEKTAR_NODE" ] || "$NEKTAR_ROOT/scripts/build.sh"
spec="$BENCH_TARGET_DIR/bench-spec.json"
"$NEKTAR_NODE" build-spec --chain dev 2>/dev/null | python3 -c '
import json, sys
spec = json.load(sys.stdin)
spec["genesis"]["runtimeGenesis"]["code"] = "0x" + open(sys.argv[1], "rb").read().hex()
json.dump(spec, open(sys.argv[2], "w"))
' "$runtime" "$spec"

for pallet in "${pallets[@]}"; do
	echo "benchmarking pallet_${pallet}"
	"$bench_node" benchmark pallet \
		--chain "$spec" \
		--genesis-builder=spec-runtime \
		--genesis-builder-preset=development \
		--pallet "pallet_${pallet}" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--template scripts/benchmarks/pallet-weights.hbs \
		--output "pallets/${pallet}/src/weights.rs" \
		--json-file "$BENCH_TARGET_DIR/${pallet}.json"
done
# A claim against the cheapest everyday call, measured in the same run.
if [[ " ${pallets[*]} " == *" rewards "* ]]; then
	"$bench_node" benchmark pallet \
		--chain "$spec" \
		--genesis-builder=spec-runtime \
		--genesis-builder-preset=development \
		--pallet pallet_balances \
		--extrinsic transfer_keep_alive \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--json-file "$BENCH_TARGET_DIR/balances.json" >/dev/null
	python3 scripts/benchmarks/compare.py "$BENCH_TARGET_DIR/rewards.json" claim_rewards \
		"$BENCH_TARGET_DIR/balances.json" transfer_keep_alive
fi

# The generated files follow the workspace's formatting.
cargo fmt --all
