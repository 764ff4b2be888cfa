#!/usr/bin/env bash
# Builds the runtime and the node with the `runtime-benchmarks` feature (in their own target
# directory, so the everyday build stays lean) and regenerates weights measured on this machine:
#
# - each Nektar pallet's `weights.rs` (`benchmark pallet`, the pallet's own template);
# - the runtime's weights of every other benchmarked pallet and of the transaction extensions,
#   in `runtime/src/weights/` (`benchmark pallet`, the runtime template);
# - `storage`: the database's read and write costs, `runtime/src/weights/paritydb_weights.rs`
#   (`benchmark storage` on ParityDB, on the state a throughput run leaves: the development
#   preset with a populated marketplace and 2,000 funded accounts);
# - `overhead`: a block's and an extrinsic's base costs, `runtime/src/weights/block_weights.rs`
#   and `extrinsic_weights.rs` (`benchmark overhead`).
#
# Usage: scripts/benchmarks/run.sh [name ...]   (default: everything; names as above, such as
# `dam`, `pallet_balances`, `frame_system_extensions`, `storage`, `overhead`)
# STEPS and REPEAT (default 50 and 20) set the pallet benchmarks' sampling.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$NEKTAR_ROOT"

BENCH_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/nektar/bench-target}"
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
NEKTAR_PALLETS=(marketplace dam vaults rewards slashing validators)
RUNTIME_PALLETS=(frame_system frame_system_extensions pallet_balances pallet_transaction_payment
	pallet_timestamp pallet_sudo pallet_assets pallet_nfts pallet_multisig pallet_utility
	pallet_proxy pallet_collective pallet_membership pallet_preimage pallet_whitelist)
names=("$@")
[ "${#names[@]}" -gt 0 ] || names=("${NEKTAR_PALLETS[@]}" "${RUNTIME_PALLETS[@]}" storage overhead)

# The runtime first, with its benchmarks compiled in: the node measures this wasm blob.
CARGO_TARGET_DIR="$BENCH_TARGET_DIR" cargo build --release --locked -p nektar-runtime --features runtime-benchmarks
# Then the node. Its benchmarking CLI brings a test runtime of its own whose wasm build cannot
# resolve against this workspace, so wasm builds are skipped here: the node then embeds no
# runtime and is given the blob above through a chain spec.
CARGO_TARGET_DIR="$BENCH_TARGET_DIR" SKIP_WASM_BUILD=1 cargo build --release --locked -p nektar-node --features runtime-benchmarks
bench_node="$BENCH_TARGET_DIR/release/nektar-node"
runtime="$BENCH_TARGET_DIR/release/wbuild/nektar-runtime/nektar_runtime.compact.compressed.wasm"

# The development chain spec, from the everyday node; the same with the benchmarking runtime
# as code; and that one with the default genesis.
[ -x "$NEKTAR_NODE" ] || "$NEKTAR_ROOT/scripts/build.sh"
dev_spec="$BENCH_TARGET_DIR/dev-spec.json"
spec="$BENCH_TARGET_DIR/bench-spec.json"
empty_spec="$BENCH_TARGET_DIR/bench-empty-spec.json"
"$NEKTAR_NODE" build-spec --chain dev 2>/dev/null >"$dev_spec"
python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
spec["genesis"]["runtimeGenesis"]["code"] = "0x" + open(sys.argv[2], "rb").read().hex()
json.dump(spec, open(sys.argv[3], "w"))
spec["genesis"]["runtimeGenesis"]["patch"] = {}
json.dump(spec, open(sys.argv[4], "w"))
' "$dev_spec" "$runtime" "$spec" "$empty_spec"

pallet() {
	local name="$1" template="$2" output="$3"
	local genesis=(--chain "$spec" --genesis-builder=spec-runtime --genesis-builder-preset=development)
	# `pallet_assets` measures on the default genesis, which holds no asset: its
	# `migration_v2_foreign_asset_set_reserve_weight` expects to find only the one it creates.
	[ "$name" != pallet_assets ] || genesis=(--chain "$empty_spec" --genesis-builder=spec-genesis)
	echo "benchmarking $name"
	"$bench_node" benchmark pallet \
		"${genesis[@]}" \
		--pallet "$name" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--template "$template" \
		--output "$output" \
		--json-file "$BENCH_TARGET_DIR/$name.json"
}

for name in "${names[@]}"; do
	case " ${NEKTAR_PALLETS[*]} " in *" $name "*)
		pallet "pallet_$name" scripts/benchmarks/pallet-weights.hbs "pallets/$name/src/weights.rs"
		continue ;;
	esac
	case " ${RUNTIME_PALLETS[*]} " in *" $name "*)
		pallet "$name" scripts/benchmarks/runtime-weights.hbs "runtime/src/weights/$name.rs"
		continue ;;
	esac
	case "$name" in
	storage)
		# A state worth measuring: the everyday node's development chain after a throughput run.
		base="$(mktemp -d)"
		(cd e2e && node bench/throughput.mjs --count 2000 --base-path "$base")
		"$bench_node" benchmark storage \
			--chain "$dev_spec" \
			--base-path "$base" \
			--database paritydb \
			--state-version 1 \
			--batch-size 1000 \
			--template-path scripts/benchmarks/db-weights.hbs \
			--weight-path runtime/src/weights/
		rm -rf "$base"
		;;
	overhead)
		"$bench_node" benchmark overhead \
			--chain "$spec" \
			--genesis-builder=spec-runtime \
			--genesis-builder-preset=development \
			--weight-path runtime/src/weights/
		;;
	*)
		echo "unknown benchmark: $name" >&2
		exit 1
		;;
	esac
done

# A claim against the cheapest everyday call, measured in the same run.
if [[ " ${names[*]} " == *" rewards "* ]]; then
	"$bench_node" benchmark pallet \
		--chain "$spec" \
		--genesis-builder=spec-runtime \
		--genesis-builder-preset=development \
		--pallet pallet_balances \
		--extrinsic transfer_keep_alive \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--json-file "$BENCH_TARGET_DIR/balances.json" >/dev/null
	python3 scripts/benchmarks/compare.py "$BENCH_TARGET_DIR/pallet_rewards.json" claim_rewards \
		"$BENCH_TARGET_DIR/balances.json" transfer_keep_alive
fi

# The generated files follow the workspace's formatting.
cargo fmt --all
