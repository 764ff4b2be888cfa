#!/usr/bin/env bash
# The zombienet tests, each on a network of native nektar-node processes of its own:
# - smoke.zndsl (local.toml): alice, bob and charlie peer, author and finalize;
# - join.zndsl (join.toml): dave joins the validator set through Network 0, authors blocks and
#   leaves, while finality goes on;
# - faults.zndsl (faults.toml): four validators lose one, then two, of their number (SIGKILL)
#   and get them back; finality holds with three of four, stops with two and catches up; a
#   validator killed five times mid-import restarts on its own database.
#
# Usage: zombienet/run.sh [test ...]   (default: smoke join faults)
#
# Environment:
#   NEKTAR_NODE        absolute path of the node binary; default
#                      ${CARGO_TARGET_DIR:-$HOME/.cache/nektar/target}/release/nektar-node,
#                      falling back to a nektar-node already on PATH.
#   ZOMBIENET_RUN_DIR  where zombienet writes chain specs, node data and logs, one
#                      folder per test; default zombienet/logs/run-<timestamp>
#                      (git-ignored).
#
# The exit code is zombienet's: 0 when every assertion passed, otherwise the
# number of failed assertions (100 if the network could not be launched).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

# --- the node binary -------------------------------------------------------
default_node="${CARGO_TARGET_DIR:-$HOME/.cache/nektar/target}/release/nektar-node"
if [[ -n "${NEKTAR_NODE:-}" ]]; then
	node_bin="$NEKTAR_NODE"
elif [[ -x "$default_node" ]]; then
	node_bin="$default_node"
elif command -v nektar-node >/dev/null 2>&1; then
	node_bin="$(command -v nektar-node)"
else
	node_bin="$default_node"
fi
if [[ ! -x "$node_bin" ]]; then
	echo "error: nektar-node not found at '$node_bin'." >&2
	echo "       Build it with 'cargo build --release -p nektar-node', or set NEKTAR_NODE" >&2
	echo "       to the absolute path of the binary." >&2
	exit 2
fi
case "$node_bin" in
/*) ;;
*) node_bin="$(cd "$(dirname "$node_bin")" && pwd)/$(basename "$node_bin")" ;;
esac
export NEKTAR_NODE="$node_bin"
echo "using $("$node_bin" --version 2>/dev/null || echo "$node_bin")"

# --- zombienet itself ------------------------------------------------------
if [[ ! -d node_modules/@zombienet/cli ]]; then
	npm ci --no-audit --no-fund
fi
zombienet_bin="$HERE/node_modules/.bin/zombienet"

run_root="$(realpath -m "${ZOMBIENET_RUN_DIR:-$HERE/logs/run-$(date +%Y%m%d-%H%M%S)}")"
mkdir -p "$run_root"
echo "network files and node logs: $run_root"

# The network files name the command `nektar-node` and zombienet looks it up on PATH:
# put exactly the chosen binary first, under that name.
bin_dir="$run_root/.bin"
mkdir -p "$bin_dir"
ln -sfn "$node_bin" "$bin_dir/nektar-node"
export PATH="$bin_dir:$(dirname "$node_bin"):$PATH"

# --- run each test, in a process group of its own --------------------------
# zombienet starts the nodes as its own children, so they share its process
# group; stopping that group stops every node, however the run ends.
zn_pgid=""
stop_group() {
	if [[ -n "$zn_pgid" ]] && kill -0 -- "-$zn_pgid" 2>/dev/null; then
		kill -TERM -- "-$zn_pgid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 -- "-$zn_pgid" 2>/dev/null || break
			sleep 0.5
		done
		kill -KILL -- "-$zn_pgid" 2>/dev/null || true
	fi
	# Anything still holding this run's directory (a node that left the group).
	local left
	left="$(pgrep -f -- "--base-path $run_root" 2>/dev/null || true)"
	if [[ -n "$left" ]]; then
		echo "stopping leftover node processes: $left" >&2
		# shellcheck disable=SC2086
		kill -KILL $left 2>/dev/null || true
	fi
	zn_pgid=""
}
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	stop_group
	rm -rf "$bin_dir"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tests=("$@")
[ "${#tests[@]}" -gt 0 ] || tests=(smoke join faults)
for name in "${tests[@]}"; do
	run_dir="$run_root/$name"
	start=$SECONDS
	set +e
	setsid "$zombienet_bin" -p native -l text -d "$run_dir" -f test "$HERE/$name.zndsl" &
	zn_pgid=$!
	wait "$zn_pgid"
	status=$?
	set -e
	stop_group
	if [[ $status -ne 0 ]]; then
		echo "zombienet $name test FAILED with status $status (logs: $run_dir)" >&2
		exit "$status"
	fi
	echo "zombienet $name test passed in $((SECONDS - start)) s (logs: $run_dir)"
done
