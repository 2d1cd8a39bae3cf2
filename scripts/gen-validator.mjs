// Generates src/spec/validate.gen.js (and its .d.ts) from schema/cluster.schema.json: ajv's standalone
// code for the spec validator. Compiling the schema at run time cost most of a cold `cto validate`;
// this is the same code ajv would have compiled, written once. `--check` fails when it has drifted.
import { readFileSync, writeFileSync } from 'node:fs';
import addFormats from 'ajv-formats';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const schemaPath = new URL('../schema/cluster.schema.json', import.meta.url);
const jsPath = new URL('../src/spec/validate.gen.js', import.meta.url);
const dtsPath = new URL('../src/spec/validate.gen.d.ts', import.meta.url);

const banner = '// Generated from schema/cluster.schema.json by scripts/gen-validator.mjs. Do not edit.';

function generate() {
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    code: { source: true, esm: true, lines: true },
  });
  ajv.addKeyword('x-sensitive').addKeyword('x-profile-default');
  addFormats.default(ajv);
  const code = standaloneCode.default(ajv, ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8'))));
  return `${banner}\n${withRequire(code)}`;
}

/**
 * ajv names its run-time helpers (format checks, string length) as `require("…")` even in ESM output.
 * A real `require` keeps them exactly as ajv meant: a default import of these CommonJS files would be
 * `module.exports` for node and esbuild but the unwrapped `.default` for vitest.
 */
function withRequire(code) {
  const body = code.replace(/^"use strict";\n/, '');
  return `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${body}\n`;
}

const dts = `${banner}
import type { ValidateFunction } from 'ajv';

/** Validates a spec against the schema, filling in defaults; errors are left on \`validate.errors\`. */
export declare const validate: ValidateFunction;
export default validate;
`;

const js = generate();
if (process.argv.includes('--check')) {
  if (readFileSync(jsPath, 'utf8') !== js || readFileSync(dtsPath, 'utf8') !== dts) {
    console.error('src/spec/validate.gen.js is stale: run `npm run gen:validator`');
    process.exit(1);
  }
} else {
  writeFileSync(jsPath, js);
  writeFileSync(dtsPath, dts);
}
