// Generates src/spec/validate.gen.js (and its .d.ts) from schema/cluster.schema.json: ajv's standalone
// code for the spec validator. Compiling the schema at run time cost most of a cold `cto validate`;
// this is the same code ajv would have compiled, written once. `--check` fails when it has drifted.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import addFormats from 'ajv-formats';
import { _, Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

const schemaPath = new URL('../schema/cluster.schema.json', import.meta.url);
const jsPath = new URL('../src/spec/validate.gen.js', import.meta.url);
const dtsPath = new URL('../src/spec/validate.gen.d.ts', import.meta.url);

const banner = '// Generated from schema/cluster.schema.json by scripts/gen-validator.mjs. Do not edit.';

async function generate() {
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    // The generated code takes its format checks from src/spec/formats.ts (ajv-formats' full set,
    // with a fast path for `uri`); ajv-formats registers the same formats here for compiling.
    code: { source: true, esm: true, lines: true, formats: _`require("./src/spec/formats.ts").formats` },
  });
  ajv.addKeyword('x-sensitive').addKeyword('x-profile-default');
  addFormats.default(ajv);
  const code = standaloneCode.default(ajv, ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8'))));
  return `${banner}\n${await withHelpers(code)}`;
}

/**
 * ajv's output still `require`s its run-time helpers (format checks, string length). Bundling them in
 * leaves a file with no imports, so node, vitest and the esbuild bundle all run the same code
 * (their CommonJS interop differs) and start-up does not search node_modules for them.
 */
async function withHelpers(code) {
  // Paths in the output are relative to the repository and its node_modules as seen, whatever the cwd.
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { outputFiles } = await build({
    stdin: { contents: code, resolveDir: root, sourcefile: 'validate.gen.js' },
    absWorkingDir: root,
    preserveSymlinks: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  return outputFiles[0].text;
}

const dts = `${banner}
import type { ValidateFunction } from 'ajv';

/** Validates a spec against the schema, filling in defaults; errors are left on \`validate.errors\`. */
export declare const validate: ValidateFunction;
export default validate;
`;

const js = await generate();
if (process.argv.includes('--check')) {
  if (readFileSync(jsPath, 'utf8') !== js || readFileSync(dtsPath, 'utf8') !== dts) {
    console.error('src/spec/validate.gen.js is stale: run `npm run gen:validator`');
    process.exit(1);
  }
} else {
  writeFileSync(jsPath, js);
  writeFileSync(dtsPath, dts);
}
