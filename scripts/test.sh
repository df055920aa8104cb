#!/usr/bin/env bash
# Every check, in the order CI runs them: setup, rustfmt, native tests (engine and app),
# clippy, the release build (Trunk, wasm-opt), the browser tests against dist/.
# Exits non-zero if any step fails; the last line says which.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export TRUNK_SKIP_VERSION_CHECK=true

started=$SECONDS
failed=()
timings=()

# run NAME COMMAND...: runs one step, records its time and whether it failed.
run() {
  local name="$1"
  shift
  local t0=$SECONDS
  printf '\n==> %s: %s\n' "$name" "$*"
  if "$@"; then
    timings+=("$name $((SECONDS - t0))s")
  else
    timings+=("$name FAILED $((SECONDS - t0))s")
    failed+=("$name")
  fi
}

finish() {
  local IFS=','
  printf '\n==> summary: %s\n' "${timings[*]}" | sed 's/,/, /g'
  if [ ${#failed[@]} -eq 0 ]; then
    printf 'test.sh: ALL PASSED in %ss\n' "$((SECONDS - started))"
    exit 0
  fi
  printf 'test.sh: FAILED (%s) after %ss\n' "${failed[*]}" "$((SECONDS - started))"
  exit 1
}

run setup bash scripts/setup.sh
[ ${#failed[@]} -eq 0 ] || finish

run rustfmt cargo fmt --all -- --check
run cargo-test cargo test --workspace
run clippy cargo clippy --workspace --all-targets -- -D warnings
# The app's and the worker's browser code compiles for wasm only.
run clippy-wasm cargo clippy --target wasm32-unknown-unknown --bins -- -D warnings
run fuzz bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
run release-build trunk build --release
if [[ " ${failed[*]} " == *" release-build "* ]]; then
  printf '\n(browser tests skipped: no build to test)\n'
else
  run browser-tests node --test --test-reporter=spec tests/e2e/
fi
finish
