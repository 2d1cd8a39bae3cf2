import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../src/spec/load.js';
import type { Cluster } from '../../src/spec/types.gen.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
/** The checked-in tree (`dir`) rendered for `spec`; relative to the repository root. */
export const EXAMPLE_TREE = { spec: 'examples/two-node.yaml', dir: 'examples/gitops' } as const;

/**
 * The examples read credentials from the environment (`${env:NAME}`); the tree must never contain
 * them, so each gets a recognisable placeholder that tests look for: `placeholder-NAME`.
 */
export function placeholderEnv(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => [m[1]!, `placeholder-${m[1]}`]));
}

/** An example spec through the real loader: schema defaults, profile, validation. */
export function loadExample(file: string): Cluster {
  const text = readFileSync(file, 'utf8');
  const result = loadSpec(text, file, placeholderEnv(text));
  if (!result.spec) throw new Error(`${file} does not load: ${JSON.stringify(result.diagnostics)}`);
  return result.spec.cluster;
}

export function exampleSpecFiles(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(EXAMPLES, f));
}
