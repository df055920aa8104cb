// Trunk post-build hook (Trunk.toml): moves the module script Trunk writes inline into
// index.html (it imports the app's hashed JS and starts its wasm) into a file of its own,
// app-<hash>.js, so the page runs with no inline script under its content security policy
// (public/csp.js).
//
// Trunk runs post_build hooks at the same time: this waits until scripts/hash-files.sh has
// rewritten index.html (no worker_loader.js left) before touching it.

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-loader: run by trunk as a post_build hook');
  process.exit(1);
}
const index = path.join(dir, 'index.html');

let html = await readFile(index, 'utf8');
for (let i = 0; i < 200 && html.includes('worker_loader.js'); i++) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  html = await readFile(index, 'utf8');
}

const inline = /<script type="?module"?>([\s\S]*?)<\/script>/i;
const match = html.match(inline);
if (!match) {
  console.error('csp-loader: index.html has no inline module script');
  process.exit(1);
}
const code = match[1].trim() + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `app-${hash}.js`;
await writeFile(path.join(dir, name), code);
html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) {
  console.error('csp-loader: index.html still has an inline script');
  process.exit(1);
}
await writeFile(index, html);
console.log(`csp-loader: ${name}`);
