// Generates src/spec/types.gen.ts from schema/cluster.schema.json.
// The types describe the spec *after* defaults are applied: every property with a default is required,
// so code never re-states a default; so is every property marked `x-profile-default` (filled from the profile). `--check` fails when the committed file has drifted.
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const schemaPath = new URL('../schema/cluster.schema.json', import.meta.url);
const outPath = new URL('../src/spec/types.gen.ts', import.meta.url);

/** Marks properties that carry a default as required: ajv fills them in before any code sees the spec. */
function requireDefaults(node) {
  if (Array.isArray(node)) return node.map(requireDefaults);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, requireDefaults(v)]));
  if (out.properties) {
    const withDefault = Object.entries(out.properties).filter(([, p]) => p && ('default' in p || p['x-profile-default'])).map(([k]) => k);
    if (withDefault.length) out.required = [...new Set([...(out.required ?? []), ...withDefault])];
  }
  return out;
}

export async function generate() {
  const schema = requireDefaults(JSON.parse(readFileSync(schemaPath, 'utf8')));
  return compile(schema, 'Cluster', {
    additionalProperties: false,
    bannerComment: '// Generated from schema/cluster.schema.json by scripts/gen-types.mjs. Do not edit.\n// Properties with a default are required here: these are the types of the spec after defaults.',
    style: { singleQuote: true },
  });
}

const text = await generate();
if (process.argv.includes('--check')) {
  if (readFileSync(outPath, 'utf8') !== text) {
    console.error('src/spec/types.gen.ts is stale: run `npm run gen:types`');
    process.exit(1);
  }
} else {
  writeFileSync(outPath, text);
}
