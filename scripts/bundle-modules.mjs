// Bundles some of the project's TypeScript modules into one temporary ES module, so a plain `node`
// process (a benchmark, or a second "cto" process in a test) can import the real code.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `exports` are lines like `export { walk } from './src/executors/walk/walker.ts';`, relative to the repo root. */
export async function bundleModules(exports) {
  const out = join(await mkdtemp(join(tmpdir(), 'cto-bundle-')), 'bundle.mjs');
  await build({
    stdin: { contents: exports.join('\n'), resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'silent',
    // Some CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return out;
}
