#!/usr/bin/env bash
# Dealscope benchmark (issue 7): prints figures, asserts nothing; never part of the test run.
#
#   bash bench/run.sh [--deals N] [bench.mjs options: --repeat K, --parts dealscope,duckdb,scan,native,
#                      --duckdb-bundle auto|eh|mvp|coi, --timeout-s S]
#
# 1. builds the CLI (cargo build --release -p engine → target/release/dealscope);
# 2. generates N deals (default 1,000,000; about N/5 customers) into bench/out/data-N unless present;
# 3. installs bench/node_modules (npm ci --prefix bench) when missing: DuckDB-WASM and
#    playwright-core live only here, so the main test run never downloads them;
# 4. checks for the app's release build in dist/ (part (a) is skipped with a message without it);
# 5. runs bench/bench.mjs, which prints the table and writes bench/out/results-N.json and
#    bench/out/duckdb-results-N.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
DEALS=1000000
PASS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --deals) DEALS="${2:?--deals needs a number}"; shift 2 ;;
    --deals=*) DEALS="${1#--deals=}"; shift ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) PASS+=("$1"); shift ;;
  esac
done
if ! [[ "$DEALS" =~ ^[0-9]+$ ]] || [[ "$DEALS" -lt 1 ]]; then
  echo "bench: --deals must be a positive whole number (got '$DEALS')" >&2
  exit 2
fi

CLI="$ROOT/target/release/dealscope"
echo "bench: building the CLI (cargo build --release -p engine)" >&2
if ! (cd "$ROOT" && cargo build --release -p engine --bin dealscope); then
  if [[ -x "$CLI" ]]; then
    echo "bench: the build failed; using the existing $CLI" >&2
  else
    echo "bench: the build failed and there is no $CLI" >&2
    exit 1
  fi
fi

DATA="$BENCH/out/data-$DEALS"
if [[ -f "$DATA/deals.csv" && -f "$DATA/customers.csv" && -f "$DATA/orders.csv" && -f "$DATA/surveys.csv" && -f "$DATA/spend.csv" ]]; then
  echo "bench: using the data in ${DATA#"$ROOT"/}" >&2
else
  echo "bench: generating $DEALS deals into ${DATA#"$ROOT"/}" >&2
  rm -rf "$DATA.tmp"
  mkdir -p "$DATA.tmp"
  "$CLI" generate --deals "$DEALS" --seed 42 --out "$DATA.tmp" >&2
  rm -rf "$DATA"
  mv "$DATA.tmp" "$DATA"
fi

if [[ ! -d "$BENCH/node_modules/@duckdb/duckdb-wasm" || ! -d "$BENCH/node_modules/playwright-core" ]]; then
  echo "bench: installing bench/node_modules (npm ci --prefix bench)" >&2
  npm ci --prefix "$BENCH" --no-audit --no-fund >&2
fi

if [[ ! -f "$ROOT/dist/index.html" ]]; then
  echo "bench: no dist/index.html: part (a) (Dealscope in the browser) will be skipped." >&2
  echo "bench: build the app first: \`trunk build --release\` at the repository root (or \`bash scripts/serve.sh\`)." >&2
fi

if [[ ! -x /usr/bin/chromium ]]; then
  echo "bench: /usr/bin/chromium is missing (apt-get install -y chromium)" >&2
  exit 1
fi

cd "$ROOT"
exec node "$BENCH/bench.mjs" --data "$DATA" --deals "$DEALS" --cli "$CLI" ${PASS[@]+"${PASS[@]}"}
