#!/usr/bin/env bash
# Builds the node with the `runtime-benchmarks` feature (in its own target directory, so the
# everyday build stays lean) and regenerates the weights of the Nektar pallets.
#
# Usage: scripts/benchmarks/run.sh [pallet ...]   (default: every Nektar pallet)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$NEKTAR_ROOT"

BENCH_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/nektar/bench-target}"
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
pallets=("$@")
[ "${#pallets[@]}" -gt 0 ] || pallets=(marketplace dam vaults)

# The runtime first, with its benchmarks compiled in: the node measures this wasm blob.
CARGO_TARGET_DIR="$BENCH_TARGET_DIR" cargo build --release --locked -p nektar-runtime --features runtime-benchmarks
# Then the node. Its benchmarking CLI brings a test runtime of its own whose wasm build cannot
# resolve against this workspace, and the node does not need any embedded wasm to benchmark
# the blob above, so wasm builds are skipped here.
CARGO_TARGET_DIR="$BENCH_TARGET_DIR" SKIP_WASM_BUILD=1 cargo build --release --locked -p nektar-node --features runtime-benchmarks
node="$BENCH_TARGET_DIR/release/nektar-node"
runtime="$BENCH_TARGET_DIR/release/wbuild/nektar-runtime/nektar_runtime.compact.compressed.wasm"

for pallet in "${pallets[@]}"; do
	echo "benchmarking pallet_${pallet}"
	"$node" benchmark pallet \
		--runtime "$runtime" \
		--genesis-builder=runtime \
		--genesis-builder-preset=development \
		--pallet "pallet_${pallet}" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--template scripts/benchmarks/pallet-weights.hbs \
		--output "pallets/${pallet}/src/weights.rs"
done
