#!/usr/bin/env bash
# Installs what a fresh machine lacks to build, run and test the Nektar chain.
# It prints nothing when everything is already there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

say() { echo "setup: $*" >&2; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# System packages: protoc for the networking stack, mold to link quickly, Chromium for the
# app's browser tests.
missing=()
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v mold >/dev/null 2>&1 || missing+=(mold)
command -v cc >/dev/null 2>&1 || missing+=(build-essential)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
	say "installing ${missing[*]}"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust: the wasm targets and the standard library sources for the runtime build.
if ! command -v cargo >/dev/null 2>&1; then
	say "cargo is missing: install Rust with rustup first (https://rustup.rs)"
	exit 1
fi
installed_targets="$(rustup target list --installed)"
for target in wasm32v1-none wasm32-unknown-unknown; do
	if ! grep -qx "$target" <<<"$installed_targets"; then
		say "adding rust target $target"
		rustup target add "$target" >/dev/null
	fi
done
if ! rustup component list --installed | grep -q '^rust-src'; then
	say "adding rust component rust-src"
	rustup component add rust-src >/dev/null
fi
if ! cargo nextest --version >/dev/null 2>&1; then
	say "installing cargo-nextest"
	cargo install --locked cargo-nextest >/dev/null
fi

# npm packages of the app and of the end-to-end and zombienet suites.
for dir in app e2e zombienet; do
	pkg="$NEKTAR_ROOT/$dir"
	[ -f "$pkg/package-lock.json" ] || continue
	stamp="$pkg/node_modules/.package-lock.json"
	if [ ! -f "$stamp" ] || [ "$pkg/package-lock.json" -nt "$stamp" ]; then
		say "installing npm packages in $dir/"
		(cd "$pkg" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
	fi
done
