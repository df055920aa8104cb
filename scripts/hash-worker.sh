#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): gives the Web Worker's files content hashes, as Trunk
# gives every other asset, so that dist/ can be cached forever except index.html.
#
# Trunk names a worker after its binary (worker.js, worker_bg.wasm, worker_loader.js) because
# the app must know the name at run time. This renames them to worker-<hash>.js and
# worker-<hash>_bg.wasm, writes the loader as worker-<hash>_loader.js, and points the page's
# <meta name="dealscope-worker"> at it (src/state/transport.rs reads it).
set -euo pipefail
cd "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
[[ -f worker.js && -f worker_bg.wasm ]] || { echo "hash-worker: no worker.js/worker_bg.wasm in $PWD" >&2; exit 1; }
hash="$(cat worker.js worker_bg.wasm | sha256sum | cut -c1-16)"
mv worker.js "worker-$hash.js"
mv worker_bg.wasm "worker-${hash}_bg.wasm"
rm -f worker_loader.js
printf 'importScripts("./worker-%s.js");wasm_bindgen({module_or_path:"./worker-%s_bg.wasm"});\n' "$hash" "$hash" \
  >"worker-${hash}_loader.js"
grep -q 'worker_loader\.js' index.html || { echo "hash-worker: index.html names no worker_loader.js" >&2; exit 1; }
sed -i "s|worker_loader\.js|worker-${hash}_loader.js|g" index.html
echo "hash-worker: worker-$hash"
