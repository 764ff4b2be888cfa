#!/usr/bin/env bash
# Sets up the machine, builds once, and runs every test suite of the Nektar chain:
# formatting, the Rust tests, a short campaign of the whole-runtime fuzzer, clippy, the
# end-to-end tests against a real node with the app's tests in a browser beside them, the
# zombienet network tests (faults, then smoke, join and a runtime upgrade through the Council,
# side by side) and the Docker configuration check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$NEKTAR_ROOT"

"$NEKTAR_ROOT/scripts/setup.sh"

stage() {
	local name="$1"
	shift
	echo "==> $name"
	local start=$SECONDS
	"$@"
	echo "==> $name passed in $((SECONDS - start)) s"
}

stage "format" cargo fmt --all --check
stage "build" "$NEKTAR_ROOT/scripts/build.sh"
stage "rust tests" cargo nextest run --release --locked --workspace --no-fail-fast
# Two seeds of 10,000 calls each, with the binary the build made (`cargo run -p` alone would
# resolve the runtime's features again and rebuild it); NEKTAR_FUZZ_SEED picks other seeds.
stage "fuzz" "$CARGO_TARGET_DIR/release/nektar-fuzz" --seed "${NEKTAR_FUZZ_SEED:-1}" --seeds 2 --calls 10000
stage "lint" cargo clippy --release --locked --workspace --all-targets -- -D warnings
# The upgrade rehearsal builds in its own target directory, at the lowest priority, while the
# end-to-end tests mostly wait on blocks; the zombienet stage needs it.
upgrade_log="$(mktemp)"
setsid nice -n 19 "$NEKTAR_ROOT/scripts/build-upgrade.sh" >"$upgrade_log" 2>&1 &
upgrade_build=$!
trap 'kill -- "-$upgrade_build" 2>/dev/null || true' EXIT
upgrade_built() {
	if ! wait "$upgrade_build"; then
		cat "$upgrade_log"
		return 1
	fi
	tail -n 2 "$upgrade_log"
}
# The app: built against the runtime just built (a changed call fails its type check), its
# helpers' unit tests, then Chromium driving it against a dev node of its own. It runs beside
# the end-to-end tests: both mostly wait on their own nodes' blocks.
app_log="$(mktemp)"
setsid bash -c 'cd app && npm run build && npm test' >"$app_log" 2>&1 &
app_tests=$!
trap 'kill -- "-$upgrade_build" "-$app_tests" 2>/dev/null || true' EXIT
app_tested() {
	if ! wait "$app_tests"; then
		cat "$app_log"
		return 1
	fi
	grep -E '^# (tests|pass|fail|duration_ms)' "$app_log"
}
stage "end-to-end tests" bash -c 'cd e2e && npm test'
stage "app" app_tested
stage "docker configuration" node --test docker/config.test.mjs
stage "upgrade rehearsal build" upgrade_built
stage "zombienet" "$NEKTAR_ROOT/zombienet/run.sh"
echo "all suites passed"
