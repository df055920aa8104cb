#!/usr/bin/env bash
# Builds the release site and serves it on http://127.0.0.1:8080 (demo data on first open).
# PORT=9000 bash scripts/serve.sh to use another port.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

bash scripts/setup.sh
trunk build --release
exec node tests/e2e/server.mjs --root dist --port "${PORT:-8080}"
