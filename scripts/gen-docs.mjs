// Generates docs/spec.md from the schema's descriptions, so the reference can never disagree with
// the contract. `--check` fails when the committed file is stale (a test runs it).
import { readFileSync, writeFileSync } from 'node:fs';

const schema = JSON.parse(readFileSync(new URL('../schema/cluster.schema.json', import.meta.url), 'utf8'));
const outPath = new URL('../docs/spec.md', import.meta.url);

const deref = (node) => (node?.$ref ? { ...schema.$defs[node.$ref.replace('#/$defs/', '')], ...node } : node);

function typeOf(node) {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${v}\``).join(' \\| ');
  if (node.type === 'array') return `list of ${node.items?.type ?? 'values'}`;
  if (node.oneOf) return node.oneOf.map((b) => (b.$ref ? b.$ref.replace('#/$defs/', '') : typeOf(b))).join(' or ');
  return node.type ?? 'value';
}

const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function rows(node, path, out) {
  const props = node.properties ?? {};
  const required = new Set(node.required ?? []);
  for (const [name, raw] of Object.entries(props)) {
    const p = deref(raw);
    const here = path ? `${path}.${name}` : name;
    const def = p.default !== undefined ? `\`${JSON.stringify(p.default)}\`` : p['x-profile-default'] ? 'from `profile`' : required.has(name) ? '**required**' : '';
    out.push(`| \`${here}\` | ${typeOf(p)} | ${def} | ${esc(p.description ?? '')}${p['x-sensitive'] ? ' *(secret)*' : ''} |`);
    if (p.type === 'object' && p.properties) rows(p, here, out);
    // A field that is a path or a selector documents the selector's fields under its own name.
    const selector = (p.oneOf ?? []).map(deref).find((b) => b.type === 'object' && b.properties);
    if (selector) rows(selector, here, out);
  }
  return out;
}

export function render() {
  const lines = [
    '<!-- Generated from schema/cluster.schema.json by scripts/gen-docs.mjs. Do not edit. -->',
    '# The cluster spec',
    '',
    schema.description,
    '',
    'Editors validate a spec as you type when its first line names the schema:',
    '',
    '```yaml',
    '# yaml-language-server: $schema=../schema/cluster.schema.json',
    '```',
    '',
    'Any string may use `${env:NAME}`; values read from the environment are treated as secrets unless the field says otherwise.',
    '',
    '| field | type | default | description |',
    '|---|---|---|---|',
    ...rows(schema, '', []),
    '',
  ];
  return lines.join('\n');
}

const text = render();
if (process.argv.includes('--check')) {
  if (readFileSync(outPath, 'utf8') !== text) {
    console.error('docs/spec.md is stale: run `npm run gen:docs`');
    process.exit(1);
  }
} else writeFileSync(outPath, text);
