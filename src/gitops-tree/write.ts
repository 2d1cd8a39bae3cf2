import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CtoError } from '../diagnostics/error.js';
import type { Cluster } from '../spec/types.gen.js';
import { renderGitopsTree } from './render.js';
import { kindOfPath } from './tree-files.js';

/**
 * Writes the starter tree into the repository checkout `dir`. Refuses, before
 * writing anything, when a file already exists, unless `force`; returns the
 * paths written.
 */
export async function writeGitopsTree(spec: Cluster, dir: string, options: { force?: boolean } = {}): Promise<string[]> {
  const files = renderGitopsTree(spec).map((f) => ({ ...f, target: path.join(dir, f.path) }));
  if (!options.force) {
    const existing: Diagnostic[] = [];
    for (const f of files) {
      if ((await kindOfPath(f.target)) !== 'missing') {
        existing.push({
          severity: 'error',
          file: f.target,
          message: `${f.target} already exists; not overwriting it`,
          hint: 'pass --force to overwrite the starter tree files (other files in the tree are left alone)',
        });
      }
    }
    if (existing.length > 0) throw new CtoError(existing);
  }
  for (const f of files) {
    await fs.mkdir(path.dirname(f.target), { recursive: true });
    await fs.writeFile(f.target, f.content);
  }
  return files.map((f) => f.target);
}
