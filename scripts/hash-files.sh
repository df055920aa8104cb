#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): gives content hashes to the files Trunk copies under their
# own names, as Trunk hashes every other asset, so that dist/ can be cached forever except
# index.html (and public/'s small unhashed scripts).
#
# - The Web Worker: Trunk names it after its binary (worker.js, worker_bg.wasm,
#   worker_loader.js) because the app must know the name at run time. They become
#   worker-<hash>.js and worker-<hash>_bg.wasm, the loader worker-<hash>_loader.js, and the
#   page's <meta name="dealscope-worker"> points at it (src/state/transport.rs reads it).
# - ECharts (echarts.js, copied; src/charts/start_echarts.js loads it): it becomes
#   echarts-<hash>.js, and the page's <meta name="dealscope-echarts"> points at it.
#
# index.html is rewritten by one sed, so scripts/csp-loader.mjs (run at the same time) reads it
# either before or after, never half done.
set -euo pipefail
cd "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
for f in worker.js worker_bg.wasm echarts.js; do
  [[ -f "$f" ]] || { echo "hash-files: no $f in $PWD" >&2; exit 1; }
done
for name in worker_loader.js echarts.js; do
  grep -q "${name//./\\.}" index.html || { echo "hash-files: index.html names no $name" >&2; exit 1; }
done

worker="$(cat worker.js worker_bg.wasm | sha256sum | cut -c1-16)"
mv worker.js "worker-$worker.js"
mv worker_bg.wasm "worker-${worker}_bg.wasm"
rm -f worker_loader.js
printf 'importScripts("./worker-%s.js");wasm_bindgen({module_or_path:"./worker-%s_bg.wasm"});\n' "$worker" "$worker" \
  >"worker-${worker}_loader.js"

charts="$(sha256sum echarts.js | cut -c1-16)"
mv echarts.js "echarts-$charts.js"

sed -i -e "s|worker_loader\.js|worker-${worker}_loader.js|g" -e "s|\./echarts\.js|./echarts-${charts}.js|g" index.html
echo "hash-files: worker-$worker, echarts-$charts"
