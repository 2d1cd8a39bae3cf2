// Bundles the CLI so start-up reads a few files instead of thousands; commands stay lazy-loaded chunks.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // undici is CommonJS that esbuild's dynamic-import interop cannot hand named exports through; node loads it fine.
  external: ['undici'],
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

// dist/ is what the npm package ships (package.json `files`), so it holds the CLI alone; the demo is a
// test harness and gets a folder of its own, or its chunks would ship too.
const outputs = { dist: { cto: 'src/cli/main.ts' }, 'dist-demo': { demo: 'testenv/demo/main.ts' } };

// Chunk names are content hashes: without a clean start every build leaves the previous chunks behind.
for (const dir of Object.keys(outputs)) rmSync(dir, { recursive: true, force: true });
await Promise.all(Object.entries(outputs).map(([outdir, entryPoints]) => build({ ...common, entryPoints, outdir })));
