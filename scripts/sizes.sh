#!/usr/bin/env bash
# Prints the size of the release build's initial download: each file of dist/ raw and gzip -9,
# and the total of wasm, JavaScript and CSS. Run after `trunk build --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "sizes: no dist/ (run trunk build --release first)" >&2; exit 1; }

total_raw=0
total_gz=0
printf '%-44s %10s %10s\n' "file" "bytes" "gzip -9"
for f in dist/*.wasm dist/*.js dist/*.css dist/*.html; do
  [ -e "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
  case "$f" in *.html) ;; *) total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)) ;; esac
done
printf '%-44s %10d %10d\n' "total wasm + js + css" "$total_raw" "$total_gz"
printf 'initial download (gzip): %d KiB of the 1.5 MB budget\n' "$((total_gz / 1024))"
