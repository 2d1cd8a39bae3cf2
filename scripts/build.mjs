// Bundles the CLI so start-up reads a few files instead of thousands; commands stay lazy-loaded chunks.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names are content hashes: without a clean start every build leaves the previous chunks behind.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { cto: 'src/cli/main.ts', demo: 'testenv/demo/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // undici is CommonJS that esbuild's dynamic-import interop cannot hand named exports through; node loads it fine.
  external: ['undici'],
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
