#!/usr/bin/env bash
# A bounded fuzz run of the import (CSV/TSV, JSON, xlsx entry points): `bash scripts/fuzz.sh [SECONDS]`.
# The kept corpus (fuzz/corpus/import) seeds it; what the run finds goes to a scratch folder, so
# the repository only changes when someone copies an interesting input in on purpose.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# libFuzzer's flags need a nightly compiler; RUSTC_BOOTSTRAP lets the stable one accept them.
export RUSTC_BOOTSTRAP=1
# libFuzzer prints a line per new input: keep the log, show its end (and all of it on failure).
log="$scratch/fuzz.log"
mkdir -p "$scratch/corpus"
if cargo fuzz run import --sanitizer none "$scratch/corpus" corpus/import -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 >"$log" 2>&1; then
  tail -n 25 "$log"
else
  tail -n 200 "$log"
  exit 1
fi
