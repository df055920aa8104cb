// Trunk pre_build hook (Trunk.toml), or by hand: bundles src/charts/echarts.mjs, the parts of
// ECharts the charts use, into build/echarts.js, the classic script index.html loads before the
// app. Minified; with ECHARTS_DEV=1, ECharts' development variant, which warns in the console
// about series and components used but not imported.
//
// The first line of the output names a hash of everything the bundle is made from (this script,
// the entry, the installed packages, the variant): when it matches, the build is skipped.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'src/charts/echarts.mjs');
const outfile = path.join(root, 'build/echarts.js');
const variant = process.env.ECHARTS_DEV === '1' ? 'development' : 'production';

const hash = createHash('sha256');
for (const file of [
  fileURLToPath(import.meta.url),
  entry,
  // npm rewrites it on every install: it lists the installed versions of echarts, zrender, esbuild.
  path.join(root, 'node_modules/.package-lock.json'),
]) {
  hash.update(await readFile(file));
}
hash.update(variant);
const stamp = hash.digest('hex').slice(0, 16);

const echartsVersion = JSON.parse(
  await readFile(path.join(root, 'node_modules/echarts/package.json'), 'utf8'),
).version;
// V8's compile hint comes first: it compiles every function as the script streams in, in the
// background, rather than each on its first call, which made the first chart drawn take the
// main thread ~150 ms longer. Then Apache ECharts' licence notice, as in its own
// dist/echarts.min.js; a minifier drops the sources' header comments.
const banner =
  `//# allFunctionsCalledOnLoad\n` +
  `/*! dealscope-echarts ${stamp} ${variant}: Apache ECharts ${echartsVersion} and ZRender, ` +
  `custom build of src/charts/echarts.mjs. Licensed under the Apache License, Version 2.0: ` +
  `http://www.apache.org/licenses/LICENSE-2.0 */`;

const previous = await readFile(outfile, 'utf8').catch(() => '');
if (previous.startsWith(banner)) {
  console.log(`echarts-bundle: build/echarts.js up to date (${variant})`);
  process.exit(0);
}

await mkdir(path.dirname(outfile), { recursive: true });
const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  minify: variant === 'production',
  // ECharts checks `process.env.NODE_ENV` for its development warnings.
  define: { 'process.env.NODE_ENV': JSON.stringify(variant) },
  banner: { js: banner },
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs)[0].bytes;
console.log(`echarts-bundle: build/echarts.js, ${bytes} bytes (${variant})`);
