import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, type LoadedSpec } from '../../src/spec/load.js';
import { repoRoot, TEST_ENV } from './cli.js';

/** Loads an example (optionally edited) with the test environment; throws on diagnostics. */
export function loadExample(name: string, edit: (text: string) => string = (t) => t, env: Record<string, string> = TEST_ENV): LoadedSpec {
  const text = edit(readFileSync(join(repoRoot, 'examples', name), 'utf8'));
  const r = loadSpec(text, `examples/${name}`, env);
  if (!r.spec) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  return r.spec;
}
