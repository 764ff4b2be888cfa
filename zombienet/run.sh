#!/usr/bin/env bash
# Multi-validator smoke test: spawns alice, bob and charlie as native
# nektar-node processes (local.toml) and runs the checks in smoke.zndsl.
#
# Usage: zombienet/run.sh [extra zombienet test args]
#
# Environment:
#   NEKTAR_NODE        absolute path of the node binary; default
#                      ${CARGO_TARGET_DIR:-$HOME/.cache/nektar/target}/release/nektar-node,
#                      falling back to a nektar-node already on PATH.
#   ZOMBIENET_RUN_DIR  where zombienet writes chain specs, node data and logs;
#                      default zombienet/logs/run-<timestamp> (git-ignored).
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

run_dir="$(realpath -m "${ZOMBIENET_RUN_DIR:-$HERE/logs/run-$(date +%Y%m%d-%H%M%S)}")"
mkdir -p "$(dirname "$run_dir")"
echo "network files and node logs: $run_dir"

# local.toml names the command `nektar-node` and zombienet looks it up on PATH:
# put exactly the chosen binary first, under that name.
bin_dir="$(dirname "$run_dir")/.bin-$(basename "$run_dir")"
mkdir -p "$bin_dir"
ln -sfn "$node_bin" "$bin_dir/nektar-node"
export PATH="$bin_dir:$(dirname "$node_bin"):$PATH"

# --- run, in a process group of its own ------------------------------------
# zombienet starts the nodes as its own children, so they share its process
# group; stopping that group stops every node, however the run ends.
zn_pgid=""
cleanup() {
	local status=$?
	trap - EXIT INT TERM
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
	left="$(pgrep -f -- "--base-path $run_dir" 2>/dev/null || true)"
	if [[ -n "$left" ]]; then
		echo "stopping leftover node processes: $left" >&2
		# shellcheck disable=SC2086
		kill -KILL $left 2>/dev/null || true
	fi
	rm -rf "$bin_dir"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

set +e
setsid "$zombienet_bin" -p native -l text -d "$run_dir" -f test "$HERE/smoke.zndsl" "$@" &
zn_pgid=$!
wait "$zn_pgid"
status=$?
set -e

if [[ $status -eq 0 ]]; then
	echo "zombienet smoke test passed (logs: $run_dir/logs)"
else
	echo "zombienet smoke test FAILED with status $status (logs: $run_dir/logs)" >&2
fi
exit "$status"
