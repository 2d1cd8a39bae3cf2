import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../src/spec/load.js';
import type { Cluster } from '../../src/spec/types.gen.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
/** The checked-in tree (`dir`) rendered for `spec`; relative to the repository root. */
export const EXAMPLE_TREE = { spec: 'examples/two-node.yaml', dir: 'examples/gitops' } as const;

/** The examples read their credentials from the environment; the tree never contains them, so any value does. */
const PLACEHOLDER_ENV = { LATITUDE_PROJECT_ID: 'example-project', LATITUDE_API_KEY: 'example-api-key' };

/** An example spec through the real loader: schema defaults, profile, validation. */
export function loadExample(file: string): Cluster {
  const result = loadSpec(readFileSync(file, 'utf8'), file, PLACEHOLDER_ENV);
  if (!result.spec) throw new Error(`${file} does not load: ${JSON.stringify(result.diagnostics)}`);
  return result.spec.cluster;
}

export function exampleSpecFiles(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(EXAMPLES, f));
}
