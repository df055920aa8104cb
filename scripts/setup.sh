#!/usr/bin/env bash
# Installs what building and testing Dealscope needs, and only what is missing:
#   the wasm32 Rust target, Trunk 0.21.14, the wasm-bindgen CLI matching Cargo.lock,
#   cargo-fuzz, the npm packages of package-lock.json (ECharts, esbuild, wasm-opt, playwright-core),
#   Chromium.
# Safe to run again: each step checks first and says what it found or did.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
apt_install() {
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The Rust toolchain itself comes with the machine (rustup); we only add the wasm target.
command -v cargo >/dev/null || { say "cargo not found: install Rust with rustup first"; exit 1; }
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk: 0.22 needs a newer rustc than this machine's, so pin 0.21.14.
have_trunk="$(trunk --version 2>/dev/null || true)"
if [ "$have_trunk" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}; takes ~8 min)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen CLI: must equal the wasm-bindgen crate that Cargo.lock resolves.
wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
if [ -z "$wb_version" ]; then
  say "no wasm-bindgen in Cargo.lock: run 'cargo generate-lockfile' or a build first"
  exit 1
fi
have_wb="$(wasm-bindgen --version 2>/dev/null || true)"
if [ "$have_wb" = "wasm-bindgen $wb_version" ]; then
  say "wasm-bindgen-cli $wb_version: present"
else
  say "installing wasm-bindgen-cli $wb_version (found: ${have_wb:-none}; takes ~3 min)"
  cargo install wasm-bindgen-cli --version "$wb_version" --locked --force
fi

# cargo-fuzz for the bounded fuzz run of the import (it builds on stable with RUSTC_BOOTSTRAP).
FUZZ_VERSION=0.13.2
have_fuzz="$(cargo fuzz --version 2>/dev/null || true)"
if [ "$have_fuzz" = "cargo-fuzz $FUZZ_VERSION" ]; then
  say "cargo-fuzz $FUZZ_VERSION: present"
else
  say "installing cargo-fuzz $FUZZ_VERSION (found: ${have_fuzz:-none}; takes ~2 min)"
  cargo install cargo-fuzz --version "$FUZZ_VERSION" --locked --force
fi

# Node.js and npm come with the machine; Debian's are a fallback.
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# npm packages, exactly as package-lock.json says; reinstalled when the lock file changes.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.dealscope-lock.sha256
if [ -d node_modules ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$lock_sum" ]; then
  say "node_modules: up to date with package-lock.json"
else
  say "npm ci (node_modules missing or older than package-lock.json)"
  npm ci --no-audit --no-fund
  echo "$lock_sum" >"$stamp"
fi

# Chromium for the browser tests (playwright-core drives it; it never downloads a browser).
if [ -x /usr/bin/chromium ]; then
  say "chromium: present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
else
  apt_install chromium
fi

say "done"
