#!/usr/bin/env bash
# The zombienet tests, each on a network of native nektar-node processes of its own:
# - smoke.zndsl (local.toml): alice, bob and charlie peer, author and finalize;
# - join.zndsl (join.toml): dave joins the validator set through Network 0, authors blocks and
#   leaves, while finality goes on;
# - faults.zndsl (faults.toml): four validators lose one, then two, of their number (SIGKILL)
#   and get them back; finality holds with three of four, stops with two and catches up; a
#   validator killed five times mid-import restarts on its own database;
# - upgrade.zndsl (upgrade.toml): with a Network, a DAM, two delegators' rewards and an open
#   penalty live, a Council motion upgrades the runtime to its next version
#   (scripts/build-upgrade.sh, run first when the upgrade test is asked for); the migration
#   runs, finality goes on and the state reads the same.
#
# Usage: zombienet/run.sh [test ...]   (the named tests at the same time; by default faults
#        alone, then smoke, join and upgrade together)
#
# Environment:
#   NEKTAR_NODE        absolute path of the node binary; default
#                      ${CARGO_TARGET_DIR:-$HOME/.cache/nektar/target}/release/nektar-node,
#                      falling back to a nektar-node already on PATH.
#   ZOMBIENET_RUN_DIR  where zombienet writes chain specs, node data and logs, one
#                      folder per test; default zombienet/logs/run-<timestamp>
#                      (git-ignored).
#
# Each test runs on a network of its own. The exit code is 0 when every
# assertion of every test passed, otherwise the first failed test's
# zombienet status: its number of failed assertions (100 if its network could
# not be launched).
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

# --- run the tests, each in a process group of its own, side by side ---------
# zombienet starts the nodes as its own children, so they share its process
# group; stopping that group stops every node, however the run ends. The
# networks pick free ports of their own, so the tests run at once; each one's
# output goes to <run>/<test>.out and is printed when it fails.
declare -A zn_pgids=()
stop_group() {
	local pgid="$1"
	if kill -0 -- "-$pgid" 2>/dev/null; then
		kill -TERM -- "-$pgid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 -- "-$pgid" 2>/dev/null || break
			sleep 0.5
		done
		kill -KILL -- "-$pgid" 2>/dev/null || true
	fi
}
stop_all() {
	local name
	for name in "${!zn_pgids[@]}"; do
		stop_group "${zn_pgids[$name]}"
		unset "zn_pgids[$name]"
	done
	# Anything still holding this run's directory (a node that left its group).
	local left
	left="$(pgrep -f -- "--base-path $run_root" 2>/dev/null || true)"
	if [[ -n "$left" ]]; then
		echo "stopping leftover node processes: $left" >&2
		# shellcheck disable=SC2086
		kill -KILL $left 2>/dev/null || true
	fi
}
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	stop_all
	rm -rf "$bin_dir"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tests=("$@")
if [ "${#tests[@]}" -gt 0 ]; then
	rounds=("${tests[*]}")
else
	# The fault test reads every slot's author, so it runs alone; the others share the machine.
	tests=(faults smoke join upgrade)
	rounds=("faults" "smoke join upgrade")
fi

# The upgrade test's next runtime and its in-process migration check.
if [[ " ${tests[*]} " == *" upgrade "* ]]; then
	mapfile -t next < <("$HERE/../scripts/build-upgrade.sh")
	export NEKTAR_NEXT_RUNTIME="${next[0]}" NEKTAR_UPGRADE_CHECK="${next[1]}"
	echo "next runtime: $NEKTAR_NEXT_RUNTIME"
fi

# Runs the tests named in "$1" at the same time; returns the first failed one's status.
run_round() {
	local -a round
	read -r -a round <<<"$1"
	local name status failed=0
	declare -A started=()
	for name in "${round[@]}"; do
		setsid "$zombienet_bin" -p native -l text -d "$run_root/$name" -f test "$HERE/$name.zndsl" \
			>"$run_root/$name.out" 2>&1 &
		zn_pgids[$name]=$!
		started[$name]=$(date +%s)
		echo "zombienet $name test started (output: $run_root/$name.out)"
	done
	for name in "${round[@]}"; do
		set +e
		wait "${zn_pgids[$name]}"
		status=$?
		set -e
		stop_group "${zn_pgids[$name]}"
		unset "zn_pgids[$name]"
		local took=$(($(stat -c %Y "$run_root/$name.out") - started[$name]))
		if [[ $status -ne 0 ]]; then
			echo "zombienet $name test FAILED with status $status after $took s (logs: $run_root/$name)" >&2
			tail -n 80 "$run_root/$name.out" >&2
			[[ $failed -ne 0 ]] || failed=$status
		else
			echo "zombienet $name test passed in $took s (logs: $run_root/$name)"
		fi
	done
	return "$failed"
}

for round in "${rounds[@]}"; do
	run_round "$round"
done
